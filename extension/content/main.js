// Content script: reads, asks, and draws. Its parts and when each is on:
//
//   start() ──> hello (strings, settings) ──> route watcher (always on)
//                                                │ path changed (load, pushState, popstate)
//                                                ▼
//                 profile page? ──no──> tear down the overlay, do nothing
//                      │ yes (or a post opened as a dialog over it: the badge and panel step
//                      │ aside, the audit goes on; pages.js routeOf)
//                      ▼
//   ProfileFeature(username, AbortSignal): cached result ─or─ instant fetch (same origin,
//        the user's session) ─> background analysis ─> Overlay (badge + panel)
//        │ Instagram refused for now (slow down, no answer): the instant check again at the
//        │ back-off's time, a few times at most, while the profile stays open
//                      │ "Audit followers" / a running audit found in storage
//                      ▼
//   audit loop: background says what to fetch and when (global scheduler) ─> fetch ─>
//        background applies the answer and persists ─> progress + live estimate
//
// One MutationObserver, batched per animation frame (an address that changed looked at at once),
// notices both navigation (the URL changed) and re-renders that removed the badge. A feature run
// is aborted when the user leaves the profile; a running audit stays in storage, paused, and
// resumes on return (a post opened over the profile is no leaving: routeOf). When the
// extension's context goes away (update, reload, removal), all of it is torn down.
import { send, isInvalidated, contextGone } from './messaging.js';
import { Overlay, setReportContext, headersNow } from './overlay.js';
import { profileHeaderNames } from './anchor.js';
import { translator } from '../shared/i18n.js';
import { profileFromPath, routeOf, postFromPath, profileInfoUrl, userInfoUrl, requestHeaders, readOgDescription, profileDisplayName, userIdFromPageScripts,
  classifyResponse, fromPageCounts, SELECTORS } from '../shared/instagram.js';
import { waitForPage } from './page-wait.js';
import { readHeaderCounts } from './header-counts.js';
import { auditPlan, auditView, resumable, underWay, AUDIT_PREFIX } from '../shared/audit.js';
import { MAX_BODY_CHARS, STORAGE_CHANGED } from '../shared/messages.js';
import { retryDecision } from '../shared/instant-retry.js';
import { triesUserInfo, keptAfterFallback } from '../shared/profile-fallback.js';
import { capHold, countedTimes, normalizeSchedulerState, SCHEDULER_KEY } from '../shared/scheduler.js';
import { DEFAULT_SETTINGS, SETTINGS_KEY, normalizeSettings } from '../shared/settings.js';
import { newReadingOf, followsReading, takesReading, renamedNow, newerCountOf, entryAfter } from '../shared/reading-change.js';
import { markPanelOpen, markPanelFocus, unmarkPanel, takePanelMark, focusFree } from './panel-mark.js';
import { auditRunning } from './badge-view.js';
import { watchTheme } from './theme.js';
import { FOCUS_MOVE_MS, focusLinkToHere } from './focus-move.js';
import { pageGoing, notePageGoing } from './page-going.js';

const LONG_WAIT_MS = 5000;
// How long, after a move within the app, a user:null answer waits for the page to draw the
// profile asked about (pageShowsProfileFor): a profile that is not there says so this much later.
const PAGE_DRAWN_MS = 5000;
// A profile reached by a link within Instagram's app is asked about only once the user has stayed
// on it this long: passing through profiles (clicking on before the page has drawn) sends nothing
// for the ones passed. The first profile of a page load is asked about at once.
const SETTLE_MS = 500;
let routed = false;
// A stored reading from the profile alone older than this is checked again on a visit (one
// request): follower counts move, and the user should not be shown last month's as today's.
const STALE_MS = 24 * 3600 * 1000;
let t = (k) => k;
let settings = DEFAULT_SETTINGS;  // until the background's hello says the user's
let current = null;   // {username, controller, feature}
// The audit steps whose request this document has out, by `${username}#${audit}#${id}` (how many
// sends of each): a page left within the app keeps its request going, and the page of the same
// profile come back to waits for its answer rather than sending it again (audit.claim `outstanding`).
const stepsOut = new Map();
const stepKey = (username, step) => `${username}#${step.audit}#${step.id}`;
// The focus was in the panel of the profile left for a page that is no profile: until when, and on
// which page, it goes to the page's link to here once the app has drawn one ({until, path}:
// focus-move.js focusLinkToHere); null: not.
let focusLink = null;
// The profile the document was loaded on: its data blocks are that profile's. A move by the
// app's own links (History API) keeps them, so they never name the id of a profile moved to.
const loadedProfile = (() => {
  const nav = typeof performance !== 'undefined' && performance.getEntriesByType
    ? performance.getEntriesByType('navigation')[0] : null;
  try { return profileFromPath(new URL(nav && nav.name ? nav.name : location.href).pathname); } catch { return null; }
})();

// What a visit does with a stored reading: 'refresh' checks it again (one from the profile alone,
// made more than STALE_MS ago); 'count' reads only its follower count again (an audit's result:
// it stays, since an instant check would put the profile alone in its place and the panel's
// Recheck is there for that, but the count it was made at ages, and the then-and-now line says
// how it moved; once per STALE_MS); null: nothing. Also while an audit runs: one left running for
// days (the browser closed) goes on with the count read now, not the one it started with (the
// background hands it to the audit).
function staleness(entry) {
  const last = entry.confidence === 'audited' && entry.latest_count ? entry.latest_count.at : entry.computed_at;
  // A time ahead of the clock (set wrong then, or moved back since) is no fresh reading.
  const age = Date.now() - last;
  if (age >= 0 && age <= STALE_MS) return null;
  return entry.confidence === 'audited' ? 'count' : 'refresh';
}

function sleepUntil(at, signal) {
  const ms = Math.max(0, at - Date.now());
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(signal.reason); return; }
    // The abort listener goes when the wait ends (one per step piled up on a running audit's signal).
    const abort = () => { clearTimeout(timer); reject(signal.reason); };
    const timer = setTimeout(() => { signal.removeEventListener('abort', abort); resolve(); }, ms);
    signal.addEventListener('abort', abort, { once: true });
  });
}

// A same-origin request with the user's cookies; network failures come back as status 0.
// onSent, if given, is called once the request has surely gone out (its answer began to
// arrive, or it failed).
// Instagram's answers take a second or two; one not wholly in (headers and body) after
// settings.answerTimeoutMs is given up and read as no answer (status 0): backed off from and
// tried again like a dropped connection, so a request that hangs never stalls a check or an audit.
async function igFetch(url, signal, onSent = null) {
  const request = new AbortController();
  const giveUp = () => request.abort();
  signal.addEventListener('abort', giveUp, { once: true });
  const timer = setTimeout(giveUp, settings.answerTimeoutMs);
  try {
    const res = await fetch(url, { credentials: 'include', headers: requestHeaders(), signal: request.signal, redirect: 'follow' })
      .finally(() => { if (onSent) onSent(); });
    let body = await res.text();
    let status = res.status;
    if (res.redirected && /\/accounts\/login/.test(res.url)) status = 401;
    if (body.length > MAX_BODY_CHARS) body = body.slice(0, MAX_BODY_CHARS);
    return { status, contentType: (res.headers.get('content-type') || '').slice(0, 200), body };
  } catch (e) {
    if (signal.aborted) throw e;
    return { status: 0, contentType: '', body: '' };
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', giveUp);
  }
}

