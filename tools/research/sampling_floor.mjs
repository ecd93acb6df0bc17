#!/usr/bin/env node
// The least mean error any estimator can have from n accounts checked in full, whatever its
// classifier: a perfect one under a known definition still counts a random sample. Exact
// hypergeometric mean absolute error of the sampled share k/n, for the leave-one-set-out
// evaluation's audiences (5,000 followers at 0-60% fakes, tools/eval-estimator/definitions.cpp),
// in points, per share and averaged over the shares as the MAE targets are.
// Usage: node tools/research/sampling_floor.mjs [--total 5000]
import { numberArg } from '../common/args.mjs';
const N = numberArg('--total', 5000);
const SHARES = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6];

// log C(a, b) by sums of logs: exact enough for these sizes, no overflow.
const logFact = [0];
for (let i = 1; i <= N; i++) logFact[i] = logFact[i - 1] + Math.log(i);
const logChoose = (a, b) => (b < 0 || b > a ? -Infinity : logFact[a] - logFact[b] - logFact[a - b]);

function mae(n, share) {
  const K = Math.round(share * N);
  let sum = 0;
  for (let k = Math.max(0, n - (N - K)); k <= Math.min(n, K); k++) {
    const p = Math.exp(logChoose(K, k) + logChoose(N - K, n - k) - logChoose(N, n));
    sum += p * Math.abs(k / n - K / N);
  }
  return 100 * sum;
}

console.log(`audience of ${N}; mean absolute error of the share among n accounts checked in full, in points`);
console.log(`| n | ${SHARES.map((s) => `${s * 100}%`).join(' | ')} | mean |`);
console.log(`|---:|${SHARES.map(() => '---:').join('|')}|---:|`);
for (const n of [30, 50, 200]) {
  const row = SHARES.map((s) => mae(n, s));
  console.log(`| ${n} | ${row.map((v) => v.toFixed(1)).join(' | ')} | ${(row.reduce((a, b) => a + b, 0) / row.length).toFixed(2)} |`);
}
