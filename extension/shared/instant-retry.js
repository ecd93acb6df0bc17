// When the instant check of an open profile ends waiting on Instagram (it asked to slow down,
// did not answer, or could not be reached), the content script tries it again at the time the
// scheduler's back-off gives, while the profile stays open. These pure rules decide whether
// it does, and what kind of wait the user is told about.
import { HOUR_MS } from './scheduler.js';

// At most this many tries after the first check of a profile view: with the default pacing the
// back-off (two steps per try when the fallback endpoint refuses too) reaches its hour by then,
// so a fifth would only wait an hour more for an answer three refusals in a row did not give.
export const MAX_INSTANT_RETRIES = 4;
// A retry further away than this is not kept waiting for in an open tab (the back-off tops out
// at an hour; only a longer wait, e.g. another tab's back-off stacked on it, is past it).
export const MAX_RETRY_WAIT_MS = HOUR_MS;

// Whether to try the instant check again. `retryAt`: when the back-off lets the next request go
// (null: no retry time, e.g. logged out: a login is not a wait); `retries`: tries already made
// after the first check. Returns {at} (try then) or {stop: 'none' | 'attempts' | 'too_far'}.
export function retryDecision({ retryAt, retries, now }) {
  if (!Number.isFinite(retryAt)) return { stop: 'none' };
  if (retries >= MAX_INSTANT_RETRIES) return { stop: 'attempts' };
  if (retryAt - now > MAX_RETRY_WAIT_MS) return { stop: 'too_far' };
  return { at: Math.max(now, retryAt) };
}

// Why a request waits, for machine readers (a status node's data-cause): Fakemeter's own hourly
// cap (`cap`, its number), no answer at all (`unavailable` 0), an HTTP error status
// (`unavailable`), else Instagram asking to slow down.
export function waitCause({ unavailable = null, cap = null } = {}) {
  if (Number.isInteger(cap)) return 'cap';
  if (unavailable === 0) return 'no_connection';
  if (Number.isInteger(unavailable)) return 'unavailable';
  return 'rate_limited';
}
