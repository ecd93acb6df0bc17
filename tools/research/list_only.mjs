#!/usr/bin/env node
// The list alone on complete list entries: an audit whose full fetches all failed (or a saved list
// estimated alone) scores only what Instagram's followers list shows. The labelled sets each lack
// part of that (display names, usernames, pictures), so the leave-one-set-out table in
// EVALUATION.md ("the list alone") cannot show how the estimate reads complete entries. The
// stand-in's followers have them (tests/e2e/standin, fitted to all labelled data): this lists n
// of a fresh stand-in profile's followers at known fake shares, reads the list with the
// extension's adapter (parseFollowersPage) and estimates with the wasm engine, then scores the
// reported point and interval and the readings it is made of: the count corrected with the lite
// tier's pooled rates (`pooled`, the estimate before), the known definitions' average reading
// (`definitions`, from the report's regimes) and the share flagged (`flagged`).
// Research aid, not part of the tests. Usage:
//   scripts/build --wasm-only
//   node tools/research/list_only.mjs [--reps 60] [--total 5000]
import { makeFollower, listEntry } from '../../tests/e2e/standin/followers.mjs';
import { parseFollowersPage } from '../../extension/shared/instagram.js';
import { loadEngine } from '../cli/engine.mjs';
import { numberArg } from '../common/args.mjs';

const reps = numberArg('--reps', 60), total = numberArg('--total', 5000);
const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];

const engine = await loadEngine();
const call = (fn, text) => JSON.parse(engine[fn](text));
console.log(`engine ${engine.version()}, ${reps} lists per share, audience of ${total}; MAE in points`);
console.log('| listed | true % | reported: MAE | coverage | mean width | pooled: MAE | definitions: MAE | flagged: MAE |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const n of [50, 200]) {
  for (const share of SHARES) {
    const sum = { rep: 0, pooled: 0, defs: 0, flagged: 0, covered: 0, width: 0 };
    for (let rep = 0; rep < reps; rep++) {
      const profile = { username: `list.${n}.${Math.round(share * 100)}.${rep}`, fakeShare: share };
      const users = [];
      for (let i = 0; i < n; i++) users.push(listEntry(makeFollower(profile, i)));
      const { accounts, error } = parseFollowersPage({ users });
      if (error) throw new Error(error);
      const r = call('estimateAudience', JSON.stringify({ total_followers: total, followers: accounts }));
      if (r.error) throw new Error(r.error.message);
      const truth = share * 100;
      const flagged = r.flagged_percent;
      const defs = r.regime.regimes.reduce((s, g) => s + g.weight * g.fake_percent, 0);
      const pooled = pooledCount(flagged, r.classifier.lite);
      sum.rep += Math.abs(r.fake_percent - truth);
      sum.pooled += pooled === null ? NaN : Math.abs(pooled - truth);
      sum.defs += Math.abs(defs - truth);
      sum.flagged += Math.abs(flagged - truth);
      sum.covered += r.ci_low <= truth && truth <= r.ci_high ? 1 : 0;
      sum.width += r.ci_high - r.ci_low;
    }
    const f = (v) => (v / reps).toFixed(1);
    console.log(`| ${n} | ${share * 100} | ${f(sum.rep)} | ${((100 * sum.covered) / reps).toFixed(1)}% | ${f(sum.width)} | ` +
      `${f(sum.pooled)} | ${f(sum.defs)} | ${f(sum.flagged)} |`);
  }
}

// The estimate before: the flagged share corrected with the lite tier's rates as the report gives
// them (Rogan-Gladen), clipped to 0-100%.
function pooledCount(flaggedPercent, rates) {
  if (!rates || !(rates.tpr > rates.fpr)) return null;
  const pi = (flaggedPercent / 100 - rates.fpr) / (rates.tpr - rates.fpr);
  return 100 * Math.min(1, Math.max(0, pi));
}
