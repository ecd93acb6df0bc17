// A Cancel that comes after the audit ended (a page or the popup still showing it running: the
// last answer came in meanwhile, or the view was stale) finds nothing to cancel. It saved the
// ended audit's result to the history once more (handlers.js auditCancel), with the time of the
// Cancel: over a re-check made since, the older audit's result came back as a fresh one. Through
// the background's handlers, storage.local in memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { auditOnePage } from './lib/audit-end-unsaved.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: true }) };
fetchFileUrls();
const { contentHandlers: handle, privilegedHandlers: popup } = await import('../../extension/background/handlers.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const tab = { tab: { id: 1 }, frameId: 0 };
const check = () => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
                                                body: JSON.stringify(seededDocument(findSeeded(username))) });
// A later time than the last write's: each save's time differs from the one before.
const later = async (t) => { while (Date.now() <= t) await new Promise((r) => setTimeout(r, 1)); };

test('a Cancel after the audit ended leaves the history as it is', async () => {
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  await check();
  await auditOnePage(handle, { username, id, tab });
  const end = await handle['audit.next']({ username }, tab);
  assert.deepEqual([end.action, end.progress.status], ['end', 'done']);
  assert.equal(data.history.entries[username].confidence, 'audited');
  // Re-checked since: the profile's reading now, the audit's rows kept beside it.
  await later(data.history.entries[username].computed_at);
  await check();
  const rechecked = structuredClone(data.history.entries[username]);
  assert.equal(rechecked.confidence, 'instant', 'the premise: the re-check\'s reading stored');
  for (const cancel of [handle['audit.cancel'], popup['audit.cancel']]) {
    await later(rechecked.computed_at);
    const view = await cancel({ username }, tab);
    assert.equal(view.progress.status, 'done', 'the audit as it is');
    assert.deepEqual(data.history.entries[username], rechecked, 'the re-check\'s reading stays');
  }
});
