// Which storage changes carry a new reading of a profile, for the profile's other tabs, and which
// of a tab's views take it (followsReading): tabs kept its audit in step (each follows its audit:<name> key), not its readings, so a tab went on
// showing the audit's result another tab's re-check had replaced, until it was reloaded.
import { HISTORY_KEY, renamedTo } from './history.js';

// From a storage change (storage.onChanged's `changes`), the history entry of `username` when it
// holds a reading it did not hold before (another computed_at: a check or an audit saved it, in
// any tab), else null. A reading of the page's counts alone, an entry deleted, or one only marked
// gone or given a later follower count, is none.
export function newReadingOf(changes, username) {
  const change = changes && changes[HISTORY_KEY];
  if (!change) return null;
  const now = entryOf(change.newValue, username), was = entryOf(change.oldValue, username);
  if (!now || now.rough || !Number.isFinite(now.computed_at)) return null;
  return was && was.computed_at === now.computed_at ? null : now;
}

// The entry of `username` a history change leaves (as relayed: READ_FIELDS), or null; for
// newerCountOf, on a change that is no new reading.
export function entryAfter(changes, username) {
  const change = changes && changes[HISTORY_KEY];
  return change ? entryOf(change.newValue, username) : null;
}

// (Its own entries only: "constructor" is a username, not the object's machinery.)
function entryOf(h, username) {
  return h && typeof h === 'object' && h.entries && typeof h.entries === 'object' && Object.hasOwn(h.entries, username)
    ? h.entries[username] : null;
}

// The overlay states (content/states.js) a stored reading of the profile takes the place of: a
// wait ('rate_limited': Instagram asked to slow down or did not answer, or Fakemeter's own cap
// holds the check: "retrying at …", or no longer retried), a check that failed (an answer not
// read, the engine failing, a challenge page, logged out with no counts to show, storage full, the
// profile on the page but not given out: 'unreadable'), or
// none made yet (automatic checks off). In each the tab has no reading of the profile, and a visit
// would show the stored one. Only a tab showing a result followed another tab's reading: one
// "retrying at …" went on saying so, and then asked Instagram again. Not among them: what
// Instagram said of the profile itself (private, not found, renamed, no posts, too new), which no
// reading read before it outranks, and 'outdated' (this page's code no longer matches the
// background's: its messages are refused).
export const STATES_TAKING_READING = Object.freeze(['rate_limited', 'changed', 'engine_failed', 'challenge', 'logged_out',
                                                    'storage_full', 'unreadable']);

// What Instagram said of the profile that a reading made after it (`at`, the time the tab was
// told: overlay.js setState) outranks: the profile read in full since, in another tab, exists
// again (the name taken back, or Instagram's 404 passing). A tab told so went on saying "not found"
// beside another tab's result, until reloaded. A reading made before it still does not. Per state:
//   - 'not_found': the name in use again.
//   - 'renamed': the same (the account renamed back, or another account taking the name); the
//     new name it says follows the account's later renames (renamedNow).
//   - 'no_posts', 'new_account' ("too new"): what a profile is at one moment, which a later reading
//     (posts since, older now) shows. Today they reach a tab as a report's states, not as states
//     of their own, and a report already gives way to a later reading; listed so either form does.
// (A private profile is a report, whose states say so: a later reading already took its place.)
export const STATES_TAKING_LATER_READING = Object.freeze(['not_found', 'renamed', 'no_posts', 'new_account']);

// From a storage change, the name the account once kept under `username` goes by now, when it
// changed (history.js renamedTo: renamed again since a tab said "Renamed, now @new"), else null.
// A tab on the old name went on naming a name the account had left.
export function renamedNow(changes, username) {
  const change = changes && changes[HISTORY_KEY];
  if (!change) return null;
  const nameIn = (h) => {
    if (!h || typeof h !== 'object' || !h.entries || typeof h.entries !== 'object') return null;
    try { return renamedTo(h, username); } catch { return null; }  // (a damaged entry names nothing)
  };
  const now = nameIn(change.newValue);
  return now && now !== nameIn(change.oldValue) ? now : null;
}

// Whether a tab's view can take a newer reading of its profile: `model` (the overlay's: a report,
// a state, idle or loading); `auditing`: an audit runs in view (its estimate narrows there);
// `asking`: its own check's request is out (its answer comes; the tab looks again after it).
export function takesReading({ model, auditing = false, asking = false } = {}) {
  if (!model || auditing || asking) return false;
  if (model.kind === 'report' || model.kind === 'idle') return true;
  return model.kind === 'state' && (STATES_TAKING_READING.includes(model.state)
    || (STATES_TAKING_LATER_READING.includes(model.state) && Number.isFinite(model.at)));
}

