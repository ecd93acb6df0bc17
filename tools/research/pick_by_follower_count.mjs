#!/usr/bin/env node
// How far apart a two-phase sample's fetched and listed-only followers sit (the report's
// two_phase.pick_gap, in standard errors of their lite scores) when the accounts fetched in full
// are a random pick of the list, the ones with the most followers, or those with the fewest. On a
// real, unlabelled audience (../shared/data/audiences: each record carries its follower count):
// `reps` draws of `listed` followers, `full` of them fetched in full by each rule. The engine warns
// past 3; `scripts/fakemeter estimate` says it on stderr from 2 (tools/cli/estimate.mjs).
// Research aid, not part of the tests (deterministic: fixed seed). Usage:
//   scripts/build --wasm-only
//   node tools/research/pick_by_follower_count.mjs [--reps 400] [--listed 200] [--full 30]   (3 s)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../cli/engine.mjs';
import { numberArg } from '../common/args.mjs';

const reps = numberArg('--reps', 400), listed = numberArg('--listed', 200), full = numberArg('--full', 30);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const data = process.env.FM_DATA_DIR || path.resolve(repo, '../shared/data');
const all = fs.readFileSync(path.join(data, 'audiences/ritzcarlton_followers_2019.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

let seed = 12345;  // a linear congruential generator: the same draws on every run
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
// What the followers list shows of an account (the lite tier's fields).
const LIST_FIELDS = ['username', 'full_name', 'has_profile_pic', 'is_private', 'is_verified', 'profile_pic_url'];
const listEntry = (r) => Object.fromEntries([['phase', 'lite'], ...LIST_FIELDS.filter((k) => k in r).map((k) => [k, r[k]])]);

const engine = await loadEngine();
const gaps = { random: [], 'most followers': [], 'fewest followers': [] };
for (let rep = 0; rep < reps; rep++) {
  const picked = new Set();
  while (picked.size < listed) picked.add(Math.floor(rnd() * all.length));
  const sample = [...picked].map((i) => all[i]);
  const byCount = [...sample.keys()].sort((a, b) => (sample[b].follower_count ?? 0) - (sample[a].follower_count ?? 0));
  const shuffled = [...sample.keys()].map((i) => [rnd(), i]).sort((a, b) => a[0] - b[0]).map(([, i]) => i);
  const rules = { random: shuffled.slice(0, full), 'most followers': byCount.slice(0, full), 'fewest followers': byCount.slice(-full) };
  for (const [rule, chosen] of Object.entries(rules)) {
    const inFull = new Set(chosen);
    const followers = sample.map((r, i) => (inFull.has(i) ? r : listEntry(r)));
    const r = JSON.parse(engine.estimateAudience(JSON.stringify({ total_followers: 100000, sampling: 'random', followers })));
    if (r.error) throw new Error(r.error.message);
    gaps[rule].push(r.two_phase.pick_gap);
  }
}
console.log(`${reps} draws of ${listed} listed followers, ${full} fetched in full; pick_gap in standard errors`);
console.log('| fetched in full | median | mean | 2 or more | over 3 (warned) |');
console.log('|---|---:|---:|---:|---:|');
const share = (g, f) => `${Math.round((100 * g.filter(f).length) / g.length)}%`;
for (const [rule, g] of Object.entries(gaps)) {
  g.sort((a, b) => a - b);
  const mean = g.reduce((a, b) => a + b, 0) / g.length;
  console.log(`| ${rule} | ${g[Math.floor(g.length / 2)]} | ${mean.toFixed(2)} | ${share(g, (x) => x >= 2)} | ${share(g, (x) => x > 3)} |`);
}
