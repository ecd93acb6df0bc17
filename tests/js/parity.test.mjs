// Parity: the wasm engine and the native build give the same answers on every account
// in ../shared/data (probabilities within 1e-9, identical verdicts, tiers and reasons), and the
// same audience estimate for seeded random requests (the shapes the native property tests draw:
// tests/unit/estimator_samples.h).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine, classifyJsonl, call } from '../../tools/cli/engine.mjs';
import { labelledRecordsJsonl } from './lib/shared-data.mjs';
import { prng } from '../../extension/shared/audit.js';

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

// An estimate request of 1-120 followers: fake- or real-looking records (or a mix), none, some or
// all fetched in full, and a population unknown, equal to the sample, a little or far larger.
function randomRequest(r) {
  const n = [1, 2, 3, 8, 9, 30, 120][Math.floor(r() * 7)];
  const fakeShare = [0, 1, r()][Math.floor(r() * 3)];
  const fetched = [0, 1, r()][Math.floor(r() * 3)];
  const int = (max) => Math.floor(r() * max);
  const followers = [];
  for (let i = 0; i < n; i++) {
    const fake = r() < fakeShare;
    const rec = fake
      ? { username: `user${int(1e8)}`, has_profile_pic: r() < 0.3, follower_count: int(20), following_count: 500 + int(7000), media_count: int(3) }
      : { username: `anna.b${i}`, full_name: 'Anna B', has_profile_pic: true, follower_count: 50 + int(2000), following_count: 50 + int(900), media_count: 5 + int(400), biography: r() < 0.5 ? 'hi' : '' };
    if (r() < 0.3) rec.is_private = r() < 0.5;
    followers.push(r() < fetched ? rec : { phase: 'lite', ...rec });
  }
  const population = [null, n, n + 1 + int(3), 100 * n, 1e9][Math.floor(r() * 5)];
  const req = { population, followers };
  if (r() < 0.5) req.sampling = r() < 0.5 ? 'random' : 'newest_first';
  if (r() < 0.3) Object.assign(req, { source: 'likers', posts: 1 + int(3) });
  return req;
}

test('wasm and native engines give the same estimate for seeded random requests', async () => {
  assert.ok(existsSync(nativeScore), `native scorer missing at ${nativeScore}: run scripts/build`);
  const r = prng(20261207);  // seeded: the same requests on every run
  const requests = Array.from({ length: 300 }, () => JSON.stringify(randomRequest(r)));
  const engine = await loadEngine();
  const nativeLines = execFileSync(nativeScore, ['--estimate'], { input: requests.join('\n') + '\n', maxBuffer: 1 << 28 })
    .toString().trimEnd().split('\n');
  assert.equal(nativeLines.length, requests.length);
  for (let i = 0; i < requests.length; i++) {
    const w = call(engine, 'estimateAudience', requests[i]);
    const wasm = typeof w === 'string' ? w : JSON.stringify(w);
    assert.ok(!JSON.parse(nativeLines[i]).error, `request ${i}: native failed: ${nativeLines[i].slice(0, 200)}`);
    assert.deepEqual(JSON.parse(wasm), JSON.parse(nativeLines[i]), `request ${i}: ${requests[i].slice(0, 300)}`);
  }
});
