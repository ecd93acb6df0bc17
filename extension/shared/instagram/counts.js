// The counts Instagram's pages write in the viewer's language: og:description ("1,234 Followers,
// 56 Following, 78 Posts - See Instagram photos and videos from Anna (@anna)") and the header.
// Large counts are abbreviated with the language's own units ("12,4 Tsd.", "1,2 mln", "4,870万"),
// and the same letters mean different numbers in different languages ("B" is thousands (bin) in
// Turkish and billions in English; "mil." thousands in Spanish and Portuguese, millions in
// Czech): the page's language (<html lang>) decides such a unit, and one it leaves ambiguous is
// refused with the reason, never read as a guess (a count a thousand times off makes findings of
// its own, such as follow-for-follow).

// The page's language from its lang attribute ("pt-BR" -> "pt"; Norwegian's three tags are one
// language here), "" when it names none.
const SAME_LANGUAGE = { no: 'nb', nn: 'nb' };
export function pageLanguage(lang) {
  if (typeof lang !== 'string') return '';
  const m = /^\s*([A-Za-z]{2,3})(?![A-Za-z])/.exec(lang);
  if (!m) return '';
  const code = m[1].toLowerCase();
  return SAME_LANGUAGE[code] || code;
}

// Units read on any page: each means the same number in every language that writes it (German
// "Tsd.", Swedish "tn", Polish "tys.", Czech "tis.", Russian "тыс.", Ukrainian "тис.", Italian
// "mila", Indonesian "rb" and "jt", Norwegian and Finnish "mill." / "milj."; the Indian lakh
// (100,000) and crore (10,000,000) as Hindi and Indian English write them, "1.2 लाख", "3 करोड़",
// "1.2 lakh", and Hindi's thousand, हज़ार).
// Keys are lower-case, without a closing dot; they and the unit read are compared in Unicode's
// composed form (NFC: Hindi "ज़" and "ड़" as letter and nukta, Vietnamese "ỷ" as one character,
// whichever way the page wrote them).
const nfcKeys = (units) => Object.fromEntries(Object.entries(units).map(([k, v]) => [k.normalize('NFC'), v]));
const ANY_LANGUAGE = nfcKeys({
  k: 1e3, 'к': 1e3, tsd: 1e3, tn: 1e3, tys: 1e3, tis: 1e3, 'тыс': 1e3, 'тис': 1e3, mila: 1e3, rb: 1e3,
  'हज़ार': 1e3, 'हजार': 1e3, lakh: 1e5, 'लाख': 1e5, crore: 1e7, 'करोड़': 1e7,
  m: 1e6, mln: 1e6, mio: 1e6, mn: 1e6, mill: 1e6, milj: 1e6, 'млн': 1e6, jt: 1e6,
  bn: 1e9, mrd: 1e9, mld: 1e9, 'млрд': 1e9,
});

// Units read only where the page's language is the one that writes them, as the Unicode CLDR's
// short number formats for that language have them: letters another language reads otherwise, or
// forms not seen on Instagram itself. A language's entry wins over ANY_LANGUAGE; null there means
// the unit is ambiguous on that language's page (Indonesian "M" is miliar, a billion).
const BY_LANGUAGE = Object.fromEntries(Object.entries({
  // English "B" (billions) is refused: no account has a billion followers, and the same letter is
  // Turkish thousands (bin), which a page whose lang attribute says English may still show.
  en: { b: null },
  tr: { b: 1e3, mn: 1e6, mr: 1e9 },
  da: { t: 1e3, mio: 1e6, mia: 1e9 },
  nb: { t: 1e3, k: 1e3, mill: 1e6, mrd: 1e9 },
  sv: { tn: 1e3, mn: 1e6, md: 1e9 },
  fi: { t: 1e3, milj: 1e6, mrd: 1e9 },
  hu: { e: 1e3, m: 1e6, mrd: 1e9 },
  el: { 'χιλ': 1e3, 'εκ': 1e6, 'δισ': 1e9 },
  ar: { 'ألف': 1e3, 'مليون': 1e6, 'مليار': 1e9 },
  ja: { '万': 1e4, '億': 1e8 },
  zh: { '万': 1e4, '萬': 1e4, '亿': 1e8, '億': 1e8 },
  ko: { '천': 1e3, '만': 1e4, '억': 1e8 },
  id: { rb: 1e3, jt: 1e6, m: null },
  // Vietnamese N (nghìn) and Tr (triệu), as the CLDR writes them ("24 N", "1,2 Tr"), and the words
  // themselves; its letter T (tỷ, a billion) is refused: the same letter is thousands in Danish,
  // Norwegian and Finnish, and no account has a billion followers to need it.
  vi: { n: 1e3, 'nghìn': 1e3, 'ngàn': 1e3, tr: 1e6, 'triệu': 1e6, 'tỷ': 1e9, t: null },
  // Thai's own number words: thousand, ten thousand, hundred thousand, million.
  th: { 'พัน': 1e3, 'หมื่น': 1e4, 'แสน': 1e5, 'ล้าน': 1e6 },
  pt: { mil: 1e3, mi: 1e6, bi: 1e9 },
  es: { mil: 1e3 },
  cs: { mil: 1e6 }, sk: { mil: 1e6 }, hr: { mil: 1e6 }, ro: { mil: 1e6 },
}).map(([lang, units]) => [lang, nfcKeys(units)]));

