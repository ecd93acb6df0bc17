// When an ended audit's report, which the engine could not make (a refusal, a crash: not a lost
// document, which docMissing says), is tried again (handlers.js reportWithDoc, at a check of its
// profile). Each check ran the engine again for the same answer; now a failed try is marked on the
// audit (`reportRetry`) and the next waits, twice as long after each failure, up to MAX_WAIT_MS;
// another engine (the extension updated) or another end of the audit is tried at once. Pure.
const FIRST_WAIT_MS = 3_600_000;
const MAX_WAIT_MS = 7 * 86_400_000;

// Whether a try is due now for audit `a` (its record will do) with the engine `engine` (its
// version, null when unknown). A mark further ahead than any wait (the clock set back since) is due.
export function reportRetryDue(a, now, engine) {
  const m = a && a.reportRetry;
  if (!m || typeof m !== 'object' || m.of !== a.updatedAt || m.engine !== engine) return true;
  return !(Number.isFinite(m.at) && m.at > now && m.at - now <= MAX_WAIT_MS);
}

// The mark after a failed try at `now`: {of (the audit's end tried), engine, tries, at (the next)}.
export function reportRetryAfter(a, now, engine) {
  const m = a && a.reportRetry;
  const tries = (m && m.of === a.updatedAt && m.engine === engine && Number.isSafeInteger(m.tries) ? m.tries : 0) + 1;
  return { of: a.updatedAt, engine, tries, at: now + Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (tries - 1)) };
}
