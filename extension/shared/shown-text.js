// Text written by others (a comment's words, a page's count) as the overlay shows it among its own
// words. It is set as text, never markup (element.js); this keeps it within its own line too.

// Combining marks kept on one character. A "zalgo" comment (a letter under 72 stacked accents,
// within the engine's 80 characters) drew its marks up over the panel's lines above it, heading
// included: the line box does not grow for them. Three keep every script's own sequences whole
// (Vietnamese, Devanagari's nukta, vowel sign and anusvara, a keycap emoji's U+FE0F U+20E3).
export const MAX_MARKS = 3;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS}})\\p{M}+`, 'gu');
// Bidirectional formatting characters (embeddings, overrides, isolates, marks): one left open
// (U+202E) turned the rest of the sentence around it backwards.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function shownText(text) {
  return String(text).replace(BIDI_CONTROLS, '').replace(MARK_RUN, '$1');
}

// The same, isolated from the words around it (U+2068 ... U+2069): right-to-left text, or digits
// after it, cannot move our words or numbers beside it (a name ending in Hebrew and "31% fake").
export const isolated = (text) => `\u2068${shownText(text)}\u2069`;
