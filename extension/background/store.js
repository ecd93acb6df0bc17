// Everything the background keeps, in storage.local, read and written under one lock so
// messages from several tabs never interleave a read-modify-write. Nothing is kept only in
// memory (what is, is a copy of what storage holds: storage-cache.js): the service worker may be
// stopped between any two messages.
import { storage as stored, storageEvents } from '../platform/browser.js';
import { SETTINGS_KEY, normalizeSettings } from '../shared/settings.js';
import { HISTORY_KEY, migrate, putEntry, overflow, shrink, SCHEMA_VERSION, displacedBy, entryUserId, withRename,
  withAuditEnds } from '../shared/history.js';
import { normalizeSchedulerState, SCHEDULER_KEY } from '../shared/scheduler.js';
import { ASIDE_KEY, addAside, normalizeAside, removeAside } from '../shared/set-aside.js';
import { takenItem, keptFor } from '../shared/taken.js';
import { AUDIT_PREFIX, resumable, underWay } from '../shared/audit.js';
import { AUDIT_STEP_PREFIX, AUDIT_PART_PREFIX, auditKeys, auditWrite, readStored, keysOfAudit, withLists } from './audit-store.js';
import { cachedStorage } from './storage-cache.js';
import { INSTANT_SLOTS_KEY } from './instant-slots.js';
import { INSTANT_ANSWERS_KEY } from './instant-answers.js';
import { UNREADABLE_WAITS_KEY } from './unreadable-waits.js';
import { endedUnsaved, reportAwaited, entryOfAudit } from './ended-unsaved.js';
import { readingsOf, writtenChanges } from './written-changes.js';

const DOC_PREFIX = 'doc:';
const DOCS_INDEX_KEY = 'docs';
const MAX_DOCS = 12;

// What an audit's steps read again and again is kept in memory between messages (storage-cache.js):
// the audit (record, step, chunks), the scheduler, the settings and the cached documents, from an
// audit's first write on (storage-cache.js `starts`). And the history and the set-aside list from
// their first read (`own`): one check read the history whole in each of its turns of the lock and
// the page's stored reading before them, four reads of ~0.9 s each at 1,300 entries with reports
// (6.7 MB; tools/research/history_reads.mjs), and the set-aside list three times. Kept as JSON and
// parsed anew per read, as every kept key: a parse from memory (~60 ms at that size) is ~15 times
// cheaper than storage's read, and a caller changing what it got changes nothing kept.
const AUDIT_PREFIXES = [AUDIT_PREFIX, AUDIT_STEP_PREFIX, AUDIT_PART_PREFIX];
const KEPT_PREFIXES = [...AUDIT_PREFIXES, DOC_PREFIX];
const OWN_KEYS = [HISTORY_KEY, ASIDE_KEY];
const KEPT_KEYS = [SETTINGS_KEY, SCHEDULER_KEY, DOCS_INDEX_KEY, INSTANT_SLOTS_KEY, INSTANT_ANSWERS_KEY, UNREADABLE_WAITS_KEY, ...OWN_KEYS];
// (A storage without change events is the unit tests' in-memory one, which they set directly
// between handlers: nothing is kept from it. The events are not listened to: storage-cache.js.)
const local = cachedStorage(stored, { enabled: !!storageEvents, keep: (k) => KEPT_KEYS.includes(k) || KEPT_PREFIXES.some((p) => k.startsWith(p)),
                                                     starts: (k) => AUDIT_PREFIXES.some((p) => k.startsWith(p)), own: (k) => OWN_KEYS.includes(k) });

// The relay of this worker's writes to the Instagram tabs (tab-relay.js's relay(changes, area)),
// set by service-worker.js at its top level, before any message can make a write; none: nothing is
// told (the unit tests of the store alone). Every write of storage.local goes through `storage`
// below, so every writer of what the tabs follow tells them: the history's saves (a check, an
// audit's end, a rename's move, making room, marking an audit ended early, an import, a
// migration written back, a delete, the set-aside list discarded), the settings, the scheduler and
// the audits' records. Told once the write went through, never for one that failed.
let relayWrites = null;
export function relayWritesTo(relay) { relayWrites = relay; }

