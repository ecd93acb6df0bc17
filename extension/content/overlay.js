// The overlay: a badge beside the follower count and a panel opened from it, each in its own
// (open, for tests) shadow root so Instagram's styles and ours never meet. This file holds the
// overlay's state, placing and opening; the badge (badge-view.js), the panel (panel.js), its
// charts (charts.js), the bug report (bug-report.js), the theme (theme.js) and the anchoring
// (anchor.js) are drawn by their own files. Every string is set as text; no innerHTML anywhere.
import { el } from './dom.js';
import { isDarkPage } from './theme.js';
import { findAnchor } from './anchor.js';
import { renderBadge, auditRunning } from './badge-view.js';
import { renderPanel } from './panel.js';
import { followHeadHeight } from './head-padding.js';
import { scrollKeeper } from './panel-scroll.js';
import { stoppedText } from './panel-refused.js';
import { redrawKeepingFocus, redrawInPlace } from './redraw.js';
import { partialAuditReplaces, followerChange } from '../shared/history.js';
import { STYLE } from './overlay-style.js';
import { stateMessage, partWaitMessage, auditNotStartedMessage } from '../shared/state-words.js';
import { auditWait } from './states.js';
import { recheckAsks } from '../shared/recheck.js';
import { focusDropped } from './focus-move.js';
import { underWay } from '../shared/audit.js';

export { setReportContext, bugReport } from './bug-report.js';
export { findAnchor, headersNow } from './anchor.js';
export { estimateText } from '../shared/words.js';

const PIN_AFTER_MS = 3000;

// Whether `host` is beside the count `after`: right after it, or after other Fakemeter badges there
// (a second copy of the extension installed side by side: each moved its badge to the first place
// whenever the other did, hundreds of times a second, without end).
function besideCount(after, host) {
  for (let n = after.nextSibling; n && n.nodeType === 1 && n.hasAttribute('data-fakemeter'); n = n.nextSibling) {
    if (n === host) return true;
  }
  return false;
}

