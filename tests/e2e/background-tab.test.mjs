// An audit left running in a tab the user has moved away from. Chromium throttles a hidden
// tab's timers (a wake-up at most once a second) and, after a grace period (5 minutes in a
// user's browser, 3 s here), holds chains of timers to one wake-up a minute. The audit's waits
// are single timers between the worker's messages and Instagram's answers, never a chain, so it
// should keep to once a second at worst. Puppeteer's defaults switch all of that off; this suite
// lets Chromium throttle as a user's browser does, and shows that it did (a chained page timer
// beside the audit stalls).
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages } from './lib/index.mjs';
import { waitFor, storedAudit, auditRequests, userIdOf, startAudit } from './extension-support.mjs';

const PACING = 200;
const GRACE_S = 3;
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, {
  options: {
    throttled: true,
    args: [`--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/${GRACE_S}`],
    // 2 follower pages and 15 followers in full: 17 requests, about 17 s hidden at one a second.
    settings: { pacingMs: PACING, auditListSize: 50, auditFullSize: 15, auditPosts: 0 },
  },
  resetStandin: true,
});

test('an audit in a hidden tab keeps going at one request a second, past the point where chained timers stall', async () => {
  const username = 'marco.travels';
  await startAudit(suite, page, username);
  // A chained 100 ms timer in the page: what Chromium throttles, as a check on the browser.
  await page.evaluate(() => {
    window.fmProbe = [];
    const tick = () => { window.fmProbe.push(Date.now()); setTimeout(tick, 100); };
    tick();
  });
  const other = await suite.session.browser.newPage();
  try {
    await other.goto('about:blank');
    await other.bringToFront();
    assert.equal(await page.evaluate(() => document.visibilityState), 'hidden', 'the audit tab is hidden');
    const hiddenAt = Date.now();
    const done = await waitFor(async () => { const a = await storedAudit(suite, username); return a && a.status === 'done' && a; },
      { what: 'the hidden audit done', timeout: 60_000, interval: 250 });
    const doneAt = Date.now();
    assert.ok(doneAt - hiddenAt > (GRACE_S + 5) * 1000, `hidden ${doneAt - hiddenAt} ms: long enough for the stall to show`);

    // The browser throttled: the probe woke at most about once a second, then stalled for seconds.
    const probe = (await page.evaluate(() => window.fmProbe)).filter((t) => t >= hiddenAt);
    const wakeGaps = probe.slice(1).map((t, i) => t - probe[i]);
    const stall = Math.max(...wakeGaps, doneAt - probe[probe.length - 1]);
    const median = [...wakeGaps].sort((a, b) => a - b)[Math.floor(wakeGaps.length / 2)];
    assert.ok(median >= 900, `probe gaps ${wakeGaps.join(' ')} ms: timers throttled`);
    assert.ok(stall >= 4000, `probe's longest stall ${stall} ms: chained timers held`);

    // The audit did not stall: each request within the pacing and a throttled wake-up or two
    // (a busy machine can miss one), never the many seconds the probe waited.
    const reqs = auditRequests(suite.standin, username, userIdOf(suite.standin, username));
    assert.equal(reqs.length, 17, 'the whole audit ran');
    assert.equal(done.requests, reqs.length);
    const gaps = reqs.slice(1).map((r, i) => Math.round(r.t - reqs[i].t));
    assert.ok(Math.max(...gaps) <= PACING + 2500, `gaps between requests ${gaps.join(' ')} ms`);
  } finally {
    await other.close();
  }
});