// Keys written by another than the background (`keys`, null: any): none in the extension, which
// writes storage.local only here; a test writing storage directly says so ('storage.written'), and
// what this worker kept of them is read again (storage-cache.js).
export const writtenElsewhere = (keys) => local.forget(keys);

// What the tabs read of the history as stored (written-changes.js readingsOf), as this turn of the
// lock last read or wrote it ({turn, readings}): a save's old value, so that no write reads the
// history again for it (each writer read it in the same turn).
let turns = 0;
let historySeen = null;
const seeHistory = (value) => { historySeen = { turn: turns, readings: readingsOf(value) }; };
const historyBefore = async () => {
  if (!historySeen || historySeen.turn !== turns) seeHistory((await local.get(HISTORY_KEY))[HISTORY_KEY]);
  return historySeen.readings;
};
// After a write that went through: the history's readings as now stored, and the tabs told.
function written(items, removed, before) {
  const history = HISTORY_KEY in items || removed.includes(HISTORY_KEY);
  if (history) seeHistory(items[HISTORY_KEY]);
  if (!relayWrites) return;
  const changes = writtenChanges(items, removed, history ? { before, after: historySeen.readings } : {});
  // (Not awaited: the tabs' answers are no part of the write.)
  if (changes) relayWrites(changes, 'local');
}

// storage.local, noting whether this turn of the lock wrote (locked: a turn that wrote is not run again).
let wroteInTurn = false;
const storage = {
  get: async (keys) => {
    const got = await local.get(keys);
    if (keys === null || [].concat(keys).includes(HISTORY_KEY)) seeHistory(got[HISTORY_KEY]);
    return got;
  },
  // Every key stored (getKeys where the browser has it: Chromium 130 and later).
  keys: async () => (typeof local.getKeys === 'function' ? local.getKeys() : Object.keys(await local.get(null))),
  set: async (items) => {
    wroteInTurn = true;
    const before = HISTORY_KEY in items ? await historyBefore() : null;
    await local.set(items);
    written(items, [], before);
  },
  remove: async (keys) => {
    wroteInTurn = true;
    const list = [].concat(keys);
    const before = list.includes(HISTORY_KEY) ? await historyBefore() : null;
    await local.remove(keys);
    written({}, list, before);
  },
};

let chain = Promise.resolve();
// Runs fn with the lock held; callers queue in order. What an earlier turn read of the audits
// (`readAudits`) is forgotten first: storage may have changed between turns. An audit read lazily
// (getAudit) whose unread list fn used (audit-store.js notRead) is read with that list, and fn run
// again from the start: fn only read until then (a turn that wrote throws the error as it is).
export function locked(fn) {
  const turn = async () => {
    turns++;
    readAudits.clear();
    wanted.clear();
    for (;;) {
      wroteInTurn = false;
      try {
        return await fn();
      } catch (e) {
        const miss = e && e.notRead;
        if (!miss || wroteInTurn || (wanted.get(miss.username) || []).includes(miss.list)) throw e;
        wanted.set(miss.username, [...(wanted.get(miss.username) || []), miss.list]);
      }
    }
  };
  const run = chain.then(turn, turn);
  chain = run.catch(() => {});
  return run;
}
// The lists of each audit this turn's fn used unread: its next run reads them.
const wanted = new Map();

export async function get(key) {
  const out = await storage.get(key);
  return out[key];
}

export function isQuotaError(e) {
  return /quota/i.test(String(e && e.message ? e.message : e));
}

export async function getSettings() {
  return normalizeSettings(await get(SETTINGS_KEY));
}

export async function setSettings(patch) {
  const next = normalizeSettings({ ...(await getSettings()), ...patch });
  await write({ [SETTINGS_KEY]: next });
  return next;
}

