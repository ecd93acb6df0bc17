// Whether an ended audit's result is in the history was told by time alone: the entry's audit_at
// (the time of the save) not before the audit's last step (its updatedAt). A look that saves a
// result the history lacks (handlers.js keepEndedAudits: the worker stopped between the write
// ending the audit and the history's) with the system clock set back since the audit's end (a
// clock corrected, a time zone or dual-boot mix-up) stored an audit_at before the audit's end: the
// result was due again, and saved again, at every look until the clock caught up (a history of
// up to some MB rewritten per look, the entry's time changing each time). So with the report made
// at a check for an audit whose document was lost (reportWithDoc). Through the background's
// handlers, storage.local in memory, the wasm engine as the extension loads it, Date.now set back.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { stoppableHistoryWrites, endAuditUnsaved, auditOnePage } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const writes = stoppableHistoryWrites();
// The history's writes, counted.
let historyWrites = 0;
const set = globalThis.chrome.storage.local.set.bind(globalThis.chrome.storage.local);
globalThis.chrome.storage.local.set = async (items) => {
  if ('history' in items) historyWrites++;
  return set(items);
};
const { contentHandlers: handle, privilegedHandlers: popup } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const tab = { tab: { id: 1 }, frameId: 0 };
const HOUR = 3_600_000;
const realNow = Date.now;
// The system clock set `ms` back.
const clockBack = (ms) => { Date.now = () => realNow() - ms; };
afterEach(() => { Date.now = realNow; });
const check = () => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });

test('a result saved at a look after the clock went back is saved once, not again at every look', async () => {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check();
  const end = await endAuditUnsaved(handle, writes, { username, id, tab });
  assert.equal(end.progress.status, 'done');
  assert.equal(data.history.entries[username].audit_at, undefined, 'the premise: the result not in the history');
  clockBack(HOUR);
  await handle['profile.cached']({ username });
  const entry = structuredClone(data.history.entries[username]);
  assert.ok(Number.isFinite(entry.audit_at), 'saved at the first look');
  historyWrites = 0;
  await handle['profile.cached']({ username });
  await popup['history.get']({ username });
  await popup['history.list']({ query: '' });
  await popup['history.export']({ format: 'json' });
  assert.equal(historyWrites, 0, 'no look after saves it again');
  assert.deepEqual(data.history.entries[username], entry);
});

test('a report made at a check for an audit whose document was lost, the clock set back: saved once', async () => {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check();
  // Its document lost before the audit's end: it ends with its estimates and no report.
  delete data[`doc:${username}`];
  data.docs = [];
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts: [], profileSource: 'web_profile_info' }, tab);
  const { FOLLOWERS_PAGE } = await import('./lib/audit-end-unsaved.mjs');
  const step = await handle['audit.next']({ username }, tab);
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab)).go, true);
  delete data[`doc:${username}`];
  await handle['audit.result']({ username, id: step.id, audit: step.audit, ...FOLLOWERS_PAGE }, tab);
  delete data[`doc:${username}`];
  const end = await handle['audit.next']({ username }, tab);
  assert.equal(end.progress.status, 'done');
  assert.equal(data[`audit:${username}`].docMissing, true, 'the premise: ended without its report');
  clockBack(HOUR);
  await check();
  const entry = structuredClone(data.history.entries[username]);
  assert.ok(Number.isFinite(entry.audit_at), 'its report made and saved at the check');
  historyWrites = 0;
  await handle['profile.cached']({ username });
  await popup['history.list']({ query: '' });
  assert.equal(historyWrites, 0, 'no look after saves it again');
});

// An audit cancelled early whose result narrowed the reading in the history, its history write
// lost: a look saves it, over the reading it was weighed against at its end. Told by time, a check
// made since with the clock set back (its time before the audit's end) passed for that reading,
// and the older, partial result came over the check's newer reading. The record notes which
// reading it was weighed against (weighedReading: handlers.js weighing), compared by identity.
// (The profile's check read no estimate: a reading any audit's narrows.)
const checkNoEstimate = async () => {
  await check();
  const h = structuredClone(data.history);
  Object.assign(h.entries[username], { fake_percent: null, ci_low: null, ci_high: null });
  await globalThis.chrome.storage.local.set({ history: h });
};

test('an audit ended early, its result lost: a check since with the clock set back keeps its reading; without one, the look saves the audit', async () => {
  const cancelledUnsaved = async () => {
    for (const k of Object.keys(data)) delete data[k];
    data.settings = { ...DEFAULT_SETTINGS, auditBudget: 3 };
    await checkNoEstimate();
    await auditOnePage(handle, { username, id, tab });
    writes.on = false;
    const end = await handle['audit.cancel']({ username }).finally(() => { writes.on = true; });
    assert.equal(end.progress.status, 'cancelled');
    assert.equal(data.history.entries[username].audit_at, undefined, 'the premise: the result not in the history');
    return data.history.entries[username].computed_at;
  };
  const weighed = await cancelledUnsaved();
  assert.equal(data[`audit:${username}`].weighedReading, weighed, 'its record names the reading it was weighed against');
  await handle['profile.cached']({ username });
  assert.ok(Number.isFinite(data.history.entries[username].audit_at), 'the premise: it narrows that reading, and the look saves it');
  await cancelledUnsaved();
  clockBack(HOUR);
  await checkNoEstimate();
  const reading = structuredClone(data.history.entries[username]);
  assert.ok(reading.computed_at < data[`audit:${username}`].updatedAt, 'the premise: the check\'s time before the audit\'s end');
  await handle['profile.cached']({ username });
  await popup['history.list']({ query: '' });
  assert.deepEqual(data.history.entries[username], reading, 'the check\'s reading stays');
});
