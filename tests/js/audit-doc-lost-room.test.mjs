// An audit whose profile's document was lost ends with its estimates and no report (store.js
// putDoc failing on a full storage, or the document dropped for room): the profile's next check
// makes its report from the document it stores (handlers.js reportWithDoc). Its estimates are the
// audit's result, held nowhere else, and making room in a full storage dropped its state like a
// finished audit's whose result is in the history: the next check then had nothing to make the
// report from, the audit's requests spent for nothing. It stays now, as an audit whose result the
// history lacks does (audit-unsaved-room). Through the background's handlers, storage.local in
// memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { FOLLOWERS_PAGE } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome();
const { data } = fake;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const store = await import('../../extension/background/store.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const tab = { tab: { id: 1 }, frameId: 0 };
const check = (name) => handle['instant.analyze']({ username: name, endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
                                                    body: JSON.stringify(seededDocument(findSeeded(name))) });

test('a full storage making room keeps an ended audit still to make its report from its profile\'s document', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(username);
  // The document lost.
  delete data[`doc:${username}`];
  data.docs = [];
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts: [], profileSource: 'web_profile_info' }, tab);
  const step = await handle['audit.next']({ username }, tab);
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab)).go, true);
  await handle['audit.result']({ username, id: step.id, audit: step.audit, ...FOLLOWERS_PAGE }, tab);
  const end = await handle['audit.next']({ username }, tab);
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.equal(data[`audit:${username}`].docMissing, true, 'the premise: ended without its report');
  // Storage full: another profile's check saves a history that does not fit as it is.
  fake.quota = fake.size() + 300;
  try {
    await check('marco.travels');
    assert.ok(data[`audit:${username}`], 'the audit still to make its report kept');
    await store.locked(() => store.write({ big: 'y'.repeat(400) })).catch((e) => assert.ok(store.isQuotaError(e)));
    assert.ok(data[`audit:${username}`], 'kept by a write\'s making room too');
  } finally {
    fake.quota = Infinity;
  }
  // The profile's next check makes the report and saves it.
  await check(username);
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.ok(entry.sources && entry.sources.followers, 'with its rows');
});