// What the stored history holds that could not be copied aside (storage too full for the copy,
// as a large history of a later schema is): while there is any, the history is never written
// over (a save fails as storage full), and the popup offers it where it is, for download or
// discard. Found again by every read of the history (a restarted worker too).
let heldInPlace = [];
export const heldItems = () => heldInPlace;

// The history, migrated to the current schema (and written back once when it was older).
// What could not be read is kept aside first (set-aside.js), so the write back loses nothing;
// what cannot even be copied stays where it is (heldInPlace).
export async function getHistory() {
  const raw = await get(HISTORY_KEY);
  const { history, migratedFrom, aside } = migrate(raw);
  const kept = aside.length ? await keepAside(aside) : true;
  heldInPlace = kept ? [] : aside;
  // Written back without what was copied aside, too: left in storage, each read copied it aside
  // again, and a discard in the popup did not hold (the next read brought it back).
  if (kept && (aside.length || migratedFrom !== null || (raw && raw.schema !== SCHEMA_VERSION))) await saveHistory(history);
  return history;
}

// getHistory for a reader outside store.locked (the popup's list, a tab's cached reading): in
// turn with the writers, since a read writes the history back (after a migration, and without an
// entry it copied aside). Unlocked, that write could land after a save made meanwhile and undo it
// (a profile just deleted came back, a reading just saved was lost). Never call it inside locked().
export const readHistory = () => locked(getHistory);

const heldError = () => new Error(`QUOTA_BYTES: storage is too full to keep aside ${heldInPlace.length} item(s) of the stored ` +
  'history, so it is not written over: download or discard them in the popup');

// Adds `aside` items (migrate()'s, overflow()'s) to those kept. Returns whether they are kept (a
// write that does not fit makes no room here, as it would read the history again, unless `room`:
// for an entry a save is about to replace, when the history read is the one being saved).
async function keepAside(items, { room = false } = {}) {
  const next = addAside(await getAside(), items, Date.now());
  if (!next) return true;
  try {
    if (room) await write({ [ASIDE_KEY]: next });
    else await storage.set({ [ASIDE_KEY]: next });
    return true;
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    console.warn('fakemeter: storage is full; these could not be kept aside:', items.map((i) => i.reason));
    return false;
  }
}

export async function getAside() {
  return normalizeAside(await get(ASIDE_KEY));
}

// Discards what is kept aside, and what is held in place: a whole history of another layout is
// removed; entries of the stored history that could not be read are left out of it, the
// others kept.
export async function clearAside() {
  const held = heldInPlace;
  heldInPlace = [];
  await storage.remove(held.some((i) => i.key === 'history') ? [ASIDE_KEY, HISTORY_KEY] : ASIDE_KEY);
  if (held.length && !held.some((i) => i.key === 'history')) await saveHistory(migrate(await get(HISTORY_KEY)).history);
}

// chrome.storage.local holds 10 MiB (QUOTA_BYTES; no unlimitedStorage permission, on
// purpose). When a write does not fit, room is made from what can be rebuilt or spared, in
// this order: cached profile documents (oldest first; never one being written or one an
// audit needs), then finished audits' working state (lists read, records fetched: 80-100 kB
// each, so about a hundred filled storage and stopped the next audit; oldest first; only those
// whose results are in the history, with each source's estimate), then the full reports of the
// oldest half of the history (every entry keeps its numbers). Running and resumable audits
// (cancelled, or stopped by a login or challenge page), history numbers and settings are never
// dropped; when nothing is left to drop the quota error comes out and the caller says storage
// is full.

// Whether the audit of `username` needs its profile's document: under way, or able to resume
// (cancelled, or stopped by a login or challenge page); without it, its report is never made.
// (Its record says so: no need to read its lists.)
async function auditNeedsDoc(username) {
  const audit = await get(AUDIT_PREFIX + username);
  return !!audit && (underWay(audit.status) || resumable(audit));
}

