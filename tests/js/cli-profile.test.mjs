// `scripts/fakemeter profile`: the web_profile_info fixtures through the wasm engine, the
// report contract, the follower-sample combination, errors and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inProcess, inChild } from './lib/fakemeter.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'tests', 'fixtures', 'profiles');
const fx = (name) => path.join(fixtures, `${name}.json`);
// Content checks run the command line in this process; the tests about the process itself (exit status,
// streams, arguments as the shell passes them) start it: see lib/fakemeter.mjs.
const run = (args, input) => inProcess(['profile', ...args], input);
const runChild = (args, input) => inChild(['profile', ...args], input);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'fm-profile-'));

const contractKeys = ['username', 'full_name', 'is_private', 'is_verified', 'is_business', 'follower_count',
  'following_count', 'media_count', 'status', 'states', 'fake_percent', 'ci_low', 'ci_high', 'confidence', 'grade',
  'badge', 'reasons', 'signals', 'posts', 'audience', 'combined_notes', 'engine'];

// A follower sample: plain-looking accounts and bot-like ones.
function writeSample(n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify(i % 4 === 0
      ? { username: `x_${82736450 + i}`, has_profile_pic: false, media_count: 0, follower_count: 2, following_count: 4100 + i }
      : { username: `friend.${i}`, full_name: 'Sam Rivers', has_profile_pic: true, is_private: i % 2 === 0,
          media_count: 40 + i, follower_count: 300 + i, following_count: 280 + i, biography: 'climbing, coffee' }));
  }
  const file = path.join(tmp, `sample-${n}.jsonl`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('an organic profile gets an instant estimate that follows the contract', async () => {
  const r = await run([fx('organic')]);
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  for (const k of contractKeys) assert.ok(k in rep, `missing ${k}`);
  assert.equal(rep.status, 'ok');
  assert.equal(rep.confidence, 'instant');
  assert.equal(rep.username, 'anna_organic');
  assert.ok(rep.ci_low <= rep.fake_percent && rep.fake_percent <= rep.ci_high);
  // Its interval (0-43%) is too wide for a number on the badge: no grade, the audit offered.
  assert.equal(rep.badge.state, 'unclear');
  assert.equal(rep.grade, 'unknown');
  assert.equal(rep.badge.offer_audit, true);
  assert.equal(rep.posts.length, 12);
  assert.ok(rep.posts[0].taken_at >= rep.posts[11].taken_at, 'posts newest first');
  assert.match(rep.engine, /^fakemeter-engine /);
  assert.equal(rep.audience, null);
});

test('bought likes and bought followers show in the signals and reasons', async () => {
  const sub = JSON.parse((await run([fx('like_subscription')])).stdout);
  assert.equal(sub.signals.bought_likes.flagged, true);
  assert.ok(sub.reasons.some((x) => x.signal === 'likes' && x.severity === 'high'));
  // The badge names the likes, not a follower percentage they cannot support.
  assert.equal(sub.badge.state, 'likes_bought');
  assert.equal(sub.badge.fake_percent, null);
  const organic = JSON.parse((await run([fx('organic')])).stdout);
  const bought = JSON.parse((await run([fx('bought_followers')])).stdout);
  assert.ok(bought.fake_percent > organic.fake_percent, `${bought.fake_percent} vs ${organic.fake_percent}`);
  const engagement = bought.reasons.find((x) => x.signal === 'engagement');
  assert.match(engagement.id, /^engagement\.(far_below|below|typical|above)$/);
  assert.equal(typeof engagement.params.rate, 'number');
});

test('not-enough-data states give null estimates, not numbers', async () => {
  for (const [name, state] of [['private', 'private'], ['hidden_likes', 'hidden_likes'], ['no_posts', 'no_posts'],
    ['new_account', 'new_account'], ['not_found', 'not_found']]) {
    const r = await run([fx(name)]);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.status, 'insufficient_data', name);
    assert.deepEqual(rep.states, [state], name);
    assert.equal(rep.fake_percent, null);
    assert.equal(rep.grade, 'unknown');
  }
  const text = await run([fx('private'), '--format', 'text']);
  assert.match(text.stdout, /not enough data \(private\)/);
});

test('a broken document is an error naming what was wrong, with exit status 1', async () => {
  let r = runChild([fx('wrong_types')]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /\[profile\.type\] .*data\.user\.edge_followed_by\.count.* must be a number/);
  r = runChild([fx('truncated')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\[profile\.parse\] .*truncated/);
  r = runChild(['-'], 'this is not json');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\[profile\.parse\]/);
  r = runChild([fx('rate_limited')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\[profile\.instagram\] .*Please wait/);
});

test("the fallback's answer (users/<id>/info, flat fields, no posts) is read as the extension reads it", async () => {
  const info = { user: { pk: '4815162342', username: 'studio.nord', full_name: 'Studio Nord', biography: 'tattoos',
    follower_count: 12400, following_count: 310, media_count: 220, is_private: false, is_verified: false,
    has_anonymous_profile_picture: false, profile_pic_url: 'https://cdn.example/p.jpg' }, status: 'ok' };
  const r = await run(['-'], JSON.stringify(info));
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.username, 'studio.nord');
  assert.equal(rep.follower_count, 12400);
  assert.equal(rep.media_count, 220);
  assert.equal(rep.posts.length, 0, 'the fallback carries no posts');
  const bad = await run(['-'], JSON.stringify({ user: { username: 'studio.nord' }, status: 'ok' }));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /users\/<id>\/info: user\.follower_count is missing/);
});

