// Every extension script parses as what the manifest loads it as (an error here would stop
// the service worker or the content script from starting at all), and the manifest's paths exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '../..');
const files = [];
(function walk(dir) {
  for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, f.name);
    if (f.isDirectory() && f.name !== 'engine') walk(p);
    else if (f.name.endsWith('.js')) files.push(p);
  }
})(path.join(root, 'extension'));

// What `node --check FILE` does for a file it reads as an ES module (package.json says "type":
// "module"), for every file in one process (a node started per file took ~11 CPU s for 75 files);
// `node --check` itself then says where each file that does not parse goes wrong.
const parseAll = `const vm = require('node:vm'), fs = require('node:fs');
for (const f of process.argv.slice(1)) {
  try { new vm.SourceTextModule(fs.readFileSync(f, 'utf8'), { identifier: f }); } catch { console.log(f); }
}`;

test('every extension script parses', () => {
  assert.ok(files.length > 15, `found ${files.length} scripts`);
  const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', '-e', parseAll, ...files],
    { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  const bad = r.stdout.split('\n').filter(Boolean);
  const why = (f) => spawnSync(process.execPath, ['--check', f], { encoding: 'utf8' }).stderr;
  assert.deepEqual(bad, [], bad.map((f) => `${path.relative(root, f)}: ${why(f)}`).join('\n'));
});

test('no script builds markup from strings', () => {
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|\beval\(|new Function\(/, path.relative(root, f));
  }
});

test('the manifest points at files that exist and asks only for storage, scripting (open tabs on an update) and instagram.com', () => {
  const m = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  assert.equal(m.manifest_version, 3);
  assert.deepEqual(m.permissions, ['storage', 'scripting']);
  assert.deepEqual(m.host_permissions, ['https://www.instagram.com/*']);
  assert.equal(m.background.type, 'module');
  assert.match(m.content_security_policy.extension_pages, /script-src 'self' 'wasm-unsafe-eval'; object-src 'self'/);
  const paths = [m.background.service_worker, ...m.background.scripts, ...m.content_scripts.flatMap((c) => c.js),
    m.action.default_popup, m.options_ui.page];
  for (const p of paths) assert.ok(fs.existsSync(path.join(root, p)), p);
  for (const c of m.content_scripts) assert.deepEqual(c.matches, ['https://www.instagram.com/*']);
});
