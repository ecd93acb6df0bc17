// A background slower than a send's deadline (content/messaging.js ATTEMPT_TIMEOUT_MS: storage near
// its quota making room on a busy machine) must not lose its answer or answer a retry otherwise.
// Before, the retry ran instant.analyze again behind the first attempt's store lock: it answered
// without "older details were dropped" (the first attempt had made the room), and when every store
// write was slow each attempt missed its own deadline, so the badge kept loading for minutes.
// The content script's send and the background's dispatch as the extension wires them (the
// runtime's sendMessage between them), the real handlers, storage.local in memory with slow
// writes, the wasm engine as the extension loads it. Time is node's mock timers: no real waits.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome();
const { data } = fake;
fetchFileUrls();

// Slow writes: each storage.local.set waits for `writeDelay` ms of (mocked) time first; only the
// first `slowWrites` of them when that is set.
let writeDelay = 0;
let slowWrites = Infinity;
let writes = 0;
const fastSet = globalThis.chrome.storage.local.set;
globalThis.chrome.storage.local.set = async (items) => {
  writes++;
  if (writeDelay && writes <= slowWrites) await new Promise((r) => setTimeout(r, writeDelay));
  return fastSet(items);
};

const { contentHandlers } = await import('../../extension/background/handlers.js');
const { isQuotaError } = await import('../../extension/background/store.js');
const { dispatcher } = await import('../../extension/background/dispatch.js');
const { validateMessage } = await import('../../extension/shared/messages.js');

// The handler's runs, counted.
let analyses = 0;
const handlers = { content: { ...contentHandlers, 'instant.analyze': (m, s) => { analyses++; return contentHandlers['instant.analyze'](m, s); } } };
const dispatch = dispatcher({ handlers, runtimeId: () => 'test', extensionOrigin: 'chrome-extension://test/', isQuotaError });
const sender = { id: 'test', tab: { id: 7 }, frameId: 0, url: 'https://www.instagram.com/lena.bakes/' };
const sent = [];
globalThis.chrome.runtime.sendMessage = async (msg) => {
  sent.push(msg);
  const { sync, answer } = dispatch(structuredClone(msg), sender);
  return structuredClone(sync || await answer);
};
const { send } = await import('../../extension/content/messaging.js');

const username = 'lena.bakes';
const body = JSON.stringify(seededDocument(findSeeded(username)));
const analyze = () => send('instant.analyze', { username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });

