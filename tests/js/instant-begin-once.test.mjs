// A page asks again when its message got no answer (content/messaging.js): the worker may have
// stopped mid-message. Every attempt carries the send's id, and a worker that is only slow gives a
// retry the first attempt's answer (answer-once.js), but that is kept in memory: a restarted worker
// ran instant.begin afresh, reserving a second slot in the scheduler for the one check. That slot
// counted against the hourly cap for an hour, and (held by the cap or a back-off) set the pace of
// the requests after it until its time, for a request never sent. Through the background's
// dispatch and handlers as the extension wires them, a restart being a new dispatcher and handlers
// module (what they kept in memory gone), storage.local in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';

const { data } = installFakeChrome();
const { startWorker } = await import('./lib/worker-restart.mjs');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const HOUR = 3_600_000;
const sender = { id: 'test', tab: { id: 7 }, frameId: 0, url: 'https://www.instagram.com/lena.bakes/' };
// A worker started (again): lib/worker-restart.mjs.
const worker = () => startWorker(sender);

function reset({ cap = DEFAULT_SETTINGS.hourlyCap, used = 0 } = {}) {
  for (const k of Object.keys(data)) delete data[k];
  const now = Date.now();
  data.settings = { ...DEFAULT_SETTINGS, hourlyCap: cap };
  // The hour's requests made, the first of them leaving the hour in a minute.
  data.scheduler = { lastSlot: 0, ledger: Array.from({ length: used }, (_, i) => now - HOUR + 60_000 + i * 1000), backoffUntil: 0, backoffLevel: 0 };
}

test('instant.begin asked again after a worker restart (its answer lost) reserves no second slot, and answers the same', async () => {
  reset();
  const begin = { what: 'instant.begin', username: 'lena.bakes', sendId: 'send-0001-lena' };
  const first = await (await worker())(begin);
  assert.equal(data.scheduler.ledger.length, 1);
  const again = await (await worker())(begin);
  assert.deepEqual(again, first, 'the first attempt\'s answer');
  assert.equal(data.scheduler.ledger.length, 1, 'one slot for the one check');
  // Another send (the next check) is a check of its own; so is the same id from another tab.
  const w = await worker();
  await w({ ...begin, sendId: 'send-0002-lena' });
  await w(begin, { ...sender, tab: { id: 8 } });
  assert.equal(data.scheduler.ledger.length, 3);
});

test('held by the hourly cap: the retry after a restart waits for the same slot, which a later worker still gives back', async () => {
  reset({ cap: 3, used: 3 });
  const begin = { what: 'instant.begin', username: 'lena.bakes', sendId: 'send-0003-lena' };
  const first = await (await worker())(begin);
  assert.ok(first.at > Date.now() + 30_000, 'held by the cap');
  assert.equal(first.cap, 3);
  const again = await (await worker())(begin);
  assert.deepEqual(again, first);
  assert.equal(data.scheduler.ledger.filter((t) => t > Date.now()).length, 1, 'one slot ahead, not two');
  // The tab leaves before its time, the worker restarted meanwhile: the slot is still given back.
  const released = await (await worker())({ what: 'instant.release', username: 'lena.bakes', at: first.at, sendId: 'send-0004-lena' });
  assert.deepEqual(released, { released: true });
  assert.ok(!data.scheduler.ledger.includes(first.at));
});