// What a view of an audit shows (shared/audit.js auditView's fields), to tell one that changed: the
// views the page was given also carry their moment's wait, hour's count or step (audit.status,
// audit.next), which are no change of the audit.
const AUDIT_SHOWN = ['progress', 'report', 'estimate', 'estimates', 'comments', 'userId'];
const auditShown = (view) => JSON.stringify(view && view.progress ? AUDIT_SHOWN.map((k) => view[k] ?? null) : null);

export class ProfileFeature {
  // `previousHeaders`: the headers on the page when the app moved here (Overlay's).
  // `makeOverlay`: the overlay's maker (the unit tests give one that draws nothing).
  constructor(username, signal, settleUntil = 0, previousHeaders = null, makeOverlay = (...a) => new Overlay(...a)) {
    this.username = username;
    this.signal = signal;
    this.settleUntil = settleUntil;  // no request to Instagram before then (SETTLE_MS)
    this.report = null;   // the engine's latest report: user id, privacy, counts, recent posts
    this.auditController = null;
    this.auditStarting = false;
    this.retries = 0;        // instant checks tried again in this view after Instagram refused
    this.retryTimer = null;  // the next such try, while one is due
    this.heldUntil = 0;      // the end of the profile's own wait a visit found running (run), 0 for none
    // The instant check under way ({controller, sent: its request went, missed: a newer reading
    // came meanwhile}), until it ends: one still waiting for its slot gives way to a reading another
    // tab saved (followReading), and one whose request went looks again once its answer is shown.
    this.instantRun = null;
    this.overlay = makeOverlay(t, username, {
      plan: (options) => this.plan(options),
      onAudit: () => this.startAudit().catch((e) => this.fail(e)),
      onAuditNew: () => this.startAudit({ fresh: true }).catch((e) => this.fail(e)),
      // After Instagram refused the followers list: the posts' likers and commenters alone.
      onAuditEngagers: () => this.startAudit({ fresh: true, engagersOnly: true }).catch((e) => this.fail(e)),
      // "Try the followers again": the audit of the likers and commenters goes on with the followers.
      onAuditFollowersAgain: () => this.startAudit({ fresh: true, followersAgain: true }).catch((e) => this.fail(e)),
      onCancel: () => this.cancelAudit().catch((e) => this.fail(e)),
      onRecheck: () => this.checkNow().catch((e) => this.fail(e)),
      onRun: () => this.checkNow().catch((e) => this.fail(e)),
      // Kept on the page for a copy of the content script that replaces this one (panel-mark.js).
      onPanel: (open) => (open ? markPanelOpen(username) : unmarkPanel(username)),
      // The old panel taken off the page once the extension is gone is not the user leaving it.
      onPanelFocus: (focused) => { if (!contextGone()) markPanelFocus(username, focused); },
    }, previousHeaders);
    signal.addEventListener('abort', () => {
      // The profile left: its panel closes with it. The extension gone (updated): the mark stays
      // for the new copy, which opens the panel again.
      if (!contextGone()) unmarkPanel(username);
      this.cancelRetry();
      if (this.instantRun) this.instantRun.controller.abort();
      if (this.auditController) {
        this.auditController.abort();
        // The audit waits for the profile: stored as paused, not running (audit.js pauseAudit).
        if (!contextGone()) this.pauseAudit();
      }
      this.overlay.destroy();
    }, { once: true });
  }

  // The user asked for a check: it starts now, with a fresh count of retries.
  async checkNow() {
    this.cancelRetry();
    this.retries = 0;
    await this.runInstant({ byHand: true });
  }

