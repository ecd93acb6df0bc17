import { canonicalJson } from '../../../extension/shared/canonical-json.js';

// A fake `chrome` for the background's modules under node: storage.local in memory, with an
// optional byte quota (the JSON size of everything stored) whose overflow throws as Chromium's
// does and leaves storage as it was. Install it before importing the modules that use it.
// `events`: storage.onChanged too, told of each set and remove a task later, as a browser tells it
// (the background then keeps what it reads in memory, store.js: storage-cache.js, which listens to
// none of them; a test setting `data` directly tells no one, so only with events: false, the default).
// Returns {data (what is stored, to read and set directly), size(), quota (settable), listeners() (how many onChanged has)}.
// Stored as Chromium stores a value: its JSON (undefined members dropped), every object's keys sorted;
// get and change events give it back so.
const asStored = (items) => JSON.parse(canonicalJson(items));
export function installFakeChrome({ events = false } = {}) {
  const fake = { data: {}, quota: Infinity, size: () => JSON.stringify(fake.data).length };
  const { data } = fake;
  const listeners = new Set();
  // (The values as stored then: a later set replaces them, never changes them.)
  const tell = (changes) => {
    if (Object.keys(changes).length) setTimeout(() => { for (const l of listeners) l(structuredClone(changes), 'local'); }, 0);
  };
  const onChanged = { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l), hasListener: (l) => listeners.has(l) };
  fake.listeners = () => listeners.size;
  globalThis.chrome = {
    runtime: { getURL: (p) => `chrome-extension://test/${p}`, id: 'test' },
    i18n: { getUILanguage: () => 'en' },
    storage: {
      local: {
        async get(key) {
          if (key === null) return structuredClone(data);
          // A list of keys: those stored, as Chromium answers.
          return Object.fromEntries([].concat(key).filter((k) => k in data).map((k) => [k, structuredClone(data[k])]));
        },
        async set(items) {
          const backup = structuredClone(data);
          Object.assign(data, asStored(items));
          if (fake.size() > fake.quota) {
            for (const k of Object.keys(data)) delete data[k];
            Object.assign(data, backup);
            throw new Error('QUOTA_BYTES quota exceeded');
          }
          tell(Object.fromEntries(Object.keys(items).map((k) => [k, { oldValue: backup[k], newValue: data[k] }])));
        },
        async remove(keys) {
          const gone = [].concat(keys).filter((k) => k in data);
          const changes = Object.fromEntries(gone.map((k) => [k, { oldValue: data[k] }]));
          for (const k of gone) delete data[k];
          tell(changes);
        },
      },
      ...(events ? { onChanged } : {}),
    },
  };
  return fake;
}

// Each read of `local` logged: `reads` gets the keys each get asked for (null: all); `get` is the
// storage's own, `logged` the logging one put in its place (for a test that swaps in another).
export function logReads(local) {
  const reads = [];
  const get = local.get;
  const logged = async (keys) => {
    reads.push(keys === null ? null : [].concat(keys));
    return get.call(local, keys);
  };
  local.get = logged;
  return { reads, get, logged };
}