// Why a unit is refused where the page's language does not settle it (for the refusal's reason).
const AMBIGUOUS = {
  mil: 'thousands in Spanish and Portuguese, millions in Czech, Slovak, Croatian and Romanian',
  b: 'thousands (bin) in Turkish, billions in English',
  t: 'thousands in Danish, Norwegian and Finnish, billions (tỷ) in Vietnamese',
  e: 'thousands in Hungarian (ezer)',
  m: 'millions in most languages, billions (miliar) in Indonesian',
  mi: 'millions in Portuguese',
  n: 'thousands (nghìn) in Vietnamese',
  tr: 'millions (triệu) in Vietnamese',
};

// Why a unit is refused on a page whose own language writes it, where that differs from AMBIGUOUS.
const AMBIGUOUS_IN = {
  en: { b: 'billions in English, yet no account has a billion followers, and thousands (bin) in Turkish' },
};

const LANGUAGE_NAMES = {
  tr: 'Turkish', da: 'Danish', nb: 'Norwegian', sv: 'Swedish', fi: 'Finnish', hu: 'Hungarian', el: 'Greek', ar: 'Arabic',
  ja: 'Japanese', zh: 'Chinese', ko: 'Korean', id: 'Indonesian', pt: 'Portuguese', es: 'Spanish', cs: 'Czech',
  sk: 'Slovak', hr: 'Croatian', ro: 'Romanian', en: 'English', de: 'German', nl: 'Dutch', fr: 'French', pl: 'Polish',
  ru: 'Russian', uk: 'Ukrainian', it: 'Italian', vi: 'Vietnamese', th: 'Thai', hi: 'Hindi',
};
const languageName = (lang) => (lang ? `${LANGUAGE_NAMES[lang] || 'the language'} ("${lang}")` : 'no language');

// Scale characters of Chinese, Japanese and Korean: written right after the digits, with a comma
// grouping thousands before them and a dot as the decimal mark ("4,870万" is 48.7 million).
const CJK_SCALE = /^[千万萬亿億兆천만억조]/u;
// Han, kana and Hangul: a word of these is a noun however short ("篇帖子").
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// Thai script: a Thai word after a count is a noun or a classifier however short ("คน", people),
// unless it is one of Thai's number words (BY_LANGUAGE.th).
const THAI = /\p{Script=Thai}/u;
// Languages whose pages may put the noun before the count ("フォロワー1,234人", Thai "ผู้ติดตาม
// 1,234 คน", Vietnamese "Người theo dõi: 1.234"): only there is a part read that does not start
// with its count.
const NOUN_FIRST = new Set(['ja', 'ko', 'zh', 'th', 'vi']);
// Languages whose nouns are often three letters or fewer ("3 bài viết"): on their pages a short
// word after a count is a noun unless it is a unit in some language ("24 N" read, "1,2 T" refused).
const SHORT_NOUNS = new Set(['vi']);

// The direction marks Arabic and Hebrew pages put around numbers.
const DIRECTION_MARKS = /[\u200e\u200f\u061c\u2066-\u2069]/g;

// Digits and marks of other scripts as ASCII: Arabic-Indic and Persian digits, the Arabic decimal
// (٫) and thousands (٬) marks; the no-break, narrow and thin spaces that group thousands (French
// "1 234") as a plain space, the Swiss apostrophe (1’234) as "'"; direction marks dropped. Past
// those marks, one character for one, so a place in the result is the same place in the text.
function asciiDigits(text) {
  return text.replace(DIRECTION_MARKS, '')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.').replace(/\u066c/g, ',')
    .replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\u2019/g, "'");
}

// "12,5" -> 12.5 with the one decimal mark Instagram writes after an abbreviated count (one or
// two decimals; "1.234K" is no such number: grouping or decimal, nothing says which), or, before
// a CJK scale character, with commas grouping thousands and a dot as decimal mark.
function scaledNumber(num, cjk) {
  if (cjk) {
    if (!/^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?$/.test(num)) return null;
    return Number(num.replace(/,/g, ''));
  }
  if (!/^\d+(?:[.,]\d{1,2})?$/.test(num)) return null;
  return Number(num.replace(',', '.'));
}

