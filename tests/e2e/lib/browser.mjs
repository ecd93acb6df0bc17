// Launches Debian's Chromium, headless, with the unpacked extension, www.instagram.com mapped
// to the stand-in, and a fresh profile directory; driven by puppeteer-core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from './puppeteer.mjs';
import { CHROMIUM, extensionPath } from './paths.mjs';

// Puppeteer's default flags that stop Chromium from throttling hidden tabs and their timers.
const BACKGROUND_DEFAULTS = ['--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows',
                             '--disable-renderer-backgrounding'];

// options: { standin (from startStandin, required), extension: path | false (default: extensionPath()),
//            headless: true, timeout: ms for waits (default 15000), args: extra Chromium flags,
//            throttled: true to let Chromium throttle hidden tabs as a user's browser does (puppeteer's
//            defaults switch that off), network: true for puppeteer's requests and responses (below) }
export async function launchBrowser(options = {}) {
  const { standin } = options;
  if (!standin?.port) throw new Error('launchBrowser: options.standin must be a started stand-in (startStandin())');
  const ext = options.extension === false ? null : options.extension || extensionPath();
  if (options.extension !== false && !ext) {
    throw new Error('launchBrowser: no extension to load (no dist/extension/manifest.json, no manifest.json at the repo root); run scripts/build && scripts/package');
  }
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-chromium-'));
  // `preferences`: the profile's settings as Chromium keeps them (e.g. {partition: {default_zoom_level:
  // {x: 3.8}}}, every page at 200% zoom, the popup too), written before it starts.
  if (options.preferences) {
    fs.mkdirSync(path.join(userDataDir, 'Default'));
    fs.writeFileSync(path.join(userDataDir, 'Default/Preferences'), JSON.stringify(options.preferences));
  }
  const args = [
    `--host-resolver-rules=MAP www.instagram.com 127.0.0.1:${standin.port}`,
    '--ignore-certificate-errors',
    '--no-first-run', '--no-default-browser-check', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--mute-audio',
    '--window-size=1280,900',
    // The address bar's popup, drawn by WebUI pages that Chromium loads at start in a renderer of
    // their own (chrome://omnibox-popup.top-chrome/, twice): no test has an address bar to type
    // in, and that renderer took ~1.2 s of CPU per browser, one browser per test file.
    '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
    ...(os.userInfo().uid === 0 ? ['--no-sandbox'] : []),
    ...(ext ? [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`] : []),
    ...(options.args || []),
  ];
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    userDataDir,
    args,
    ignoreDefaultArgs: ['--disable-extensions', ...(options.throttled ? BACKGROUND_DEFAULTS : [])],
    enableExtensions: !!ext,
    pipe: true,
    // Puppeteer follows every request of every page through the DevTools protocol (its Network domain:
    // several events per request, each serialized by the browser and parsed here) for page.on('request'),
    // interception and goto's response, which only the bug report's test uses: off unless asked for.
    networkEnabled: !!options.network,
    defaultViewport: { width: 1280, height: 900 },
    protocolTimeout: 60000,
  });
  const timeout = options.timeout ?? 15000;
  let extensionId = null, worker = null;
  if (ext) {
    const target = await browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'), { timeout });
    extensionId = new URL(target.url()).host;
    worker = await target.worker();
  }
  return {
    browser, extensionId, extensionDir: ext, timeout,
    // The extension's background service worker (puppeteer WebWorker), re-found if it restarted.
    async worker() {
      if (!ext) throw new Error('no extension loaded');
      const target = await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`), { timeout });
      worker = await target.worker();
      // Right after start the worker's global may not have the extension APIs yet: wait for them.
      const deadline = Date.now() + timeout;
      for (;;) {
        const ready = await worker.evaluate(() => typeof chrome !== 'undefined' && !!chrome.storage?.local).catch(() => false);
        if (ready) return worker;
        if (Date.now() > deadline) throw new Error('extension service worker has no chrome.storage after ' + timeout + ' ms');
        await new Promise((r) => setImmediate(r));
      }
    },
    async newPage() {
      const page = await browser.newPage();
      page.setDefaultTimeout(timeout);
      return page;
    },
    async close() {
      await browser.close().catch(() => {});
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
