// An audit that ended under a name its account left (renamed on Instagram mid-audit), its result's
// write lost, is brought over to the new name by the next look (handlers.js carryAudit,
// store.js moveFormerAudit) and its result saved there. When no look came first (the new name's
// page open in another tab as it ended; or the look's carry failed, storage full) and a newer audit
// of the account was started under the new name and cancelled early (its result too wide to
// replace the reading: saveAuditReport), moveFormerAudit refuses to move the older over it,
// for good: the older stayed due (ended-unsaved.js endedUnsaved), its result saved nowhere, and
// making room kept it (10be9dd), for ever. The newer audit keeps the name; the older's result is
// saved as at its end (a finished audit's result stands over a check's reading), and its state,
// settled, is no longer kept from making room.
// Through the background's handlers, storage.local in memory, the wasm engine as the extension
// loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditOnePage, auditEndedAfterRename } from './lib/audit-end-unsaved.mjs';
import { renamedAuditBench } from './lib/renamed-audit-bench.mjs';

let clock = Date.now();
Date.now = () => clock;
const { fake, data, writes, handle, popup, store, DEFAULT_SETTINGS, before, after, id, tab, check } = await renamedAuditBench();

test('an ended audit under a former name that a newer audit under the new name keeps from moving: its result saved, its state not kept for ever', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(before);
  // Renamed meanwhile; the audit ends under the old name, its result's write lost.
  const end = await auditEndedAfterRename(handle, writes, { before, after, id, tab });
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  const older = data[`audit:${before}`];

  assert.ok(data[`audit:${before}`] && !data[`audit:${after}`], 'the premise: under the old name');
  // A new audit under the new name (its page open since the check), cancelled after a page: too
  // wide to replace the reading.
  clock += 3_600_000;
  await auditOnePage(handle, { username: after, id, tab, fresh: true });
  await handle['audit.cancel']({ username: after }, tab);
  const newer = data[`audit:${after}`];
  assert.equal(newer.status, 'cancelled');
  assert.equal(data.history.entries[after].audit_at, undefined, 'the premise: the account\'s entry holds no audit\'s result');

  // The popup's list: the older audit's result saved under the new name, as at its end.
  const list = await popup['history.list']({ query: '' });
  const entry = data.history.entries[after];
  assert.equal(list.entries.find((e) => e.username === after).confidence, 'audited');
  assert.ok(Number.isFinite(entry.audit_at), 'the older audit\'s result saved');
  assert.notEqual(entry.audit_partial, true, 'a finished audit\'s');
  assert.equal(entry.fake_percent, older.report.fake_percent);
  assert.equal(data[`audit:${after}`].startedAt, newer.startedAt, 'the newer audit keeps the name');
  // Nothing keeps the older's state from making room now (the newer, resumable, stays): a write
  // that does not fit once the cached document it no longer needs is gone.
  fake.quota = fake.size() + 300;
  try {
    const big = 'y'.repeat(JSON.stringify(data[`doc:${before}`] || '').length + 400);
    await store.locked(() => store.write({ big })).catch((e) => assert.ok(store.isQuotaError(e)));
  } finally {
    fake.quota = Infinity;
  }
  assert.equal(data[`audit:${before}`], undefined, 'the older audit\'s state dropped for room');
  assert.ok(data[`audit:${after}`], 'the newer kept');
  assert.ok(Number.isFinite(data.history.entries[after].audit_at), 'its result kept in the history');
});
