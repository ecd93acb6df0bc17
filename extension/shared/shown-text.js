// Text written by others (a comment's words, a page's count) as the overlay shows it among its own
// words. It is set as text, never markup (element.js); this keeps it within its own line too.

// Combining marks kept on one character. A "zalgo" comment (a letter under 72 stacked accents,
// within the engine's 80 characters) drew its marks up over the panel's lines above it, heading
// included: the line box does not grow for them. The generic accents (Combining Diacritical Marks
// and their kin, zalgo's stock) keep three: Vietnamese takes two, a keycap emoji U+FE0F U+20E3.
// A script's own marks keep five: Hebrew's dagesh, shin dot, vowel, meteg and accent, Tibetan's
// stacks (HRIH: subjoined ra, two vowels), Arabic's shadda, vowel and small alef. Spacing marks
// (Mc: Burmese, Devanagari's vowel signs) take room along the line, not above it: never cut.
export const MAX_MARKS = 3;
export const MAX_SCRIPT_MARKS = 5;
const GENERIC_BLOCKS = [[0x0300, 0x036F], [0x0483, 0x0489], [0x1AB0, 0x1AFF], [0x1DC0, 0x1DFF], [0x20D0, 0x20FF], [0xFE20, 0xFE2F]];
const isGeneric = (mark) => GENERIC_BLOCKS.some(([from, to]) => mark.codePointAt(0) >= from && mark.codePointAt(0) <= to);
const SPACING_MARK = /\p{Mc}/u;
const MARK_RUNS = /\p{M}{4,}/gu;
// Bidirectional controls that open or close a level (embeddings, overrides, isolates): one left
// open (U+202E) turned the rest of the sentence around it backwards, and a PDI would end the
// isolate early. The marks (ALM U+061C, LRM, RLM) open nothing, and within the isolate they place
// the text's own neutrals ("-5" in Arabic) and give it its direction: kept.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

function fewerMarks(run) {
  let generic = 0;
  let stacked = 0;
  let kept = '';
  for (const mark of run) {
    if (SPACING_MARK.test(mark)) { kept += mark; continue; }
    const ofGeneric = isGeneric(mark);
    if (stacked >= MAX_SCRIPT_MARKS || (ofGeneric && generic >= MAX_MARKS)) continue;
    if (ofGeneric) generic += 1;
    stacked += 1;
    kept += mark;
  }
  return kept;
}

export function shownText(text) {
  return String(text).replace(BIDI_CONTROLS, '').replace(MARK_RUNS, fewerMarks);
}

// The same, isolated from the words around it (U+2068 ... U+2069): right-to-left text, or digits
// after it, cannot move our words or numbers beside it (a name ending in Hebrew and "31% fake").
export const isolated = (text) => `\u2068${shownText(text)}\u2069`;
