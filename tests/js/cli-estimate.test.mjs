// `scripts/fakemeter estimate`: JSON Lines of follower records in, one audience report out;
// bad lines and bad options are named and give a non-zero exit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES } from '../../extension/shared/rules.js';
import { width, regimesWidth } from './lib/report-widths.mjs';
import { inProcess, inChild } from './lib/fakemeter.mjs';

// Content checks run the command line in this process; the tests about the process itself (exit status,
// streams, arguments as the shell passes them) start it: see lib/fakemeter.mjs.
const run = inProcess;
const runChild = inChild;

const real = (i) => ({ username: `anna.b${i}`, full_name: 'Anna B', has_profile_pic: true, media_count: 120 + i,
  follower_count: 300 + i, following_count: 280, biography: 'hiking, coffee', is_private: i % 2 === 0 });
const bot = (i) => ({ username: `user${i}88127345`, has_profile_pic: false, media_count: 0, follower_count: 3,
  following_count: 4100 + i, is_private: false });
const jsonl = (records) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

test('estimate prints the report as JSON with the audience report fields', async () => {
  const recs = [];
  for (let i = 0; i < 80; i++) recs.push(i % 4 === 0 ? bot(i) : real(i));
  const r = await run(['estimate', '--total', '20000', '--sampling', 'random'], jsonl(recs));
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  for (const k of ['fake_percent', 'ci_low', 'ci_high', 'sample_size', 'full_sample_size', 'method', 'breakdown',
    'sampling_note', 'requests_for_5pt', 'model_version', 'regime']) assert.ok(k in rep, k);
  assert.equal(rep.sample_size, 80);
  assert.equal(rep.full_sample_size, 80);
  assert.ok(rep.ci_low <= rep.fake_percent && rep.fake_percent <= rep.ci_high);
  assert.ok(rep.ci_low >= 0 && rep.ci_high <= 100);
  // A quarter of obvious bots: the estimate must see them (the interval is wide on 80).
  assert.ok(rep.ci_high >= 20, `ci_high ${rep.ci_high}`);
  assert.ok(rep.fake_percent > 5, `fake_percent ${rep.fake_percent}`);
  assert.equal(rep.breakdown.mass_followers.count, 0, 'bots are counted as likely fake, not mass followers');
  assert.ok(rep.breakdown.likely_fake.count >= 15);
  // Every share carries its 95% interval: the likely-fake row the estimate's own, the real rows
  // (private and public are known here) one that holds their share, within 0-100%.
  assert.deepEqual([rep.breakdown.likely_fake.ci_low, rep.breakdown.likely_fake.ci_high], [rep.ci_low, rep.ci_high]);
  for (const k of ['likely_fake', 'mass_followers', 'influencers_brands', 'private_real', 'public_real']) {
    const row = rep.breakdown[k];
    assert.equal(typeof row.ci_low, 'number', k);
    assert.ok(row.ci_low >= 0 && row.ci_low <= row.share && row.share <= row.ci_high && row.ci_high <= 100, `${k}: ${JSON.stringify(row)}`);
  }
  assert.ok(rep.breakdown.private_real.ci_high > rep.breakdown.private_real.ci_low, 'a sample of 80 leaves doubt in the split');
});

test('estimate --format text renders the report for people, two-phase included', async () => {
  const recs = [];
  for (let i = 0; i < 120; i++) {
    const rec = i % 5 === 0 ? bot(i) : real(i);
    recs.push(i < 30 ? rec : { phase: 'lite', username: rec.username, full_name: rec.full_name,
      has_profile_pic: rec.has_profile_pic, is_private: rec.is_private });
  }
  const r = await run(['estimate', '--total', '5000', '--format', 'text', '-'], jsonl(recs));
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Fake followers: \d+\.\d% {2}\(95% range \d+\.\d% to \d+\.\d%\)/);
  assert.match(r.stdout, /Sample: 120 of 5,000 followers \(30 fetched in full, 90 from the followers list only\)/);
  assert.match(r.stdout, /120 newest followers, not a random sample/);
  assert.match(r.stdout, /Full fetches alone would give/);
  assert.match(r.stdout, /mass followers/);
  assert.match(r.stdout, /likely fake +[\d.]+% +\([\d.]+% to [\d.]+%\) +\(\d+ sampled\)/);
  assert.match(r.stdout, /Audience type: The scores of the accounts checked in full look most like /);
});

