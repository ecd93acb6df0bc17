// An audit ended early (cancelled, or stopped) whose profile's document was lost ends with its
// estimates and no report; the profile's next check stores its reading and the document, makes the
// audit's report from it and weighs it against that reading (handlers.js reportWithDoc,
// saveAuditReport): two writes, the audit's and the history's. Lost between them (the worker
// stopping, or a storage too full for the history: instant.analyze leaves it), the result is saved
// by the next look (keepEndedAudits), as after any end: ended-unsaved.js endedUnsaved weighs an
// audit ended early against the reading stored when it was weighed. That time was its end alone, and
// the check's reading, made after its end, kept such an audit from being due for good: its result
// lost, its state left for room to take.
// Through the background's handlers, storage.local in memory, the wasm engine as the extension
// loads it; the clock moved by hand so that each step has its own millisecond.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { checkProfile, cancelledWithDocLost } from './lib/audit-end-unsaved.mjs';
import { PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome();
const { data } = fake;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
let clock = Date.now();
Date.now = () => clock;
const username = 'lena.bakes', id = PROFILE_IDS[username];
// While true, the check's reading of the profile is stored with no estimate (as one the engine
// could not make: any audit result replaces it, saveAuditReport), and the history's write carrying
// the audit's result fails, as a worker stopping before it.
let auditResultLost = false, lostWrites = 0;
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
local.set = async (items) => {
  const e = items.history && items.history.entries && items.history.entries[username];
  if (auditResultLost && e && Number.isFinite(e.audit_at)) {
    lostWrites++;
    throw new Error('the worker stopped before this write');
  }
  if (auditResultLost && e) Object.assign(e, { fake_percent: null, ci_low: null, ci_high: null });
  return set(items);
};
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const tab = { tab: { id: 1 }, frameId: 0 };
const check = (name) => checkProfile(handle, name);

test('an audit ended early whose report a later check made is saved by the next look when that report\'s write was lost', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check(username);
  // The document lost; the audit reads a page and is cancelled: no report to make.
  await cancelledWithDocLost(handle, data, { username, id, tab, tick: () => { clock += 1000; } });
  const ended = data[`audit:${username}`];
  assert.deepEqual([ended.status, ended.docMissing, ended.report ?? null], ['cancelled', true, null], 'the premise: ended early, no report');

  // The next check: its reading saved, the audit's report made and weighed against it, its write lost.
  clock += 1000;
  auditResultLost = true;
  try {
    assert.ok((await check(username)).report, 'the check\'s reading');
  } finally {
    auditResultLost = false;
  }
  assert.equal(lostWrites, 1, 'the premise: the report replaces the check\'s reading, and its write was lost');
  assert.ok(data[`audit:${username}`].report, 'the audit stored with its report');
  assert.equal(data.history.entries[username].audit_at, undefined);

  // The next look saves it, as after any end lost so.
  clock += 1000;
  const look = await handle['profile.cached']({ username });
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.equal(entry.audit_partial, true, 'as the part it read');
  assert.equal(look.entry && look.entry.confidence, 'audited');
});
