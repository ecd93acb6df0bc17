// Everything the background keeps, in storage.local, read and written under one lock so
// messages from several tabs never interleave a read-modify-write. Nothing is kept only in
// memory: the service worker may be stopped between any two messages.
import { storage } from '../platform/browser.js';
import { SETTINGS_KEY, normalizeSettings } from '../shared/settings.js';
import { HISTORY_KEY, migrate, putEntry, shrink, SCHEMA_VERSION } from '../shared/history.js';
import { normalizeSchedulerState } from '../shared/scheduler.js';
import { AUDIT_PREFIX } from '../shared/audit.js';

export const SCHEDULER_KEY = 'scheduler';
const DOC_PREFIX = 'doc:';
const DOCS_INDEX_KEY = 'docs';
const MAX_DOCS = 12;

let chain = Promise.resolve();
// Runs fn with the lock held; callers queue in order.
export function locked(fn) {
  const run = chain.then(fn, fn);
  chain = run.catch(() => {});
  return run;
}

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
  await storage.set({ [SETTINGS_KEY]: next });
  return next;
}

// The history, migrated to the current schema (and written back once when it was older).
export async function getHistory() {
  const raw = await get(HISTORY_KEY);
  const { history, migratedFrom, dropped } = migrate(raw);
  if (migratedFrom !== null || (raw && raw.schema !== SCHEMA_VERSION)) await saveHistory(history);
  if (dropped.length) console.warn('fakemeter: history entries that could not be read:', dropped);
  return history;
}

// Saves the history; when storage is full, drops the oldest full reports (keeping every
// entry's numbers) until it fits. Returns {history, shrunk} or throws a quota error when
// even the bare summaries do not fit.
export async function saveHistory(history) {
  let h = history;
  let shrunk = false;
  for (;;) {
    try {
      await storage.set({ [HISTORY_KEY]: h });
      return { history: h, shrunk };
    } catch (e) {
      if (!isQuotaError(e)) throw e;
      const smaller = shrink(h);
      if (!smaller) throw e;
      h = smaller;
      shrunk = true;
    }
  }
}

export async function putHistoryEntry(entry) {
  return saveHistory(putEntry(await getHistory(), entry));
}

export async function getScheduler() {
  return normalizeSchedulerState(await get(SCHEDULER_KEY));
}

export async function getAudit(username) {
  return (await get(AUDIT_PREFIX + username)) || null;
}

// Audit and scheduler state go in one write, so they never disagree after a stop.
export async function saveAuditAndScheduler(audit, scheduler) {
  const items = {};
  if (audit) items[AUDIT_PREFIX + audit.username] = audit;
  if (scheduler) items[SCHEDULER_KEY] = scheduler;
  await storage.set(items);
}

// The last web_profile_info document seen per username (needed to combine an audit with
// the profile signals); only the most recent few are kept.
export async function putDoc(username, text) {
  const index = ((await get(DOCS_INDEX_KEY)) || []).filter((u) => u !== username);
  index.push(username);
  const evict = index.splice(0, Math.max(0, index.length - MAX_DOCS));
  if (evict.length) await storage.remove(evict.map((u) => DOC_PREFIX + u));
  await storage.set({ [DOC_PREFIX + username]: text, [DOCS_INDEX_KEY]: index });
}

export async function getDoc(username) {
  return (await get(DOC_PREFIX + username)) || null;
}
