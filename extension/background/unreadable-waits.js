// How long an instant check waits before asking again of a profile Instagram answered about but
// did not give out ('unreadable': users/<id>/info's "not found", or web_profile_info's
// {"data":{"user":null}} on a page that shows the profile). Such an answer is about that profile,
// not a sign that Instagram is failing (instagram/responses.js aboutAskedOnly): recorded as a
// rate limit, it held every request of every kind, so one blocked profile slowed the next
// profile's check and a running audit. Its wait is that profile's own, growing only with asks of
// the same profile, kept in storage beside the scheduler and written with it (a restarted worker
// still knows it). Pure: the handlers read and write it under the store's lock.
import { backoffMs, MAX_BACKOFF_MS, RUN_GAP_MS } from '../shared/scheduler.js';

export const UNREADABLE_WAITS_KEY = 'unreadablewaits';
const MAX_WAITS = 200;

// What is stored, read back: {username: {until, level}}, those whose run is over dropped (an ask
// after that starts at the first level anyway). A time the clock can no longer have given (further
// ahead than the longest wait: it moved back) comes back to `now`.
export function waitsOf(raw, now) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const out = {};
  for (const [name, w] of Object.entries(raw)) {
    if (!w || !Number.isFinite(w.until) || !Number.isInteger(w.level) || w.level < 1) continue;
    const until = w.until > now + MAX_BACKOFF_MS ? now : w.until;
    if (now - until <= RUN_GAP_MS) out[name] = { until, level: w.level };
  }
  return out;
}

// `waits` after `username` answered unreadable at `now` -> {waits, until}. The first such answer
// waits as long as a first rate limit would, each later one of a run as a later level of it
// (scheduler.js backoffMs: twice as long as the one before, an hour at most). An answer while the profile's wait still
// runs (the fallback endpoint asked within the same check, or the page opened again) keeps that
// wait: only an ask the wait let through deserves a longer one.
export function withUnreadable(waits, username, now, { pacingMs }) {
  const before = waits[username];
  if (before && before.until > now) return { waits, until: before.until };
  const level = (before ? before.level : 0) + 1;
  const until = now + backoffMs(pacingMs, level);
  const kept = Object.entries(waits).filter(([name]) => name !== username).sort((a, b) => a[1].until - b[1].until)
    .slice(-(MAX_WAITS - 1));
  return { waits: { ...Object.fromEntries(kept), [username]: { until, level } }, until };
}

// `waits` once `username` was read: its run is over.
export function withoutWait(waits, username) {
  if (!waits[username]) return waits;
  return Object.fromEntries(Object.entries(waits).filter(([name]) => name !== username));
}

// An ask of `username` that is no check by hand (a tab's retry at the wait's end, a visit, an
// audit's read of the profile's id) for the send `key`, given the profile's own wait (`waits`) and
// the instant slots given (instant-slots.js): whether it goes. Two tabs of one profile left
// unread each planned their retry at its wait's end, and both asked: the second ask drew the same
// answer in the wait the first one renewed, a request wasted per extra tab. Returns
// - {until}: the profile's wait runs (renewed moments ago by another tab's ask, or not yet over):
//   that wait is this ask's answer, as it would be Instagram's;
// - {follow: true}: the wait is over and another send's ask of the profile went since (its slot
//   given after the wait's end, within `outMs`, as long as an ask can stay out): its answer is
//   this one's too (handlers.js instantBegin waits for it);
// - null: the ask goes (no wait: the profile is not one left unread).
export function sharedAsk(waits, slots, username, key, now, { outMs }) {
  const wait = waits[username];
  if (!wait) return null;
  if (wait.until > now) return { until: wait.until };
  const out = slots.some((s) => s.username === username && s.key !== key && s.at >= wait.until && s.at <= now && now - s.at <= outMs);
  return out ? { follow: true } : null;
}
