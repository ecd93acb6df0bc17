// An Instagram tab open while the extension is updated (here: reloaded from its worker with
// chrome.runtime.reload(), which Chromium treats as an update): Chromium runs the manifest's
// content script only in pages loaded afterwards, so the background puts it into the open tab
// (background/reinject.js), and the old copy, its extension gone, takes its own badge off. The
// page is never reloaded: it ends with exactly one badge, the new copy's, which works (a reading
// from the new background, a panel that opens and answers). A panel open at the update opens
// again, as it was (content/panel-mark.js), with the keyboard's focus in it where the old one had it
// and without taking it otherwise; one the user closed stays closed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, waitForBadge, waitForOverlay, openPanel, overlayState, clickPart, BADGE, PANEL } from './lib/index.mjs';
import { waitFor, startAudit, extensionPage } from './extension-support.mjs';
import { tellBackground } from './lib/extension.mjs';

const T = { timeout: 120_000 };
let suite, page;
useSuite((s, p) => { suite = s; page = p; });

// Releases every service worker of the extension that puppeteer holds paused ("wait for debugger
// on start", which it asks of every new target): the reloaded extension's new worker is one, and
// without this it never runs its onInstalled listener. Returns how many workers were found.
// No step waits more than STEP_MS: asked of a worker just as a reload ends it (the reload is sent
// and the polls begin at once), the release went unanswered until puppeteer's protocolTimeout,
// 60 s, all inside one poll of a 30 s wait, so the wait failed though the new copy's panel had
// opened again within a second (seen in 5 of 18 runs beside two busy CPUs); the poll after it
// finds that worker gone and the new one.
const STEP_MS = 3000;
function bounded(promise) {
  let timer;
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), STEP_MS); });
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}
async function releaseWorkers() {
  const cdp = await suite.session.browser.target().createCDPSession();
  try {
    const infos = await bounded(cdp.send('Target.getTargets'));
    const workers = ((infos && infos.targetInfos) || [])
      .filter((x) => x.type === 'service_worker' && x.url.includes(suite.session.extensionId));
    for (const t of workers) {
      const attached = await bounded(cdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: true }));
      const session = attached && cdp.connection().session(attached.sessionId);
      if (!session) continue;
      await bounded(session.send('Runtime.runIfWaitingForDebugger'));
      await bounded(session.detach());
    }
    return workers.length;
  } finally {
    await bounded(cdp.detach());
  }
}

// Chromium keeps an unpacked extension reloaded by chrome.runtime.reload() enabled only in developer
// mode (where a user loads one: README "Load the extension"); without it the reloaded extension
// stays off (its pages ERR_BLOCKED_BY_CLIENT). Switched on as chrome://extensions does.
async function developerMode() {
  const p = await suite.session.browser.newPage();
  try {
    await p.goto('chrome://extensions');
    await p.evaluate(() => new Promise((r) => chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, r)));
  } finally {
    await p.close();
  }
  await page.bringToFront();
}

test('after the extension is reloaded, an open profile shows exactly one working badge without reloading the page', T, async () => {
  await developerMode();
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  const before = await waitForBadge(page);
  assert.equal(before.badges, 1);
  // The panel opened and closed again by the user: not opened again after the update.
  await openPanel(page);
  await waitForOverlay(page, (s) => s.panel && !!s.panelText, { what: 'the panel open' });
  await clickPart(page, PANEL, 'close');
  await waitForOverlay(page, (s) => !s.panel, { what: 'the panel closed' });
  // Mark this document and the old copy's badge host, to tell them from a reloaded page and a new badge.
  await page.evaluate((sel) => { window.fmSameDocument = true; document.querySelector(sel).fmOld = true; }, BADGE);
  // The most badges the page ever holds at once from now on (after every change to it).
  await page.evaluate((sel) => {
    window.fmMostBadges = 1;
    new MutationObserver(() => { window.fmMostBadges = Math.max(window.fmMostBadges, document.querySelectorAll(sel).length); })
      .observe(document.documentElement, { childList: true, subtree: true });
  }, BADGE);
  const worker = await suite.session.worker();
  await worker.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 100); });
  // The new worker starts (and is let run); the new copy's badge replaces the old one.
  const state = await waitFor(async () => {
    await releaseWorkers();
    const s = await overlayState(page);
    const fresh = await page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((h) => !h.fmOld).length, BADGE);
    return fresh === 1 && s.badges === 1 && (s.badgeText || s.badgeLabel || (s.state && s.state !== 'loading')) ? s : null;
  }, { what: 'one new badge with a result after the reload', timeout: 30_000, interval: 200 });
  assert.equal(await page.evaluate(() => window.fmSameDocument), true, 'the page was not reloaded');
  assert.equal(state.badgeState, before.badgeState, 'the same reading as before the reload');
  assert.equal(state.panel, false, 'the panel the user closed stays closed');
  // It works: the panel opens and shows the profile's estimate; still one badge, one panel.
  await openPanel(page);
  const open = await waitForOverlay(page, (s) => s.panel && !!s.panelText, { what: 'the new panel drawn' });
  assert.equal(open.badges, 1);
  assert.equal(await page.$$eval(PANEL, (p) => p.length), 1);
  // A while later (more than the old copy's 1 s context check) there is still one badge.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 2500)));
  assert.equal((await overlayState(page)).badges, 1, 'one badge, not two');
  assert.equal(await page.evaluate(() => window.fmMostBadges), 1, 'never two badges at once');
});

