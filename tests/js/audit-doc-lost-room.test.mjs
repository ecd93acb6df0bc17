// An audit whose profile's document was lost ends with its estimates and no report (store.js
// putDoc failing on a full storage, or the document dropped for room): the profile's next check
// makes its report from the document it stores (handlers.js reportWithDoc). Its estimates are the
// audit's result, held nowhere else, and making room in a full storage dropped its state like a
// finished audit's whose result is in the history: the next check then had nothing to make the
// report from, the audit's requests spent for nothing. It stays now, as an audit whose result the
// history lacks does (audit-unsaved-room). And a check whose document fits but not the audit's
// report made from it answers its reading as any check in a full storage does: the report's write
// failing threw the whole check, the page showing an error for the reading it had just made.
// Through the background's handlers, storage.local in memory, the wasm engine as the extension
// loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { checkProfile, auditOnePage } from './lib/audit-end-unsaved.mjs';
import { PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome();
const { data } = fake;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
// While true, no audit's record fits (the rest does).
let auditsFull = false;
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
local.set = async (items) => {
  if (auditsFull && Object.keys(items).some((k) => k.startsWith('audit:'))) throw new Error('QUOTA_BYTES quota exceeded');
  return set(items);
};
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const store = await import('../../extension/background/store.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const tab = { tab: { id: 1 }, frameId: 0 };
const check = (name) => checkProfile(handle, name);

// The audit of `username` ended without its profile's document, so without its report.
async function endedWithoutDoc() {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(username);
  // The document lost.
  delete data[`doc:${username}`];
  data.docs = [];
  await auditOnePage(handle, { username, id, tab, fresh: true });
  const end = await handle['audit.next']({ username }, tab);
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.equal(data[`audit:${username}`].docMissing, true, 'the premise: ended without its report');
}

test('a full storage making room keeps an ended audit still to make its report from its profile\'s document', async () => {
  await endedWithoutDoc();
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

test('a check whose document fits but not the audit\'s report answers its reading; a later check makes the report', async () => {
  await endedWithoutDoc();
  auditsFull = true;
  let r;
  try {
    r = await check(username);
  } finally {
    auditsFull = false;
  }
  assert.ok(r.report, 'the check\'s reading');
  assert.equal(data[`audit:${username}`].docMissing, true, 'the audit still to make its report');
  await check(username);
  assert.ok(Number.isFinite(data.history.entries[username].audit_at), 'made and saved at the next check');
});

// With no entry of its profile in the history (it left it: history.js overflow), nothing would ever
// remove such an audit (the popup deletes what the history lists): it makes room as others do.
test('such an audit whose profile left the history makes room as any finished audit', async () => {
  await endedWithoutDoc();
  const history = structuredClone(data.history);
  delete history.entries[username];
  data.history = history;
  fake.quota = fake.size() + 300;
  try {
    await check('marco.travels');
  } finally {
    fake.quota = Infinity;
  }
  assert.equal(data[`audit:${username}`], undefined, 'dropped for room');
});
