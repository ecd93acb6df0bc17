// Reading and driving the extension's overlay (badge and panel hosts with open shadow roots,
// elements marked with part="..." per the stand-in page contract), plus screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS } from './paths.mjs';

export const BADGE = '[data-fakemeter="badge"]';
export const PANEL = '[data-fakemeter="panel"]';

// Snapshot of the overlay as plain data (runs in the page; shadow roots are open).
export function overlayState(page) {
  return page.evaluate(() => {
    const part = (host, name) => host?.shadowRoot?.querySelector(`[part~="${name}"]`) || null;
    const text = (el) => (el ? el.textContent.trim() : null);
    const badge = document.querySelector('[data-fakemeter="badge"]');
    const panel = document.querySelector('[data-fakemeter="panel"]');
    const stateEl = part(badge, 'state') || part(panel, 'state');
    const progress = part(panel, 'progress') || part(badge, 'progress');
    const progressValue = progress ? Number(progress.getAttribute('aria-valuenow') ?? progress.value) : null;
    const progressMax = progress ? Number(progress.getAttribute('aria-valuemax') ?? progress.max ?? 100) : null;
    // Visible text of a shadow root, without its <style> and its screen-reader-only live region.
    // Text nodes are joined with a space, except a number range's unbreakable span (element.js
    // appendText) and the text right after it, which run on in the sentence: "(0–54%)".
    const inRange = (el) => el?.nodeType === 1 && el.tagName === 'SPAN' && el.style.whiteSpace === 'nowrap';
    const shadowText = (host) => {
      if (!host?.shadowRoot) return null;
      const walker = document.createTreeWalker(host.shadowRoot, NodeFilter.SHOW_TEXT);
      let out = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.tagName === 'STYLE' || n.parentElement?.closest('.sr-only')) continue;
        out += (inRange(n.parentElement) || inRange(n.previousSibling) ? '' : ' ') + n.nodeValue;
      }
      return out.replace(/\s+/g, ' ').trim();
    };
    // Each status node; a wait also says why (cause) and, while a retry is due, when (retryAt, ms).
    // `said`: its whole sentence, the tooltip of one the badge says short (else its text).
    const states = [badge, panel].flatMap((host) => [...(host?.shadowRoot?.querySelectorAll('[part~="state"]') || [])]
      .map((e) => ({ state: e.getAttribute('data-state'), text: e.textContent.trim(), said: e.getAttribute('title') || e.textContent.trim(),
        cause: e.getAttribute('data-cause'),
        retryAt: e.hasAttribute('data-retry-at') ? Number(e.getAttribute('data-retry-at')) : null,
        where: host === panel ? 'panel' : 'badge' })));
    // The badge as the engine decided it: its state, tone, label and notes (chips).
    const badgeEl = part(badge, 'badge');
    const badgeNotes = [...(badge?.shadowRoot?.querySelectorAll('[part~="badge-note"]') || [])]
      .map((e) => ({ id: e.getAttribute('data-note'), text: e.textContent.trim(), color: getComputedStyle(e).backgroundColor }));
    const labelEl = part(badge, 'badge-label');
    return {
      badges: document.querySelectorAll('[data-fakemeter="badge"]').length,
      badge: !!badge,
      badgeInHeader: !!badge?.closest('header'),
      badgeAfterFollowers: !!badge?.previousElementSibling?.matches?.('a[href$="/followers/"]'),
      badgeText: text(part(badge, 'badge-text')),
      badgeState: badgeEl?.getAttribute('data-badge-state') ?? null,
      badgeTone: badgeEl?.getAttribute('data-tone') ?? null,
      badgeLabel: text(labelEl),
      badgeLabelColor: labelEl ? getComputedStyle(labelEl).color : null,
      badgeBorderColor: badgeEl ? getComputedStyle(badgeEl).borderTopColor : null,
      badgeNotes,
      state: stateEl?.getAttribute('data-state') ?? null,
      stateText: text(stateEl),
      stateTitle: stateEl?.getAttribute('title') ?? null,
      panel: !!panel,
      panelEstimate: text(part(panel, 'panel-estimate')),
      auditButton: !!part(panel, 'audit-button') || !!part(badge, 'audit-button'),
      states,
      progress: progressValue,
      progressMax,
      progressText: text(progress),
      cancel: !!part(panel, 'cancel'),
      auditRunning: !!part(panel, 'cancel'),
      // One row per audited source (followers, likers, commenters), the profile's source, the plan.
      sources: Object.fromEntries(['followers', 'likers', 'commenters'].map((k) => [k, text(part(panel, `source-${k}`))])),
      profileSource: text(part(panel, 'profile-source')),
      followerChange: text(part(panel, 'follower-change')),
      // Another account had this name before: where its history went (taken.js earlierOwner).
      earlierOwner: text(part(panel, 'earlier-owner')),
      auditPlan: text(part(panel, 'audit-plan')),
      // Whose estimate the reading is while an audit runs, and why (content/panel.js headlineText).
      auditHeadline: text(part(panel, 'audit-headline')),
      // The engagement authenticity section: its verdict, or what it says instead (pending, none, failed).
      commentsVerdict: text(part(panel, 'comments-verdict')),
      commentsState: text(part(panel, 'comments-state')),
      badgeFullText: shadowText(badge),
      badgeAnnounced: text(part(badge, 'live')),
      panelText: shadowText(panel),
      username: location.pathname.split('/')[1] || null,
    };
  });
}