// An audit under way while the extension is updated: its loop runs in the page's content script,
// which the update ends, so until the new copy was put into the open tab the audit stood still,
// "running" in storage, until the page was reloaded. It goes on from where it was, in the same
// document, to its end; one badge shows its result and the panel its rows. The panel the audit was
// watched in opens again by itself, with the audit's progress (it closed, the badge alone left).
test('an audit under way when the extension is reloaded goes on to its end in the open tab, with one badge and its panel open again', T, async () => {
  await developerMode();
  const username = 'lena.bakes';
  const ext = await extensionPage(suite);
  await ext.evaluate((settings) => chrome.storage.local.set({ settings }),
    { ...suite.settings, pacingMs: 400, auditListSize: 50, auditFullSize: 6, auditPosts: 2, auditEngagersFull: 3 });
  await tellBackground(ext, ['settings']);
  await startAudit(suite, page, username);  // (in the panel, which stays open)
  const stored = async () => (await extensionPage(suite)).evaluate((k) => chrome.storage.local.get(k).then((o) => o[k] || null), `audit:${username}`);
  await waitFor(async () => { const a = await stored(); return a && a.requests >= 3; }, { what: 'the audit under way' });
  await page.evaluate((panel) => { window.fmSameDocument = true; document.querySelector(panel).fmOld = true; }, PANEL);
  // A keyboard user's focus is in the panel, on its Cancel.
  const before = await page.evaluate((panel) => {
    const host = document.querySelector(panel);
    host.shadowRoot.querySelector('[part~="cancel"]').focus();
    return document.activeElement === host && host.shadowRoot.activeElement.getAttribute('part');
  }, PANEL);
  assert.equal(before, 'cancel', 'the focus in the panel before the reload');
  // (From an extension page: the worker the first test's reload started is held by the harness.)
  await (await extensionPage(suite)).evaluate(() => { setTimeout(() => chrome.runtime.reload(), 50); });
  // The new copy's panel opens by itself, on the audit still under way: its progress, its Cancel.
  const reopened = await waitFor(async () => {
    await releaseWorkers();
    return page.evaluate((sel) => {
      const fresh = [...document.querySelectorAll(sel)].filter((h) => !h.fmOld);
      const part = (p) => fresh[0]?.shadowRoot?.querySelector(`[part~="${p}"]`);
      return fresh.length === 1 && part('progress') && part('cancel') ? { done: Number(part('progress').getAttribute('value')), of: Number(part('progress').getAttribute('max')),
        focused: document.activeElement === fresh[0] ? fresh[0].shadowRoot.activeElement?.getAttribute('part') || 'panel' : document.activeElement?.tagName } : null;
    }, PANEL);
  }, { what: 'the new copy\'s panel open on the audit\'s progress', timeout: 30_000, interval: 100 });
  assert.ok(reopened.of > 0 && reopened.done >= 1, `the audit's progress in the reopened panel: ${JSON.stringify(reopened)}`);
  // The focus, which went with the old panel, is in the new one (its close button, first in it), not on the page's body.
  assert.equal(reopened.focused, 'close', 'the reopened panel has the focus the old one had');
  // The reload closes the extension's own pages: read storage from a new one once the worker runs.
  const done = await waitFor(async () => {
    await releaseWorkers();
    const a = await stored().catch(() => null);
    return a && a.status === 'done' && a;
  }, { what: 'the audit done after the reload', timeout: 40_000, interval: 200 });
  assert.equal(await page.evaluate(() => window.fmSameDocument), true, 'the page was not reloaded');
  assert.ok(done.report, 'the audit\'s result');
  const s = await waitForOverlay(page, (x) => x.badges === 1 && /after the audit/.test(x.badgeFullText || ''), { what: 'the audit\'s result on the badge' });
  assert.equal(s.badges, 1);
  // Still open (not opened here): one panel, the audit's rows in it.
  const open = await waitForOverlay(page, (x) => !!x.sources.followers && !x.cancel, { what: 'the audit\'s rows in the panel' });
  assert.equal(await page.$$eval(PANEL, (p) => p.length), 1, 'one panel');
  assert.match(open.sources.followers, /Followers: \d+ newest of [\d,]+ listed/);
});

// A panel open at the update that the focus had left (a click on the page's text after opening it)
// opens again without taking the focus: the user is reading or typing elsewhere in the page.
test('a panel open without the focus when the extension is reloaded opens again without taking it', T, async () => {
  await developerMode();
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  await openPanel(page);
  await waitForOverlay(page, (s) => s.panel && !!s.panelText, { what: 'the panel open' });
  // (The stand-in's app may draw its header again as the click comes: then the one drawn now.)
  for (let attempt = 1; ; attempt++) {
    try { await page.click('header h1'); break; } catch (e) { if (attempt >= 3 || !/detached/i.test(String(e && e.message))) throw e; }
  }
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'nothing focused after the click');
  await page.evaluate((panel) => { document.querySelector(panel).fmOld = true; }, PANEL);
  await (await extensionPage(suite)).evaluate(() => { setTimeout(() => chrome.runtime.reload(), 50); });
  const focused = await waitFor(async () => {
    await releaseWorkers();
    return page.evaluate((sel) => {
      const fresh = [...document.querySelectorAll(sel)].filter((h) => !h.fmOld);
      return fresh.length === 1 && fresh[0].shadowRoot.querySelector('[part~="close"]')
        ? { body: document.activeElement === document.body, panel: document.activeElement === fresh[0] } : null;
    }, PANEL);
  }, { what: 'the new copy\'s panel open', timeout: 30_000, interval: 100 });
  assert.deepEqual(focused, { body: true, panel: false }, 'the focus stays where the user left it');
});