  // The instant check ended waiting on Instagram until `retryAt`: it runs again then (what is
  // shown stays meanwhile), unless the stop rule says enough. Returns what the user is told:
  // {retryAt} (the promised time) or {tries} (how many were made; none is promised).
  planRetry(retryAt) {
    const d = retryDecision({ retryAt, retries: this.retries, now: Date.now() });
    if (d.stop || this.signal.aborted) return { retryAt: null, tries: this.retries + 1, manual: !settings.autoRun };
    this.cancelRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retries++;
      // A reading of the page's counts stays in view while the full check is tried; a wait gives
      // way to "checking".
      this.runInstant({ keepShown: this.overlay.model.kind === 'report' }).catch((e) => this.fail(e));
    }, d.at - Date.now());
    return { retryAt: d.at, tries: null };
  }

  // The profile is on the page but Instagram did not give it out: said so, and tried again once
  // its wait is over (`retryAt`: the profile's own, and any back-off), as planRetry decides.
  sayUnreadable(retryAt, detail = null) {
    const retry = this.planRetry(retryAt);
    this.overlay.setState('unreadable', { detail, retryAt: retry.retryAt, tries: retry.tries, manual: !!retry.manual });
  }

  // A visit within the profile's own wait (run: held): "could not read" said again, the ask left to
  // the wait's end, while the page shows the profile. A page that shows none (Instagram's "this page
  // isn't available": the profile deleted or renamed since Instagram last did not give it out) said
  // "Could not read … Retrying at" under the old name until the wait ended, up to an hour. It says
  // what the page does, with no request: the ask's user:null would be read as just that
  // (background instantAnalyze: not_found when the page shows no profile), and no retry is planned.
  // `renamedTo`: the name the history knows the account by now (handlers.js cached), if any. A new
  // name's page is another username: checked as any other (no wait of its own).
  async sayHeld(held, renamedTo = null) {
    if (await this.pageDrawsProfile(this.signal)) this.sayUnreadable(held);
    else if (!this.signal.aborted) this.overlay.setState(renamedTo ? 'renamed' : 'not_found', { renamedTo });
  }

  cancelRetry() {
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  fail(e) {
    if (this.signal.aborted || isInvalidated() || pageGoing()) return;
    console.warn('fakemeter:', e);
    // Whatever failed, no audit is being taken up any more: "Resuming the audit where it stopped…"
    // with Cancel stayed in view forever when taking it up threw before its loop's first step.
    this.overlay.setResuming(null);
    if (e && e.id === 'storage.full') { this.overlay.noteStorageFull(); return; }
    // A message the background refused: its code and this page's do not match (updated or rebuilt
    // while running), not Instagram changing its page, as it was said.
    this.overlay.setState(e && e.id === 'message.rejected' ? 'outdated' : 'engine_failed', { detail: String(e.message || e) });
  }

  place() { this.overlay.place(); }

  // The requests the hourly cap counts, as stored now (any tab's check or audit, this page's own
  // check): the plan shown before an audit said how the cap held it from those counted when the
  // page opened, so a panel left open, or opened later, promised requests the cap no longer had.
  // The open panel is drawn again only when the plan's outlook changed (another tab's audit writes
  // at each step).
  setCapTimes(times) {
    const before = JSON.stringify(this.plan().capHold || null);
    this.capTimes = times;
    if (JSON.stringify(this.plan().capHold || null) !== before) this.overlay.planChanged();
  }

  // What an audit would read now, and how the hourly cap would hold it (the counted requests as
  // stored last: setCapTimes keeps them current; "about", since requests age out of the hour
  // while the plan is in view).
  // `followersRefused`: the plan of an audit of the engagers alone (after the list was refused).
  plan({ followersRefused = null } = {}) {
    const p = auditPlan(settings, this.report ? this.report.posts : [], this.report ? this.report.follower_count : null,
                        { followersRefused });
    const hold = Array.isArray(this.capTimes) ? capHold(this.capTimes, settings.hourlyCap, p.requests, Date.now()) : null;
    return hold ? { ...p, capHold: { ...hold, cap: settings.hourlyCap } } : p;
  }

  // A few seconds on, the badge is pinned for want of a profile header. A stored reading shown
  // unchecked on such a page (Instagram's "this page isn't available" for a username gone since,
  // which showed the old verdict as this profile's) is checked again: Instagram saying the profile
  // is gone replaces it; any other answer leaves it as a stale reading's check does.
  placeLate() {
    if (this.signal.aborted) return;
    this.overlay.place();
    if (!this.unconfirmed || !this.overlay.isPinned()) return;
    const keepAudited = this.unconfirmed === 'count';
    this.unconfirmed = null;
    this.refreshStale(keepAudited).catch((e) => this.fail(e));
  }

  async run() {
    this.overlay.place();
    setTimeout(() => this.placeLate(), 3100);
    const cached = await send('profile.cached', { username: this.username });
    if (this.signal.aborted) return;
    this.capTimes = cached.capTimes;
    if (cached.audit) this.overlay.setAudit(cached.audit);
    // Paused when a page of the profile left it: this page goes on with it (below), said so from
    // now, not offered to resume or to start anew while the profile is read.
    if (cached.audit && cached.audit.progress.status === 'paused') this.overlay.setResuming('starting');
    const stored = cached.entry && cached.entry.report;
    // Instagram did not give the profile out lately and its own wait still runs: a visit (a reload,
    // the profile opened again) asks no sooner than the retry would have, which the state says. Each
    // such ask, made at once, drew the same answer; a check by hand (checkNow) still asks now.
    const held = this.heldUntil = cached.unreadableUntil > Date.now() ? cached.unreadableUntil : 0;
    if (stored) {
      this.report = stored;
      this.overlay.setReport(stored, { computedAt: cached.entry.computed_at, cached: true, rough: cached.entry.rough,
                                       roughCause: cached.entry.rough_cause, firstSeen: cached.entry.first_seen,
                                       latestCount: cached.entry.latest_count || null,
                                       formerUsernames: cached.entry.former_usernames || [], earlier: cached.earlier || null,
                                       auditPartial: cached.entry.audit_partial === true });
      // A reading of the page's counts alone (logged out, or Instagram refusing for now): each
      // visit tries the full check (the user may have logged in since).
      // The page's own data naming another account than the stored reading's (the username taken
      // by someone else since): that reading is not this profile's, whatever its age.
      const stale = staleness(cached.entry) || (this.pageNamesOtherAccount(stored) ? 'refresh' : null);
      if (settings.autoRun && cached.entry.rough) {
        await (held ? this.sayHeld(held, cached.renamedTo) : this.runInstant({ keepShown: true }));
      } else if (settings.autoRun && stale) {
        // (Held: the stored reading stays in view, as after a refusal, and a later visit asks.)
        if (!held) await this.refreshStale(stale === 'count');
      } else if (settings.autoRun) {
        this.unconfirmed = cached.entry.confidence === 'audited' ? 'count' : 'refresh';
      }
    } else if (settings.autoRun) {
      await (held ? this.sayHeld(held, cached.renamedTo) : this.runInstant());
    } else {
      this.overlay.setIdle();
    }
    // Running, or paused when a page of the profile left it: this page goes on with it. (One that
    // came with a rename in a check of this view is taken up by that check: tookMovedAudit.)
    await this.takeUp(cached.audit);
  }

  // An audit of this profile under way (running, or paused when a page of the profile left it),
  // found on the visit or brought by a check: this page goes on with it, said so ("Resuming…") while
  // the profile's id is read if it must be. Whichever way it came alike: a paused audit that came
  // with a rename in a retry's check (after a 401 "wait"), a re-check or a stale reading's check
  // stayed paused, offered to resume, where one that came with the visit's first check went on.
  async takeUp(audit) {
    if (!audit || !underWay(audit.progress.status) || this.signal.aborted || this.auditController) return;
    if (audit.progress.status === 'paused') this.overlay.setResuming('starting');
    // The profile's own wait still runs (run: held): no read before it ends, which asked at once and
    // drew the same answer. The retry planned for its end reads the id, and the audit goes on then
    // (resumeOnceRead); with the id known it goes on now.
    const held = this.heldUntil > Date.now();
    // Its own read of the profile, if one is needed, in place of a retry planned (which, coming
    // first, gave it up unanswered: the audit said it could not go on, without a why).
    if (!this.userId && !held) this.cancelRetry();
    const read = held ? { failed: { state: 'unreadable', retryAt: this.heldUntil } } : await this.ensureUserId();
    if (this.signal.aborted || this.auditController) return;
    if (this.userId) this.loopAudit().catch((e) => this.fail(e));
    else this.resumeFailed(read);
  }

  // The account's audit that came with a rename in a check's answer (kept under its old name until
  // that check: background instantAnalyze): shown, and taken up as one stored under this name is.
  tookMovedAudit(r) {
    if (!r.audit) return;
    this.overlay.setAudit(r.audit);
    this.takeUp(r.audit).catch((e) => this.fail(e));
  }

  // A paused audit this page could not take up again, the profile's id unread (`read`: ensureUserId's
  // answer): said, with why, and its Resume button tries again (startAudit). It stayed paused unsaid.
  resumeFailed(read) {
    if (this.signal.aborted || this.userId) return;
    this.overlay.setResuming({ failed: read && read.failed ? read.failed : null });
  }

  get userId() { return this.report && typeof this.report.user_id === 'string' ? this.report.user_id : null; }

  // The account id the page's own data names, when the page was loaded on this profile (its data
  // blocks are that profile's), else null.
  pageUserId() {
    if (loadedProfile !== this.username) return null;
    return userIdFromPageScripts([...document.querySelectorAll(SELECTORS.pageData)].map((e) => e.textContent));
  }

  // Whether the page draws this profile: its header names it, or its og tags do (a full load's;
  // after a move within the app they may still be the page left, which names another account).
  // Instagram's "Sorry, this page isn't available" has neither. web_profile_info answers
  // {"data":{"user":null}} for both (background: instantAnalyze tells them apart by this).
  pageShowsProfile() {
    if (profileHeaderNames(document).includes(this.username)) return true;
    const meta = document.querySelector(SELECTORS.ogDescription);
    return !!meta && (meta.getAttribute('content') || '').toLowerCase().includes(`(@${this.username})`);
  }

  // pageShowsProfile for `answer`, web_profile_info's. It matters only for user:null (the
  // background tells "could not be read" from "does not exist" by it), and after a move within
  // the app the header in view may still be the page left's when that answer comes: then the
  // page is given up to PAGE_DRAWN_MS to draw this profile's header (or og tags) before the
  // answer is read as the page saying the profile is not there. A page loaded on this profile
  // has its og tags from the start: no wait. `signal` aborting ends the wait with a throw.
  async pageShowsProfileFor(answer, signal) {
    if (this.pageShowsProfile()) return true;
    const c = classifyResponse(answer.status, answer.contentType, answer.body, { json: false });
    return c.userNull ? this.pageDrawsProfile(signal) : false;
  }

  // Whether the page shows this profile, given up to PAGE_DRAWN_MS to draw it after a move within
  // the app (at once on a page loaded on it: its og tags are there from the start).
  async pageDrawsProfile(signal) {
    if (this.pageShowsProfile()) return true;
    if (loadedProfile === this.username) return false;
    return waitForPage(() => this.pageShowsProfile(), { ms: PAGE_DRAWN_MS, signal });
  }

  // Whether the page, loaded on this profile, names an account id other than `report`'s.
  pageNamesOtherAccount(report) {
    if (!report || typeof report.user_id !== 'string') return false;
    const id = this.pageUserId();
    return !!id && id !== report.user_id;
  }

  // The profile read in full before an audit: its id, and its posts, which a reading of the page's
  // counts or a result kept without its details (dropped for space) lacks.
  // Returns {failed}: the last answer when the profile could not be read in full (else null).
  // `byHand`: the user asked (an audit started or resumed by its button): runInstant's.
  async ensureUserId({ byHand = false } = {}) {
    if (!this.userId || fromPageCounts(this.report.profile_source) || this.report.details_dropped) return this.runInstant({ byHand });
    return { failed: null };
  }

  // One instant request: a scheduler slot, then the fetch.
  // `quiet`: a wait for the slot is not shown (a stale reading's refresh waits behind it).
  // `run` (runInstant's): its waits end when it gives way to another tab's reading; once the
  // request goes it is marked sent (its answer is then awaited, not dropped: the back-off it may
  // start is the scheduler's to know).
  // `byHand`: the user asked (checkNow): it goes, also while the profile's own wait runs. Else a
  // profile left unread is asked once per wait, whatever its tabs: the background may answer with
  // another tab's ask instead (handlers.js instantBegin), returned as {shared} (askInstant takeShared).
  async fetchInstant(url, fallback = false, quiet = false, run = null, byHand = false) {
    const signal = run ? run.controller.signal : this.signal;
    await sleepUntil(this.settleUntil, signal);
    const begin = await send('instant.begin', { username: this.username, fallback, ...(byHand ? { byHand } : {}) });
    if (begin.shared) return { shared: begin.shared };
    try {
      if (signal.aborted) throw signal.reason;
      if (begin.at > Date.now() + 1000 && !quiet) {
        // Held by a wait another profile's audit drew: said as that audit's (`during`), not this profile's.
        this.overlay.setState('rate_limited', { retryAt: begin.at, unavailable: begin.unavailable, cap: begin.cap, during: begin.during });
      }
      await sleepUntil(begin.at, signal);
    } catch (e) {
      // Not going after all (the profile left, or another tab's reading shown while it waited for
      // the cap or a back-off): its slot is given back (background: instant.release).
      if (begin.at > Date.now()) send('instant.release', { username: this.username, at: begin.at }).catch(() => {});
      throw e;
    }
    if (run) run.sent = true;
    const answer = await igFetch(url, this.signal);
    // Cancelled by the browser as the page goes (a reload, the tab closed): no answer of
    // Instagram's, which would back every tab off. The check ends with the page.
    if (answer.status === 0 && pageGoing()) throw new DOMException('the page is going', 'AbortError');
    return answer;
  }

  // The profile from web_profile_info; when it refuses for now ("wait", "useragent mismatch") or
  // answers user:null on a page that shows the profile, from users/<id>/info (the id from an
  // earlier report, or the page's own data when the page was loaded on this profile); failing
  // both, from the counts the page shows (a refusal), or "could not be read" with a retry
  // (user:null). The engine reads each; the report names its source. Returns {failed}: the last
  // answer when no full report was read.
  async runInstant({ keepShown = false, byHand = false } = {}) {
    if (this.instantRun) this.instantRun.controller.abort();  // (a check by hand in place of one held)
    const run = { controller: new AbortController(), sent: false, missed: false };
    this.instantRun = run;
    let read;
    try {
      read = await this.askInstant(run, keepShown, byHand);
    } catch (e) {
      // Given way, while it waited for its slot, to a newer reading another tab saved: shown already.
      if (run.controller.signal.aborted && !this.signal.aborted) return { failed: null };
      throw e;
    } finally {
      if (this.instantRun === run) this.instantRun = null;
    }
    // A newer reading saved while this check's request was out: if what it ended with is a wait or
    // a failure, the reading takes its place now (and the retry just planned is not needed).
    if (run.missed && !this.signal.aborted && await this.followReading()) return { failed: null };
    // (Returned, not dropped: startAudit tells by it that the profile's own data could not be read.)
    return read;
  }

  async askInstant(run, keepShown, byHand = false) {
    if (!keepShown) this.overlay.setLoading();
    const answer = await this.fetchInstant(profileInfoUrl(this.username), false, false, run, byHand);
    if (answer.shared) return this.takeShared(answer.shared, run);
    const pageShowsProfile = await this.pageShowsProfileFor(answer, run.controller.signal);
    let r = await send('instant.analyze', { username: this.username, endpoint: 'web_profile_info', pageShowsProfile, ...answer });
    if (this.signal.aborted) return { failed: r };
    // Refused for now, or user:null on a page that shows the profile: users/<id>/info, when the
    // account's id is known (profile-fallback.js). Its report is shown as any other (its source
    // named); failing too, what stays is the first answer's kind of state.
    const id = this.userId || this.pageUserId();
    if (triesUserInfo(r, id)) {
      const first = r;
      const info = await this.fetchInstant(userInfoUrl(id), true, false, run);
      // (The page shows the profile: a users/<id>/info "not found" then marks nothing gone.)
      const second = await send('instant.analyze', { username: this.username, endpoint: 'users_info',
                                                     ...(first.state === 'unreadable' ? { pageShowsProfile: true } : {}), ...info });
      if (this.signal.aborted) return { failed: second };
      r = keptAfterFallback(first, second);
    }
    if (r.report) {
      this.showReport(r);
      return { failed: null };
    } else if (r.state === 'rate_limited') {
      await this.runRough('rate_limited', r);
    } else if (r.state === 'logged_out') {
      await this.runRough('logged_out', r);
    } else if (r.state === 'unreadable') {
      this.sayUnreadable(r.retryAt, r.detail);
    } else {
      this.overlay.setState(r.state, { detail: r.detail, retryAt: r.retryAt, unavailable: r.unavailable, renamedTo: r.renamedTo });
    }
    return { failed: r };
  }

  // Another tab's ask of this profile, left unread, answered this one's (fetchInstant): the reading
  // it saved is shown, or the wait it renewed said, and this tab asks at that wait's end as it
  // would have after its own ask. Returns what askInstant does.
  async takeShared(shared, run) {
    if (shared.read) {
      const cached = await send('profile.cached', { username: this.username });
      if (this.signal.aborted || this.showStored(cached)) return { failed: null };
      // (The reading gone again meanwhile, deleted from the history: this tab asks itself.)
      return this.askInstant(run, true, true);
    }
    this.heldUntil = shared.retryAt;
    this.sayUnreadable(shared.retryAt);
    return { failed: { state: 'unreadable', retryAt: shared.retryAt } };
  }

  // The profile's full reading as stored (`cached`: profile.cached's answer) shown; false when it has none.
  showStored(cached) {
    const e = cached.entry;
    if (!e || !e.report || e.rough) return false;
    // With the account's audit under way, which this very look may have moved here from a former
    // name (handlers.js cached): taken up as one a check's answer brings (tookMovedAudit).
    const audit = cached.audit && underWay(cached.audit.progress.status) ? { audit: cached.audit } : {};
    this.showReport({ report: e.report, computedAt: e.computed_at, cached: true, firstSeen: e.first_seen,
                      latestCount: e.latest_count || null, formerUsernames: e.former_usernames || [], earlier: cached.earlier || null,
                      auditPartial: e.audit_partial === true, ...audit });
    return true;
  }

  // A full report just read (instant.analyze's answer), with what the history knows of the profile.
  showReport(r) {
    this.report = r.report;
    // A stored audit of the account that had this username before (another id) is not this one's.
    const a = this.overlay.audit;
    if (a && a.userId && this.userId && a.userId !== this.userId) this.overlay.setAudit(null);
    // The account's audit that came with a rename (kept under its old name until this check).
    this.tookMovedAudit(r);
    // (An audited result that came with a rename: as stored, with its age and the count read now.)
    this.overlay.setReport(r.report, { computedAt: r.computedAt, cached: !!r.cached, storageFull: r.storageFull,
                                       storageShrunk: r.storageShrunk, firstSeen: r.firstSeen, latestCount: r.latestCount || null,
                                       formerUsernames: r.formerUsernames, earlier: r.earlier || null, auditPartial: r.auditPartial === true });
    this.resumeOnceRead();
  }

  // A paused audit this page set out to take up again (on the visit, or by Resume) that could not
  // go on, the profile's id unread (resumeFailed: "Resume tries again"), goes on by itself once a
  // later check of the profile (a retry, another tab's reading) has read the id, as Resume would:
  // the panel said "Resume tries again" until clicked. Not when this page did not ask (no such
  // failure in view), nor when the audit is no longer paused (setAudit ends the failure then).
  resumeOnceRead() {
    const resuming = this.overlay.auditResuming;
    const a = this.overlay.audit;
    if (this.signal.aborted || this.auditController || !this.userId) return;
    if (!resuming || typeof resuming !== 'object' || !a || a.progress.status !== 'paused') return;
    this.startAudit().catch((e) => this.fail(e));
  }

  // A stale stored reading (staleness) checked again: web_profile_info only, no fallback. Only a
  // full report, or Instagram saying the profile is gone, replaces what is shown; a refusal, a
  // wait or a login page leaves the stored reading in view with its age (nothing was asked of the
  // user, so nothing is put in its way), and the next visit tries again. With `keepAudited`, an
  // audit's result stays and only the follower count read is kept beside it (a username another
  // account took is checked afresh instead).
  async refreshStale(keepAudited = false) {
    const answer = await this.fetchInstant(profileInfoUrl(this.username), false, true);
    // Another tab's ask answered this one (fetchInstant): its reading shown; its wait leaves the stored reading in view.
    if (answer.shared) {
      if (answer.shared.read && !this.signal.aborted) this.showStored(await send('profile.cached', { username: this.username }));
      return;
    }
    const pageShowsProfile = await this.pageShowsProfileFor(answer, this.signal);
    const r = await send('instant.analyze', { username: this.username, endpoint: 'web_profile_info', keepAudited, pageShowsProfile, ...answer });
    if (this.signal.aborted) return;
    if (r.audited && !r.report) {
      this.overlay.setLatestCount(r.latestCount, r.firstSeen, r.formerUsernames);
      this.tookMovedAudit(r);
    } else if (r.report) {
      this.showReport(r);
    } else if (r.state === 'not_found' || r.state === 'renamed') {
      this.overlay.setState(r.state, { detail: r.detail, renamedTo: r.renamedTo });
    }
  }

  // The counts in og:description, if they are this profile's, else those of its header: logged
  // out, or every profile endpoint refusing for now (`cause`; `answer` is what the last one said).
  async runRough(cause, answer) {
    const meta = (sel) => (document.querySelector(sel) || { getAttribute: () => '' }).getAttribute('content') || '';
    const content = meta(SELECTORS.ogDescription);
    // In the viewer's language, which the page's lang attribute names: it decides a unit whose
    // meaning differs between languages ("mil.", "B"); a count it leaves ambiguous is not read.
    const lang = document.documentElement.getAttribute('lang') || '';
    // og:description missing, or another profile's (after a move within the app): the header's.
    const from = content.toLowerCase().includes(`(@${this.username})`) ? 'page' : 'page_header';
    const read = from === 'page' ? readOgDescription(content, lang)
      : readHeaderCounts(this.username, document, this.overlay.previousHeaders, lang);
    if (read.error) console.warn(`fakemeter: the page's counts were not read: ${read.error}`);
    const og = read.counts || null;
    const unavailable = answer && Number.isInteger(answer.unavailable) ? answer.unavailable : undefined;
    // Refused for now: tried again at the back-off's time (logged out is no wait: not retried).
    const retry = cause === 'rate_limited' ? { ...this.planRetry(answer && answer.retryAt), unavailable } : null;
    const fail = () => this.overlay.setState(cause, { retryAt: retry ? retry.retryAt : null, tries: retry ? retry.tries : null,
                                                      manual: !!(retry && retry.manual),
                                                      detail: answer && answer.detail, unavailable, unread: read.text || null });
    if (!og) { fail(); return; }
    const fullName = profileDisplayName(this.username, { description: content, title: meta(SELECTORS.ogTitle) || document.title });
    const r = await send('instant.rough', { username: this.username, fullName, og, from, cause, unavailable });
    if (this.signal.aborted) return;
    if (r.report) {
      if (!this.report) this.report = r.report;
      this.overlay.setReport(r.report, { computedAt: r.computedAt, rough: true, roughCause: r.roughCause, retry });
    } else if (r.state === cause) fail();
    else {
      this.cancelRetry();
      this.overlay.setState(r.state || cause, { detail: r.detail });
    }
  }

  // `fresh`: a new audit with the options as they are now, in place of a cancelled one (which
  // would otherwise resume with its own plan).
  async startAudit({ fresh = false, engagersOnly = false, followersAgain = false } = {}) {
    // Resume of a paused audit: said at once, the profile's id read first when it must be.
    if (!fresh) this.overlay.setResuming('starting');
    // The user's try in place of a retry planned (as a check by hand, checkNow).
    if (!this.userId) this.cancelRetry();
    const read = await this.ensureUserId({ byHand: true });
    if (this.signal.aborted) return;
    // No account id (the profile's read for it failed): a paused audit says it could not go on
    // (resumeFailed); one asked for on a result stored by an earlier version, which lacks the id,
    // says it could not start, with why and when to try again. It returned without a word.
    if (!this.userId) {
      if (this.overlay.audit && this.overlay.audit.progress.status === 'paused') this.resumeFailed(read);
      else this.overlay.noteAuditNotStarted((read && read.failed) || {});
      return;
    }
    const rep = this.report;
    // The profile's own data unread now (server errors, a wait, no answer) on a result kept without
    // its posts: the audit reads the followers alone and says why (it did so without a word).
    const failed = read && read.failed;
    const ownProfileUnread = failed && (rep.details_dropped || fromPageCounts(rep.profile_source))
      ? { status: Number.isInteger(failed.unavailable) ? failed.unavailable : null } : null;
    // The engine's flags go along: the audit reads no pinned post, and a collaboration last (audit.js postsFor).
    const posts = (rep.posts || []).filter((p) => typeof p.id === 'string').slice(0, 12)
      .map((p) => ({ id: p.id, likes: p.likes ?? null, comments: p.comments ?? null, takenAt: p.taken_at ?? null,
                     commentsDisabled: p.comments_disabled === true, pinned: p.pinned === true, collab: p.collab === true }));
    // Privacy the profile document did not state stays unknown (null): the followers list's answer tells.
    const isPrivate = typeof rep.is_private === 'boolean' ? rep.is_private : null;
    // The follower count read last: on an audited result, one read since it (latest_count) is newer.
    const latest = this.overlay.latestCount;
    const count = latest && Number.isSafeInteger(latest.follower_count) ? latest.follower_count : rep.follower_count;
    // What the button offered: to resume the cancelled audit in view (should it have moved on in
    // another tab since, the background shows it as it is instead of starting one).
    const resume = !fresh && !!this.overlay.audit && resumable(this.overlay.audit.progress);
    // Running the audit from the moment it is asked for: the popup's look may ask whether this page
    // holds it before the loop below starts (background/handlers.js pauseUnheld).
    this.auditStarting = true;
    let view;
    try {
      view = await send('audit.start', { username: this.username, userId: this.userId, isPrivate,
        followerCount: Number.isSafeInteger(count) ? count : null, posts,
        profileSource: rep.profile_source || 'web_profile_info', fresh, resume, ...(engagersOnly ? { engagersOnly } : {}), ...(followersAgain ? { followersAgain } : {}),
        ...(ownProfileUnread ? { ownProfileUnread } : {}) });
    } finally {
      this.auditStarting = false;
    }
    this.overlay.setAudit(view);
    await this.loopAudit();
  }

  async loopAudit() {
    if (this.auditController) return;  // one loop per profile view
    const controller = new AbortController();
    this.auditController = controller;
    const signal = controller.signal;
    try {
      for (;;) {
        if (signal.aborted || this.signal.aborted) return;
        const step = await send('audit.next', { username: this.username });
        if (signal.aborted) return;
        // A slot far ahead means the hourly cap (or a back-off) holds this audit: say until when
        // (and, from step.held, which of them).
        const waitUntil = step.action === 'fetch' && step.at - Date.now() > LONG_WAIT_MS ? step.at : null;
        this.overlay.setAudit(step.action === 'end' && step.missing ? null : { ...step, waitUntil });
        if (step.action !== 'fetch') return;
        await sleepUntil(step.at, signal);
        // The global scheduler has the last word just before the request goes out. `attempt`
        // names this page's claim, so a claim message asked again is not a second send.
        const attempt = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
        const key = stepKey(this.username, step);
        let claimed;
        for (;;) {
          // A request of this step still out from an earlier page of the profile (left and come
          // back to): its answer is awaited (the step is then stale), up to the claim's time limit.
          const outstanding = stepsOut.has(key);
          claimed = await send('audit.claim', { username: this.username, id: step.id, audit: step.audit, attempt,
                                                ...(outstanding ? { outstanding } : {}) });
          if (claimed.go || claimed.stale) break;
          await sleepUntil(claimed.at, signal);
        }
        if (claimed.stale) continue;
        // Pacing counts from when the request went, not from the claim: say when it did.
        // Not given up when the page leaves the profile meanwhile (the audit is paused then): its
        // answer is the paused audit's step, taken when it comes (handlers.js auditResult), not
        // asked again at the next visit. Its own time limit still ends it.
        stepsOut.set(key, (stepsOut.get(key) || 0) + 1);
        let view;
        try {
          const answer = await igFetch(step.url, new AbortController().signal,
            () => send('audit.sent', { username: this.username, id: step.id }).catch(() => {}));
          // Cancelled by the browser as the page goes (a reload, the tab closed): no answer of
          // Instagram's, which would back every tab off. Its claim is the next page's to take over.
          if (answer.status === 0 && pageGoing()) return;
          view = await send('audit.result', { username: this.username, id: step.id, audit: step.audit, ...answer });
        } finally {
          const n = stepsOut.get(key) - 1;
          if (n > 0) stepsOut.set(key, n);
          else stepsOut.delete(key);
        }
        if (signal.aborted) return;
        // The audit was deleted (with the profile, from the popup) while its request was out.
        if (view.missing) { this.overlay.setAudit(null); return; }
        this.overlay.setAudit(view);
      }
    } catch (e) {
      if (!signal.aborted) throw e;
    } finally {
      if (this.auditController === controller) this.auditController = null;
    }
  }

  // The stored audit changed: perhaps another tab of the same profile started, resumed, cancelled
  // or finished it. A page running the audit's loop draws its steps itself; one without shows the
  // change, and joins an audit that runs (claimPending keeps two pages from sending a request twice).
  // A record that keeps its estimates apart (background/audit-store.js) is not the whole view: the
  // background gives that (the latest asked only is shown, should answers cross).
  async followAudit(a) {
    if (this.auditController || this.signal.aborted) return;
    if (!a) { this.overlay.setAudit(null); return; }
    const asked = (this.followAsked = (this.followAsked || 0) + 1);
    const view = a.estimatesApart ? await send('audit.status', { username: this.username }) : auditView(a);
    if (this.auditController || this.signal.aborted || asked !== this.followAsked) return;
    this.showAuditView(view);
  }

  // An audit's view as the background gave it (null or missing: none), shown; one under way of
  // this page's account is joined.
  showAuditView(view) {
    if (!view || view.missing || !view.progress) { this.overlay.setAudit(null); return; }
    this.overlay.setAudit(view);
    if (underWay(view.progress.status) && this.runsAccount(view.userId)) this.loopAudit().catch((e) => this.fail(e));
  }

  // The page shown again from the back-forward cache (pageshow, persisted). The background tells
  // only the pages in view of a change (tab-relay.js): one kept in the cache while its tab showed
  // another address missed every change meanwhile (an audit of the profile run or ended in another
  // tab, a newer reading, the requests the cap counts). Read again with one look, as the visit
  // read them, and drawn again only where they differ from what is in view: a page restored with
  // nothing changed draws nothing (whether Instagram's pages are kept in the cache at all is not
  // known; their no-store headers may keep them out).
  async catchUp() {
    if (this.signal.aborted) return;
    const cached = await send('profile.cached', { username: this.username });
    if (this.signal.aborted) return;
    if (Array.isArray(cached.capTimes)) this.setCapTimes(cached.capTimes);
    // (This page's own audit loop, if it ran one, draws its steps itself.)
    const view = cached.audit || null;
    if (!this.auditController && auditShown(view) !== auditShown(this.overlay.audit)) {
      this.followAsked = (this.followAsked || 0) + 1;  // (a follow asked before this look is older)
      this.showAuditView(view);
    }
    if (await this.followReading(cached) || this.signal.aborted) return;
    // What the relay would have told of the reading in view, as the profile stands now: "Renamed,
    // now @new" when the account moved on again (onHistoryChanged's renamedNow: cached's
    // renamedTo), and the follower count read since beside an audit's result (not followed while
    // this page's own audit runs: its estimate is in view).
    const m = this.overlay.model;
    const movedTo = cached.renamedTo;
    if (m && m.kind === 'state' && m.state === 'renamed' && typeof movedTo === 'string' && movedTo && movedTo !== m.renamedTo) {
      this.overlay.setState('renamed', { renamedTo: movedTo });
      return;
    }
    this.followCount(cached.entry);
  }

  // A change of the history (as relayed: reading-change.js READ_FIELDS of the entries it changed):
  // a page saying "Renamed, now @new" follows the account to a later name of it; a new reading of
  // the profile is shown where the view takes it (followReading); else a newer follower count beside
  // the audited result in view. (The relayed entry has no first_seen: the one in view stays.)
  followHistory(changes) {
    const shown = this.overlay.model;
    const movedTo = shown && shown.kind === 'state' && shown.state === 'renamed' ? renamedNow(changes, this.username) : null;
    if (movedTo && movedTo !== shown.renamedTo) this.overlay.setState('renamed', { renamedTo: movedTo });
    if (newReadingOf(changes, this.username)) {
      this.followReading().catch((e) => console.warn('fakemeter: could not show the new reading:', e));
      return;
    }
    const entry = entryAfter(changes, this.username);
    if (entry) this.followCount(entry);
  }

  // The follower count another look read beside the audited result in view (`entry`: the profile's
  // history entry as stored, or as relayed: onHistoryChanged), when newer than the one shown (a
  // live tab kept the count of when it drew the result): reading-change.js newerCountOf. Not while
  // this page's own audit runs (its estimate is in view).
  followCount(entry) {
    const count = this.auditController ? null : newerCountOf({ model: this.overlay.model, latestCount: this.overlay.latestCount }, entry);
    if (count) this.overlay.setLatestCount(count, entry.first_seen, entry.former_usernames || []);
  }

  // Whether this page runs the audit of `username` now (the background asks: holders.js): its loop,
  // or its start asked for and not yet answered (the loop follows at once).
  holdsAudit(username) {
    return this.username === username && !!(this.auditController || this.auditStarting);
  }

  // Whether this page may run an audit of account `id` (the stored audit's, null for one stored
  // without): with an id the page knows (its reading's, or its own data's), the same; with none,
  // the audit's (one moved here from a former name while the page showed no reading, its check
  // waiting, was shown and left paused). Another account's, left under the name, is not run.
  runsAccount(id) {
    const known = this.userId || this.pageUserId();
    return known ? !id || id === known : !!id;
  }

  // The history holds a newer reading of this profile than the one in view: another tab of it
  // re-checked it (or checked a day-old reading again, or read it while this tab waited on
  // Instagram). Shown here too, from the history (no request to Instagram), as a visit would show
  // it; tabs kept audits in step, not readings, and a second tab went on showing the audit's result
  // the re-check had replaced, or "retrying at …" and then asked Instagram again for a reading it
  // had. Which views take it: reading-change.js followsReading. A retry of its own, or a check
  // still waiting for its slot, is dropped: no request after this. While this tab's own request is
  // out, it looks again once that answer is shown (runInstant). Returns true when it showed the reading.
  // `known`: the background's answer to profile.cached, asked already (catchUp).
  async followReading(known = null) {
    const view = () => ({ model: this.overlay.model, auditing: !!this.auditController || auditRunning(this.overlay.audit),
                          asking: !!(this.instantRun && this.instantRun.sent) });
    // (This tab's own check under way: it looks again when it ends.)
    const ready = () => {
      if (this.signal.aborted) return false;
      if (takesReading(view())) return true;
      if (this.instantRun) this.instantRun.missed = true;
      return false;
    };
    if (!ready()) return;
    const cached = known || await send('profile.cached', { username: this.username });
    const e = cached.entry;
    if (!ready() || !followsReading(view(), e)) return false;
    this.cancelRetry();
    if (this.instantRun) this.instantRun.controller.abort();
    return this.showStored(cached);
  }

  // The audit this page ran is left (the profile left, the page going): paused in storage. Said
  // and forgotten: a page unloading gets no answer.
  pauseAudit() {
    send('audit.pause', { username: this.username }).catch(() => {});
  }

  async cancelAudit() {
    if (this.auditController) this.auditController.abort();
    const view = await send('audit.cancel', { username: this.username });
    this.overlay.setAudit(view.missing ? null : view);
  }
}