test('a bad line is named and nothing is estimated', async () => {
  const r = runChild(['estimate', '--total', '100'], '{"username":"a"}\n\n{"username": 5}\n');
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^estimate: line 3: \[account\.[a-z_]+\] field 'username' must be text/);
  const bad = runChild(['estimate', '--total', '100'], '{"username":"a"}\n{oops\n');
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /line 2: not valid JSON/);
  const arr = runChild(['estimate', '--total', '100'], '[{"username":"a"},2]\n');
  assert.equal(arr.status, 1);
  assert.match(arr.stderr, /item 2 of the array: an account record must be a JSON object/);
  const empty = runChild(['estimate', '--total', '100'], '{"username":"a"}\n{"pk":7,"followers":[]}\n{}\n');
  assert.equal(empty.status, 1);
  assert.equal(empty.stdout, '');
  assert.match(empty.stderr, /line 2: no account field in this record \(its keys: "pk", "followers"\).*\(and 1 more such record\)/);
});

test('options are checked: --total required, at least the sample, formats known', async () => {
  const input = jsonl([real(1), real(2), real(3)]);
  let r = await run(['estimate'], input);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--total N is required/);
  r = await run(['estimate', '--total', 'many'], input);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--total must be a whole number/);
  r = await run(['estimate', '--total', '2'], input);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /total_followers \(2\) is smaller than the 3 followers given/);
  r = await run(['estimate', '--total', '10', '--format', 'xml'], input);
  assert.equal(r.status, 2);
  r = await run(['estimate', '--total', '10'], '\n\n');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no follower records/);
  r = await run(['estimate', '--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage: scripts\/fakemeter estimate --total N/);
});

test('estimate names keys it does not read, and still estimates', async () => {
  const input = Array.from({ length: 5 }, (_, i) =>
    JSON.stringify({ username: `user${i}`, followers: 100 + i, following: 200, posts: 3 })).join('\n') + '\n';
  const r = runChild(['estimate', '--total', '1000'], input);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /estimate: not read, not account fields: "followers" \(in 5 records, first at line 1; did you mean 'follower_count'\?\)/);
  assert.equal(JSON.parse(r.stdout).full_sample_size, 0, 'the misnamed counts were not read: no full record');
});

test('--total unknown: no made-up count, the note says it in words, the interval is the widest', async () => {
  const recs = [];
  for (let i = 0; i < 50; i++) recs.push(i % 4 === 0 ? bot(i) : real(i));
  const u = await run(['estimate', '--total', 'unknown'], jsonl(recs));
  assert.equal(u.status, 0, u.stderr);
  const rep = JSON.parse(u.stdout);
  assert.equal(rep.total_followers, null);
  assert.equal(rep.population, null);
  assert.equal(rep.sampling_note.id, 'sampling.newest_unknown');
  const census = JSON.parse((await run(['estimate', '--total', '50'], jsonl(recs))).stdout);
  const large = JSON.parse((await run(['estimate', '--total', '10000000'], jsonl(recs))).stdout);
  assert.ok(width(rep) >= width(large), `${width(rep)} vs ${width(large)}`);
  // Not taken for a census: the known definitions' own intervals, where the finite-population
  // correction shows, are wider (the bounds for definitions beyond them may set both ends alike).
  assert.ok(width(rep) >= width(census), `${width(rep)} vs census ${width(census)}`);
  assert.ok(regimesWidth(rep) > regimesWidth(census) + 5, `${regimesWidth(rep)} vs census ${regimesWidth(census)}`);
  const text = await run(['estimate', '--total', 'unknown', '--format', 'text'], jsonl(recs));
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /Sample: 50 of an unknown number of followers/);
  assert.match(text.stdout, /50 newest followers of an account whose follower count could not be read/);
  assert.doesNotMatch(text.stdout, /undefined|null|NaN/);
});

