// An audit's result goes into the history in a write of its own, after the write that stores the
// audit as ended (handlers.js auditNext, auditResult, auditCancel). A worker stopped between the
// two (the browser closed as the audit ended; seen in Chromium with a large history, whose write
// takes longest) left the audit done and the history holding the profile's reading alone: the
// popup, the badge and the history showed no audit, and nothing brought its result back. The
// profile's next visit (profile.cached) saves it. Here the history's write at the end fails,
// leaving storage as such a stop does. Through the background's handlers, storage.local in
// memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { stoppableHistoryWrites, endAuditUnsaved } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const writes = stoppableHistoryWrites();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const tab = { tab: { id: 1 }, frameId: 0 };

// The audit of `username` ended, its result not saved to the history (the write at its end failing).
async function endedUnsaved() {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  const checked = await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  const end = await endAuditUnsaved(handle, writes, { username, id, tab });
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.equal(data.history.entries[username].audit_at, undefined, 'the premise: the history holds the profile\'s reading alone');
  assert.ok(checked.report);
}

test('an audit whose result was not saved to the history as it ended: the profile\'s next visit saves it', async () => {
  await endedUnsaved();
  const seen = await handle['profile.cached']({ username });
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result saved at the visit');
  assert.ok(entry.sources && entry.sources.followers, 'with its rows');
  assert.equal(seen.entry.audit_at, entry.audit_at, 'and shown by it');
  // Once: a visit after finds it saved and writes nothing.
  const before = structuredClone(data.history);
  await handle['profile.cached']({ username });
  assert.deepEqual(data.history, before);
});

// The popup is a look too: at the profile in view (history.get, then audit.status: the first saves
// it), and at the history's list and its export. The result showed in none of them until a page of
// the profile had looked.
test('such a result is saved at the popup\'s look at the profile, at its history list and at an export', async () => {
  const { privilegedHandlers: popup } = await import('../../extension/background/handlers.js');
  await endedUnsaved();
  const got = await popup['history.get']({ username });
  assert.ok(Number.isFinite(got.entry.audit_at), 'the popup\'s current profile shows the audit');
  await endedUnsaved();
  const listed = await popup['history.list']({ query: '' });
  const row = listed.entries.find((e) => e.username === username);
  assert.equal(row.confidence, 'audited', 'the history list shows the audit');
  assert.ok(Number.isFinite(row.audit_at));
  assert.equal(listed.audited, 1);
  await endedUnsaved();
  const exported = JSON.parse((await popup['history.export']({ format: 'json' })).text);
  const kept = exported.entries.find((e) => e.username === username);
  assert.ok(kept && Number.isFinite(kept.audit_at), 'the export holds it');
  // Once: a list after writes nothing.
  const before = structuredClone(data.history);
  await popup['history.list']({ query: '' });
  assert.deepEqual(data.history, before);
});
