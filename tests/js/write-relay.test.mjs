// The background tells the Instagram tabs of its own writes (store.js relayWritesTo, wired at the
// service worker's top level; written-changes.js), not from a storage.onChanged listener: such a
// listener was handed the whole history, old and new, structured-cloned, at each save of it (every
// check; up to 5,000 entries with their reports: megabytes), in a background that had just written
// it. Here the real service worker module and store over a fake chrome whose storage.onChanged
// counts its listeners and what it hands them, and whose tabs record what they are sent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { entry, historyOf } from './lib/history-fixtures.mjs';

const fake = installFakeChrome({ events: true });
// What storage.onChanged hands the background's listeners: each change as a listener gets it.
const handed = [];
const onChanged = globalThis.chrome.storage.onChanged;
const addListener = onChanged.addListener;
const wrapped = new Map();
onChanged.addListener = (l) => {
  const w = (changes, area) => { handed.push(JSON.stringify(changes).length); return l(changes, area); };
  wrapped.set(l, w);
  addListener(w);
};
const removeListener = onChanged.removeListener;
onChanged.removeListener = (l) => removeListener(wrapped.get(l) || l);
const sent = [];
globalThis.chrome.tabs = {
  async query() { return [{ id: 7 }]; },
  async sendMessage(id, message) { sent.push(structuredClone(message)); return {}; },
};
const on = () => ({ addListener() {} });
Object.assign(globalThis.chrome.runtime, { onMessage: on(), onInstalled: on(), getManifest: () => ({ version: 'test' }) });
await import('../../extension/background/service-worker.js');
const store = await import('../../extension/background/store.js');
const { privilegedHandlers } = await import('../../extension/background/handlers.js');
const { exportJson, MAX_ENTRIES, HISTORY_KEY } = await import('../../extension/shared/history.js');
const { STORAGE_CHANGED } = await import('../../extension/shared/messages.js');
const { READ_FIELDS } = await import('../../extension/shared/reading-change.js');

const reasons = Array.from({ length: 6 }, (_, i) => ({ id: `reason.${i}`, severity: 'medium', params: { n: i } }));
const names = Array.from({ length: MAX_ENTRIES }, (_, i) => `profile.${i}`);
const full = historyOf(names.map((u, i) => entry(u, i % 300, { id: String(1000 + i), reasons })));
// Every message sent so far, once no more is on its way (the relay sends after the write resolved).
const settle = () => new Promise((r) => setTimeout(r, 0));
async function relayed() {
  for (let i = 0; i < 5; i++) await settle();
  const out = sent.splice(0);
  assert.ok(out.every((m) => m.what === STORAGE_CHANGED));
  return out.map((m) => m.changes);
}
const fresh = async (data) => {
  await relayed();
  for (const k of Object.keys(fake.data)) delete fake.data[k];
  Object.assign(fake.data, structuredClone(data));
  store.writtenElsewhere(null);  // (written directly: told, as a test's own write is)
  handed.length = 0;
};

test('a check\'s save in a history of 5,000 entries: the tabs get its one entry, and no storage listener gets the history', async () => {
  await fresh({ [HISTORY_KEY]: full });
  await store.locked(() => store.putHistoryEntry(entry('profile.42', 400, { id: '1042', reasons })));
  const out = await relayed();
  assert.equal(out.length, 1, 'one message per write');
  assert.deepEqual(Object.keys(out[0]), ['history']);
  assert.deepEqual(Object.keys(out[0].history.newValue.entries), ['profile.42']);
  assert.deepEqual(Object.keys(out[0].history.oldValue.entries), ['profile.42']);
  assert.equal(out[0].history.newValue.entries['profile.42'].computed_at, fake.data.history.entries['profile.42'].computed_at);
  // No listener in the background: nothing handed to it (a check writes no key an audit keeps).
  assert.equal(fake.listeners(), 0, 'no storage.onChanged listener');
  assert.deepEqual(handed, [], 'no change handed to the background');
  assert.ok(JSON.stringify(out).length < 400, `${JSON.stringify(out).length} characters to each tab`);
});

test('an import: each changed entry goes, with what a tab reads of it and no report', async () => {
  await fresh({ [HISTORY_KEY]: historyOf(names.slice(0, 100).map((u, i) => entry(u, i, { id: String(1000 + i), reasons }))) });
  // The file: 3 of them with newer readings, 2 profiles new here, the other 97 as stored.
  const file = historyOf([...names.slice(3, 100).map((u, i) => entry(u, i + 3, { id: String(1003 + i), reasons })),
                          ...names.slice(0, 3).map((u, i) => entry(u, 200 + i, { id: String(1000 + i), reasons })),
                          entry('new.one', 5, { id: '9001', reasons }), entry('new.two', 6, { id: '9002', reasons })]);
  const r = await privilegedHandlers['history.import']({ text: exportJson(file) });
  assert.ok(!r.error, JSON.stringify(r.error));
  const out = await relayed();
  assert.equal(out.length, 1);
  const h = out[0].history;
  assert.deepEqual(Object.keys(h.newValue.entries).sort(), ['new.one', 'new.two', 'profile.0', 'profile.1', 'profile.2']);
  assert.deepEqual(Object.keys(h.oldValue.entries).sort(), ['profile.0', 'profile.1', 'profile.2']);
  for (const e of [...Object.values(h.newValue.entries), ...Object.values(h.oldValue.entries)]) {
    assert.ok(Object.keys(e).every((k) => READ_FIELDS.includes(k)), Object.keys(e).join());
    assert.equal(e.report, undefined, 'no report');
  }
  assert.equal(fake.listeners(), 0);
  assert.deepEqual(handed, []);
});

test('a history read in another turn, a write that does not fit, the settings: told as stored, and only once written', async () => {
  await fresh({ [HISTORY_KEY]: historyOf([entry('anna', 1, { id: '1' }), { ...entry('bob', 1, { id: '2' }), former_usernames: ['old.bob'] }]) });
  const read = await store.readHistory();
  // Written in a later turn that did not read it: the old value is read from storage.
  fake.data.history.entries.anna.computed_at += 1;  // (changed since that read, by no one the store saw)
  store.writtenElsewhere([HISTORY_KEY]);  // (but told: the worker keeps the history it read)
  await store.locked(() => store.saveHistory({ ...read, entries: { ...read.entries, carl: entry('carl', 2, { id: '3' }) } }));
  let out = await relayed();
  assert.deepEqual(Object.keys(out[0].history.newValue.entries).sort(), ['anna', 'carl'], 'anna as stored before the save');
  // A write that fails (storage full): nothing told.
  fake.quota = 10;  // (nothing fits)
  await assert.rejects(store.locked(async () => store.saveHistory({ ...(await store.getHistory()), entries: { ...read.entries,
    dora: entry('dora', 3, { id: '4', reasons }) } })));
  assert.deepEqual(await relayed(), [], 'nothing for a write that failed');
  fake.quota = Infinity;
  // A key no tab follows (the set-aside list): nothing told.
  await store.locked(() => store.dropAside([]));
  assert.deepEqual(await relayed(), []);
  await store.setSettings({ autoRun: false });
  out = await relayed();
  assert.deepEqual(Object.keys(out[0]), ['settings']);
  assert.equal(out[0].settings.newValue.autoRun, false);
});
