// The words people read (panel, popup, options page, badge tooltips: every message of the four
// _locales files, and the options and popup pages' own fallback text) are plain: no statistics or
// model terms. Parents checking a child's followers read "how this was worked out"; "the classifier
// catches 83% at its threshold" or "score histograms" told them nothing. The CSV export's column
// names (history.js CSV_COLUMNS: ci_low, ci_high, …) are machine fields, not sentences, and are
// not scanned; ALLOWED below is where a message could be exempted, with its reason.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { word } from '../../extension/shared/words.js';
import { CSV_COLUMNS } from '../../extension/shared/history.js';

const root = path.resolve(import.meta.dirname, '../..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const dict = (lang) => flatten(JSON.parse(read(`_locales/${lang}/messages.json`)));

// Terms a reader without statistics does not know, in each language (case-insensitive unless an
// acronym). A placeholder's or plural select's name ({threshold:num}, {tier}, {lite|follower|followers},
// $1) is no word anyone reads: removed first, the select's forms kept.
const BANNED = [
  /classif|klassifik/i, /histogra/i, /threshold|schwelle|\bseuils?\b|drempel/i,
  /percentile|perzentil|centile|percentiel/i, /\bmedian|médiane|mediaan/i,
  /cross-valid|kreuzvalid|validation croisée|kruisgevalid/i, /calibrat|kalibr/i, /posterior|a posteriori/i,
  /\bpriors?\b/i, /\bregimes?\b|régime/i, /\blite\b/i, /\btiers?\b/i, /\bmodel|\bmodell|modèle/i,
  /sampling error|stichprobenfehler|erreur d'échantillonnage|steekproeffout/i,
  /confidence interval|konfidenzintervall|intervalle de confiance|betrouwbaarheidsinterval/i,
  /\b(CI|KI|IC|BI)\b/, /of the fit|der Anpassung|de l'ajustement|van de fit|\balarm|alerte/i,
  // "interval" (Intervall, intervalle): "range" (Spanne, fourchette, bereik) reads plainer.
  /\binterval/i,
];
// key -> why it may keep a banned term. Empty now; an entry must still match, or it goes.
const ALLOWED = new Map();

const spoken = (text) => text.replace(/\{[A-Za-z_$][\w$]*(?::\w+)?(?=[|}])/g, '{').replace(/\$\d/g, ' ');
const jargonIn = (text) => BANNED.filter((re) => re.test(spoken(text))).map(String);

test('the ban itself: it catches the old wording and lets placeholders and plain words through', () => {
  for (const old of ["The classifier catches 83% of that set's fakes at its threshold.",
    'by its own score histograms', "(their 95th percentile is 3x)", 'real comment sections: median 2%',
    "corrected with the model's own cross-validated rates", 'with the sampling error', '(62% of the fit)',
    'Der Klassifikator erkennt 83 % an seiner Schwelle', 'selon ses propres histogrammes de scores',
    'de classificatie bij haar drempel', 'published benchmarks for this tier', 'the 95% CI', 'The 95% interval is wider',
    'Das 95-%-Intervall', "L'intervalle tient compte", 'beide intervallen'])
    assert.ok(jargonIn(old).length, `not caught: ${old}`);
  for (const plain of ["Our account checker catches 83% of that set's fake accounts.", 'above {threshold:num}',
    'real accounts with {tier}', 'list {lite:count} {lite|follower|followers}', 'la ligne ci-dessous', 'Export CSV', 'half up to 2%',
    'The 95% range is wider', 'Die 95-%-Spanne', 'La fourchette tient compte', 'beide bereiken'])
    assert.deepEqual(jargonIn(plain), [], plain);
  // The CSV columns are exempt by not being scanned: they do hold such terms.
  assert.ok(CSV_COLUMNS.includes('ci_low'));
});

test('no message people read uses statistics or model terms, in any language', () => {
  const found = [];
  for (const lang of SUPPORTED) {
    for (const [key, text] of Object.entries(dict(lang))) {
      const hits = jargonIn(text);
      if (hits.length && !ALLOWED.has(key)) found.push(`${lang} ${key}: ${hits.join(' ')}: "${text}"`);
    }
  }
  for (const page of ['extension/ui/options.html', 'extension/ui/popup.html']) {
    const hits = jargonIn(read(page).replace(/<[^>]*>/g, ' '));
    if (hits.length) found.push(`${page}: ${hits.join(' ')}`);
  }
  assert.deepEqual(found, []);
  for (const key of ALLOWED.keys()) assert.ok(SUPPORTED.some((l) => jargonIn(dict(l)[key] ?? '').length), `${key} needs no exemption`);
});

// The closest labelled set's explanation keeps every number it gave, in every language.
test('the closest labelled set is said in plain words with all its numbers', () => {
  const params = { fit: 62, caught: 83, lowest: 12, highest: 31, half: 4, known: 6, kind: { id: 'regime.kind_srf' } };
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const id of ['regime.resembles', 'regime.resembles_agree', 'regime.resembles_spans', 'regime.lite', 'regime.lite_spans', 'regime.lite_few']) {
      const said = word(t, { id, params });
      assert.match(said, /62\s?%/u, `${lang} ${id}: ${said}`);
      if (!id.includes('lite')) assert.match(said, /83\s?%/u, `${lang} ${id}: ${said}`);
      assert.match(said, /12\b.*31\s?%/u, `${lang} ${id}: ${said}`);
      if (id.endsWith('spans')) assert.match(said, /±4\b.*\b6\b|\b6\b.*±4\b/u, `${lang} ${id}: ${said}`);
    }
  }
  const en = translator(dict('en'), {}, 'en');
  assert.match(word(en, { id: 'regime.resembles', params }),
    /Our account checker catches 83% of that set's fake accounts\. .*; by them, 12–31% of it is fake\.$/);
});