// Removes the oldest cached document that is not protected nor needed by its audit (auditNeedsDoc;
// such audits are never dropped either: with nothing else to go, the write that needed the room
// fails as storage full, and its caller says so). Returns whether it removed one.
async function dropOldestDoc(protect = []) {
  const index = (await get(DOCS_INDEX_KEY)) || [];
  for (const u of index) {
    if (protect.includes(DOC_PREFIX + u) || await auditNeedsDoc(u)) continue;
    await storage.remove(DOC_PREFIX + u);
    await storage.set({ [DOCS_INDEX_KEY]: index.filter((x) => x !== u) });
    return true;
  }
  return false;
}

// The entries of the stored history `raw` as it is (making room reads it so: getHistory may write).
const storedEntries = (raw) => (raw && raw.schema === SCHEMA_VERSION && raw.entries && typeof raw.entries === 'object' ? raw.entries : {});

// Removes the finished (done or stopped) audit updated longest ago that is not protected and
// cannot be resumed (one stopped by a login or challenge page goes on once the user is back), nor
// ended with a result the stored history lacks (the worker stopped between the write ending it
// and the history's: ended-unsaved.js): dropped, its result was lost; kept, the next look at its
// profile saves it (handlers.js keepEndedAudits). Nor one whose result `saving` (the entries of a
// history about to be saved: saveHistory) lacks. One whose result only the history being saved
// holds is kept too, unless `lastResort` (saveHistory, with nothing else to go): dropped before
// that write, which then failed or never came (the worker stopped during it, a large history's
// write taking longest), its result was lost. Nor one ended without its report, its profile's
// document lost (reportAwaited): its estimates are its result, which the profile's next check
// makes its report of (handlers.js reportWithDoc).
// Returns what it removed ({username, audit}), or false.
async function dropOldestFinishedAudit(protect = [], saving = null, { lastResort = false } = {}) {
  const all = await storage.get(null);
  const histories = [...(lastResort ? [] : [storedEntries(all[HISTORY_KEY])]), ...(saving ? [saving] : [])];
  const unsaved = (k, a) => {
    const name = k.slice(AUDIT_PREFIX.length);
    // (Under a name its account left, told against the account's entry under its name now.)
    return histories.some((entries) => {
      const entry = entryOfAudit(entries, name, a);
      return endedUnsaved(name, a, entry) || reportAwaited(a, entry);
    });
  };
  const finished = Object.entries(all)
    .filter(([k, a]) => k.startsWith(AUDIT_PREFIX) && !protect.includes(k) && a && ['done', 'stopped'].includes(a.status) && !resumable(a)
      && !unsaved(k, a))
    .sort(([, a], [, b]) => (a.updatedAt || 0) - (b.updatedAt || 0));
  if (!finished.length) return false;
  const [key, record] = finished[0];
  const name = key.slice(AUDIT_PREFIX.length);
  // Its history entry says first that it ended early, where it did: with the state gone nothing
  // else tells. Written after the removal only when storage is too full for it before.
  const marked = await markEndedEarly(name, record);
  await storage.remove(keysOfAudit(name, Object.keys(all)));
  readAudits.delete(name);
  if (marked === 'no room') await markEndedEarly(name, record);
  return { username: name, audit: record };
}

// An audit stopped before its plan (history.js auditEndedEarly) whose entry was saved before
// audit_partial was kept is told "ended early" by its stored state alone: dropped for room, the
// entry read "audited", as if the audit had read all it planned. Sets audit_partial on the stored
// entry (`record`: the audit's stored record, with its status and report). Returns 'no room' when
// the write did not fit, else whether it wrote. Reads the history as stored: getHistory may write
// it back, and making room is what a write that does not fit does.
async function markEndedEarly(username, record) {
  const raw = await get(HISTORY_KEY);
  if (heldInPlace.length || !Object.hasOwn(storedEntries(raw), username)) return false;
  const marked = withAuditEnds(raw, { [username]: record });
  if (marked.entries[username] === raw.entries[username]) return false;
  try {
    await storage.set({ [HISTORY_KEY]: marked });
    return true;
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    return 'no room';
  }
}

