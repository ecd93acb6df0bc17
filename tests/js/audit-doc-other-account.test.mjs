// An ended audit still to make its report, its profile's document missing, makes it at the
// profile's next check from the document that check stores (handlers.js reportWithDoc). Where the
// check could not store it (putDoc failing on a full storage) and the document under the name is
// another account's (one that had the name before), no report is made: the document counts as
// missing (refreshEstimates, cd9c2de). That was marked as the engine failing (reportRetry,
// 23ea870), and the back-off held the report an hour, or a week after several such checks, also
// past the first check that stored the account's own document. The engine did not fail: no mark.
// Through the background's handlers, storage.local in memory, the wasm engine as the extension
// loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { auditOnePage, checkProfile } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const username = 'lena.bakes', id = PROFILE_IDS[username];
// While set, the write of the profile's document finds no room (storage full).
let docNoRoom = false;
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
local.set = async (items) => {
  if (docNoRoom && `doc:${username}` in items) throw new Error('QUOTA_BYTES quota exceeded');
  return set(items);
};
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const tab = { tab: { id: 1 }, frameId: 0 };

test('another account\'s document under the name sets no engine-failure mark, and the account\'s own makes the report at once', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await checkProfile(handle, username);
  // The document lost; the audit reads its page and ends without a report.
  delete data[`doc:${username}`];
  data.docs = [];
  await auditOnePage(handle, { username, id, tab });
  assert.equal((await handle['audit.next']({ username }, tab)).progress.status, 'done');
  assert.deepEqual([data[`audit:${username}`].docMissing, data[`audit:${username}`].report ?? null], [true, null], 'the premise: no report');
  // The document of the account that had the name before, under it.
  const other = seededDocument(findSeeded('marco.travels'));
  other.data.user.username = username;
  data[`doc:${username}`] = JSON.stringify(other);
  data.docs = [username];

  // A check with no room for its document: the other account's stays; no report to make.
  docNoRoom = true;
  try {
    assert.ok((await checkProfile(handle, username)).report, 'the check\'s reading');
  } finally {
    docNoRoom = false;
  }
  assert.equal(data[`doc:${username}`], JSON.stringify(other), 'the premise: the other account\'s document still there');
  const a = data[`audit:${username}`];
  assert.equal(a.report ?? null, null, 'no report of another account\'s profile');
  assert.equal(a.reportRetry, undefined, 'no engine-failure mark: the engine did not fail');
  assert.equal(a.docMissing, true, 'its document still missing');

  // The next check stores the account's own document: the report is made and saved then.
  await checkProfile(handle, username);
  assert.ok(data[`audit:${username}`].report, 'the audit\'s report made');
  assert.ok(Number.isFinite(data.history.entries[username].audit_at), 'its result in the history');
});
