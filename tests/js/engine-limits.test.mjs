// The wasm engine under hostile sizes: every input past a limit gets a clear error value
// (an id naming the limit), the engine keeps working afterwards, and nothing hangs.
// The wasm heap stops at 256 MB (-sMAXIMUM_MEMORY, CMakeLists.txt); the limits keep the
// worst input that passes them well below it. The last test shows what the ceiling itself
// does to a module, which is why callers must check sizes before calling (see RELIABILITY.md).
// Engine: the browser build (or FM_ENGINE_DIR), loaded with {wasmBinary} as tools/cli/engine.mjs does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineModule } from '../../tools/cli/engine.mjs';

const { factory, wasmBinary } = await engineModule('fakemeter_engine');

// A fresh module per use, so one that aborts cannot spoil the next test.
async function freshEngine() {
  let aborted = null;
  const engine = await factory({ wasmBinary, print: () => {}, printErr: () => {}, onAbort: (w) => { aborted = String(w); } });
  engine.aborted = () => aborted;
  return engine;
}
const engine = await freshEngine();

const MiB = 1 << 20;
const deep = (n) => '['.repeat(n) + ']'.repeat(n);
// {} records, one per line.
const records = (n) => '{}\n'.repeat(n);

// The engine still answers ordinary requests correctly after a refused one.
function assertStillWorks(e) {
  assert.match(e.version(), /^fakemeter-engine /);
  const out = e.classifyJsonl('{"username":"anna.b","has_profile_pic":true}\n').trimEnd().split('\n');
  assert.equal(out.length, 1);
  const p = JSON.parse(out[0]).fake_probability;
  assert.ok(p >= 0 && p <= 1, out[0]);
}

function assertError(text, id, messagePart) {
  const answer = JSON.parse(text);
  assert.ok(answer.error, `expected an error, got ${text.slice(0, 200)}`);
  assert.equal(answer.error.id, id, text.slice(0, 300));
  if (messagePart) assert.ok(answer.error.message.includes(messagePart), answer.error.message);
}

test('classify: a batch of more than 100000 records is one clear error line', { timeout: 60_000 }, () => {
  const out = engine.classifyJsonl(records(100_001));
  assert.equal(out.split('\n').length, 2, 'one line and its newline');
  assertError(out, 'classify.limit', 'more than 100000 records');
  assertStillWorks(engine);
});

test('classify: a batch over 32 MiB is one clear error line', { timeout: 60_000 }, () => {
  const out = engine.classifyJsonl(' '.repeat(32 * MiB + 1));
  assertError(out, 'classify.limit', 'the batch is too large');
  assertStillWorks(engine);
});

test('classify: a line nested 100000 deep or over 1 MiB fails alone, with its line number', { timeout: 60_000 }, () => {
  const out = engine.classifyJsonl(`{}\n{"username":${deep(100_000)}}\n{"username":"${'a'.repeat(MiB)}"}\n{}\n`)
    .trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 4);
  assert.ok(out[0].fake_probability >= 0 && out[3].fake_probability >= 0);
  assert.match(out[1].error, /^line 2: \[json\.depth\] the account record nests deeper than 64 levels/);
  assert.match(out[2].error, /^line 3: \[account\.size\] the account record is too long/);
  assertStillWorks(engine);
});

test('estimate: deep nesting, too many values and too many bytes are clear errors', { timeout: 60_000 }, () => {
  assertError(engine.estimateAudience(`{"total_followers":5,"followers":${deep(200_000)}}`), 'json.depth');
  // Nearly the largest document the value count lets through (the count is an upper bound:
  // an empty object counts twice, so this is 1,000,000 by the count), made of the values that
  // cost the most heap per byte, parses inside the heap; the estimator then refuses it by its
  // own follower limit.
  const many = `{"total_followers":10000000000,"followers":[${'{},'.repeat(499_997)}{}]}`;
  const answer = JSON.parse(engine.estimateAudience(many));
  assert.ok(answer.error, 'refused');
  assert.notEqual(answer.error.id, 'json.size', 'within the value limit');
  assertError(engine.estimateAudience(`{"followers":[${'{},'.repeat(1_000_000)}{}]}`), 'json.size', 'more than 1000000 values');
  assertError(engine.estimateAudience(`{"pad":"${'a'.repeat(32 * MiB)}"}`), 'json.size', 'too large');
  assertStillWorks(engine);
});

test('profile: oversized and deeply nested documents are clear errors', { timeout: 60_000 }, () => {
  for (const fn of ['analyzeProfile', 'accountFromProfile']) {
    const call = (doc) => (fn === 'analyzeProfile' ? engine[fn](doc, '{}') : engine[fn](doc));
    for (const doc of [`{"data":{"user":${deep(100_000)}}}`, `{"data":{"user":{"biography":"${'a'.repeat(40 * MiB)}"}}}`]) {
      const answer = JSON.parse(call(doc));
      assert.ok(answer.error && answer.error.id && answer.error.message, `${fn}: ${JSON.stringify(answer).slice(0, 200)}`);
    }
  }
  const answer = JSON.parse(engine.analyzeProfile('{"data":{"user":null}}', deep(100_000)));
  assert.ok(answer.error && answer.error.id, 'deeply nested options are refused');
  assertStillWorks(engine);
});

test('the heap ceiling: an input the heap cannot hold throws instead of answering; a fresh module works', { timeout: 120_000 }, async () => {
  // 300 MB cannot be copied into a 256 MB heap. Embind's string conversion does not check
  // malloc's answer, so the module cannot turn this into an error value: seen with emscripten
  // 3.1.6, it throws "RuntimeError: memory access out of bounds" (onAbort is not called) and
  // every later call fails the same way; at ~200 MB the copy inside C++ aborts instead
  // ("Aborted()"), after which calls still run on a heap in an unknown state. Hence callers
  // refuse inputs over 32 MiB before calling, and replace the module after any throw.
  const e = await freshEngine();
  let threw = null;
  let answer = null;
  try {
    answer = e.classifyJsonl('{}\n'.repeat(100 * MiB));
  } catch (err) {
    threw = err;
  }
  if (threw) {
    assert.match(String(threw), /RuntimeError|Aborted/);
  } else {
    // Should a future Emscripten check the allocation, the answer must still be an error value.
    assertError(answer.split('\n')[0], 'classify.limit');
  }
  assertStillWorks(await freshEngine());
});
