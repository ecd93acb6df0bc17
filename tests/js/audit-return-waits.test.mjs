// The user leaves a profile within Instagram's app while its audit's request is out, and comes back
// before the answer: the same document, whose earlier page (content/main.js ProfileFeature) still
// has the request going and hands its answer in when it comes. The page come back to claimed the
// step again and sent it a second time (one request of the budget wasted, its answer refused). Its
// claim now says the request is out (`outstanding`), and it sends nothing while the background
// holds it. The pages run here with the real Overlay's state (nothing drawn), a fake background and
// a fetch the test answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { background, loadContentPage } from './lib/content-page.mjs';

const { sent } = background;
// Leaving the profile takes its panel's mark off the page (panel-mark.js): a page with none.
globalThis.document = { documentElement: { getAttribute: () => null, removeAttribute: () => {} } };
// Instagram: each request waits until the test answers it.
const fetches = [];
globalThis.fetch = (url) => new Promise((resolve) => {
  fetches.push({ url, answer: () => resolve({ status: 200, redirected: false, url, headers: { get: () => 'application/json' },
                                               text: async () => '{"users":[]}' }) });
});
const { ProfileFeature, quietOverlay } = await loadContentPage();

const progress = { status: 'running', requests: 0, planned: 40 };
const step = { action: 'fetch', id: 3, audit: 77, url: 'https://www.instagram.com/api/v1/friendships/1/followers/?count=25', kind: 'page',
               at: 0, progress };
const until = async (cond) => { while (!cond()) await new Promise((r) => setTimeout(r, 1)); };

test('a page come back to the profile while its earlier page\'s request is out says so in its claim and sends nothing', async () => {
  // The background: the step until its answer is in, then the end; a claim with the request out held.
  let answered = false;
  background.answers = {
    'audit.next': () => (answered ? { action: 'end', progress } : step),
    'audit.claim': (m) => (answered ? { go: false, stale: true } : m.outstanding ? { go: false, at: Date.now() + 5 } : { go: true, at: 0 }),
    'audit.result': () => { answered = true; return { progress }; },
  };
  const left = new AbortController();
  const first = new ProfileFeature('anna', left.signal, 0, null, quietOverlay);
  const loop1 = first.loopAudit();
  await until(() => fetches.length === 1);
  // The user leaves the profile (its feature aborted: the request goes on) and comes back.
  left.abort();
  const back = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  const loop2 = back.loopAudit();
  await until(() => sent.filter((m) => m.what === 'audit.claim').length >= 3 || fetches.length > 1);
  const claims = sent.filter((m) => m.what === 'audit.claim');
  assert.equal(claims[0].outstanding, undefined, 'the first page\'s own claim: nothing out');
  assert.ok(claims.slice(1).every((m) => m.outstanding === true), 'the page come back says its request is out');
  assert.equal(fetches.length, 1, 'not sent again');
  // The answer comes: handed in by the page left, and the page come back goes on to the next step.
  for (const f of fetches) f.answer();
  await Promise.all([loop1, loop2]);
  assert.equal(fetches.length, 1);
  assert.equal(sent.filter((m) => m.what === 'audit.result').length, 1);
  // Nothing out any more: a later claim of the step says nothing is.
  answered = false;
  sent.length = 0;
  const later = new ProfileFeature('anna', new AbortController().signal, 0, null, quietOverlay);
  const loop3 = later.loopAudit();
  await until(() => fetches.length === 2);
  assert.equal(sent.find((m) => m.what === 'audit.claim').outstanding, undefined);
  fetches[1].answer();
  await loop3;
});
