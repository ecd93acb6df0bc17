// The page's side of one ask per wait of a profile left unread (background handlers.js
// instantBegin): a begin answered with another tab's ask fetches nothing; the wait it renewed is
// said, and retried at its end; the reading it saved is shown; a check by hand says so, and its
// begin is not answered so. The page runs here with the real Overlay's state (its drawing left
// out), a fake background and a fake fetch that counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, fakePageGlobals, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
fakePageGlobals();
let fetched = 0;
const pageFetch = globalThis.fetch;
globalThis.fetch = (...a) => { fetched++; return pageFetch(...a); };
const { ProfileFeature, quietOverlay } = await loadContentPage();
const settle = async () => { for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); };

const report = { user_id: '4242', username: 'anna', profile_source: 'web_profile_info', follower_count: 900, posts: [] };
function page(shared, entry = null) {
  sent.length = 0;
  fetched = 0;
  background.answers = {
    'profile.cached': () => ({ entry, audit: null, capTimes: [], unreadableUntil: 0 }),
    'instant.begin': (m) => (m.byHand ? { at: Date.now() } : { at: shared.retryAt || Date.now(), shared }),
    'instant.analyze': () => ({ state: 'unreadable', retryAt: Date.now() + 60_000, detail: 'user:null' }),
  };
  const controller = new AbortController();
  const feature = new ProfileFeature('anna', controller.signal, 0, null, quietOverlay);
  feature.overlay.place = () => {};
  return { feature, leave: () => controller.abort() };
}

test('another tab\'s ask renewed the wait: nothing fetched, its wait said and retried at its end', async () => {
  const retryAt = Date.now() + 10 * 60_000;
  const { feature, leave } = page({ retryAt });
  await feature.runInstant();
  await settle();
  assert.equal(fetched, 0, 'nothing asked of Instagram');
  assert.equal(feature.overlay.model.state, 'unreadable');
  assert.equal(feature.overlay.model.retryAt, retryAt);
  assert.ok(feature.retryTimer, 'retried at the wait\'s end');
  leave();
});

test('another tab\'s ask read the profile: nothing fetched, the reading stored shown', async () => {
  const entry = { username: 'anna', computed_at: Date.now(), confidence: 'instant', report };
  const { feature, leave } = page({ read: true }, entry);
  await feature.runInstant();
  await settle();
  assert.equal(fetched, 0);
  assert.equal(feature.overlay.model.kind, 'report');
  assert.equal(feature.report.user_id, '4242');
  leave();
});

test('a check by hand asks', async () => {
  const { feature, leave } = page({ retryAt: Date.now() + 10 * 60_000 });
  await feature.checkNow();
  await settle();
  assert.deepEqual(sent.filter((m) => m.what === 'instant.begin').map((m) => m.byHand), [true]);
  assert.equal(fetched, 1, 'the user asked: one request');
  leave();
});