// A real entry (with its full report) to copy as older readings of other accounts.
const template = await (async () => {
  const r = await contentHandlers['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  assert.ok(r.report, JSON.stringify(r).slice(0, 300));
  return structuredClone(data.history.entries[username]);
})();

// Storage with 20 older readings, each with its report, and room for no new report: saving one
// drops the oldest reports ("older details were dropped").
function nearlyFull() {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  const entries = {};
  for (let i = 0; i < 20; i++) {
    const u = `older_${i}`;
    const id = String(800_000_000 + i);
    entries[u] = { ...template, username: u, computed_at: Date.now() - 30 * 86400_000 + i, first_seen: template.first_seen && { ...template.first_seen, user_id: id },
                   report: { ...template.report, username: u, user_id: id } };
  }
  data.history = { schema: 2, entries };
  fake.quota = fake.size() + 500;
}

const flush = () => new Promise((r) => setImmediate(r));
// Moves mocked time on in 100 ms steps, letting every promise run between, until `p` settles or
// `limitMs` passed. Returns {value} or {error} and the mocked ms it took, or null when it had not settled.
async function runUntilSettled(p, limitMs) {
  let out = null;
  let t = 0;
  p.then((value) => { out = { value, ms: t }; }, (error) => { out = { error, ms: t }; });
  for (; t <= limitMs && !out; t += 100) {
    for (let i = 0; i < 20; i++) await flush();
    if (!out) mock.timers.tick(100);
  }
  for (let i = 0; i < 20; i++) await flush();
  return out;
}

test.beforeEach(() => { analyses = 0; writes = 0; slowWrites = Infinity; sent.length = 0; writeDelay = 0; mock.timers.enable({ apis: ['setTimeout'] }); });
test.afterEach(() => mock.timers.reset());

test('every attempt of a send carries the same sendId, which the background accepts on any message', () => {
  assert.ok(validateMessage({ what: 'hello', sendId: '0b8c3d5e-7f41-4a2b-9c6d-1e2f3a4b5c6d' }, 'content').ok);
  assert.ok(validateMessage({ what: 'hello', sendId: '0b8c3d5e-7f41-4a2b-9c6d-1e2f3a4b5c6d' }, 'privileged').ok);
  assert.ok(!validateMessage({ what: 'hello', sendId: '<b>x</b>-----' }, 'content').ok, 'no markup');
  assert.ok(!validateMessage({ what: 'hello', sendId: 123456789 }, 'content').ok, 'a string');
  assert.ok(!validateMessage({ what: 'hello', sendId: 'short' }, 'content').ok);
});

test('a check slower than one attempt\'s deadline: the retry gets the first attempt\'s answer, with "older details were dropped", and it runs once', async () => {
  nearlyFull();
  writeDelay = 3_000;  // each write 3 s: the check (a few writes) takes longer than the 5 s deadline
  const r = await runUntilSettled(analyze(), 120_000);
  assert.ok(r && r.value, `an answer: ${r && r.error}`);
  assert.ok(sent.length >= 2, `the send was retried (${sent.length} attempts): the case under test`);
  assert.equal(new Set(sent.map((m) => m.sendId)).size, 1, 'one sendId for every attempt');
  assert.ok(r.value.report, 'the result');
  assert.equal(r.value.storageShrunk, true, 'the answer says older details were dropped');
  assert.equal(analyses, 1, 'the check ran once');
  assert.ok(fake.size() <= fake.quota);
});

test('one write slower than the deadline, the retry fast: its answer is still the first attempt\'s, "older details were dropped"', async () => {
  nearlyFull();
  writeDelay = 6_000;
  slowWrites = 1;  // the first attempt's first write; the rest, and a retry run afresh, are quick
  const r = await runUntilSettled(analyze(), 60_000);
  assert.ok(r && r.value && r.value.report, `an answer: ${r && r.error}`);
  assert.ok(sent.length >= 2, `the send was retried (${sent.length} attempts)`);
  assert.equal(r.value.storageShrunk, true, 'the answer says older details were dropped');
  assert.equal(analyses, 1, 'the check ran once');
});

test('every write slower than a deadline: the answer still comes, about when the check is done, not after 30 attempts', async () => {
  nearlyFull();
  writeDelay = 6_000;  // each write alone outlasts an attempt: every retry ran again behind the lock and missed its deadline too
  const r = await runUntilSettled(analyze(), 300_000);
  assert.ok(r, 'the send settled');
  assert.ok(r.value, `an answer, not a failure: ${r.error}`);
  assert.equal(r.value.storageShrunk, true);
  assert.equal(analyses, 1, 'the check ran once');
  // Its writes one after another, then at most one back-off step before an attempt takes the answer.
  assert.ok(r.ms <= writes * 6_000 + 2_100, `answered ${r.ms} ms after the send, the check's ${writes} writes taking ${writes * 6_000} ms`);
});

test('a worker stopped mid-message (no answer ever): the retry runs the handler afresh and its answer is taken', async () => {
  nearlyFull();
  fake.quota = Infinity;
  const real = globalThis.chrome.runtime.sendMessage;
  let first = true;
  globalThis.chrome.runtime.sendMessage = (msg) => {
    if (first) { first = false; sent.push(msg); return new Promise(() => {}); }  // the stopped worker's attempt
    return real(msg);
  };
  try {
    const r = await runUntilSettled(analyze(), 60_000);
    assert.ok(r && r.value && r.value.report, `an answer: ${r && r.error}`);
    assert.equal(sent.length, 2);
    assert.equal(analyses, 1, 'run once, by the retry');
  } finally {
    globalThis.chrome.runtime.sendMessage = real;
  }
});

test('an earlier attempt\'s answer that comes while a later attempt waits is taken (the later one may never answer)', async () => {
  const real = globalThis.chrome.runtime.sendMessage;
  let n = 0;
  globalThis.chrome.runtime.sendMessage = (msg) => {
    sent.push(msg);
    n++;
    // The first attempt answers after 7 s; every later one hangs.
    return n === 1 ? new Promise((r) => setTimeout(() => r({ ok: 'first' }), 7_000)) : new Promise(() => {});
  };
  try {
    const r = await runUntilSettled(send('hello'), 60_000);
    assert.deepEqual(r && r.value, { ok: 'first' }, `the first attempt's answer: ${JSON.stringify(r)}`);
    assert.ok(r.ms < 8_000, `taken when it came (${r.ms} ms)`);
  } finally {
    globalThis.chrome.runtime.sendMessage = real;
  }
});
