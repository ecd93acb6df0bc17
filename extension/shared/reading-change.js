// Which storage changes carry a new reading of a profile, for the profile's other tabs: tabs
// kept its audit in step (each follows its audit:<name> key), not its readings, so a tab went on
// showing the audit's result another tab's re-check had replaced, until it was reloaded.
import { HISTORY_KEY } from './history.js';

// From a storage change (storage.onChanged's `changes`), the history entry of `username` when it
// holds a reading it did not hold before (another computed_at: a check or an audit saved it, in
// any tab), else null. A reading of the page's counts alone, an entry deleted, or one only marked
// gone or given a later follower count, is none.
export function newReadingOf(changes, username) {
  const change = changes && changes[HISTORY_KEY];
  if (!change) return null;
  // (Its own entries only: "constructor" is a username, not the object's machinery.)
  const entryOf = (h) => (h && typeof h === 'object' && h.entries && typeof h.entries === 'object' && Object.hasOwn(h.entries, username)
    ? h.entries[username] : null);
  const now = entryOf(change.newValue), was = entryOf(change.oldValue);
  if (!now || now.rough || !Number.isFinite(now.computed_at)) return null;
  return was && was.computed_at === now.computed_at ? null : now;
}
