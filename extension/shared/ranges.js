// Number ranges in text ("18–46 %", "≈23% fake (15–31%)", "1,000–5,000 followers") kept on one
// line. Browsers may break a line after an en dash and at a plain space before "%" (some
// templates write "$3–$4 %"), so a narrow panel or popup showed "(18–" on one line and "46 %)" on
// the next. The text itself is left as it is (copied, exported and read aloud unchanged, with no
// invisible joiners in a CSV); whoever sets it on the page wraps each range in a span that does not
// wrap (element.js).

// A number as Intl writes one in en, nl, de and fr (grouping by ',', '.', U+00A0 or U+202F; a
// decimal point or comma), with an optional percent sign after a space of any kind or none; two
// such joined by an en dash, with or without spaces around it.
const NUMBER = '\\d(?:[\\d.,\\u00a0\\u202f]*\\d)?(?:[ \\u00a0\\u202f]?%)?';
export const RANGE = new RegExp(`${NUMBER}[ \\u00a0\\u202f]?\\u2013[ \\u00a0\\u202f]?${NUMBER}`, 'g');

// `text` cut into its parts, in order: [{text, range}], `range` true for a number range. Joined
// they give `text` back.
export function rangeParts(text) {
  const parts = [];
  let from = 0;
  for (const m of String(text).matchAll(RANGE)) {
    if (m.index > from) parts.push({ text: text.slice(from, m.index), range: false });
    parts.push({ text: m[0], range: true });
    from = m.index + m[0].length;
  }
  if (from < text.length || parts.length === 0) parts.push({ text: text.slice(from), range: false });
  return parts;
}