export class Overlay {
  // `previousHeaders` (anchor.js headersNow): the page's headers when the app moved here from
  // another page, none on a page loaded on this profile.
  constructor(t, username, handlers, previousHeaders = null) {
    this.t = t;
    this.username = username;
    this.previousHeaders = previousHeaders;
    // {onAudit, onAuditNew, onAuditEngagers, onAuditFollowersAgain, onCancel, onRecheck, onRun, plan (what an audit would read),
    //  onPanel (the panel opened or closed: true or false), onPanelFocus (the focus went into the
    //  panel or left it: true or false)}
    this.handlers = handlers;
    this.model = { kind: 'loading' };
    this.audit = null;
    // A paused audit this page takes up again (setResuming): 'starting' until its loop's first step,
    // or {failed} (the answer that left the profile's id unread, or null) when it could not start.
    this.auditResuming = null;
    this.firstSeen = null;
    this.formerUsernames = [];
    this.earlier = null;
    this.latestCount = null;
    this.checked = null;  // the profile's own result (setReport), for an audit that narrows nothing
    this.panelOpen = false;
    this.covered = false;       // a post opened as a dialog over the profile (cover)
    this.reopenPanel = false;   // the panel was open when it was covered
    this.askRecheck = false;  // the panel asks before a re-check replaces an audit's result (recheck)
    this.createdAt = Date.now();
    this.straysRemoved = false;  // removeStrays
    this.focusUntil = 0;  // focusWhenPlaced

    // The overlay's languages are all written left to right: on a right-to-left Instagram (Arabic,
    // Hebrew) the badge and panel keep their own direction, or the interval bar's scale would read
    // from the right while its range is drawn from the left (27% shown where 73% is).
    this.badgeHost = el('span', { 'data-fakemeter': 'badge', dir: 'ltr', lang: t.lang || 'en' });
    this.badgeRoot = this.badgeHost.attachShadow({ mode: 'open' });
    this.badgeRoot.append(el('style', {}, STYLE));
    this.badge = el('span', { class: 'badge', role: 'button', tabindex: '0', part: 'badge', 'aria-haspopup': 'dialog', 'aria-expanded': 'false' });
    this.badgeRoot.append(this.badge);
    // What the badge says, for screen readers, as it changes (a result, a wait; an audit's once it
    // ends): the button itself is no live region.
    this.live = el('span', { class: 'sr-only', role: 'status', 'aria-live': 'polite', part: 'live' });
    this.badgeRoot.append(this.live);
    this.badge.addEventListener('click', () => this.togglePanel());
    this.badge.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); this.togglePanel(); }
      if (e.key === 'Escape' && this.panelOpen) { e.preventDefault(); this.closePanel(); }
      // The open panel comes next, as it looks: Tab from the badge goes into it, not on through the page.
      if (e.key === 'Tab' && !e.shiftKey && this.panelOpen) {
        const [first] = this.panelControls();
        if (first) { e.preventDefault(); first.focus(); }
      }
      // Shift+Tab from the badge leaves the overlay for the page's control before it: the panel
      // closes as the focus goes on there. Left open, it lay over the page where Escape no longer
      // closed it (the key is the page's own in its controls).
      if (e.key === 'Tab' && e.shiftKey && this.panelOpen) {
        this.askRecheck = false;
        this.takePanelDown();
        if (this.handlers.onPanel) this.handlers.onPanel(false);
      }
    });

    this.panelHost = el('div', { 'data-fakemeter': 'panel', dir: 'ltr', lang: t.lang || 'en' });
    this.panelRoot = this.panelHost.attachShadow({ mode: 'open' });
    this.panelRoot.append(el('style', {}, STYLE));
    this.panel = el('div', { class: 'panel', role: 'dialog', 'aria-label': t('panelTitle', username), tabindex: '-1' });
    this.panelRoot.append(this.panel);
    this.watchHead = followHeadHeight(this.panel);
    this.scroll = scrollKeeper(this.panel);
    // Whether the focus is in the panel, for the copy of the content script that replaces this one
    // (main.js, panel-mark.js): the panel has it while its host is the page's active element (a move
    // inside the panel reaches the host as no event; one out of it leaves the body active meanwhile).
    const followFocus = () => { if (this.handlers.onPanelFocus) this.handlers.onPanelFocus(document.activeElement === this.panelHost); };
    this.panelHost.addEventListener('focusin', followFocus);
    this.panelHost.addEventListener('focusout', followFocus);
    this.panel.addEventListener('keydown', (e) => {
      // Escape answers the re-check's question as "keep the audit" first, as a dialog's cancel does.
      if (e.key === 'Escape' && this.askRecheck) { e.preventDefault(); this.answerRecheck(false); return; }
      if (e.key === 'Escape') this.closePanel();
      if (e.key === 'Tab') this.tabOut(e);
    });
    // Escape closes the open panel also when nothing has the focus (a click on the page's text
    // after opening it), not only from the badge or the panel: it lies over the page. Not while the
    // user is in one of the page's own controls, nor when the page used the key itself.
    this.onPageKey = (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented || !this.panelOpen) return;
      const focused = document.activeElement;
      if (focused && focused !== document.body && focused !== document.documentElement) return;
      this.closePanel();
    };
    this.render();
  }

  // Puts the badge in the page (again, after the app re-rendered the header). Returns
  // whether it is attached to a real anchor.
  place() {
    if (this.covered) return false;
    const anchor = findAnchor(this.username, document, this.previousHeaders);
    const theme = isDarkPage() ? 'dark' : 'light';
    this.badgeHost.setAttribute('data-theme', theme);
    this.panelHost.setAttribute('data-theme', theme);
    // Shown anywhere, pinned too, beside another account's header, the verdict reads as that
    // account's: none until the app draws this profile's header, however long it takes.
    if (anchor && anchor.otherProfile) {
      this.badgeHost.remove();
      return false;
    }
    if (anchor) {
      this.badgeHost.removeAttribute('data-pinned');
      this.badgeHost.removeAttribute('style');
      // Its gap on the side that faces the count, in the page's direction.
      const line = anchor.after ? anchor.after.parentElement : anchor.inside;
      const rtl = !!line && getComputedStyle(line).direction === 'rtl';
      if (rtl) this.badgeHost.setAttribute('data-page-dir', 'rtl');
      else this.badgeHost.removeAttribute('data-page-dir');
      if (anchor.after && !besideCount(anchor.after, this.badgeHost)) anchor.after.after(this.badgeHost);
      if (anchor.inside && this.badgeHost.parentNode !== anchor.inside) anchor.inside.append(this.badgeHost);
      this.removeStrays();
      this.claimFocus();
      return true;
    }
    // Pinned to the viewport only when, a few seconds on, no follower count showed up to go beside.
    if (Date.now() - this.createdAt < PIN_AFTER_MS) return false;
    if (!this.badgeHost.isConnected) {
      // Where: overlay-style.js (:host([data-pinned])), by the window's width.
      this.badgeHost.setAttribute('style', 'position:fixed;z-index:2147483646');
      this.badgeHost.setAttribute('data-pinned', '');
      document.documentElement.append(this.badgeHost);
    }
    this.removeStrays();
    this.claimFocus();
    return false;
  }

  // Whether the keyboard's focus is in this overlay: on its badge or in its panel.
  hasFocus() {
    const a = document.activeElement;
    return !!a && (a === this.badgeHost || a === this.panelHost);
  }

  // The focus was in the panel of the profile the app just left (main.js, focus-move.js): it goes
  // to this badge once it is in the page, and back to it should the app draw the header again
  // (which drops it), until `until`, while nothing else has it.
  focusWhenPlaced(until) {
    this.focusUntil = until;
    this.claimFocus();
  }

  claimFocus() {
    if (!this.focusUntil || !this.badgeHost.isConnected || this.hasFocus()) return;
    if (Date.now() > this.focusUntil || !focusDropped()) { this.focusUntil = 0; return; }
    this.badge.focus();
  }

  // Pinned to the viewport: no profile header to go beside.
  isPinned() {
    return this.badgeHost.isConnected && this.badgeHost.hasAttribute('data-pinned');
  }

  // Removes, once, the badges and panels on the page that are not this overlay's: those of an
  // earlier copy of the content script. When the extension is updated or reinstalled, Firefox ends
  // that copy without letting it run again (no timer, no event, no port closing: it cannot take
  // them off itself) and injects the new copy into the open tab, whose stylesheet shows them
  // again, dead. Done when this badge is in the page, so a page learns nothing from it that the
  // badge does not show; once, so two copies of the extension installed side by side do not remove
  // each other's for ever.
  removeStrays() {
    if (this.straysRemoved || !this.badgeHost.isConnected) return;
    this.straysRemoved = true;
    for (const host of document.querySelectorAll('[data-fakemeter]')) {
      if (host !== this.badgeHost && host !== this.panelHost) host.remove();
    }
  }

  isPlaced() {
    return this.badgeHost.isConnected && this.badgeHost.getAttribute('style') === null;
  }

  destroy() {
    removeEventListener('keydown', this.onPageKey);
    this.badgeHost.remove();
    this.panelHost.remove();
  }

  setLoading() { this.model = { kind: 'loading' }; this.render(); }
  setIdle() { this.model = { kind: 'idle' }; this.render(); }

  // `retry` (a reading of the page's counts made while Instagram refused for now): {retryAt,
  // unavailable} when the full check is tried again then, {tries, unavailable} when it is no longer.
  // `firstSeen` (history.js first_seen): the profile's follower count at the user's first exact
  // check; it stays for this view, through an audit's reports, for the panel's line on it.
  // `latestCount` (history.js latest_count): on an audited result, the follower count a later
  // look read; a new report is its own latest count.
  // `formerUsernames` (history.js former_usernames): the names the account had before, for the
  // panel's "formerly @..." line; it stays for this view, as `firstSeen` does.
  // `earlier` (taken.js earlierOwner): another account had this name before, its history moved to
  // its new name ({movedTo}) or kept aside ({aside}); for the panel's line on it; it stays too.
  // `auditPartial` (history.js audit_partial): the stored audited reading rests on the part an
  // audit read before it ended early, whether or not that audit's state is still kept.
  setReport(report, { computedAt, cached = false, rough = false, roughCause = null, retry = null, storageFull = false,
                      storageShrunk = false, firstSeen = undefined, latestCount = null, formerUsernames = undefined,
                      earlier = undefined, auditPartial = false } = {}) {
    if (firstSeen !== undefined) this.firstSeen = firstSeen;
    if (formerUsernames !== undefined) this.formerUsernames = formerUsernames || [];
    if (earlier !== undefined) this.earlier = earlier;
    this.latestCount = latestCount;
    this.model = { kind: 'report', report, computedAt, cached, rough, roughCause, retry, storageFull, storageShrunk, auditPartial };
    this.checked = this.model;
    if (!rough) this.auditNotStarted = null;  // read in full now: an audit can start
    this.askRecheck = false;  // asked about the result that was in view
    this.render();
  }

  // The panel's Re-check: on an audit's result it asks first (shared/recheck.js), the focus on
  // "Keep the audit"; else the check runs.
  recheck() {
    if (!recheckAsks(this.model, auditRunning(this.audit))) { this.handlers.onRecheck(); return; }
    this.askRecheck = true;
    this.render();
    this.focusPart('recheck-keep');
  }

  // The answer to that question: re-check now, or keep the audit (the focus back on Re-check).
  answerRecheck(go) {
    this.askRecheck = false;
    if (go) { this.handlers.onRecheck(); return; }
    this.render();
    this.focusPart('recheck');
  }

  focusPart(part) {
    const c = this.panelOpen ? this.panel.querySelector(`[part="${part}"]`) : null;
    if (c) c.focus({ preventScroll: true });
  }

  // Another language chosen in the options: everything drawn again in it.
  setTranslator(t) {
    this.t = t;
    for (const host of [this.badgeHost, this.panelHost]) host.setAttribute('lang', t.lang || 'en');
    this.panel.setAttribute('aria-label', t('panelTitle', this.username));
    this.render();
  }

  // The follower count read again beside the result in view (an audit's), and the first count.
  setLatestCount(latestCount, firstSeen, formerUsernames = undefined) {
    this.latestCount = latestCount;
    if (firstSeen !== undefined) this.firstSeen = firstSeen;
    if (formerUsernames !== undefined) this.formerUsernames = formerUsernames || [];
    this.render();
  }

  // A wait (state 'rate_limited'): until `retryAt`, or, with `tries`, no longer retried (`manual`:
  // automatic checks are off, so only a check by hand tries again); `during`: drawn by the audit
  // of that profile (a username), not by this one's check. `renamedTo` (state 'renamed'): the
  // name the account goes by now, its history moved there. `at`: when the tab was told (a later
  // reading of the profile, in another tab, outranks a 'not_found': reading-change.js).
  // `unread`: a count of the page's own text (logged out, or refused) not read, as written.
  setState(state, { detail = null, retryAt = null, unavailable = null, cap = null, tries = null, manual = false,
                    during = null, renamedTo = null, unread = null } = {}) {
    this.model = { kind: 'state', state, detail, retryAt, unavailable, cap, tries, manual, during, renamedTo, unread, at: Date.now() };
    this.render();
  }

  // `view`: the background's audit view; one without progress (no audit any more) shows none.
  setAudit(view) {
    const audit = view && view.progress ? view : null;
    this.audit = audit;
    this.auditStorageFull = false;
    this.auditNotStarted = null;
    // Resuming is said of a paused audit alone: running again (or ended, or gone), it is over.
    if (!audit || audit.progress.status !== 'paused') this.auditResuming = null;
    if (audit && audit.report && (audit.progress.requests > 0 || audit.progress.status !== 'running')) {
      const next = { kind: 'report', report: audit.report, computedAt: Date.now(), cached: false, rough: false, fromAudit: true };
      // While it runs, the audit's estimate narrows in view. Once it ends, it is the profile's
      // result if it finished, or, ended before its plan, if it narrowed the result it found (an
      // earlier audit's, or the profile's own check): as the history keeps it (partialAuditReplaces).
      const status = audit.progress.status;
      const own = this.checked;
      // (Paused: no end, the page that comes back to it goes on with it.)
      if (underWay(status)) this.model = next;
      else if (status === 'done' || !own || partialAuditReplaces({ ...own.report, rough: own.rough }, audit.report)) {
        this.model = next;
        this.checked = next;
      } else this.model = own;
    }
    this.render();
  }

  // A paused audit in view being taken up again by this page ('starting'), or that could not be
  // ({failed}); null: neither. Until its loop began, the panel offered Resume and New audit for an
  // audit going on by itself, and one whose profile id could not be read stayed paused unsaid.
  setResuming(resuming) {
    this.auditResuming = this.audit && this.audit.progress.status === 'paused' ? resuming : null;
    this.render();
  }

  // Storage stayed full after making room, so the audit could not save its next step: the
  // report stays; the audit section says why it stopped. Without a report, it is the state.
  noteStorageFull() {
    if (this.model.kind !== 'report') { this.setState('storage_full'); return; }
    this.auditStorageFull = true;
    this.render();
  }

  // An audit asked for that could not start (`failed`: the answer of the profile's read, which an
  // older stored result without an account id needs first; null clears it). Said in the audit
  // section and once to screen readers, until an audit or a full reading comes.
  noteAuditNotStarted(failed) {
    this.auditNotStarted = failed || null;
    this.auditNotStartedSaid = false;
    this.render();
  }

  // While an audit runs its badge's words change at every step ("auditing 9/41", then "10/41"; its
  // interval "(8.5–100%)", then "(13–99%)"; a floor, then "unclear so far"), and the badge's width
  // followed: the profile header beside it jumped every second or two (one audit measured: its
  // width changed 11 times, between 237 and 271 px, up and down). From the audit's first reading
  // on, the badge keeps the largest size it has had in this audit (so it grows a few times at most
  // and never shrinks back); the window resized starts afresh. Once the audit ends, its size is its own.
  holdBadgeSize() {
    const style = this.badge.style;
    const a = this.audit;
    // (A step's view may come without the report: the reading shown stays the audit's.)
    const held = auditRunning(a) && this.model.kind === 'report' && this.model.fromAudit === true;
    const viewport = globalThis.innerWidth;
    if (!held || !this.badgeFloor || this.badgeFloor.viewport !== viewport) {
      style.removeProperty('min-width');
      style.removeProperty('min-height');
      this.badgeFloor = held ? { width: 0, height: 0, viewport } : null;
    }
    if (!held) return;
    const box = this.badge.getBoundingClientRect();
    if (!box.width) return;  // not in the page (yet)
    const f = this.badgeFloor;
    f.width = Math.max(f.width, box.width);
    f.height = Math.max(f.height, box.height);
    // In px: a percentage here resolves against the host, which shrinks to the badge (no hold at
    // all). A size held was drawn at this window's width, so it fits where it did.
    style.setProperty('min-width', `${f.width}px`);
    style.setProperty('min-height', `${f.height}px`);
  }

  // What the plan before an audit rests on changed (the requests the hourly cap counts, the
  // options): the open panel shows it drawn again; a closed one is drawn when it opens.
  planChanged() {
    if (this.panelOpen) this.render();
  }

  // A post opened as a dialog over this profile (main.js, pages.js routeOf): the badge and the
  // panel leave the page, since nothing of ours is to lie over Instagram's dialog (the panel sits
  // above everything), while the overlay goes on following the audit, which keeps running. When
  // the dialog closes the badge goes back beside the count, drawn as the audit is now, and the
  // panel opens again if it was open (without taking the focus: the page has it). The panel's
  // mark (onPanel) stays, as for a panel still open.
  cover(on) {
    if (on === this.covered) return;
    this.covered = on;
    if (on) {
      this.reopenPanel = this.panelOpen;
      // The focus is the dialog's now (the panel opens again without it).
      if (this.panelOpen && this.handlers.onPanelFocus) this.handlers.onPanelFocus(false);
      this.takePanelDown();
      this.badgeHost.remove();
      return;
    }
    this.place();
    if (this.reopenPanel) this.openPanel({ focus: false });
    this.reopenPanel = false;
  }

  togglePanel() { if (this.panelOpen) this.closePanel(); else this.openPanel(); }

  // `focus`: the focus goes into it (opened by the user, or opened again after an update where the
  // old panel had it: main.js); not when it is opened again otherwise, wherever they are on the page.
  openPanel({ focus = true } = {}) {
    this.panelOpen = true;
    this.badge.setAttribute('aria-expanded', 'true');
    if (!this.panelHost.isConnected) document.documentElement.append(this.panelHost);
    if (this.handlers.onPanel) this.handlers.onPanel(true);
    addEventListener('keydown', this.onPageKey);
    this.render();
    if (!focus) return;
    const first = this.panel.querySelector('button');
    (first || this.panel).focus();
  }

  // The follower count at the user's first check and now (the count a later look read, on an
  // audited result), as the panel says it; none on the page's counts alone.
  followerChange() {
    const m = this.model;
    if (m.kind !== 'report' || m.rough) return null;
    return followerChange(this.firstSeen, this.latestCount ? this.latestCount.follower_count : m.report.follower_count);
  }

  // What has just happened to the audit, in words, or null: its status changing (not on the first
  // sight of an audit, e.g. a page opened on one that runs: the panel shows it), or a new wait.
  auditEvent() {
    const p = this.audit ? this.audit.progress : null;
    const status = p ? p.status : null;
    // A wait of one kind alone, shown before the next step says which request comes next (an
    // answer's view): whether the rest goes on is known with that step, said then, once.
    if (p && status === 'running' && p.retryOf && p.retryAt > Date.now() && !this.audit.kind && this.auditSeen
        && this.auditSeen.status === status) return null;
    const wait = p && status === 'running' && p.retryAt > Date.now() ? p.retryAt : null;
    const before = this.auditSeen;
    this.auditSeen = { status, wait };
    if (!before || !p) return null;
    const t = this.t;
    if (status !== before.status) {
      // An audit first seen here (the page opened on it) is shown, not announced; one that starts
      // here has read nothing yet.
      if (before.status === null && !(status === 'running' && p.listsDone + p.profilesDone === 0)) return null;
      // Paused by a page of the profile that left it, and taken up again here: it goes on, unsaid.
      if (status === 'paused' || before.status === 'paused') return null;
      if (status === 'running') return t('auditStartedLive');
      if (status === 'cancelled') return t('auditCancelled');
      if (status === 'done') return t('auditDone');
      if (status === 'stopped') return stoppedText(t, p.stopReason);
      return null;
    }
    if (!wait || wait === before.wait) return null;
    // A server error's wait of one kind alone is said as that part's (the rest going on or not).
    const w = auditWait(p, this.audit);
    return w && w.of && Number.isInteger(w.unavailable) ? partWaitMessage(t, w.of, w.unavailable, w.retryAt, w.meanwhile)
      : stateMessage(t, 'rate_limited', wait, p.retryUnavailable);
  }

  // The panel's controls the keyboard reaches, in order.
  panelControls() {
    return [...this.panel.querySelectorAll('button, a[href], input, select, [tabindex="0"]')].filter((c) => !c.disabled);
  }

  // Tab past the panel's last control (or Shift+Tab before its first) goes back to the badge,
  // the panel staying open: the panel sits at the end of the document, so the focus fell to the
  // page's end (or its last post), where Escape no longer reached the panel.
  tabOut(e) {
    const controls = this.panelControls();
    const at = this.panel.getRootNode().activeElement;
    const edge = e.shiftKey ? controls[0] : controls[controls.length - 1];
    if (!controls.length || at === edge || (e.shiftKey && at === this.panel)) {
      e.preventDefault();
      this.badge.focus();
    }
  }

  closePanel() {
    this.askRecheck = false;
    this.takePanelDown();
    if (this.handlers.onPanel) this.handlers.onPanel(false);
    this.badge.focus();
  }

  // The panel off the page (closed, or covered by a post's dialog: cover).
  takePanelDown() {
    this.panelOpen = false;
    this.badge.setAttribute('aria-expanded', 'false');
    this.panelHost.remove();
    removeEventListener('keydown', this.onPageKey);
  }

  render() {
    // The panel's scroll, read before this render changes the page (panel-scroll.js).
    const scroll = this.panelOpen ? this.scroll.read() : 0;
    // The question goes with the audit's result it was about (an audit started since, say).
    if (this.askRecheck && !recheckAsks(this.model, auditRunning(this.audit))) this.askRecheck = false;
    const change = this.followerChange();
    const label = redrawInPlace(this.badge, (into) => renderBadge(into, { t: this.t, model: this.model, audit: this.audit, change }));
    const said = `${this.t('extName')}: ${label}`;
    this.holdBadgeSize();
    // While an audit runs its estimate moves on each step: said once it ends, not at every step.
    // What happens to the audit is said as it happens (started, waiting, cancelled, stopped,
    // done), once, in this one live region: the panel is drawn afresh at every step, so a status
    // node of its own would be a new live region each time (said twice, or never).
    const auditing = auditRunning(this.audit);
    let event = this.auditEvent();
    if (this.auditNotStarted && !this.auditNotStartedSaid) {
      this.auditNotStartedSaid = true;
      event = auditNotStartedMessage(this.t, this.auditNotStarted);
    }
    if (event && !auditing) this.live.textContent = `${event} ${said}`;
    else if (event) this.live.textContent = event;
    else if (!auditing && this.live.textContent !== said && !this.live.textContent.endsWith(said)) this.live.textContent = said;
    if (this.panelOpen) {
      // The panel is drawn afresh on every change (each audit step): the control that has the
      // keyboard's focus stays (redraw.js), or, where it is gone, the one that took its place gets
      // the focus; the scroll is kept. So Escape and Tab go on working.
      const root = this.panel.getRootNode();
      const focused = root.activeElement && root.activeElement !== this.panel && this.panel.contains(root.activeElement)
        ? root.activeElement : null;
      const view = { t: this.t, model: this.model, audit: this.audit, username: this.username, change,
        formerUsernames: this.formerUsernames, earlier: this.earlier,
        handlers: this.handlers, auditStorageFull: this.auditStorageFull, auditResuming: this.auditResuming,
        auditNotStarted: this.auditNotStarted, onClose: () => this.closePanel(),
        askRecheck: this.askRecheck, onRecheck: () => this.recheck(), onRecheckAnswer: (go) => this.answerRecheck(go) };
      const { changed } = redrawKeepingFocus(this.panel, focused, (into) => renderPanel(into, view));
      if (!changed) return;
      this.scroll.restore(scroll);
      this.watchHead();
      if (focused && root.activeElement !== focused) refocus(this.panel, focused.getAttribute('part'));
    }
  }
}

// After the panel was drawn again: the control of the same part, or the one that took its place
// (Audit -> Cancel and back; Check -> Re-check), else the close button. After a refused followers
// list the audit's buttons are the engagers' audit and trying the list again.
const FOCUS_SUCCESSORS = { 'audit-button': ['cancel'], 'audit-new': ['cancel'], 'audit-engagers': ['cancel'], 'audit-retry': ['cancel'],
                           cancel: ['audit-button', 'audit-engagers', 'audit-retry'], run: ['recheck'],
                           recheck: ['recheck-keep'], 'recheck-keep': ['recheck'], 'recheck-confirm': ['recheck'] };
function refocus(panel, part) {
  const find = (p) => (p ? panel.querySelector(`[part="${p}"]`) : null);
  const next = find(part) || (FOCUS_SUCCESSORS[part] || []).map(find).find(Boolean) || find('close') || panel;
  next.focus({ preventScroll: true });
}
