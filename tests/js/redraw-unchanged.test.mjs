// The panel drawn again the same as it is (about a third of an audit's steps) is left as it is:
// its nodes are not replaced and the page has nothing to lay out again (redraw.js). A drawing that
// differs goes in, after the caller read what it keeps (the scroll). Node has no DOM: the panel
// here is the few methods redrawKeepingFocus uses, its equality the drawn text's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redrawKeepingFocus, redrawInPlace } from '../../extension/content/redraw.js';

function fakePanel(text) {
  const log = [];
  // Its one child, the drawn text: a drawing that differs takes its place (redraw.js takeChildren).
  const child = (t) => ({ nodeType: 3, text: t, isEqualNode(o) { return o.text === this.text; }, remove() { log.push('replace'); } });
  const node = (t) => ({
    text: t,
    get childNodes() { return [child(this.text)]; },
    firstChild: null,
    insertBefore() {},
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

// A node with attributes, as copyAttributes reads them.
function fakeNode(text, attrs = {}) {
  const log = [];
  const make = (t, a) => ({
    text: t, attrs: { ...a }, childNodes: [],
    get attributes() { return Object.entries(this.attrs).map(([name, value]) => ({ name, value })); },
    hasAttribute(k) { return k in this.attrs; },
    getAttribute(k) { return this.attrs[k] ?? null; },
    setAttribute(k, v) { log.push(`set ${k}`); this.attrs[k] = v; },
    removeAttribute(k) { log.push(`remove ${k}`); delete this.attrs[k]; },
    cloneNode() { return make(this.text, this.attrs); },
    isEqualNode(o) { return o.text === this.text && JSON.stringify(o.attrs) === JSON.stringify(this.attrs); },
    replaceChildren() { log.push('replace'); },
  });
  return { node: make(text, attrs), log };
}

test('the badge drawn the same as it is stays as it is; drawn otherwise it takes the new attributes and children', () => {
  const { node, log } = fakeNode('auditing 10/41', { class: 'badge', 'aria-label': 'Fakemeter: 12%' });
  const draw = (text, label) => (into) => { into.text = text; into.attrs['aria-label'] = label; return label; };
  assert.equal(redrawInPlace(node, draw('auditing 10/41', 'Fakemeter: 12%')), 'Fakemeter: 12%');
  assert.deepEqual(log, []);
  assert.equal(redrawInPlace(node, draw('auditing 11/41', 'Fakemeter: 13%')), 'Fakemeter: 13%');
  assert.deepEqual(log, ['set aria-label', 'replace']);
  assert.equal(node.attrs['aria-label'], 'Fakemeter: 13%');
});
