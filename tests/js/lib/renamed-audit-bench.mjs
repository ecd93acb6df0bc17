// The bench of the tests of an audit that ended under a name its account left (renamed on
// Instagram mid-audit): the background's handlers over storage.local in memory (installFakeChrome),
// the history's writes stoppable (stoppableHistoryWrites), the tab running the audit there, and
// @lena.bakes seen as @lena.new. Call once per test file, before anything imports the background's
// modules (a test that fakes the clock does so first).
import { installFakeChrome } from './fake-chrome.mjs';
import { fetchFileUrls } from './file-fetch.mjs';
import { stoppableHistoryWrites, checkRenamed } from './audit-end-unsaved.mjs';
import { PROFILE_IDS } from '../../e2e/standin/profiles.mjs';

export async function renamedAuditBench() {
  const fake = installFakeChrome();
  const writes = stoppableHistoryWrites();
  globalThis.chrome.tabs = { sendMessage: async () => ({ holds: true }) };
  fetchFileUrls();
  const { contentHandlers: handle, privilegedHandlers: popup } = await import('../../../extension/background/handlers.js');
  const store = await import('../../../extension/background/store.js');
  const { DEFAULT_SETTINGS } = await import('../../../extension/shared/settings.js');
  const before = 'lena.bakes', after = 'lena.new';
  return { fake, data: fake.data, writes, handle, popup, store, DEFAULT_SETTINGS, before, after, id: PROFILE_IDS[before],
           tab: { tab: { id: 1 }, frameId: 0 },
           // The profile's document, its account named `name`.
           check: (name) => checkRenamed(handle, before, name) };
}
