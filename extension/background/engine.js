// The wasm engines, each created once per service-worker life: the scoring engine for every
// call, and the comment analysis's own engine (analyzeComments), created only when an audit
// reads comments (the user's opt-in), so a profile page never pays for it. The generated modules
// are imported statically (service workers forbid dynamic import()); importing one fetches
// nothing, its .wasm is fetched and compiled when it is first created. Instantiation is done
// here so a failure rejects instead of waiting forever (Emscripten 3.1.6 otherwise hangs), and
// every caller then gets the same "engine failed to load" error.
import createFakemeterEngine from '../engine/fakemeter_engine.mjs';
import createFakemeterComments from '../engine/fakemeter_comments.mjs';
import { RULES } from '../shared/rules.js';

const ENGINES = {
  scoring: { create: createFakemeterEngine, url: new URL('../engine/fakemeter_engine.wasm', import.meta.url) },
  comments: { create: createFakemeterComments, url: new URL('../engine/fakemeter_comments.wasm', import.meta.url) },
};
// The calls the comment analysis's engine answers; every other goes to the scoring engine.
const COMMENTS_CALLS = new Set(['analyzeComments']);
const LOAD_TIMEOUT_MS = 15000;

const promises = { scoring: null, comments: null };

export class EngineLoadError extends Error {}

function load({ create, url }) {
  return new Promise((resolve, reject) => {
    if (typeof WebAssembly !== 'object') {
      reject(new EngineLoadError('WebAssembly is not available in this browser'));
      return;
    }
    const timer = setTimeout(() => reject(new EngineLoadError('engine did not start within 15 s')), LOAD_TIMEOUT_MS);
    const fail = (e) => { clearTimeout(timer); reject(new EngineLoadError(`engine failed to load: ${e && e.message ? e.message : e}`)); };
    create({
      instantiateWasm(imports, receiveInstance) {
        fetch(url)
          .then((r) => { if (!r.ok) throw new Error(`HTTP ${r.status} for ${url.pathname}`); return r.arrayBuffer(); })
          .then((bytes) => WebAssembly.instantiate(bytes, imports))
          .then((out) => receiveInstance(out.instance, out.module))
          .catch(fail);
        return {};
      },
      onAbort: (what) => fail(new Error(`aborted: ${what}`)),
    }).then((mod) => { clearTimeout(timer); resolve(mod); }, fail);
  });
}

export function engine(which = 'scoring') {
  if (!promises[which]) promises[which] = load(ENGINES[which]);
  return promises[which];
}

// The engine refuses documents over 32 MiB itself, but an argument near the heap ceiling
// can kill the module before it gets to say so: refuse those here.
const MAX_ARG_BYTES = RULES.limits.json_bytes;
const utf8Bytes = (s) => (s.length * 3 <= MAX_ARG_BYTES ? s.length : new TextEncoder().encode(s).length);

// Calls one API function and parses its JSON answer. Returns the parsed value; an engine
// error comes back as the value {error: {id, message}} (never thrown).
export async function call(name, ...args) {
  for (const a of args) {
    if (typeof a === 'string' && utf8Bytes(a) > MAX_ARG_BYTES) {
      return { error: { id: 'engine.input', message: `${name}: input over ${MAX_ARG_BYTES} bytes refused` } };
    }
  }
  const which = COMMENTS_CALLS.has(name) ? 'comments' : 'scoring';
  const mod = await engine(which);
  let text;
  try {
    text = mod[name](...args);
  } catch (e) {
    // A trap (e.g. out of memory) leaves the module unusable: start a fresh one next time.
    promises[which] = null;
    return { error: { id: 'engine.crashed', message: `${name} failed inside the engine: ${e && e.message ? e.message : e}` } };
  }
  try {
    return JSON.parse(text);
  } catch {
    return { error: { id: 'engine.output', message: `${name} returned text that is not JSON` } };
  }
}

export async function version() {
  const mod = await engine();
  return mod.version();
}
