// Draws values from the fitted tables in distributions.json (quantile tables, histograms, the
// counts' checkerboard copula). Pure functions of a seeded generator.
import fs from 'node:fs';

export const DIST = JSON.parse(fs.readFileSync(new URL('./distributions.json', import.meta.url), 'utf8'));

// Inverse CDF of a quantile table (values at `probs`) at u in [0,1). In log1p space by default
// (the tables are non-negative and heavy-tailed: linear steps would overfill the top bin);
// `linear` for tables that can be negative.
function inverseCdf(table, probs, u, linear = false) {
  const x = Math.min(Math.max(u, 0), 0.999999);
  let lo = 0;
  while (lo < probs.length - 2 && x >= probs[lo + 1]) lo++;
  const t = (x - probs[lo]) / (probs[lo + 1] - probs[lo]);
  if (linear) return table[lo] + (table[lo + 1] - table[lo]) * t;
  const a = Math.log1p(table[lo]), b = Math.log1p(table[lo + 1]);
  return Math.expm1(a + (b - a) * t);
}
// An engagement table (DIST.engagement).
export const fromQuantiles = (table, u) => inverseCdf(table, DIST.engagement.quantile_probs, u);
// An account field's table (DIST.classes), at DIST.quantile_probs.
export const fromAccountQuantiles = (table, u) => inverseCdf(table, DIST.quantile_probs, u);
export const fromAccountQuantilesLinear = (table, u) => inverseCdf(table, DIST.quantile_probs, u, true);

export function fromHistogram(probs, u) {
  let acc = 0;
  for (let i = 0; i < probs.length; i++) {
    acc += probs[i];
    if (u < acc) return i;
  }
  return probs.length - 1;
}

// The fitted tables of one labelled set within a class ('fake' / 'real'), picked by u in [0,1)
// from the class's set weights: a synthetic account takes every field from the one set.
export function pickSet(cls, u) {
  const weights = Object.entries(DIST.classes[cls].set_weights);
  let acc = 0;
  for (const [name, w] of weights) {
    acc += w;
    if (u < acc) return { name, fit: DIST.classes[cls].sets[name] };
  }
  const [name] = weights[weights.length - 1];
  return { name, fit: DIST.classes[cls].sets[name] };
}

// Uniforms for [posts, log follow ratio, followers] of one set's fit: a cell of its checkerboard
// copula (quintile of each), then a uniform draw within each quintile.
export function countUniforms(fit, rand) {
  const cells = fit.count_copula_cells, bins = Math.round(Math.cbrt(cells.length));
  let cell = fromHistogram(cells, rand());
  const out = [];
  for (let k = 0; k < 3; k++) {
    out.unshift(((cell % bins) + rand()) / bins);
    cell = Math.floor(cell / bins);
  }
  return out;
}
