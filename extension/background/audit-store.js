// How an audit is laid out in storage.local, so that each step of it writes what it changed and
// not the whole audit (80-120 kB once its lists and accounts are read, written three times per
// request before):
//   audit:<username>      its record: everything but its lists, with `parts` (how many chunks
//                         each list has, and its length) and `progress` (progressOf, for a page
//                         following the audit from storage: audit.js auditView)
//   auditpart:<username>:<list>:<i>   its lists in chunks of CHUNK items (the followers, likers
//                         and commenters listed, the comments read, the accounts read in full):
//                         the lists only grow, so an answer rewrites the last chunk of one list
//   auditpart:<username>:estimates.<source>   each source's estimate (of the followers, likers,
//                         commenters): an answer re-estimates its own source alone, so the two others
//                         are not written again (the record held all three, 12 KiB of its 21, and was
//                         written at every answer). The record names them (`estimatesApart`); its
//                         report leaves out its audience when that is the followers' estimate
//                         (`audienceApart`: 4 KiB more, twice). A page following the audit from
//                         storage asks the background for its view (content/main.js followAudit).
//   auditstep:<username>  what the steps between two answers change alone: the request handed
//                         out and its claim (pending), the next request's id (nextId), the page
//                         that runs the audit (runner: the last to claim a request)
// Every save is one storage.set (the record, its changed chunks and an emptied step; or the step
// alone): a worker stopped at any moment leaves storage as one save left it, and storage stays the
// truth. Chunks a save no longer refers to are removed after it; left by a stop in between, they
// are never read, and the record says they may be there (parts' `hi`) until the next save removes
// them; deleting an audit removes its chunks by prefix (keysOfAudit). A record stored before this
// layout (no `parts`) holds its lists and reads as it is.
import { AUDIT_PREFIX, progressOf } from '../shared/audit.js';
import { canonicalJson } from '../shared/canonical-json.js';

export const AUDIT_STEP_PREFIX = 'auditstep:';
export const AUDIT_PART_PREFIX = 'auditpart:';
// The fields a step may hold: none that the record's other readers use (the content script
// following another tab's audit: auditView; the popup's list; making room for a write: status).
export const STEP_FIELDS = ['pending', 'nextId', 'runner'];
// The lists kept in chunks: [field, subfield] (`full`, a map, as its [username, record] entries).
export const LISTS = [['followers', 'lite'], ['likers', 'lite'], ['commenters', 'lite'], ['commenters', 'comments'], ['full']];
export const CHUNK = 25;

const listName = (path) => path.join('.');
// The sources whose estimate is kept apart when it is one (an object; null stays in the record).
export const ESTIMATES_APART = ['followers', 'likers', 'commenters'];
const estimateKey = (username, source) => `${AUDIT_PART_PREFIX}${username}:estimates.${source}`;
const apartOf = (record) => (record && Array.isArray(record.estimatesApart) ? record.estimatesApart.filter((s) => ESTIMATES_APART.includes(s)) : []);
export const auditKeys = (username) => [AUDIT_PREFIX + username, AUDIT_STEP_PREFIX + username];
const partKey = (username, path, i) => `${AUDIT_PART_PREFIX}${username}:${listName(path)}:${i}`;

// The keys of the chunks a stored record refers to (none for one of the earlier layout).
export function partKeys(username, record) {
  const parts = record && record.parts && typeof record.parts === 'object' ? record.parts : {};
  return LISTS.flatMap((path) => {
    const n = parts[listName(path)] && Number.isSafeInteger(parts[listName(path)].n) ? parts[listName(path)].n : 0;
    return Array.from({ length: n }, (_, i) => partKey(username, path, i));
  });
}

// Every key of the audit of `username` among `keys` (the stored keys): its record, its step and
// every chunk by prefix, also those a worker stopped between a save and its removals left past a
// list's end, which its record no longer refers to.
export function keysOfAudit(username, keys) {
  const own = new Set(auditKeys(username));
  const parts = `${AUDIT_PART_PREFIX}${username}:`;
  return keys.filter((k) => own.has(k) || k.startsWith(parts));
}

