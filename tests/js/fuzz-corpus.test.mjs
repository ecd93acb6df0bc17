// The committed fuzz seeds are what their generators write today: a generator changed (the
// stand-in's names, the engine's report) without its corpus rewritten leaves the fuzzers starting
// from inputs no longer shaped like the product's, which nothing else would notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const committed = path.join(root, 'tests', 'fuzz', 'corpus');
const engine = path.join(process.env.FM_ENGINE_DIR || path.join(root, 'build', 'wasm', 'web'), 'fakemeter_engine.mjs');

test('the committed fuzz seed corpora regenerate byte for byte', (t) => {
  // make-corpus puts the engine's audience report into the profile seeds only when the engine is built.
  assert.ok(existsSync(engine), `${engine} is missing: run scripts/build (the profile seeds carry the engine's report)`);
  const out = mkdtempSync(path.join(os.tmpdir(), 'fm-corpus-'));
  t.after(() => rmSync(out, { recursive: true, force: true }));
  for (const script of ['make-corpus.mjs', 'make-comments-corpus.mjs']) {
    execFileSync(process.execPath, [path.join(root, 'tests', 'fuzz', script), '--out', out], { stdio: 'pipe' });
  }
  const harnesses = readdirSync(committed).sort();
  assert.deepEqual(readdirSync(out).sort(), harnesses, 'the generators write other harness folders than are committed');
  const stale = [];
  for (const harness of harnesses) {
    const files = readdirSync(path.join(committed, harness)).sort();
    const fresh = readdirSync(path.join(out, harness)).sort();
    for (const name of new Set([...files, ...fresh])) {
      const a = path.join(committed, harness, name), b = path.join(out, harness, name);
      if (!existsSync(a)) stale.push(`${harness}/${name}: written but not committed`);
      else if (!existsSync(b)) stale.push(`${harness}/${name}: committed but no longer written`);
      else if (!readFileSync(a).equals(readFileSync(b))) stale.push(`${harness}/${name}: differs`);
    }
  }
  assert.deepEqual(stale, [], `stale seeds (rewrite with node tests/fuzz/make-corpus.mjs and make-comments-corpus.mjs, then commit):\n${stale.join('\n')}`);
});