// Frees some room as above. Returns 'doc', 'audit' or 'history' (what went), or null when nothing can.
async function makeRoom(protectDocs, keep = null) {
  if (await dropOldestDoc(protectDocs)) return 'doc';
  if (await dropOldestFinishedAudit(protectDocs)) return 'audit';
  const smaller = shrink(await getHistory(), keep);
  if (!smaller) return null;
  await storage.set({ [HISTORY_KEY]: smaller });
  return 'history';
}

// Runs `attempt` (a storage write) until it fits, making room as above between tries
// (never from `protect`ed keys or `keep`'s history report). Returns {shrunk}: whether history
// reports were dropped; throws the quota error when nothing more can go.
async function withRoom(attempt, protect, keep = null) {
  let shrunk = false;
  for (;;) {
    try {
      await attempt();
      return { shrunk };
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      const freed = await makeRoom(protect, keep);
      if (!freed) throw e;
      if (freed === 'history') shrunk = true;
    }
  }
}

// Writes items, making room when they do not fit (the document of an audit being written
// stays). Returns {shrunk}.
export async function write(items) {
  const protect = Object.keys(items).flatMap((k) => (k.startsWith(AUDIT_PREFIX) ? [k, DOC_PREFIX + k.slice(AUDIT_PREFIX.length)]
    : k.startsWith(AUDIT_STEP_PREFIX) ? [k, AUDIT_PREFIX + k.slice(AUDIT_STEP_PREFIX.length)] : [k]));
  return withRoom(() => storage.set(items), protect);
}

// Saves the history; when it does not fit, drops finished audits whose results are in it and in the
// stored one (not one whose result either lacks: dropOldestFinishedAudit), then its own oldest
// reports except `keep`'s (cached documents are bounded to MAX_DOCS and stay), then, with nothing
// else to go, audits whose results only it holds.
// Returns {history, shrunk} or throws a quota error when nothing more can be dropped.
export async function saveHistory(history, { keep = null } = {}) {
  if (heldInPlace.length) throw heldError();
  let h = history;
  let shrunk = false;
  for (;;) {
    try {
      await storage.set({ [HISTORY_KEY]: h });
      return { history: h, shrunk };
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      // (The history being saved says as the stored one does that the dropped audit ended early.)
      const dropped = await dropOldestFinishedAudit([], h.entries);
      if (dropped) {
        h = withAuditEnds(h, { [dropped.username]: dropped.audit });
        continue;
      }
      const smaller = shrink(h, keep);
      if (smaller) {
        h = smaller;
        shrunk = true;
        continue;
      }
      // Last, an audit whose result only this history holds (at its end: this very save).
      const last = await dropOldestFinishedAudit([], h.entries, { lastResort: true });
      if (!last) throw e;
      h = withAuditEnds(h, { [last.username]: last.audit });
    }
  }
}

// Puts `entry` in (history.js putEntry; `keepAudit`: a reading that is no audit's keeps what the
// same account's entry holds of its last audit). An entry of another account under its name (the name
// taken over since: history.js displacedBy) is kept aside first (taken.js), or, when storage is
// too full even after making room, nothing is saved and the quota error comes out. `before`: the
// history as the caller read it in this turn of the lock, else read here.
export async function putHistoryEntry(entry, { keepAudit = false, before: read = null } = {}) {
  const before = read || await getHistory();
  const displaced = displacedBy(before, entry);
  if (displaced) await keepTaken(displaced, entryUserId(entry));
  const { history, aside } = overflow(putEntry(before, entry, { keepAudit }));
  return saveHistoryWithAside(history, aside, { keep: entry.username });
}

