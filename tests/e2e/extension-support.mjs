// Helpers shared by the extension's browser tests (tests/e2e/extension-*.test.mjs), on top of
// the harness in lib/: start an audit from the panel, read the stored audit, tell audit
// requests apart from the instant one, wait on conditions, and stop the service worker.
import { openPanel, clickPart, waitForBadge, waitForOverlay, PANEL } from './lib/index.mjs';

// Polls an async condition until it returns a truthy value (no fixed sleeps as synchronisation).
export async function waitFor(fn, { timeout = 20000, what = 'condition', interval = 25 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} not met within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export async function storedAudit(suite, username) {
  const s = await suite.storage();
  const key = `audit:${username}`;
  return (await s.get(key))[key] || null;
}

// Requests an audit of `username` made: its followers pages and its followers' profiles
// (not the profile's own instant web_profile_info).
export function auditRequests(standin, username, userId) {
  return standin.log().filter((e) => e.kind === 'api' && (
    (userId && e.path.startsWith(`/api/v1/friendships/${userId}/followers/`)) ||
    (!userId && e.path.includes('/followers/')) ||
    (e.path === '/api/v1/users/web_profile_info/' && !e.search.includes(`username=${encodeURIComponent(username)}`))));
}

export function userIdOf(standin, username) {
  return standin.documentFor(username).data.user.id;
}

// Opens the profile, waits for its badge, opens the panel and presses "Audit followers".
export async function startAudit(suite, page, username) {
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  await waitForOverlay(page, (s) => s.progress !== null, { what: `audit progress on @${username}` });
}

// Stops every service worker of the browser through the DevTools protocol (what Chrome does
// to an idle extension worker), from an extension page's session. Resolves once it stopped.
export async function stopWorkers(session) {
  const page = await session.browser.newPage();
  try {
    await page.goto(`chrome-extension://${session.extensionId}/extension/ui/options.html`);
    const cdp = await page.createCDPSession();
    let stopped = false;
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      if (e.versions.some((v) => v.runningStatus === 'stopped')) stopped = true;
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => stopped, { what: 'service worker stopped', timeout: 10000 });
    await cdp.detach();
  } finally {
    await page.close();
  }
}