// Resolves on the animation frame after the page or the overlay (the badge's and the panel's
// shadow roots) next changes, or after `ms` at the latest (for what a predicate reads elsewhere:
// the stand-in's log, the time). Runs in the page.
function nextChange(ms) {
  return new Promise((resolve) => {
    const hosts = [...document.querySelectorAll('[data-fakemeter]')].map((h) => h.shadowRoot).filter(Boolean);
    const observer = new MutationObserver(() => done());
    for (const root of [document, ...hosts]) observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => done(), ms);
    function done() {
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve());
    }
  });
}

// Polls overlayState until predicate(state) holds; returns that state. Polls again on the frame
// after the page or the overlay changes, or every `idleMs` when nothing does (no fixed sleeps);
// gives up after `timeout` ms with the last state in the error. Polled on every animation frame,
// the snapshot (computed styles, the panel's text) of a long audit's wait cost the page and the
// harness more CPU than the audit's own steps.
export async function waitForOverlay(page, predicate, { timeout = 15000, what = 'overlay condition', idleMs = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await overlayState(page);
    if (predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`waitForOverlay: ${what} not met within ${timeout} ms; last state ${JSON.stringify(last)}`);
    try {
      await page.evaluate(nextChange, Math.min(idleMs, Math.max(0, deadline - Date.now())));
    } catch (e) {
      // A navigation ended the wait's page: the next snapshot is the new page's.
      if (!/Execution context was destroyed|Cannot find context|navigat/i.test(String(e && e.message))) throw e;
    }
  }
}

// The badge shows what the engine decided (a number, a finding, a reason) or a state message.
export const waitForBadge = (page, opts = {}) =>
  waitForOverlay(page, (s) => s.badge && (!!s.badgeText || !!s.badgeLabel || (!!s.state && s.state !== 'loading')),
    { what: 'badge with text or state', ...opts });

// "≈23% fake (15–31%)" -> {percent: 23, low: 15, high: 31}; null if no number in it.
export function parseEstimate(text) {
  if (!text) return null;
  const nums = [...text.matchAll(/(\d+(?:[.,]\d+)?)\s*%/g)].map((m) => Number(m[1].replace(',', '.')));
  const range = /\((\d+(?:[.,]\d+)?)\s*%?\s*[–-]\s*(\d+(?:[.,]\d+)?)\s*%\)/.exec(text);
  if (!nums.length) return null;
  return { percent: nums[0], low: range ? Number(range[1].replace(',', '.')) : null, high: range ? Number(range[2].replace(',', '.')) : null };
}

// Clicks an element inside a host's shadow root by its part name (e.g. 'audit-button').
// Found and clicked in one step inside the page: the overlay re-renders on every progress
// update, so a handle taken earlier may already be detached.
export async function clickPart(page, host, partName) {
  await page.waitForFunction((h, p) => {
    const el = document.querySelector(h)?.shadowRoot?.querySelector(`[part~="${p}"]`);
    if (!el || el.disabled) return false;
    el.click();
    return true;
  }, { polling: 'raf' }, host, partName);
}

// Follows one of the page's own links (href as written, e.g. '/explore/'; by default in its nav,
// `within` another part: '[role="tablist"]' for a profile's tabs), found and clicked in one step
// inside the page: the stand-in's app re-renders the page whenever a navigation's page data
// arrives, which can be after the extension has already drawn the new profile's badge.
export async function followLink(page, href, { within = 'nav' } = {}) {
  await page.waitForFunction((h, w) => {
    const a = document.querySelector(`${w} a[href="${h}"]`);
    if (!a) return false;
    a.click();
    return true;
  }, { polling: 'raf' }, href, within);
}

