// A profile left unread is asked once per wait, however many tabs show it. Each tab planned its
// retry at the wait's end and asked: the second ask drew the same answer inside the wait the first
// renewed, a request wasted per extra tab. The rule (unreadable-waits.js sharedAsk) alone, then
// through the background's dispatch and handlers (storage.local in memory, the clock set here):
// the tabs' asks are counted by the slots instant.begin gives (each one a request to Instagram).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
fetchFileUrls();
const { startWorker } = await import('./lib/worker-restart.mjs');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { sharedAsk } = await import('../../extension/background/unreadable-waits.js');

const OUT = { outMs: 45_000 };

test('sharedAsk: no wait, ask; the wait running, its end; over, with another send\'s ask out since, follow it', () => {
  const now = 1_000_000;
  assert.equal(sharedAsk({}, [], 'anna', 'a 1', now, OUT), null, 'a profile not left unread is asked');
  assert.deepEqual(sharedAsk({ anna: { until: now + 5, level: 1 } }, [], 'anna', 'a 1', now, OUT), { until: now + 5 });
  const waits = { anna: { until: now - 1000, level: 1 } };
  assert.equal(sharedAsk(waits, [], 'anna', 'a 1', now, OUT), null, 'the wait over, nobody asking: ask');
  const slot = (over) => ({ key: 'b 1', username: 'anna', at: now - 500, givenAt: now - 500, answer: { at: now - 500 }, ...over });
  assert.deepEqual(sharedAsk(waits, [slot()], 'anna', 'a 1', now, OUT), { follow: true }, 'another tab asks now: follow it');
  assert.equal(sharedAsk(waits, [slot({ key: 'a 1' })], 'anna', 'a 1', now, OUT), null, 'its own slot is no other ask');
  assert.equal(sharedAsk(waits, [slot({ username: 'other' })], 'anna', 'a 1', now, OUT), null, 'another profile\'s ask');
  assert.equal(sharedAsk(waits, [slot({ at: now - 2000 })], 'anna', 'a 1', now, OUT), null, 'an ask from before the wait ended');
  assert.equal(sharedAsk(waits, [slot({ at: now + 2000 })], 'anna', 'a 1', now, OUT), null, 'a slot still to come has not gone');
  assert.equal(sharedAsk(waits, [slot()], 'anna', 'a 1', now + 60_000, OUT), null, 'an ask out longer than an ask can be: gone');
});

const tab = (id) => ({ id: 'test', tab: { id }, frameId: 0, url: 'https://www.instagram.com/hidden.one/' });
const realNow = Date.now;
let clock = 1_800_000_000_000;
Date.now = () => clock;
test.after(() => { Date.now = realNow; });
let sends = 0;
const id = () => `shared-ask-${++sends}`;
const userNull = (username) => ({ what: 'instant.analyze', username, endpoint: 'web_profile_info', status: 200, pageShowsProfile: true,
                                  contentType: 'application/json', body: '{"data":{"user":null},"status":"ok"}', sendId: id() });
const begin = (username, more = {}) => ({ what: 'instant.begin', username, sendId: id(), ...more });
const slotsGiven = () => (data.scheduler.ledger || []).length;
// Whether `p` has settled once the handlers' turns queued so far have run (null: not yet).
async function settled(p) {
  let out = null;
  p.then((v) => { out = { v }; });
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  return out;
}

function reset() {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS };
  data.scheduler = { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 };
}

test('two tabs at the wait\'s end: one asks, the other takes the wait its answer renewed; a check by hand still asks', async () => {
  reset();
  const send = await startWorker(tab(7));
  const first = await send(userNull('hidden.one'));
  clock = first.retryAt + 1;
  const before = slotsGiven();
  const asks = await send(begin('hidden.one'));
  assert.equal(asks.at, clock, 'the first tab\'s retry goes at once');
  assert.equal(asks.shared, undefined);
  const follows = send(begin('hidden.one'), tab(8));
  assert.equal(await settled(follows), null, 'the second tab\'s retry waits for the first one\'s answer');
  clock += 800;
  const renewed = await send(userNull('hidden.one'));
  assert.equal(renewed.state, 'unreadable');
  const second = await follows;
  assert.deepEqual(second.shared, { retryAt: renewed.retryAt }, 'the second tab is told the new wait, no ask of its own');
  assert.equal(slotsGiven(), before + 1, 'one request to Instagram for the two tabs');
  // A third tab (or a late timer) within the renewed wait: that wait at once.
  clock += 1000;
  const third = await send(begin('hidden.one'), tab(9));
  assert.deepEqual(third.shared, { retryAt: renewed.retryAt });
  assert.equal(slotsGiven(), before + 1);
  // The user asked: the check goes now.
  const byHand = await send(begin('hidden.one', { byHand: true }), tab(9));
  assert.equal(byHand.shared, undefined);
  assert.equal(byHand.at, clock);
  assert.equal(slotsGiven(), before + 2);
});

test('the ask followed reads the profile: the other tab is told to show the reading saved, no ask of its own', async () => {
  reset();
  const send = await startWorker(tab(7));
  const username = 'lena.bakes';
  const first = await send(userNull(username));
  clock = first.retryAt + 1;
  await send(begin(username));
  const follows = send(begin(username), tab(8));
  assert.equal(await settled(follows), null);
  const read = await send({ what: 'instant.analyze', username, endpoint: 'web_profile_info', status: 200, pageShowsProfile: true,
                            contentType: 'application/json', body: JSON.stringify(seededDocument(findSeeded(username))), sendId: id() });
  assert.ok(read.report, JSON.stringify(read).slice(0, 300));
  assert.deepEqual((await follows).shared, { read: true });
  assert.equal(slotsGiven(), 1, 'one request');
  assert.ok(data.history.entries[username], 'the reading is stored for the other tab to show');
});

test('the ask followed never answers (its tab closed mid-request): the other tab asks once an ask\'s time is over', async (t) => {
  reset();
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const send = await startWorker(tab(7));
  const first = await send(userNull('hidden.one'));
  clock = first.retryAt + 1;
  await send(begin('hidden.one'));
  const follows = send(begin('hidden.one'), tab(8));
  assert.equal(await settled(follows), null);
  clock += DEFAULT_SETTINGS.answerTimeoutMs;
  t.mock.timers.tick(DEFAULT_SETTINGS.answerTimeoutMs);
  assert.equal(await settled(follows), null, 'still waiting within an ask\'s time');
  clock += 20_000;
  t.mock.timers.tick(20_000);
  const late = await follows;
  assert.equal(late.shared, undefined, 'asked after all');
  assert.equal(slotsGiven(), 2);
});
