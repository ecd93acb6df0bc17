// Number ranges stay on one line: browsers may break after an en dash and at a plain space before
// "%", so a narrow panel showed "(18–" at the end of one line and "46 %)" on the next. Every range
// any message builds, in every language, is found whole (ranges.js), and el() sets it in a span
// that does not wrap while the text itself stays as it was (copied and read aloud unchanged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { fill } from '../../extension/shared/words.js';
import { percentNumber } from '../../extension/shared/format.js';
import { rangeParts } from '../../extension/shared/ranges.js';
import { el, appendText } from '../../extension/shared/element.js';

const root = path.resolve(import.meta.dirname, '../..');
const dict = (lang) => flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8')));

// Each en dash between two numbers (spaces, a percent sign between them allowed) in `text`: its index.
const dashesBetweenNumbers = (text) => [...text.matchAll(/\d[ \u00a0\u202f]?%?[ \u00a0\u202f]?\u2013[ \u00a0\u202f]?\d/g)]
  .map((m) => m.index + m[0].indexOf('\u2013'));

// Where in `text` the ranges rangeParts finds lie: [from, to) pairs.
function rangeSpans(text) {
  const out = [];
  let at = 0;
  for (const p of rangeParts(text)) {
    if (p.range) out.push([at, at + p.text.length]);
    at += p.text.length;
  }
  return out;
}

test('every message that builds a number range, in every language, has the whole range found, up to its percent sign', () => {
  let checked = 0;
  for (const lang of SUPPORTED) {
    const d = dict(lang);
    const t = translator(d, {}, lang);
    // Numbers as they are written there: long ones, with decimals and grouping, so separators count.
    const subs = [18.5, 46.25, 12400, 15000, 4.3, 9.75, 31, 27, 3].map((v) => percentNumber(v, lang));
    for (const [key, message] of Object.entries(d)) {
      if (!message.includes('\u2013')) continue;
      const text = key.startsWith('msg_')
        ? fill(t, key, new Proxy({}, { has: () => true, get: () => 12345.6, getOwnPropertyDescriptor: () => ({ value: 12345.6, enumerable: true, configurable: true }) }))
        : t(key, ...subs);
      const spans = rangeSpans(text);
      for (const i of dashesBetweenNumbers(text)) {
        checked++;
        const span = spans.find(([a, b]) => a <= i && i < b);
        assert.ok(span, `${lang} ${key}: the range around the dash at ${i} is not found whole in ${JSON.stringify(text)}`);
        const range = text.slice(...span);
        // Whole: from the first digit before the dash to the last one after it, and its "%" if it has one.
        const after = text.slice(span[1]);
        assert.doesNotMatch(after, /^[\d.,\u00a0\u202f]*\d|^[ \u00a0\u202f]?%/, `${lang} ${key}: ${JSON.stringify(range)} stops short in ${JSON.stringify(text)}`);
        assert.doesNotMatch(text.slice(0, span[0]), /\d$/, `${lang} ${key}: ${JSON.stringify(range)} starts late in ${JSON.stringify(text)}`);
      }
    }
  }
  assert.ok(checked >= 4 * 15, `only ${checked} ranges checked`);
});

test('the ranges of a French source row and badge are found whole, from the first digit to the percent sign', () => {
  const t = translator(dict('fr'), {}, 'fr');
  const row = t('sourceEstimate', 'Abonnés', '31', '18', '46');
  assert.equal(row, 'Abonnés\u00a0: ~31\u00a0% de faux (18–46\u00a0%)');
  assert.deepEqual(rangeParts(row).filter((p) => p.range).map((p) => p.text), ['18–46\u00a0%']);
  const badge = fill(t, 'msg_badge_number', { fake: 31, low: 4.25, high: 46.5 });
  assert.deepEqual(rangeParts(badge).filter((p) => p.range).map((p) => p.text), ['4,3–47\u00a0%']);
  assert.equal(rangeParts(badge).map((p) => p.text).join(''), badge, 'the parts give the text back');
  assert.deepEqual(rangeParts('3 - 5, 2026-12-06'), [{ text: '3 - 5, 2026-12-06', range: false }], 'a hyphen is no range');
});

// A document just large enough for el(): elements with attributes, styles and child nodes.
function fakeDocument() {
  const textOf = (n) => (n.nodeType === 3 ? n.data : n.childNodes.map(textOf).join(''));
  const element = (tag) => {
    const n = { nodeType: 1, tag, attrs: {}, style: {}, childNodes: [],
      setAttribute(k, v) { this.attrs[k] = String(v); },
      append(...c) { this.childNodes.push(...c); },
      get textContent() { return textOf(this); },
      set textContent(v) { this.childNodes = v === '' ? [] : [{ nodeType: 3, data: String(v) }]; } };
    return n;
  };
  return { createElement: element, createTextNode: (data) => ({ nodeType: 3, data }) };
}

test('el() sets each range in a span that does not wrap; the text stays as given', (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const text = 'Abonnés : ~31 % de faux (18–46 %)';
  const node = el('p', { class: 'row' }, text);
  assert.equal(node.textContent, text);
  const spans = node.childNodes.filter((c) => c.nodeType === 1);
  assert.deepEqual(spans.map((s) => [s.textContent, s.style.whiteSpace]), [['18–46 %', 'nowrap']]);
  // Text appended after other children (a reason after its screen-reader label) alike.
  const reason = el('span', {}, 'Severity: ');
  appendText(reason, 'about 27 % of the followers (0–66 %).');
  assert.equal(reason.textContent, 'Severity: about 27 % of the followers (0–66 %).');
  assert.deepEqual(reason.childNodes.filter((c) => c.nodeType === 1).map((s) => [s.textContent, s.style.whiteSpace]), [['0–66 %', 'nowrap']]);
  const plain = el('p', {}, 'No number range here: 2026-12-06');
  assert.deepEqual(plain.childNodes, [{ nodeType: 3, data: 'No number range here: 2026-12-06' }], 'other text is set as it is');
});
