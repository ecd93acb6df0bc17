// Making room in a full storage drops finished audits' working state, their results being in the
// history (store.js dropOldestFinishedAudit). An audit whose result is not (the worker stopped
// between the write ending it and the history's: handlers.js keepEndedAudits saves it at the
// profile's next look) was dropped like the others by a history save that did not fit, its result
// lost for good. It stays now; other things go first, or the write says storage is full. Here the
// history's write at the audit's end fails, leaving storage as such a stop does. Through the
// background's handlers, storage.local in memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { stoppableHistoryWrites, endAuditUnsaved, checkProfile } from './lib/audit-end-unsaved.mjs';
import { PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome();
const { data } = fake;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const writes = stoppableHistoryWrites();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const store = await import('../../extension/background/store.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const tab = { tab: { id: 1 }, frameId: 0 };
const check = (name) => checkProfile(handle, name);

test('a full storage making room keeps an ended audit whose result the history lacks', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(username);
  const end = await endAuditUnsaved(handle, writes, { username, id, tab });
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.equal(data.history.entries[username].audit_at, undefined, 'the premise: the audit\'s result is not in the history');
  // Storage full: another profile's check saves a history that does not fit as it is.
  fake.quota = fake.size() + 300;
  try {
    await check('marco.travels');
    assert.ok(data[`audit:${username}`], 'the audit whose result the history lacks kept');
    // A write that does not fit (making room: the cached documents go, not that audit).
    await store.locked(() => store.write({ big: 'y'.repeat(400) })).catch((e) => assert.ok(store.isQuotaError(e)));
    assert.ok(data[`audit:${username}`], 'kept by a write\'s making room too');
  } finally {
    fake.quota = Infinity;
  }
  // The profile's next look saves it.
  await handle['profile.cached']({ username });
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.ok(entry.sources && entry.sources.followers, 'with its rows');
});
