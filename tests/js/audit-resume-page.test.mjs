// A paused audit taken up again by the profile's page (content/main.js ProfileFeature): once the
// profile's id is read after a resume failed for want of it, the audit goes on by itself; and an
// error before the resumed loop's first step ends "Resuming…" and shows the error. The page runs
// here with the real Overlay's state (its drawing left out) and a fake background.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
const { ProfileFeature, quietOverlay } = await loadContentPage();


const PAUSED = { progress: { status: 'paused', requests: 4, planned: 40 } };
const REPORT = { user_id: '4242', profile_source: 'web_profile_info', follower_count: 900, posts: [] };
const settle = () => new Promise((r) => setTimeout(r, 0));

// A page of the profile showing the paused audit. Its signal is never aborted here (leaving the
// profile takes the overlay off the page, which is not here).
function page() {
  sent.length = 0;
  const feature = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  feature.overlay.setAudit(PAUSED);
  return { feature };
}

test('a resume that failed for want of the profile\'s id goes on by itself once a later check reads the id', async () => {
  background.answers = { 'audit.start': () => ({ progress: { status: 'running', requests: 4, planned: 40 } }),
              'audit.next': () => ({ action: 'end', progress: { status: 'running', requests: 4, planned: 40 } }) };
  const { feature } = page();
  feature.resumeFailed({ failed: { state: 'rate_limited' } });
  assert.deepEqual(feature.overlay.auditResuming, { failed: { state: 'rate_limited' } }, '"Resume tries again" in view');
  // The retry planned after the refusal reads the profile in full.
  feature.showReport({ report: REPORT, computedAt: 1 });
  await settle();
  const start = sent.find((m) => m.what === 'audit.start');
  assert.ok(start, 'the audit is taken up without a click');
  assert.equal(start.userId, '4242');
  assert.equal(start.resume, true, 'the paused audit resumed, not a new one');
  assert.equal(start.fresh, false);
  assert.ok(sent.some((m) => m.what === 'audit.next'), 'its loop runs');
});

test('a reading with the id takes up nothing when the page did not ask to resume, or the audit is no longer paused', async () => {
  background.answers = {};
  // No failure in view: this page never set out to take the audit up (Resume not asked for).
  let { feature } = page();
  feature.showReport({ report: REPORT, computedAt: 1 });
  await settle();
  assert.deepEqual(sent.map((m) => m.what), []);
  // The failure said, then the audit cancelled (another tab): the failure goes with the pause.
  ({ feature } = page());
  feature.resumeFailed({ failed: null });
  feature.overlay.setAudit({ progress: { status: 'cancelled', requests: 4, planned: 40 } });
  feature.showReport({ report: REPORT, computedAt: 1 });
  await settle();
  assert.deepEqual(sent.map((m) => m.what), []);
});

test('an error before the resumed audit\'s loop begins ends "Resuming…" and shows the error', async (t) => {
  t.mock.method(console, 'warn', () => {});
  // The visit's own take-up: the loop's first step refused.
  background.answers = { 'audit.next': () => { throw new Error('worker exploded'); } };
  let { feature } = page();
  feature.overlay.setResuming('starting');
  feature.report = REPORT;
  await feature.loopAudit().catch((e) => feature.fail(e));
  assert.equal(feature.overlay.auditResuming, null, 'no spinner left');
  assert.equal(feature.overlay.model.state, 'engine_failed');
  // Resume clicked: audit.start refused.
  background.answers = { 'audit.start': () => { throw new Error('worker exploded'); } };
  ({ feature } = page());
  feature.report = REPORT;
  await feature.startAudit().catch((e) => feature.fail(e));
  assert.ok(sent.some((m) => m.what === 'audit.start'));
  assert.equal(feature.overlay.auditResuming, null, 'no spinner left');
  assert.equal(feature.overlay.model.state, 'engine_failed');
});

// The background pauses a running audit no page holds (handlers.js pauseUnheld, at the popup's
// look), asking the page it names (audit.holds). Between its audit.start and its loop's start, the
// page that started it said it held none: an audit just started or resumed was paused (and taken
// back at the loop's first step, "paused" in the popup meanwhile).
test('the page holds its audit from the moment it asks to start it', async () => {
  let answerStart;
  background.answers = { 'audit.start': () => new Promise((r) => { answerStart = r; }),
              'audit.next': () => ({ action: 'end', progress: { status: 'done', requests: 4, planned: 40 } }) };
  const { feature } = page();
  feature.report = REPORT;
  assert.equal(feature.holdsAudit('anna'), false, 'none asked for yet');
  const started = feature.startAudit({ fresh: true });
  for (let i = 0; i < 50 && !answerStart; i++) await settle();
  assert.ok(answerStart, 'audit.start asked');
  assert.equal(feature.holdsAudit('anna'), true, 'its start unanswered: held');
  assert.equal(feature.holdsAudit('other'), false, 'not another profile\'s');
  answerStart({ progress: { status: 'running', requests: 0, planned: 40 } });
  await started;
  assert.equal(feature.holdsAudit('anna'), false, 'its loop ended');
});
