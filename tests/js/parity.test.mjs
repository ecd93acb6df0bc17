// Parity: the wasm engine and the native build give the same answers on every account
// in ../shared/data (probabilities within 1e-9, identical verdicts, tiers and reasons).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine, classifyJsonl } from '../../tools/cli/engine.mjs';
import { labelledRecordsJsonl } from './lib/shared-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nativeScore = path.join(root, 'build', 'native', 'score');

test('wasm and native engines agree on every account in the shared data', async () => {
  assert.ok(existsSync(nativeScore), `native scorer missing at ${nativeScore}: run scripts/build`);
  const { jsonl, count } = labelledRecordsJsonl();
  assert.ok(count > 3000, `expected every labelled account (got ${count})`);
  const engine = await loadEngine();
  const wasmLines = engine.classifyJsonl(jsonl).trimEnd().split('\n');
  const nativeLines = execFileSync(nativeScore, { input: jsonl, maxBuffer: 1 << 28 })
    .toString().trimEnd().split('\n');
  assert.equal(wasmLines.length, count);
  assert.equal(nativeLines.length, count);
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const w = JSON.parse(wasmLines[i]);
    const n = JSON.parse(nativeLines[i]);
    assert.ok(!('error' in w), `wasm failed on record ${i + 1}: ${w.error}`);
    const diff = Math.abs(w.fake_probability - n.fake_probability);
    worst = Math.max(worst, diff);
    assert.ok(diff <= 1e-9, `record ${i + 1}: wasm ${w.fake_probability} vs native ${n.fake_probability}`);
    assert.equal(w.is_fake, n.is_fake, `record ${i + 1}: verdicts differ`);
    assert.equal(w.tier, n.tier);
    assert.deepEqual(w.reasons, n.reasons);
  }
  console.log(`# parity: ${count} accounts, largest probability difference ${worst}`);
});

test('the byte-buffer classify path answers exactly as the Embind string path', async () => {
  const engine = await loadEngine();
  const { jsonl } = labelledRecordsJsonl();
  assert.equal(classifyJsonl(engine, jsonl), engine.classifyJsonl(jsonl));
  // Non-ASCII text, bad lines, blank and CRLF lines.
  const tricky = [
    '{"username":"zoë_🌸","full_name":"Zoë \\"Z\\" 🌸","follower_count":12}',
    '', '   ', '{"username":"anna"}\r', '{"follower_count":-1}', 'not json', '{"username":"x"}',
  ].join('\n');
  assert.equal(classifyJsonl(engine, tricky), engine.classifyJsonl(tricky));
  // A lone surrogate (not text) is encoded as U+FFFD, as TextEncoder does everywhere; Embind
  // wrote invalid bytes that the engine then misread as a truncated record.
  assert.equal(classifyJsonl(engine, '{"full_name":"a\ud800"}'), classifyJsonl(engine, '{"full_name":"a\ufffd"}'));
  assert.equal(classifyJsonl(engine, ''), engine.classifyJsonl(''));
  // The buffer is released after each call: a second big call still answers fully.
  assert.equal(classifyJsonl(engine, jsonl).split('\n').length, engine.classifyJsonl(jsonl).split('\n').length);
});
