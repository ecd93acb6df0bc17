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
  return {
    set: (items) => worker.evaluate((i) => chrome.storage.local.set(i), items),
    get: (keys = null) => worker.evaluate((k) => chrome.storage.local.get(k), keys),
    clear: () => worker.evaluate(() => chrome.storage.local.clear()),
  };
}
