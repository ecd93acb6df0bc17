#!/usr/bin/env node
// Why an audit source's interval leaves out 0 in some stand-in audits where nothing is fake
// (scripts/eval-audit, the 0% rows). Three measurements, each printed as a table:
//  1. where the stand-in's real accounts fall in the score profiles' full-tier bins, beside where
//     each known definition's real accounts fall (models/score_profiles.json); and how often the
//     stand-in's real followers score high by the labelled set each was drawn from;
//  2. the default audits of scripts/eval-audit at one fake share, per source: coverage by how much
//     of its population the source listed (n / N drives the finite-population correction), the
//     lower bound before the between-definition widening, the full subsample's own lower bound,
//     the lite model's weight; and coverage by how many fully fetched accounts scored in the bins
//     real accounts of every known definition rarely reach;
//  3. the plain profile-likelihood interval of one regime (no widening) at 0% fakes, m accounts
//     drawn from that regime's own real histogram or from the stand-in's real accounts' one: is
//     a small full subsample handled right when the regime's histograms hold?
// Research aid, not part of the tests. Usage:
//   node tools/research/audit_lower_bound.mjs [--reps 200] [--share 0] [--source commenters] [--misses]
import fs from 'node:fs';
import { SOURCES, estimateRequest } from '../../extension/shared/audit.js';
import { makeEngager } from '../../tests/e2e/standin/engagers.mjs';
import { followerProfileInfo } from '../../tests/e2e/standin/followers.mjs';
import { prng } from '../../tests/e2e/standin/prng.mjs';
import { loadEngine } from '../cli/engine.mjs';
import { runAudit, auditProfile } from '../eval-audit/audit.mjs';
import { numberArg, stringArg } from '../common/args.mjs';

const reps = numberArg('--reps', 200), share = numberArg('--share', 0);
const only = stringArg('--source', null);
const engine = await loadEngine();
const call = (fn, text) => JSON.parse(engine[fn](text));
const profiles = JSON.parse(fs.readFileSync(new URL('../../models/score_profiles.json', import.meta.url), 'utf8'));
const binOf = (v) => profiles.edges.filter((e) => v >= e).length;
const fullBins = (records) => engine.classifyJsonl(records.map((r) => JSON.stringify(r)).join('\n')).trim().split('\n')
  .map((l) => binOf(JSON.parse(l).fake_probability));
const f1 = (v) => (v === undefined ? '-' : Number(v).toFixed(1));
const pct = (v) => `${(100 * v).toFixed(1)}%`;
const mean = (a, k) => a.reduce((s, x) => s + (x[k] ?? 0), 0) / Math.max(1, a.length);

// 1. The stand-in's real accounts (1,000 per pool) in the full tier's bins.
const HIGH = 5;  // bins 5-7: scores from edges[4] up, where every definition's real accounts are rare
const high = (h) => h.slice(HIGH).reduce((a, b) => a + b, 0);
const flaggedOf = (h, b) => h.slice(b).reduce((a, c) => a + c, 0);
console.log(`## 1. Real accounts in the full tier's bins (edges ${profiles.edges.join(', ')}; threshold ${profiles.threshold})\n`);
console.log('| accounts | bins 0-7 | in bins 5-7 (score >= 0.80) | in bins 6-7 (>= 0.985) | flagged (fpr) |');
console.log('|---|---|---:|---:|---:|');
let standinReal = null;
for (const pool of ['followers', 'likers', 'commenters']) {
  const records = [];
  for (let k = 0; k < 20; k++)
    for (let i = 0; i < 50; i++) {
      const f = makeEngager({ username: `probe.${k}`, fakeShare: 0, likerFakeShare: 0, commenterFakeShare: 0 }, pool, i);
      records.push(call('accountFromProfile', JSON.stringify(followerProfileInfo(f))));
    }
  const lines = engine.classifyJsonl(records.map((r) => JSON.stringify(r)).join('\n')).trim().split('\n').map((l) => JSON.parse(l));
  const h = new Array(8).fill(0);
  for (const l of lines) h[binOf(l.fake_probability)] += 1 / lines.length;
  const flagged = lines.filter((l) => l.fake_probability >= profiles.threshold).length / lines.length;
  if (pool === 'commenters') standinReal = h;
  console.log(`| stand-in real ${pool} (${lines.length}) | ${h.map((v) => v.toFixed(3)).join(' ')} | ${pct(high(h))} | ` +
    `${pct(flaggedOf(h, 6))} | ${pct(flagged)} |`);
}
for (const s of profiles.sources)
  console.log(`| ${s.source} real (${s.n_real}) | ${s.real.map((v) => v.toFixed(3)).join(' ')} | ${pct(high(s.real))} | ` +
    `${pct(flaggedOf(s.real, 6))} | ${pct(s.fpr)} |`);
// The stand-in's real followers by the labelled set each was drawn from, scored as served and
// with the fields that set does not record (display name, biography) left out, as the model saw
// that set's rows.
console.log('\n| stand-in real followers drawn from | accounts | >= 0.80 as served | without display name | without display name and biography |');
console.log('|---|---:|---:|---:|---:|');
{
  const drawn = [];
  for (let k = 0; k < 40; k++)
    for (let i = 0; i < 50; i++) {
      const f = makeEngager({ username: `probe.${k}`, fakeShare: 0 }, 'followers', i);
      drawn.push({ set: f.set, record: call('accountFromProfile', JSON.stringify(followerProfileInfo(f))) });
    }
  const highShare = (records, drop) => {
    const text = records.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([key]) => !drop.includes(key))))).join('\n');
    const scores = engine.classifyJsonl(text).trim().split('\n').map((l) => JSON.parse(l).fake_probability);
    return pct(scores.filter((v) => v >= profiles.edges[4]).length / scores.length);
  };
  for (const set of [...new Set(drawn.map((d) => d.set))].sort()) {
    const records = drawn.filter((d) => d.set === set).map((d) => d.record);
    console.log(`| ${set} | ${records.length} | ${highShare(records, [])} | ${highShare(records, ['full_name'])} | ` +
      `${highShare(records, ['full_name', 'biography'])} |`);
  }
}

