// After an install or update, the Instagram tabs already open get the content script (Chromium
// runs the manifest's content scripts only in pages loaded afterwards): background/reinject.js,
// wired in service-worker.js's runtime.onInstalled, Chromium only (Firefox injects them itself).
// And the old copy left in such a tab knows its extension is gone (content/messaging.js
// contextGone), which is what makes it take its overlay off (main.js teardown; the browser test
// tests/e2e/extension-update.test.mjs shows the whole: one working badge, never two). The worker's
// relay of its writes to the tabs is wired at its top level too (tab-relay.js, store.js relayWritesTo).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { installFakeChrome } from './lib/fake-chrome.mjs';

const MANIFEST = JSON.parse(fs.readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));

// Fake tabs and scripting: records every call in order; `tabs` as tabs.query returns them; a tab
// whose id is in `refuse` throws as Chromium does for an error page.
function fakeBrowser(tabs, refuse = []) {
  const calls = [];
  return {
    calls,
    tabs: { async query(q) { calls.push(['query', q]); return tabs; } },
    scripting: {
      async insertCSS(o) { calls.push(['css', o.target.tabId, o.files]); },
      async executeScript(o) {
        if (refuse.includes(o.target.tabId)) throw new Error('Cannot access contents of the page.');
        calls.push(['js', o.target.tabId, o.files]);
      },
    },
  };
}

const { injectIntoOpenTabs, REINJECT_REASONS } = await import('../../extension/background/reinject.js');

test('the manifest\'s content script and its stylesheet go into each open matching tab, the stylesheet first', async () => {
  const [cs] = MANIFEST.content_scripts;
  const b = fakeBrowser([{ id: 4, url: 'https://www.instagram.com/anna/' }, { id: 9, url: 'https://www.instagram.com/' }]);
  const results = await injectIntoOpenTabs({ manifest: MANIFEST, tabs: b.tabs, scripting: b.scripting });
  assert.deepEqual(b.calls[0], ['query', { url: cs.matches }], 'only the tabs the content script is declared for');
  for (const id of [4, 9]) {
    const mine = b.calls.filter((c) => c[1] === id);
    assert.deepEqual(mine, [['css', id, cs.css], ['js', id, cs.js]], `tab ${id}`);
  }
  assert.deepEqual(cs.css, ['extension/content/overlay-shown.css']);
  assert.deepEqual(cs.js, ['extension/bundle/content.js']);
  assert.deepEqual(results.map((r) => r.tabId).sort(), [4, 9]);
});

test('a tab that refuses is left as it is and the others still get it; a discarded tab is skipped', async () => {
  const b = fakeBrowser([{ id: 1 }, { id: 2 }, { id: 3, discarded: true }, {}], [1]);
  const results = await injectIntoOpenTabs({ manifest: MANIFEST, tabs: b.tabs, scripting: b.scripting });
  assert.deepEqual(b.calls.filter((c) => c[0] === 'js').map((c) => c[1]), [2]);
  assert.deepEqual(results.find((r) => r.tabId === 1), { tabId: 1, error: 'Cannot access contents of the page.' });
  assert.deepEqual(results.find((r) => r.tabId === 2), { tabId: 2, ok: true });
  assert.equal(results.length, 2, 'the discarded tab and one without an id are not tried');
});

test('the service worker injects on install and update (a reload too), not on a browser update; Firefox does it itself', async () => {
  const fake = installFakeChrome({ events: true });
  const listeners = {};
  const on = (name) => ({ addListener: (f) => { listeners[name] = f; } });
  const b = fakeBrowser([{ id: 7, url: 'https://www.instagram.com/anna/' }]);
  Object.assign(globalThis.chrome.runtime, { onMessage: on('message'), onInstalled: on('installed'), getManifest: () => MANIFEST });
  Object.assign(globalThis.chrome, { tabs: b.tabs, scripting: b.scripting });
  await import('../../extension/background/service-worker.js');
  assert.equal(typeof listeners.installed, 'function', 'an onInstalled listener, registered at the top level');
  const settle = () => new Promise((r) => setTimeout(r, 0));
  for (const reason of ['chrome_update', 'shared_module_update']) {
    listeners.installed({ reason });
    await settle();
  }
  assert.deepEqual(b.calls, [], 'nothing on a browser update');
  for (const reason of REINJECT_REASONS) {
    b.calls.length = 0;
    listeners.installed({ reason });
    await settle();
    assert.deepEqual(b.calls.filter((c) => c[0] !== 'query').map((c) => c[0]), ['css', 'js'], reason);
  }
  assert.deepEqual(REINJECT_REASONS, ['install', 'update']);
  const firefox = await import('../../extension/platform/firefox/browser.js');
  const chromium = await import('../../extension/platform/chromium/browser.js');
  assert.deepEqual([firefox.INJECTS_OPEN_TABS, chromium.INJECTS_OPEN_TABS], [true, false]);
  // It tells the Instagram tabs of its own writes (background/tab-relay.js; the tabs listen to
  // storage no more), wired at its top level, with no storage.onChanged listener of its own (one
  // was handed the whole history at every save: tests/js/write-relay.test.mjs).
  assert.equal(fake.listeners(), 0, 'no storage.onChanged listener');
  b.calls.length = 0;
  b.tabs.sendMessage = async (id, m, o) => { b.calls.push(['message', id, m.what, Object.keys(m.changes), o.frameId]); return {}; };
  const store = await import('../../extension/background/store.js');
  await store.setSettings({ autoRun: false });
  for (let i = 0; i < 100 && !b.calls.some((c) => c[0] === 'message'); i++) await settle();
  assert.deepEqual(b.calls, [['query', { url: 'https://www.instagram.com/*' }], ['message', 7, 'storage.changed', ['settings'], 0]]);
});

test('an orphaned content script knows its extension is gone: the runtime lost its id, or a message said the context is invalidated', async () => {
  installFakeChrome();
  let answer = async () => ({ ok: true });
  let sent = 0;
  globalThis.chrome.runtime.sendMessage = (m) => { sent++; return answer(m); };
  const messaging = await import('../../extension/content/messaging.js');
  assert.equal(messaging.contextGone(), false, 'a live extension');
  assert.deepEqual(await messaging.send('hello'), { ok: true });
  // Chromium clears the old copy's runtime id when the extension is unloaded (updated, reloaded, removed).
  const id = globalThis.chrome.runtime.id;
  delete globalThis.chrome.runtime.id;
  assert.equal(messaging.contextGone(), true, 'no runtime id: gone');
  globalThis.chrome.runtime.id = id;
  assert.equal(messaging.contextGone(), false);
  // A message failing so is not retried (as a restarting worker's are) and marks the copy gone.
  answer = async () => { throw new Error('Extension context invalidated.'); };
  sent = 0;
  await assert.rejects(messaging.send('hello'), /Extension context invalidated/);
  assert.equal(sent, 1, 'no retry');
  assert.equal(messaging.contextGone(), true, 'gone for good, even with an id still there');
});
