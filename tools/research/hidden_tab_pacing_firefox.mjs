#!/usr/bin/env node
// hidden_tab_pacing.mjs's question in Firefox: what a hidden tab costs an audit at the default
// settings. The stand-in's @marco.travels audited in Debian's headless firefox-esr with the
// Firefox build of the extension, its tab either in front or behind another one the user moved
// to (Firefox's own throttling of background tabs left as it ships). Prints the wall time, the
// time from the first request to the last and the gaps between requests.
// Usage: node tools/research/hidden_tab_pacing_firefox.mjs [front|hidden]   (about 90 s)
import { startStandin, waitForBadge, openPanel, clickPart, waitForOverlay, PANEL } from '../../tests/e2e/lib/index.mjs';
import { auditRequests } from '../../tests/e2e/extension-support.mjs';
import { firefoxExtensionPath, startTunnel, launchFirefox } from '../../tests/e2e/firefox-support.mjs';

const mode = process.argv[2] === 'front' ? 'front' : 'hidden';
const username = 'marco.travels';
const standin = await startStandin();
const tunnel = await startTunnel(standin.port);
const ff = await launchFirefox({ tunnelPort: tunnel.port, timeout: 30000 });
try {
  await ff.browser.installExtension(firefoxExtensionPath());
  const page = await ff.newPage();
  await page.goto(standin.profileUrl(username));
  await waitForBadge(page, { timeout: 30000 });
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  if (mode === 'hidden') {
    const other = await ff.newPage();
    await other.goto('about:blank');
    await other.bringToFront();
  }
  // Scripts run in a background tab only when Firefox lets them (an evaluation there can wait
  // for minutes): the tab is read after it is brought back; until then the stand-in's log says
  // how far the audit is (done when no request came for 20 s).
  const userId = standin.documentFor(username).data.user.id;
  const count = () => auditRequests(standin, username, userId).length;
  let last = count(), since = Date.now();
  while (Date.now() - since < 20_000) {
    await new Promise((r) => setTimeout(r, 500));
    if (count() !== last) { last = count(); since = Date.now(); }
  }
  const reqs = auditRequests(standin, username, userId);
  // From the first request to the last (the log's clock is the stand-in's own).
  const wall = (reqs.at(-1).t - reqs[0].t) / 1000;
  const visibility = mode === 'hidden' ? 'behind another (read after)' : 'in front';
  await page.bringToFront();
  await waitForOverlay(page, (s) => /Audit complete/.test(s.panelText || ''), { what: 'audit complete', timeout: 60_000 });
  const gaps = reqs.slice(1).map((r, i) => Math.round(r.t - reqs[i].t));
  const median = [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)];
  console.log(`firefox ${mode}: ${reqs.length} requests in ${wall.toFixed(1)} s from first to last (tab ${visibility}); ` +
    `median gap ${median} ms, longest ${Math.max(...gaps)} ms; gaps ${gaps.join(' ')} ms`);
} finally {
  await ff.close();
  await tunnel.close();
  await standin.close();
}
