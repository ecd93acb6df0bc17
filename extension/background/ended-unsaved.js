// Whether an ended audit's result is still to go into the history: it goes in a write of its own,
// after the one storing the audit as ended, and a worker stopped between the two left it out.
// Asked where a look saves it (handlers.js keepEndedAudit) and where making room would drop the
// audit's state (store.js: such an audit is not dropped, its result being nowhere else). So is an
// ended audit still to make its report (reportAwaited).
import { AUDIT_VERSION, underWay } from '../shared/audit.js';
import { entryUserId, partialAuditReplaces, currentNameOf } from '../shared/history.js';

// `audit` unless the stored entry names another account than the audit did.
export function ownAudit(audit, entry) {
  const id = entryUserId(entry);
  return audit && !(id && audit.userId && audit.userId !== id) ? audit : null;
}

// Whether `a`, the audit stored under `username` (its record will do), ended with a result the
// history's `entry` there lacks, to be saved as at its end.
// Settled (its record says the history has had its say on this end of it: handlers.js
// saveAuditReport), never: the times of the entry and the audit compared are the fallback of a
// record not so marked (ended before the mark was kept; or storage too full for it), and a save
// made with the clock set back since the end stores an audit_at before it.
export function endedUnsaved(username, a, entry) {
  if (!a || a.v !== AUDIT_VERSION || underWay(a.status) || !a.report || a.report.username !== username) return false;
  if (Number.isFinite(a.updatedAt) && a.resultSettled === a.updatedAt) return false;
  if (!entry || !ownAudit(a, entry)) return false;
  if (Number.isFinite(entry.audit_at) && entry.audit_at >= (a.updatedAt || 0)) return false;
  if (a.status === 'done') return true;
  // Ended early: as when it was weighed, against the reading stored then (it replaces one it
  // narrows). One made since (a later check, wider or with no estimate) is not what it was weighed
  // against: not saved then, it stays unsaved, and its older result never comes over the newer
  // reading. Weighed at its end, or, its report made later from its profile's document, after the
  // check that stored it (reportWithDoc: `reportedAt`, that check's reading the one weighed).
  // A rough reading since (the page's counts alone) is none: saved only over a rough one or none
  // (handlers.js saveReport), either of which the audit replaced then.
  return (entry.rough === true || weighedAgainst(a, entry)) && partialAuditReplaces(entry, a.report);
}

// Whether `entry` holds the reading `a` was weighed against. By identity where its record names
// that reading (`weighedReading`: its computed_at, null for none; noted at its end, or when its
// report was made at a check: handlers.js weighing): told by time, a check made since with the clock
// set back (a time before the audit's end) passed for the reading weighed, and the older, partial
// result came over it. By time for a record ended before the note was kept.
function weighedAgainst(a, entry) {
  if (Object.hasOwn(a, 'weighedReading')) return a.weighedReading !== null && entry.computed_at === a.weighedReading;
  return !(entry.computed_at > Math.max(a.updatedAt || 0, Number.isFinite(a.reportedAt) ? a.reportedAt : 0));
}

// Whether `a`, the audit stored under a name (its record will do), ended without its report, its
// profile's document missing (handlers.js refreshEstimates `docMissing`), to be made at the
// profile's next check (reportWithDoc): its estimates are its result, held nowhere else. Only with
// the account's `entry` in the history there: with none (the profile left the history, or another
// account's there) nothing would ever remove it (the popup deletes what the history lists).
// (docMissing is cleared once a step or a check finds the document: kept no longer than that.)
export function reportAwaited(a, entry) {
  return !!a && a.v === AUDIT_VERSION && !underWay(a.status) && a.docMissing === true && !!entry && !!ownAudit(a, entry);
}

// The entry of `entries` the audit `a` stored under `name` (its record will do) is told against:
// the one under that name, or, where that is no entry of its account (renamed on Instagram
// mid-audit, the audit ran on under the old name and ended there), the account's entry under the
// name it goes by now, where its result goes (history.js currentNameOf; handlers.js
// saveAuditReport). Told against the old name's entry (none, or another account's), such an audit,
// its result's write lost, passed for one with nothing to save, and making room dropped it before
// a look at the new name brought it over (store.js). Null when there is none.
export function entryOfAudit(entries, name, a) {
  return entries[currentNameOf({ entries }, name, a && a.userId)] || null;
}
