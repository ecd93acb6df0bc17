// instant.analyze records what Instagram answered in the scheduler: a rate limit backs every
// request off, its level doubling the wait at each one in a row; an answer resets the level. A
// page asks again when its message got no answer (content/messaging.js, the same sendId on every
// attempt), and a worker restarted meanwhile has lost answer-once.js's memory: the handler ran
// afresh and recorded the one rate limit twice, the back-off doubled for a refusal Instagram gave
// once (the same class as instant.begin's second slot: instant-begin-once.test.mjs). Through the
// background's dispatch and handlers, a restart being a new dispatcher and handlers module,
// storage.local in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
fetchFileUrls();
const { startWorker } = await import('./lib/worker-restart.mjs');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const sender = { id: 'test', tab: { id: 7 }, frameId: 0, url: 'https://www.instagram.com/lena.bakes/' };
// A worker started (again): lib/worker-restart.mjs.
const worker = () => startWorker(sender);

function reset() {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS };
  data.scheduler = { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 };
}

const limited = (sendId) => ({ what: 'instant.analyze', username: 'lena.bakes', endpoint: 'web_profile_info', status: 429,
                                contentType: 'text/html', body: 'Please wait a few minutes before you try again.', sendId });

test('a rate limit answered to instant.analyze, asked again after a worker restart, backs off once', async () => {
  reset();
  const first = await (await worker())(limited('send-0001-lena'));
  assert.equal(first.state, 'rate_limited');
  assert.equal(data.scheduler.backoffLevel, 1);
  const until = data.scheduler.backoffUntil;
  const again = await (await worker())(limited('send-0001-lena'));
  assert.equal(again.state, 'rate_limited');
  assert.equal(data.scheduler.backoffLevel, 1, 'one refusal, one level');
  assert.equal(data.scheduler.backoffUntil, until, 'the wait as the first attempt set it');
  assert.equal(again.retryAt, first.retryAt, 'the retry told the same wait');
  // Another send (the next check, refused again) is a refusal of its own: the level grows.
  await (await worker())(limited('send-0002-lena'));
  assert.equal(data.scheduler.backoffLevel, 2);
});

test('an answer asked again after a restart resets the level once, and is still read', async () => {
  reset();
  const w = await worker();
  await w(limited('send-0003-lena'));
  const ok = { what: 'instant.analyze', username: 'lena.bakes', endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
               body: JSON.stringify(seededDocument(findSeeded('lena.bakes'))), sendId: 'send-0004-lena' };
  const read = await w(ok);
  assert.ok(read.report, 'read');
  assert.equal(data.scheduler.backoffLevel, 0);
  // A refusal of another send in between, then the answer's send asked again: that answer was
  // recorded; the refusal since stands.
  await w(limited('send-0005-lena'));
  const again = await (await worker())(ok);
  assert.ok(again.report, 'the retry still gets its reading');
  assert.equal(data.scheduler.backoffLevel, 1, 'the refusal since is not undone by the retry of an earlier answer');
});
