// Whether an ended audit's result is still to go into the history (background/ended-unsaved.js
// endedUnsaved): asked at each look at a profile (handlers.js keepEndedAudits), which saves it then,
// for a result a worker stopped between the audit's last two writes left out. An audit that ended
// before its plan (cancelled, or stopped) replaces only a reading it narrows, decided at its end
// against the reading stored then; one that did not narrow it was left out on purpose. Compared
// with a reading made since (a later check, wider or with no estimate), that older, partial result
// was saved over the newer reading at the next look, as if the user had just audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { at, entry } from './lib/history-fixtures.mjs';
import { endedUnsaved } from '../../extension/background/ended-unsaved.js';
import { AUDIT_VERSION } from '../../extension/shared/audit.js';

const ended = (status, updatedAt, pct, half) => ({ v: AUDIT_VERSION, username: 'x', userId: '111', status, updatedAt,
  report: { username: 'x', user_id: '111', fake_percent: pct, ci_low: pct - half, ci_high: pct + half } });

test('a finished audit ended since the entry\'s last audit is due; once saved, or of another account, not', () => {
  assert.equal(endedUnsaved('x', ended('done', at(2), 30, 20), entry('x', 1, { id: '111' })), true);
  assert.equal(endedUnsaved('x', ended('done', at(2), 30, 20), { ...entry('x', 3, { id: '111' }), audit_at: at(3) }), false);
  assert.equal(endedUnsaved('x', ended('done', at(2), 30, 20), entry('x', 1, { id: '222' })), false);
  assert.equal(endedUnsaved('x', ended('running', at(2), 30, 20), entry('x', 1, { id: '111' })), false);
});

test('an audit ended early is due against the reading stored at its end when it narrows it, never against a reading made since', () => {
  // The entry's range is 10 points wide (fixtures: pct +/- 5).
  assert.equal(endedUnsaved('x', ended('cancelled', at(2), 30, 2), entry('x', 1, { id: '111' })), true, 'narrower than the reading before');
  assert.equal(endedUnsaved('x', ended('cancelled', at(2), 30, 20), entry('x', 1, { id: '111' })), false, 'wider: left out at its end');
  // A check since read a wider range (or none): the audit's end is past, and it was not saved then.
  assert.equal(endedUnsaved('x', ended('cancelled', at(2), 30, 8), { ...entry('x', 3, { id: '111' }), ci_low: 0, ci_high: 60 }), false);
  assert.equal(endedUnsaved('x', ended('stopped', at(2), 30, 8), { ...entry('x', 3, { id: '111' }), fake_percent: null, ci_low: null, ci_high: null }), false);
});

// A reading of the page's counts alone (rough) is saved only over a rough one or none (handlers.js
// saveReport), either of which the audit replaced at its end: one made since names no newer
// estimate, and the audit is due as it was at its end.
test('an audit ended early is due over a rough reading made since its end', () => {
  const rough = { ...entry('x', 3, { id: '111' }), rough: true, confidence: 'rough' };
  assert.equal(endedUnsaved('x', ended('cancelled', at(2), 30, 20), rough), true);
  assert.equal(endedUnsaved('x', ended('stopped', at(2), 30, 8), rough), true);
});

test('an audit whose record says its result was settled at this end is not due, whatever the entry\'s times (the clock set back)', () => {
  // Saved with the clock an hour behind the audit's end: audit_at before its updatedAt.
  const saved = { ...entry('x', 1, { id: '111' }), audit_at: at(1) };
  assert.equal(endedUnsaved('x', ended('done', at(2), 30, 20), saved), true, 'by the times alone: due again');
  assert.equal(endedUnsaved('x', { ...ended('done', at(2), 30, 20), resultSettled: at(2) }, saved), false);
  // Changed since (resumed and ended again): its updatedAt moved on, and its result is due again.
  assert.equal(endedUnsaved('x', { ...ended('done', at(3), 30, 20), resultSettled: at(2) }, saved), true);
});

// Told by time, an audit ended early was weighed against any reading older than its end: a check
// made since with the clock set back (an hour, say) stores a time before the audit's end, and
// passed for the reading the audit was weighed against; its older, partial result then came over
// that check's reading at the next look. The record notes the reading weighed (weighedReading, its
// computed_at, at its end: handlers.js weighing), and the entry is compared with it by identity.
test('an audit ended early that names the reading it was weighed against is due over that reading alone, whatever the clock says', () => {
  const weighed = { ...ended('cancelled', at(2), 30, 2), weighedReading: at(1) };
  assert.equal(endedUnsaved('x', weighed, entry('x', 1, { id: '111' })), true, 'the reading weighed: due');
  // A check since, its time before the audit's end (the clock set back), the same range as before.
  const since = entry('x', 1.5, { id: '111' });
  assert.equal(endedUnsaved('x', ended('cancelled', at(2), 30, 2), since), true, 'by time alone: taken for the reading weighed');
  assert.equal(endedUnsaved('x', weighed, since), false, 'by identity: a reading made since');
  // None stored at its end: any entry there now came since.
  assert.equal(endedUnsaved('x', { ...weighed, weighedReading: null }, since), false);
  // Its report made at a check (reportWithDoc): that check's reading, noted then.
  assert.equal(endedUnsaved('x', { ...weighed, reportedAt: at(3), weighedReading: at(1.5) }, since), true);
  // A rough reading since is none, as before.
  assert.equal(endedUnsaved('x', weighed, { ...since, rough: true, confidence: 'rough' }), true);
});
