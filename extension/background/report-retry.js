// When an ended audit's report, which the engine could not make (a refusal, a crash: not a lost
// document, which docMissing says), is tried again (handlers.js reportWithDoc, at a check of its
// profile). Each check ran the engine again for the same answer; now a failed try is marked on the
// audit (`reportRetry`) and the next waits, twice as long after each failure, up to MAX_WAIT_MS;
// another engine (the extension updated) or another end of the audit is tried at once. Pure.
const FIRST_WAIT_MS = 3_600_000;
const MAX_WAIT_MS = 7 * 86_400_000;

// The wait after the `tries`-th failed try in a row.
const waitAfter = (tries) => Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (tries - 1));

// Whether a try is due now for audit `a` (its record will do) with the engine `engine` (its
// version, null when unknown). A mark further ahead than the wait it set (the clock set back since)
// is due: told against the longest wait, a clock set back a day after a first failure held the
// next try a day and an hour. (One naming no tries: against the longest.)
export function reportRetryDue(a, now, engine) {
  const m = a && a.reportRetry;
  if (!m || typeof m !== 'object' || m.of !== a.updatedAt || m.engine !== engine) return true;
  const wait = Number.isSafeInteger(m.tries) && m.tries >= 1 ? waitAfter(m.tries) : MAX_WAIT_MS;
  return !(Number.isFinite(m.at) && m.at > now && m.at - now <= wait);
}

// The mark after a failed try at `now`: {of (the audit's end tried), engine, tries, at (the next)}.
export function reportRetryAfter(a, now, engine) {
  const m = a && a.reportRetry;
  const tries = (m && m.of === a.updatedAt && m.engine === engine && Number.isSafeInteger(m.tries) ? m.tries : 0) + 1;
  return { of: a.updatedAt, engine, tries, at: now + waitAfter(tries) };
}