// "Narrowed the interval by 17.9%" read as points, and a list that widened the interval was said
// as "did not narrow" it: the widths before and after, in points, either way.
test('text output: what listing did to the interval is said as its width before and after, narrower or wider', async () => {
  const { renderText } = await import('../../tools/cli/estimate.mjs');
  const recs = [];
  for (let i = 0; i < 20; i++) recs.push(i % 4 === 0 ? bot(i) : real(i));
  recs[19] = { username: recs[19].username, phase: 'lite' };
  const report = JSON.parse((await run(['estimate', '--total', '1000'], jsonl(recs))).stdout);
  assert.ok(report.two_phase && report.two_phase.interval_full_only, JSON.stringify(report.two_phase));
  const said = (low, high) => renderText({ ...report, two_phase: { ...report.two_phase, interval_full_only: { ci_low: low, ci_high: high } },
                                           ci_low: 10, ci_high: 40 });
  assert.match(said(5, 55), /Full fetches alone would give 5\.0% to 55\.0%; listing the other followers narrowed the range from 50 to 30 points wide\./);
  assert.match(said(15, 35), /listing the other followers widened the range from 20 to 30 points wide\./);
  assert.match(said(0, 30), /listing the other followers left the range as wide\./);
});

// What Instagram's followers list shows of a user, and the same as the engine's lite record.
const listUser = (i) => (i % 5 === 0
  ? { pk: String(9000 + i), username: `user${i}83920174`, full_name: '', is_private: false, is_verified: false,
      profile_pic_url: `https://cdn.example/t51/${RULES.default_avatar_mark}.jpg` }
  : { pk: String(9000 + i), username: `maria.k${i}`, full_name: 'Maria K', is_private: i % 2 === 0, is_verified: false,
      profile_pic_url: `https://cdn.example/t51/${1000 + i}_n.jpg` });
const liteRecord = (u) => ({ username: u.username, full_name: u.full_name, is_private: u.is_private,
  is_verified: u.is_verified, has_profile_pic: !u.profile_pic_url.includes(RULES.default_avatar_mark), phase: 'lite' });

test("a saved followers answer is read as the audit reads it: lite records, Instagram's short list said", async () => {
  const users = Array.from({ length: 50 }, (_, i) => listUser(i));
  const answer = JSON.stringify({ users, big_list: true, page_size: 50, should_limit_list_of_followers: true, status: 'ok' });
  const r = await run(['estimate', '--total', '12400'], answer);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /read a saved followers list: 50 followers \(Instagram's short list: it shows no more of them\)/);
  assert.doesNotMatch(r.stderr, /not read/, "Instagram's own keys (pk, profile_pic_url) are no misnamed fields");
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.sample_size, 50);
  assert.equal(rep.full_sample_size, 0);
  assert.equal(rep.list_limited, true);
  assert.equal(rep.sampling_note.id, 'sampling.newest_limited');
  // The same followers as the engine's own lite records (the picture told by its URL) read alike.
  const lines = await run(['estimate', '--total', '12400'], jsonl(users.map(liteRecord)));
  assert.equal(lines.status, 0, lines.stderr);
  const same = JSON.parse(lines.stdout);
  assert.deepEqual([rep.fake_percent, rep.ci_low, rep.ci_high], [same.fake_percent, same.ci_low, same.ci_high]);
  assert.equal(same.list_limited, false, 'plain records say nothing of a short list');
  // A user the adapter cannot read is named by its place in the answer.
  const bad = await run(['estimate', '--total', '100'], JSON.stringify({ users: [listUser(1), { username: 7 }, listUser(2), listUser(3)] }));
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^estimate: the followers answer: users\[1\]\.username must be a username\n$/);
  // An answer mostly of such users is no followers list the adapter knows.
  const changed = await run(['estimate', '--total', '100'], JSON.stringify({ users: [listUser(1), { username: 7 }] }));
  assert.equal(changed.status, 1);
  assert.match(changed.stderr, /the followers answer: followers page: 1 of 2 entries could not be read \(first: users\[1\]\.username/);
});

