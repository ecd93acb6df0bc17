// Helpers shared by the extension's browser tests (tests/e2e/extension-*.test.mjs), on top of
// the harness in lib/: start an audit from the panel, read the stored audit, tell audit
// requests apart from the instant one, wait on conditions, and stop the service worker.
import { openPanel, clickPart, waitForBadge, waitForOverlay, PANEL } from './lib/index.mjs';
import { extensionPageOf, tellBackground } from './lib/extension.mjs';
import { PROFILE_IDS } from './standin/profiles.mjs';

// Polls an async condition until it returns a truthy value (no fixed sleeps as synchronisation).
export async function waitFor(fn, { timeout = 20000, what = 'condition', interval = 25 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`waitFor: ${what} not met within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

// One extension page per suite, to read storage and drive the worker from the extension's own
// origin (lib/extension.mjs).
export const extensionPage = (suite) => extensionPageOf(suite.session);

// Evaluates `expression` in the content script's own (isolated) world of `p`; its value.
export async function inContentWorld(suite, p, expression) {
  const cdp = await p.createCDPSession();
  const contexts = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const ctx = await waitFor(() => contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(suite.session.extensionId)),
    { what: "the content script's world" });
  const r = await cdp.send('Runtime.evaluate', { contextId: ctx.id, expression, returnByValue: true });
  await cdp.detach();
  return r.result.value;
}


// The audit of `username` as stored, whole (its record, lists and step), or null: read in the
// extension page by the extension's own reader (background/audit-store.js readAudit).
const READ_AUDIT = async (u) => (await import('/extension/background/audit-store.js')).readAudit(chrome.storage.local, u);

export async function storedAudit(suite, username) {
  const page = await extensionPage(suite);
  return page.evaluate(READ_AUDIT, username);
}

// The history entry stored for `username`, or null.
export async function storedEntry(suite, username) {
  const { history } = await (await suite.storage()).get('history');
  return history?.entries?.[username] ?? null;
}

// Waits in the extension page, for up to `ms`, until the stored audit of `u` (its record alone) is
// done (`until` 'done'), or has ended (`until` 'ended') (done, cancelled or stopped: neither running nor
// paused) and is not the one started at `notStartedAt`; then hands the whole audit over
// (background/audit-store.js readAudit), else null. Between looks it waits for the record to change
// (chrome.storage.onChanged), or 250 ms at most: polled every 25 ms through the DevTools protocol,
// the record read each time, a long audit's wait cost more CPU than needed.
const STORED_AUDIT_WHEN = async (u, until, notStartedAt, ms) => {
  const k = `audit:${u}`;
  const met = (a) => (until === 'done' ? a.status === 'done'
    : !['running', 'paused'].includes(a.status) && a.startedAt !== notStartedAt);
  const deadline = Date.now() + ms;
  for (;;) {
    const a = (await chrome.storage.local.get(k))[k];
    if (a && met(a)) return (await import('/extension/background/audit-store.js')).readAudit(chrome.storage.local, u);
    const left = deadline - Date.now();
    if (left <= 0) return null;
    await new Promise((resolve) => {
      const done = () => { chrome.storage.onChanged.removeListener(onChanged); clearTimeout(timer); resolve(); };
      const onChanged = (changes, area) => { if (area === 'local' && k in changes) done(); };
      const timer = setTimeout(done, Math.min(left, 250));
      chrome.storage.onChanged.addListener(onChanged);
    });
  }
};
const storedAuditWhen = (suite, username, until, notStartedAt, { what, timeout }) => waitFor(async () =>
  (await extensionPage(suite)).evaluate(STORED_AUDIT_WHEN, username, until, notStartedAt, 2000), { what, timeout });

// Resolves when the stored audit of `u` changes (chrome.storage.onChanged), or after `ms`. Runs in
// the extension page.
const AUDIT_CHANGE = (u, ms) => new Promise((resolve) => {
  const k = `audit:${u}`;
  const done = () => { chrome.storage.onChanged.removeListener(onChanged); clearTimeout(timer); resolve(); };
  const onChanged = (changes, area) => { if (area === 'local' && k in changes) done(); };
  const timer = setTimeout(done, ms);
  chrome.storage.onChanged.addListener(onChanged);
});

// Waits until `predicate(audit)` holds for the stored audit of `username` (whole, as storedAudit
// reads it, or null); returns what the predicate returned. Reads it again when its record changes,
// or every 250 ms at most: read every 25 ms through the DevTools protocol, the whole audit (100 KB
// and more) of a long wait cost about a sixth of the CPU the audit itself took. A change between a
// read and the wait's start is seen at the latest 250 ms later.
export async function waitForAudit(suite, username, predicate, { what = `audit of @${username}`, timeout = 20000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const page = await extensionPage(suite);
    const wait = page.evaluate(AUDIT_CHANGE, username, 250);
    const met = predicate(await page.evaluate(READ_AUDIT, username));
    if (met) {
      wait.catch(() => {});  // ends by itself within 250 ms
      return met;
    }
    if (Date.now() > deadline) throw new Error(`waitForAudit: ${what} not met within ${timeout} ms`);
    await wait;
  }
}

// Waits until the stored audit of `username` is done; returns it. The page tells whether it is
// done and hands the audit over only then (the whole audit, 100 KB and more, through the DevTools
// protocol at every look cost about a sixth of the CPU the audit itself took).
export const auditDone = (suite, username, { timeout = 60000 } = {}) =>
  storedAuditWhen(suite, username, 'done', null, { what: `audit of @${username} done`, timeout });

// Waits until the stored audit of `username` has ended (done, cancelled or stopped: neither running
// nor paused), and is not the one started at `notStartedAt` (an earlier audit's); returns it.
// Handed over only then, as auditDone.
export const auditEnded = (suite, username, { notStartedAt = null, timeout = 90_000 } = {}) =>
  storedAuditWhen(suite, username, 'ended', notStartedAt, { what: `audit of @${username} ended`, timeout });

// Requests the audit of `username` (account `userId`) made: its followers pages, its posts' likers
// and comments, and the profiles of the accounts its lists named (the stand-in's log says whose audit
// each request can be: server.mjs auditOf). Not any profile's own check, nor another profile's
// audit: a profile checked in another tab, or moved to within the app, while the audit ran was
// counted as the audit's (any web_profile_info but the profile's own, any post's lists).
export function auditRequests(standin, username, userId) {
  const id = userId || PROFILE_IDS[username];
  return standin.log().filter((e) => e.kind === 'api' && (e.auditOf || []).includes(id));
}

export function userIdOf(standin, username) {
  return standin.documentFor(username).data.user.id;
}

// Opens the profile, waits for its badge, opens the panel and presses "Audit followers".
export async function startAudit(suite, page, username, { navigate = true } = {}) {
  await page.bringToFront();
  if (navigate) await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  await waitForOverlay(page, (s) => s.progress !== null, { what: `audit progress on @${username}` });
}

// Stops the extension's service worker through the DevTools protocol (what Chrome does to an
// idle worker after ~30 s) and waits until the extension itself (its content script's next
// message) has started it again. Puppeteer attaches to every worker with "wait for debugger
// on start" and, when the restarted worker reuses the stopped one's target id, never lets it
// run; releasing that pause (Runtime.runIfWaitingForDebugger) undoes the harness's own
// interference and nothing more.
export async function stopWorkers(suite, { restart = true } = {}) {
  const page = await extensionPage(suite);
  const cdp = await page.createCDPSession();
  // Status changes as they come (a restart can follow the stop within milliseconds).
  let status = 'running', stopped = false, restarted = false;
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
    for (const v of e.versions) {
      if (!v.scriptURL.includes(suite.session.extensionId)) continue;
      status = v.runningStatus;
      if (status === 'stopped') stopped = true;
      else if (stopped && (status === 'starting' || status === 'running')) restarted = true;
    }
  });
  try {
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => stopped, { what: 'service worker stopped', timeout: 10000 });
    if (!restart) return;
    await waitFor(() => restarted, { what: 'service worker restarted by the extension', timeout: 20000 });
    const browserCdp = await suite.session.browser.target().createCDPSession();
    try {
      await waitFor(async () => {
        const { targetInfos } = await browserCdp.send('Target.getTargets');
        for (const t of targetInfos.filter((x) => x.type === 'service_worker' && x.url.includes(suite.session.extensionId))) {
          const { sessionId } = await browserCdp.send('Target.attachToTarget', { targetId: t.targetId, flatten: true });
          const session = browserCdp.connection().session(sessionId);
          await session.send('Runtime.runIfWaitingForDebugger').catch(() => {});
          await session.detach().catch(() => {});
        }
        return status === 'running';
      }, { what: 'service worker running again', timeout: 20000, interval: 50 });
    } finally {
      await browserCdp.detach().catch(() => {});
    }
  } finally {
    await cdp.detach().catch(() => {});
  }
}

// The toolbar button's popup for `tab` (chrome.action.openPopup, from the worker), once it has
// drawn the tab's profile; the caller closes it.
export async function openActionPopup(suite, tab) {
  await tab.bringToFront();
  const { browser } = suite.session;
  const old = new Set((await browser.pages()).map((p) => p.target()));
  const worker = await suite.session.worker();
  const opened = await worker.evaluate(() => chrome.action.openPopup().then(() => 'ok', (e) => String(e.message || e)));
  if (opened !== 'ok') throw new Error(`chrome.action.openPopup(): ${opened}`);
  const target = await browser.waitForTarget((t) => t.url().endsWith('/extension/ui/popup.html') && !old.has(t), { timeout: 10000 });
  const popup = await target.asPage();
  await popup.waitForFunction(() => document.getElementById('current-body').dataset.state);
  return popup;
}

// The popup's question before something is lost for good (ui/ask-inline.js), asked from the
// button `trigger`: its words, its answers, where the focus went and whether the button made room
// for it. A native dialog (window.confirm, which Firefox's popup does not keep open) is dismissed,
// losing nothing, and fails the caller's check; each answer is a button of the question's group.
export async function popupAsks(popup, trigger) {
  const dialogs = [];
  const onDialog = (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); };
  popup.on('dialog', onDialog);
  try {
    await popup.click(trigger);
    await waitFor(async () => dialogs.length > 0 || await popup.$(`${trigger} + .ask`), { what: `the question after ${trigger}` });
  } finally {
    popup.off('dialog', onDialog);
  }
  if (dialogs.length) throw new Error(`${trigger} asked by a native dialog, not in the popup: ${JSON.stringify(dialogs)}`);
  return popup.$eval(`${trigger} + .ask`, (box, sel) => ({
    role: box.getAttribute('role'),
    named: document.getElementById(box.getAttribute('aria-labelledby'))?.textContent ?? null,
    question: box.querySelector('p').textContent,
    answers: [...box.querySelectorAll('button')].map((b) => b.textContent),
    focused: box.contains(document.activeElement) ? document.activeElement.textContent : null,
    triggerHidden: document.querySelector(sel).hidden,
  }), trigger);
}

// Answers the popup's open question after `trigger` by the button labelled `answer`.
export async function answerPopup(popup, trigger, answer) {
  const buttons = await popup.$$(`${trigger} + .ask button`);
  for (const b of buttons) {
    if (await b.evaluate((x) => x.textContent) === answer) { await b.click(); return; }
  }
  throw new Error(`no answer "${answer}" to the question after ${trigger}`);
}

// In place of everything stored, a history of `count` plain instant readings (user00000, user00001,
// ..., one second apart from `base`), written from the extension's page `ext`: the popup's test of a
// full history and tools/research/popup_draw.mjs.
export async function storeHistoryOf(ext, count, base) {
  await ext.evaluate((n, t0) => {
    const entries = {};
    for (let i = 0; i < n; i++) {
      const u = `user${String(i).padStart(5, '0')}`;
      entries[u] = { username: u, full_name: '', fake_percent: 10, ci_low: 5, ci_high: 20, grade: 'fair', confidence: 'instant',
        status: 'ok', states: [], follower_count: 100, rough: false, computed_at: t0 + i * 1000 };
    }
    return chrome.storage.local.clear().then(() => chrome.storage.local.set({ history: { schema: 2, entries } }));
  }, count, base);
  await tellBackground(ext, null);
}
