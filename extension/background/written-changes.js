// What one write of the background's tells the Instagram tabs (tab-relay.js), built at the write
// itself: the background is the only writer of what the tabs follow (the popup and options pages
// ask it to write: handlers.js), so it knows old and new there, and does not listen to
// storage.onChanged, which handed every listener the whole history, old and new (megabytes,
// structured-cloned), at each save of it (every check, an import, a migration), to a background
// that had just written it.
import { HISTORY_KEY } from '../shared/history.js';
import { READ_FIELDS } from '../shared/reading-change.js';
import { changesForTabs, followedKey } from './tab-relay.js';

const isMap = (v) => !!v && typeof v === 'object' && !Array.isArray(v);
// (A copy: the history read or written may be changed in place after; an array's items, such as
// former_usernames', are strings, an object's, such as latest_count's, numbers.)
const readOf = (e) => {
  if (!isMap(e)) return e;
  const out = {};
  for (const f of READ_FIELDS) {
    if (Object.hasOwn(e, f) && e[f] !== undefined) out[f] = Array.isArray(e[f]) ? [...e[f]] : isMap(e[f]) ? { ...e[f] } : e[f];
  }
  return out;
};

// A history value (as stored) as the tabs read it: its schema, and each entry's READ_FIELDS alone
// (no report: newReadingOf and renamedNow read none, and a tab asks the background for the
// reading it shows: content/main.js followReading), in the history's order; null for no history
// or one of another shape (no entries map), whose entries no tab reads. Object.fromEntries: a
// username such as "__proto__" stays an entry.
export function readingsOf(history) {
  if (!isMap(history) || !isMap(history.entries)) return null;
  return { schema: history.schema, entries: Object.fromEntries(Object.entries(history.entries).map(([n, e]) => [n, readOf(e)])) };
}

// The tabs' `changes` (storage.onChanged's shape, changesForTabs's filter: null for nothing) of a
// write that went through: `items` set, `removed` keys removed. The history's values are given as
// readingsOf made them: `before`, the history as stored before the write, and `after`, as written
// (the relayed change holds only the entries whose reading changed between them). The other keys
// the tabs follow (settings, scheduler, an audit's record) go as written, copied now (the
// caller's object may change before the relay sends it); a removal as {} (no tab reads their
// old value).
export function writtenChanges(items, removed = [], { before = null, after = null } = {}) {
  const changes = {};
  for (const key of Object.keys(items)) {
    if (!followedKey(key)) continue;
    changes[key] = key === HISTORY_KEY ? { ...(before ? { oldValue: before } : {}), ...(after ? { newValue: after } : {}) }
      : { newValue: structuredClone(items[key]) };
  }
  for (const key of [].concat(removed)) {
    if (followedKey(key) && !(key in items)) changes[key] = key === HISTORY_KEY && before ? { oldValue: before } : {};
  }
  return changesForTabs(changes);
}
