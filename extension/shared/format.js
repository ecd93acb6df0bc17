// Numbers for people, in the user's language: the one place the badge, the panel, the popup and
// the CLI format estimates, percentages, counts and other numbers (the engine hands out numbers
// only). Intl gives each language its own separators and percent sign ("23%", "23 %"), as shownNumber
// writes them.

// Intl's text as people read it, the one place every number shown passes through: a negative
// number with the minus sign (U+2212), as the follower change writes it ("−320"), where Intl writes
// the ASCII hyphen ("-1.22", a dash beside the ranges); and a space before "%" as the no-break space
// (U+00A0) that Intl gives for French and German in Node 20 and Chromium 156 and that the locale
// strings write after a bare number ("$1 %"), where another ICU version puts U+202F or a plain space.
export const shownNumber = (text) => text.replace(/-/g, '\u2212').replace(/[ \u202f](?=%)/g, '\u00a0');
const formats = new Map();
function formatter(lang, options) {
  const key = `${lang}|${JSON.stringify(options)}`;
  if (!formats.has(key)) {
    let f;
    try { f = new Intl.NumberFormat(lang, options); } catch { f = new Intl.NumberFormat('en', options); }
    formats.set(key, { format: (v) => shownNumber(f.format(v)) });
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

// Any other number, to three significant digits: "1.92", "−0.405", "6.2".
export function numberText(v, lang = 'en') {
  return finite(v) ? formatter(lang, { maximumSignificantDigits: 3 }).format(v) : '?';
}

// A time of day, as every wait says it ("retrying at 14:05", "audit paused until 2:05 PM"): hour and
// minute in the language's own short form (Intl), the same on the badge, in the panel, the popup and
// the plan. Never seconds, even for a short wait (a back-off starts at 30 s at the default pacing):
// the words are no countdown, the view is redrawn when the wait ends, the minute named always holds
// the moment (Intl cuts the seconds, it does not round up), and people's clocks show minutes; a
// panel saying "14:05:00" beside a badge saying "14:05" read as two different times.
export function clockTime(at, lang = 'en') {
  const d = new Date(at);
  try { return d.toLocaleTimeString(lang, { timeStyle: 'short' }); } catch { return d.toLocaleTimeString('en', { timeStyle: 'short' }); }
}

// The day an audit was made, as the popup and the panel name it beside a newer reading: "3 Dec"
// ("3 déc."), with the year when it is not this year's.
export function auditDay(at, lang = 'en', now = Date.now()) {
  const d = new Date(at);
  const year = d.getFullYear() !== new Date(now).getFullYear() ? { year: 'numeric' } : {};
  const options = { day: 'numeric', month: 'short', ...year };
  try { return d.toLocaleDateString(lang, options); } catch { return d.toLocaleDateString('en', options); }
}

// Which plural category a count takes in the language ("one", "other", ...); a value that is not
// a number (a range such as "3–5") takes "other".
export function pluralForm(n, lang = 'en') {
  const v = typeof n === 'number' ? n : /^\d+(\.\d+)?$/.test(String(n)) ? Number(n) : NaN;
  try { return pluralRules(lang).select(v); } catch { return v === 1 ? 'one' : 'other'; }
}

// One Intl.PluralRules per language: making one costs far more than a select, and a panel drawn
// at every audit step asks a few hundred times (5 ms a step in Chromium). Its rules are fixed.
const PLURAL_RULES = new Map();
function pluralRules(lang) {
  let rules = PLURAL_RULES.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);  // throws for a tag that is no language: not kept
    PLURAL_RULES.set(lang, rules);
  }
  return rules;
}

// The plural categories a plural select lists its forms for: those a whole number below 1000 takes
// in the language, in CLDR's order (en, nl, de, fr: one, other). A count in a category without a
// form (French "many": exact millions, which written in digits read as plural) takes "other".
const CATEGORY_ORDER = ['zero', 'one', 'two', 'few', 'many', 'other'];
const categories = new Map();
export function pluralCategories(lang = 'en') {
  if (!categories.has(lang)) {
    const seen = new Set(['other']);
    for (let n = 0; n < 1000; n++) seen.add(pluralForm(n, lang));
    categories.set(lang, CATEGORY_ORDER.filter((c) => seen.has(c)));
  }
  return categories.get(lang);
}

// A plural select, "{posts|post|posts}" (a named count of an engine message) or "{$1|post|posts}"
// (a substitution of an extension message): the form, of those listed for pluralCategories(lang),
// that agrees with the count. The count itself is written by its own placeholder, outside the
// select or inside a form ("{posts|the last post|the last {posts:count} posts}").
export const PLURAL = /\{(\$\d|[a-z0-9_]+)((?:\|(?:[^{}|]|\{[a-z0-9_]+(?::[a-z]+)?\})*)+)\}/g;

// `text` with each plural select whose count `valueOf(name)` knows replaced by its form; a select
// without a count stays visible (tests catch it), never a guess.
export function fillPlurals(text, valueOf, lang = 'en') {
  return text.replace(PLURAL, (m, name, list) => {
    const n = valueOf(name);
    if (n === undefined || n === null) return m;
    const forms = list.slice(1).split('|');  // a placeholder inside a form has no '|'
    const i = pluralCategories(lang).indexOf(pluralForm(n, lang));
    return forms[i >= 0 && i < forms.length ? i : forms.length - 1];
  });
}
