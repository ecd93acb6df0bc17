// The panel's scroll across a drawing (content/panel-scroll.js, overlay.js render): reading or
// writing scrollTop lays the page out, and each audit step that changed the panel did both, for a
// panel nearly always at its top. Node has no layout: the panel here counts its scrollTop reads
// and writes, and tells its scroll listeners as a browser does after a scroll.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scrollKeeper } from '../../extension/content/panel-scroll.js';

function fakePanel() {
  const log = [];
  let top = 0;
  const listeners = [];
  return {
    log,
    addEventListener(type, f) { if (type === 'scroll') listeners.push(f); },
    get scrollTop() { log.push('read'); return top; },
    set scrollTop(v) { log.push(`write ${v}`); top = v; },
    // The user scrolls: the offset moves, and the scroll event comes (its listener reads it).
    userScrolls(v) { top = v; for (const f of listeners) f(); log.length = 0; },
  };
}

// As overlay.js render uses it: read before the drawing, restored once it went in.
const drawing = (keeper) => { const at = keeper.read(); keeper.restore(at); };

test('a panel never scrolled: a drawing reads and writes no scroll (before: one read and one write each)', () => {
  const panel = fakePanel();
  const keeper = scrollKeeper(panel);
  for (let i = 0; i < 5; i++) drawing(keeper);
  assert.deepEqual(panel.log, []);
});

test('a panel scrolled keeps its offset across a drawing; scrolled back to its top, it reads none again', () => {
  const panel = fakePanel();
  const keeper = scrollKeeper(panel);
  panel.userScrolls(120);
  const at = keeper.read();
  assert.equal(at, 120);
  keeper.restore(at);
  assert.deepEqual(panel.log, ['read', 'write 120']);
  panel.userScrolls(0);
  drawing(keeper);
  assert.deepEqual(panel.log, []);
});
