// An instant check that waits for its slot (Fakemeter's hourly cap reached, or a back-off) and then
// does not go (the tab left the profile, or showed a reading another tab made) gives its slot back
// through the background's handlers: left in the ledger, it counted against the cap and set the
// pace of every request after it until its time, for a request never sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';

const { data } = installFakeChrome();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { validateMessage } = await import('../../extension/shared/messages.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const HOUR = 3_600_000;

function capReached(cap) {
  const now = Date.now();
  data.settings = { ...DEFAULT_SETTINGS, hourlyCap: cap };
  // The hour's requests made, the first of them leaving the hour in a minute.
  data.scheduler = { lastSlot: 0, ledger: Array.from({ length: cap }, (_, i) => now - HOUR + 60_000 + i * 1000), backoffUntil: 0, backoffLevel: 0 };
}

test('a held instant slot is given back when its check does not go; only that slot, only once', async () => {
  capReached(3);
  const begin = await handle['instant.begin']({ username: 'lena.bakes' });
  assert.ok(begin.at > Date.now() + 30_000, 'held by the cap');
  assert.ok(data.scheduler.ledger.includes(begin.at), 'its slot is in the ledger');
  // Another profile's check meanwhile goes after it.
  const other = await handle['instant.begin']({ username: 'marco.travels' });
  assert.ok(other.at > begin.at, 'the next slot after it');

  // Not the username's slot, or a time it was not given: nothing moves.
  assert.deepEqual(await handle['instant.release']({ username: 'lena.bakes', at: other.at }), { released: false });
  assert.deepEqual(await handle['instant.release']({ username: 'quiet.likes', at: begin.at }), { released: false });
  assert.ok(data.scheduler.ledger.includes(begin.at) && data.scheduler.ledger.includes(other.at));

  assert.deepEqual(await handle['instant.release']({ username: 'lena.bakes', at: begin.at }), { released: true });
  assert.ok(!data.scheduler.ledger.includes(begin.at), 'its slot gone');
  assert.ok(data.scheduler.ledger.includes(other.at), 'the other check\'s slot kept');
  assert.deepEqual(await handle['instant.release']({ username: 'lena.bakes', at: begin.at }), { released: false }, 'once');
});

test('a slot whose time has come is not given back (its request may be out)', async () => {
  data.settings = { ...DEFAULT_SETTINGS };
  data.scheduler = { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 };
  const begin = await handle['instant.begin']({ username: 'lena.bakes' });
  const before = data.scheduler.ledger.length;
  assert.deepEqual(await handle['instant.release']({ username: 'lena.bakes', at: begin.at }), { released: false });
  assert.equal(data.scheduler.ledger.length, before);
});

test('instant.release is a content-script message of a fixed shape', () => {
  assert.ok(validateMessage({ what: 'instant.release', username: 'lena.bakes', at: 1_800_000_000_000 }, 'content').ok);
  assert.ok(!validateMessage({ what: 'instant.release', username: 'lena.bakes', at: 'soon' }, 'content').ok);
  assert.ok(!validateMessage({ what: 'instant.release', username: '<b>x</b>', at: 5 }, 'content').ok);
});

// Two tabs of one profile, both held by the cap: each has its own slot, and each can give its own
// back (the slots were kept one per username, the second tab's replacing the first's, so the first
// tab's slot, left unused, stayed in the ledger).
test('two held checks of the same profile each give their own slot back', async () => {
  capReached(3);
  const first = await handle['instant.begin']({ username: 'lena.bakes' });
  const second = await handle['instant.begin']({ username: 'lena.bakes' });
  assert.ok(second.at > first.at && first.at > Date.now() + 30_000, 'both held, one after the other');
  assert.deepEqual(await handle['instant.release']({ username: 'lena.bakes', at: first.at }), { released: true });
  assert.ok(!data.scheduler.ledger.includes(first.at), 'the first tab\'s slot gone');
  assert.deepEqual(await handle['instant.release']({ username: 'lena.bakes', at: second.at }), { released: true });
  assert.ok(!data.scheduler.ledger.includes(second.at), 'the second tab\'s slot gone');
});
