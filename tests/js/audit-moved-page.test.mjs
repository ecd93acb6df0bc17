// An account's audit kept under a former name comes with the check that first reads the account
// under its new one (background: instantAnalyze and cached move it, store.moveFormerAudit). A paused
// one goes on by itself on the new name's page, as one stored under that name does, whichever look
// brings it: the visit's first check, a retry after Instagram asked to wait, a re-check, a stale
// reading's count check, or another tab's reading followed. It went on only when the visit's first
// check brought it, and waited for Resume otherwise. The page runs here with the real Overlay's state
// (its drawing left out), a fake background and a fake fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, fakePageGlobals, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
// (A page with no header and no og tags: what it shows does not matter to the fake background.)
fakePageGlobals();
const { ProfileFeature, quietOverlay } = await loadContentPage();

const REPORT = { user_id: '4242', username: 'anna', profile_source: 'web_profile_info', follower_count: 900, posts: [] };
const progress = (status) => ({ status, requests: 4, budget: 45, listsDone: 1, listsTarget: 4, profilesDone: 0, profilesTarget: 8 });
const MOVED = { progress: progress('paused'), report: null, estimates: {}, userId: '4242' };
// Instagram asking to wait (401 "Please wait a few minutes"): the check is tried again at the
// back-off's time, now here.
const WAIT = () => ({ state: 'rate_limited', retryAt: Date.now(), detail: 'Please wait a few minutes before you try again.' });

// Waits until `cond()` holds, a turn of the event loop at a time (the page's steps are messages).
async function until(cond, what) {
  for (let i = 0; i < 200; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 0));
  }
  assert.fail(`not met: ${what}`);
}

// A page of @anna whose background answers each instant check in turn from `checks`, and the
// visit's look at the stored reading with `cached`. Its signal is never aborted here (leaving the
// profile takes the overlay off the page, which is not here).
function page(checks, cached = { entry: null, audit: null, capTimes: [] }) {
  sent.length = 0;
  const answers = [...checks];
  background.answers = {
    'profile.cached': () => cached,
    'instant.begin': () => ({ at: Date.now() }),
    'instant.analyze': () => answers.shift(),
    'audit.next': () => ({ action: 'end', progress: progress('running') }),
  };
  const feature = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  feature.overlay.place = () => {};
  return feature;
}
const loopRan = () => sent.some((m) => m.what === 'audit.next');
const checks = () => sent.filter((m) => m.what === 'instant.analyze').length;

test('a paused audit that came with a rename goes on by itself whichever check brings it: the first, a retry, a re-check', async () => {
  // The visit's first check (as before).
  let feature = page([{ report: REPORT, computedAt: 1, audit: MOVED }]);
  await feature.run();
  await until(loopRan, 'the audit taken up after the first check');
  feature.cancelRetry();
  // The first check answered "wait" (no reading, no audit); the retry at the back-off's time brings it.
  feature = page([WAIT(), { report: REPORT, computedAt: 1, audit: MOVED }]);
  await feature.run();
  assert.equal(loopRan(), false, 'nothing to take up after the first check');
  await until(() => checks() === 2 && loopRan(), 'the audit taken up after the retry');
  assert.equal(sent.filter((m) => m.what === 'audit.start').length, 0, 'taken up as it is, not started anew');
  feature.cancelRetry();
  // A re-check by hand (the Recheck button) on a page showing the profile's reading.
  feature = page([{ report: REPORT, computedAt: 1 }, { report: REPORT, computedAt: 2, audit: MOVED }]);
  await feature.run();
  assert.equal(loopRan(), false);
  await feature.checkNow();
  await until(loopRan, 'the audit taken up after the re-check');
  feature.cancelRetry();
});

test('a stale audited reading\'s count check and a reading followed from another tab take up the moved audit too', async () => {
  // The count check of an audited reading keeps the reading and says the count; the audit that came
  // with it was neither shown nor taken up.
  let feature = page([{ audited: true, latestCount: { follower_count: 950, at: 2 }, firstSeen: 1, formerUsernames: ['ann'], audit: MOVED }]);
  feature.report = REPORT;
  await feature.refreshStale(true);
  assert.equal(feature.overlay.audit && feature.overlay.audit.progress.status, 'paused', 'the moved audit shown');
  await until(loopRan, 'the audit taken up after the count check');
  // Another tab's reading followed: the look at the history moved the audit here.
  const entry = { report: REPORT, computed_at: Date.now(), first_seen: 1, former_usernames: ['ann'] };
  feature = page([], { entry, audit: MOVED, capTimes: [] });
  feature.overlay.setIdle();
  assert.equal(await feature.followReading(), true, 'the reading shown');
  await until(loopRan, 'the audit taken up with the reading followed');
});

test('an ended audit that came with a rename is shown and not taken up; one taken up already is not taken up twice', async () => {
  const stopped = { ...MOVED, progress: { ...progress('stopped'), stopReason: 'challenge' } };
  let feature = page([{ report: REPORT, computedAt: 1, audit: stopped }]);
  await feature.run();
  assert.equal(feature.overlay.audit.progress.status, 'stopped');
  assert.equal(loopRan(), false, 'a stopped audit waits for Resume');
  feature = page([{ report: REPORT, computedAt: 1, audit: MOVED }, { report: REPORT, computedAt: 2, audit: MOVED }]);
  // Its loop waits on its first step meanwhile.
  background.answers['audit.next'] = () => new Promise(() => {});
  await feature.run();
  await until(loopRan, 'the audit taken up');
  await feature.checkNow();
  await until(() => checks() === 2, 'the re-check answered');
  await new Promise((r) => setImmediate(r));
  assert.equal(sent.filter((m) => m.what === 'audit.next').length, 1, 'one loop');
});

// The audit moved under this name while the page shows no reading of the profile (its check
// answered "wait", so it knows no account id): another tab's look, or the popup's, moved it, and
// the page follows the stored record (followAudit). It was shown and left paused, taken up only by
// a page that knew the id; the stored audit says which account it is. One whose account is not
// the page's own (the name taken since) is shown and not taken up.
test('a moved audit followed from storage is taken up by a page that knows no account id, by the one the audit names', async () => {
  const record = { parts: {}, progress: progress('paused'), report: null, estimates: {}, userId: '4242' };
  let feature = page([WAIT()]);
  await feature.run();
  feature.cancelRetry();
  assert.equal(feature.userId, null, 'no account id known');
  await feature.followAudit(record);
  assert.equal(feature.overlay.audit.progress.status, 'paused', 'shown');
  await until(loopRan, 'the audit taken up');
  feature = page([{ report: REPORT, computedAt: 1 }]);
  await feature.run();
  await feature.followAudit({ ...record, userId: '999' });
  await new Promise((r) => setImmediate(r));
  assert.equal(loopRan(), false, 'another account\'s audit is not run by this page');
});
