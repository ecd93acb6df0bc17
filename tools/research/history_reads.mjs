#!/usr/bin/env node
// What a long history costs a profile's check, the page's stored reading and the popup's first
// rows: headless Chromium with the real extension against the stand-in, a history of `sizes`
// entries each with its full report (copies of the stand-in's @megastar as a check stores it, each
// of its own account), written from the extension's page and told to the background.
// Per size it prints:
// - check: a page of a stand-in profile not in the history opened (a check, the page's stored
//   reading before it), the time from `goto` to the badge with its state, and, counted in the
//   service worker (its chrome.storage.local wrapped), the reads and writes of `history` during it
//   and the time they took: once just after the history was written and told (the worker keeping
//   nothing of it), then `runs` times after the asks below;
// - history.get (the stored reading's history part, handlers.js lookAt) and history.list with a
//   limit of 100 (what the popup's first rows wait for), asked from the extension's page three
//   times, the first just after a tell of the history.
// Another build to compare: FM_EXTENSION=<its dist/extension> (run in turn: the machine's load
// moves these times).
// Usage: node tools/research/history_reads.mjs [sizes, default 300,1300] [runs, default 3]   (about 1 min)
import { openSuite, waitForBadge } from '../../tests/e2e/lib/index.mjs';
import { tellBackground } from '../../tests/e2e/lib/extension.mjs';
import { fillerEntries } from '../../tests/e2e/lib/filler-history.mjs';
import { extensionPage } from '../../tests/e2e/extension-support.mjs';

const sizes = (process.argv[2] || '300,1300').split(',').map(Number);
const runs = Number(process.argv[3]) || 3;
const PROFILES = ['lena.bakes', 'marco.travels', 'fitqueen_daily', 'urban.sketcher', 'shopdeals.official', 'corner.bakery',
  'glow.coach', 'mila.gifted', 'inkwell.tattoo', 'paid.real.fans'];
const suite = await openSuite({ timeout: 120_000 });
const median = (v) => { const s = v.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(0)} ms` : '-');

// The worker's chrome.storage.local with each get/set/remove naming `history` (or all keys) logged
// in globalThis.historyOps ({op, ms}); again after a restart of the worker (it starts unwrapped).
async function instrument() {
  const worker = await suite.session.worker();
  await worker.evaluate(() => {
    if (globalThis.historyOps) return;
    globalThis.historyOps = [];
    const local = chrome.storage.local;
    const names = (k) => k === null || k === undefined || (typeof k === 'string' ? k === 'history'
      : Array.isArray(k) ? k.includes('history') : Object.hasOwn(k, 'history'));
    for (const op of ['get', 'set', 'remove']) {
      const real = local[op].bind(local);
      local[op] = async (k) => {
        if (!names(k)) return real(k);
        const t0 = performance.now();
        try { return await real(k); } finally { globalThis.historyOps.push({ op, ms: performance.now() - t0 }); }
      };
    }
  });
  return worker;
}
const opsSince = async (worker, from) => (await worker.evaluate(() => globalThis.historyOps)).slice(from);

// A page of `username` (not in the history) opened: the time to its badge, and the reads and writes
// of the history in the worker until none came for a second (the check's last write done).
async function checkOnce(size, username) {
  const w = await instrument();
  const from = await w.evaluate(() => globalThis.historyOps.length);
  const page = await suite.session.newPage();
  const t0 = Date.now();
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page, { timeout: 120_000 });
  const badge = Date.now() - t0;
  for (let n = -1, same = 0; same < 10; await new Promise((r) => setTimeout(r, 100))) {
    const now = await w.evaluate(() => globalThis.historyOps.length);
    same = now === n ? same + 1 : 0;
    n = now;
  }
  const ops = await opsSince(w, from);
  await page.close();
  const reads = ops.filter((o) => o.op === 'get'), writes = ops.filter((o) => o.op !== 'get');
  const c = { badge, reads: reads.length, writes: writes.length, readMs: reads.reduce((a, o) => a + o.ms, 0), writeMs: writes.reduce((a, o) => a + o.ms, 0) };
  console.log(`${size} entries, check of @${username}: badge at ${badge} ms; history read ${c.reads}x (${ms(c.readMs)}), written ${c.writes}x (${ms(c.writeMs)})`);
  return c;
}

try {
  const ext = await extensionPage(suite);
  // The template: @megastar's entry as a check stores it.
  await suite.resetExtension();
  const first = await suite.session.newPage();
  await first.goto(suite.standin.profileUrl('megastar'));
  await waitForBadge(first, { timeout: 60_000 });
  const template = await ext.evaluate(async () => {
    for (let i = 0; i < 200; i++) {
      const { history } = await chrome.storage.local.get('history');
      if (history && history.entries.megastar && history.entries.megastar.report) return history.entries.megastar;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no entry of @megastar stored');
  });
  await first.close();
  console.log(`template entry: ${JSON.stringify(template).length} bytes of JSON`);
  const table = [];
  for (const size of sizes) {
    await suite.resetExtension();
    const bytes = await ext.evaluate(async (entries) => {
      await chrome.storage.local.set({ history: { schema: 2, entries } });
      return chrome.storage.local.getBytesInUse('history');
    }, fillerEntries(template, size, Date.now() - 30 * 86400_000));
    // A check just after the history was written and told (the worker keeps nothing of it).
    await tellBackground(ext, ['history']);
    const cold = await checkOnce(size, PROFILES[0]);
    // The asks, the first just after a tell; then the checks that follow them.
    await tellBackground(ext, ['history']);
    const asks = await ext.evaluate(async () => {
      const timed = async (msg) => { const t0 = performance.now(); await chrome.runtime.sendMessage(msg); return performance.now() - t0; };
      const out = { get: [], list: [] };
      for (let i = 0; i < 3; i++) {
        out.list.push(await timed({ what: 'history.list', query: '', limit: 100 }));
        out.get.push(await timed({ what: 'history.get', username: 'filler_00000' }));
      }
      return out;
    });
    const checks = [];
    for (let r = 1; r <= runs; r++) checks.push(await checkOnce(size, PROFILES[r % PROFILES.length]));
    const row = { size, mb: (bytes / 1e6).toFixed(1), cold, badge: median(checks.map((c) => c.badge)), reads: median(checks.map((c) => c.reads)),
                  readMs: median(checks.map((c) => c.readMs)), writes: median(checks.map((c) => c.writes)), writeMs: median(checks.map((c) => c.writeMs)),
                  getCold: asks.get[0], getWarm: median(asks.get.slice(1)), listCold: asks.list[0], listWarm: median(asks.list.slice(1)) };
    table.push(row);
    console.log(`${size} entries (${row.mb} MB): history.list limit 100 first ${ms(row.listCold)}, then ${ms(row.listWarm)}; ` +
      `history.get ${ms(row.getCold)} / ${ms(row.getWarm)}`);
  }
  console.log(`\n| entries (MB) | check just after a told write: badge, history reads | checks after: badge | history reads (time) | writes (time) | list 100: first / again | history.get: first / again |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const r of table) {
    console.log(`| ${r.size} (${r.mb}) | ${ms(r.cold.badge)}, ${r.cold.reads} | ${ms(r.badge)} | ${r.reads} (${ms(r.readMs)}) | ${r.writes} (${ms(r.writeMs)}) | ` +
      `${ms(r.listCold)} / ${ms(r.listWarm)} | ${ms(r.getCold)} / ${ms(r.getWarm)} |`);
  }
  console.log(`(medians of ${runs} checks after the asks; the asks' "first" is the first after a tell of the history)`);
} finally {
  await suite.close();
}