test('a likers answer estimates the likers; a JSON array reads as JSON Lines do; a saved profile answer per line is its user', async () => {
  const users = Array.from({ length: 40 }, (_, i) => listUser(i));
  const likers = await run(['estimate', '--total', '900'], JSON.stringify({ users, user_count: 900, status: 'ok' }));
  assert.equal(likers.status, 0, likers.stderr);
  const rep = JSON.parse(likers.stdout);
  assert.equal(rep.source, 'likers');
  assert.match(likers.stderr, /read a saved likers list: 40 accounts/);
  // The answer's user_count is the likers' population when --total is not given.
  const own = await run(['estimate'], JSON.stringify({ users, user_count: 900, status: 'ok' }));
  assert.equal(own.status, 0, own.stderr);
  assert.match(own.stderr, /population 900, the answer's user_count/);
  assert.equal(own.stdout, likers.stdout);
  const asFollowers = JSON.parse((await run(['estimate', '--total', '900', '--source', 'followers'],
    JSON.stringify({ users, user_count: 900 }))).stdout);
  assert.equal(asFollowers.source, 'followers');

  const recs = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? bot(i) : real(i)));
  const a = await run(['estimate', '--total', '5000'], JSON.stringify(recs, null, 2));
  const b = await run(['estimate', '--total', '5000'], jsonl(recs));
  assert.equal(a.status, 0, a.stderr);
  assert.equal(a.stdout, b.stdout);
  // users/<id>/info and web_profile_info answers, one per line, read as their user objects.
  const wrapped = recs.map((u, i) => JSON.stringify(i % 2 ? { user: u, status: 'ok' } : { data: { user: u }, status: 'ok' }));
  const c = await run(['estimate', '--total', '5000'], wrapped.join('\n') + '\n');
  assert.equal(c.status, 0, c.stderr);
  assert.equal(c.stdout, b.stdout);
  assert.equal(c.stderr, '');
});

// An account named twice was two followers: the interval narrowed on no new evidence, and a
// two-phase export (every listed follower, then the few fetched in full, each again) counted the
// fetched ones twice ("Sample: 230 of ..." for 200 followers).
test('each account counts once: duplicates and a two-phase export with the fetched followers listed again', async () => {
  const recs = Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? bot(i) : real(i)));
  const once = await run(['estimate', '--total', '5000'], jsonl(recs));
  assert.equal(once.status, 0, once.stderr);
  const twice = await run(['estimate', '--total', '5000'], jsonl([...recs, ...recs.map((r) => ({ ...r, username: r.username.toUpperCase() }))]));
  assert.equal(twice.status, 0, twice.stderr);
  assert.equal(twice.stdout, once.stdout, 'the same estimate as from each account once');
  assert.match(twice.stderr, /60 records name accounts already in the sample \(by username\): each account is counted once, with its fullest record/);
  // Listed (lite) first, then 15 of them in full: 60 followers, 15 of them with their full record.
  const lite = recs.map((r) => ({ username: r.username, has_profile_pic: r.has_profile_pic, is_private: r.is_private, phase: 'lite' }));
  const export_ = await run(['estimate', '--total', '5000'], jsonl([...lite, ...recs.slice(0, 15)]));
  assert.equal(export_.status, 0, export_.stderr);
  const rep = JSON.parse(export_.stdout);
  assert.deepEqual([rep.sample_size, rep.full_sample_size], [60, 15]);
  const merged = await run(['estimate', '--total', '5000'], jsonl([...recs.slice(0, 15), ...lite.slice(15)]));
  assert.equal(export_.stdout, merged.stdout, 'as if each follower came once, the fetched ones in full');
});

