// The mark a copy of the content script keeps on the page for the copy that replaces it when the
// extension is updated (content/panel-mark.js): which profile's panel is open, so the new copy opens
// it again (main.js onRoute); the whole in the browser: tests/e2e/extension-update.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// A page's <html> as far as the mark uses it.
const attrs = new Map();
globalThis.document = { documentElement: {
  getAttribute: (k) => (attrs.has(k) ? attrs.get(k) : null),
  setAttribute: (k, v) => attrs.set(k, String(v)),
  removeAttribute: (k) => attrs.delete(k),
} };
const { markPanelOpen, unmarkPanel, takePanelMark } = await import('../../extension/content/panel-mark.js');

test('the open panel\'s profile is read once by the next copy; closing it, or another profile\'s close, is kept apart', () => {
  assert.equal(takePanelMark(), null, 'a page no copy marked');
  markPanelOpen('lena.bakes');
  assert.equal(takePanelMark(), 'lena.bakes');
  assert.equal(takePanelMark(), null, 'read once');
  // Closed by the user (or the profile left): nothing to open again.
  markPanelOpen('lena.bakes');
  unmarkPanel('lena.bakes');
  assert.equal(takePanelMark(), null);
  // The close of another profile's panel leaves this one's mark.
  markPanelOpen('marco.travels');
  unmarkPanel('lena.bakes');
  assert.equal(takePanelMark(), 'marco.travels');
});
