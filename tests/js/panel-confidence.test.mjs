// What the panel says an audited reading rests on (content/panel.js confidenceKey): "Audited: based
// on a sample of the followers" was said from an audit's first step, as if it were done, and of an
// audit cancelled or stopped before its plan. The whole in the browser: tests/e2e/audit.test.mjs (cancel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { confidenceKey, combinedNotesShown } from '../../extension/content/panel.js';
import { SUPPORTED } from '../../extension/shared/i18n.js';

const reading = { confidence: 'audited', fake_percent: 31, ci_low: 9, ci_high: 74 };
const audit = (status, report = reading) => ({ report, progress: { status } });

test('an audited reading says its audit is under way while it runs, and what it rests on once ended early', () => {
  assert.equal(confidenceKey(reading, audit('running')), 'confidenceAuditing');
  assert.equal(confidenceKey(reading, audit('cancelled')), 'confidenceAuditEnded');
  assert.equal(confidenceKey(reading, audit('stopped')), 'confidenceAuditEnded');
  assert.equal(confidenceKey(reading, audit('done')), 'confidenceAudited');
  // Shown beside another audit's reading (an earlier audit's result while a new one starts, before
  // its first answer), or with no audit kept: what that reading is.
  assert.equal(confidenceKey(reading, audit('running', { ...reading, ci_high: 60 })), 'confidenceAudited');
  assert.equal(confidenceKey(reading, null), 'confidenceAudited');
  assert.equal(confidenceKey({ ...reading, confidence: 'instant' }, audit('running')), 'confidenceInstant');
  assert.equal(confidenceKey({ confidence: 'none' }, audit('cancelled')), 'confidenceNone');
});

// An audit that ended early and whose state is no longer kept (dropped for room, or gone with a
// rename): the panel said "Audited" of its reading. The stored entry's audit_partial (history.js
// auditEndedEarly) says it rests on the part read, unless an audit with that very reading says more.
test('an audited reading whose audit ended early says so also when that audit\'s state is gone', () => {
  assert.equal(confidenceKey(reading, null, true), 'confidenceAuditEnded');
  assert.equal(confidenceKey(reading, null, false), 'confidenceAudited');
  // A new audit under way beside it (another reading): the reading in view is still the early-ended one.
  assert.equal(confidenceKey(reading, audit('running', { ...reading, ci_high: 60 }), true), 'confidenceAuditEnded');
  assert.equal(confidenceKey(reading, audit('running'), true), 'confidenceAuditing');
  assert.equal(confidenceKey(reading, audit('done'), true), 'confidenceAudited');
  assert.equal(confidenceKey({ ...reading, confidence: 'instant' }, null, true), 'confidenceInstant');
});

test('every language says an audit under way and one ended early, neither as "audited"', () => {
  for (const lang of SUPPORTED) {
    const d = JSON.parse(fs.readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
    for (const k of ['confidenceAuditing', 'confidenceAuditEnded']) {
      assert.ok(d[k] && d[k].message && d[k].message !== d.confidenceAudited.message, `${lang} ${k}`);
    }
  }
});

// A short list that held every follower (a census: the followers' sampling note says all of them):
// the reading's note "The sample is the newest followers only (Instagram lists no more)." stood
// above the row saying "These are all 50 of the account's followers" (found driving a short list
// over a profile of 50). The engine notes the short list; the panel leaves the note out where the
// same audit's followers were all of them.
test('the "newest followers only" note is left out where the short list held every follower', () => {
  const newest = { id: 'combined.newest_only' };
  const answer = { id: 'combined.sample_answer', params: { n: 50 } };
  const r = { ...reading, combined_notes: [answer, newest] };
  const withNote = (id) => ({ report: reading, progress: { status: 'done' }, estimates: { followers: { sampling_note: { id, params: { n: 50 } } } } });
  assert.deepEqual(combinedNotesShown(r, withNote('sampling.census')), [answer]);
  assert.deepEqual(combinedNotesShown(r, withNote('sampling.newest_limited')), [answer, newest]);
  // Another audit's census says nothing of this reading's list; nor does no audit.
  const other = { ...withNote('sampling.census'), report: { ...reading, ci_high: 60 } };
  assert.deepEqual(combinedNotesShown(r, other), [answer, newest]);
  assert.deepEqual(combinedNotesShown(r, null), [answer, newest]);
  // One note alone (older readings keep combined_note), or none.
  assert.deepEqual(combinedNotesShown({ ...reading, combined_note: newest }, withNote('sampling.census')), []);
  assert.deepEqual(combinedNotesShown(reading, null), []);
});
