// shownText (shared/shown-text.js) as scripts' ordinary text meets it: a comment or a page's count
// text keeps what its own language writes (the marks that place neutral characters, every mark a
// letter carries in Hebrew, Tibetan, Burmese or Thai), and loses only what could reach the overlay's
// words around it (an embedding, override or isolate) or stack far above its line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shownText, isolated } from '../../extension/shared/shown-text.js';

test('the bidirectional marks (ALM, LRM, RLM) stay: they open no level, and inside the isolate they place the text\'s own neutrals', () => {
  // Arabic's letter mark before a minus sign and digits; an RLM giving a Hebrew text starting in
  // Latin its direction (the isolate, U+2068, takes the first strong character's).
  for (const text of ['\u0627\u0644\u0639\u062F\u062F \u061C-5', '\u200FC++ \u05E9\u05DC\u05D5\u05DD', 'abc\u200E!', '\u05D0\u05D1\u200F (1)']) {
    assert.equal(shownText(text), text, JSON.stringify(text));
  }
  // What opens or closes a level still goes (a PDI would end the isolate early).
  assert.equal(isolated('a\u202Eb\u2069c\u2066d\u202C'), '\u2068abcd\u2069');
});

test('a letter keeps every mark its script puts on it; only a run far past them is cut', () => {
  const kept = [
    '\u05E9\u05BC\u05C1\u05B8\u05A3', // Hebrew shin: dagesh, shin dot, qamats, munah (4 marks)
    '\u05D1\u05BC\u05B0\u05BD\u0591', // bet: dagesh, sheva, meteg, etnahta
    '\u0F67\u0FB2\u0F71\u0F72\u0F7F', // Tibetan HRIH: subjoined ra, long a, i, visarga
    '\u1000\u103C\u103D\u1031\u1038', // Burmese "debt": medials, vowel sign, tone (4 marks)
    '\u0E19\u0E49\u0E33 \u0E01\u0E34\u0E4A', // Thai: tone marks over vowels
    '\u0628\u0651\u064E\u0670', // Arabic: shadda, fatha, superscript alef
  ];
  for (const text of kept) assert.equal(shownText(text), text, JSON.stringify(text));
  // Stacked far past any script's use: cut (zalgo of generic accents to 3, others to 5).
  assert.equal(shownText(`Z${'\u0301\u0302'.repeat(20)}`), 'Z\u0301\u0302\u0301');
  assert.equal(shownText(`\u0E01${'\u0E48'.repeat(30)}`), `\u0E01${'\u0E48'.repeat(5)}`);
  assert.equal(shownText(`\u05E9${'\u05B8\u05A3'.repeat(30)}`), `\u05E9${'\u05B8\u05A3\u05B8\u05A3\u05B8'}`);
});