// A list's items in an audit (the accounts read in full as [username, record] pairs).
function itemsOf(a, path) {
  if (path.length === 1) return Object.entries(a[path[0]] || {});
  const v = a[path[0]] && a[path[0]][path[1]];
  return Array.isArray(v) ? v : [];
}

// A record and chunks that do not make one audit: a save came between reading the record and its
// chunks (a reader outside the background's lock, such as a page of the extension), which rewrote
// a chunk or removed one the record read refers to. readStored reads again.
const changedWhileRead = (message) => Object.assign(new Error(message), { changedWhileRead: true });

// A list left unread by a lazy read (readStored's `lists`): it knows its length (the record's
// `parts`, which a page's progress reads) and throws notRead at any other use, so a handler that
// needs its items reads it and runs again (store.js locked), never working on an empty list. An
// audit holding one is saved only over the read it came from (auditWrite keeps its chunks).
const unreadLists = new WeakMap();
export const notRead = (username, list) =>
  Object.assign(new Error(`audit of @${username}: its list ${list} was not read`), { notRead: { username, list } });
function unreadList(username, list, length) {
  const no = () => { throw notRead(username, list); };
  const p = new Proxy([], { get: (t, k) => (k === 'length' ? length : no()), has: no, ownKeys: no, getOwnPropertyDescriptor: no,
                             set: no, defineProperty: no, deleteProperty: no });
  unreadLists.set(p, { username, list });
  return p;
}
export const isUnread = (v) => unreadLists.has(v);

// The lists a lazy read always reads: `full`, the accounts read in full, since every page's
// progress (progressOf) asks which picks are read.
export const ALWAYS_READ = ['full'];

// The audit a record, its chunks (`chunks`: key -> items) and its step make; null without a record.
// `lists`: the names of the lists to read (null: all); the others are unreadList placeholders
// (read anyway when the record does not say their length).
export function assembled(record, chunks = {}, lists = null) {
  if (!record) return null;
  if (!record.parts) return record;
  const a = { ...record };
  const parts = a.parts;
  delete a.parts;
  delete a.progress;
  delete a.estimatesApart;
  delete a.audienceApart;
  const apart = apartOf(record);
  if (apart.length) {
    const est = { ...(a.estimates || {}) };
    for (const source of apart) {
      const v = chunks[estimateKey(a.username, source)];
      if (!v || typeof v !== 'object') throw changedWhileRead(`audit of @${a.username}: the ${source} estimate is missing`);
      est[source] = v;
    }
    a.estimates = est;
  }
  if (record.audienceApart === true && a.report && a.estimates) a.report = { ...a.report, audience: a.estimates.followers || null };
  for (const path of LISTS) {
    const p = parts[listName(path)] || { n: 0 };
    let items;
    if (lists && !lists.includes(listName(path)) && Number.isSafeInteger(p.length) && path.length === 2) {
      items = unreadList(a.username, listName(path), p.length);
    } else {
      items = [];
      for (let i = 0; i < p.n; i++) {
        const chunk = chunks[partKey(a.username, path, i)];
        if (!Array.isArray(chunk)) throw changedWhileRead(`audit of @${a.username}: chunk ${i} of ${listName(path)} is missing`);
        items.push(...chunk);
      }
      if (Number.isSafeInteger(p.length) && items.length !== p.length) {
        throw changedWhileRead(`audit of @${a.username}: ${listName(path)} holds ${items.length} items, its record says ${p.length}`);
      }
    }
    if (path.length === 1) a[path[0]] = Object.fromEntries(items);
    else a[path[0]] = { ...a[path[0]], [path[1]]: items };
  }
  return a;
}

// The keys of the chunks of `lists` (null: all) a stored record refers to.
function chunkKeys(username, record, lists) {
  return partKeys(username, record).filter((k) => !lists || lists.some((l) => k.startsWith(`${AUDIT_PART_PREFIX}${username}:${l}:`)));
}

