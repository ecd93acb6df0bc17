// The engine's messages in words. The engine gives every sentence for people as an id with
// parameters ({"id": "engagement.far_below", "params": {"rate": 0.56, ...}}); its wording lives
// in _locales/<lang>/messages.json under the key "msg_" + the id with '.' as '_', with named
// placeholders "{name}" or "{name:format}" (wasm/core/MESSAGES.md). The content script, the
// popup and the CLI all word messages here, so no sentence is built in two places.
import { RULES } from './rules.js';
import { percentText, percentNumber, countText, numberText, fillPlurals } from './format.js';

export const PLACEHOLDER = /\{([a-z0-9_]+)(?::([a-z]+))?\}/g;
// The formats a placeholder may ask for: a percentage (0-100) with its sign or without, a count,
// a number to three significant digits, or the value as it is (a year). The word that agrees with
// a count is a plural select, "{posts|post|posts}" (format.js).
export const FORMATS = ['pct', 'pctn', 'count', 'num', 'plain'];

export function messageKey(id) {
  return RULES.message_key_prefix + String(id).replace(/\./g, '_');
}

function formatParam(t, value, format) {
  const lang = t.lang || 'en';
  if (value && typeof value === 'object' && typeof value.id === 'string') return word(t, value);
  if (typeof value !== 'number' || format === 'plain') return String(value);
  switch (format) {
    case 'pct': return percentText(value, lang);
    case 'pctn': return percentNumber(value, lang);
    case 'count': return countText(value, lang);
    default: return numberText(value, lang);
  }
}

// A plural select agrees with its count as the count is written: whole for `count`, three
// significant digits for `num` ("1 point", "1.5 points").
const AS_WRITTEN = { count: (v) => Math.round(v), num: (v) => Number(v.toPrecision(3)) };

// A share's interval, " ({fake_low:pctn}–{fake_high:pct})", in a reason about the likers or
// commenters. Reports saved before the engine gave those intervals (kept in the history) have no
// such parameters: their reasons word as they did then, without the interval, rather than with
// its placeholders showing. Only these groups, and only when their numbers are missing.
const SAVED_WITHOUT_INTERVAL = / \(\{(fake|followers)_low:pctn\}–\{\1_high:pct\}\)/g;
// And what the text says of those intervals (which ones they are), after them in the same brackets:
// "; both intervals without the doubt over what counts as fake, …)" (French: U+202F before ";"),
// said only where the engine marks them so (`known`): reasons saved before gave no interval, or
// (builds of 2026-12-06's sixth and seventh sessions) the full ones, of which it is not true.
const SAID_OF_INTERVALS = /\u202f?; [^;()]*(?=\))/;

// The engagement rate's interval, in one bracket with the posts it rests on, " ({rate_low:pctn}–
// {rate_high:pct}; over {posts:count} …)" (French: U+202F before ";"): a reason saved before the
// engine gave it words as it did then, without it ("(over 12 posts)"), rather than with its
// placeholders showing; the bracket goes whole when it held nothing else (saved before the posts
// count too, which withoutMissingCounts has already taken out).
const SAVED_WITHOUT_RATE_INTERVAL = / \(\{rate_low:pctn\}–\{rate_high:pct\}\)|\{rate_low:pctn\}–\{rate_high:pct\}\u202f?; /g;

// The counts a share rests on, added to these messages after reports were kept in the history
// ("(12 of 40)", "(over 9 posts)", "the sampled accounts (40)"): a report saved before has no
// such parameter, and its reason words as it did then, without them, rather than with their
// placeholders showing: a missing count goes with the words before it in its parenthesised group
// ("(5 of {total})" keeps "(5)"), and a group left with no number goes whole. Only these messages
// and parameters, and only when the parameter is missing.
const SAVED_WITHOUT_COUNT = {
  msg_comments_timing: ['early', 'dated'],
  msg_comments_spam: ['total'],
  msg_comments_spam_none: ['total'],
  msg_engagement_far_below: ['posts'],
  msg_engagement_below: ['posts'],
  msg_engagement_typical: ['posts'],
  msg_engagement_above: ['posts'],
  msg_regime_stricter_reach: ['n'],
  msg_regime_stricter_reach_few: ['n'],
  msg_regime_stricter_reach_small: ['n'],
  msg_regime_lenient_reach: ['n'],
  msg_regime_lenient_reach_zero: ['n'],
};

