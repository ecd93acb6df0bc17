// The extension stays out of the page's sight: a page script finds no flag, attribute or global
// of the content script's and can load none of the extension's files (the content script is one
// bundled classic script; nothing is web-accessible). When the extension's context goes away
// (reloaded, updated, removed), the content script takes its badge and panel off the page and
// stops watching it. The overlay's shadow hosts are the one thing a page can see, by necessity.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, waitForBadge, openPanel, PANEL, followLink } from './lib/index.mjs';
import { inContentWorld as inWorld } from './extension-support.mjs';

const T = { timeout: 120_000 };
let suite, page;
useSuite((s, p) => { suite = s; page = p; });

// The files a page would probe for: the manifest, the bundle and the sources it came from,
// shared modules, the engine, an icon and a page of the extension's own.
const FILES = ['manifest.json', 'extension/bundle/content.js', 'extension/content/main.js', 'extension/content/entry.js',
  'extension/shared/instagram.js', 'extension/engine/fakemeter_engine.wasm', 'extension/icons/icon-16.png',
  'extension/ui/popup.html', 'extension/content/overlay-shown.css'];

const inContentWorld = (p, expression) => inWorld(suite, p, expression);

test('a page script finds neither the loaded-flag nor any file of the extension', T, async () => {
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  const base = `chrome-extension://${suite.session.extensionId}/`;
  const seen = await page.evaluate(async (base, files) => {
    const viaFetch = (f) => fetch(base + f).then((r) => `HTTP ${r.status}`, () => null);
    const viaImage = (f) => new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve('loaded');
      img.onerror = () => resolve(null);
      img.src = base + f;
    });
    const probes = {};
    for (const f of files) probes[f] = { fetch: await viaFetch(f), image: await viaImage(f) };
    return {
      htmlAttributes: [...document.documentElement.attributes].map((a) => a.name),
      flaggedElements: document.querySelectorAll('[data-fakemeter-loaded]').length,
      globals: Object.getOwnPropertyNames(window).filter((n) => /fakemeter/i.test(n)),
      symbols: Object.getOwnPropertySymbols(window).map(String),
      probes,
    };
  }, base, FILES);
  assert.deepEqual(seen.htmlAttributes.filter((n) => /fakemeter/i.test(n)), [], `attributes on <html>: ${seen.htmlAttributes}`);
  assert.equal(seen.flaggedElements, 0, 'no element carries a loaded-flag');
  assert.deepEqual(seen.globals, [], 'no global of the page names the extension');
  assert.deepEqual(seen.symbols.filter((s) => /fakemeter/i.test(s)), [], `symbols on window: ${seen.symbols}`);
  for (const [file, got] of Object.entries(seen.probes)) {
    assert.deepEqual(got, { fetch: null, image: null }, `the page loaded ${base}${file}: ${JSON.stringify(got)}`);
  }
  // The flag exists, in the content script's own world.
  assert.equal(await inContentWorld(page, "globalThis[Symbol.for('fakemeter.content')] === true"), true,
    "the loaded-flag is set in the content script's world");
});

test('when the extension is reloaded, its badge, panel and page watchers go away', T, async () => {
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  await openPanel(page);
  assert.ok(await page.$(PANEL), 'the panel is open');
  // Reload the extension from its worker, after the evaluation has answered. (Outside developer
  // mode Chromium leaves an unpacked extension reloaded so switched off, so this test comes last in
  // its file and checks what the old content script leaves; extension-update.test.mjs switches
  // developer mode on and checks the new copy the background puts into the open tab.)
  const worker = await suite.session.worker();
  await worker.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 100); });
  await page.waitForFunction(() => !document.querySelector('[data-fakemeter]'), { timeout: 10_000 })
    .catch(() => assert.fail('the badge and panel stayed on the page after the extension was reloaded'));
  // No watcher is left: record every overlay host added from now on while the page navigates
  // (pushState to another profile, popstate back) and mutates, for longer than the content
  // script's own context check (1 s).
  await page.evaluate(() => {
    window.fmAdded = 0;
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && n.matches('[data-fakemeter]')) window.fmAdded++;
    }).observe(document.documentElement, { childList: true, subtree: true });
  });
  const rendered = (path) => page.waitForFunction((p) => document.getElementById('react-root').dataset.rendered === p, {}, path);
  await followLink(page, '/marco.travels/');
  await rendered('/marco.travels/');
  await page.goBack();
  await rendered('/lena.bakes/');
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 2000)));
  assert.equal(await page.evaluate(() => window.fmAdded), 0, 'no badge or panel drawn after the extension went away');
});
