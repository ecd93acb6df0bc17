// Every direct write of the extension's storage in the browser tests (and the research scripts that
// drive the browser) is told to the background: it keeps in memory what it read of the history and
// the set-aside list (and of an audit's keys during an audit: background/storage-cache.js), and
// listens to no storage.onChanged, so a write it is not told of is served unchanged: a test passing
// only because the background read storage again at each turn breaks unseen once it does not.
// A write (a set, remove or clear of chrome.storage.local, or of a `local` naming it) is told when
// a tell (tellBackground, toldAround, the helpers' `around` and `tell`, a 'storage.written'
// message) is a call it is inside of, or in the statement holding it or the next one, at any level
// up to the function of its own (a function handed to a page's evaluate, a then, toldAround or around is
// looked through: its statements are the write's). Parsed (espree, ESLint's parser), not matched
// by lines: a tell anywhere else in the test does not count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as espree from 'espree';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TELLS = new Set(['tellBackground', 'toldAround', 'around', 'tell']);
// Calls whose function arguments run as the write's own steps (in a page, a promise's next step, or
// between two tells).
const THROUGH = new Set(['evaluate', 'then', 'toldAround', 'around']);
const calleeName = (c) => (c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed ? c.property.name : null);
const isWrite = (n) => n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed
  && ['set', 'remove', 'clear'].includes(n.callee.property.name) && storageLocal(n.callee.object);
const storageLocal = (o) => (o.type === 'Identifier' && o.name === 'local')
  || (o.type === 'MemberExpression' && !o.computed && o.property.name === 'local' && o.object.type === 'MemberExpression'
      && !o.object.computed && o.object.property.name === 'storage');

// Every node under `node` (with its parent set).
function walk(node, parent, visit) {
  if (!node || typeof node.type !== 'string') return;
  node.parent = parent;
  visit(node);
  for (const [k, v] of Object.entries(node)) {
    if (k === 'parent') continue;
    if (Array.isArray(v)) v.forEach((c) => walk(c, node, visit));
    else if (v && typeof v.type === 'string') walk(v, node, visit);
  }
}
function hasTell(node) {
  let found = false;
  walk(node, node.parent, (n) => {
    if (n.type === 'CallExpression' && TELLS.has(calleeName(n.callee))) found = true;
    if (n.type === 'Literal' && n.value === 'storage.written') found = true;
  });
  return found;
}
const FUNCTION = ['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration'];
function told(write) {
  for (let n = write; n.parent; n = n.parent) {
    const p = n.parent;
    if (p.type === 'CallExpression' && p !== write && TELLS.has(calleeName(p.callee))) return true;
    if (Array.isArray(p.body) || Array.isArray(p.consequent)) {
      const list = Array.isArray(p.body) ? p.body : p.consequent;
      const i = list.indexOf(n);
      if (i >= 0 && [list[i], list[i + 1]].some((x) => x && hasTell(x))) return true;
    }
    if (FUNCTION.includes(n.type) && !(p.type === 'CallExpression' && p.arguments.includes(n) && THROUGH.has(calleeName(p.callee)))) return false;
  }
  return false;
}

// The writes in `text` told to no one ({line, text}).
export function untold(text) {
  const ast = espree.parse(text, { ecmaVersion: 'latest', sourceType: 'module', loc: true, range: true });
  const out = [];
  const writes = [];
  walk(ast, null, (n) => { if (isWrite(n)) writes.push(n); });
  for (const w of writes) if (!told(w)) out.push({ line: w.loc.start.line, text: text.slice(...w.range).split('\n')[0] });
  return out;
}

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === 'artifacts' || d.name === 'node_modules' ? [] : files(p);
    return /\.m?js$/.test(d.name) ? [p] : [];
  });
}

test('the rule finds a write told to no one, and passes one told', () => {
  const lines = (src) => untold(src).map((x) => x.line);
  assert.deepEqual(untold("await ext.evaluate(() => chrome.storage.local.set({ history: {} }));\nawait popup.reload();"),
    [{ line: 1, text: 'chrome.storage.local.set({ history: {} })' }]);
  assert.deepEqual(lines("const local = chrome.storage.local;\nawait local.remove('history');"), [2]);
  // A tell two statements later, or in another test, does not count.
  assert.deepEqual(lines("test('a', async () => {\n  await ext.evaluate(() => chrome.storage.local.clear());\n  await popup.reload();\n" +
    "  await tellBackground(ext, null);\n});\ntest('b', async () => { await tellBackground(ext, null); });"), [2]);
  // Told: the next statement; the statement after the evaluate the write is in; wrapped in toldAround.
  assert.deepEqual(lines("await ext.evaluate(() => chrome.storage.local.clear());\nawait tellBackground(ext, null);"), []);
  assert.deepEqual(lines("await ext.evaluate(async () => {\n  const { history } = await chrome.storage.local.get('history');\n" +
    "  await chrome.storage.local.set({ history });\n  return 1;\n});\nawait tellBackground(ext, ['history']);"), []);
  assert.deepEqual(lines("await toldAround(ext, ['history'], () => ext.evaluate(() => chrome.storage.local.get('history').then(({ history }) => {\n" +
    "  return chrome.storage.local.set({ history });\n})));"), []);
});

test('every direct storage write in tests/e2e and tools/research is told to the background', () => {
  const scanned = [...files(path.join(REPO, 'tests/e2e')), ...files(path.join(REPO, 'tools/research'))];
  const bad = scanned.flatMap((f) => untold(fs.readFileSync(f, 'utf8')).map((w) => `${path.relative(REPO, f)}:${w.line}: ${w.text}`));
  assert.deepEqual(bad, [], 'write storage through extensionStorage/pageStorage/storeAndTellTabs, or tell the background (tellBackground)');
  assert.ok(scanned.length > 20, `${scanned.length} files scanned`);
});