function onRoute() {
  const path = location.pathname;
  // The profile's header is looked for only on a post's address with a profile shown before it.
  const headerNames = current && postFromPath(path) ? profileHeaderNames(document) : [];
  const { username, covered } = routeOf(path, { shown: current && current.username, from: current && current.from, headerNames });
  if (current && current.username === username) {
    if (!covered) current.from = path;
    current.feature.overlay.cover(covered);
    return;
  }
  // The keyboard's focus in the panel (or on the badge) of the profile left: it is moved, below,
  // rather than left fallen to the page's body with the panel (focus-move.js).
  const hadFocus = !!current && current.feature.overlay.hasFocus();
  if (current) current.controller.abort();
  current = null;
  const settleUntil = routed ? Date.now() + SETTLE_MS : 0;
  const moved = routed;
  routed = true;
  // Read once, on this copy's first look at the page, whatever it shows (panel-mark.js).
  const reopen = moved ? null : takePanelMark();
  if (!username) {
    if (hadFocus) focusLink = { until: Date.now() + FOCUS_MOVE_MS, path };
    return;
  }
  // After a move within the app, the headers in view are the page left until it draws this one.
  const previousHeaders = moved ? headersNow() : null;
  focusLink = null;
  const controller = new AbortController();
  const feature = new ProfileFeature(username, controller.signal, settleUntil, previousHeaders);
  current = { username, controller, feature, from: path };
  if (hadFocus) feature.overlay.focusWhenPlaced(Date.now() + FOCUS_MOVE_MS);
  // This copy replaced one whose panel of this profile was open (the extension updated in an open
  // tab): open again, as it was, with the focus where the old panel had it and nothing of the page
  // has taken it since; another profile's stays closed.
  if (reopen && reopen.username === username) feature.overlay.openPanel({ focus: reopen.focused && focusFree() });
  feature.run().catch((e) => feature.fail(e));
}

