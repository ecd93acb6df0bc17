// A check asked again after a worker restart (content/messaging.js: the same sendId on every
// attempt) finds its answer recorded (instant-answers.js), and ran the rest of the check again all
// the same: its reading saved a second time, under a new computed_at. An audit ended early whose
// report that check made (handlers.js reportWithDoc) is weighed against the check's reading, by
// identity (ended-unsaved.js endedUnsaved, `weighedReading`): with its history write lost (the
// worker stopping before it), the retry's new reading passed for one made since, and its result was
// never saved (told by the clock, as before 2267b8a, the same). The retry answers the reading
// recorded, saves none anew, and the audit's result goes into the history.
// Through the background's dispatch and handlers (a restart being a new dispatcher and handlers
// module), storage.local in memory, the wasm engine as the extension loads it; the clock moved by
// hand so that each step has its own millisecond.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { cancelledWithDocLost } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
let clock = Date.now();
Date.now = () => clock;
const username = 'lena.bakes', id = PROFILE_IDS[username];
// While `neutral`, the check's reading is stored with no estimate (as one the engine could not
// make: any audit result replaces it); while `lose`, the history's write carrying the audit's
// result fails, as a worker stopping before it.
const mode = { neutral: false, lose: false };
let lostWrites = 0;
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
local.set = async (items) => {
  const e = items.history && items.history.entries && items.history.entries[username];
  if (mode.lose && e && Number.isFinite(e.audit_at)) {
    lostWrites++;
    throw new Error('the worker stopped before this write');
  }
  if (mode.neutral && e && !Number.isFinite(e.audit_at)) Object.assign(e, { fake_percent: null, ci_low: null, ci_high: null });
  return set(items);
};
const { startWorker } = await import('./lib/worker-restart.mjs');
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const tab = { id: 'test', tab: { id: 1 }, frameId: 0, url: `https://www.instagram.com/${username}/` };
const checkMsg = (sendId) => ({ what: 'instant.analyze', username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
                                body: JSON.stringify(seededDocument(findSeeded(username))), sendId });

test('a check asked again after a restart saves no second reading, and the audit whose report it made is saved', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await (await startWorker(tab))(checkMsg('send-0001-lena'));
  // The document lost; the audit reads a page and is cancelled: no report to make.
  await cancelledWithDocLost(handle, data, { username, id, tab, tick: () => { clock += 1000; } });
  assert.deepEqual([data[`audit:${username}`].docMissing, data[`audit:${username}`].report ?? null], [true, null], 'the premise: no report');

  // The next check: its reading saved, the audit's report made and weighed against it, the
  // history's write of its result lost as the worker stops; the page got no answer.
  clock += 1000;
  Object.assign(mode, { neutral: true, lose: true });
  const first = await (await startWorker(tab))(checkMsg('send-0002-lena'));
  mode.lose = false;
  assert.ok(first.report, 'the check\'s reading');
  assert.equal(lostWrites, 1, 'the premise: the audit\'s result replaces the check\'s reading, and its write was lost');
  const reading = data.history.entries[username].computed_at;
  assert.equal(data[`audit:${username}`].weighedReading, reading, 'the premise: weighed against the check\'s reading');

  // Asked again by the page, to a restarted worker.
  clock += 1000;
  const again = await (await startWorker(tab))(checkMsg('send-0002-lena'));
  mode.neutral = false;
  assert.ok(again.report, 'the retry gets its reading');
  assert.equal(again.computedAt, first.computedAt, 'the reading recorded, as the first attempt answered it');

  // The retry saves the audit's result (the first attempt would have), as the next look would.
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved');
  assert.equal(entry.audit_partial, true, 'as the part it read');
  clock += 1000;
  const look = await handle['profile.cached']({ username });
  assert.equal(look.entry && look.entry.confidence, 'audited');
  assert.equal(data.history.entries[username].audit_at, entry.audit_at, 'once');
});

test('a check asked again whose first attempt stopped before saving its reading saves it', async () => {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS };
  // The first attempt's answer recorded, its reading's write lost as the worker stopped.
  let stop = true;
  local.set = async (items) => {
    if (stop && 'history' in items) throw new Error('the worker stopped before this write');
    return set(items);
  };
  clock += 1000;
  await (await startWorker(tab))(checkMsg('send-0003-lena')).catch(() => null);
  stop = false;
  assert.equal(data.history, undefined, 'the premise: no reading stored');
  clock += 1000;
  const again = await (await startWorker(tab))(checkMsg('send-0003-lena'));
  assert.ok(again.report);
  assert.equal(data.history.entries[username].computed_at, again.computedAt, 'the reading saved by the retry');
});
