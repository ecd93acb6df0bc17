// Whose estimate the headline is while an audit runs (shared/headline.js): the audit's first
// followers page alone read @lena.bakes's "≈2.6% fake (0–54%)" as "≈7.7% fake (0–100%)", the
// headline losing what it knew before the audit knew more. The panel's words for it: content/panel.js
// headlineText. In the browser: tests/e2e/audit.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headlineSource, headlineReport } from '../../extension/shared/headline.js';
import { headlineText, confidenceKey } from '../../extension/content/panel.js';
import { reportShapeError } from '../../extension/shared/report-shape.js';
import { SUPPORTED, translator, flatten } from '../../extension/shared/i18n.js';
import fs from 'node:fs';

const instant = { fake_percent: 2.6, ci_low: 0, ci_high: 54 };
const listOnly = { fake_percent: 7.7, ci_low: 0, ci_high: 100, full_sample_size: 0 };

test('the list alone, wider than the profile\'s interval, leaves the headline the profile\'s', () => {
  assert.deepEqual(headlineSource(instant, listOnly, false), { source: 'profile', why: 'none_checked' });
  // Some followers checked in full, still wider: the profile's, said as that.
  assert.deepEqual(headlineSource(instant, { ...listOnly, full_sample_size: 3, ci_high: 70 }, false), { source: 'profile', why: 'wider' });
});

test('the audit\'s estimate takes the headline once it says as much, lies apart, or the audit ended', () => {
  assert.deepEqual(headlineSource(instant, { fake_percent: 9, ci_low: 2, ci_high: 40, full_sample_size: 12 }, false),
                   { source: 'audit', why: 'narrower' });
  // No wider is enough (not a count of followers: what the interval says).
  assert.equal(headlineSource(instant, { fake_percent: 9, ci_low: 10, ci_high: 64, full_sample_size: 0 }, false).source, 'audit');
  // Apart from the profile's: the followers show what the profile does not, and neither is hidden.
  assert.deepEqual(headlineSource(instant, { fake_percent: 80, ci_low: 60, ci_high: 100, full_sample_size: 0 }, false),
                   { source: 'audit', why: 'disagree' });
  // Ended: the audit's answer stands, wide or not.
  assert.deepEqual(headlineSource(instant, listOnly, true), { source: 'audit', why: 'ended' });
  // No instant estimate to keep (a private profile, hidden likes): the audit's.
  assert.equal(headlineSource({ fake_percent: null, ci_low: null, ci_high: null }, listOnly, false).source, 'audit');
});

const engineBadge = (state, extra = {}) => ({ state, tone: 'neutral', label: { id: `badge.${state}` }, notes: [], ...extra });
const profileReport = { username: 'lena.bakes', ...instant, confidence: 'instant', grade: 'unknown', reasons: [],
  badge: engineBadge('unclear', { offer_audit: true, notes: [{ id: 'badge.audit_offer' }] }), combined_notes: [] };
const auditedReport = { ...profileReport, fake_percent: 7.7, ci_low: 0, ci_high: 100, confidence: 'audited',
  badge: engineBadge('unclear', { label: { id: 'badge.unclear_audited', params: { low: 0, high: 100 } } }),
  combined_notes: [{ id: 'combined.sample_answer', params: {} }], audience: listOnly };
const audit = (status, followers = listOnly) => ({ status, estimates: { followers } });

test('the report keeps the profile\'s reading, interval, badge and notes while the audit says less, and says why', () => {
  const r = headlineReport(auditedReport, profileReport, audit('running'));
  assert.deepEqual([r.fake_percent, r.ci_low, r.ci_high, r.confidence], [2.6, 0, 54, 'instant']);
  assert.equal(r.badge.label.id, 'badge.unclear');
  assert.deepEqual(r.badge.notes, [], 'no offer of the audit that runs');
  assert.deepEqual(r.combined_notes, [], 'not "the sample is the answer"');
  assert.deepEqual(r.audience, listOnly, 'the audit\'s estimate stays in the report');
  assert.deepEqual(r.headline, { source: 'profile', why: 'none_checked', checked: 0,
                                 audit: { fake: 7.7, low: 0, high: 100 }, profile: { fake: 2.6, low: 0, high: 54 } });
  assert.equal(reportShapeError(r, 'lena.bakes'), null);
  // Paused: it goes on later, so the same.
  assert.equal(headlineReport(auditedReport, profileReport, audit('paused')).fake_percent, 2.6);
  // Ended: the audit's answer.
  for (const status of ['done', 'cancelled', 'stopped']) {
    const e = headlineReport(auditedReport, profileReport, audit(status));
    assert.deepEqual([e.fake_percent, e.ci_high, e.confidence, e.headline.why], [7.7, 100, 'audited', 'ended'], status);
  }
  // No followers estimate (the engagers alone): the engine's report as it is.
  assert.equal(headlineReport(auditedReport, profileReport, { status: 'running', estimates: {} }), auditedReport);
  // The likers' finding stays on the badge.
  const likes = headlineReport({ ...auditedReport, badge: engineBadge('likes_bought', { likes: 'bought' }) }, profileReport, audit('running'));
  assert.equal(likes.badge.state, 'likes_bought');
});

// A translator as the content script's, from the English locale.
const en = flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url), 'utf8')));
const t = translator(en, en, 'en');
const view = (status, report) => ({ progress: { status }, report });

test('the panel says why the reading is the profile\'s while the audit runs, and that an ended audit\'s stands', () => {
  const held = headlineReport(auditedReport, profileReport, audit('running'));
  assert.equal(headlineText(t, held, view('running', held)),
               'No follower checked in full yet: the list alone reads 0–100%, wider than the profile\'s 0–54%, so the estimate above stays the profile\'s until the audit\'s is as narrow, or the audit ends.');
  assert.equal(confidenceKey(held, view('running', held)), 'confidenceAuditHeld');
  const wider = headlineReport(auditedReport, profileReport, audit('running', { ...listOnly, full_sample_size: 1, ci_high: 80 }));
  assert.match(headlineText(t, wider, view('running', wider)), /^The 1 follower checked in full so far read 0–80%, wider than the profile's 0–54%/);
  const done = headlineReport(auditedReport, profileReport, audit('done'));
  assert.match(headlineText(t, done, view('done', done)), /^The audit has ended: its estimate stands above, though wider than the profile's \(0–54%\)/);
  assert.equal(confidenceKey(done, view('done', done)), 'confidenceAudited');
  // An audit's reading narrower than the profile's once ended: nothing to explain.
  const narrow = headlineReport({ ...auditedReport, ci_low: 3, ci_high: 20 }, profileReport, audit('done', { ...listOnly, ci_low: 3, ci_high: 20 }));
  assert.equal(headlineText(t, narrow, view('done', narrow)), null);
  // A report with no audit of the followers: none.
  assert.equal(headlineText(t, profileReport, null), null);
});

test('every language words the headline\'s why', () => {
  for (const lang of SUPPORTED) {
    const d = JSON.parse(fs.readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
    for (const k of ['headlineHeldUnchecked', 'headlineHeldWider', 'headlineAuditNarrower', 'headlineAuditApart', 'headlineAuditStands',
                     'confidenceAuditHeld', 'reportMust_headline']) {
      assert.ok(d[k] && d[k].message, `${lang} ${k}`);
    }
  }
});
