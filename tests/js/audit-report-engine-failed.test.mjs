// An audit that ends with its estimates but no report for a reason other than a lost document
// (the engine failing on the profile with the audit's samples: a refusal, a crash) is left with
// no report; each check of its profile (handlers.js reportWithDoc) made it again, running the
// engine once more for an answer that did not change: at every check of that profile for as long
// as the audit was kept. Now a failed try is marked on the audit and tried again after a back-off
// that grows, or at once with another engine; the report is still made once the engine can.
// Through the background's handlers, storage.local in memory, the wasm engine as the extension
// loads it, its analyzeProfile failing while `failing` when given the audit's samples.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { auditOnePage } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
// The write of the mark (the audit's record with reportRetry) finds no room, once, while set.
const local = globalThis.chrome.storage.local;
const set = local.set.bind(local);
let noRoomForMark = false;
local.set = async (items) => {
  const record = items['audit:lena.bakes'];
  if (noRoomForMark && record && record.reportRetry !== undefined) {
    noRoomForMark = false;
    throw new Error('QUOTA_BYTES quota exceeded');
  }
  return set(items);
};
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { engine } = await import('../../extension/background/engine.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const mod = await engine();
const real = { analyzeProfile: mod.analyzeProfile, version: mod.version };
let failing = true, tries = 0, engineVersion = null;
mod.analyzeProfile = (text, args) => {
  if (!JSON.parse(args).audience) return real.analyzeProfile(text, args);
  tries++;
  return failing ? JSON.stringify({ error: { id: 'engine.test', message: 'refused for the test' } }) : real.analyzeProfile(text, args);
};
mod.version = () => engineVersion || real.version();

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const tab = { tab: { id: 1 }, frameId: 0 };
const check = () => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
const realNow = Date.now;
const later = (ms) => { Date.now = () => realNow() + ms; };
afterEach(() => { Date.now = realNow; failing = true; engineVersion = null; });
const DAY = 86_400_000;

async function endedWithoutReport() {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check();
  await auditOnePage(handle, { username, id, tab });
  const end = await handle['audit.next']({ username }, tab);
  assert.equal(end.progress.status, 'done');
  const a = data[`audit:${username}`];
  assert.ok(!a.report && !a.docMissing && a.estimatesApart.includes('followers'), 'the premise: estimates, no report, its document there');
  tries = 0;
}

test('the engine failing on an ended audit\'s report: the checks after do not run it again and again', async () => {
  await endedWithoutReport();
  for (let i = 0; i < 5; i++) await check();
  assert.ok(tries <= 1, `the engine asked ${tries} times in 5 checks`);
  assert.equal(data.history.entries[username].audit_at, undefined, 'no result to save yet');
});

test('the report is made once the engine can: after the back-off, or at once with another engine', async () => {
  await endedWithoutReport();
  await check();
  await check();
  assert.equal(tries, 1);
  // Another engine (the extension updated): tried at its first check.
  engineVersion = 'another';
  await check();
  await check();
  assert.equal(tries, 2);
  // Past the back-off, the engine answering: the report made and saved.
  failing = false;
  later(8 * DAY);
  await check();
  assert.equal(tries, 3);
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at) && entry.confidence === 'audited', 'its result in the history');
  assert.ok(data[`audit:${username}`].report, 'the audit with its report');
  assert.equal(data[`audit:${username}`].reportRetry, undefined, 'no mark left');
});

// The mark only spares the engine runs: in a storage with no room for it, it is left out (the next
// check tries again, as before the mark), and nothing stored makes room for it (store.js write's
// making room dropped the oldest cached document first: another profile's here).
test('a storage with no room for the mark: nothing dropped for it, the next check tries again', async () => {
  await endedWithoutReport();
  await handle['instant.analyze']({ username: 'marco.travels', endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
                                     body: JSON.stringify(seededDocument(findSeeded('marco.travels'))) });
  const before = structuredClone(data);
  noRoomForMark = true;
  await check();
  assert.equal(noRoomForMark, false, 'the premise: the mark was written and found no room');
  assert.equal(tries, 1);
  assert.equal(data['doc:marco.travels'], before['doc:marco.travels'], 'the other profile\'s cached document kept');
  assert.deepEqual([...data.docs].sort(), [...before.docs].sort(), 'both documents still indexed (the check stores its own anew)');
  assert.equal(data[`audit:${username}`].reportRetry, undefined, 'no mark: no room for it');
  await check();
  assert.equal(tries, 2, 'tried again at the next check');
  assert.ok(data[`audit:${username}`].reportRetry, 'marked then');
});

test('the back-off doubles up to a week; a mark of another end, another engine, or further ahead than a week (the clock set back) is due', async () => {
  const { reportRetryDue, reportRetryAfter } = await import('../../extension/background/report-retry.js');
  const HOUR = 3_600_000, t = 1_800_000_000_000;
  let a = { updatedAt: t - HOUR };
  const waits = [];
  for (let i = 0; i < 10; i++) {
    a = { ...a, reportRetry: reportRetryAfter(a, t, 'e1') };
    waits.push((a.reportRetry.at - t) / HOUR);
  }
  assert.deepEqual(waits, [1, 2, 4, 8, 16, 32, 64, 128, 168, 168]);
  a = { updatedAt: t - HOUR, reportRetry: reportRetryAfter({ updatedAt: t - HOUR }, t, 'e1') };
  assert.equal(reportRetryDue(a, t + HOUR / 2, 'e1'), false);
  assert.equal(reportRetryDue(a, t + HOUR, 'e1'), true);
  assert.equal(reportRetryDue(a, t, 'e2'), true, 'another engine');
  assert.equal(reportRetryDue({ ...a, updatedAt: t }, t, 'e1'), true, 'another end of the audit');
  assert.equal(reportRetryDue(a, t - 8 * 24 * HOUR, 'e1'), true, 'the clock set back past any wait');
});

// The mark knows the wait it set: one further ahead than that was set with a clock ahead of the one
// now (set back since). Told against a week, any wait, a clock set back a day after a first failure
// (an hour's wait) held the report's next try, the audit's result kept in its state alone
// meanwhile, for a day and an hour.
test('a mark further ahead than the wait it set (the clock set back since) is due', async () => {
  const { reportRetryDue, reportRetryAfter } = await import('../../extension/background/report-retry.js');
  const HOUR = 3_600_000, t = 1_800_000_000_000;
  const once = { updatedAt: t - HOUR, reportRetry: reportRetryAfter({ updatedAt: t - HOUR }, t, 'e1') };
  assert.equal(reportRetryDue(once, t + HOUR / 2, 'e1'), false, 'within its hour');
  assert.equal(reportRetryDue(once, t - 24 * HOUR, 'e1'), true, 'a day back: further ahead than its hour');
  let thrice = { updatedAt: t - HOUR };
  for (let i = 0; i < 3; i++) thrice = { ...thrice, reportRetry: reportRetryAfter(thrice, t, 'e1') };
  assert.equal(reportRetryDue(thrice, t + HOUR, 'e1'), false, 'within its 4 hours');
  assert.equal(reportRetryDue(thrice, t - HOUR, 'e1'), true, 'an hour back: 5 hours ahead of its 4');
  // A mark naming no tries (not as this build writes it) is told against the longest wait, as before.
  const { tries, ...untold } = once.reportRetry;
  assert.equal(tries, 1);
  assert.equal(reportRetryDue({ ...once, reportRetry: untold }, t - 24 * HOUR, 'e1'), false);
});
