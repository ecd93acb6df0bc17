// The storage changes the Instagram tabs follow, sent to them from here. Why the tabs do not
// listen to storage.onChanged themselves: the browser hands every listening context each change
// of storage.local whole, old and new value, structured-cloned, and the history is one key
// (megabytes: up to 5,000 entries with their reports) rewritten after every check. Every open
// Instagram tab got it twice per check to read one entry of it: ten tabs, tens of megabytes per
// check. The background sends each tab what it reads: the settings, the scheduler and the audits'
// records as they changed (small), and of the history only the entries whose reading changed
// (shared/reading-change.js readingsChanged), in the same `changes` shape. Nor does the background
// listen for them: it is the only writer of what the tabs follow, and tells them from its own
// writes (store.js relayWritesTo, written-changes.js), where it knows old and new already.
// The popup and options pages keep their own listener (one page each, and they show the history).
import { ORIGIN } from '../shared/instagram.js';
import { STORAGE_CHANGED } from '../shared/messages.js';
import { SETTINGS_KEY } from '../shared/settings.js';
import { SCHEDULER_KEY } from '../shared/scheduler.js';
import { AUDIT_PREFIX } from '../shared/audit.js';
import { HISTORY_KEY } from '../shared/history.js';
import { readingsChanged } from '../shared/reading-change.js';

// The tabs sent to: the content script's (manifest.json content_scripts matches). tabs.query by
// url needs no "tabs" permission for the hosts the manifest's host_permissions grant.
export const INSTAGRAM_TABS = `${ORIGIN}/*`;
// tabs.sendMessage to a tab with no content script listening (loading, an error page, one opened
// before the extension in Firefox's case, or not yet past its hello): Chromium's and Firefox's words.
const NO_RECEIVER = /Could not establish connection|Receiving end does not exist/i;

const historyOf = (h) => (h && typeof h === 'object' && !Array.isArray(h) && h.entries && typeof h.entries === 'object' && !Array.isArray(h.entries) ? h : null);

// One history value with only the entries named (or nothing, for none or one of an older shape,
// whose entries no tab reads). Object.fromEntries: a username such as "__proto__" stays an entry.
// In the history's own order: renamedTo takes the first of two entries of one time.
function withEntries(h, names) {
  const history = historyOf(h);
  if (!history) return undefined;
  const entries = Object.fromEntries(Object.keys(history.entries).filter((n) => names.has(n)).map((n) => [n, history.entries[n]]));
  return { ...history, entries };
}

// The history change as the tabs get it: old and new value with only the entries whose reading
// changed, or null when none did (a report dropped for space, an entry marked gone, a follower
// count read beside an audit's result).
export function historyForTabs(change) {
  const was = historyOf(change.oldValue), now = historyOf(change.newValue);
  const names = readingsChanged(was ? was.entries : {}, now ? now.entries : {});
  if (!names.size) return null;
  const out = {};
  const oldValue = withEntries(change.oldValue, names), newValue = withEntries(change.newValue, names);
  if (oldValue !== undefined) out.oldValue = oldValue;
  if (newValue !== undefined) out.newValue = newValue;
  return out;
}

// Whether the tabs follow a key of storage.local (content/main.js FOLLOWERS).
export const followedKey = (key) => key === SETTINGS_KEY || key === SCHEDULER_KEY || key.startsWith(AUDIT_PREFIX) || key === HISTORY_KEY;

// From `changes` of storage.local in storage.onChanged's shape, what the tabs get (the keys
// content/main.js follows), or null for nothing.
export function changesForTabs(changes) {
  const out = {};
  for (const [key, change] of Object.entries(changes || {})) {
    if (!change || typeof change !== 'object' || !followedKey(key)) continue;
    if (key !== HISTORY_KEY) out[key] = change;
    else {
      const history = historyForTabs(change);
      if (history) out[key] = history;
    }
  }
  return Object.keys(out).length ? out : null;
}

// A relay to the open Instagram tabs, each change handed out after the one before, in the order
// they were written (a tab must not get an older setting after a newer one); a tab gets the
// messages sent it in that order, so no change waits for a slow tab's answer to the one before.
// `tabs`: the browser's tabs API. Returns relay(changes, area), whose promise ends once every tab
// answered that change (or could not be told).
export function tabRelay(tabs, { warn = (...a) => console.warn(...a) } = {}) {
  let queue = Promise.resolve();
  const send = (tab, message) => Promise.resolve()
    .then(() => tabs.sendMessage(tab.id, message, { frameId: 0 }))
    .catch((e) => { if (!NO_RECEIVER.test(String(e && e.message ? e.message : e))) warn('fakemeter: could not tell a tab of a storage change:', e); });
  // (The sends' promise in an object: the queue goes on without waiting for their answers.)
  const handOut = async (changes) => {
    const forTabs = changesForTabs(changes);
    if (!forTabs) return { sent: null };
    const open = await tabs.query({ url: INSTAGRAM_TABS });
    const message = { what: STORAGE_CHANGED, changes: forTabs };
    return { sent: Promise.all(open.filter((tab) => Number.isInteger(tab.id) && !tab.discarded).map((tab) => send(tab, message))) };
  };
  return (changes, area) => {
    if (area !== 'local') return Promise.resolve();
    const handed = queue.then(() => handOut(changes));
    queue = handed.catch(() => {});
    return handed.then((h) => h.sent, (e) => warn('fakemeter: could not relay a storage change to the tabs:', e));
  };
}
