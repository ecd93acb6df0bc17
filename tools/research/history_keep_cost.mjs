#!/usr/bin/env node
// What keeping the history in the background worker's memory costs per read and per save, and in
// memory (storage-cache.js keeps a value as its canonical JSON and parses it anew per read): the
// history of 300 and 1,300 copies of the stand-in's @megastar as the background's check stores it
// (its handlers over a node fake of storage, as tests/js does), timed with node's V8 (the worker's
// engine): canonicalJson (a save), JSON.stringify (a read from storage), JSON.parse (a read from
// memory), structuredClone and a sorted deep copy (keeping it parsed instead), medians of 5; and
// whether its JSON is all Latin-1 (V8 keeps such a string at one byte a character: the kept copy's
// size is its length; else two).
// Usage: node tools/research/history_keep_cost.mjs   (a few seconds)
import { installFakeChrome } from '../../tests/js/lib/fake-chrome.mjs';
import { fetchFileUrls } from '../../tests/js/lib/file-fetch.mjs';
import { findSeeded, seededDocument } from '../../tests/e2e/standin/profiles.mjs';
import { fillerEntries } from '../../tests/e2e/lib/filler-history.mjs';

const fake = installFakeChrome({ events: false });
globalThis.chrome.tabs = { sendMessage: async () => ({}) };
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { canonicalJson } = await import('../../extension/shared/canonical-json.js');
await handle['instant.analyze']({ username: 'megastar', endpoint: 'web_profile_info', status: 200, contentType: 'application/json',
  body: JSON.stringify(seededDocument(findSeeded('megastar'))) });
const t = fake.data.history.entries.megastar;
console.log(`template entry: ${JSON.stringify(t).length} bytes of JSON`);
// As tools/research/history_reads.mjs stores them: each copy its own account.
const historyOf = (n) => structuredClone({ schema: 2, entries: fillerEntries(t, n, Date.now()) });
const time = (f) => {
  const r = [];
  for (let k = 0; k < 5; k++) { const t0 = performance.now(); f(); r.push(performance.now() - t0); }
  return r.sort((a, b) => a - b)[2].toFixed(0);
};
const sorted = (v) => (v && typeof v === 'object'
  ? (Array.isArray(v) ? v.map(sorted) : Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]))) : v);
for (const n of [300, 1300]) {
  const h = historyOf(n);
  const json = canonicalJson(h);
  console.log(`${n} entries: ${(json.length / 1e6).toFixed(2)} M characters (${/[^\u0000-\u00ff]/.test(json) ? 'two' : 'one'}-byte string); ` +
    `canonicalJson ${time(() => canonicalJson(h))} ms, JSON.stringify ${time(() => JSON.stringify(h))} ms, JSON.parse ${time(() => JSON.parse(json))} ms, ` +
    `structuredClone ${time(() => structuredClone(h))} ms, sorted deep copy ${time(() => sorted(h))} ms`);
}
