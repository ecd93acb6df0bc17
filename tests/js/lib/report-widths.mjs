// Widths of an estimate report's intervals, in points: the headline's, and the known
// definitions' own (regime.regimes) summed, where the finite-population correction shows even
// when the bounds for definitions beyond them set the headline's ends alike.
export const width = (r) => r.ci_high - r.ci_low;
export const regimesWidth = (r) => r.regime.regimes.reduce((a, g) => a + g.ci_high - g.ci_low, 0);
