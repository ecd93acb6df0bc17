// An audit left running in a tab the user has moved away from. Chromium throttles a hidden
// tab's timers (a wake-up at most once a second) and, after a grace period (5 minutes in a
// user's browser, 3 s here), holds chains of timers to one wake-up a minute. The audit's waits
// are single timers between the worker's messages and Instagram's answers, never a chain, so it
// should keep to once a second at worst. Puppeteer's defaults switch all of that off; this suite
// lets Chromium throttle as a user's browser does, and shows that it did (a chained page timer
// beside the audit stalls).
// The audit starts only once the chained timer has stalled, and runs to its end while it stays
// held: when it started visible, a busy machine sometimes had the stall begin after the audit's
// last request (the probe then woke every second throughout, and the check failed), so whether
// the audit ran through a stall depended on the load.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForBadge, waitForOverlay, openPanel, PANEL } from './lib/index.mjs';
import { waitFor, waitForAudit, auditRequests, userIdOf } from './extension-support.mjs';

const PACING = 200;
const GRACE_S = 3;
// How long the chained timer must not have woken to count as held: four of its throttled
// once-a-second wake-ups missed (held chains wake once a minute).
const STALL_MS = 4000;
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, {
  options: {
    throttled: true,
    args: [`--enable-features=IntensiveWakeUpThrottling:grace_period_seconds/${GRACE_S}`],
    // 2 follower pages and 8 followers in full: 10 requests, about 10 s at one a second, all of
    // them while the chained timer is held.
    settings: { pacingMs: PACING, auditListSize: 50, auditFullSize: 8, auditPosts: 0 },
  },
  resetStandin: true,
});

test('an audit in a hidden tab keeps going at one request a second, past the point where chained timers stall', async () => {
  const username = 'marco.travels';
  await page.bringToFront();
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  await waitForOverlay(page, (s) => s.auditButton, { what: 'the audit offered' });
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
    const probe = () => page.evaluate(() => window.fmProbe);
    // The browser throttles: the probe wakes at most about once a second, then stalls. Waited for as
    // it comes (the grace period, then the next wake-up the browser allows), up to a minute.
    const lastTick = await waitFor(async () => { const p = await probe(); const last = p[p.length - 1]; return Date.now() - last >= STALL_MS && last; },
      { what: `the chained timer held (no wake-up for ${STALL_MS} ms)`, timeout: 60_000, interval: 250 });
    const before = (await probe()).filter((t) => t >= hiddenAt);
    const wakeGaps = before.slice(1).map((t, i) => t - before[i]);
    const median = [...wakeGaps].sort((a, b) => a - b)[Math.floor(wakeGaps.length / 2)];
    assert.ok(wakeGaps.length >= 2 && median >= 900, `probe gaps ${wakeGaps.join(' ')} ms: timers throttled`);

    // Now the audit, started in the hidden tab (no animation frames: the button is clicked in the page).
    const startedAt = Date.now();
    assert.ok(await page.evaluate((h) => {
      const b = document.querySelector(h)?.shadowRoot?.querySelector('[part~="audit-button"]');
      if (!b || b.disabled) return false;
      b.click();
      return true;
    }, PANEL), 'the audit button clicked in the hidden tab');
    const done = await waitForAudit(suite, username, (a) => a && a.status === 'done' && a,
      { what: 'the hidden audit done', timeout: 90_000, interval: 250 });
    const doneAt = Date.now();

    // The chained timer stayed held all the while: the browser woke it at most once a minute, as a
    // user's browser would, and the audit went on beside it.
    const during = (await probe()).filter((t) => t > lastTick);
    assert.ok(during.length <= 1 + Math.floor((doneAt - lastTick) / 60_000),
      `the probe woke ${during.length} times in the ${doneAt - lastTick} ms since its stall began: still held`);
    assert.ok(doneAt - startedAt > STALL_MS, `the audit ran ${doneAt - startedAt} ms, longer than the stall that proves the hold`);

    // The audit did not stall: each request within the pacing and a throttled wake-up or two
    // (a busy machine can miss one), never the many seconds the probe waited.
    const reqs = auditRequests(suite.standin, username, userIdOf(suite.standin, username));
    assert.equal(reqs.length, 10, 'the whole audit ran');
    assert.equal(done.requests, reqs.length);
    assert.ok(reqs.every((r) => r.at > lastTick), 'every request went while the chained timer was held');
    const gaps = reqs.slice(1).map((r, i) => Math.round(r.t - reqs[i].t));
    assert.ok(Math.max(...gaps) <= PACING + 2500, `gaps between requests ${gaps.join(' ')} ms`);
  } finally {
    await other.close();
  }
});
