// storage.local with what this worker last read or wrote of some keys kept in memory, so that an
// audit's every step does not read its whole record and lists again (about 110 KiB per request,
// three reads of the same record among them), nor each turn of a profile's check the whole history
// (megabytes: `own`). Storage stays the truth: the worker may be stopped
// at any moment and starts with nothing kept; every write goes to storage before it is kept here.
//
// The background is the only writer of storage.local (the popup and the options page ask it by
// message, the content scripts never write; store.js relayWritesTo), so what it kept is what
// storage holds: it does not listen to storage.onChanged, which handed it every change whole, the
// history's megabytes (old and new value) included, at each save during an audit, its own saves
// too. A writer from outside (a test writing storage directly) tells it by `forget` (the
// 'storage.written' message): those keys are read again. A read or write that a change came during
// (this worker's own, or one told) keeps nothing (its answer may be older than that change).
// `enabled` false (the unit tests' in-memory storage, which they set directly): nothing is kept.
// Values are kept as their JSON (what Chromium's storage keeps of them) and handed out parsed anew:
// a caller changing what it got changes nothing kept.
import { canonicalJson } from '../shared/canonical-json.js';

const ABSENT = Symbol('absent');
// How long the worker keeps anything after its last read or write of a kept key: longer than an
// audit's pace between two requests (1.5 s by default), shorter than a worker is kept idle (30 s).
export const IDLE_MS = 20_000;

// `local`: a storage.local (its methods looked up at each call); `keep(key)`: whether a key is kept;
// `max`: keys kept at most. `idleMs`: IDLE_MS (tests shorten it). `starts(key)`: whether a write of
// that key starts the keeping (an audit's: its steps are what reads the same keys again and again);
// until one, it only passes through. `own(key)`: a key kept from its own first read or write on,
// audit or none (the history: a profile's check alone read it whole three or four times, one turn
// of the lock after another); it starts the keeping of no other key, and is forgotten idle as they are.
export function cachedStorage(local, { keep = () => true, starts = () => true, own = () => false, max = 1000, idleMs = IDLE_MS,
  enabled = true } = {}) {
  const known = new Map();
  // Per key, how many changes this worker saw begin or was told of (`all`: of every key, told by
  // forget(null)): a read or write that saw one begin meanwhile keeps nothing.
  const changes = new Map();
  let all = 0;
  const count = (k) => (changes.get(k) || 0) + all;
  const changed = (k) => changes.set(k, (changes.get(k) || 0) + 1);
  const mark = (keys) => new Map(keys.map((k) => [k, count(k)]));
  const put = (k, v) => {
    known.delete(k);
    known.set(k, v);  // the newest last: the oldest goes first
    if (known.size > max) known.delete(known.keys().next().value);
  };
  const kept = (k) => enabled && keep(k) && (keeping || own(k));
  const startsFor = (keys) => enabled && keys.some((k) => keep(k) && starts(k));
  // (Under node, in tests, the timer keeps no process alive.)
  const later = (f) => { const t = setTimeout(f, idleMs); if (t && typeof t.unref === 'function') t.unref(); return t; };
  // Kept from an audit's write on (`own` keys: from their first use); idle for IDLE_MS (no audit
  // step, no use of an `own` key), it forgets all it kept.
  let keeping = false, idle = null, busy = 0;
  const stop = () => {
    idle = null;
    if (busy) { idle = later(stop); return; }
    keeping = false;
    known.clear();
  };
  // Before a read or write of a key kept: the idle time counted anew (`start`: the keeping of every
  // key begins). Returns the end of the operation, to call once it is over.
  const use = (start = false) => {
    if (start) keeping = true;
    clearTimeout(idle);
    idle = later(stop);
    busy++;
    return () => { busy--; };
  };

  // A write or removal that failed: what storage holds of its keys is read again.
  const drop = (keys) => keys.forEach((k) => { known.delete(k); });
  // After a write or removal that went through: kept, unless a change came during it.
  const settle = (values, before) => {
    for (const [k, v] of values) {
      if (count(k) === before.get(k) + 1) put(k, v);
      else known.delete(k);
    }
  };
  const storage = {
    async get(keys) {
      // Everything, or keys with defaults: as storage answers.
      if (keys === null || keys === undefined || (typeof keys === 'object' && !Array.isArray(keys))) return local.get(keys);
      const list = [].concat(keys);
      const done = list.some(kept) ? use() : () => {};
      try {
        return await read(list);
      } finally {
        done();
      }
    },
    async set(items) {
      const keys = Object.keys(items);
      const start = startsFor(keys);
      const done = start || keys.some(kept) ? use(start) : () => {};
      try {
        await write(items, keys);
      } finally {
        done();
      }
    },
    async remove(keys) {
      const list = [].concat(keys);
      const done = list.some(kept) ? use() : () => {};
      try {
        await removal(keys, list);
      } finally {
        done();
      }
    },
  };
  async function read(list) {
    const out = {};
    const miss = [];
    for (const k of list) {
      if (!kept(k) || !known.has(k)) { miss.push(k); continue; }
      const v = known.get(k);
      put(k, v);
      if (v !== ABSENT) out[k] = JSON.parse(v);
    }
    if (!miss.length) return out;
    const before = mark(miss);
    const got = await local.get(miss);
    for (const k of miss) {
      if (Object.hasOwn(got, k)) out[k] = got[k];
      if (kept(k) && count(k) === before.get(k)) {
        put(k, Object.hasOwn(got, k) ? JSON.stringify(got[k]) : ABSENT);
      }
    }
    return out;
  }
  async function write(items, keys) {
    // (A value with no JSON, undefined, is not kept: read as storage answers it.)
    // Kept as its canonical JSON (Chromium's own form: its objects' keys sorted).
    const copies = keys.filter(kept).map((k) => [k, canonicalJson(items[k])]).filter(([, json]) => json !== undefined);
    const before = mark(keys);
    keys.forEach(changed);
    try {
      await local.set(items);
    } catch (e) {
      drop(keys);
      throw e;
    }
    settle(copies, before);
    for (const k of keys) if (!copies.some(([c]) => c === k)) known.delete(k);
  }
  async function removal(keys, list) {
    const before = mark(list);
    list.forEach(changed);
    try {
      await local.remove(keys);
    } catch (e) {
      drop(list);
      throw e;
    }
    settle(list.filter(kept).map((k) => [k, ABSENT]), before);
  }
  // Written by another than this worker (told by a message): `keys` (null: any) are read again, and
  // a read or write under way keeps nothing of them.
  storage.forget = (keys) => {
    if (keys === null) {
      all++;
      known.clear();
      return;
    }
    for (const k of keys) {
      changed(k);
      known.delete(k);
    }
  };
  // Every key stored, where the browser has getKeys (Chromium 130 and later; not Firefox).
  if (typeof local.getKeys === 'function') storage.getKeys = () => local.getKeys();
  return storage;
}