// The audit with its step (a step of another shape, or fields a step never holds, are ignored).
export function mergedAudit(audit, step) {
  if (!audit) return null;
  const own = step && typeof step === 'object' && !Array.isArray(step) ? step : {};
  const out = { ...audit };
  for (const k of STEP_FIELDS) if (k in own) out[k] = own[k];
  return out;
}

// Reads the audit of `username` from `storage` (a storage.local): {record, step, audit (without
// its step), merged (with it), chunks (those read), lists (the lists read, null: all)}, or null
// when none is stored. Two reads: the record and its step, then its chunks; each save is one
// storage.set, so a save between the two leaves a record and chunks of two saves (the
// changedWhileRead error), read again, a few times at most. `lists`: the lists to read
// (ALWAYS_READ with them), the others left unread (unreadList); null: all.
export async function readStored(storage, username, { lists = null, tries = 5 } = {}) {
  const [key, stepKey] = auditKeys(username);
  const want = lists && [...new Set([...ALWAYS_READ, ...lists])];
  for (let attempt = 1; ; attempt++) {
    const out = await storage.get([key, stepKey]);
    const record = out[key] || null;
    if (!record) return null;
    const keys = [...chunkKeys(username, record, want), ...(record.parts ? apartOf(record).map((s) => estimateKey(username, s)) : [])];
    const chunks = keys.length ? await storage.get(keys) : {};
    try {
      return made(record, out[stepKey] || {}, chunks, want);
    } catch (e) {
      if (!e.changedWhileRead || attempt >= tries) throw e;
    }
  }
}

function made(record, step, chunks, lists) {
  const audit = assembled(record, chunks, lists);
  return { record, step, audit, merged: mergedAudit(audit, step), chunks, lists };
}

// `r` (readStored's) with `lists` read too (null: all), when nothing was written since it was read
// (the same turn of the background's lock): its record is the one stored, only chunks are read.
export async function withLists(storage, r, lists) {
  if (!r.lists || !r.record.parts) return r;
  const want = lists && [...new Set([...r.lists, ...lists])];
  if (want && want.every((l) => r.lists.includes(l))) return r;
  const keys = chunkKeys(r.audit.username, r.record, want).filter((k) => !(k in r.chunks));
  const chunks = { ...r.chunks, ...(keys.length ? await storage.get(keys) : {}) };
  return made(r.record, r.step, chunks, want);
}

// The audit of `username` as stored, whole (for tests and pages reading storage: the background
// reads through store.getAudit).
export const readAudit = async (storage, username) => {
  const r = await readStored(storage, username);
  return r ? r.merged : null;
};

// Its progress, or null for a record that is no whole audit (a page then reads none from it).
function progressOrNull(audit) {
  try {
    return progressOf(audit);
  } catch (e) {
    if (e.notRead) throw e;
    return null;
  }
}

const fieldsOf = (a, b) => [...new Set([...Object.keys(a), ...Object.keys(b)])];
const sameItem = (x, y) => x === y || (Array.isArray(x) && Array.isArray(y) && x.length === 2 && x[0] === y[0] && x[1] === y[1]);

