// Wasm scoring throughput in node, JSON parsing included: the call `fakemeter classify` makes.
// Usage: node tests/bench/score-wasm.mjs FILE.jsonl [REPEATS] -> one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { loadEngine, classifyJsonl } from '../../tools/cli/engine.mjs';

const [file, repeatsArg] = process.argv.slice(2);
if (!file) { console.error('usage: score-wasm.mjs FILE.jsonl [REPEATS]'); process.exit(2); }
const text = readFileSync(file, 'utf8');
const repeats = Math.max(1, Number(repeatsArg) || 7);
const records = text.split('\n').filter(Boolean).length;
const engine = await loadEngine();
// Warm-up: V8 first runs wasm unoptimised and tiers hot functions up; grow the heap once.
for (let i = 0; i < 3; i++) classifyJsonl(engine, text);
const ms = [];
let bytes = 0;
for (let r = 0; r < repeats; r++) {
  const t0 = performance.now();
  bytes += classifyJsonl(engine, text).length;
  ms.push(performance.now() - t0);
}
ms.sort((a, b) => a - b);
const median = ms[Math.floor(ms.length / 2)];
console.log(JSON.stringify({ records, repeats, median_ms: median, best_ms: ms[0], accounts_per_s: records / (median / 1000), out_bytes: bytes / repeats }));