// 2. The default audits of scripts/eval-audit.
const truth = share * 100;
const rows = {};
for (let rep = 0; rep < reps; rep++) {
  const state = runAudit(auditProfile(share, rep), rep, call);
  for (const source of SOURCES) {
    if (only && source !== only) continue;
    const req = estimateRequest(state, source);
    const r = call('estimateAudience', JSON.stringify(req));
    const tp = r.two_phase || {};
    const bins = fullBins(req.followers.filter((x) => x.phase !== 'lite'));
    (rows[source] ||= []).push({
      frac: r.sample_size / r.population, covered: r.ci_low <= truth && truth <= r.ci_high,
      low: r.ci_low, point: r.fake_percent, within_low: r.regime.known_definitions?.ci_low,
      full_only_low: tp.interval_full_only?.ci_low, lite_weight: tp.lite_model_weight ?? 0,
      b5: bins.filter((b) => b === 5).length, b67: bins.filter((b) => b >= 6).length, m: bins.length,
      regimes: (r.regime.regimes || []).map((g) => `${g.source}:${g.weight.toFixed(2)}:${g.ci_low}-${g.ci_high}` +
        (g.lite_trust !== undefined ? `:t${g.lite_trust}` : '')).join(' '),
    });
  }
}
for (const [source, list] of Object.entries(rows)) {
  console.log(`\n## 2. ${source} at ${truth}% fake, ${list.length} default audits\n`);
  console.log('| n/N | audits | coverage | mean low | low before the definition widening | low of the full subsample alone | lite model weight |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const [lo, hi] of [[0, 0.5], [0.5, 0.8], [0.8, 0.95], [0.95, 1.01]]) {
    const g = list.filter((x) => x.frac >= lo && x.frac < hi);
    if (g.length)
      console.log(`| ${lo}-${Math.min(1, hi)} | ${g.length} | ${f1(100 * mean(g, 'covered'))}% | ${f1(mean(g, 'low'))} | ` +
        `${f1(mean(g, 'within_low'))} | ${f1(mean(g, 'full_only_low'))} | ${mean(g, 'lite_weight').toFixed(2)} |`);
  }
  console.log('\n| fetched in bin 5 | in bins 6-7 | audits | coverage | mean low |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const b67 of [0, 1])
    for (const b5 of [0, 1, 2, 3]) {
      const g = list.filter((x) => Math.min(x.b67, 1) === b67 && Math.min(x.b5, 3) === b5);
      if (g.length)
        console.log(`| ${b5 === 3 ? '3+' : b5} | ${b67 ? '1+' : 0} | ${g.length} | ${f1(100 * mean(g, 'covered'))}% | ${f1(mean(g, 'low'))} |`);
    }
  console.log(`\nfully fetched: ${f1(mean(list, 'm'))} per audit; in bin 5 ${pct(mean(list, 'b5') / mean(list, 'm'))}, ` +
    `in bins 6-7 ${pct(mean(list, 'b67') / mean(list, 'm'))}`);
  if (process.argv.includes('--misses'))
    for (const x of list.filter((y) => !y.covered))
      console.log(`miss n/N ${x.frac.toFixed(2)} point ${x.point} low ${x.low} before widening ${x.within_low} ` +
        `full-only ${x.full_only_low} lite ${x.lite_weight} bins 5/6-7 ${x.b5}/${x.b67} | ${x.regimes}`);
}

// 3. One regime's plain profile-likelihood interval at 0% fakes (the cut z^2/2 at 95%).
const ll = (s, c, pi) => c.reduce((a, k, b) => a + (k ? k * Math.log(pi * s.fake[b] + (1 - pi) * s.real[b]) : 0), 0);
const mle = (s, c) => {
  let best = 0;
  for (let i = 1; i <= 1000; i++) if (ll(s, c, i / 1000) > ll(s, c, best)) best = i / 1000;
  return best;
};
const draw = (h, rand) => {
  let u = rand() * h.reduce((a, b) => a + b, 0), b = 0;
  while (b < h.length - 1 && u > h[b]) u -= h[b++];
  return b;
};
const rand = prng('audit-lower-bound/plain');
const SIMS = 1000;
console.log(`\n## 3. A regime's plain profile-likelihood interval holds 0 (0% fakes, ${SIMS} samples each)\n`);
console.log('| regime | m | real accounts of the regime itself | stand-in real commenters |');
console.log('|---|---:|---:|---:|');
for (const s of profiles.sources)
  for (const m of [8, 15, 30]) {
    const held = [s.real, standinReal].map((h) => {
      let ok = 0;
      for (let i = 0; i < SIMS; i++) {
        const c = new Array(8).fill(0);
        for (let k = 0; k < m; k++) c[draw(h, rand)]++;
        ok += 2 * (ll(s, c, mle(s, c)) - ll(s, c, 0)) <= 1.959963984540054 ** 2;
      }
      return pct(ok / SIMS);
    });
    console.log(`| ${s.source} | ${m} | ${held[0]} | ${held[1]} |`);
  }
