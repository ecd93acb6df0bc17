// A page restored from the back-forward cache (pageshow with event.persisted). The background tells
// the open Instagram tabs of storage changes by messages (background/tab-relay.js), and a page kept in
// the cache while its tab showed another address is not among them: it came back showing what it
// showed when left (the settings of then, a reading replaced since, an audit that ended or moved on
// in another tab). It now reads them again (content/main.js catchUp) and draws again only what
// changed. Here with a fake background, the real Overlay's state (nothing drawn), and the content
// script's start() with fakes of what its watcher listens to.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { background, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
// What watch() touches, each a fake: the page's events are kept to be fired by the test.
const listeners = new Map();
globalThis.addEventListener = (type, f) => listeners.set(type, [...(listeners.get(type) || []), f]);
globalThis.removeEventListener = (type, f) => listeners.set(type, (listeners.get(type) || []).filter((g) => g !== f));
const fire = (type, event) => { for (const f of listeners.get(type) || []) f(event); };
globalThis.document = { querySelectorAll: () => [], querySelector: () => null, body: null,
                        documentElement: { getAttribute: () => null, removeAttribute: () => {} } };
globalThis.location = { pathname: '/explore/', href: 'https://www.instagram.com/explore/' };
globalThis.MutationObserver = class { observe() {} disconnect() {} };
globalThis.matchMedia = () => ({ addEventListener() {}, removeEventListener() {} });
globalThis.requestAnimationFrame = () => 0;
globalThis.cancelAnimationFrame = () => {};
globalThis.fetch = () => new Promise(() => {});  // (no request to Instagram is expected)
globalThis.chrome.runtime.onMessage = { addListener() {}, removeListener() {} };
globalThis.chrome.runtime.getManifest = () => ({ version: 'test' });

