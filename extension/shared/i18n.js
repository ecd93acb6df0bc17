// Strings: the _locales/<lang>/messages.json files (Chrome's format), loaded whole so the
// user's language setting can override the browser's. "$1".."$9" are substitutions, and
// "{$1|post|posts}" the word that agrees with substitution $1 in number (format.js), filled here
// for Chromium and Firefox alike (the browsers' own i18n.getMessage cannot pluralise).
import { countText, percentText, fillPlurals } from './format.js';

export const SUPPORTED = ['en', 'nl', 'de', 'fr'];

export function resolveLanguage(setting, uiLanguage) {
  if (SUPPORTED.includes(setting)) return setting;
  const ui = String(uiLanguage || '').toLowerCase().split(/[-_]/)[0];
  return SUPPORTED.includes(ui) ? ui : 'en';
}

// messages.json object -> {key: text}
export function flatten(messagesJson) {
  const out = {};
  for (const [k, v] of Object.entries(messagesJson || {})) {
    if (v && typeof v.message === 'string') out[k] = v.message;
  }
  return out;
}

// A substitution as the language writes it: a whole number with its grouping ("12,400",
// "12.400", "12 400"), anything else (text the caller formatted, a time) as it is.
const substitution = (v, lang) => (Number.isInteger(v) ? countText(v, lang) : String(v));

// A translator over a flat dictionary, falling back to a second one (English), then the key.
// `lang` (the dictionary's language) formats numbers in worded messages (words.js).
export function translator(dict, fallback = {}, lang = 'en') {
  const t = (key, ...subs) => {
    const text = Object.hasOwn(dict, key) ? dict[key] : Object.hasOwn(fallback, key) ? fallback[key] : key;
    return fillPlurals(text, (name) => subs[Number(name.slice(1)) - 1], lang).replace(/\$(\d)/g, (m, d) => (subs[d - 1] === undefined ? m : substitution(subs[d - 1], lang)));
  };
  t.lang = lang;
  // Whether this version has words for `key` (an imported history may name messages of another).
  t.has = (key) => Object.hasOwn(dict, key) || Object.hasOwn(fallback, key);
  return t;
}

// How long ago a result was computed ("3 h ago"), for cached results in the overlay and popup.
export function ageText(t, ms) {
  // Dated ahead of this device's clock (set wrong then, or moved back since): no age to give.
  if (ms < -60000) return t('ageAhead');
  const min = Math.round(ms / 60000);
  if (min < 1) return t('ageJustNow');
  if (min < 60) return t('ageMinutes', min);
  const h = Math.round(min / 60);
  if (h < 48) return t('ageHours', h);
  return t('ageDays', Math.round(h / 24));
}

// The follower count at the user's first check and now (history.js followerChange: {from, at,
// to}), as a fact: "Followers: 8,400 at your first check (Dec 3, 2026, 2 days ago), 12,400 now:
// +4,000 (+48%)". No verdict: how fast real accounts grow is not measured here.
export function followerChangeText(t, change, now = Date.now()) {
  const diff = change.to - change.from;
  const sign = diff > 0 ? '+' : '−';
  const when = new Date(change.at).toLocaleDateString(t.lang, { year: 'numeric', month: 'short', day: 'numeric' });
  const args = [change.from, when, ageText(t, now - change.at), change.to, `${sign}${countText(Math.abs(diff), t.lang)}`];
  if (change.from === 0) return t('followerChangeFromNone', ...args);
  return t('followerChange', ...args, `${sign}${percentText((100 * Math.abs(diff)) / change.from, t.lang)}`);
}

// The names an account had before Instagram renamed it (history.js former_usernames, newest
// first), as the panel, the popup and its table say them: "Formerly @old.name, @older", or null.
export function formerUsernamesText(t, names) {
  return Array.isArray(names) && names.length ? t('formerUsernames', names.map((n) => `@${n}`).join(', ')) : null;
}

// What a name's page and the popup say of another account that had the name before (taken.js
// earlierOwner): its history moved to its new name, or is kept aside (in the popup); null when none.
export function earlierOwnerText(t, earlier) {
  if (!earlier) return null;
  return earlier.movedTo ? t('earlierOwnerMoved', `@${earlier.movedTo}`) : earlier.aside ? t('earlierOwnerAside') : null;
}

// What the page of a name the account no longer has says (state 'renamed'): its new name, its
// history moved there; `short`, as the badge says it ("Renamed, now @new"), the rest in its label.
export const renamedText = (t, renamedTo, { short = false } = {}) => t(short ? 'badgeRenamed' : 'stateRenamed', `@${renamedTo}`);

// Why a reading of the page's own counts (findings, never an estimate) is all there is, as a
// sentence (its lead, as the overlay state that says it: state-words.js roughState): logged out ->
// log in; every profile endpoint refusing for now -> Instagram asked to slow down, or is not
// answering: try later. A cause not kept (an entry saved before it was) claims none of them.
export function roughExplainText(t, cause) {
  switch (cause) {
    case 'logged_out': return t('roughExplain');
    case 'rate_limited': return t('roughExplainRateLimited');
    case 'unavailable': return t('roughExplainUnavailable');
    default: return t('roughExplainUnknown');
  }
}

// Report states that have a short chip label (`chip_<state>` in _locales), for the overlay
// and the popup alike.
export const STATE_CHIPS = ['private', 'no_posts', 'posts_unavailable', 'hidden_likes', 'new_account'];
