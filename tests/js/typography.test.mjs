// Typography of the numbers people read: the space before "%" is the same character in the locale
// strings (which write "$1 %" around a bare number) as in the formatter's own "23 %" (format.js), so
// one panel never shows two kinds of space; and a negative number carries the minus sign (U+2212),
// as the follower change does, never the ASCII hyphen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { percentText, percentNumber, countText, numberText, shownNumber } from '../../extension/shared/format.js';
import { word } from '../../extension/shared/words.js';

const root = path.resolve(import.meta.dirname, '../..');
const dict = (lang) => flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8')));
const name = (c) => `U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

// The space the formatter puts before "%" in `lang` ('' when none).
const formatterSpace = (lang) => percentText(23, lang).replace(/^23/, '').replace(/%$/, '');

// Each "%" of a language's strings written after a number or a placeholder with a space between:
// ["key: U+202F"] for every space that is not `want` (and every space at all when `want` is '').
// A "%" glued to its number ("23%") is right where the formatter writes none.
export function percentSpaceProblems(strings, want) {
  const problems = [];
  for (const [key, text] of Object.entries(strings)) {
    for (const m of text.matchAll(/([\d}]|\$\d)(\s?)%/gu)) {
      if (m[2] !== want) problems.push(`${key}: ${m[2] ? name(m[2]) : 'no space'} before %`);
    }
  }
  return problems;
}

test('the space before "%": Intl\'s (U+00A0 in French and German, none in English and Dutch), the same in every locale string', () => {
  // The formatter writes what Intl.NumberFormat gives here (Chromium 156 gives the same as Node 20).
  for (const lang of SUPPORTED) {
    const intl = new Intl.NumberFormat(lang, { style: 'percent' }).format(0.23).replace(/^23/, '').replace(/%$/, '');
    assert.equal(formatterSpace(lang), intl, `${lang}: the formatter follows Intl`);
  }
  assert.equal(formatterSpace('fr'), '\u00a0');
  assert.equal(formatterSpace('de'), '\u00a0');
  assert.equal(formatterSpace('en'), '');
  assert.equal(formatterSpace('nl'), '');
  for (const lang of SUPPORTED) assert.deepEqual(percentSpaceProblems(dict(lang), formatterSpace(lang)), [], lang);
  // A planted narrow no-break space, a plain space, a missing one are caught.
  assert.deepEqual(percentSpaceProblems({ a: '≈$1\u202f% faux', b: '{x:pctn} %', c: '$1%', d: '50\u00a0%' }, '\u00a0'),
    ['a: U+202F before %', 'b: U+0020 before %', 'c: no space before %']);
});

test('another ICU\'s space before "%" (U+202F, a plain space) is written as the locale strings write it', () => {
  assert.equal(shownNumber('4,3\u202f%'), '4,3\u00a0%');
  assert.equal(shownNumber('4,3 %'), '4,3\u00a0%');
  assert.equal(shownNumber('4,3\u00a0%'), '4,3\u00a0%');
  assert.equal(shownNumber('12\u202f400'), '12\u202f400', 'a grouping space stays');
  assert.equal(shownNumber('23%'), '23%');
  assert.equal(shownNumber('-1,22'), '\u22121,22');
});

test('a negative number shown to people carries the minus sign (U+2212), in every formatter and language', () => {
  for (const lang of SUPPORTED) {
    for (const text of [numberText(-1.22, lang), percentText(-4.25, lang), percentNumber(-12, lang), countText(-320, lang)]) {
      assert.ok(!text.includes('-'), `${lang}: ${JSON.stringify(text)} has an ASCII hyphen`);
      assert.match(text, /^\u2212\d/u, `${lang}: ${JSON.stringify(text)}`);
    }
    assert.ok(!numberText(1.22, lang).includes('\u2212'), 'a positive number has no sign');
  }
  assert.equal(numberText(-1.22), '\u22121.22');
  assert.equal(numberText(-0.405), '\u22120.405');
  // The likes score, as the panel words it: "they score −1.22".
  const t = translator(dict('en'), {}, 'en');
  const said = word(t, { id: 'likes.organic', params: { score: -1.22, threshold: 1.2 } });
  assert.match(said, /they score \u22121\.22 for how evenly/u, said);
  assert.equal(word(translator(dict('fr'), {}, 'fr'), { id: 'likes.organic', params: { score: -1.22, threshold: 1.2 } }).includes('\u22121,22'), true);
});

// French puts a no-break space before ":" (U+00A0) and a narrow one before ";", "!" and "?"
// (U+202F), as the project's strings do: a string written otherwise (the paused audit's "Audit en
// pause :" had U+202F before its colon) shows beside others that differ. Only a space actually
// written there is checked: a placeholder's own colon ("{fake:pct}") has none.
export function frenchPunctuationProblems(strings) {
  const problems = [];
  for (const [key, text] of Object.entries(strings)) {
    for (const m of text.matchAll(/(\s)([:;!?])/gu)) {
      const want = m[2] === ':' ? '\u00a0' : '\u202f';
      if (m[1] !== want) problems.push(`${key}: ${name(m[1])} before "${m[2]}" (wants ${name(want)})`);
    }
  }
  return problems;
}

test('French strings put U+00A0 before ":" and U+202F before ";", "!" and "?"', () => {
  assert.deepEqual(frenchPunctuationProblems({ a: 'x\u202f: y', b: 'x\u00a0; y', c: '{fake:pct} x\u00a0: y\u202f; z\u202f?' }),
                   ['a: U+202F before ":" (wants U+00A0)', 'b: U+00A0 before ";" (wants U+202F)']);
  assert.deepEqual(frenchPunctuationProblems(dict('fr')), []);
});
