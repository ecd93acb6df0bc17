// The browser API for this build. Unpacked from the repository this is Chromium's;
// `scripts/package` rewrites this line to './firefox/browser.js' for the Firefox package.
export * from './chromium/browser.js';