test('text output names whose accounts were sampled; a likers answer read as followers needs --total', async () => {
  const users = Array.from({ length: 40 }, (_, i) => listUser(i));
  const likers = await run(['estimate', '--format', 'text'], JSON.stringify({ users, user_count: 900 }));
  assert.equal(likers.status, 0, likers.stderr);
  assert.match(likers.stdout, /^Fake likers: .*\nSample: 40 of 900 likers/);
  assert.doesNotMatch(likers.stdout, /Fake followers/);
  // No plan of follower pages for likers (their lists have none).
  assert.doesNotMatch(likers.stdout, /For a \+\/-5-point range/);
  // The breakdown, the method and the warnings speak of accounts: these are likers, not followers
  // (only the category "mass followers" and the fields "Follower and following counts" say it).
  const own = likers.stdout.split('\n').filter((l) => /^(Method|Warning):|^ {2}/.test(l)).join('\n')
    .replace(/mass followers|Follower and following counts/g, '');
  assert.match(own, /Warning: no account was fetched in full/);
  assert.doesNotMatch(own, /followers?\b/i);
  // Its user_count counts likers: not the follower count.
  const asFollowers = await run(['estimate', '--source', 'followers'], JSON.stringify({ users, user_count: 900 }));
  assert.equal(asFollowers.status, 2);
  assert.match(asFollowers.stderr, /--total N is required \(the account's follower count, or unknown\)/);
});

test('input that is no JSON Lines says what it looks like; an option given twice is refused', async () => {
  const pretty = await run(['estimate', '--total', '100'], '{\n  "username": "a"\n}\n{\n  "username": "b"\n}\n');
  assert.equal(pretty.status, 1);
  assert.match(pretty.stderr, /line 1: not valid JSON .*several lines, one after another \(as jq writes without -c\): give one object per line \(jq -c\) or one JSON array/);
  const csv = await run(['estimate', '--total', '100'], 'username,follower_count\nanna,120\n');
  assert.equal(csv.status, 1);
  assert.match(csv.stderr, /looks like a table \(CSV\): give JSON Lines, one account record per line/);
  const twice = await run(['estimate', '--total', '100', '--total', '200'], jsonl([real(1)]));
  assert.equal(twice.status, 2);
  assert.match(twice.stderr, /option --total given twice/);
});

// Fetched accounts chosen by hand (the ones with the most followers, say) bias a two-phase
// estimate; the engine warns only past 3 standard errors apart, which such a pick mostly stays
// under (2.8 at the median on a real audience): stderr says the gap from 2. A random-like pick
// (the same share of bots fetched as listed) is not flagged.
test('a two-phase sample whose fetched accounts sit 2 standard errors or more from the listed ones is said on stderr', async () => {
  const liteOf = (r) => ({ phase: 'lite', username: r.username, full_name: r.full_name, has_profile_pic: r.has_profile_pic,
    is_private: r.is_private });
  // 60 followers, the first 15 fetched in full: `fetchedBots` bots among them, `listedBots` among the 45 others.
  const sample = (fetchedBots, listedBots) => jsonl(Array.from({ length: 60 }, (_, i) => {
    const fetched = i < 15;
    const rec = (fetched ? i < fetchedBots : i - 15 < listedBots) ? bot(i) : real(i);
    return fetched ? rec : liteOf(rec);
  }));
  const picked = await run(['estimate', '--total', '5000', '--sampling', 'random'], sample(0, 8));
  assert.equal(picked.status, 0, picked.stderr);
  const report = JSON.parse(picked.stdout);
  assert.ok(report.two_phase.pick_gap >= 2 && report.two_phase.pick_gap <= 3, `gap ${report.two_phase.pick_gap}`);
  assert.ok(!report.warnings.some((w) => /picked at random/.test(w)), 'under the engine\'s own warning');
  assert.match(picked.stderr, new RegExp(`^estimate: the 15 accounts fetched in full differ from the 45 listed only by ${report.two_phase.pick_gap} ` +
    'standard errors at the lite tier .*: the estimate assumes a random pick and is biased if they were chosen otherwise', 'm'));
  const text = await run(['estimate', '--total', '5000', '--format', 'text'], sample(0, 8));
  assert.match(text.stderr, /standard errors at the lite tier/, 'in either format');
  const fair = await run(['estimate', '--total', '5000', '--sampling', 'random'], sample(3, 9));
  assert.equal(fair.status, 0, fair.stderr);
  assert.ok(JSON.parse(fair.stdout).two_phase.pick_gap < 2);
  assert.doesNotMatch(fair.stderr, /standard errors/);
});
