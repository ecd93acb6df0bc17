// storage.local with what this worker last read or wrote of some keys kept in memory, so that an
// audit's every step does not read its whole record and lists again (about 110 KiB per request,
// three reads of the same record among them). Storage stays the truth: the worker may be stopped
// at any moment and starts with nothing kept; every write goes to storage before it is kept here.
//
// Kept only while nothing else may have changed a key: a change another page made (storage.onChanged
// not of this worker's own writes) forgets it, and a read or write that a change came during keeps
// nothing (its answer may be older than that change). Without onChanged (a test's
// storage without events) nothing is kept at all. Values are kept as their JSON (what Chromium's
// storage keeps of them) and handed out parsed anew: a caller changing what it got changes nothing kept.
import { canonicalJson } from '../shared/canonical-json.js';

// An own write's change event is told apart by the value's canonical JSON: Chromium gives it back
// with its objects' keys sorted, not as written (compared as written, no own write was recognised
// and every audit step forgot what it had kept).
const ABSENT = Symbol('absent');
const GONE = '\u0000gone';
// Own writes awaited back per key, at most (a browser that tells no change for a write of the same
// value leaves some never told: the oldest are dropped, and their event, should it come, forgets).
const MAX_ECHOES = 8;
// How long the worker keeps anything after its last read or write of a kept key: longer than an
// audit's pace between two requests (1.5 s by default), shorter than a worker is kept idle (30 s).
export const IDLE_MS = 20_000;

// `local`: a storage.local (its methods looked up at each call); `events`: storage.onChanged;
// `keep(key)`: whether a key is kept (not the history: large, read seldom); `max`: keys kept at most.
// `idleMs`: IDLE_MS (tests shorten it). `starts(key)`: whether a write of that key starts the keeping
// (an audit's: its steps are what reads the same keys again and again); until one, it only passes
// through, so a profile's check, which saves the history, is not sent that history back.
export function cachedStorage(local, events, { keep = () => true, starts = () => true, max = 1000, idleMs = IDLE_MS } = {}) {
  const known = new Map();
  // Per key, how many changes this worker saw begin or arrive: a read or write that saw one
  // begin meanwhile keeps nothing.
  const changes = new Map();
  const count = (k) => changes.get(k) || 0;
  const changed = (k) => changes.set(k, count(k) + 1);
  const mark = (keys) => new Map(keys.map((k) => [k, count(k)]));
  const put = (k, v) => {
    known.delete(k);
    known.set(k, v);  // the newest last: the oldest goes first
    if (known.size > max) known.delete(known.keys().next().value);
  };
  const kept = (k) => !!events && listening && keep(k);
  // Per key, this worker's writes whose change event has not come back yet (their JSON, GONE for a
  // removal), oldest first: an event of one of them is this worker's own, and what is kept is as new
  // or newer (events can come after later writes of the same key). Any other is another page's.
  const echoes = new Map();
  const expect = (k, json) => {
    const mine = echoes.get(k) || [];
    mine.push(json);
    if (mine.length > MAX_ECHOES) mine.shift();
    echoes.set(k, mine);
  };
  // Listened to only while something is kept: every change comes with its values, the history's
  // (megabytes) too, so a worker listening all the time took in the whole history twice at each
  // check's save. Idle for IDLE_MS (no audit step), it stops listening and forgets all it kept.
  // (The worker tells the Instagram tabs of its writes from the writes themselves, not from a
  // listener: store.js relayWritesTo.)
  const onChange = (changed_, area) => {
    if (area !== 'local') return;
    for (const [k, c] of Object.entries(changed_)) {
      const mine = echoes.get(k) || [];
      // (Serialised only when a write of this worker's is awaited back: not the history's megabytes.)
      const i = !mine.length ? -1 : mine.indexOf(c.newValue === undefined ? GONE : canonicalJson(c.newValue));
      if (i >= 0) {
        mine.splice(0, i + 1);
        if (!mine.length) echoes.delete(k);
        continue;
      }
      echoes.delete(k);
      known.delete(k);
      changed(k);
    }
  };
  if (!events || typeof events.addListener !== 'function') events = null;
  // (Under node, in tests, the timer keeps no process alive.)
  const later = (f) => { const t = setTimeout(f, idleMs); if (t && typeof t.unref === 'function') t.unref(); return t; };
  let listening = false, idle = null, busy = 0;
  const stop = () => {
    idle = null;
    if (busy) { idle = later(stop); return; }
    events.removeListener(onChange);
    listening = false;
    known.clear();
    echoes.clear();
  };
  // Before a read or write of a key kept: listening (from before it, so no change is missed), and
  // the idle time counted anew. Returns the end of the operation, to call once it is over.
  const use = () => {
    if (!listening) {
      events.addListener(onChange);
      listening = true;
    }
    clearTimeout(idle);
    idle = later(stop);
    busy++;
    return () => { busy--; };
  };

  // A write or removal that failed: what storage holds of its keys is read again.
  const forget = (keys) => keys.forEach((k) => { known.delete(k); echoes.delete(k); });
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
      const done = keys.some(kept) || (events && keys.some((k) => keep(k) && starts(k))) ? use() : () => {};
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
    // Kept as its canonical JSON, the form its change event is recognised by (and Chromium's own).
    const copies = keys.filter(kept).map((k) => [k, canonicalJson(items[k])]).filter(([, json]) => json !== undefined);
    const before = mark(keys);
    keys.forEach(changed);
    for (const [k, json] of copies) expect(k, json);
    try {
      await local.set(items);
    } catch (e) {
      forget(keys);
      throw e;
    }
    settle(copies, before);
    for (const k of keys) if (!copies.some(([c]) => c === k)) known.delete(k);
  }
  async function removal(keys, list) {
    const before = mark(list);
    list.forEach(changed);
    for (const k of list.filter(kept)) expect(k, GONE);
    try {
      await local.remove(keys);
    } catch (e) {
      forget(list);
      throw e;
    }
    settle(list.filter(kept).map((k) => [k, ABSENT]), before);
  }
  // Every key stored, where the browser has getKeys (Chromium 130 and later; not Firefox).
  if (typeof local.getKeys === 'function') storage.getKeys = () => local.getKeys();
  return storage;
}