// Everything the content script leaves on the page, undone at once when the extension's
// context goes away (the extension was updated, reloaded or removed): this copy can no longer
// reach its background, and the new one, if any, draws its own overlay.
let teardown = null;

const CONTEXT_CHECK_MS = 1000;

function watch() {
  let scheduled = false;
  let frame = 0;
  let lookedAt = null;  // the address at the last look
  const check = () => {
    scheduled = false;
    lookedAt = location.pathname;
    if (contextGone()) { teardown(); return; }
    onRoute();
    if (current) current.feature.place();
    if (focusLink && !focusLinkToHere(focusLink)) focusLink = null;
  };
  const schedule = () => { if (!scheduled) { scheduled = true; frame = requestAnimationFrame(check); } };
  const observer = new MutationObserver((records) => {
    // Our own shadow hosts changing is no reason to look again.
    if (records.every((r) => r.target instanceof Element && r.target.closest('[data-fakemeter]'))) return;
    // The address changed (the app moved, or opened a post over the profile): looked at now, before
    // the page is painted, so the panel is never drawn for a frame over a post's dialog.
    if (location.pathname !== lookedAt) { cancelAnimationFrame(frame); check(); return; }
    schedule();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  // The badge and panel take the page's theme when placed: placed again when it turns.
  const unwatchTheme = watchTheme(schedule);
  addEventListener('popstate', schedule);
  const nav = globalThis.navigation;
  if (nav) nav.addEventListener('navigatesuccess', schedule);
  // A quiet page has no mutations to notice the lost context with.
  const timer = setInterval(() => { if (contextGone()) teardown(); }, CONTEXT_CHECK_MS);
  // The storage changes this tab follows come from the background (background/tab-relay.js), not
  // from storage.onChanged: a listener here was handed the whole history, old and new, at every
  // check of any tab (megabytes each time), to read one entry of it.
  const messages = (globalThis.browser || globalThis.chrome).runtime.onMessage;
  messages.addListener(onHoldsAsked);
  messages.addListener(onStorageRelayed);
  // The page going (another page loaded in its place, the tab closed, a reload): an audit it runs
  // is left without a leaving of the profile the route watcher sees.
  const onPageHide = () => {
    notePageGoing(true);
    if (current && current.feature.auditController && !contextGone()) current.feature.pauseAudit();
  };
  // Shown again from the back-forward cache: no longer going, and what changed meanwhile is read
  // again (catchUp).
  const onPageShow = (event) => {
    notePageGoing(false);
    if (event && event.persisted && !contextGone()) {
      catchUp().catch((e) => { if (!contextGone()) console.warn('fakemeter: could not catch up after the back-forward cache:', e); });
    }
  };
  addEventListener('pagehide', onPageHide);
  addEventListener('pageshow', onPageShow);
  teardown = () => {
    removeEventListener('pagehide', onPageHide);
    removeEventListener('pageshow', onPageShow);
    messages.removeListener(onHoldsAsked);
    messages.removeListener(onStorageRelayed);
    observer.disconnect();
    unwatchTheme();
    removeEventListener('popstate', schedule);
    if (nav) nav.removeEventListener('navigatesuccess', schedule);
    clearInterval(timer);
    cancelAnimationFrame(frame);
    if (current) current.controller.abort();  // removes the badge and panel, stops the audit loop
    current = null;
    teardown = () => {};
  };
  check();
}

// A change of storage the background relays (shared/messages.js STORAGE_CHANGED): in storage.onChanged's
// shape, of the keys followed here, the history's with only the entries whose reading changed.
// Answered at once (the background waits for no work here); each follower on its own, as each
// was a listener of its own.
const FOLLOWERS = [onSettingsChanged, onAuditChanged, onSchedulerChanged, onHistoryChanged];
function onStorageRelayed(msg, sender, sendResponse) {
  const api = globalThis.browser || globalThis.chrome;
  if (!msg || msg.what !== STORAGE_CHANGED || (sender && sender.id !== api.runtime.id)) return false;
  sendResponse({});
  const changes = msg.changes;
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return false;
  for (const follow of FOLLOWERS) {
    try { follow(changes, 'local'); } catch (e) { console.warn('fakemeter: could not follow a storage change:', e); }
  }
  return false;
}

// Settings saved in the options page reach this tab at once (Instagram's app is one long-lived
// page, never reloaded): automatic checks, sample sizes and pacing count from the next step on;
// another language draws the profile's overlay again in it (no request; an audit goes on).
// `hello`: the background's hello, when asked already (catchUp): its strings are the new language's.
function onSettingsChanged(changes, area, hello = null) {
  if (area !== 'local' || !changes[SETTINGS_KEY]) return;
  const next = normalizeSettings(changes[SETTINGS_KEY].newValue);
  const relanguage = next.language !== settings.language;
  settings = next;
  if (relanguage) redrawInLanguage(hello).catch((e) => console.warn('fakemeter: could not switch language:', e));
  // The plan shown before an audit follows the sizes, budget, pacing and cap just saved.
  else if (current) current.feature.overlay.planChanged();
}

// The shared request scheduler, as stored, changed: the requests the hourly cap counts now, for
// the plan shown before an audit (ProfileFeature.setCapTimes).
function onSchedulerChanged(changes, area) {
  const change = area === 'local' && current ? changes[SCHEDULER_KEY] : null;
  if (!change) return;
  const now = Date.now();
  current.feature.setCapTimes(countedTimes(normalizeSchedulerState(change.newValue, now), now));
}

// The background asks whether this page still runs the audit of `username` (holders.js): a page
// of the same profile waits for a request this one claimed.
function onHoldsAsked(msg, sender, sendResponse) {
  if (!msg || msg.what !== 'audit.holds') return false;
  sendResponse({ holds: !!(current && current.feature.holdsAudit(msg.username)) });
  return false;
}

// The profile in view's audit, as stored, changed (each answer of it writes its record, with its
// progress: background/audit-store.js).
function onAuditChanged(changes, area) {
  const change = area === 'local' && current ? changes[AUDIT_PREFIX + current.username] : null;
  if (change) current.feature.followAudit(change.newValue || null).catch((e) => { if (!contextGone()) console.warn('fakemeter: could not follow the audit:', e); });
}

// A new reading of the profile in view saved to the history (by another tab's re-check, say). A
// page saying "Renamed, now @new" follows the account to a later name of it (reading-change.js).
function onHistoryChanged(changes, area) {
  if (area === 'local' && current) current.feature.followHistory(changes);
}

// A page restored from the back-forward cache: the settings as stored now (the relay missed their
// change while the page was in the cache), followed as a relayed change is when they differ from
// this page's, then the profile in view's audit, reading and the cap's counted requests.
async function catchUp() {
  const hello = await send('hello');
  if (hello && hello.settings && JSON.stringify(normalizeSettings(hello.settings)) !== JSON.stringify(normalizeSettings(settings))) {
    onSettingsChanged({ [SETTINGS_KEY]: { newValue: hello.settings } }, 'local', hello);
  }
  if (current) await current.feature.catchUp();
}

async function redrawInLanguage(known = null) {
  const hello = known || await send('hello');
  t = translator(hello.strings, hello.fallback, hello.lang);
  if (current) current.feature.overlay.setTranslator(t);
}

// The loaded-flag lives in the content script's own world (a property of its global, which
// the page's scripts never see), not on the page: a second injection into the same world
// does nothing.
const LOADED = Symbol.for('fakemeter.content');

export async function start() {
  if (globalThis[LOADED]) return;
  globalThis[LOADED] = true;
  try {
    const hello = await send('hello');
    t = translator(hello.strings, hello.fallback, hello.lang);
    settings = hello.settings;
    setReportContext({ extension: (globalThis.browser || globalThis.chrome).runtime.getManifest().version, engine: hello.engine });
  } catch (e) {
    if (contextGone()) return;
    console.warn('fakemeter: background unavailable:', e);
  }
  watch();
}
