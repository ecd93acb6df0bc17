#!/usr/bin/env node
// The badge on stand-in profiles (known truth): every seeded profile as it first shows, and the
// badge after the extension's default audit on fresh stand-in profiles at fake shares 0-60% (the
// 2026 short follower list; likers and commenters 5% fake, the stand-in's default), plus profiles
// with real followers and like-farm likes (60% of likers fake). Each audit runs the extension's
// own audit state machine (tools/eval-audit/audit.mjs); the badge is the engine's on the profile's
// own document with the audit's three estimates. Prints the stand-in part of EVALUATION.md's badge
// section ("green" and "red" count a number's or a floor's colour). Usage: node tools/eval-badge/standin.mjs
// [--reps 100]
import { SEEDED, seededDocument, profileDocument } from '../../tests/e2e/standin/profiles.mjs';
import { prng } from '../../tests/e2e/standin/prng.mjs';
import { estimateRequest, SOURCES } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { loadEngine } from '../cli/engine.mjs';
import { runAudit } from '../eval-audit/audit.mjs';
import { numberArg } from '../common/args.mjs';

const reps = numberArg('--reps', 100);
const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
const NOW = 1_795_000_000;

const engine = await loadEngine();
const call = (fn, ...args) => JSON.parse(engine[fn](...args));
const f1 = (v) => (Math.round(v * 10) / 10).toString();
const pct = (k, n) => (n ? `${f1((100 * k) / n)}%` : '-');

// The seeded profiles as they first show (no audit).
const firstLook = {};
for (const p of SEEDED) {
  const r = call('analyzeProfile', JSON.stringify(seededDocument(p)), JSON.stringify({ now: NOW }));
  firstLook[r.badge.state] = (firstLook[r.badge.state] || 0) + 1;
}

// A fresh stand-in profile for audit `rep` at fake share `share`, its posts' likes organic for its
// real followers (profiles.mjs), its followers on the short list.
function makeProfile(share, rep, likers) {
  const rand = prng(`eval-badge/${share}/${likers}/${rep}`);
  const p = { username: `badge.${Math.round(share * 100)}.${likers ? 'farm.' : ''}${rep}`, kind: 'eval', fakeShare: share,
    followers: rand.int(2_000, 50_000), following: rand.int(200, 1_200), posts: rand.int(40, 600), limitFollowers: true,
    fullName: 'Eval', bio: '' };
  if (likers) p.likerFakeShare = likers;
  const doc = profileDocument(p, String(8_000_000_000 + rep));
  const edges = doc.data.user.edge_owner_to_timeline_media.edges;
  p.posts = edges.map((e) => ({ id: e.node.id, likes: e.node.edge_liked_by.count, comments: e.node.edge_media_to_comment.count }));
  return { p, doc };
}

function audited(share, rep, likers = 0) {
  const { p, doc } = makeProfile(share, rep, likers);
  const state = runAudit(p, rep, (fn, text) => call(fn, text));
  const options = { now: NOW };
  for (const source of SOURCES) {
    const r = call('estimateAudience', JSON.stringify(estimateRequest(state, source)));
    if (r.error) throw new Error(`${source}: ${r.error.message}`);
    options[source === 'followers' ? 'audience' : source] = r;
  }
  return call('analyzeProfile', JSON.stringify(doc), JSON.stringify(options)).badge;
}

const lines = [];
const seededTotal = Object.values(firstLook).reduce((a, b) => a + b, 0);
lines.push(`**Stand-in profiles.** The ${seededTotal} seeded profiles as they first show: ` +
  Object.entries(firstLook).sort().map(([s, n]) => `${s} ${n}`).join(', ') +
  ' (the profile alone never gives a number; tests/e2e/badge.test.mjs checks each against the state table).');
lines.push('');
lines.push(`After the default audit (${DEFAULT_SETTINGS.auditFullSize} followers and ${DEFAULT_SETTINGS.auditEngagersFull} ` +
  `likers / commenters fetched in full, Instagram's short list of 50 followers, the follower pages it leaves unread ` +
  `going to more followers fetched in full), ${reps} fresh stand-in profiles per ` +
  'row, each with its organic likes (2,000-50,000 followers):');
lines.push('');
lines.push('| followers fake | likers fake | audits | badge shows a number | its interval holds the truth | ' +
  'at least L% fake | L at most the truth | green | red | likes look bought | likers mostly real | still unclear |');
lines.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
let numbers = 0, covered = 0, total = 0, floors = 0, held = 0;
const misses = [];  // the bought-follower rows where a number missed the truth, and how many
const row = (share, likers) => {
  const t = { n: 0, numbers: 0, covered: 0, floors: 0, held: 0, good: 0, bad: 0, bought: 0, real: 0, unclear: 0 };
  for (let rep = 0; rep < reps; rep++) {
    const b = audited(share, rep, likers);
    t.n++;
    if (b.state === 'number') {
      t.numbers++;
      t.covered += b.ci_low <= share * 100 + 1e-9 && share * 100 <= b.ci_high + 1e-9 ? 1 : 0;
    }
    if (b.state === 'at_least') {
      t.floors++;
      t.held += b.ci_low <= share * 100 + 1e-9 ? 1 : 0;
    }
    t.good += b.tone === 'good' ? 1 : 0;
    t.bad += b.tone === 'bad' ? 1 : 0;
    t.bought += b.likes === 'bought' ? 1 : 0;
    t.real += b.likes === 'real' ? 1 : 0;
    t.unclear += b.state === 'unclear' ? 1 : 0;
  }
  lines.push(`| ${share * 100}% | ${likers ? likers * 100 : 5}% | ${t.n} | ${pct(t.numbers, t.n)} | ${pct(t.covered, t.numbers)} | ` +
    `${pct(t.floors, t.n)} | ${pct(t.held, t.floors)} | ${pct(t.good, t.n)} | ${pct(t.bad, t.n)} | ${pct(t.bought, t.n)} | ${pct(t.real, t.n)} | ${pct(t.unclear, t.n)} |`);
  return t;
};
for (const share of SHARES) {
  const t = row(share, 0);
  numbers += t.numbers, covered += t.covered, total += t.n, floors += t.floors, held += t.held;
  if (t.covered < t.numbers) misses.push(`${share * 100}% fakes: ${t.numbers - t.covered} of ${t.numbers}`);
}
const farm = row(0.05, 0.6);
lines.push('');
lines.push(`Over the bought-follower rows the badge shows a number after ${pct(numbers, total)} of the audits, and that ` +
  `number's 95% interval holds the true share in ${pct(covered, numbers)} of them (target >= 90%: ` +
  `${numbers && covered / numbers >= 0.9 ? 'met' : '**not met**'}; numbers that missed, by row: ` +
  `${misses.length ? misses.join(', ') : 'none'}). Where the interval is too wide for a number, the badge says ` +
  `"at least L% fake" (L, the interval's lower end, 25% or more) after ${pct(floors, total)} of them, and L was at most ` +
  `the true share in ${pct(held, floors)} of those. With like-farm ` +
  `likes on real followers, the likes finding shows after ${pct(farm.bought, farm.n)} of the audits.`);
console.log(lines.join('\n'));
