// What left the stored history without the user asking: what could not be read (an entry of
// another shape, a report the overlay cannot draw, a history of a layout this build does not
// know, as after going back to an older version), the oldest profiles past its limit
// (history.js overflow), and the entry of an account whose name another account took (taken.js:
// such an item also names the account, `user_id`, and the name, `taken`, so that it can go back
// into the history). Kept aside as it was, each with why, never silently lost, until the
// user downloads or discards it. Pure functions over the stored list; the background keeps it
// under ASIDE_KEY.

import { canonicalJson } from './canonical-json.js';

export const ASIDE_KEY = 'history_set_aside';
export const ASIDE_FORMAT = 'fakemeter-set-aside';
// At most this many items of each pool are kept; beyond it the oldest of that pool go. The entries
// set aside because another account took their name (taken.js: `taken` items) are one pool, every
// other kind (what could not be read, profiles past the history's limit) the other: a flood of
// unreadable items (each is what one read of the history found wrong, so this many means the same
// damage seen again and again) never pushes out an account's only copy of its history here (its
// numbers, audit result and first count), and taken names beyond MAX_TAKEN push out only older
// taken names. Both are small items except the unreadable ones, which were so before.
export const MAX_ASIDE = 200;
export const MAX_TAKEN = 200;

// Whatever storage holds under ASIDE_KEY -> a list of {key, reason, why?, at, value, user_id?, taken?}.
export function normalizeAside(raw) {
  if (!Array.isArray(raw)) return [];
  return raw.filter((i) => i && typeof i.key === 'string' && typeof i.reason === 'string' && Number.isFinite(i.at))
    .map((i) => ({ key: i.key, reason: i.reason, ...whyOf(i), at: i.at, value: i.value ?? null, ...takenOf(i) }));
}

// {why} of an item: the reason as a code and its values (history.js problem), for the popup to word
// in the user's language; nothing for one of another shape (storage may hold anything) or kept
// before codes, whose English `reason` the popup shows instead.
function whyOf(i) {
  const w = i.why;
  const value = (v) => (typeof v === 'string' && v.length <= 300) || Number.isFinite(v);
  return w && typeof w === 'object' && typeof w.code === 'string' && /^[a-z_]{1,30}$/.test(w.code)
    && Array.isArray(w.values) && w.values.length <= 9 && w.values.every(value)
    ? { why: { code: w.code, values: [...w.values] } } : {};
}

// {user_id, taken} of a taken.js item (both of the stored shape), else nothing.
function takenOf(i) {
  return typeof i.user_id === 'string' && /^\d{1,30}$/.test(i.user_id) && typeof i.taken === 'string' && /^[a-z0-9._]{1,30}$/.test(i.taken)
    ? { user_id: i.user_id, taken: i.taken } : {};
}

// `items` ({key, reason, why?, value}: migrate()'s `aside`) added at time `at`; one already kept (the
// same place and the same value, as every read of an unchanged history finds it again) is
// not added twice. Returns the new list, or null when nothing was new.
export function addAside(list, items, at) {
  const seen = new Set(list.map((i) => sameness(i)));
  const fresh = items.map((i) => ({ key: i.key, reason: i.reason, ...whyOf(i), at, value: i.value ?? null, ...takenOf(i) }))
    .filter((i) => !seen.has(sameness(i)) && seen.add(sameness(i)));
  if (!fresh.length) return null;
  return capped(list.concat(fresh));
}

// `list` with each pool within its cap, the oldest of a pool going first; the order otherwise kept.
function capped(list) {
  const taken = list.filter((i) => i.taken).length;
  let takenOver = taken - MAX_TAKEN, otherOver = list.length - taken - MAX_ASIDE;
  if (takenOver <= 0 && otherOver <= 0) return list;
  return list.filter((i) => (i.taken ? takenOver-- <= 0 : otherOver-- <= 0));
}

// How many more taken items (taken.js) the list keeps before its oldest taken ones would go.
export const takenRoom = (list) => Math.max(0, MAX_TAKEN - list.filter((i) => i.taken).length);

// (Canonical: an item read back from storage has its objects' keys sorted, a new one as made.)
const sameness = (i) => `${i.key}\n${canonicalJson(i.value)}`;

// `list` without `items` (those taken back into the history: taken.js), or null when none was in it.
export function removeAside(list, items) {
  const gone = new Set(items.map(sameness));
  const next = list.filter((i) => !gone.has(sameness(i)));
  return next.length === list.length ? null : next;
}

// What the user is shown: how many, and each one's place and reason (no values: they may be
// large, and they are the user's to download); `held` ({key, reason, why?}) are those still where
// they were, storage being too full to copy them aside (said as such: held: true); `why` and
// `taken`, the name another account took (taken.js), for the popup to say it in the user's language.
export function asideSummary(list, held = []) {
  return { count: list.length + held.length,
           items: list.map(({ key, reason, at, taken, ...i }) => ({ key, reason, ...whyOf(i), at, ...(taken ? { taken } : {}) }))
             .concat(held.map(({ key, reason, ...i }) => ({ key, reason, ...whyOf(i), at: null, held: true }))) };
}

// The download: every item as it was stored, with where it was and why it was set aside; `held`
// (as in asideSummary) with theirs, marked held: true.
export function exportAside(list, at, held = []) {
  const items = list.concat(held.map((i) => ({ key: i.key, reason: i.reason, at, value: i.value ?? null, held: true })));
  return JSON.stringify({ format: ASIDE_FORMAT, exported_at: new Date(at).toISOString(), items }, null, 2);
}