// Keeps `entry`, another account's, aside: its name now belongs to account `newId` (taken.js).
// Room is made for it as for any write; throws the quota error when none can be.
export function keepTaken(entry, newId) {
  return keepAllTaken([{ entry, by: newId }], `the entry of the account that had @${entry.username}`);
}

// Keeps each {entry, by} aside as keepTaken does, all or none; throws the quota error naming `what`.
async function keepAllTaken(displaced, what) {
  if (!(await keepAside(displaced.map(({ entry, by }) => takenItem(entry, by)), { room: true }))) {
    throw new Error(`QUOTA_BYTES: storage is too full to keep aside ${what}`);
  }
}

// Account `id`, read under `username`: its entries kept under other names (renamed on Instagram)
// or set aside when another account took their name (taken.js) go on under `username`
// (history.js withRename). An entry of another account under `username` is set aside first; the
// items taken back leave the set-aside list only once the history holding them is saved (a save
// that fails loses nothing; the next check tries again). Returns the moved entry, or null when
// nothing holds the account; throws the quota error when storage is too full for the move.
export async function moveRenamed(username, id) {
  const kept = keptFor(await getAside(), id);
  const moved = withRename(await getHistory(), username, id, kept.map((i) => i.entry));
  if (!moved) return null;
  if (moved.displaced) await keepTaken(moved.displaced, id);
  const saved = await saveHistory(moved.history, { keep: moved.entry.username });
  if (kept.length) await dropAside(kept);
  return saved.history.entries[moved.entry.username] || null;
}

// Account `id`'s audit kept under one of `formerNames` (names it had before a rename) moved to
// `username`, the name its history goes on under now: a stopped or resumable audit, or one of the
// engagers alone, holds more than the result the entry carries (its rows, whether it can resume,
// that the followers list was refused), and the page of the old name has nothing to act on. Not
// an audit running now: the tab running it writes to its name until it ends, and the next look
// at the new name (a check, or the page's stored reading: handlers.js cached) moves it then. Nor
// over an audit of this account under `username` updated later, or one running there. Of several
// former names' audits, the latest goes; the others stay until the account is deleted
// (formerAudits). Returns the moved audit, or null; storage too full for the write moves nothing.
export async function moveFormerAudit(username, id, formerNames) {
  if (!id) return null;
  let from = null;
  for (const f of formerNames || []) {
    if (f === username) continue;
    const a = await getAudit(f);
    if (a && a.userId === id && a.status !== 'running' && (!from || (a.updatedAt || 0) > (from.updatedAt || 0))) from = a;
  }
  if (!from) return null;
  const here = await getAudit(username);
  // Another account's audit left under this name (its entry was kept aside with its result) gives way.
  if (here && (here.status === 'running' || (here.userId === id && (here.updatedAt || 0) >= (from.updatedAt || 0)))) return null;
  // Its own name in it follows (the report the history saves, a pending followers page's target).
  const moved = { ...from, username, ...(from.report ? { report: { ...from.report, username } } : {}),
                  ...(from.pending && from.pending.target === from.username ? { pending: { ...from.pending, target: username } } : {}) };
  const { items } = auditWrite(moved, null);
  try {
    await write(items);
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    return null;
  }
  // The chunks of the audit that gave way here, past the moved one's, and the old name's audit.
  const keys = await storage.keys();
  const left = here ? keysOfAudit(username, keys).filter((k) => !(k in items)) : [];
  await storage.remove([...left, ...keysOfAudit(from.username, keys)]);
  readAudits.delete(from.username);
  readAudits.delete(username);
  return moved;
}

// Takes `items` out of the set-aside list (taken back into the history: taken.js). The list only
// gets shorter, so this write fits.
export async function dropAside(items) {
  const next = removeAside(await getAside(), items);
  if (next) await storage.set({ [ASIDE_KEY]: next });
}