const { ProfileFeature, quietOverlay } = await loadContentPage();
const { start } = await import('../../extension/content/main.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { writtenChanges, readingsOf } = await import('../../extension/background/written-changes.js');

const settle = () => new Promise((r) => setImmediate(r));
const report = (followers) => ({ user_id: '1', username: 'anna', follower_count: followers, posts: [], profile_source: 'web_profile_info' });
const entry = (computedAt, followers) => ({ username: 'anna', computed_at: computedAt, confidence: 'instant', report: report(followers) });
const endedView = { progress: { status: 'done', requests: 40, planned: 40 }, report: report(1000), estimate: null, estimates: null,
                    comments: null, userId: '1' };

// A page of @anna showing a reading from `at` (and `audit`, the audit's view, if any), with its
// overlay's draws counted.
function pageShowing(at, audit = null) {
  const page = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  page.report = report(1000);
  page.overlay.setReport(page.report, { computedAt: at, cached: true });
  if (audit) page.overlay.setAudit(audit);
  page.capTimes = [];
  page.draws = 0;
  page.overlay.render = () => { page.draws++; };
  return page;
}

test('restored with nothing changed: one look at the background, nothing drawn again', async () => {
  const at = Date.now() - 60_000;
  const page = pageShowing(at, endedView);
  const shown = page.overlay.model;
  sent.length = 0;
  background.answers = { 'profile.cached': () => ({ entry: entry(at, 1000), audit: structuredClone(endedView), capTimes: [], earlier: null }) };
  await page.catchUp();
  assert.deepEqual(sent.map((m) => m.what), ['profile.cached']);
  assert.equal(page.draws, 0, 'nothing drawn again');
  assert.equal(page.overlay.model, shown, 'the reading in view stays');
});

// The view in place may be audit.status's (its wait and hour's count beside the audit) or the
// loop's last step: the same audit all the same.
test('restored with the audit as it was, the view in place another message\'s: nothing drawn again', async () => {
  const at = Date.now() - 60_000;
  for (const shown of [{ ...endedView, usedInLastHour: 3, wait: null }, { action: 'end', ...endedView, waitUntil: null }]) {
    const page = pageShowing(at, shown);
    background.answers = { 'profile.cached': () => ({ entry: entry(at, 1000), audit: structuredClone(endedView), capTimes: [], earlier: null }) };
    await page.catchUp();
    assert.equal(page.draws, 0);
    assert.equal(page.overlay.audit, shown);
  }
});

test('a newer reading saved while the page was in the cache is shown', async () => {
  const at = Date.now() - 60_000;
  const page = pageShowing(at);
  const later = Date.now() - 1000;
  background.answers = { 'profile.cached': () => ({ entry: entry(later, 1200), audit: null, capTimes: [], earlier: null }) };
  await page.catchUp();
  assert.equal(page.overlay.model.kind, 'report');
  assert.equal(page.overlay.model.computedAt, later);
  assert.equal(page.overlay.model.report.follower_count, 1200);
});

test('an audit that ended in another tab meanwhile is shown ended; one deleted is no longer shown', async () => {
  const at = Date.now() - 60_000;
  const running = { ...endedView, progress: { status: 'paused', requests: 10, planned: 40 }, report: null };
  const page = pageShowing(at, running);
  background.answers = { 'profile.cached': () => ({ entry: entry(at, 1000), audit: structuredClone(endedView), capTimes: [], earlier: null }) };
  await page.catchUp();
  assert.equal(page.overlay.audit.progress.status, 'done');
  assert.ok(page.draws > 0);
  background.answers = { 'profile.cached': () => ({ entry: entry(at, 1000), audit: null, capTimes: [], earlier: null }) };
  await page.catchUp();
  assert.equal(page.overlay.audit, null);
});

test('the requests the hourly cap counts now reach the plan of a page restored', async () => {
  const at = Date.now() - 60_000;
  const page = pageShowing(at);
  const times = Array.from({ length: DEFAULT_SETTINGS.hourlyCap }, () => Date.now() - 1000);
  background.answers = { 'profile.cached': () => ({ entry: entry(at, 1000), audit: null, capTimes: times, earlier: null }) };
  await page.catchUp();
  assert.ok(page.plan().capHold, 'the plan says the cap holds it');
});

// A page saying "Renamed, now @anna.new" (the profile's name left) when the account moved on again
// while it was in the cache: the relay's renamedNow would have told it; the background's look says
// where the name's account is now (profile.cached renamedTo).
test('a page saying "Renamed, now @new" follows the account renamed again meanwhile; nothing drawn when it was not', async () => {
  const page = pageShowing(Date.now() - 60_000);
  page.overlay.setState('renamed', { renamedTo: 'anna.new' });
  page.draws = 0;
  background.answers = { 'profile.cached': () => ({ entry: null, audit: null, capTimes: [], earlier: null, renamedTo: 'anna.new' }) };
  await page.catchUp();
  assert.equal(page.draws, 0, 'the same name: nothing drawn again');
  background.answers = { 'profile.cached': () => ({ entry: null, audit: null, capTimes: [], earlier: null, renamedTo: 'anna.newer' }) };
  await page.catchUp();
  assert.equal(page.overlay.model.kind, 'state');
  assert.equal(page.overlay.model.state, 'renamed');
  assert.equal(page.overlay.model.renamedTo, 'anna.newer');
});

// An audit's result in view with the follower count of when the page was left: another tab's visit
// read a newer one beside it (latest_count) meanwhile, which is no new reading (followReading
// leaves it), but the then-and-now line and an audit's start read it.
test('a newer follower count read beside the audited result in view is shown; an older or the same one is not', async () => {
  const at = Date.now() - 5 * 86_400_000;
  const page = pageShowing(at);
  const audited = (count) => ({ ...entry(at, 1000), confidence: 'audited', first_seen: { follower_count: 900, at: at - 86_400_000 },
                                ...(count ? { latest_count: count } : {}) });
  page.overlay.setLatestCount({ follower_count: 1100, at: at + 1000 }, { follower_count: 900, at: at - 86_400_000 });
  page.draws = 0;
  for (const older of [{ follower_count: 1050, at: at + 500 }, { follower_count: 1100, at: at + 1000 }, null]) {
    background.answers = { 'profile.cached': () => ({ entry: audited(older), audit: null, capTimes: [], earlier: null }) };
    await page.catchUp();
    assert.equal(page.draws, 0, JSON.stringify(older));
    assert.equal(page.overlay.latestCount.follower_count, 1100);
  }
  const newer = { follower_count: 1300, at: Date.now() - 1000 };
  background.answers = { 'profile.cached': () => ({ entry: audited(newer), audit: null, capTimes: [], earlier: null }) };
  await page.catchUp();
  assert.deepEqual(page.overlay.latestCount, newer);
  assert.ok(page.draws > 0);
  assert.equal(page.overlay.model.computedAt, at, 'the audited result stays');
});

// The same in a live tab, told by the relay (content/main.js onHistoryChanged -> followHistory): it
// kept the count of when it drew the audited result until reloaded. As the background relays its
// write (written-changes.js: each changed entry's READ_FIELDS alone, no first_seen).
test('a live tab: a newer follower count relayed beside the audited result in view is shown, nothing asked', async () => {
  const at = Date.now() - 5 * 86_400_000;
  const page = pageShowing(at);
  page.overlay.setLatestCount({ follower_count: 1100, at: at + 1000 }, { follower_count: 900, at: at - 86_400_000 });
  const stored = { ...entry(at, 1000), confidence: 'audited', first_seen: { follower_count: 900, at: at - 86_400_000 },
                   latest_count: { follower_count: 1100, at: at + 1000 } };
  const historyWith = (e) => ({ schema: 3, entries: { anna: e, bob: { ...entry(at, 5), username: 'bob' } } });
  const relayed = (e) => writtenChanges({ history: historyWith(e) }, [], { before: readingsOf(historyWith(stored)), after: readingsOf(historyWith(e)) });
  sent.length = 0;
  page.draws = 0;
  assert.equal(relayed({ ...stored }), null, 'the same count: nothing relayed');
  const newer = { follower_count: 1300, at: Date.now() - 1000 };
  page.followHistory(relayed({ ...stored, latest_count: newer }));
  assert.deepEqual(page.overlay.latestCount, newer);
  assert.deepEqual(page.overlay.firstSeen, stored.first_seen, 'the first count in view stays');
  assert.ok(page.draws > 0);
  assert.equal(page.overlay.model.computedAt, at, 'the audited result stays');
  assert.deepEqual(sent, [], 'nothing asked of the background');
  // An older count relayed (a look made before, saved late) draws nothing.
  page.draws = 0;
  page.followHistory(relayed({ ...stored, latest_count: { follower_count: 1200, at: at + 2000 } }));
  assert.deepEqual([page.overlay.latestCount, page.draws], [newer, 0]);
});

// The audited result in view drawn from the audit's own view as it ended in this tab (overlay.js
// setAudit: fromAudit, its time the tab's clock at the draw, not the history's computed_at, which the
// background gave it a moment before): a count read later, relayed or read at a restore, is followed
// as beside a result drawn from the history. It was not (newerCountOf matched computed_at alone), so
// the tab that ran the audit kept the count the audit started with until reloaded.
test('a live tab showing the result its audit ended with follows a newer count too; a count read before that result does not', async () => {
  const saved = Date.now() - 5 * 86_400_000;
  const page = pageShowing(saved - 3_600_000);
  const done = { progress: { status: 'done', requests: 40, planned: 40 }, report: report(1000), estimate: null, estimates: null,
                 comments: null, userId: '1' };
  const realNow = Date.now;
  Date.now = () => saved + 40;  // (the tab draws the ended audit's view just after the background saved it)
  try { page.overlay.setAudit(done); } finally { Date.now = realNow; }
  assert.equal(page.overlay.model.fromAudit, true);
  const stored = { ...entry(saved, 1000), confidence: 'audited', first_seen: { follower_count: 900, at: saved - 86_400_000 } };
  const historyWith = (e) => ({ schema: 3, entries: { anna: e } });
  const relayed = (e) => writtenChanges({ history: historyWith(e) }, [], { before: readingsOf(historyWith(stored)), after: readingsOf(historyWith(e)) });
  page.draws = 0;
  // A count kept on the stored entry before the result in view (its audit's result not saved over it) is older than it.
  page.followHistory(relayed({ ...stored, latest_count: { follower_count: 800, at: saved + 20 } }));
  assert.deepEqual([page.overlay.latestCount, page.draws], [null, 0], 'a count read before the result in view: nothing');
  const newer = { follower_count: 1300, at: Date.now() - 1000 };
  page.followHistory(relayed({ ...stored, latest_count: newer }));
  assert.deepEqual(page.overlay.latestCount, newer, 'relayed: shown');
  assert.equal(page.overlay.model.fromAudit, true, 'the audit\'s result stays');
  // The same read at a restore from the back-forward cache.
  page.overlay.latestCount = null;
  background.answers = { 'profile.cached': () => ({ entry: { ...stored, latest_count: newer }, audit: structuredClone(done), capTimes: [], earlier: null }) };
  await page.catchUp();
  assert.deepEqual(page.overlay.latestCount, newer, 'restored: shown');
});

// The page's own pageshow: the settings saved meanwhile are this page's from then on (the plan
// before an audit reads them); a pageshow that is no restore from the cache asks nothing.
test('pageshow: persisted reads the settings again; a plain pageshow asks nothing', async () => {
  sent.length = 0;
  background.answers = { hello: () => ({ strings: {}, fallback: {}, lang: 'en', settings: DEFAULT_SETTINGS, engine: null }) };
  await start();
  assert.ok(listeners.get('pageshow') && listeners.get('pageshow').length === 1, 'a pageshow listener');
  const page = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  assert.equal(page.plan().budget, DEFAULT_SETTINGS.auditBudget);
  sent.length = 0;
  fire('pageshow', { persisted: false });
  await settle();
  assert.deepEqual(sent, [], 'a first show asks nothing');
  const saved = { ...DEFAULT_SETTINGS, auditBudget: 99 };
  background.answers = { hello: () => ({ strings: {}, fallback: {}, lang: 'en', settings: saved, engine: null }) };
  fire('pageshow', { persisted: true });
  // (Asked at once, as the page is shown.)
  assert.deepEqual(sent.map((m) => m.what), ['hello']);
  await settle();
  assert.equal(page.plan().budget, 99, 'the plan follows the settings saved meanwhile');
});

// (The watcher's timer ends with the extension's context.)
after(() => { delete globalThis.chrome.runtime.id; });
