// What the background keeps in memory of storage.local (background/storage-cache.js): read once,
// then served from memory; read again once a write from outside is told (storage.written); nothing
// kept from a write that failed or a read a change came during; nothing at all when not enabled.
// And, through the background's handlers, that an audit's steps read nothing of storage while the
// worker runs, and that it listens to no storage.onChanged meanwhile (the background is the only
// writer: a listener was handed the whole history, old and new, at each save during an audit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome, logReads } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';
import { followersPage } from '../e2e/standin/engagers.mjs';
import { cachedStorage } from '../../extension/background/storage-cache.js';

const fake = installFakeChrome({ events: true });
const { data } = fake;
const local = globalThis.chrome.storage.local;
// The keys each storage.get asked for.
const { reads, get, logged } = logReads(local);
// The events told so far have arrived (the fake tells them a task later, as a browser does).
const told = () => new Promise((resolve) => setTimeout(resolve, 0));
// Keeping started, as an audit's first write starts it (storage-cache.js `starts`).
async function started(s) {
  await s.set({ start: 0 });
  await told();
  reads.length = 0;
}
const fresh = () => {
  for (const k of Object.keys(data)) delete data[k];
  reads.length = 0;
};

test('a key read or written once is served from memory after, as a copy', async () => {
  fresh();
  data.a = { n: 1 };
  const s = cachedStorage(local);
  await started(s);
  assert.deepEqual(await s.get(['a', 'missing']), { a: { n: 1 } });
  const got = await s.get('a');
  got.a.n = 99;  // the caller's copy
  assert.deepEqual(await s.get(['a', 'missing']), { a: { n: 1 } });
  // (An object's keys come back sorted in the change event, as Chromium stores them: still its own.)
  await s.set({ b: [1, 2], c: { z: 1, a: { y: 2, b: 3 } } });
  await told();
  assert.deepEqual(await s.get(['a', 'b', 'c']), { a: { n: 1 }, b: [1, 2], c: { z: 1, a: { y: 2, b: 3 } } });
  await s.remove('a');
  await told();
  assert.deepEqual(await s.get(['a', 'b']), { b: [1, 2] });
  assert.deepEqual(reads, [['a', 'missing']]);
});

test('a write from outside, told (storage.written), is read again; the keys told alone, or all', async () => {
  fresh();
  data.a = 1;
  data.b = 1;
  const s = cachedStorage(local);
  await started(s);
  await s.get(['a', 'b']);
  await local.set({ a: 2 });  // not through `s`: as a test writes storage directly
  s.forget(['a']);
  assert.deepEqual(await s.get(['a', 'b']), { a: 2, b: 1 });
  assert.deepEqual(reads, [['a', 'b'], ['a']]);
  await local.remove('a');
  await local.set({ b: 3 });
  s.forget(null);  // a clear
  assert.deepEqual(await s.get(['a', 'b']), { b: 3 });
  assert.equal(reads.length, 3);
});

test('a write that does not fit keeps nothing: storage is read again, as it is', async () => {
  fresh();
  data.a = 'x';
  const s = cachedStorage(local);
  await started(s);
  await s.get('a');
  fake.quota = fake.size() + 5;
  try {
    await assert.rejects(s.set({ a: 'y'.repeat(100) }), /QUOTA/);
  } finally {
    fake.quota = Infinity;
  }
  assert.deepEqual(await s.get('a'), { a: 'x' });
  assert.equal(reads.length, 2);
});

test('a read that a write came during keeps nothing (its answer may be older than the write)', async () => {
  fresh();
  data.a = 1;
  const s = cachedStorage(local);
  await started(s);
  let release;
  local.get = async (keys) => {
    reads.push([].concat(keys));
    const out = await get.call(local, keys);
    await new Promise((resolve) => { release = resolve; });
    return out;
  };
  try {
    const slow = s.get('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await local.set({ a: 2 });  // a write from outside, told, while the read is out
    s.forget(['a']);
    release();
    assert.deepEqual(await slow, { a: 1 });
  } finally {
    local.get = logged;
  }
  assert.deepEqual(await s.get('a'), { a: 2 });
});

test('not enabled (the unit tests\' storage, set directly), nothing is kept: every read goes to storage', async () => {
  fresh();
  data.a = 1;
  const s = cachedStorage(local, { enabled: false });
  await started(s);
  await s.get('a');
  await s.get('a');
  assert.equal(reads.length, 2);
});

test('only the keys asked for are kept', async () => {
  fresh();
  data.history = { big: true };
  const s = cachedStorage(local, { keep: (k) => k !== 'history' });
  await started(s);
  await s.get('history');
  await s.get('history');
  assert.equal(reads.length, 2);
});

// ---- through the background's handlers

const username = 'lena.bakes', id = PROFILE_IDS[username];
const profile = findSeeded(username);
const tab = { tab: { id: 1 }, frameId: 0 };
let clock = Date.parse('2026-12-06T12:00:00Z');
Date.now = () => clock;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: true }) };
fetchFileUrls();
const { contentHandlers: handle, privilegedHandlers: privileged } = await import('../../extension/background/handlers.js');

