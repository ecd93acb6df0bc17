// Access to the extension's own storage (through its service worker), e.g. to set fast pacing
// for tests. Key names are the extension's; this only moves objects in and out.
export async function extensionStorage(session) {
  const worker = await session.worker();
  return {
    set: (items) => worker.evaluate((i) => chrome.storage.local.set(i), items),
    get: (keys = null) => worker.evaluate((k) => chrome.storage.local.get(k), keys),
    clear: () => worker.evaluate(() => chrome.storage.local.clear()),
  };
}
