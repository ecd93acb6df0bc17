// wasm/README.md is the engine's JSON contract; this keeps it true. Every entry point of
// wasm/core/api.h has a section there; each runs here on fixtures (the profile fixtures, the
// fuzzers' seed inputs and bad inputs made from them), and the top-level keys of its answers must
// be exactly the keys its section's table lists; every error id the core's code can return (the
// ids written in wasm/core, and those the runs return) must be in the README's error table,
// which may name no other. Failures say which row to add or remove, and where.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../tools/cli/engine.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const README = 'wasm/README.md';
const readme = fs.readFileSync(path.join(root, README), 'utf8');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const filesIn = (dir, ext) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(ext)).sort()
  .map((f) => read(path.join(dir, f)));

// The README's "## ..." sections by title, and the names in the first column of a table whose
// header's first cell is `header`.
function sections(text) {
  const out = new Map();
  for (const part of text.split(/^## /m).slice(1)) out.set(part.slice(0, part.indexOf('\n')).trim(), part);
  return out;
}
function tableNames(section, header) {
  const lines = section.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^\\|\\s*${header}\\s*\\|`).test(l));
  if (start < 0) return null;
  const names = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    const m = /^\|\s*`([^`]+)`/.exec(l);
    if (m) names.push(m[1]);
  }
  return names;
}
const SECTIONS = sections(readme);
const sectionOf = (fn) => [...SECTIONS].find(([title]) => title.startsWith(`\`${fn}\``));

// The entry points api.h declares (api_error only formats errors: it has no answer of its own).
const entryPoints = [...read('wasm/core/api.h').matchAll(/^std::string (api_\w+)\(/gm)].map((m) => m[1])
  .filter((f) => f !== 'api_error');

// Each entry point on its fixtures: a list of parsed answers (error answers included).
const profileDocs = () => [...filesIn('tests/fixtures/profiles', '.json'), ...filesIn('tests/fuzz/corpus/fuzz-profile', '.json')];
function badProfiles() {
  const doc = JSON.parse(read('tests/fixtures/profiles/organic.json'));
  const mutate = (f) => { const d = structuredClone(doc); f(d.data.user); return JSON.stringify(d); };
  return [
    mutate((u) => { u.edge_follow.count = -5; }), mutate((u) => { u.edge_follow.count = 'many'; }),
    mutate((u) => { u.full_name = 'x'.repeat(100_000); }), mutate((u) => { u.edge_follow = []; }),
    mutate((u) => { delete u.username; }), '{"data":', '[1]', '{"status":"fail","message":"login_required"}',
    '['.repeat(100) + ']'.repeat(100),
  ];
}
const RUNNERS = {
  api_version: (e) => [e.version()],
  api_rules: (e) => [JSON.parse(e.rules())],
  api_classify_jsonl: (e) => {
    const lines = filesIn('tests/fuzz/corpus/fuzz-classify-jsonl', '.jsonl')
      .flatMap((t) => e.classifyJsonl(t).trimEnd().split('\n'))
      .concat(e.classifyJsonl('{"follower_count":-1}\n[2]\n{"username":"' + 'a'.repeat(300_000) + '"}\n').trimEnd().split('\n'));
    return lines.filter(Boolean).map((l) => JSON.parse(l));
  },
  api_estimate: (e) => {
    const requests = filesIn('tests/fuzz/corpus/fuzz-estimate', '.json');
    const ok = JSON.parse(requests.find((r) => !JSON.parse(e.estimateAudience(r)).error));
    requests.push('[]', '{"total_followers":5,"followers":[{"username":"a"}],"sampling":"oldest"}',
      JSON.stringify({ ...ok, followers: [...ok.followers, 7] }), JSON.stringify({ ...ok, total_followers: 'x' }),
      JSON.stringify({ ...ok, source: 'likers', posts: 3, population: ok.total_followers }),
      JSON.stringify({ ...ok, source: 'viewers' }),
      JSON.stringify({ total_followers: 30000, followers: Array(20001).fill({}) }), '{"a":' + '['.repeat(30) + ']'.repeat(30) + '}');
    return requests.map((r) => JSON.parse(e.estimateAudience(r)));
  },
  api_analyze_profile: (e) => {
    const audience = RUNNERS.api_estimate(e).find((r) => !r.error);
    const options = ['{}', JSON.stringify({ audience }), JSON.stringify({ now: 1_800_000_000 }), '{"audience":3}', '[]',
      JSON.stringify({ audience, likers: { ...audience, source: 'likers' } })];
    return [...profileDocs(), ...badProfiles()].flatMap((d) => options.map((o) => JSON.parse(e.analyzeProfile(d, o))));
  },
  api_analyze_comments: (e) => filesIn('tests/fuzz/corpus/fuzz-comments', '.json')
    .concat(filesIn('tests/fixtures/comments', '.json'), ['[]', '{"posts":3}', '{"posts":[{"comments":[{"text":"hi"}]}]}',
      '{"posts":[{"taken_at":-5,"comments":[]}]}',
      '{"posts":[{"comments":[{"text":"hi","user":{"pk":"1","username":"a"}}]}],"commenters":[{"username":"a","follower_count":-1}]}'])
    .map((d) => JSON.parse(e.analyzeComments(d))),
  api_account_from_profile: (e) => [...profileDocs(), ...badProfiles()].map((d) => JSON.parse(e.accountFromProfile(d))),
};

const errorIdOf = (answer) => {
  if (!answer || typeof answer !== 'object' || !('error' in answer)) return null;
  if (typeof answer.error === 'string') return /\[([a-z0-9_]+\.[a-z0-9_]+)\]/.exec(answer.error)?.[1] ?? `(no id in "${answer.error}")`;
  return answer.error.id;
};

let answers = null;
async function allAnswers() {
  if (!answers) {
    const engine = await loadEngine();
    answers = Object.fromEntries(entryPoints.filter((f) => RUNNERS[f]).map((f) => [f, RUNNERS[f](engine)]));
  }
  return answers;
}

test(`every entry point of api.h has a section in ${README} and a run here`, () => {
  assert.ok(entryPoints.length >= 5, `api.h declares ${entryPoints.join(', ')}`);
  for (const fn of entryPoints) {
    assert.ok(sectionOf(fn), `${README} has no section for ${fn} (wasm/core/api.h): add "## \`${fn}\` (Embind \`name(args)\`)" ` +
      'with its input, a "| key | meaning |" table of its answer\'s top-level keys, and its error ids in the table under "## Error ids"');
    assert.ok(RUNNERS[fn], `tests/js/engine-contract.test.mjs has no runner for ${fn}: add one to RUNNERS that calls it on fixtures`);
  }
  for (const [title] of SECTIONS) {
    const m = /^`(api_\w+)`/.exec(title);
    if (m) assert.ok(entryPoints.includes(m[1]), `${README} has a section "## ${title}" but api.h has no ${m[1]}: remove the section`);
  }
});

test(`each answer's top-level keys are exactly those its section of ${README} lists`, async () => {
  const all = await allAnswers();
  for (const [fn, list] of Object.entries(all)) {
    const [title, section] = sectionOf(fn);
    const documented = tableNames(section, 'key') || [];
    const reports = list.filter((a) => a && typeof a === 'object' && errorIdOf(a) === null);
    const emitted = new Set(reports.flatMap((a) => Object.keys(a)));
    if (fn === 'api_version') { assert.equal(typeof list[0], 'string'); continue; }
    assert.ok(reports.length > 0, `${fn}: no fixture gave an answer that is not an error`);
    for (const k of emitted) {
      assert.ok(documented.includes(k), `${fn} answers with the top-level key "${k}", which ${README} does not list: ` +
        `add a row "| \`${k}\` | <what it means> |" to the key table under "## ${title}"`);
    }
    for (const k of documented) {
      assert.ok(emitted.has(k), `${README} lists "${k}" under "## ${title}", but ${fn} no longer answers with it on any ` +
        'fixture: remove that row (or, if only a rare input gives it, add such an input to its runner here)');
    }
  }
});

test(`every error id the engine can return is in the error table of ${README}, and no other`, async () => {
  const documented = tableNames(SECTIONS.get('Error ids') || '', 'id');
  assert.ok(documented && documented.length > 10, `${README} needs a "## Error ids" section with a "| id | returned by | when |" table`);
  // Ids written in the core's code...
  const written = new Map();
  (function walk(dir) {
    for (const f of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (/\.(cpp|h)$/.test(f.name)) {
        for (const m of read(p).matchAll(/(?:make_error|api_error|Error\{)\(?\s*"([a-z0-9_]+\.[a-z0-9_]+)"/g)) written.set(m[1], p);
      }
    }
  })('wasm/core');
  // ...and those the runs returned (some are made at run time, e.g. profile.range from account.range).
  const returned = new Map();
  for (const [fn, list] of Object.entries(await allAnswers())) {
    for (const a of list) { const id = errorIdOf(a); if (id) returned.set(id, fn); }
  }
  const known = new Set([...written.keys(), ...returned.keys()]);
  for (const [id, where] of [...written, ...returned]) {
    assert.ok(documented.includes(id), `the engine can return the error id "${id}" (${where}), which ${README} does not list: ` +
      `add a row "| \`${id}\` | <entry points> | <when> |" to the table under "## Error ids"`);
  }
  for (const id of documented) {
    assert.ok(known.has(id), `${README} lists the error id "${id}", which no code in wasm/core writes and no run here returns: ` +
      'remove its row from the table under "## Error ids" (or, if only a rare input gives it, add such an input to a runner here)');
  }
  assert.ok(returned.size >= 10, `the bad inputs here should reach many error ids, got ${[...returned.keys()].join(', ')}`);
});
