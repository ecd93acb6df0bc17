// Access to the extension's own storage (through its service worker), e.g. to set fast pacing
// for tests. Key names are the extension's; this only moves objects in and out.
export async function extensionStorage(session) {
  const worker = await session.worker();
  // A just-started worker gets its extension bindings (chrome.*) a moment after its first
  // script context exists: wait for them inside the worker (bounded), not with a sleep.
  await worker.evaluate(() => new Promise((resolve, reject) => {
    const t0 = Date.now();
    const check = () => (globalThis.chrome?.storage?.local ? resolve()
      : Date.now() - t0 > 10000 ? reject(new Error('chrome.storage never appeared in the service worker')) : setTimeout(check, 10));
    check();
  }));
  // Each write told to the background from the extension's page (a worker's message to itself
  // never arrives): tellBackground, before and after (toldAround).
  const around = async (keys, write) => toldAround(await extensionPageOf(session), keys, write);
  return {
    set: (items) => around(Object.keys(items), () => worker.evaluate((i) => chrome.storage.local.set(i), items)),
    get: (keys = null) => worker.evaluate((k) => chrome.storage.local.get(k), keys),
    remove: (keys) => around([].concat(keys), () => worker.evaluate((k) => chrome.storage.local.remove(k), keys)),
    clear: () => around(null, () => worker.evaluate(() => chrome.storage.local.clear())),
  };
}

// `keys` (null: all) written into storage by the test itself, told to the background: it is the
// only writer of storage.local in the extension and listens to no storage.onChanged, so what it kept
// in memory of them (an audit's keys during an audit; the history and the set-aside list once read:
// background/storage-cache.js, store.js) would be served unchanged otherwise. `page`: a page of the
// extension's origin (its messages are the privileged channel's). Every direct write of storage in
// tests/e2e is followed by one (tests/js/e2e-storage-writes.test.mjs checks).
export async function tellBackground(page, keys) {
  const answer = await page.evaluate((k) => chrome.runtime.sendMessage({ what: 'storage.written', keys: k }), keys);
  if (!answer || answer.error) throw new Error(`tellBackground: the background answered ${JSON.stringify(answer)}`);
}

// `write()` (a direct write of `keys`, null: all) told to the background before and after: an open
// page that follows storage.onChanged (the popup) asks the background at the change, which may come
// before the tell after: told before too, the background kept nothing of them then, and answers
// from storage (unless it read them again meanwhile: a quiet background, as a test's between steps).
export async function toldAround(page, keys, write) {
  await tellBackground(page, keys);
  await write();
  await tellBackground(page, keys);
}

// The extension's storage through one of its pages, as extensionStorage has it through the worker.
export function pageStorage(page) {
  return {
    set: (items) => toldAround(page, Object.keys(items), () => page.evaluate((i) => chrome.storage.local.set(i), items)),
    get: (keys = null) => page.evaluate((k) => chrome.storage.local.get(k), keys),
    remove: (keys) => toldAround(page, [].concat(keys), () => page.evaluate((k) => chrome.storage.local.remove(k), keys)),
    clear: () => toldAround(page, null, () => page.evaluate(() => chrome.storage.local.clear())),
  };
}

// `items` written into storage from an extension page (`page`), told to the background before and
// after (toldAround), then to the open Instagram tabs as the background tells them of its own writes (background/tab-relay.js, in storage.onChanged's
// shape: no tab reads the old value of these keys). The tabs listen to no storage, and the
// background, the only writer of what they follow, tells them from its writes (store.js
// relayWritesTo), not from storage.onChanged: a write of the test's own reaches no open tab. For
// what a test stands in for with no message of the extension's to ask it (the requests another
// tab's audits counted: the scheduler); settings go through 'settings.set', as the options page's.
export async function storeAndTellTabs(page, items) {
  await toldAround(page, Object.keys(items), () => page.evaluate((i) => chrome.storage.local.set(i), items));
  await page.evaluate(async (i) => {
    const changes = Object.fromEntries(Object.entries(i).map(([k, v]) => [k, { newValue: v }]));
    for (const tab of await chrome.tabs.query({ url: 'https://www.instagram.com/*' })) {
      await chrome.tabs.sendMessage(tab.id, { what: 'storage.changed', changes }, { frameId: 0 }).catch(() => {});
    }
  }, items);
}

// One extension page per browser session: the extension's own origin, to read storage and send the
// background messages a page of the extension sends. Opening it does not take the front from the
// page that had it (hidden tabs get no animation frames, no screenshots). It is the extension's
// manifest.json shown in a tab, a document of its origin with the extension APIs that runs none of
// its scripts. The options page it was before listens to storage.onChanged, so every write of an
// audit (100 KB and more, four per request) was copied into it too: an audit cost about a sixth
// more CPU, and took that much longer on 2 cores.
const extPages = new WeakMap();
export async function extensionPageOf(session) {
  let page = extPages.get(session);
  if (!page || page.isClosed()) {
    let before = null;
    for (const p of await session.browser.pages()) {
      if (await p.evaluate(() => document.visibilityState === 'visible').catch(() => false)) before = p;
    }
    page = await session.browser.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/manifest.json`);
    extPages.set(session, page);
    if (before) await before.bringToFront();
  }
  return page;
}

// Resolves once every message handler the background had begun before has written what it was
// going to: the background runs each state change under one lock, in turn (store.js locked), and
// this asks it for one more (a discard of the kept-aside list, which holds nothing in a test that
// did not put anything there) and waits for the answer. The storage cleared while a handler was
// half-way (an audit step of the test before, its tab closing) got that handler's audit and
// scheduler written back: the next test of the same profile ran on the last one's audit.
export async function backgroundSettled(session) {
  const page = await extensionPageOf(session);
  const answer = await page.evaluate(() => chrome.runtime.sendMessage({ what: 'history.asideDiscard' }));
  if (!answer || answer.error) throw new Error(`backgroundSettled: the background answered ${JSON.stringify(answer)}`);
}

// Storage holding `items` alone (the test settings), nothing of the test before: the background
// is let finish what it had begun first (backgroundSettled), then the storage is cleared and
// `items` stored, and what the background wrote after the clear anyway (a step of a handler begun
// before, outside its lock) is cleared again. The clear came while an audit step of the test
// before was half-way: that step wrote its audit and scheduler back, and the next test of the
// same profile found the audit running (its badge drawn afresh at every step: "Node is detached";
// its post asked again beside the new audit's two: three requests where the test expects two).
// `storage`: another way in than the service worker (pageStorage), for a suite that stops it.
export async function resetStorage(session, items, { tries = 3, storage = null } = {}) {
  const s = storage || await extensionStorage(session);
  for (let attempt = 1; ; attempt++) {
    await backgroundSettled(session);
    await s.clear();
    await s.set(items);
    await backgroundSettled(session);
    const left = Object.keys(await s.get(null)).filter((k) => !(k in items));
    if (!left.length) return;
    if (attempt >= tries) throw new Error(`resetStorage: the extension wrote ${left.join(', ')} again after each of ${tries} clears (a page still running an audit?)`);
  }
}
