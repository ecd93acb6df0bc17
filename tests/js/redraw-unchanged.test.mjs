// The panel drawn again the same as it is (about a third of an audit's steps) is left as it is:
// its nodes are not replaced and the page has nothing to lay out again (redraw.js). A drawing that
// differs goes in, after the caller read what it keeps (the scroll). Node has no DOM: the panel
// here is the few methods redrawKeepingFocus uses, its equality the drawn text's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redrawKeepingFocus } from '../../extension/content/redraw.js';

function fakePanel(text) {
  const log = [];
  const node = (t) => ({
    text: t, childNodes: [],
    cloneNode() { return node(this.text); },
    isEqualNode(other) { return other.text === this.text; },
    replaceChildren() { log.push('replace'); },
    querySelector() { return null; },
  });
  return { panel: node(text), log };
}

test('a drawing the same as the panel leaves it as it is; one that differs goes in, after beforeChange', () => {
  const { panel, log } = fakePanel('estimate 12% (8-17%), 10/41');
  const same = redrawKeepingFocus(panel, null, (into) => { into.text = 'estimate 12% (8-17%), 10/41'; }, () => log.push('before'));
  assert.deepEqual(same, { changed: false, kept: true });
  assert.deepEqual(log, [], 'nothing replaced, nothing read for it');
  const other = redrawKeepingFocus(panel, null, (into) => { into.text = 'estimate 13% (9-18%), 11/41'; }, () => log.push('before'));
  assert.deepEqual(other, { changed: true, kept: false });
  assert.deepEqual(log, ['before', 'replace']);
});
