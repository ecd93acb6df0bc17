// A row of the audience breakdown in words, as the panel's legend shows it: "Mass followers: 17%
// (3–41%), 1 in the sample", from the engine's row (share, ci_low and ci_high in percent, count).
// A report saved before the rows carried their 95% interval shows its share and count alone,
// "Mass followers: 17% (1 in the sample)": no interval is made up for it.
import { percentNumber, percentText } from './format.js';

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

export function breakdownRowText(t, label, row) {
  const count = Number.isInteger(row.count) ? row.count : 0;
  if (finite(row.share) && finite(row.ci_low) && finite(row.ci_high)) {
    const p = (v) => percentNumber(v, t.lang);
    return t('breakdownLegendRange', label, p(row.share), p(row.ci_low), p(row.ci_high), count);
  }
  return t('breakdownLegend', label, percentText(row.share, t.lang), count);
}

// The breakdown bar's screen-reader label: the rows as the legend words them, intervals and counts
// included, so a screen-reader user hears what a sighted reader sees below the bar (a label of
// shares alone, "Mass followers 5.8%", left out the 0.4–31% the row shows). Sentences, not a ';'
// list: a full stop takes no language's special spacing.
export function breakdownAriaLabel(t, rows) {
  return rows.map(({ label, row }) => breakdownRowText(t, label, row)).join('. ');
}
