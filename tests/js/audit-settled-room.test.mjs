// An ended audit's record is marked once the history has had its say on its result (handlers.js
// saveAuditReport: resultSettled), so that no look saves it again. The mark only spares a write:
// in a storage with no room for it, it is left out (the time of the save tells the looks as
// before), and nothing stored makes room for it. It went through the writes that make room
// (store.js write: the oldest cached document first, then finished audits, then the history's
// reports). Through the background's handlers, storage.local in memory, the wasm engine as the
// extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { checkProfile, auditOnePage } from './lib/audit-end-unsaved.mjs';
import { PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const username = 'lena.bakes', id = PROFILE_IDS[username];
// The write of the mark (the audit's record with resultSettled) finds no room, once.
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
let noRoomForMark = false;
local.set = async (items) => {
  const record = items[`audit:${username}`];
  if (noRoomForMark && record && record.resultSettled !== undefined) {
    noRoomForMark = false;
    throw new Error('QUOTA_BYTES quota exceeded');
  }
  return set(items);
};
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const tab = { tab: { id: 1 }, frameId: 0 };
const check = (name) => checkProfile(handle, name);

test('an audit\'s end in a storage with no room for the mark drops nothing for it, and no look saves its result again', async () => {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check('marco.travels');
  await check(username);
  await auditOnePage(handle, { username, id, tab });
  const before = structuredClone(data);
  noRoomForMark = true;
  const end = await handle['audit.next']({ username }, tab);
  assert.equal(end.progress.status, 'done');
  assert.equal(noRoomForMark, false, 'the premise: the mark was written and found no room');
  const entry = structuredClone(data.history.entries[username]);
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.equal(data['doc:marco.travels'], before['doc:marco.travels'], 'the other profile\'s cached document kept');
  assert.deepEqual(data.docs, before.docs);
  assert.deepEqual(data.history.entries['marco.travels'], before.history.entries['marco.travels']);
  assert.equal(data[`audit:${username}`].resultSettled, undefined, 'no mark: no room for it');
  // The looks tell it saved by its time, as before the mark.
  await handle['profile.cached']({ username });
  assert.deepEqual(data.history.entries[username], entry);
});