// Saves an imported history (history.js importJson) after keeping aside, as a check does
// (taken.js), the stored entries of other accounts whose names the file's newer entries took
// (`displaced`: {entry, by}); when those cannot be kept, saves nothing and says storage is full.
export async function saveImported(history, displaced) {
  if (displaced.length) await keepAllTaken(displaced, `the ${displaced.length} entries of other accounts the import would replace`);
  return saveHistory(history);
}

// Saves `history` after keeping `aside` (what left it: overflow()'s), or, when that cannot be
// kept, saves nothing and says storage is full: what left the history is never lost unsaid.
export async function saveHistoryWithAside(history, aside, options = {}) {
  if (aside.length && !(await keepAside(aside))) throw new Error('QUOTA_BYTES: storage is too full to keep aside the oldest profiles');
  return saveHistory(history, options);
}

export async function getScheduler() {
  return normalizeSchedulerState(await get(SCHEDULER_KEY), Date.now());
}

// The audits read in this turn of the lock, by username, as audit-store.js readStored gives them
// (`fresh`: as read, no save since), so that a save in the same turn writes only what changed since.
const readAudits = new Map();

// The audit stored under `username` (its record, chunks and step: audit-store.js), or null; read
// under the lock (store.locked). `lazy`: its lists (but `full`) left unread until used (locked
// runs the turn again with the list used read, unless that turn wrote). A handler then reads the
// record, its step and `full`, and the lists its step uses: handing out or claiming a request none.
// `lists`: those to read with it when lazy (its others still read as used).
export async function getAudit(username, { lazy = false, lists: also = [] } = {}) {
  const lists = lazy ? [...also, ...(wanted.get(username) || [])] : null;
  const had = readAudits.get(username);
  // Read again in the same turn with nothing written since (a turn run again): the chunks it lacks.
  const r = had && had.fresh ? await withLists(storage, had, lists) : await readStored(storage, username, { lists });
  if (r) readAudits.set(username, { ...r, fresh: true });
  else readAudits.delete(username);
  return r ? r.merged : null;
}

// The audit of `username` for a reader outside the lock (a page's status, a profile's stored
// reading): lazy, and not kept for a save (a turn of the lock may be saving meanwhile). Only its
// record's fields and the lists' lengths are to be used.
export async function peekAudit(username) {
  const r = await readStored(storage, username, { lists: [] });
  return r ? r.merged : null;
}

// Audit and scheduler state go in one write, so they never disagree after a stop. The audit
// writes only its step when nothing else changed since it was read in this turn (audit-store.js),
// and nothing when nothing changed. `more`: other items of the same write (the scheduler's own
// records, such as the instant slots given: handlers.js instantBegin). `room: false`: a write that
// only spares later work (a mark), which nothing stored is dropped for: in a full storage it fails.
export async function saveAuditAndScheduler(audit, scheduler, more = {}, { room = true } = {}) {
  const read = audit ? readAudits.get(audit.username) || null : null;
  const { items, remove, stale } = audit ? auditWrite(audit, read) : { items: {}, remove: [], stale: [] };
  Object.assign(items, more);
  if (scheduler) items[SCHEDULER_KEY] = scheduler;
  if (!Object.keys(items).length) return;
  if (stale.length) await storage.remove(stale);
  await (room ? write(items) : storage.set(items));
  if (remove.length) await storage.remove(remove);
  if (audit) {
    const [key, stepKey] = auditKeys(audit.username);
    readAudits.set(audit.username, key in items ? { record: items[key], step: {}, audit, merged: audit }
      : { ...read, step: items[stepKey], merged: audit, fresh: false });
  }
}

