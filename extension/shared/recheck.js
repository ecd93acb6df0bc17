// A re-check reads the profile alone (one request), which cannot measure the followers: on an
// audited result it puts a weaker answer ("Unclear from the profile alone") in place of the one
// the audit's tens of requests bought, while the audit's rows stay below. The user pressing
// "Re-check" there expects a fresher answer, so the panel asks first, saying what is replaced by
// what (recheckQuestion); only a result whose own words are an audit's asks (an audit's result
// of the likers and commenters alone is replaced by the daily check without asking, README).
import { percentNumber, auditDay } from './format.js';

// Whether a re-check of `model` (the overlay's: {kind, report, rough}) asks first: an audit's
// result in view, the audit not running (while it runs the result is what it has read so far).
export function recheckAsks(model, auditRunning = false) {
  const r = model && model.kind === 'report' && !model.rough ? model.report : null;
  return !!(r && r.confidence === 'audited' && typeof r.fake_percent === 'number' && !auditRunning);
}

// The question, in words: the audit's estimate with its interval and date, what replaces it, and
// that a new audit is what measures the followers again. `at`: when the audit's result was made.
export function recheckQuestion(t, report, at) {
  const p = (v) => percentNumber(v, t.lang);
  // The day as the rows kept from an audit and the popup name it (format.js auditDay).
  const when = Number.isFinite(new Date(at).getTime()) ? auditDay(at, t.lang) : '?';
  return t('recheckAuditedQuestion', p(report.fake_percent), p(report.ci_low), p(report.ci_high), when);
}
