// The history (and the set-aside list) kept in the background worker's memory between turns of the
// lock (store.js `own` keys, storage-cache.js): a profile's check, its page's stored reading before
// it included, reads the history from storage once (it read it once per turn: four times, 0.9 s
// each at 1,300 entries with reports); a write from outside, told (storage.written), is read
// again; a save that does not fit keeps nothing, and what storage holds is what is served after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, logReads } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome({ events: true });
const { data } = fake;
const local = globalThis.chrome.storage.local;
// The keys each storage.get asked for (null: all).
const { reads } = logReads(local);
const readsOf = (key) => reads.filter((k) => k === null || k.includes(key)).length;
let clock = Date.parse('2026-12-06T12:00:00Z');
Date.now = () => clock;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: true }) };
fetchFileUrls();
const { contentHandlers: handle, privilegedHandlers: privileged } = await import('../../extension/background/handlers.js');

const check = (username) => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
  body: JSON.stringify(seededDocument(findSeeded(username))) });
// What a page does on opening a profile not yet read: its stored reading, then the check.
async function visit(username) {
  await handle['profile.cached']({ username });
  const r = await check(username);
  clock += 60_000;
  return r;
}
// Storage as a test writes it (not through the background), then told.
async function writtenElsewhere(items, keys = Object.keys(items)) {
  await local.set(items);
  await privileged['storage.written']({ keys });
}

test('a check, the page\'s stored reading before it, reads the history from storage once, and the set-aside list once', async () => {
  await visit('marco.travels');
  await privileged['storage.written']({ keys: null });  // as a worker just started: nothing kept
  reads.length = 0;
  const r = await visit('lena.bakes');
  assert.ok(r.report, 'the check made its reading');
  assert.ok(data.history.entries['lena.bakes'] && data.history.entries['marco.travels'], 'both stored');
  // (Before: 4 reads of the history, one per turn of the lock and the stored reading's.)
  assert.equal(readsOf('history'), 1, `history read ${readsOf('history')} times: ${JSON.stringify(reads)}`);
  assert.equal(readsOf('history_set_aside'), 1);
  // Another check, and the popup's list: served from memory.
  reads.length = 0;
  await visit('fitqueen_daily');
  const list = await privileged['history.list']({ query: '', limit: 100 });
  assert.deepEqual(list.entries.map((e) => e.username).sort(), ['fitqueen_daily', 'lena.bakes', 'marco.travels']);
  assert.equal(readsOf('history'), 0);
  // What a caller got is its own copy: changing it changes nothing kept.
  const got = await privileged['history.get']({ username: 'lena.bakes' });
  got.entry.fake_percent = -1;
  assert.notEqual((await privileged['history.get']({ username: 'lena.bakes' })).entry.fake_percent, -1);
});

test('a write from outside, told (storage.written: its keys, or all), is read again', async () => {
  await privileged['history.list']({ query: '' });
  const h = structuredClone(data.history);
  h.entries['lena.bakes'].full_name = 'Told once';
  reads.length = 0;
  await writtenElsewhere({ history: h });
  assert.equal((await privileged['history.get']({ username: 'lena.bakes' })).entry.full_name, 'Told once');
  assert.equal(readsOf('history'), 1);
  h.entries['lena.bakes'].full_name = 'Told as a clear';
  await writtenElsewhere({ history: h }, null);
  assert.equal((await privileged['history.get']({ username: 'lena.bakes' })).entry.full_name, 'Told as a clear');
  assert.equal(readsOf('history'), 2);
  await writtenElsewhere({ history_set_aside: [] });
  await privileged['history.get']({ username: 'lena.bakes' });
  assert.equal(readsOf('history'), 2, 'another key told: the history still kept');
});

test('a save of the history that fails keeps nothing: what storage holds is served after, read again', async () => {
  await privileged['history.list']({ query: '' });
  reads.length = 0;
  await privileged['history.list']({ query: '' });
  assert.equal(readsOf('history'), 0, 'kept');
  const stored = structuredClone(data.history);
  const set = local.set;
  local.set = async (items) => {
    if ('history' in items) throw new Error('IO error: the disk is full');
    return set.call(local, items);
  };
  try {
    const r = await check('urban.sketcher');
    assert.equal(r.storageFull, false, 'not said full: another error');
  } finally {
    local.set = set;
  }
  assert.deepEqual(data.history, stored, 'storage holds the history as before');
  const list = await privileged['history.list']({ query: '' });
  assert.deepEqual(list.entries.map((e) => e.username).sort(), Object.keys(stored.entries).sort(), 'served as stored: no reading of @urban.sketcher');
  assert.equal(readsOf('history'), 1, 'read again');
});