function withoutMissingCounts(text, key, params) {
  const missing = (Object.hasOwn(SAVED_WITHOUT_COUNT, key) ? SAVED_WITHOUT_COUNT[key] : []).filter((name) => !Object.hasOwn(params, name));
  if (missing.length === 0) return text;
  return text.replace(/ ?\(([^()]*)\)/g, (group, inside) => {
    let rest = inside;
    for (const name of missing) rest = rest.replace(new RegExp(`[^{}()]*\\{${name}:count\\}(?: ?\\{${name}\\|[^{}]*\\})?`), '');
    if (rest === inside) return group;
    return /\{[a-z0-9_]+:[a-z]+\}/.test(rest) ? group.replace(inside, rest) : '';
  });
}

// The text of `key` with its plural selects and named placeholders filled from `params`; a
// placeholder without a parameter stays visible (tests catch it), never a guess.
export function fill(t, key, params = {}) {
  let text = withoutMissingCounts(t(key), key, params);
  if (text.search(SAVED_WITHOUT_INTERVAL) >= 0 && !Object.hasOwn(params, 'known')) text = text.replace(SAID_OF_INTERVALS, '');
  text = text.replace(SAVED_WITHOUT_INTERVAL, (group, share) => (Object.hasOwn(params, `${share}_low`) ? group : ''));
  if (!Object.hasOwn(params, 'rate_low')) text = text.replace(SAVED_WITHOUT_RATE_INTERVAL, '');
  const count = (name) => {
    const v = Object.hasOwn(params, name) ? params[name] : undefined;
    if (typeof v !== 'number') return undefined;
    const format = text.match(new RegExp(`\\{${name}:([a-z]+)\\}`));
    return format && AS_WRITTEN[format[1]] ? AS_WRITTEN[format[1]](v) : v;
  };
  return fillPlurals(text, count, t.lang || 'en').replace(PLACEHOLDER, (m, name, format) =>
    (Object.hasOwn(params, name) && params[name] !== null ? formatParam(t, params[name], format) : m));
}

// One message {id, params} in words.
export function word(t, message) {
  return fill(t, messageKey(message.id), message.params || {});
}

// A reason in words: its message, then each of its details as a sentence of its own. Reports
// saved before reasons had ids carry their English text instead.
export function reasonText(t, reason) {
  if (typeof reason.id !== 'string') return String(reason.text ?? '');
  return [reason, ...(Array.isArray(reason.details) ? reason.details : [])].map((m) => word(t, m)).join(' ');
}

// A report's findings: reasons that say something of the account, not a state (why there is no
// estimate) nor a reference (what it was compared with, severity info).
export function findings(reasons) {
  return (Array.isArray(reasons) ? reasons : []).filter((x) => x.signal !== 'state' && x.severity !== 'info');
}

// The reasons a report lists: all of them, or, for a reading of the page's counts alone (`rough`),
// all but its states (posts not read), which the reading's note already says.
export function listedReasons(reasons, rough) {
  return (Array.isArray(reasons) ? reasons : []).filter((x) => !rough || x.signal !== 'state');
}

// A note that is a message, a list of messages, or (saved before notes were messages) text.
export function noteText(t, note) {
  if (Array.isArray(note)) return note.map((m) => noteText(t, m)).join(' ');
  if (note && typeof note === 'object' && typeof note.id === 'string') return word(t, note);
  return typeof note === 'string' ? note : '';
}

// An estimate with its interval, as the badge shows one: "≈23% fake (15–31%)". The panel, the
// popup and the badge all word it from the same message.
export function estimateText(t, r) {
  if (typeof r.fake_percent !== 'number') return null;
  if (typeof r.ci_low !== 'number' || typeof r.ci_high !== 'number') {
    return t('badgeEstimateNoInterval', percentNumber(r.fake_percent, t.lang));
  }
  return word(t, { id: 'badge.number', params: { fake: r.fake_percent, low: r.ci_low, high: r.ci_high } });
}
