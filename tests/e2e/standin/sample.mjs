// Draws values from the fitted tables in distributions.json (quantile tables, histograms,
// Gaussian-copula correlation). Pure functions of a seeded generator.
import fs from 'node:fs';

export const DIST = JSON.parse(fs.readFileSync(new URL('./distributions.json', import.meta.url), 'utf8'));

// Inverse CDF of a 21-point quantile table at u in [0,1), interpolating between points in
// log1p space (the tables are non-negative and heavy-tailed: linear steps would overfill the top bin).
export function fromQuantiles(table, u) {
  const pos = Math.min(Math.max(u, 0), 0.999999) * (table.length - 1);
  const lo = Math.floor(pos), a = Math.log1p(table[lo]), b = Math.log1p(table[lo + 1]);
  return Math.expm1(a + (b - a) * (pos - lo));
}

export function fromHistogram(probs, u) {
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i];
    if (u < acc) return i;
  }
  return probs.length - 1;
}

// Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf), accurate to ~1e-7.
export function normalCdf(z) {
  const t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.SQRT2);
  const y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t *
    Math.exp(-z * z / 2);
  return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

function cholesky(m) {
  const n = m.length, l = m.map(() => new Array(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      l[i][j] = i === j ? Math.sqrt(Math.max(s, 1e-9)) : s / l[j][j];
    }
  }
  return l;
}
const cholCache = new Map();

// Correlated uniforms for [posts, following, followers] of one class.
export function countUniforms(cls, rand) {
  if (!cholCache.has(cls)) cholCache.set(cls, cholesky(DIST.classes[cls].count_correlation));
  const l = cholCache.get(cls), z = [rand.normal(), rand.normal(), rand.normal()];
  return l.map((row) => normalCdf(row.reduce((s, c, k) => s + c * z[k], 0)));
}