// The storage items that save `audit` given what this turn read of it (`read`: readStored's, or
// null: all of it), the keys to remove after (`remove`: chunks past a list's new end, which its
// record says may be there, `hi`, until a save removes them before it: `stale`). Values are
// compared by identity: the audit functions copy what they change and keep what they do not.
// Returns {items: {}} when nothing changed; the step alone when only step fields changed; else
// the record, the chunks that changed and an emptied step.
export function auditWrite(audit, read) {
  const [key, stepKey] = auditKeys(audit.username);
  const same = read && read.record && read.audit && read.audit.username === audit.username;
  if (same && fieldsOf(audit, read.merged).every((k) => audit[k] === read.merged[k])) return { items: {}, remove: [], stale: [] };
  if (same) {
    const changed = fieldsOf(audit, read.audit).filter((k) => audit[k] !== read.audit[k]);
    if (changed.every((k) => STEP_FIELDS.includes(k) && k in audit)) {
      return { items: { [stepKey]: Object.fromEntries(changed.map((k) => [k, audit[k]])) }, remove: [], stale: [] };
    }
  }
  // The old chunks are reused only where the stored record has chunks (not the earlier layout).
  const chunked = same && !!read.record.parts;
  const items = {}, parts = {}, remove = [], stale = [];
  const record = { ...audit };
  for (const path of LISTS) {
    const name = listName(path);
    // What the stored record says of the list: its chunks past the new end are removed after.
    const stored = chunked && read.record.parts[name] && Number.isSafeInteger(read.record.parts[name].n) ? read.record.parts[name] : { n: 0 };
    // Chunks a save before removed after it (`hi`: how many there were), perhaps not (the worker
    // stopped in between): removed before this save, which no longer says they may be there.
    for (let i = stored.n; i < (Number.isSafeInteger(stored.hi) ? stored.hi : 0); i++) stale.push(partKey(audit.username, path, i));
    const value = path.length === 1 ? audit[path[0]] : audit[path[0]] && audit[path[0]][path[1]];
    if (isUnread(value)) {
      // Not read, so unchanged: its chunks stay. Only over the read it came from (another's
      // placeholder would leave the chunks of a list this save knows nothing of).
      const of = unreadLists.get(value);
      if (!chunked || of.username !== audit.username || of.list !== name) throw new Error(`audit of @${audit.username}: ${name} saved without being read`);
      parts[name] = { n: stored.n, length: value.length };
    } else {
      const now = itemsOf(audit, path);
      // Unread in what was read (a list made anew over one not read): every chunk is written.
      const was = chunked ? itemsOf(read.audit, path) : [];
      const before = isUnread(was) ? null : was;
      const n = Math.ceil(now.length / CHUNK);
      for (let i = 0; i < n; i++) {
        const slice = now.slice(i * CHUNK, (i + 1) * CHUNK);
        const old = before ? before.slice(i * CHUNK, (i + 1) * CHUNK) : [];
        if (!before || slice.length !== old.length || slice.some((x, j) => !sameItem(x, old[j]))) items[partKey(audit.username, path, i)] = slice;
      }
      for (let i = n; i < stored.n; i++) remove.push(partKey(audit.username, path, i));
      parts[name] = { n, length: now.length, ...(stored.n > n ? { hi: stored.n } : {}) };
    }
    if (path.length === 1) delete record[path[0]];
    else if (record[path[0]]) {
      record[path[0]] = { ...record[path[0]] };
      delete record[path[0]][path[1]];
    }
  }
  // A copy of estimates.followers an audit stored before kept (audit.js audienceOf) is not written again.
  if (record.estimates && typeof record.estimates === 'object') delete record.estimate;
  // Each source's estimate apart, written when it is not the one read (the audit functions make a
  // new one only for a source estimated again); those apart no more are removed after.
  const wasApart = chunked ? apartOf(read.record) : [];
  const apart = [];
  if (record.estimates && typeof record.estimates === 'object' && !Array.isArray(record.estimates)) {
    const inRecord = {};
    for (const [source, v] of Object.entries(record.estimates)) {
      if (!ESTIMATES_APART.includes(source) || !v || typeof v !== 'object') { inRecord[source] = v; continue; }
      apart.push(source);
      const was = wasApart.includes(source) && read.audit.estimates ? read.audit.estimates[source] : undefined;
      if (was !== v) items[estimateKey(audit.username, source)] = v;
    }
    // The report's audience is the followers' estimate (audit.js audienceOf): kept once.
    if (record.report && typeof record.report === 'object' && record.report.audience && record.estimates.followers
        && (record.report.audience === record.estimates.followers || canonicalJson(record.report.audience) === canonicalJson(record.estimates.followers))) {
      record.report = { ...record.report };
      delete record.report.audience;
      record.audienceApart = true;
    }
    record.estimates = inRecord;
  }
  for (const source of wasApart) if (!apart.includes(source)) remove.push(estimateKey(audit.username, source));
  if (apart.length) record.estimatesApart = apart;
  items[key] = { ...record, parts, progress: progressOrNull(audit) };
  items[stepKey] = {};
  return { items, remove, stale: stale.filter((k) => !(k in items)) };
}
