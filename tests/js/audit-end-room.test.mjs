// At an audit's end its result goes into the history in a write after the one storing the audit as
// ended. In a full storage that history write makes room first, dropping finished audits' state
// (store.js saveHistory), and the audit just ended was among them (its result is in the history
// being saved): removed before the history's write, which then failed or never came (the worker
// stopped during it: a large history's write takes longest), its result was lost for good: neither
// in the history nor in a state a later look saves it from (handlers.js keepEndedAudits). It stays
// now while anything else can go (here another profile's report: history.js shrink) until the
// stored history holds its result. Through the background's handlers, storage.local
// in memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { checkProfile, auditOnePage } from './lib/audit-end-unsaved.mjs';
import { PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
// The history's next writes fail with these errors, one each, in turn.
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
let historyFails = [];
local.set = async (items) => {
  if ('history' in items && historyFails.length) throw new Error(historyFails.shift());
  return set(items);
};
const NO_ROOM = 'QUOTA_BYTES quota exceeded', STOPPED = 'the worker stopped during this write';
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const tab = { tab: { id: 1 }, frameId: 0 };

const check = (name) => checkProfile(handle, name);

// Checks the profiles `names`, then runs an audit of `username` to its end with the history's
// writes at the end failing with `fails`. Returns the end's answer.
async function endAudit(names, fails) {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  for (const name of names) await check(name);
  await auditOnePage(handle, { username, id, tab, fresh: true });
  historyFails = fails;
  try {
    return await handle['audit.next']({ username }, tab).catch(() => null);
  } finally {
    historyFails = [];
  }
}

test('an audit ending in a full storage keeps its state until its result is in the stored history', async () => {
  await endAudit(['marco.travels', username], [NO_ROOM, STOPPED]);
  assert.equal(data.history.entries[username].audit_at, undefined, 'the premise: the audit\'s result not in the history');
  assert.equal(data[`audit:${username}`] && data[`audit:${username}`].status, 'done', 'the ended audit kept');
  // The profile's next look saves it.
  await handle['profile.cached']({ username });
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.ok(entry.sources && entry.sources.followers, 'with its rows');
});

test('with nothing else to go, the audit\'s own state makes room for its result, as before', async () => {
  await endAudit([username], [NO_ROOM]);
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.equal(data[`audit:${username}`], undefined, 'its state dropped for the room');
});