test('a follower sample is the answer: the profile signals never narrow it', async () => {
  for (const n of [12, 400]) {
    const r = await run([fx('bought_followers'), '--followers', writeSample(n)]);
    assert.equal(r.status, 0, r.stderr);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.confidence, 'audited');
    assert.equal(rep.status, 'ok');
    assert.ok(rep.audience && rep.audience.sample_size === n, 'the audience report is attached');
    assert.equal(rep.combined_notes[0].id, 'combined.sample_answer');
    assert.equal(rep.combined_notes[0].params.n, n);
    assert.equal(rep.fake_percent, rep.audience.fake_percent);
    assert.ok(rep.ci_low <= rep.audience.ci_low && rep.audience.ci_high <= rep.ci_high, 'never narrower than the sample');
  }
});

test('--total overrides the follower count the sample was drawn from', async () => {
  const r = await run([fx('organic'), '--followers', writeSample(50), '--total', '5000']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).audience.total_followers, 5000);
});

test('a bad sample line is named; usage errors exit 2', async () => {
  const bad = path.join(tmp, 'bad.jsonl');
  writeFileSync(bad, '{"username":"a"}\n{oops\n');
  let r = await run([fx('organic'), '--followers', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 2: not valid JSON/);
  // A record the engine refuses: named by file and line, then the error's id, as classify says it.
  const range = path.join(tmp, 'range.jsonl');
  writeFileSync(range, '{"username":"a","follower_count":3}\n{"username":"b","follower_count":-5}\n');
  r = await run([fx('organic'), '--followers', range, '--total', '500']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^profile: audience estimate failed: .*range\.jsonl, line 2: \[account\.range\] field 'follower_count' must be at least 0/);
  assert.equal((await run([])).status, 2);
  assert.equal((await run([fx('organic'), '--format', 'xml'])).status, 2);
  assert.equal((await run([fx('organic'), '--total', '50'])).status, 2);
  r = await run([fx('organic'), '--followers', path.join(tmp, 'missing.jsonl')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no such file/);
});

test('text output is for people and never passes control characters from the page through', async () => {
  const doc = JSON.parse(readFileSync(fx('organic'), 'utf8'));
  doc.data.user.full_name = 'Evil\u001b[2J\u001b]0;pwned\u0007 Name';
  const r = await run(['-', '--format', 'text'], JSON.stringify(doc));
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(r.stdout), 'no control characters in the output');
  assert.match(r.stdout, /@anna_organic \(Evil\[2J\]0;pwned Name\)/);
  assert.match(r.stdout, /Badge: Unclear from the profile alone · audit to measure/);
  assert.match(r.stdout, /Grade: unknown - No grade/);
  assert.match(r.stdout, /\[info\] Engagement 25% \(18–28%; over 12 posts\): typical for real accounts of this size \(half get more than 21%\)\./);
  assert.match(r.stdout, /Likes per post, oldest to newest: /);
  assert.match(r.stdout, /^Fake or inactive followers: /m, 'the profile alone: followers who never engage');
  // With an audit the number is of fake accounts, about the sample's population, said beside it.
  const audited = await run([fx('organic'), '--followers', writeSample(50), '--total', '5000', '--format', 'text']);
  assert.equal(audited.status, 0, audited.stderr);
  assert.match(audited.stdout, /^Fake followers: [\d.]+% .*audited\)\nSample: These are the 50 newest followers/m);
});

// `profile --followers` scored a sample whose counts sat under other names on its usernames alone,
// and took a likers answer for followers, without a word (estimate said both).
test('profile --followers says what estimate says of a sample, and refuses likers or commenters as followers', async () => {
  const renamed = path.join(tmp, 'renamed.jsonl');
  writeFileSync(renamed, Array.from({ length: 20 }, (_, i) => JSON.stringify({ username: `ann${i}`, followers: 300, posts: 20 })).join('\n') + '\n');
  let r = await run([fx('organic'), '--followers', renamed, '--total', '5000']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /renamed\.jsonl: not read, not account fields: "followers" \(in 20 records, first at line 1; did you mean 'follower_count'\?\)/);
  const likers = path.join(tmp, 'likers.json');
  writeFileSync(likers, JSON.stringify({ users: [{ pk: '1', username: 'a', full_name: 'A', is_private: false }], user_count: 50 }));
  r = await run([fx('organic'), '--followers', likers]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /a saved likers answer, not followers; estimate its likers with: scripts\/fakemeter estimate/);
  assert.equal(r.stdout, '');
});

test('a document with no user says so in text, not a bare "@"', async () => {
  const r = await run(['-', '--format', 'text'], JSON.stringify({ data: { user: null }, status: 'ok' }));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\(no user in the document\)\n/);
  assert.match(r.stdout, /Badge: This profile does not exist\./);
});
