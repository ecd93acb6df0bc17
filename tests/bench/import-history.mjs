// Import speed: a history file of 5,000 entries imported into a stored history of 5,000
// (history.js importJson, as the popup's import runs it in the background: one pass, one save).
// The file mixes what an import meets: newer readings of stored profiles, accounts renamed since
// (they join their stored entry), names another account took (the stored one displaced, to be
// kept aside) and profiles new to the history (past the 5,000 limit: left out and counted).
// Pure JavaScript, no browser; the save itself is one storage write and not timed here.
// Usage: node tests/bench/import-history.mjs [--runs N] [--history path/to/history.js]
//   --history: another copy of extension/shared/history.js (e.g. an older checkout's) to compare.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const RUNS = Number(arg('--runs', 3));
const modulePath = arg('--history', new URL('../../extension/shared/history.js', import.meta.url).pathname);
const { entryFromReport, emptyHistory, putEntry, exportJson, importJson } = await import(pathToFileURL(path.resolve(modulePath)).href);

const N = 5000;
const T0 = 1_790_000_000_000, DAY = 24 * 3600 * 1000;
const entry = (username, id, day, pct = 20) => entryFromReport({
  username, full_name: `Shop ${username}`, status: 'ok', states: [], fake_percent: pct, ci_low: pct - 5, ci_high: pct + 5,
  confidence: 'instant', grade: 'fair', follower_count: 1000 + day, reasons: [{ signal: 's', severity: 'low', text: 'x'.repeat(80) }],
  user_id: String(id),
}, { computedAt: T0 + day * DAY }).entry;

// Built entry by entry as a check stores it (putEntry), without a copy of the history per entry.
const stored = emptyHistory();
for (let i = 0; i < N; i++) stored.entries[`p${i}`] = putEntry(emptyHistory(), entry(`p${i}`, 100000 + i, i % 30)).entries[`p${i}`];
const file = [];
for (let i = 0; i < N; i++) {
  if (i < 2000) file.push(entry(`p${i}`, 100000 + i, 40));                  // the same profile, read later
  else if (i < 3000) file.push(entry(`renamed${i}`, 100000 + i, 40));       // the same account under a new name
  else if (i < 3500) file.push(entry(`p${i}`, 900000 + i, 40));             // the name taken by another account
  else file.push(entry(`new${i}`, 200000 + i, 40));                         // a profile new to the history
}
const text = exportJson({ ...emptyHistory(), entries: Object.fromEntries(file.map((e) => [e.username, e])) }, T0 + 50 * DAY);

const times = [];
let r;
for (let run = 0; run < RUNS; run++) {
  const t = process.hrtime.bigint();
  r = importJson(text, stored, T0 + 60 * DAY, { asideRoom: 1000 });
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
if (r.error) throw new Error(r.error);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`import 5,000 entries into 5,000 (median of ${RUNS})`.padEnd(46) + `${(median / 1000).toFixed(2)} s` +
  ` (imported ${r.count}, joined ${r.joined}, displaced ${r.displaced.length}, not imported ${r.notImported}; ${Object.keys(r.history.entries).length} kept)`);
