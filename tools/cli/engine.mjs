// Loads the wasm engine's node build once. Debian's emscripten 3.1.6 cannot fetch its
// .wasm from a file path under node 20, so we hand it the bytes.
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const engineDir = process.env.FM_ENGINE_DIR || path.join(root, 'build', 'wasm', 'node');

let enginePromise = null;

export function loadEngine() {
  if (!enginePromise) enginePromise = instantiate();
  return enginePromise;
}

async function instantiate() {
  const js = path.join(engineDir, 'fakemeter_engine.js');
  const wasm = path.join(engineDir, 'fakemeter_engine.wasm');
  if (!existsSync(js) || !existsSync(wasm)) {
    throw new Error(`the wasm engine is not built (${js} missing); run scripts/build`);
  }
  const require = createRequire(import.meta.url);
  const factory = require(js);
  let aborted = null;
  const engine = await factory({
    wasmBinary: readFileSync(wasm),
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
export const MAX_ARG_BYTES = 32 * 1024 * 1024;

// Calls an engine function; an over-size argument or an abort becomes a thrown Error with
// the reason, and a dead module is dropped so the next loadEngine() starts a fresh one.
export function call(engine, fn, ...args) {
  for (const a of args) {
    if (typeof a === 'string' && Buffer.byteLength(a) > MAX_ARG_BYTES) {
      throw new Error(`input to ${fn} is over ${MAX_ARG_BYTES} bytes: split it into smaller pieces`);
    }
  }
  try {
    return engine[fn](...args);
  } catch (err) {
    enginePromise = null;
    const why = engine.fakemeterAborted && engine.fakemeterAborted();
    throw new Error(`engine failed in ${fn}: ${why || err.message || err}`);
  }
}
