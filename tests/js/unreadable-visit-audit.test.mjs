// A visit while the profile's own wait after Instagram did not give it out still runs (background
// cached: unreadableUntil) asks Instagram nothing before that wait ends, also with a paused audit of
// the profile to take up: the audit's own read of the profile (takeUp: ensureUserId) asked at once,
// drawing the same answer, and cancelled the retry the visit had planned at the wait's end. The page
// runs here with the real Overlay's state (its drawing left out), a fake background and a fake fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, fakePageGlobals, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
fakePageGlobals();
// The page shows the profile (its og tags name it): a visit within the wait says "could not read"
// again (content/main.js sayHeld; a page showing none says what it shows instead).
const og = { getAttribute: (k) => (k === 'content' ? '900 Followers, 10 Following, 12 Posts - Anna (@anna) on Instagram' : null) };
globalThis.document.querySelector = (sel) => (/og:description/.test(sel) ? og : null);
const { ProfileFeature, quietOverlay } = await loadContentPage();

const progress = (status) => ({ status, requests: 4, budget: 45, listsDone: 1, listsTarget: 4, profilesDone: 0, profilesTarget: 8 });
const PAUSED = { progress: progress('paused'), report: null, estimates: {}, userId: '4242' };
const settle = async () => { for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); };

// A page of @anna visited with `entry` stored, the audit paused and the profile's wait running until `held`.
function visit(entry, held) {
  sent.length = 0;
  background.answers = {
    'profile.cached': () => ({ entry, audit: structuredClone(PAUSED), capTimes: [], unreadableUntil: held }),
    'instant.begin': () => ({ at: Date.now() }),
    'instant.analyze': () => ({ state: 'unreadable', retryAt: held, detail: 'web_profile_info answered {"data":{"user":null}}' }),
    'audit.next': () => ({ action: 'end', progress: progress('running') }),
  };
  const controller = new AbortController();
  const feature = new ProfileFeature('anna', controller.signal, 0, null, quietOverlay);
  feature.overlay.place = () => {};
  return { feature, leave: () => controller.abort() };
}
const asked = () => sent.filter((m) => m.what === 'instant.begin').length;

test('a visit within the wait with a paused audit and no stored reading: nothing asked, the retry kept, the resume said as failed', async () => {
  const held = Date.now() + 10 * 60_000;
  const { feature, leave } = visit(null, held);
  await feature.run();
  await settle();
  assert.equal(asked(), 0, 'nothing asked of Instagram before the wait ends');
  assert.equal(feature.overlay.model.state, 'unreadable');
  assert.equal(feature.overlay.model.retryAt, held, 'the retry time said is the wait\'s end');
  assert.ok(feature.retryTimer, 'the retry at the wait\'s end is still planned');
  assert.equal(feature.overlay.auditResuming && feature.overlay.auditResuming.failed.state, 'unreadable', '"Resume tries again", with why');
  leave();
});

test('a visit within the wait with a paused audit and a stored reading kept without its details: the audit goes on, nothing asked', async () => {
  const report = { user_id: '4242', username: 'anna', profile_source: 'web_profile_info', follower_count: 900, posts: [], details_dropped: true };
  const entry = { username: 'anna', computed_at: Date.now() - 60_000, confidence: 'instant', report };
  const { feature, leave } = visit(entry, Date.now() + 10 * 60_000);
  await feature.run();
  await settle();
  assert.equal(asked(), 0, 'nothing asked of Instagram before the wait ends');
  assert.ok(sent.some((m) => m.what === 'audit.next'), 'the paused audit goes on (its id is known)');
  leave();
});
