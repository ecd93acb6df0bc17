// The audience breakdown's rows in words (the panel's legend): each share with its 95% interval in
// every language, and a report saved before the rows carried one shown as it was, without one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator } from '../../extension/shared/i18n.js';
import { breakdownRowText } from '../../extension/shared/breakdown-words.js';
import { rangeParts } from '../../extension/shared/ranges.js';
import { fakeDocument, all } from './lib/fake-document.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const en = flatten(JSON.parse(fs.readFileSync(path.join(root, '_locales/en/messages.json'), 'utf8')));
const tr = (lang) => translator(flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8'))), en, lang);

test('a breakdown row says its share, its 95% interval and its count, in every language', () => {
  const row = { share: 17, ci_low: 3, ci_high: 41, count: 1 };
  const want = {
    en: 'Mass followers: 17% (3–41%), 1 in the sample',
    de: 'Massen-Follower: 17\u00a0% (3–41\u00a0%), 1 in der Stichprobe',
    // French: a no-break space before the colon and before the percent sign (as Intl writes it: format.js).
    fr: "Abonnés en masse\u00a0: 17\u00a0% (3–41\u00a0%), 1 dans l'échantillon",
    nl: `${tr('nl')('cat_mass_followers')}: 17% (3–41%), 1 in de steekproef`,
  };
  for (const [lang, text] of Object.entries(want)) {
    const t = tr(lang);
    const got = breakdownRowText(t, t('cat_mass_followers'), row);
    assert.equal(got, text, lang);
    // The interval is one range, kept on one line in the panel (element.js).
    assert.deepEqual(rangeParts(got).filter((p) => p.range).length, 1, `${lang}: ${got}`);
  }
  // Decimals as the language writes them; a count with its grouping.
  assert.equal(breakdownRowText(tr('de'), 'X', { share: 4.3, ci_low: 0.42, ci_high: 9.5, count: 1200 }),
    'X: 4,3\u00a0% (0,42–9,5\u00a0%), 1.200 in der Stichprobe');
});

test('a breakdown row of a report saved before rows had an interval shows none, and no error', () => {
  const t = tr('en');
  assert.equal(breakdownRowText(t, 'Mass followers', { share: 17, count: 1 }), 'Mass followers: 17% (1 in the sample)');
  // Half an interval, or one not a number, is no interval.
  assert.equal(breakdownRowText(t, 'Likely fake', { share: 34, ci_low: 20, count: 2 }), 'Likely fake: 34% (2 in the sample)');
  assert.equal(breakdownRowText(t, 'Likely fake', { share: 34, ci_low: null, ci_high: '50', count: 2 }), 'Likely fake: 34% (2 in the sample)');
  // Its share as Intl writes a percentage (the space before "%" is Intl's, which differs by engine).
  assert.match(breakdownRowText(tr('fr'), 'Probablement faux', { share: 3 }), /^Probablement faux\u00a0: 3\s% \(0 dans l'échantillon\)$/);
});

// The bar is one picture (role img) to a screen reader, which hears only its label: it said the
// shares alone ("Mass followers 5.8%") while the rows below carry each share's interval.
test('the breakdown bar\'s screen-reader label gives each share with its interval and count, as the rows do', async (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const { breakdownChart } = await import('../../extension/content/charts.js');
  const audience = { sample_size: 120, breakdown: {
    likely_fake: { share: 34, ci_low: 20, ci_high: 50, count: 2 },
    mass_followers: { share: 5.8, ci_low: 0.4, ci_high: 31, count: 1 },
    public_real: { share: 60, count: 117 } } };  // a row saved before rows had an interval
  for (const lang of ['en', 'fr']) {
    const tl = tr(lang);
    const nodes = all(breakdownChart(tl, audience));
    const bar = nodes.find((n) => n.attrs.role === 'img');
    const rows = nodes.filter((n) => n.tag === 'li').map((n) => n.textContent);
    assert.equal(rows.length, 3);
    assert.equal(bar.attrs['aria-label'], rows.join('. '), lang);
  }
  assert.equal(all(breakdownChart(tr('en'), audience)).find((n) => n.attrs.role === 'img').attrs['aria-label'],
    'Likely fake: 34% (20–50%), 2 in the sample. Mass followers: 5.8% (0.4–31%), 1 in the sample. Real (public): 60% (117 in the sample)');
});
