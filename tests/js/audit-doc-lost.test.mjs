// An audit combines its estimates with its profile's document (store.js putDoc) to make its report.
// One whose document was lost (dropped for room before store.js kept an audit's document, or a
// putDoc that failed on a full storage) went on without it and ended with no report: nothing went
// into the history, and a later check of the profile, storing the document again, made none either.
// That check now makes the ended audit's report from the document it stored and saves it to the
// history, as at the audit's end; no request beyond the check's own. Through the background's
// handlers, storage.local in memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';
import { auditOnePage } from './lib/audit-end-unsaved.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { mergedAudit, assembled, auditKeys } = await import('../../extension/background/audit-store.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const tab = { tab: { id: 1 }, frameId: 0 };
const PAGE = { status: 200, contentType: 'application/json',
               body: JSON.stringify({ users: Array.from({ length: 25 }, (_, i) => ({ pk: String(100 + i), username: `fan${i}` })), next_max_id: null }) };
const stored = () => mergedAudit(assembled(data[auditKeys(username)[0]], data), data[auditKeys(username)[1]]);
const check = () => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });

test('an audit that ended without its profile\'s document gets its report at the profile\'s next check', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  assert.ok((await check()).report);
  // The document lost (as before store.js kept an audit's document).
  delete data[`doc:${username}`];
  data.docs = [];
  await auditOnePage(handle, { username, id, tab, page: PAGE });
  const end = await handle['audit.next']({ username }, tab);
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.ok(stored().estimates.followers, 'the premise: the audit estimated its followers');
  assert.equal(stored().report, null, 'the premise: no report without the document');
  assert.equal(data.history.entries[username].audit_at, undefined, 'the premise: nothing of the audit in the history');
  // The profile checked again (its reading stale, or the user's Recheck): its document stored again.
  await check();
  assert.ok(data[`doc:${username}`]);
  const report = stored().report;
  assert.ok(report, 'the audit\'s report made from the document');
  assert.ok(report.audience, 'combined with the audit\'s estimate');
  const entry = data.history.entries[username];
  assert.ok(Number.isFinite(entry.audit_at), 'the audit\'s result in the history');
  assert.equal(entry.confidence, 'audited');
  assert.ok(entry.sources && entry.sources.followers, 'with its rows');
  // Once: a check after finds the report made and leaves the audit as it is.
  const before = structuredClone(data[auditKeys(username)[0]]);
  await check();
  assert.deepEqual(data[auditKeys(username)[0]], before);
});
