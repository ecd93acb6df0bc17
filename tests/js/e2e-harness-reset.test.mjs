// The browser tests' reset between tests (tests/e2e/lib/extension.mjs resetStorage), against a
// stand-in background: its storage, and one handler begun before the reset (an audit step of the
// test before) that writes the audit it read back when its turn under the background's lock ends.
// The reset cleared the storage while such a step was half-way: the step wrote its audit back, and
// the next test of the same profile found that audit running (one post's likers asked a third time,
// the badge drawn afresh at every step; audit-hold e2e, once in a cold CI run, twice here under load).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resetStorage } from '../e2e/lib/extension.mjs';

// A background whose storage holds `initial`; `pending` are writes of handlers begun before,
// each done when the background's lock next turns (a message answered after them), or, with
// `unlocked`, after that (a step outside the lock, as instant.analyze's save after its engine call);
// `always`, written at every turn (a page still running an audit).
function fakeBackground(initial, pending = [], always = null) {
  const store = new Map(Object.entries(initial));
  let queue = pending.slice();
  const turn = () => {
    const due = queue.filter((w) => !w.unlocked);
    queue = queue.filter((w) => w.unlocked).map((w) => ({ ...w, unlocked: false }));
    for (const w of always ? [...due, { items: always }] : due) for (const [k, v] of Object.entries(w.items)) store.set(k, v);
  };
  const chrome = {
    storage: { local: {
      async get(keys) { return keys === null ? Object.fromEntries(store) : Object.fromEntries([].concat(keys).filter((k) => store.has(k)).map((k) => [k, store.get(k)])); },
      async set(items) { for (const [k, v] of Object.entries(items)) store.set(k, v); },
      async clear() { store.clear(); },
    } },
    // (storage.written: the harness telling the background of its own writes, also under its lock.)
    runtime: { id: 'x', async sendMessage(msg) {
      turn();
      return msg.what === 'history.asideDiscard' ? { count: 0 } : msg.what === 'storage.written' ? {} : { error: { id: 'unknown' } };
    } },
  };
  // puppeteer's evaluate runs the function in the page or worker: here, with this `chrome` global.
  const evaluate = async (fn, ...args) => { globalThis.chrome = chrome; try { return await fn(...args); } finally { delete globalThis.chrome; } };
  const page = { isClosed: () => false, goto: async () => {}, evaluate, bringToFront: async () => {} };
  const session = { extensionId: 'x', worker: async () => ({ evaluate }), browser: { pages: async () => [], newPage: async () => page } };
  return { session, store, settle: () => turn(), pendingLeft: () => queue.length };
}

const SETTINGS = { settings: { pacingMs: 60 } };
const LEFTOVER = { 'audit:likefarm.client': { status: 'running', requests: 7 }, scheduler: { kindWaits: { likers: { level: 1 } } } };

test('an audit step half-way when the reset comes writes before the clear: the next test starts with the settings alone', async () => {
  const bg = fakeBackground({ ...LEFTOVER, settings: {} }, [{ items: LEFTOVER }]);
  await resetStorage(bg.session, SETTINGS);
  bg.settle();  // whatever the background does next
  assert.deepEqual(Object.fromEntries(bg.store), SETTINGS);
});

test('a write after the clear anyway (a step outside the lock) is cleared again', async () => {
  const bg = fakeBackground({ ...LEFTOVER, settings: {} }, [{ items: { 'doc:likefarm.client': '{}' }, unlocked: true }]);
  await resetStorage(bg.session, SETTINGS);
  bg.settle();
  assert.equal(bg.pendingLeft(), 0);
  assert.deepEqual(Object.fromEntries(bg.store), SETTINGS);
});

test('a background that writes again after every clear (a page still running an audit) is an error saying what it wrote', async () => {
  const bg = fakeBackground({}, [], { 'audit:lena.bakes': { status: 'running' } });
  await assert.rejects(resetStorage(bg.session, SETTINGS, { tries: 3 }), /wrote audit:lena\.bakes again after each of 3 clears/);
});
