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
const { markPanelOpen, markPanelFocus, unmarkPanel, takePanelMark, focusFree } = await import('../../extension/content/panel-mark.js');

test('the open panel\'s profile is read once by the next copy; closing it, or another profile\'s close, is kept apart', () => {
  assert.equal(takePanelMark(), null, 'a page no copy marked');
  markPanelOpen('lena.bakes');
  assert.deepEqual(takePanelMark(), { username: 'lena.bakes', focused: false });
  assert.equal(takePanelMark(), null, 'read once');
  // Closed by the user (or the profile left): nothing to open again.
  markPanelOpen('lena.bakes');
  unmarkPanel('lena.bakes');
  assert.equal(takePanelMark(), null);
  // The close of another profile's panel leaves this one's mark.
  markPanelOpen('marco.travels');
  unmarkPanel('lena.bakes');
  assert.deepEqual(takePanelMark(), { username: 'marco.travels', focused: false });
});

test('whether the focus was in the open panel goes with its mark, for the next copy to give it back', () => {
  markPanelOpen('lena.bakes');
  markPanelFocus('lena.bakes', true);
  assert.deepEqual(takePanelMark(), { username: 'lena.bakes', focused: true });
  assert.equal(takePanelMark(), null, 'read once');
  // The focus left the panel (the user went on in the page): the panel opens again without it.
  markPanelOpen('lena.bakes');
  markPanelFocus('lena.bakes', true);
  markPanelFocus('lena.bakes', false);
  assert.deepEqual(takePanelMark(), { username: 'lena.bakes', focused: false });
  // Closed with the focus in it: nothing to open, nothing to focus, also after it opens again.
  markPanelOpen('lena.bakes');
  markPanelFocus('lena.bakes', true);
  unmarkPanel('lena.bakes');
  assert.equal(takePanelMark(), null);
  markPanelOpen('lena.bakes');
  assert.deepEqual(takePanelMark(), { username: 'lena.bakes', focused: false }, 'a panel opened again without the focus');
  // No panel open, or another profile's: a focus change of this one marks nothing.
  markPanelFocus('lena.bakes', true);
  assert.equal(takePanelMark(), null);
  markPanelOpen('lena.bakes');
  markPanelFocus('lena.bakes', true);
  markPanelOpen('marco.travels');
  assert.deepEqual(takePanelMark(), { username: 'marco.travels', focused: false }, 'the focus of the panel that was open before');
});

test('the reopened panel takes the focus only from the page\'s body or an earlier copy\'s overlay', () => {
  const el = (attrs = {}) => ({ hasAttribute: (k) => k in attrs });
  const body = el();
  globalThis.document.body = body;
  for (const [at, free, what] of [[null, true, 'nothing'], [body, true, 'the body'], [globalThis.document.documentElement, true, '<html>'],
    [el({ 'data-fakemeter': 'panel' }), true, 'the old copy\'s panel'], [el(), false, 'a field of the page']]) {
    globalThis.document.activeElement = at;
    assert.equal(focusFree(), free, what);
  }
});
