// A page reloaded (or replaced by another) while its audit's request was out: the browser cancels
// the request, and the page's fetch failing was handed in as Instagram not answering (status 0).
// The audit counted it settled and backed off every tab's requests "after Instagram did not
// answer" (seen in Chromium: backoffUnavailable 0, 20 pacing intervals' wait, its level raised),
// and the item's tries counted one more. The request is the going page's claim, which the page
// that comes next takes over (counted as sent, and sent again within the budget: audit.js
// claimPending). The page runs here with the real Overlay's state (nothing drawn), a fake
// background and a fetch the test fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
globalThis.document = { querySelectorAll: () => [], querySelector: () => null, documentElement: { getAttribute: () => null, removeAttribute: () => {} } };
// Instagram: each request fails when the test says (a cancelled fetch rejects with a TypeError).
const fetches = [];
globalThis.fetch = (url) => new Promise((resolve, reject) => { fetches.push({ url, fail: () => reject(new TypeError('Failed to fetch')) }); });
const { ProfileFeature, quietOverlay } = await loadContentPage();
const { notePageGoing } = await import('../../extension/content/page-going.js');

const progress = { status: 'running', requests: 0, planned: 40 };
const step = { action: 'fetch', id: 3, audit: 77, url: 'https://www.instagram.com/api/v1/friendships/1/followers/?count=25', kind: 'page',
               at: 0, progress };
const until = async (cond) => { while (!cond()) await new Promise((r) => setTimeout(r, 1)); };

function answering() {
  sent.length = 0;
  let handedIn = false;
  background.answers = {
    'audit.next': () => (handedIn ? { action: 'end', progress } : step),
    'audit.claim': () => ({ go: true, at: 0 }),
    'audit.result': () => { handedIn = true; return { progress }; },
  };
}

test('the request of a page going fails: not handed in as no answer; the loop ends with the page', async () => {
  answering();
  const page = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  const loop = page.loopAudit();
  await until(() => fetches.length === 1);
  notePageGoing(true);
  fetches[0].fail();
  await loop;
  assert.deepEqual(sent.filter((m) => m.what === 'audit.result'), [], 'no answer handed in');
  assert.equal(sent.filter((m) => m.what === 'audit.next').length, 1, 'nothing asked after');
  notePageGoing(false);
});

test('a request failing on a page that stays is no answer, handed in as before (a dropped connection)', async () => {
  answering();
  const page = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  const loop = page.loopAudit();
  await until(() => fetches.length === 2);
  fetches[1].fail();
  await loop;
  assert.deepEqual(sent.filter((m) => m.what === 'audit.result').map((m) => m.status), [0]);
});

// The same for the profile's own check: its request cancelled as the page goes was read as
// Instagram not answering, and backed every tab's requests off (seen in Chromium on a reload while
// web_profile_info was out: backoffUnavailable 0).
test('the profile check of a page going: its cancelled request is not handed in', async () => {
  sent.length = 0;
  background.answers = {
    'profile.cached': () => ({ entry: null, audit: null, capTimes: [] }),
    'instant.begin': () => ({ at: Date.now() }),
  };
  const page = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  page.overlay.place = () => {};
  const n = fetches.length;
  const run = page.run().catch(() => {});
  await until(() => fetches.length === n + 1);
  notePageGoing(true);
  fetches[n].fail();
  await run;
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(sent.filter((m) => m.what === 'instant.analyze'), [], 'no answer handed in');
  notePageGoing(false);
});
