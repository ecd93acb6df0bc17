// An audit running when its account was seen under a new name (renamed on Instagram) goes on under
// the old one, its tab writing there, and ends there; the next look at the new name brings it over
// (handlers.js carryAudit) and saves its result to the new name's entry (keepEndedAudits). That
// look saved before it brought it over, finding no audit under the new name: it showed the audit
// ended beside the entry's reading without it, and only the look after saved it. (Saved at its end,
// the result goes to the account's entry under its new name: the first test's end is left unsaved,
// as a worker stopped between the two writes leaves it.) Through the background's handlers,
// storage.local in memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { stoppableHistoryWrites, checkRenamed, auditEndedAfterRename } from './lib/audit-end-unsaved.mjs';
import { findSeeded, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
const writes = stoppableHistoryWrites();
// The tab running the audit is there.
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: true }) };
fetchFileUrls();
const { contentHandlers: handle, privilegedHandlers: popup } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const before = 'lena.bakes', after = 'lena.new', id = PROFILE_IDS[before];
const tab = { tab: { id: 1 }, frameId: 0 };
// The profile's document, its account named `name`.
const check = (name) => checkRenamed(handle, before, name);

// The audit of @lena.bakes ended there after the account was seen as @lena.new. `stopped`: the
// worker stopped before the end's history write (its result in no entry). `taken`: a check of the
// old name before the end found another account there (Instagram gave the name to someone else),
// and stored that account's document under the name.
async function endedUnderOldName({ stopped = true, taken = null } = {}) {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(before);
  const end = await auditEndedAfterRename(handle, writes, { before, after, id, tab, saved: !stopped, between: async () => {
    assert.deepEqual(data.history.entries[after].former_usernames, [before], 'the premise: the entry moved to the new name');
    if (taken) {
      await checkRenamed(handle, taken, before);
      assert.equal(data.history.entries[before].report.user_id, PROFILE_IDS[taken], 'the premise: the old name another account\'s');
    }
  } });
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  if (stopped) assert.equal(data.history.entries[after].audit_at, undefined, 'the premise: the new name\'s entry without the audit');
}

test('an audit ended under the old name: the first look at the new name brings it over and saves its result there', async () => {
  await endedUnderOldName();
  const seen = await handle['profile.cached']({ username: after });
  assert.equal(seen.audit && seen.audit.progress.status, 'done', 'brought over');
  const entry = data.history.entries[after];
  assert.ok(Number.isFinite(entry.audit_at), 'its result saved under the new name at that look');
  assert.equal(seen.entry.audit_at, entry.audit_at, 'and shown by it');
  assert.equal(seen.entry.confidence, 'audited');
  // The popup's look at the new name alike.
  await endedUnderOldName();
  const got = await popup['history.get']({ username: after });
  assert.ok(Number.isFinite(got.entry.audit_at), 'the popup shows the audit at its first look');
});

// The popup's list and its export save what is due as the looks at a profile do (keepEndedAudits),
// but over the history's names alone: an audit that ended under a name its account left, its
// result's write lost (the worker stopping between the two writes, storage full), is stored under
// no name the history holds, and the list and export went on without it until a page or the
// popup looked at the new name. (Since 05bee72 an end whose write goes through saves under the
// new name at once: the test after this one.)
test('an audit ended under the old name, its result lost: the popup\'s list and the CSV export bring it over and show it', async () => {
  await endedUnderOldName();
  const list = await popup['history.list']({ query: '' });
  const listed = list.entries.find((e) => e.username === after);
  assert.equal(listed && listed.confidence, 'audited', 'the list shows the audit\'s result');
  assert.ok(Number.isFinite(data.history.entries[after].audit_at), 'saved under the new name');
  assert.deepEqual(list.entries.map((e) => e.username), [after], 'the account listed once');
  assert.equal(list.audited, 1);
  const seen = await handle['profile.cached']({ username: after });
  assert.equal(seen.audit && seen.audit.progress.status, 'done', 'the audit itself under the new name');
  // The export alike, as the first thing the popup does.
  await endedUnderOldName();
  const csv = (await popup['history.export']({ format: 'csv' })).text;
  const rows = csv.trim().split('\r\n');
  assert.equal(rows.length, 2, 'one row, the account\'s');
  assert.ok(rows[1].startsWith(`${after},`));
  // (The last column, audit_at: an ISO time, no separator in it.)
  assert.ok(rows[0].endsWith(',audit_at') && /,audited,/.test(rows[1]) && /,\d{4}-\d\d-\d\dT[^,]+$/.test(rows[1]),
            'the export has the audit\'s result');
  const json = JSON.parse((await (async () => { await endedUnderOldName(); return popup['history.export']({ format: 'json' }); })()).text);
  assert.equal(json.entries.find((e) => e.username === after).confidence, 'audited', 'and the JSON export');
});

