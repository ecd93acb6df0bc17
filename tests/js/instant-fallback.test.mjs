// The instant check's second endpoint (shared/profile-fallback.js, content/main.js askInstant):
// users/<id>/info is asked after web_profile_info refused for now, and now also after it answered
// {"data":{"user":null}} on a page that shows the profile ("could not be read"), which only ever
// waited for a retry of the same endpoint. The page runs here with the real Overlay's state (its
// drawing left out), a fake background and a fake fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, loadContentPage } from './lib/content-page.mjs';
import { triesUserInfo, keptAfterFallback, notFoundIsUnread } from '../../extension/shared/profile-fallback.js';

const REPORT = { user_id: '4242', username: 'anna', profile_source: 'users_info', follower_count: 900, posts: [] };
const UNREADABLE = { state: 'unreadable', retryAt: 5000, detail: 'web_profile_info answered {"data":{"user":null}}' };
const WAIT = { state: 'rate_limited', retryAt: 5000, detail: 'Please wait a few minutes' };

test('which first answers go on to users/<id>/info', () => {
  const rows = [
    // [first answer, id, tries]
    [UNREADABLE, '4242', true],
    [WAIT, '4242', true],
    [{ ...WAIT, unavailable: 503 }, '4242', true],
    [UNREADABLE, null, false],
    [UNREADABLE, '', false],
    [WAIT, null, false],
    [{ report: REPORT }, '4242', false],
    [{ state: 'not_found' }, '4242', false],
    [{ state: 'logged_out' }, '4242', false],
    [{ state: 'changed', detail: 'x' }, '4242', false],
    [{ state: 'renamed', renamedTo: 'b' }, '4242', false],
    [null, '4242', false],
  ];
  for (const [first, id, want] of rows) assert.equal(triesUserInfo(first, id), want, JSON.stringify([first, id]));
});

test('only web_profile_info itself says a profile is gone: a users/<id>/info 404 leaves it unread', () => {
  const rows = [
    // [endpoint, answer, pageShowsProfile, unread]
    ['users_info', { state: 'not_found' }, undefined, true],
    ['users_info', { state: 'not_found' }, false, true],
    ['users_info', { state: 'not_found' }, true, true],
    ['web_profile_info', { state: 'not_found', userNull: true }, true, true],
    ['web_profile_info', { state: 'not_found', userNull: true }, false, false],
    ['web_profile_info', { state: 'not_found' }, true, false],
    ['web_profile_info', { state: 'not_found' }, undefined, false],
    ['users_info', { state: 'rate_limited' }, true, false],
    ['users_info', { ok: true }, true, false],
    ['users_info', null, true, false],
  ];
  for (const [endpoint, answer, shows, want] of rows) assert.equal(notFoundIsUnread(endpoint, answer, shows), want, JSON.stringify([endpoint, answer, shows]));
});

test('what the check ends with after the fallback', () => {
  const rows = [
    // [first, second, kept]
    [UNREADABLE, { report: REPORT }, { report: REPORT }],
    [WAIT, { report: REPORT }, { report: REPORT }],
    // A refusal: the last refusal's wait, else the first's.
    [WAIT, { state: 'rate_limited', retryAt: 9000 }, { state: 'rate_limited', retryAt: 9000 }],
    [WAIT, { state: 'changed', detail: 'x' }, WAIT],
    [WAIT, { state: 'not_found' }, WAIT],
    // users/<id>/info's 404 after a refusal is "could not be read" (the background, notFoundIsUnread):
    // the refusal stays, retried at the later back-off.
    [WAIT, { state: 'unreadable', retryAt: 9000 }, { ...WAIT, retryAt: 9000 }],
    [WAIT, { state: 'unreadable', retryAt: 3000 }, WAIT],
    // user:null: still unread (never "does not exist"), retried at the later back-off.
    [UNREADABLE, { state: 'rate_limited', retryAt: 9000 }, { ...UNREADABLE, retryAt: 9000 }],
    [UNREADABLE, { state: 'unreadable', retryAt: 3000 }, UNREADABLE],
    [UNREADABLE, { state: 'not_found' }, UNREADABLE],
    [UNREADABLE, { state: 'logged_out' }, UNREADABLE],
    [UNREADABLE, { state: 'changed', detail: 'users/<id>/info: user.username is missing' }, UNREADABLE],
    [{ ...UNREADABLE, retryAt: null }, { state: 'changed' }, { ...UNREADABLE, retryAt: null }],
  ];
  for (const [first, second, want] of rows) assert.deepEqual(keptAfterFallback(first, second), want, JSON.stringify([first, second]));
});

const { sent } = background;
const fetched = [];
globalThis.fetch = async (url) => {
  fetched.push(url);
  return { status: 200, redirected: false, url, headers: { get: () => 'application/json' }, text: async () => '{}' };
};
// A page with no header and no og tags: what it shows does not matter to the fake background.
globalThis.document = { querySelectorAll: () => [], querySelector: () => null };
const { ProfileFeature, quietOverlay } = await loadContentPage();


// A page of @anna whose account id is known from an earlier reading. Its signal is never aborted
// here (leaving the profile takes the overlay off the page, which is not here).
function page(byEndpoint) {
  sent.length = 0;
  fetched.length = 0;
  background.answers = { 'instant.begin': () => ({ at: Date.now() }), 'instant.analyze': (m) => byEndpoint[m.endpoint] };
  const feature = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  feature.report = { ...REPORT, profile_source: 'web_profile_info' };
  return { feature };
}
const analyses = () => sent.filter((m) => m.what === 'instant.analyze');

test('user:null on a page that shows the profile: users/<id>/info is asked, and its report shown', async () => {
  const { feature } = page({ web_profile_info: UNREADABLE, users_info: { report: REPORT, computedAt: 1 } });
  const read = await feature.runInstant();
  assert.deepEqual(read, { failed: null });
  assert.deepEqual(fetched.map((u) => new URL(u).pathname), ['/api/v1/users/web_profile_info/', '/api/v1/users/4242/info/']);
  assert.deepEqual(analyses().map((m) => [m.endpoint, m.pageShowsProfile]), [['web_profile_info', false], ['users_info', true]]);
  assert.equal(feature.overlay.model.kind, 'report');
  assert.equal(feature.overlay.model.report.profile_source, 'users_info');
  assert.equal(feature.retryTimer, null, 'no retry planned');
  feature.cancelRetry();
});

test('user:null and the fallback failing too: "could not be read", retried at the later back-off', async () => {
  const later = Date.now() + 60_000;
  const { feature } = page({ web_profile_info: { ...UNREADABLE, retryAt: Date.now() + 30_000 },
                                         users_info: { state: 'rate_limited', retryAt: later } });
  const read = await feature.runInstant();
  assert.equal(read.failed.state, 'unreadable');
  assert.equal(analyses().length, 2);
  assert.equal(feature.overlay.model.kind, 'state');
  assert.equal(feature.overlay.model.state, 'unreadable');
  assert.equal(feature.overlay.model.retryAt, later);
  assert.ok(feature.retryTimer, 'a retry planned');
  feature.cancelRetry();
});

test('user:null without a known id: no second request, "could not be read" as before', async () => {
  const { feature } = page({ web_profile_info: UNREADABLE });
  feature.report = null;
  await feature.runInstant();
  assert.equal(fetched.length, 1);
  assert.equal(feature.overlay.model.state, 'unreadable');
  feature.cancelRetry();
});
