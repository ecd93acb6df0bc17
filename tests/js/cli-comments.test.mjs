// `scripts/fakemeter comments`: the comments fixtures through the wasm engine, the report
// contract, the text rendering, errors and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderText } from '../../tools/cli/comments.mjs';
import { inProcess, inChild } from './lib/fakemeter.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fx = (name) => path.join(root, 'tests', 'fixtures', 'comments', `${name}.json`);
// Content checks run the command line in this process; the tests about the process itself (exit status,
// streams, arguments as the shell passes them) start it: see lib/fakemeter.mjs.
const run = (args, input) => inProcess(['comments', ...args], input);
const runChild = (args, input) => inChild(['comments', ...args], input);
const json = async (name) => {
  const r = await run([fx(name), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

const contractKeys = ['status', 'grade', 'grade_label', 'verdict', 'score', 'reasons', 'read', 'signals', 'references',
  'engine'];
const signalNames = ['recurring_commenters', 'generic_comments', 'templates', 'timing', 'spam', 'commenter_accounts',
  'comments_per_like'];

test('the organic fixture is not judged bought; every signal is measured against its reference', async () => {
  const r = await json('organic');
  for (const k of contractKeys) assert.ok(k in r, `missing ${k}`);
  assert.equal(r.status, 'ok');
  // Organic sections may show a sign or two ("fair": 1 in 8 simulated ones), never "likely bought".
  assert.ok(['good', 'fair'].includes(r.grade), JSON.stringify(r.verdict));
  assert.ok(r.score < 2, JSON.stringify(r.verdict));
  assert.deepEqual(Object.keys(r.signals).sort(), [...signalNames].sort());
  for (const name of signalNames) {
    const s = r.signals[name];
    assert.equal(s.measured, true, name);
    assert.ok(s.strength >= 0 && s.strength <= 2, name);
    if (s.interval) assert.ok(s.interval[0] <= s.value && s.value <= s.interval[1], `${name} interval`);
  }
  assert.match(r.engine, /^fakemeter-engine /);
});

test('a pod and the tattoo studio (suggested comments, like subscription) are likely bought, with the right reasons', async () => {
  const pod = await json('pod');
  assert.equal(pod.grade, 'bad');
  assert.equal(pod.reasons[0].severity, 'high');
  assert.ok(['recurring_commenters', 'templates', 'timing'].includes(pod.reasons[0].signal));
  assert.equal(pod.signals.recurring_commenters.evidence, 'strong');
  // Its early regulars are judged against an organic section's regulars (a family is early too):
  // beyond them, and the pod counted once with the recurring commenters.
  assert.notEqual(pod.signals.timing.evidence, 'none');
  const studio = await json('tattoo_studio');
  assert.deepEqual(studio.grade_label, { id: 'comments.grade_poor', params: {} });
  assert.equal(studio.reasons[0].signal, 'templates');
  assert.equal(studio.reasons[0].id, 'comments.templates');
  const { comments, accounts, share, texts } = studio.reasons[0].params;
  assert.ok(comments >= accounts && accounts >= 2 && texts >= 1 && share > 50, JSON.stringify(studio.reasons[0]));
  // The verdict: the grade, then the one reason beyond organic (the other signals are within it).
  assert.deepEqual(studio.verdict, { id: 'comments.verdict_one',
    params: { grade: studio.grade_label, reason: { id: studio.reasons[0].id, params: studio.reasons[0].params } } });
  assert.equal(studio.signals.recurring_commenters.evidence, 'none');  // paid accounts change from post to post
  assert.ok(studio.signals.commenter_accounts.full_records > 0);
});

test('no commenter is named anywhere in the report', async () => {
  for (const name of ['organic', 'pod', 'tattoo_studio']) {
    const doc = JSON.parse(readFileSync(fx(name), 'utf8'));
    const out = (await run([fx(name), '--format', 'json'])).stdout;
    for (const p of doc.posts) {
      for (const c of p.comments) {
        assert.ok(!out.includes(`"${c.user.username}`) && !out.includes(`${c.user.username}"`), `${name}: ${c.user.username}`);
        if (c.user.full_name) assert.ok(!out.includes(c.user.full_name), `${name}: ${c.user.full_name}`);
      }
    }
  }
});

test('a saved comments endpoint answer is one post: too few to judge, and says so', async () => {
  const r = await json('endpoint_answer');
  assert.equal(r.status, 'insufficient_data');
  assert.equal(r.grade, 'unknown');
  assert.equal(r.read.posts, 1);
  assert.ok(r.read.owner_replies_left_out >= 0);
  assert.equal(r.signals.recurring_commenters.measured, false);
  assert.equal(r.verdict.id, 'comments.verdict_insufficient');
  assert.deepEqual(r.verdict.params.grade, { id: 'comments.grade_unknown', params: {} });
  assert.equal(r.verdict.params.posts, 1);
  assert.deepEqual(r.signals.recurring_commenters.note, { id: 'comments.note_few_posts', params: { posts: 3 } });
  const text = (await run([fx('endpoint_answer')])).stdout;
  assert.match(text, /\nNot enough comments to judge: at least 10 comments on 2 posts are needed \(comments read: \d+; posts with comments: 1\)\.\n/);
  assert.match(text, /\n {2}recurring_commenters +not measured: needs comments on at least 3 posts\n/);
});

test('text output: verdict, reasons, signals with intervals and examples; reads standard input', async () => {
  const text = readFileSync(fx('tattoo_studio'), 'utf8');
  const r = await run(['-'], text);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Engagement authenticity: poor - Likely bought engagement\nLikely bought engagement: \d+ comments by \d+ accounts repeat one another nearly word for word \(\d+% of \d+ longer comments;/);
  assert.match(r.stdout, /\nWhy:\n {2}\[high\] \d+ comments by \d+ accounts repeat one another/);
  assert.match(r.stdout, /\n {2}\[[a-z]+\] Commenters that look like fake accounts: about [\d.]+% \([\d.]+–[\d.]+%\) of \d+\. \d+ of them fetched in full\./);
  assert.match(r.stdout, /\n {2}templates +\d+\.\d% of longer comments repeat \(\d+\.\d%-\d+\.\d%\), strong\n/);
  assert.match(r.stdout, /\n {6}"[^"]+" x\d+ \(\d+ accounts\)\n/);
  assert.match(r.stdout, /\nEngine: fakemeter-engine /);
});

test('page text cannot steer the terminal: control and direction characters are dropped', async () => {
  const doc = JSON.parse(readFileSync(fx('organic'), 'utf8'));
  for (const p of doc.posts) for (const c of p.comments) c.text = 'Nice \u001b]0;owned\u0007\u202eevil \u001b[31mred 😍';
  const r = await run(['-'], JSON.stringify(doc));
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(r.stdout), JSON.stringify(r.stdout.slice(0, 300)));
  assert.match(r.stdout, /Nice ]0;owned/);
});

test('the text renderer drops control characters itself, whatever the report holds', async () => {
  const evil = 'x\u001b[2J\u0007\u202eevil\u0085';
  const report = { grade: 'fair', grade_label: 'Some signs', verdict: evil, score: 1, engine: evil,
    read: { comments: 1, comments_counted: 1, commenters: 1, posts_with_comments: 1, posts: 1, owner_replies_left_out: 0 },
    reasons: [{ severity: 'info', signal: 'spam', text: evil }],
    signals: { spam: { measured: true, value: 0.5, interval: [0.1, 0.9], evidence: 'weak', examples: [{ text: evil, comments: 1, accounts: 1 }] },
      timing: { measured: false, note: evil } } };
  const out = renderText(report);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/.test(out), JSON.stringify(out));
  assert.match(out, /x\[2Jevil/);
});

test('bad documents exit 1 with the error id and where; usage errors exit 2', async () => {
  let r = runChild(['-'], '{"posts": [');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^comments: \[comments\.parse\] the comments document is not valid JSON/);
  r = await run(['-'], '{"posts":[{"comments":[{"text":"hi","user":{"pk":true}}]}]}');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\[comments\.type\] posts\[0\]\.comments\[0\]\.user\.pk must be an id/);
  r = await run(['-'], '{"message":"Please wait a few minutes before you try again.","status":"fail"}');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\[comments\.instagram\] the document is an error answer from Instagram: Please wait/);
  assert.equal((await run([])).status, 2);
  assert.equal((await run([fx('organic'), fx('pod')])).status, 2);
  r = runChild([fx('organic'), '--format', 'xml']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--format must be text or json/);
  r = await run([path.join(root, 'no-such-file.json')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no such file/);
  assert.equal((runChild(['--help'])).status, 0);
});