test('an audit ending under the old name puts its result on the account\'s entry under its new name at once, the old name left unlisted', async () => {
  await endedUnderOldName({ stopped: false });
  assert.deepEqual(Object.keys(data.history.entries), [after], 'one entry for the account');
  const entry = data.history.entries[after];
  assert.equal(entry.confidence, 'audited');
  assert.ok(Number.isFinite(entry.audit_at), 'its result there');
  assert.equal(entry.report.username, after, 'its report named as its entry');
  assert.deepEqual(entry.former_usernames, [before], 'the old name among its former names');
  assert.ok(entry.first_seen, 'its first count kept');
  const list = await popup['history.list']({ query: '' });
  assert.deepEqual(list.entries.map((e) => e.username), [after], 'the popup lists the account once');
  assert.equal(list.audited, 1);
  const csv = (await popup['history.export']({ format: 'csv' })).text;
  assert.equal(csv.split('\n').filter((l) => l.includes(before) && !l.includes(after)).length, 0, 'the export has no row of the old name');
  // The next look at the new name brings the audit over, and saves nothing again.
  const at = entry.audit_at;
  const seen = await handle['profile.cached']({ username: after });
  assert.equal(seen.audit && seen.audit.progress.status, 'done');
  assert.equal(data.history.entries[after].audit_at, at);
});

test('the old name taken by another account before the end: its entry and document are not the audit\'s, whose result goes to the new name', async () => {
  await endedUnderOldName({ stopped: false, taken: 'marco.travels' });
  const other = data.history.entries[before];
  assert.equal(other.report.user_id, PROFILE_IDS['marco.travels'], 'the other account\'s entry where it was');
  assert.notEqual(other.confidence, 'audited', 'and not made an audited one');
  const entry = data.history.entries[after];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result on its account\'s entry');
  assert.equal(entry.report.user_id, id, 'a report of its own account, not of the document the other account\'s check stored');
  assert.equal(entry.report.follower_count, findSeeded(before).followers);
  assert.equal(data.history_set_aside, undefined, 'nothing set aside');
});

// A name can be had by two accounts in turn, each renamed since: both entries name it among their
// former names. The list and the export brought over the audit ended under it by the entry that
// named it last in the history's order alone: when that was the other account's, the audit was
// not its, and the list and the export went on without its result.
test('the old name since had and left by another account: the popup\'s list still brings the audit over to its own account', async () => {
  await endedUnderOldName();
  const other = (name) => checkRenamed(handle, 'marco.travels', name);
  await other(before);
  await other('marco.new');
  assert.deepEqual(data.history.entries['marco.new'].former_usernames, [before], 'the premise: the other account left the name too');
  assert.ok(data[`audit:${before}`], 'the premise: the audit still under the old name');
  const list = await popup['history.list']({ query: '' });
  assert.equal(list.entries.find((e) => e.username === after).confidence, 'audited', 'the list shows the audit\'s result');
  assert.ok(Number.isFinite(data.history.entries[after].audit_at), 'saved under its account\'s name');
  assert.notEqual(data.history.entries['marco.new'].confidence, 'audited', 'the other account\'s entry as it was');
});
