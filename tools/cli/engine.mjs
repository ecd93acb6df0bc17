// Loads the wasm engine once: the browser build (build/wasm/web), the very bytes the extension
// ships, imported as the ES module it is. Debian's emscripten 3.1.6 cannot fetch its .wasm from a
// file path under node 20, so we hand it the bytes (its web loader then needs nothing of a browser).
// One build for the extension, the CLI, the tests and the benchmarks: a second, node-only link of
// each engine took ~18 s of CPU and tested other bytes than the ones that ship.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { RULES } from '../../extension/shared/rules.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const engineDir = process.env.FM_ENGINE_DIR || path.join(root, 'build', 'wasm', 'web');

// An engine's factory and its bytes, for callers that make modules of their own (a fresh one per
// test, say). name: 'fakemeter_engine' or 'fakemeter_comments'.
export async function engineModule(name, dir = engineDir) {
  const js = path.join(dir, `${name}.mjs`);
  const wasm = path.join(dir, `${name}.wasm`);
  if (!existsSync(js) || !existsSync(wasm)) {
    throw new Error(`the wasm engine is not built (${js} missing); run scripts/build`);
  }
  const { default: factory } = await import(pathToFileURL(js).href);
  return { factory, wasmBinary: readFileSync(wasm) };
}

let enginePromise = null;

// The scoring engine with the comment analysis's engine's analyzeComments on it: the extension
// loads the two separately (the second only when an audit reads comments), the CLI and the tests
// call one object.
export function loadEngine() {
  if (!enginePromise) enginePromise = Promise.all([instantiate('fakemeter_engine'), instantiate('fakemeter_comments')])
    .then(([engine, comments]) => {
      engine.analyzeComments = (...args) => comments.analyzeComments(...args);
      const scoringAborted = engine.fakemeterAborted;
      engine.fakemeterAborted = () => scoringAborted() || comments.fakemeterAborted();
      return engine;
    });
  return enginePromise;
}

async function instantiate(name) {
  const { factory, wasmBinary } = await engineModule(name);
  let aborted = null;
  const engine = await factory({
    wasmBinary,
    // Keep the engine's own output off stdout, which carries results.
    print: (s) => process.stderr.write(s + '\n'),
    printErr: (s) => process.stderr.write(s + '\n'),
    onAbort: (what) => { aborted = String(what); },
  });
  // An abort (e.g. the heap ceiling) leaves the module unusable: surface it as an error.
  engine.fakemeterAborted = () => aborted;
  return engine;
}

// The engine refuses documents over 32 MiB itself, but an argument near the heap ceiling
// can kill the module before it gets to say so: callers split or refuse bigger inputs.
export const MAX_ARG_BYTES = RULES.limits.json_bytes;

// Calls an engine function; an over-size argument or an abort becomes a thrown Error with
// the reason, and a dead module is dropped so the next loadEngine() starts a fresh one.
export function call(engine, fn, ...args) {
  for (const a of args) {
    if (typeof a === 'string' && Buffer.byteLength(a) > MAX_ARG_BYTES) tooBig(fn);
  }
  return guarded(engine, fn, () => engine[fn](...args));
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// classifyJsonl through the engine's byte buffer (wasm/bindings.cpp, fm_io_*): the text is
// encoded straight into wasm memory and the answer decoded from it, natively, instead of
// Embind's per-character string conversion. Same engine call, same answer.
export function classifyJsonl(engine, text) {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_ARG_BYTES) tooBig('classifyJsonl');
  return guarded(engine, 'classifyJsonl', () => {
    try {
      const ptr = engine._fm_io_reserve(bytes);
      const { written } = encoder.encodeInto(text, engine.HEAPU8.subarray(ptr, ptr + bytes));
      const length = engine._fm_io_classify_jsonl(written);
      const out = engine._fm_io_data();  // memory may have grown: read HEAPU8 afresh
      return decoder.decode(engine.HEAPU8.subarray(out, out + length));
    } finally {
      engine._fm_io_release();
    }
  });
}

function tooBig(fn) {
  throw new Error(`input to ${fn} is over ${MAX_ARG_BYTES} bytes: split it into smaller pieces`);
}

function guarded(engine, fn, run) {
  try {
    return run();
  } catch (err) {
    enginePromise = null;
    const why = engine.fakemeterAborted && engine.fakemeterAborted();
    throw new Error(`engine failed in ${fn}: ${why || err.message || err}`);
  }
}
