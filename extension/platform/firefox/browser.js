// Firefox's extension API (the promise-based `browser` namespace; Firefox MV3 runs the
// background as an event page from background.scripts). Same exports as chromium/browser.js.
const api = globalThis.browser || globalThis.chrome;

export const BROWSER = 'firefox';
export const runtime = api.runtime;
export const storage = api.storage.local;
// Every area's changes. The background listens to none (it is the only writer of storage.local:
// storage-cache.js; what the Instagram tabs follow it tells them from its own writes: tab-relay.js).
export const storageEvents = api.storage.onChanged;
export const extensionOrigin = api.runtime.getURL('');
export const getURL = (path) => api.runtime.getURL(path);
export const uiLanguage = () => (api.i18n && api.i18n.getUILanguage ? api.i18n.getUILanguage() : 'en');
export const tabs = api.tabs;
// Firefox injects the manifest's content scripts into the matching open tabs on an install or
// update by itself: the background does not (background/reinject.js), and the Firefox package asks
// for no `scripting` permission (scripts/package).
export const scripting = null;
export const INJECTS_OPEN_TABS = true;
