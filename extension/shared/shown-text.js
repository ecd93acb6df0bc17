// Text written by others (a comment's words, a page's count) as the overlay shows it among its own
// words. It is set as text, never markup (element.js); this keeps it within its own line too.

// Combining marks kept on one character. A "zalgo" comment (a letter under 72 stacked accents,
// within the engine's 80 characters) drew its marks up over the panel's lines above it, heading
// included: the line box does not grow for them. Three keep every script's own sequences whole
// (Vietnamese, Devanagari's nukta, vowel sign and anusvara, a keycap emoji's U+FE0F U+20E3).
export const MAX_MARKS = 3;
const MARK_RUN = new RegExp(`(\\p{M}{${MAX_MARKS}})\\p{M}+`, 'gu');

export function shownText(text) {
  return String(text).replace(MARK_RUN, '$1');
}