test('an audit\'s steps read nothing of storage while the worker runs, and listen to no storage change; a write from outside, told, is read', async () => {
  fresh();
  const listening = fake.listeners();
  data.settings = { pacingMs: 20 };
  const body = JSON.stringify(seededDocument(profile));
  const checked = await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  const posts = checked.report.posts.map((p) => ({ id: p.id, likes: p.likes, comments: p.comments }));
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 820, posts, profileSource: 'web_profile_info', fresh: true });
  assert.equal(fake.listeners(), listening, 'no storage.onChanged listener once the audit keeps (it was handed the history at each save)');
  const page = (offset) => JSON.stringify(followersPage(profile, { offset, count: 25, encodeCursor: (o) => `c${o}` }));
  const oneStep = async (offset) => {
    const next = await handle['audit.next']({ username });
    assert.equal(next.action, 'fetch');
    clock = Math.max(clock + 20, next.at);
    assert.equal((await handle['audit.claim']({ username, id: next.id, audit: next.audit }, tab)).go, true);
    await handle['audit.sent']({ username, id: next.id });
    await handle['audit.result']({ username, id: next.id, audit: next.audit, status: 200, contentType: 'application/json', body: page(offset) });
    await told();
  };
  await oneStep(0);
  reads.length = 0;
  await oneStep(25);
  await oneStep(50);
  // (Before storage-cache.js: the record three times a request, the accounts read in full twice.)
  assert.deepEqual(reads, []);
  // The options page saves a slower pace (by message, as it does): the next step is paced by it,
  // read from memory.
  await privileged['settings.set']({ settings: { pacingMs: 60_000 } });
  const next = await handle['audit.next']({ username });
  assert.deepEqual(reads, []);
  assert.ok(next.at >= clock + 59_000, `paced by the new settings: ${next.at - clock} ms`);
  // A test writes the settings into storage itself and tells the background: read again, alone.
  await local.set({ settings: { pacingMs: 20 } });
  await privileged['storage.written']({ keys: ['settings'] });
  const { settings } = await privileged['settings.get']({});
  assert.equal(settings.pacingMs, 20, 'the settings as written');
  assert.deepEqual(reads, [['settings']]);
  assert.equal(fake.listeners(), listening);
});

test('reads alone keep nothing; an audit\'s write starts the keeping; idle, it forgets; started again, it keeps again; it never listens to storage', async () => {
  fresh();
  data.a = 1;
  const before = fake.listeners();
  const s = cachedStorage(local, { idleMs: 30, starts: (k) => k.startsWith('audit:') });
  await s.get('a');
  await s.get('a');
  await s.set({ settings: {} });
  assert.equal(reads.length, 2, 'nothing kept');
  await s.set({ 'audit:x': { status: 'running' } });
  await s.get('a');
  await s.get('a');
  assert.equal(fake.listeners(), before, 'not listening while it keeps');
  assert.equal(reads.length, 3, 'the key read once');
  await new Promise((resolve) => setTimeout(resolve, 80));
  await s.get('a');
  assert.equal(reads.length, 4, 'forgotten once idle');
  await s.set({ 'audit:x': { status: 'running' } });
  await s.get('a');
  await s.get('a');
  assert.equal(reads.length, 5, 'kept again');
});

test('an own key (the history) is kept from its first read, audit or none; it starts no other key\'s keeping; idle, it is forgotten', async () => {
  fresh();
  data.history = { entries: { a: 1 } };
  data.settings = { n: 1 };
  const s = cachedStorage(local, { idleMs: 30, starts: (k) => k.startsWith('audit:'), own: (k) => k === 'history' });
  await s.get('history');
  await s.get(['history', 'settings']);
  await s.get('settings');
  assert.deepEqual(reads, [['history'], ['settings'], ['settings']], 'the history read once, the settings each time');
  await s.set({ history: { entries: { a: 2 } } });
  assert.deepEqual(await s.get('history'), { history: { entries: { a: 2 } } });
  assert.equal(reads.length, 3, 'kept as written');
  await new Promise((resolve) => setTimeout(resolve, 80));
  await s.get('history');
  assert.equal(reads.length, 4, 'forgotten once idle');
  const off = cachedStorage(local, { enabled: false, own: (k) => k === 'history' });
  await off.get('history');
  await off.get('history');
  assert.equal(reads.length, 6, 'not enabled: nothing kept');
});
