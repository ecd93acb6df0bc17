#!/usr/bin/env node
// What a hidden tab costs an audit at the default pacing: the stand-in's @marco.travels audited
// (2 follower pages, 15 followers in full) in headless Chromium with the real extension, either in
// front or in a tab the user has moved away from, with Chromium throttling as a user's browser
// does (puppeteer's flags that switch it off dropped; its stall of chained timers brought forward
// from 5 minutes to 10 s). Prints the wall time and the gaps between requests.
// Usage: node tools/research/hidden_tab_pacing.mjs [front|hidden]   (about 40 s)
import { openSuite } from '../../tests/e2e/lib/index.mjs';
import { waitFor, storedAudit, auditRequests, userIdOf, startAudit } from '../../tests/e2e/extension-support.mjs';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const mode = process.argv[2] === 'front' ? 'front' : 'hidden';
const suite = await openSuite({
  settings: { pacingMs: DEFAULT_SETTINGS.pacingMs, auditListSize: 50, auditFullSize: 15, auditPosts: 0 },
  timeout: 30000, throttled: true,
  args: ['--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/10'],
});
try {
  const page = await suite.session.newPage();
  const username = 'marco.travels';
  const t0 = Date.now();
  await startAudit(suite, page, username);
  if (mode === 'hidden') {
    const other = await suite.session.browser.newPage();
    await other.goto('about:blank');
    await other.bringToFront();
  }
  await waitFor(async () => { const a = await storedAudit(suite, username); return a && a.status === 'done'; },
    { what: 'audit done', timeout: 10 * 60_000, interval: 500 });
  const reqs = auditRequests(suite.standin, username, userIdOf(suite.standin, username));
  const gaps = reqs.slice(1).map((r, i) => Math.round(r.t - reqs[i].t));
  console.log(`${mode}, pacing ${DEFAULT_SETTINGS.pacingMs} ms: ${reqs.length} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s ` +
    `(tab ${await page.evaluate(() => document.visibilityState)}); gaps ${gaps.join(' ')} ms`);
} finally {
  await suite.close();
}
