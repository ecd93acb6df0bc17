// Making room in a full storage keeps an ended audit whose result the history lacks (store.js
// dropOldestFinishedAudit, ended-unsaved.js), told against the entry under the audit's own name.
// An audit that ended under a name its account left (renamed on Instagram mid-audit: its tab writes
// there until it ends), the end's history write lost, has no entry of its account under that name:
// its account's entry is under the new name (history.js currentNameOf, where its result goes). It
// passed for one whose result was saved, and making room dropped it before a look at the new name
// or the popup's list (handlers.js carryEndedUnderFormer) could bring it over: its result lost for
// good. Through the background's handlers, storage.local in memory, the wasm engine as the
// extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkProfile, auditEndedAfterRename } from './lib/audit-end-unsaved.mjs';
import { renamedAuditBench } from './lib/renamed-audit-bench.mjs';

const { fake, data, writes, handle, popup, store, DEFAULT_SETTINGS, before, after, id, tab, check } = await renamedAuditBench();

test('a full storage making room keeps an audit ended under a name its account left, its result not saved', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(before);
  const end = await auditEndedAfterRename(handle, writes, { before, after, id, tab });
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.equal(data.history.entries[after].audit_at, undefined, 'the premise: the account\'s entry without the audit\'s result');
  assert.ok(data[`audit:${before}`], 'the premise: the audit under the old name');
  // Storage full: another profile's check saves a history that does not fit as it is, then a write
  // that does not fit at all.
  fake.quota = fake.size() + 300;
  try {
    await checkProfile(handle, 'marco.travels');
    assert.ok(data[`audit:${before}`], 'the audit whose result the history lacks kept');
    await store.locked(() => store.write({ big: 'y'.repeat(400) })).catch((e) => assert.ok(store.isQuotaError(e)));
    assert.ok(data[`audit:${before}`], 'kept by a write\'s making room too');
  } finally {
    fake.quota = Infinity;
  }
  // The popup's list brings it over and saves its result.
  const list = await popup['history.list']({ query: '' });
  assert.equal(list.entries.find((e) => e.username === after).confidence, 'audited');
  assert.ok(Number.isFinite(data.history.entries[after].audit_at), 'its result saved under the new name');
});
