// Numbers for people, in the user's language: the one place the badge, the panel, the popup and
// the CLI format estimates, percentages, counts and other numbers (the engine hands out numbers
// only). Intl gives each language its own separators and percent sign ("23%", "23 %").

const formats = new Map();
function formatter(lang, options) {
  const key = `${lang}|${JSON.stringify(options)}`;
  if (!formats.has(key)) {
    let f;
    try { f = new Intl.NumberFormat(lang, options); } catch { f = new Intl.NumberFormat('en', options); }
    formats.set(key, f);
  }
  return formats.get(key);
}

// As many digits as a person needs: none at 0 and from 10 on, one below 10, two significant below 1.
function percentOptions(v) {
  const a = Math.abs(v);
  if (a === 0 || a >= 10) return { maximumFractionDigits: 0 };
  if (a >= 1) return { maximumFractionDigits: 1 };
  return { maximumSignificantDigits: 2 };
}

const finite = (v) => typeof v === 'number' && Number.isFinite(v);

// A percentage (0-100) without its sign: "23", "4.3", "0.42" ("4,3" in Dutch); "?" when unknown.
export function percentNumber(v, lang = 'en') {
  return finite(v) ? formatter(lang, percentOptions(v)).format(v) : '?';
}

// A percentage (0-100) with the language's percent sign: "23%", "4,3 %".
export function percentText(v, lang = 'en') {
  return finite(v) ? formatter(lang, { style: 'percent', ...percentOptions(v) }).format(v / 100) : '?';
}

// A count with the language's grouping: "48,700,000", "48.700.000".
export function countText(v, lang = 'en') {
  return finite(v) ? formatter(lang, { maximumFractionDigits: 0 }).format(v) : '?';
}

// Any other number, to three significant digits: "1.92", "-0.405", "6.2".
export function numberText(v, lang = 'en') {
  return finite(v) ? formatter(lang, { maximumSignificantDigits: 3 }).format(v) : '?';
}

// Which plural form a count takes in the language ("one", "other", ...).
export function pluralForm(n, lang = 'en') {
  try { return new Intl.PluralRules(lang).select(n); } catch { return n === 1 ? 'one' : 'other'; }
}
