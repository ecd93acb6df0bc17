// Readings of one account for the history tests (renames, names taken over, the handlers): a
// report as the engine gives it, and its history entry computed `n` days after a fixed time.
import fs from 'node:fs';
import { entryFromReport, emptyHistory, putEntry } from '../../../extension/shared/history.js';

export const DAY = 24 * 3600 * 1000;
export const at = (n) => 1_790_000_000_000 + n * DAY;
export const locale = (l) => JSON.parse(fs.readFileSync(new URL(`../../../_locales/${l}/messages.json`, import.meta.url), 'utf8'));

// `reasons` makes a full report weigh something (for the storage-quota tests).
export function report(username, { pct = 20, count = 1000, id = '4242', confidence = 'instant', reasons = [] } = {}) {
  return {
    username, full_name: 'Shop', status: 'ok', states: [], fake_percent: pct, ci_low: pct - 5, ci_high: pct + 5, confidence,
    grade: 'fair', follower_count: count, reasons, ...(id ? { user_id: id } : {}),
  };
}
export const entry = (username, n, opts) => entryFromReport(report(username, opts), { computedAt: at(n) }).entry;

// A history holding `entries` (distinct names), as putEntry one after another would leave it, built
// in linear time: putEntry copies the entries each time, so 5,000 of them in a row took ~8 s.
export function historyOf(entries) {
  const h = emptyHistory();
  for (const e of entries) h.entries[e.username] = putEntry(emptyHistory(), e).entries[e.username];
  return h;
}