// Whether that view shows `entry` (the profile's history entry as stored now) in place of what it
// shows: a full reading (not one of the page's counts alone), and, over a reading in view, a later
// one (a tab's own check is saved a moment before the time its answer carries, so it never
// follows itself; a result in view newer than the entry stays); over a profile not found, one
// made after the tab was told so.
export function followsReading(view, entry) {
  if (!takesReading(view) || !entry || typeof entry !== 'object' || !entry.report || entry.rough || !Number.isFinite(entry.computed_at)) return false;
  const m = view.model;
  if (m.kind === 'state' && STATES_TAKING_LATER_READING.includes(m.state)) return m.at < entry.computed_at;
  return m.kind !== 'report' || Number(m.computedAt) < entry.computed_at;
}

// The follower count read since the result in view, when the profile's history entry as stored
// now (`entry`) holds one newer than the view's (`latestCount`, the overlay's: history.js
// latest_count, or null): the result in view is the entry's own reading (the same computed_at; a
// check of the profile alone is its own latest count, so this is an audit's result), and its
// latest_count was read after the one shown. Else null. A page restored from the back-forward
// cache (content/main.js catchUp) showed the count of when it was left beside an audit's result.
// An audit's result drawn from its own view as it ended in the tab (overlay.js setAudit: fromAudit)
// has the tab's time of that draw, not the history's computed_at (the background's, a moment
// before): there the entry's reading is no newer than it and the count was read after it (the tab
// that ran the audit kept the count the audit started with).
export function newerCountOf({ model, latestCount = null } = {}, entry) {
  if (!model || model.kind !== 'report' || !entry || typeof entry !== 'object' || !Number.isFinite(entry.computed_at)) return null;
  const c = entry.latest_count;
  if (!c || typeof c !== 'object' || !Number.isFinite(c.at)) return null;
  const shown = Number(model.computedAt);
  if (shown !== entry.computed_at && !(model.fromAudit === true && entry.computed_at <= shown && c.at > shown)) return null;
  return !latestCount || !(Number(latestCount.at) >= c.at) ? c : null;
}

// What of a history entry newReadingOf, renamedNow (history.js renamedTo) and newerCountOf read:
// the only fields by which a history change can move a tab. Not read: the report (dropped for
// space, it names no new reading), gone_at (an entry marked gone is no new reading: newReadingOf),
// badge, sources and the rest. A field a tab comes to read from a history change goes here, or the
// background's relay (readingsChanged) does not send the entries it changed in.
export const READ_FIELDS = Object.freeze(['username', 'computed_at', 'rough', 'former_usernames', 'latest_count']);

const entryIn = (entries, name) => {
  const e = Object.hasOwn(entries, name) ? entries[name] : null;
  return e && typeof e === 'object' && !Array.isArray(e) ? e : null;
};
// (Arrays of strings, former_usernames; and latest_count's {follower_count, at}, a copy in each.)
const sameValue = (a, b) => a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]))
  || (!!a && !!b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)
      && a.follower_count === b.follower_count && a.at === b.at);
const readChanged = (a, b) => {
  for (const f of READ_FIELDS) if (!sameValue(a[f], b[f])) return true;
  return false;
};
const formerNames = (e) => (e && Array.isArray(e.former_usernames) ? e.former_usernames : []);

// The names of the entries of a history change (`was`, `now`: the entries maps of its old and new
// value, {} for none) that newReadingOf and renamedNow need, so that both answer on those entries
// alone what they answer on the whole history, for every username: an entry that appeared or whose
// READ_FIELDS changed (a field-by-field comparison, per entry: no serialising of the reports); one
// that went only when it named former usernames (a deletion is no new reading, but the entry may
// be what renamedTo named); and, once any of those names former usernames, every entry naming one
// of them too, old and new (renamedTo picks the newest among all that name the old username).
export function readingsChanged(was, now) {
  const names = new Set();
  for (const name of Object.keys(now)) {
    const a = entryIn(was, name), b = entryIn(now, name);
    if (b && (!a || readChanged(a, b))) names.add(name);
  }
  for (const name of Object.keys(was)) {
    const a = entryIn(was, name);
    if (a && !entryIn(now, name) && formerNames(a).length) names.add(name);
  }
  const renamed = new Set([...names].flatMap((n) => [...formerNames(entryIn(was, n)), ...formerNames(entryIn(now, n))]));
  if (renamed.size) {
    for (const entries of [was, now]) {
      for (const name of Object.keys(entries)) {
        if (!names.has(name) && formerNames(entryIn(entries, name)).some((f) => renamed.has(f))) names.add(name);
      }
    }
  }
  return names;
}
