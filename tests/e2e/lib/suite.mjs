// One stand-in + one browser with the extension, set up with test settings (fast pacing).
// Settings go in under the extension's own key and limits (extension/shared/settings.js).
import { before, beforeEach, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { SETTINGS_KEY, DEFAULT_SETTINGS } from '../../../extension/shared/settings.js';
import { REPO } from './paths.mjs';
import { startStandin } from './standin.mjs';
import { launchBrowser } from './browser.mjs';
import { extensionStorage, resetStorage } from './extension.mjs';

// Fast pacing for tests: 20 ms between requests (the extension's lower bound), a high hourly cap.
export const FAST_SETTINGS = Object.freeze({ ...DEFAULT_SETTINGS, pacingMs: 20, hourlyCap: 2000 });

function newestMtime(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...fs.readdirSync(p).map((n) => newestMtime(path.join(p, n))));
}

// Re-runs scripts/package when dist/extension is missing or older than the extension's sources,
// so the tests never drive a stale package. FM_EXTENSION (an explicit path) skips this.
export function ensurePackaged() {
  if (process.env.FM_EXTENSION) return;
  const manifest = path.join(REPO, 'dist/extension/manifest.json');
  const sources = ['manifest.json', '_locales', 'extension', 'PRIVACY.md'].map((p) => path.join(REPO, p)).filter((p) => fs.existsSync(p));
  const stale = !fs.existsSync(manifest) || Math.max(...sources.map(newestMtime)) > fs.statSync(manifest).mtimeMs;
  if (stale && fs.existsSync(path.join(REPO, 'scripts/package'))) {
    // Another run may be packaging the same tree right now; one retry covers that race.
    for (let attempt = 1; ; attempt++) {
      try {
        execFileSync(path.join(REPO, 'scripts/package'), { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
        return;
      } catch (e) {
        if (attempt >= 2) throw new Error(`scripts/package failed: ${String(e.stderr || e.message).trim()}`);
      }
    }
  }
}

// options: { standin: startStandin options, settings: overrides of FAST_SETTINGS, extension, timeout,
//            args: extra Chromium flags, throttled, preferences, network: launchBrowser's }
export async function openSuite(options = {}) {
  ensurePackaged();
  const standin = await startStandin(options.standin || {});
  let session;
  try {
    session = await launchBrowser({ standin, extension: options.extension, timeout: options.timeout, args: options.args,
                                   throttled: options.throttled, preferences: options.preferences, network: options.network });
  } catch (e) {
    await standin.close();
    throw e;
  }
  const settings = { ...FAST_SETTINGS, ...(options.settings || {}) };
  const suite = {
    standin, session, settings,
    storage: () => extensionStorage(session),
    // Forget cached results and audits; store the test settings (plus overrides, for this run).
    resetExtension(overrides = {}) {
      return resetStorage(session, { [SETTINGS_KEY]: { ...settings, ...overrides } });
    },
    async close() {
      await session.close();
      await standin.close();
    },
  };
  await suite.resetExtension();
  return suite;
}

// One suite and a first page for a whole test file, closed after it. onReady(suite, page)
// hands them to the file's own variables.
export function useSuite(onReady, options = {}) {
  let suite;
  before(async () => {
    suite = await openSuite(options);
    onReady(suite, await suite.session.newPage());
  }, { timeout: 120_000 });
  after(() => suite?.close());
}

// One suite for a whole test file, and before each test a reset extension (and, with
// resetStandin, a reset stand-in) and an empty tab: the tab of the test before, its page unloaded
// (about:blank) before the reset. onEach(suite, page) hands them to the file's own variables;
// onOpen(suite, page), if given, runs once first (e.g. to record a template from a real check).
// newTabs: a new tab for each test, the last one closed, for a file whose tests set up the tab
// itself (its viewport, scripts run on every new document, request interception, listeners), which
// would carry over to the next test. A tab reused so costs ~0.3-0.4 s less CPU per test than a new
// one (puppeteer's and the browser's set-up of a tab, the closed one's teardown): a reset and a
// profile's first check took 0.55-0.75 CPU s in the same tab, 0.9-1.1 in a new one (Chromium's
// processes counted too: a cpuacct cgroup; the 2-core machine, 2026-12-07).
export function useFreshPages(onEach, { options = {}, resetStandin = false, onOpen = null, newTabs = false } = {}) {
  let suite, page;
  before(async () => {
    suite = await openSuite(options);
    if (onOpen) {
      page = await suite.session.newPage();
      await onOpen(suite, page);
    }
  }, { timeout: 120_000 });
  beforeEach(async () => {
    // The page of the test before goes first: left open while the storage was reset, its audit's
    // next step wrote that audit back (resetExtension), and the next test of the same profile
    // found it running: one post's likers asked a third time, the badge drawn afresh at every step.
    // Unloaded, its content script takes no more steps, as with the tab closed (pagehide: the page
    // gone, or frozen in the back-forward cache, which no test goes back to across about:blank).
    if (page && !page.isClosed() && !newTabs) await page.goto('about:blank');
    else if (page && !page.isClosed()) await page.close();
    if (page?.isClosed()) page = null;
    if (resetStandin) suite.standin.reset();
    await suite.resetExtension();
    if (!page) page = await suite.session.newPage();
    onEach(suite, page);
  });
  after(() => suite?.close());
}
