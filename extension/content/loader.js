// Content-script entry (a classic script, as manifests require): skips a second injection
// and loads the module graph from extension/content/main.js.
(() => {
  if (document.documentElement.hasAttribute('data-fakemeter-loaded')) return;
  const api = globalThis.browser || globalThis.chrome;
  import(api.runtime.getURL('extension/content/main.js'))
    .then((m) => m.start())
    .catch((e) => console.warn('fakemeter: content script failed to start:', e));
})();