// From now on, on every animation frame, notes the path, whose header is on the page (its
// `header h2`) and the badge, or null: {for: the path it first appeared on (the previous
// profile's badge stays a frame after the move), where: 'header' | 'pinned' (fixed to the
// viewport) | 'other', header: the name of the header it is in}. Returns stop(): ends it and
// gives the changes in order. For what a test must never see on screen, however briefly.
// With `boxes`, each frame also has the badge's `box` ({x, y, width, height}, CSS px to 0.1),
// `label` (its text) and `auditing` (an audit's progress shown on it): for how it moves.
export async function recordBadgeFrames(page, { boxes = false } = {}) {
  await page.evaluate((withBoxes) => {
    const frames = (window.__fmFrames = []);
    const firstSeen = new WeakMap();
    const tick = () => {
      if (window.__fmFrames !== frames) return;
      const badge = document.querySelector('[data-fakemeter="badge"]');
      if (badge && !firstSeen.has(badge)) firstSeen.set(badge, location.pathname);
      const header = badge?.closest('header');
      const where = !badge ? null : header ? 'header' : getComputedStyle(badge).position === 'fixed' ? 'pinned' : 'other';
      const f = { path: location.pathname, header: document.querySelector('header h2')?.textContent ?? null,
        badge: badge && { for: firstSeen.get(badge), where, header: header?.querySelector('h2')?.textContent ?? null } };
      const inner = withBoxes && badge?.shadowRoot?.querySelector('[part~="badge"]');
      if (inner) {
        const r = inner.getBoundingClientRect();
        const at = (v) => Math.round(v * 10) / 10;
        f.badge.box = { x: at(r.x), y: at(r.y), width: at(r.width), height: at(r.height) };
        f.badge.label = inner.querySelector('[part~="badge-label"]')?.textContent ?? null;
        f.badge.auditing = !!inner.querySelector('[part~="badge-progress"]');
        f.badge.progress = inner.querySelector('[part~="badge-progress"]')?.textContent ?? null;
      }
      const last = frames[frames.length - 1];
      if (!last || JSON.stringify(last) !== JSON.stringify(f)) frames.push(f);
      requestAnimationFrame(tick);
    };
    tick();  // at once: the badge in view now is the one `for` the path now
  }, boxes);
  return () => page.evaluate(() => {
    const frames = window.__fmFrames;
    window.__fmFrames = null;
    return frames;
  });
}

// Opens the panel by clicking the badge (and waits for the panel host).
export async function openPanel(page) {
  // Clicked where the badge is, as a user's mouse does, its place read and clicked with no handle
  // kept between: the badge's words are drawn afresh when a reading or a setting arrives, and a
  // handle to them taken first could be gone by the click ("Node is detached from document"). The
  // pointer finds the badge itself, so a redraw between the press and the release is still its
  // click (overlay-style.js; overlay.test.mjs "drawn again between the press and the release").
  const at = await page.waitForFunction((sel) => {
    const b = document.querySelector(sel)?.shadowRoot?.querySelector('[part~="badge"]');
    if (!b) return false;
    let r = b.getBoundingClientRect();
    if (r.top < 0 || r.bottom > innerHeight || r.left < 0 || r.right > innerWidth) {
      b.scrollIntoView({ block: 'center', inline: 'center' });
      r = b.getBoundingClientRect();
    }
    return r.width > 0 && r.height > 0 && { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, { polling: 'raf' }, BADGE);
  const { x, y } = await at.jsonValue();
  await at.dispose();
  await page.mouse.click(x, y);
  // Handles kept alive hold the overlay they point at for the whole session (a false leak in soak runs).
  await page.waitForSelector(PANEL).then((h) => h.dispose());
}

// Writes a screenshot to dir/<name>.png; clip to an element when given. Without `dir`, to
// tests/e2e/artifacts/<name>.png only when FM_E2E_SCREENSHOTS=1, else nothing (returns null): no
// test reads them, and the ~60 pictures of a run cost CPU and wall time on every CI run; the demo
// (scripts/demo) passes its own dir and always writes.
export async function screenshot(page, name, { element = null, dir = null, padding = 24 } = {}) {
  if (!dir && process.env.FM_E2E_SCREENSHOTS !== '1') return null;
  dir ||= ARTIFACTS;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  let clip;
  if (element) {
    const handle = typeof element === 'string' ? await page.$(element) : element;
    const box = handle && await handle.boundingBox();
    if (box) clip = { x: Math.max(0, box.x - padding), y: Math.max(0, box.y - padding), width: box.width + 2 * padding, height: box.height + 2 * padding };
  }
  await page.screenshot({ path: file, clip });
  return file;
}
