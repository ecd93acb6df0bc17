#!/usr/bin/env node
// How long the toolbar popup takes to show a full history: 5,000 entries (as the e2e test "a full
// history of 5,000 profiles" stores them), the popup page opened in headless Chromium with the real
// extension. Prints, per run, the time from `goto` to the first history rows in the page and to
// all drawn (`#rows[data-shown]`), and the time from a search's input event to its rows drawn
// and to its first rows (the popup's 150 ms pause after typing included), once narrowing to 1,000
// and once back to all 5,000. Times are in the page, from its navigation's start or the input event.
// Then how long the background takes to answer `history.list` (asked from the extension's page):
// the whole list, its first 100 rows, and their rest.
// Another build to compare: FM_EXTENSION=<its dist/extension> (run in turn with this one: the
// machine's load moves these times by more than the difference).
// Usage: node tools/research/popup_draw.mjs [runs]   (about 30 s for 3 runs)
import { openSuite } from '../../tests/e2e/lib/index.mjs';
import { extensionPage, storeHistoryOf } from '../../tests/e2e/extension-support.mjs';

const runs = Number(process.argv[2]) || 3;
const suite = await openSuite({ timeout: 60_000 });
try {
  const ext = await extensionPage(suite);
  await storeHistoryOf(ext, 5000, Date.now() - 10 * 86400_000);
  const rows = [];
  for (let r = 0; r < runs; r++) {
    const popup = await suite.session.newPage();
    // Times in the page, from its navigation's start: the first rows in #rows (and the frame after
    // them, when they are on screen), and #rows[data-shown] set.
    await popup.evaluateOnNewDocument(() => {
      window.drawTimes = {};
      // When what was just put in the page is on screen: after the next frame.
      const painted = (set) => requestAnimationFrame(() => setTimeout(() => set(performance.now())));
      new MutationObserver(() => {
        const tb = document.getElementById('rows');
        if (!tb) return;
        if (!window.drawTimes.first && tb.rows.length) {
          window.drawTimes.first = performance.now();
          window.drawTimes.firstCount = tb.rows.length;
          painted((now) => { window.drawTimes.firstPainted = now; });
        }
        if (!window.drawTimes.all && tb.dataset.shown) { window.drawTimes.all = performance.now(); painted((now) => { window.drawTimes.allPainted = now; }); }
        // A search's first rows: the list's first row is another node.
        if (window.searchAt && !window.searchFirst && tb.firstElementChild !== window.oldFirst) {
          window.searchFirst = -1;
          painted((now) => { window.searchFirst = now; });
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-shown'] });
    });
    const t0 = Date.now();
    await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
    await popup.waitForSelector('#rows[data-shown="5000"]', { timeout: 60_000 });
    const wall = Date.now() - t0;
    await popup.waitForFunction(() => window.drawTimes.firstPainted && window.drawTimes.allPainted);
    const d = await popup.evaluate(() => window.drawTimes);
    const search = async (q, n) => {
      await popup.evaluate((q) => { delete document.getElementById('rows').dataset.shown; const s = document.getElementById('search'); s.value = q; window.oldFirst = document.getElementById('rows').firstElementChild; window.searchFirst = 0; window.searchAt = performance.now(); s.dispatchEvent(new Event('input')); }, q);
      await popup.waitForFunction((n) => document.getElementById('rows').dataset.shown === String(n), { timeout: 60_000 }, n);
      // On screen: the frame after the last rows went in, and after the first.
      const all = await popup.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - window.searchAt)))));
      await popup.waitForFunction(() => window.searchFirst > 0);
      return { first: await popup.evaluate(() => window.searchFirst - window.searchAt), all };
    };
    const narrow = await search('user04', 1000);
    const back = await search('', 5000);
    rows.push({ painted: d.firstPainted, all: d.allPainted, narrowFirst: narrow.first, narrow: narrow.all, backFirst: back.first, back: back.all });
    console.log(`run ${r + 1}: first ${d.firstCount} rows at ${d.first.toFixed(0)} ms (on screen ${d.firstPainted.toFixed(0)} ms), ` +
      `all 5000 at ${d.all.toFixed(0)} ms (on screen ${d.allPainted.toFixed(0)} ms; goto to data-shown seen ${wall} ms); search to 1000 rows on screen: first ${narrow.first.toFixed(0)} ms, all ${narrow.all.toFixed(0)} ms; back to 5000: first ${back.first.toFixed(0)} ms, all ${back.all.toFixed(0)} ms`);
    await popup.close();
  }
  const median = (all) => {
    const v = all.filter(Number.isFinite).sort((a, b) => a - b);
    return v.length ? v[Math.floor(v.length / 2)].toFixed(0) : '-';
  };
  const med = (k) => median(rows.map((x) => x[k]));
  console.log(`median of ${runs}: first rows on screen ${med('painted')} ms, all on screen ${med('all')} ms, search to 1000 first ${med('narrowFirst')} ms / all ${med('narrow')} ms, back to 5000 first ${med('backFirst')} ms / all ${med('back')} ms`);
  // The background's answers alone, asked from the extension's page in turn: the whole list, its
  // first 100 rows (a background without limits answers the whole list), and their rest.
  const asks = [];
  for (let r = 0; r < 2 * runs + 1; r++) {
    asks.push(await ext.evaluate(async () => {
      const timed = async (msg) => { const t0 = performance.now(); const a = await chrome.runtime.sendMessage(msg); return [performance.now() - t0, a]; };
      const [whole] = await timed({ what: 'history.list', query: '' });
      const [first, a] = await timed({ what: 'history.list', query: '', limit: 100 });
      const [rest] = a.rest ? await timed({ what: 'history.list', query: '', rest: a.rest }) : [null];
      return { whole, first, rest, firstRows: a.entries ? a.entries.length : null };
    }));
  }
  console.log(`history.list from the extension's page, median of ${asks.length}: whole ${median(asks.map((a) => a.whole))} ms, ` +
    `first 100 ${median(asks.map((a) => a.first))} ms (${asks[0].firstRows} rows), rest ${median(asks.map((a) => a.rest))} ms`);
} finally {
  await suite.close();
}