// The last web_profile_info document seen per username (needed to combine an audit with
// the profile signals); only the most recent MAX_DOCS are kept, and those an audit needs
// (auditNeedsDoc: one paused or cancelled while the user looked at twelve other profiles, or
// running in another tab meanwhile). When storage is full it makes room like any write, never
// dropping its own profile's entry report. Returns {shrunk}.
export async function putDoc(username, text) {
  return withRoom(async () => {
    const index = ((await get(DOCS_INDEX_KEY)) || []).filter((u) => u !== username);
    index.push(username);
    const evict = [];
    for (const u of index.slice(0, -1)) {
      if (index.length - evict.length <= MAX_DOCS) break;
      if (!(await auditNeedsDoc(u))) evict.push(u);
    }
    if (evict.length) await storage.remove(evict.map((u) => DOC_PREFIX + u));
    await storage.set({ [DOC_PREFIX + username]: text, [DOCS_INDEX_KEY]: index.filter((u) => !evict.includes(u)) });
  }, [DOC_PREFIX + username], username);
}

// Everything kept about these accounts (history entry, audit, cached document): what
// "delete" in the popup removes, and the user's way to free storage. `former`: names these
// accounts had before whose audit is theirs (formerAudits), forgotten too; such a name's cached
// document only when no entry holds the name now (another account's then, or read again).
export async function forgetAccounts(history, usernames, former = []) {
  const { history: kept } = await saveHistory(history);
  const docs = [...usernames, ...former.filter((f) => !kept.entries[f])];
  const index = ((await get(DOCS_INDEX_KEY)) || []).filter((u) => !docs.includes(u));
  const names = [...usernames, ...former];
  const keys = await storage.keys();
  await storage.remove([...names.flatMap((u) => keysOfAudit(u, keys)), ...docs.map((u) => DOC_PREFIX + u)]);
  for (const u of [...usernames, ...former]) readAudits.delete(u);
  await storage.set({ [DOCS_INDEX_KEY]: index });
  return kept;
}

// The former names of these entries (renamed on Instagram) under which their own account's audit
// is still kept (one running when the account was seen under its new name, or an older one than
// the audit moved: moveFormerAudit): deleting the account
// forgets it too. Whoever holds such a name now (another account may have taken it, and have an
// entry there): the audit records the account it read (userId), and one of another account is
// never among them.
export async function formerAudits(history, usernames) {
  const entries = usernames.map((u) => history.entries[u]);
  const keys = entries.flatMap((e) => formerOf(e).map((f) => AUDIT_PREFIX + f));
  const records = keys.length ? await storage.get(keys) : {};
  return [...new Set(entries.flatMap((e) => ownFormerNames(e, records)))];
}

// An entry's former names (an account id to tell its own audits by), and those of them whose
// stored audit read that account (`records`: audit records by key; the record holds userId, so
// its lists are not read).
const formerOf = (e) => (entryUserId(e) && Array.isArray(e.former_usernames) ? e.former_usernames : []);
const ownFormerNames = (e, records) => formerOf(e).filter((f) => records[AUDIT_PREFIX + f] && records[AUDIT_PREFIX + f].userId === entryUserId(e));

// The names in `history` with an audit stored for Delete all to delete (forgetAccounts): under the
// name itself, whatever its state (running, paused, or ended with no result in the entry yet), or
// under a former name of the same account (formerAudits). The history's own audited results
// (history.js holdsAudit) missed the audits that have none yet. One read of all their keys.
export async function namesWithAudit(history) {
  const keys = Object.entries(history.entries).flatMap(([u, e]) => [u, ...formerOf(e)].map((n) => AUDIT_PREFIX + n));
  const got = keys.length ? await storage.get(keys) : {};
  return new Set(Object.keys(history.entries).filter((u) => !!got[AUDIT_PREFIX + u] || ownFormerNames(history.entries[u], got).length > 0));
}

// The audit records stored under `usernames` (their own fields: status, report, updatedAt, userId;
// not their lists or step), by username, those with none left out. One read.
export async function auditRecords(usernames) {
  const got = usernames.length ? await storage.get(usernames.map((u) => AUDIT_PREFIX + u)) : {};
  return Object.fromEntries(usernames.filter((u) => got[AUDIT_PREFIX + u]).map((u) => [u, got[AUDIT_PREFIX + u]]));
}

export async function getDoc(username) {
  return (await get(DOC_PREFIX + username)) || null;
}
