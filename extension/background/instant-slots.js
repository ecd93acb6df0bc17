// The slots handed to instant checks (handlers.js instant.begin), kept in storage beside the
// scheduler and written with it, so that a restarted worker still knows them:
// - a page asks again when its answer was lost as the worker restarted (content/messaging.js:
//   every attempt of a send carries its id; answer-once.js gives a retry the first answer, in
//   memory only): the retry gets the slot given, not a second one, which counted against the
//   hourly cap for an hour and, held by the cap or a back-off, paced the requests after it;
// - a slot still to come is given back when its check does not go (instant.release): only such a
//   slot, not an audit's.
// Pure: the handlers read and write them under the store's lock.
export const INSTANT_SLOTS_KEY = 'instantslots';
// How long a slot is kept once given, past its time: a send's retries end within a few minutes
// (30 attempts, 5 s each at most, and their pauses).
export const RETRY_MS = 5 * 60_000;
const MAX_SLOTS = 200;

// What is stored, read back: [{key, username, at, givenAt, answer}], those expired dropped.
// `key`: the send that asked for it (its tab and send id), null when none said.
export function slotsOf(raw, now) {
  if (!Array.isArray(raw)) return [];
  return raw.filter((s) => s && typeof s === 'object' && typeof s.username === 'string' && Number.isFinite(s.at)
    && Number.isFinite(s.givenAt) && (s.key === null || typeof s.key === 'string') && s.answer && typeof s.answer === 'object'
    && Math.max(s.at, s.givenAt + RETRY_MS) > now);
}

// The answer already given to the send `key`, or null.
export function givenTo(slots, key) {
  const s = key ? slots.find((x) => x.key === key) : null;
  return s ? s.answer : null;
}

// `slots` with one more (the newest MAX_SLOTS kept).
export function withSlot(slots, slot) {
  return [...slots, slot].slice(-MAX_SLOTS);
}

// `slots` without the one of `username` at `at` still to come: {slots, found}.
export function withoutSlot(slots, username, at, now) {
  const i = slots.findIndex((s) => s.username === username && s.at === at);
  if (i < 0 || !(at > now)) return { slots, found: false };
  return { slots: [...slots.slice(0, i), ...slots.slice(i + 1)], found: true };
}
