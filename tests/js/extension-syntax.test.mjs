// Every extension script parses as what the manifest loads it as (an error here would stop
// the service worker or the content script from starting at all), and the manifest's paths exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '../..');
const files = [];
(function walk(dir) {
  for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, f.name);
    if (f.isDirectory() && f.name !== 'engine') walk(p);
    else if (f.name.endsWith('.js')) files.push(p);
  }
})(path.join(root, 'extension'));

test('every extension script parses', () => {
  assert.ok(files.length > 15, `found ${files.length} scripts`);
  for (const f of files) {
    try {
      execFileSync(process.execPath, ['--check', f], { stdio: 'pipe' });
    } catch (e) {
      assert.fail(`${path.relative(root, f)}: ${e.stderr}`);
    }
  }
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