// An exact count: digits, grouped by threes with one separator throughout ("1,234,567",
// "1.234.567", "1 234", "1'234"), never a decimal ("1,5" is no count); on a Hindi page also the
// Indian grouping, by twos above the thousands ("12,34,567").
function exactNumber(num, lang) {
  if (/^\d+$/.test(num)) return Number(num);
  if (lang === 'hi' && /^\d{1,2}(?:,\d{2})+,\d{3}$/.test(num)) return Number(num.replace(/,/g, ''));
  const m = /^\d{1,3}([ ,.'])\d{3}((?:\1\d{3})*)$/.exec(num);
  return m ? Number(num.replace(/[ ,.']/g, '')) : null;
}

const shown = (s) => `"${s.length > 40 ? `${s.slice(0, 40)}…` : s}"`;

// The multiplier of `unit` (as written, any case, with or without its closing dot) on a page in
// `lang` (pageLanguage), or {error} saying why it is not read.
function unitValue(unit, lang) {
  const key = unit.toLowerCase().replace(/\.$/, '').normalize('NFC');
  const own = BY_LANGUAGE[lang];
  if (own && key in own) {
    if (own[key] !== null) return { mult: own[key] };
    const why = AMBIGUOUS_IN[lang]?.[key] || AMBIGUOUS[key] || 'it has more than one meaning';
    return { error: `the unit ${shown(unit)} is ambiguous on a page in ${languageName(lang)}: ${why}` };
  }
  if (key in ANY_LANGUAGE) return { mult: ANY_LANGUAGE[key] };
  if (AMBIGUOUS[key] || Object.values(BY_LANGUAGE).some((units) => key in units)) {
    const why = AMBIGUOUS[key] || `written in ${Object.keys(BY_LANGUAGE).filter((l) => key in BY_LANGUAGE[l]).map(languageName).join(', ')}`;
    return { error: `the unit ${shown(unit)} is read only on a page whose language settles it (${why}); this page is in ${languageName(lang)}` };
  }
  return { error: `${shown(unit)} is no unit Fakemeter knows (page in ${languageName(lang)})` };
}

// One count as written, with its unit if any ("12.5K", "1,2 Mio.", "4,870万", "١٢٫٥ ألف"), on a
// page in `lang` (the lang attribute, or pageLanguage's code): {value} or {error}, a sentence.
export function readCount(text, lang = '') {
  if (typeof text !== 'string') return { error: 'the count is not text' };
  const code = pageLanguage(lang);
  const s = asciiDigits(text).trim();
  const m = /^(\d(?:[\d ,.']*\d)?)\s*([\p{L}\p{M}]+\.?)?$/u.exec(s);
  if (!m) return { error: `${shown(text.trim())} is not a count` };
  const [, num, unit] = m;
  if (!unit) {
    const value = exactNumber(num, code);
    if (value === null) return { error: `${shown(num)} is not a count (digits grouped by threes; an exact count has no decimals)` };
    return Number.isSafeInteger(value) ? { value } : { error: `${shown(num)} is past any count Instagram shows` };
  }
  const u = unitValue(unit, code);
  if (u.error) return u;
  const n = scaledNumber(num, CJK_SCALE.test(unit));
  if (n === null) return { error: `${shown(`${num} ${unit}`)} is not an abbreviated count (one decimal mark, one or two decimals)` };
  const value = Math.round(n * u.mult);
  return Number.isSafeInteger(value) ? { value } : { error: `${shown(`${num} ${unit}`)} is past any count Instagram shows` };
}

// readCount's value, or null when the text is not a count read with certainty.
export function parseCount(text, lang = '') {
  const r = readCount(text, lang);
  return r.error ? null : r.value;
}

const WHICH = ['followers', 'following', 'posts'];

// One part of og:description's head ("1,2 Mio. Follower", "52 тис. підписників", "4,870万 位粉丝",
// "フォロワー1,234人" where the language puts the noun first): {value} or {error}. The word after
// the count is its unit when it is one ("Mio."), else the noun ("Follower"); a word that looks
// like a unit (an abbreviation with a dot, a CJK scale character, three letters or fewer outside
// Chinese, Japanese and Korean: "24 N", "1,2 B") is never taken for a noun, so a count is not
// read unscaled ("52 тис." once read as 52 made a follow-for-follow finding).
// A refusal carries `text`, the count as the page wrote it (its own digits; at most 40
// characters), for the user.
function readPart(part, lang) {
  const written = part.replace(DIRECTION_MARKS, '').trim();
  const p = asciiDigits(written);
  const lead = NOUN_FIRST.has(lang) ? /^[^\d]*?(?=\d)/u.exec(p) : null;
  const at = lead ? lead[0].length : 0;
  const m = /^(\d(?:[\d ,.']*\d)?)(\s*)([\p{L}\p{M}]+\.?)?/u.exec(p.slice(at));
  if (!m) return { error: `${shown(written)} does not start with a count`, text: written.slice(0, 40) };
  const [, num, space, word] = m;
  // The first `length` characters of the count as the page wrote them.
  const refused = (r, length) => (r.error ? { ...r, text: written.slice(at, at + length).slice(0, 40) } : r);
  if (!word) return refused(readCount(num, lang), num.length);
  const cjk = CJK_SCALE.exec(word);
  if (cjk) return refused(readCount(`${num}${cjk[0]}`, lang), num.length + space.length + 1);
  const scaled = readCount(`${num} ${word}`, lang);
  if (!scaled.error) return scaled;
  const unitLike = word.endsWith('.') || isUnitSomewhere(word)
    || ([...word].length <= 3 && !CJK.test(word) && !THAI.test(word) && !SHORT_NOUNS.has(lang));
  return unitLike ? refused(scaled, num.length + space.length + word.length) : refused(readCount(num, lang), num.length);
}

// One count of the profile's header as the page writes it ("1,234 followers", "10 B takipçi",
// "フォロワー1,234人", or the exact "1,234" of a count's title), on a page in `lang` (its lang
// attribute): {value} or {error, text}, read as og:description's parts are.
export function readHeaderCount(text, lang = '') {
  if (typeof text !== 'string') return { error: 'the count is not text' };
  return readPart(text, pageLanguage(lang));
}

// Whether `word` is a unit in some language ("ล้าน", "مليون"): one the page's language does not
// read is refused, never taken for the noun (the count read unscaled).
function isUnitSomewhere(word) {
  const key = word.toLowerCase().replace(/\.$/, '').normalize('NFC');
  return key in ANY_LANGUAGE || Object.values(BY_LANGUAGE).some((units) => key in units);
}

// og:description's counts: {counts: {followers, following, posts}} or {error} saying which count
// could not be read and why (with `text`, that count as written, where one was refused).
// Followers, following, posts in that order in every language seen, before " - " (an en dash
// on some), separated by ", " (Arabic "،", Japanese "、").
export function readOgDescription(content, lang = '') {
  if (typeof content !== 'string') return { error: 'og:description: there is none' };
  const code = pageLanguage(lang);
  const head = content.split(/\s[-–]\s/)[0];
  const parts = head.split(/,\s+|،\s*|、\s*|，\s*/u);
  if (parts.length < 3) return { error: 'og:description: no followers, following and posts counts before " - "' };
  const counts = {};
  for (const [i, which] of WHICH.entries()) {
    const r = readPart(parts[i], code);
    if (r.error) return { error: `og:description: the ${which} count: ${r.error}`, text: r.text };
    counts[which] = r.value;
  }
  return { counts };
}

// The counts or null (the reason dropped): for callers that only need to know.
export function parseOgDescription(content, lang = '') {
  const r = readOgDescription(content, lang);
  return r.error ? null : r.counts;
}

// What og:description says before the name, in the languages whose wording is known: "See
// Instagram photos and videos from Anna (@anna)". Apostrophes are compared as "'".
const NAME_LEADS = [
  'See Instagram photos and videos from ',
  "Bekijk Instagram-foto's en -video's van ",
  'Sieh dir Instagram-Fotos und -Videos von ',
  'Voir les photos et vidéos Instagram de ',
  'Ver fotos y videos de Instagram de ',
  'Veja as fotos e vídeos do Instagram de ',
];

// The profile's display name as the page's own text gives it: from og:description where its
// wording is known (any language above), else from the title's name part ("Anna (@anna) •
// Instagram photos and videos", in every language), else "" (a name is never guessed from other
// text). Both only when they name @username: after a move within the app they may still be the
// previous profile's.
export function profileDisplayName(username, { description = '', title = '' } = {}) {
  const tag = ` (@${String(username).toLowerCase()})`;
  if (typeof description === 'string') {
    const d = description.replace(/\u2019/g, "'");
    const at = d.toLowerCase().lastIndexOf(tag);
    if (at > 0) {
      for (const lead of NAME_LEADS) {
        const from = d.lastIndexOf(lead, at);
        if (from >= 0) return d.slice(from + lead.length, at).trim().slice(0, 500);
      }
    }
  }
  if (typeof title === 'string') {
    const t = title.trim();
    const at = t.toLowerCase().indexOf(tag);
    if (at > 0) return t.slice(0, at).trim().slice(0, 500);
  }
  return '';
}
