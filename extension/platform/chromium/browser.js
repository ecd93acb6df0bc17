// Chromium's extension API behind the small surface the rest of the extension uses.
// extension/platform/firefox/browser.js has the same exports; scripts/package picks one.
const api = globalThis.chrome;

export const BROWSER = 'chromium';
export const runtime = api.runtime;
export const storage = api.storage.local;
// Every area's changes. The background listens to none (it is the only writer of storage.local:
// storage-cache.js; what the Instagram tabs follow it tells them from its own writes: tab-relay.js).
export const storageEvents = api.storage.onChanged;
export const extensionOrigin = api.runtime.getURL('');
export const getURL = (path) => api.runtime.getURL(path);
export const uiLanguage = () => (api.i18n && api.i18n.getUILanguage ? api.i18n.getUILanguage() : 'en');
export const tabs = api.tabs;
export const scripting = api.scripting;
// Chromium runs the manifest's content scripts only in pages loaded after an install or update:
// the background injects them into the open tabs (background/reinject.js).
export const INJECTS_OPEN_TABS = false;
