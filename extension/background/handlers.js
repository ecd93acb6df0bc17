// Message handlers, one map per channel (see shared/messages.js for the shapes, which are
// checked before any handler runs). Every handler that changes state runs under the store
// lock and persists before it answers.
import * as store from './store.js';
import { analyzeDoc, classifyProfileAnswer, profileText, estimate, accountFromProfile, analyzeComments } from './analysis.js';
import { loadStrings } from './strings.js';
import { translator } from '../shared/i18n.js';
import { holderGone } from './holders.js';
import { endedUnsaved, ownAudit, entryOfAudit } from './ended-unsaved.js';
import { INSTANT_SLOTS_KEY, slotsOf, givenTo, withSlot, withoutSlot } from './instant-slots.js';
import { INSTANT_ANSWERS_KEY, answersOf, recordedAt, withAnswer } from './instant-answers.js';
import { UNREADABLE_WAITS_KEY, waitsOf, withUnreadable, withoutWait, sharedAsk } from './unreadable-waits.js';
import { reportRetryDue, reportRetryAfter } from './report-retry.js';
import { version } from './engine.js';
import { reserve, heldBy, release, claim, sent, onRateLimited, onSuccess, noteAnswer, usedInLastHour, SEND_CONFIRM_MS,
  MAX_AHEAD_MS, countedTimes, waitOf, profileWait, kindsHeld, holdsKindAlone } from '../shared/scheduler.js';
import { classifyResponse, unavailableOf, aboutAskedOnly, parseFollowersPage, parseLikersPage, parseCommentsPage, profileDocFromPage } from '../shared/instagram.js';
import { resumable, newAudit, nextRequest, setPendingTime, claimPending, heldOf, applyOutcome, cancelAudit, pauseAudit, resumeAudit,
  estimateRequest, auditView, SOURCES, AUDIT_VERSION,
  followersRefusal, followersRefusedBy, sourcesBrief, retryFollowers, settleRetry, auditPlan, underWay, takeOver, AUDIT_KINDS } from '../shared/audit.js';
import { commentsDocument } from '../shared/comment-document.js';
import { headlineReport } from '../shared/headline.js';
import { findings } from '../shared/words.js';
import { notFoundIsUnread } from '../shared/profile-fallback.js';
import { asideSummary, exportAside, takenRoom } from '../shared/set-aside.js';
import { earlierOwner, asideKinds } from '../shared/taken.js';
import { entryFromReport, roughCauseOf, listEntries, deleteEntries, exportJson, exportCsv, importJson, withLatestCount, withGone,
  partialAuditReplaces, reportOfEntry, entryUserId, renamedTo, currentNameOf, holdsAudit, auditEndedEarly, withAuditEnds } from '../shared/history.js';
import { listRests } from './list-rests.js';

const now = () => Date.now();

async function hello() {
  const settings = await store.getSettings();
  const { lang, strings, fallback } = await loadStrings(settings.language);
  let engine = null;
  try { engine = await version(); } catch (e) { engine = null; }
  return { lang, strings, fallback, settings, engine };
}

// `audit`: the result of an audit, which replaces the stored one whole; any other reading keeps what
// the same account's entry holds of its last audit (its rows, its comment analysis: history.js putEntry).
// `partial`: that audit ended before its plan (cancelled or stopped), kept as the entry's audit_partial.
// `read`: the history as the caller read it in this turn of the lock (not read again).
// `computedAt`: the reading's time (now by default).
async function saveReport(report, { rough = false, roughCause = null, comments = null, sources = null, audit = false, partial = false,
                                    read = null, computedAt = now() } = {}) {
  const built = entryFromReport(report, { computedAt, rough, roughCause, comments, sources, audit, partial });
  if (built.error) return { saved: false, detail: built.error };
  if (rough) {
    const existing = (read || await store.getHistory()).entries[report.username];
    if (existing && !existing.rough) return { saved: false, entry: existing };
  }
  try {
    const { history, shrunk } = await store.putHistoryEntry(built.entry, { keepAudit: !audit, before: read });
    // As stored: with the first exact follower count carried from earlier checks.
    return { saved: true, entry: history.entries[report.username] || built.entry, shrunk, history };
  } catch (e) {
    return { saved: false, storageFull: store.isQuotaError(e), detail: String(e.message || e) };
  }
}

// A stored audit of an older shape is not resumed (its fields differ): a new audit starts.
// `read`: 'lazy' (under the lock: its lists read as the handler uses them, store.getAudit), 'peek'
// (outside the lock: its record and the lists' lengths, store.peekAudit), or 'whole'.
async function currentAudit(username, read = 'lazy', lists = []) {
  const a = read === 'peek' ? await store.peekAudit(username) : await store.getAudit(username, { lazy: read === 'lazy', lists });
  return a && a.v === AUDIT_VERSION ? a : null;
}

// When a profile left unread can be asked again: its own wait's end (`ownUntil`, unreadable-waits.js)
// or a later back-off of profile requests Instagram's refusals drew (`sched`).
const unreadableRetryAt = (ownUntil, sched) => Math.max(ownUntil, waitOf(sched, 'profile').until);

// The stored reading of a profile (an audited one whose report was dropped for space with one made
// of what it kept: history.js reportOfEntry), and its audit: not one of another account that had
// the username before (the ids differ), which is no part of this one's. `earlier`: what the page
// says of such an account (earlierOf).
async function cached({ username }) {
  const history = await lookAt(username);
  const stored = history.entries[username] || null;
  const entry = stored && { ...stored, report: reportOfEntry(stored) };
  // A name the account no longer has (renamed on Instagram): no audit to show or act on there,
  // unless one still runs under it (a tab running it writes there until it ends).
  const left = !stored && renamedTo(history, username);
  const own = ownAudit(await currentAudit(username, 'peek'), stored);
  const audit = left && own && own.status !== 'running' ? null : own;
  // The panel says an audited reading rests on the part an early-ended audit read, also once that
  // audit's state is gone (history.js auditEndedEarly).
  if (entry && auditEndedEarly(stored, own)) entry.audit_partial = true;
  // The requests the hourly cap counts now, for the audit plan's time (capHold).
  const sched = await store.getScheduler();
  const capTimes = countedTimes(sched, now());
  // `renamedTo`: where the name's account went (renamedTo), for a page saying "Renamed, now @new"
  // restored from the back-forward cache (content/main.js catchUp). `unreadableUntil`: while the
  // profile's own wait after Instagram last did not give it out runs (unreadable-waits.js), when
  // its next ask can go: that wait's end, or a later back-off of Instagram's refusals (as an answer
  // now says it: instantAnalyze); 0 for none running. A visit does not ask before, as the retry
  // would not.
  const wait = waitsOf(await store.get(UNREADABLE_WAITS_KEY), now())[username];
  return { entry, audit: audit ? auditView(audit) : null, capTimes, earlier: await earlierOf(history, username, entryUserId(stored)),
           renamedTo: left || null, unreadableUntil: wait && wait.until > now() ? unreadableRetryAt(wait.until, sched) : 0 };
}

// An audit's result goes into the history after the write that stores the audit as ended (at its
// end: auditNext, auditResult, auditCancel). A worker stopped in between (the browser closed as the
// audit ended) left the audit ended and the history without its result: the popup, the badge and
// the history said nothing of the audit, and nothing saved it after. Saved here, at the profile's
// next look, when the stored audit of the account of the entry under the name has ended with a
// report the entry has no audit of since (audit_at before its last step); saveAuditReport decides
// as at the end (an audit ended early replaces only a reading it narrows). Under the lock, asked
// by keepEndedAudits only when it is due: looked at again here as stored now.
async function keepEndedAudit(username) {
  const a = await currentAudit(username, 'peek');
  // (None under the name: a name the account left, or its history deleted: nothing to add to.)
  if (!a || !endedUnsaved(username, a, (await store.getHistory()).entries[username] || null)) return;
  const whole = await currentAudit(username);
  if (whole) await saveAuditReport(whole);
}

// keepEndedAudit for each of `names` (every entry of `history` by default) that needs it, told by
// `history`, read by the caller anyway, and one read of the audits' records: at a look at a profile
// (a page's, the popup's) and where the popup lists the history or exports it. An audit whose
// result was lost so showed nowhere until its profile's page was looked at again. Returns the
// history, read again when it saved one. (Told by the stored history itself, each look read the
// whole of it once more whenever an audit was stored under the name, a running one too.)
async function keepEndedAudits(history, names = Object.keys(history.entries)) {
  const records = await store.auditRecords(names);
  const due = Object.keys(records).filter((u) => endedUnsaved(u, records[u], history.entries[u] || null));
  for (const u of due) await store.locked(() => keepEndedAudit(u));
  return due.length ? store.readHistory() : history;
}

// A look at the profile of `username` (a page's: cached; the popup's: historyGet): an audit that was
// running under a former name when the account was seen under this one goes on under this name once
// it has ended (carryAudit); then an ended audit's result the history lacks (the worker stopped
// between the two writes; or one ended under the former name, brought now) is saved. Returns the
// history, as stored after.
async function lookAt(username) {
  const read = await store.readHistory();
  const carried = read.entries[username] ? await carryAudit(username, read.entries[username]) : null;
  return keepEndedAudits(carried && carried.saved ? await store.readHistory() : read, [username]);
}

// The whole history with every ended audit's result it lacks saved (the popup's list, its export):
// one ended under a name its account left brought over first (carryEndedUnderFormer).
async function historyWithEndedKept() {
  const read = await store.readHistory();
  return keepEndedAudits((await carryEndedUnderFormer(read)) ? await store.readHistory() : read);
}

// Before keepEndedAudits over the whole history (the popup's list, its export): an audit that
// ended under a name its account left (renamed on Instagram mid-audit) with its result in no entry
// (the end's history write lost: the worker stopping between the two writes, storage full) is
// stored under no name the history holds, and only a look at the new name brought it over
// (carryAudit). Brought over here for each account whose former name holds such an audit (one
// read of their records; carryAudit's own rules decide), for keepEndedAudits to save its result.
// A former name may be named by the entries of two accounts (had by each in turn, both renamed
// since): each is asked, endedUnsaved telling the audit's own account's (by its id). Returns
// whether it saved a result (one carryAudit could not move: keepEndedUnmoved).
async function carryEndedUnderFormer(history) {
  const namesOf = new Map();  // a former name -> the names of the entries naming it
  for (const [u, e] of Object.entries(history.entries)) {
    if (!entryUserId(e) || !Array.isArray(e.former_usernames)) continue;
    for (const f of e.former_usernames) if (f !== u) namesOf.set(f, [...(namesOf.get(f) || []), u]);
  }
  if (!namesOf.size) return false;
  const records = await store.auditRecords([...namesOf.keys()]);
  const due = new Set(Object.keys(records).flatMap((f) => namesOf.get(f).filter((u) => endedUnsaved(f, records[f], history.entries[u]))));
  let saved = false;
  for (const u of due) if ((await carryAudit(u, history.entries[u])).saved) saved = true;
  return saved;
}

// What the page of `username`, of account `id`, says of an earlier account that had the name
// (taken.js earlierOwner): moved to its new name, or kept aside; null when none.
async function earlierOf(history, username, id) {
  return earlierOwner(history, await store.getAside(), username, id);
}

// `more`: items written with it (the instant slots given).
async function saveSchedulerIfRoom(state, more = {}) {
  try {
    await store.saveAuditAndScheduler(null, state, more);
  } catch (e) {
    if (!store.isQuotaError(e)) throw e;
  }
}

// Reserves a slot for an instant fetch of a profile (no pacing gap, but counted toward the
// hourly cap and held back by a rate-limit back-off). A fallback (users/<id>/info right after
// web_profile_info refused) goes at once: one request to another endpoint, still counted.
// The slot is kept with the send that asked for it (instant-slots.js, stored with the scheduler):
// that send asked again (its answer lost as the worker restarted) gets the same answer, no second
// slot. One per send, not per username: two tabs of one profile held by the cap each hold their own.
// A profile left unread (unreadable-waits.js sharedAsk) is asked once per wait, whatever the tabs
// of it: an ask that is no check by hand (`byHand`) while its wait runs is answered with that wait
// (`shared: {retryAt}`, no slot); one made while another tab's ask of it is out waits for that
// ask's answer (followAsk), and takes it: the reading it saved (`shared: {read: true}`), or the
// wait it renewed. Followed in vain (that ask gave no answer within an ask's time), it goes.
async function instantBegin(msg, sender, { sendId = null } = {}) {
  const key = sendId ? `${holderOf(sender)} ${sendId}` : null;
  const first = await beginSlot(msg, key, true);
  if (!first.follow) return first;
  const asked = await followAsk(msg.username, first.follow);
  if (asked && (asked.report || asked.audited)) return { at: now(), shared: { read: true } };
  return beginSlot(msg, key, false);
}

// instantBegin's turn under the lock: its answer, or {follow: ms} (`mayFollow`: another tab's ask
// out is followed, for ms at most).
function beginSlot({ username, fallback = false, byHand = false }, key, mayFollow) {
  return store.locked(async () => {
    const t = now();
    const slots = slotsOf(await store.get(INSTANT_SLOTS_KEY), t);
    const given = givenTo(slots, key);
    if (given) return given;
    const settings = await store.getSettings();
    const outMs = settings.answerTimeoutMs + ASK_RECORDED_MS;
    const shared = fallback || byHand ? null : sharedAsk(waitsOf(await store.get(UNREADABLE_WAITS_KEY), t), slots, username, key, t, { outMs });
    if (shared && shared.until) {
      // (`at`: when an ask can go, as a slot's would say it.)
      const retryAt = unreadableRetryAt(shared.until, await store.getScheduler());
      return { at: retryAt, shared: { retryAt } };
    }
    if (shared && shared.follow && mayFollow) return { follow: outMs };
    const r = reserve(await store.getScheduler(), t, { ...settings, interactive: true, skipBackoff: fallback, kind: 'profile' });
    // Held back by Fakemeter's own hourly cap, or by a wait after Instagram did not answer:
    // which (the cap's number, the status), so the user is told that rather than a rate limit;
    // and by a wait another profile's audit drew: whose (`during`), not this profile's refusal.
    const answer = { at: r.at, reason: r.reason, ...heldBy(r, settings, username) };
    // Storage full even after making room: the one fetch still goes (unrecorded) and the
    // result says storage is full, rather than the check failing.
    await saveSchedulerIfRoom(r.state, { [INSTANT_SLOTS_KEY]: withSlot(slots, { key, username, at: r.at, givenAt: t, answer }) });
    return answer;
  });
}

// How long past Instagram's answer time (settings.answerTimeoutMs) an ask can stay out: the page
// reads the answer and sends it here (instant.analyze, tried again while the worker restarts).
const ASK_RECORDED_MS = 15_000;
// The begins following another tab's ask of a profile (instantBegin), by username: each told that
// ask's answer (instantAnalyze), or null after `ms`. In memory: a restarted worker has none, and
// the page's begin asked again (content/messaging.js) decides afresh.
const following = new Map();
function followAsk(username, ms) {
  return new Promise((resolve) => {
    const waiting = following.get(username) || new Set();
    following.set(username, waiting);
    const done = (answer) => {
      clearTimeout(timer);
      waiting.delete(done);
      if (!waiting.size && following.get(username) === waiting) following.delete(username);
      resolve(answer);
    };
    const timer = setTimeout(() => done(null), ms);
    waiting.add(done);
  });
}
function tellFollowers(username, answer) {
  for (const done of [...(following.get(username) || [])]) done(answer);
}

// An instant check that will not go after all, its slot still to come (the tab left the profile,
// or showed a reading another tab made while it waited for the hourly cap or a back-off): the slot
// is given back. Left in the ledger, it counted against the cap and set the pace of the requests
// after it until its time, for a request never sent.
function instantRelease({ username, at }) {
  return store.locked(async () => {
    const { slots, found } = withoutSlot(slotsOf(await store.get(INSTANT_SLOTS_KEY), now()), username, at, now());
    if (!found) return { released: false };
    await saveSchedulerIfRoom(release(await store.getScheduler(), at, now()), { [INSTANT_SLOTS_KEY]: slots });
    return { released: true };
  });
}

// Once per send (`key`: its tab and send id, null when none said): the same send asked again after
// a worker restart (its answer lost) finds it recorded (instant-answers.js) and the scheduler as it is.
// A refusal backs off (a server error profile requests alone: scheduler.js REQUEST_KINDS); an answer
// about the profile asked alone (instagram/responses.js aboutAskedOnly) leaves the scheduler as it
// is, and when it leaves the profile unread (`unreadable`) holds that profile's next ask alone
// (unreadable-waits.js); any other answer resets the levels, and a profile read ends its own wait.
// Returns {sched, at, again, profileUntil}: `at`, when the send's answer was recorded (its reading's
// time); `again`, whether it was recorded before; `profileUntil`, the profile's own wait (0: none).
async function recordInstantAnswer(c, unreadable, username, key) {
  return store.locked(async () => {
    const t = now();
    const answers = answersOf(await store.get(INSTANT_ANSWERS_KEY), t);
    const waits = waitsOf(await store.get(UNREADABLE_WAITS_KEY), t);
    const s = await store.getScheduler();
    const before = recordedAt(answers, key);
    const ownUntil = (w) => (w[username] ? w[username].until : 0);
    if (before !== null) return { sched: s, at: before, again: true, profileUntil: ownUntil(waits) };
    const settings = await store.getSettings();
    // (classifyProfileAnswer's state is the adapter's kind for a "not found".)
    const about = aboutAskedOnly(c.state);
    const next = c.state === 'rate_limited' ? onRateLimited(s, t, settings, c.unavailable, null, 'profile') : about ? s : onSuccess(s, 'profile');
    const after = unreadable ? withUnreadable(waits, username, t, settings).waits : c.ok ? withoutWait(waits, username) : waits;
    await saveSchedulerIfRoom(next, { ...(key ? { [INSTANT_ANSWERS_KEY]: withAnswer(answers, key, t) } : {}),
                                      ...(after !== waits ? { [UNREADABLE_WAITS_KEY]: after } : {}) });
    return { sched: next, at: t, again: false, profileUntil: ownUntil(after) };
  });
}

// An instant answer, told to the tabs that followed its ask (instantBegin) once given.
async function instantAnalyze(msg, sender, options) {
  let answer = null;
  try {
    answer = await analyzeInstant(msg, sender, options);
    return answer;
  } finally {
    tellFollowers(msg.username, answer);
  }
}

// An instant answer from web_profile_info or, as a fallback, users/<id>/info. The engine reads
// the profile document (the extension does not parse it); the report names its source.
async function analyzeInstant(msg, sender, { sendId = null } = {}) {
  const endpoint = msg.endpoint || 'web_profile_info';
  const c = classifyProfileAnswer(msg, endpoint);
  // {"data":{"user":null}} while the page draws the profile (its header or og tags name it): the
  // profile is there but Instagram did not give it out (restricted, age-gated, blocked in this
  // region, or a rate limit in disguise). Said as unread and retried after that profile's own wait
  // (unreadable-waits.js; nothing else is held by it), never as
  // "does not exist", and its stored reading is not marked gone. Only the page saying the profile
  // is not available (no header, no og tags) keeps "does not exist". users/<id>/info, asked only
  // after web_profile_info refused or did not give the profile out (content/main.js askInstant),
  // is unread too when it says "not found" (404), whatever the page shows: only web_profile_info
  // itself says a profile is gone (profile-fallback.js notFoundIsUnread).
  const unreadable = notFoundIsUnread(endpoint, c, msg.pageShowsProfile);
  const { sched, at, again, profileUntil } = await recordInstantAnswer(c, unreadable, msg.username,
                                                                      sendId ? `${holderOf(sender)} ${sendId}` : null);
  if (c.state === 'rate_limited') {
    return { state: 'rate_limited', retryAt: waitOf(sched, 'profile').until, detail: c.detail || null, ...unavailableOf(c) };
  }
  if (unreadable) {
    // Retried once this profile's own wait is over (and any back-off Instagram's refusals drew).
    return { state: 'unreadable', retryAt: unreadableRetryAt(profileUntil, sched),
             detail: `${endpoint} answered ${c.userNull ? '{"data":{"user":null}}' : '"not found"'} ${msg.pageShowsProfile === true
               ? 'on a page that shows the profile' : 'after web_profile_info did not give the profile out (no proof it is gone)'}` };
  }
  if (c.state === 'not_found') {
    // The account's history moved on under its new name: said as that, not as a deleted profile.
    const movedTo = await store.locked(() => markGone(msg.username));
    if (movedTo) return { state: 'renamed', renamedTo: movedTo };
  }
  if (c.state) return { state: c.state, detail: c.detail || null };
  const text = profileText(endpoint, msg.body, c.json);
  if (text.state) return text;
  const r = await analyzeDoc(text.text);
  if (r.state) return r;
  if (r.report.username.toLowerCase() !== msg.username.toLowerCase()) {
    return { state: 'changed', detail: `asked for ${msg.username}, Instagram answered ${r.report.username}` };
  }
  // Kept under the name as the page asked for it (lowercase, as Instagram's names are), even
  // where the answer spells it otherwise: else every visit missed the stored result and asked again.
  const report = { ...r.report, username: msg.username, profile_source: endpoint };
  // An audit of this account still to go on (running, paused, or cancelled and resumable) samples the
  // audience the count read now says.
  await store.locked(() => auditCountNow(report));
  // The account kept under another name (renamed since): its history goes on under this one.
  const moved = await store.locked(() => carryRenamed(report));
  const movedAuditState = moved ? (await carryAudit(report.username, moved)).moved : null;
  // What the page shows of it (it read no audit under this name before this check).
  const auditMoved = movedAuditState && movedAuditState.v === AUDIT_VERSION ? { audit: auditView(movedAuditState) } : {};
  // A day-old audited result looked at again (keepAudited): the audit stands, the count read now
  // is kept beside it. The same account only: a username someone else took is checked afresh.
  // An audited result that came with a rename stands as it would have under the old name, and is
  // what the page shows (it had nothing stored under this name).
  const movedAudit = !!moved && moved.confidence === 'audited' && !moved.rough;
  if (msg.keepAudited || movedAudit) {
    const kept = await store.locked(() => keepAuditedWithCount(report, at));
    if (kept) {
      await store.locked(() => store.putDoc(report.username, text.text)).catch(() => {});
      await reportWithDocIfRoom(report);
      return { audited: true, latestCount: kept.latest_count, firstSeen: kept.first_seen, formerUsernames: kept.former_usernames || [], ...auditMoved,
               ...(movedAudit && !msg.keepAudited ? { report: reportOfEntry(kept), computedAt: kept.computed_at, cached: true,
                                                       earlier: await earlierOf(await store.readHistory(), report.username, report.user_id) } : {}) };
    }
  }
  // The result first (with room made for it), then the document an audit would need. Its time is
  // the send's: asked again after a restart (`again`), a send whose reading is stored (or one made
  // since) saves none anew: saved again under a new time, it passed for a reading made since the
  // one an audit's report made at that check was weighed against (reportWithDoc, weighing), and
  // that audit's result, its write lost with the worker, was never saved (keepEndedAudits now).
  const saved = again ? await store.locked(() => readingOfSend(report, at)) : null;
  const fresh = saved || await store.locked(() => saveReport(report, { computedAt: at }));
  const doc = await store.locked(() => store.putDoc(report.username, text.text)).catch(() => ({ shrunk: false }));
  await reportWithDocIfRoom(report);
  if (saved) await keepEndedAudits(saved.history, [report.username]);
  return { report, computedAt: at, storageFull: fresh.storageFull || false, ...auditMoved,
           storageShrunk: !!(fresh.shrunk || doc.shrunk), firstSeen: fresh.entry ? fresh.entry.first_seen : null,
           formerUsernames: (fresh.entry && fresh.entry.former_usernames) || [],
           // Another account had this name before (the one checked now starts afresh): where it went.
           earlier: fresh.history ? await earlierOf(fresh.history, report.username, report.user_id) : null };
}

// The stored entry of `report`'s account holding the reading a send recorded at `at` or one made
// since ({entry, history}, as saveReport answers), or null when it holds none (the first attempt
// stopped before its save, or failed it): that retry saves it.
async function readingOfSend(report, at) {
  const history = await store.getHistory();
  const entry = history.entries[report.username];
  const own = entry && !(entryUserId(entry) && report.user_id && entryUserId(entry) !== report.user_id);
  return own && !entry.rough && Number.isFinite(entry.computed_at) && entry.computed_at >= at ? { entry, history } : null;
}

// `a` with `count` (a follower count read since it started) as the population its followers are
// drawn from; unchanged when there is no such count.
function withPopulation(a, count) {
  return Number.isSafeInteger(count) && count >= 0 && count !== a.followers.population
    ? { ...a, followers: { ...a.followers, population: count } } : a;
}

async function auditCountNow(report) {
  const a = await currentAudit(report.username);
  if (!a || !(underWay(a.status) || a.status === 'cancelled') || a.userId !== report.user_id) return;
  const next = withPopulation(a, report.follower_count);
  if (next !== a) await store.saveAuditAndScheduler(next, null);
}

// The ended audit of `report`'s account that could not make its report, its profile's document
// missing (refreshEstimates `docMissing`; or, ended before that was kept, estimates and no report),
// makes it now from the document the check just stored, and its result goes into the history as at
// its end (saveAuditReport). Without it the audit's result reached the history never. An audit
// under way reads the document at its next step itself.
// The engine failing to make it (not the document missing, nor another account's there) is marked on
// the audit (reportRetry), and tried again after a back-off or with another engine (report-retry.js),
// not at every check.
async function reportWithDoc(report) {
  const a = await currentAudit(report.username);
  if (!a || underWay(a.status) || a.userId !== report.user_id) return;
  // (The document, tens of kB, read only for such an audit: this runs at every check.)
  if (!(a.docMissing || (!a.report && SOURCES.some((s) => a.estimates && a.estimates[s])))) return;
  const engine = await engineVersion();
  if (!reportRetryDue(a, now(), engine)) return;
  if (!(await store.getDoc(report.username))) return;
  const estimated = await refreshEstimates(a, []);
  // (Made: no mark left.)
  delete estimated.reportRetry;
  // The document there another account's (one that had the name; the check's own not stored,
  // putDoc failing on a full storage): missing, as a lost one (refreshEstimates), not the engine
  // failing. No mark: it held the report past the check that stores the account's document.
  if (!estimated.report && estimated.docMissing) return;
  if (!estimated.report) {
    // (docMissing false now: the document was there.) A mark that only spares engine runs: in a
    // full storage it is left out (the next check tries again), nothing dropped for it.
    await store.saveAuditAndScheduler({ ...estimated, reportRetry: reportRetryAfter(a, now(), engine) }, null, {}, { room: false });
    return;
  }
  // When it was weighed against the profile's reading (the check's, just stored): a look saving it,
  // its history write lost (the worker stopping, a full storage), weighs it as here (endedUnsaved).
  const made = await weighing({ ...estimated, reportedAt: now() });
  await store.saveAuditAndScheduler(made, null);
  await saveAuditReport(made);
}

// The engine's version (the mark of a failed report names it), null when it cannot be told.
async function engineVersion() {
  try {
    return String(await version());
  } catch {
    return null;
  }
}

// reportWithDoc, under the lock, for a check: storage too full for the audit's report leaves it to
// a later check (the audit still says docMissing), and the check answers its reading as it does in
// a full storage; thrown, the page showed an error for the reading it had just saved.
async function reportWithDocIfRoom(report) {
  try {
    await store.locked(() => reportWithDoc(report));
  } catch (e) {
    if (!store.isQuotaError(e)) throw e;
  }
}

// A stored entry of a username Instagram says names no profile now keeps its reading, marked gone
// (history.js withGone). With none, the name the account kept under it goes by now, when its
// history moved there (renamedTo), else null.
async function markGone(username) {
  const name = String(username).toLowerCase();
  const history = await store.getHistory();
  const gone = withGone(history, name, now());
  if (gone) await store.saveHistory(gone, { keep: name });
  return gone ? null : renamedTo(history, name);
}

// The entries of `report`'s account kept under other names (renamed since) moved under its name
// now (history.js withRename): the moved entry, or null when there were none. Storage too full
// for the move leaves them where they were (nothing lost; the next check tries again).
// The account's entries set aside when another account took their name come back the same way
// (store.moveRenamed). Its audit kept under an old name (audit:<old>) follows (carryAudit).
async function carryRenamed(report) {
  try {
    return await store.moveRenamed(report.username, report.user_id);
  } catch (e) {
    if (!store.isQuotaError(e)) throw e;
    return null;
  }
}

// The audit of `entry`'s account kept under one of its former names moved under its name now
// (store.moveFormerAudit): the entry carries an audit's result, not whether it can resume, its
// rows, or that Instagram refused the followers list, so the old name kept the Resume button and
// the new one offered "Audit followers" again. One running now moves once it has ended, at the
// next look at this name. Returns {moved: the moved audit, or null; saved: whether it saved the
// result of one it did not move (keepEndedUnmoved)}.
async function carryAudit(username, entry) {
  if (!entry || !(entry.former_usernames || []).length) return { moved: null, saved: false };
  // One left running by a tab closed while the worker was stopped (its pause lost) is paused first:
  // no page writes under the old name then, and it moves as a paused one does.
  for (const f of entry.former_usernames) if (f !== username) await pauseUnheld(f);
  const moved = await store.locked(() => store.moveFormerAudit(username, entryUserId(entry), entry.former_usernames));
  return { moved, saved: await keepEndedUnmoved(username, entry) };
}

// An ended audit of `entry`'s account left under one of its former names with its result in no
// entry (its end's history write lost), which moveFormerAudit did not move: a later audit of the
// account under `username` (one started there before a look brought the older over, or after a
// carry that failed for room, then cancelled: too wide to replace the reading, its result not
// saved), or a later one under another former name. It stays there for good, so it was due for good, and making room kept it (store.js
// dropOldestFinishedAudit): its result saved nowhere, its state kept for ever. The later audit keeps
// the name; the older's result is saved from where it is as at its end (saveAuditReport, under the
// name its account goes by now: a finished audit's result stands over a check's reading, one ended
// early only where it narrows the reading it was weighed against), and its record settled: room
// may take its state then, the result being in the history. Oldest first, so that of two, the
// later's result stands (a save makes the older no longer due: endedUnsaved). Returns whether it
// saved one.
async function keepEndedUnmoved(username, entry) {
  const records = await store.auditRecords(entry.former_usernames.filter((f) => f !== username));
  const due = Object.keys(records).filter((f) => endedUnsaved(f, records[f], entry))
    .sort((x, y) => (records[x].updatedAt || 0) - (records[y].updatedAt || 0));
  let saved = false;
  for (const f of due) {
    await store.locked(async () => {
      const a = await currentAudit(f, 'peek');
      if (!a || !endedUnsaved(f, a, entryOfAudit((await store.getHistory()).entries, f, a))) return;
      const whole = await currentAudit(f);
      if (whole && (await saveAuditReport(whole)).saved) saved = true;
    });
  }
  return saved;
}

// The audit of `username` stored as running that no page runs, paused, as its page's audit.pause
// would have (auditPause): that message is lost when the tab closes while the worker is stopped (it
// wakes no one), and the audit stayed "running" with no page running it: the popup said it ran,
// and a rename did not carry it. (Nothing was lost: the profile's next page takes it up, auditNext
// resuming a paused one.) Never one a page runs: only when every page it names (its runner, the
// holder of its pending request's claim) is surely gone (holders.js; a page that does not answer
// in time counts as there); one naming none (stored before `runner` was kept) stays as it is.
// The pages are asked outside the lock (an audit's steps do not wait on them), and the audit is
// paused only as it was when they were asked.
async function pauseUnheld(username) {
  const seen = await currentAudit(username, 'peek');
  const pages = pagesOf(seen);
  if (!pages.length) return;
  for (const page of pages) if (!(await holderGone(page, username))) return;
  await store.locked(async () => {
    const a = await currentAudit(username);
    if (!a || a.updatedAt !== seen.updatedAt || pagesOf(a).join() !== pages.join()) return;
    await store.saveAuditAndScheduler(pauseAudit(a, now()), null);
  });
}

// The pages a running audit names: the one that runs it, the one holding its request's claim.
function pagesOf(a) {
  if (!a || a.status !== 'running') return [];
  const claim = a.pending && a.pending.claim;
  return [...new Set([a.runner, claim && claim.holder].filter(Boolean))].sort();
}

// The stored audited entry of `report`'s profile with the count `report` read kept beside it
// (history.js withLatestCount), or null when there is none or it is another account's. `at`: when
// it was read (the send's time: a retry of the send keeps the same).
async function keepAuditedWithCount(report, at) {
  const kept = withLatestCount(await store.getHistory(), report, at);
  if (!kept) return null;
  const saved = await store.saveHistory(kept, { keep: report.username });
  return saved.history.entries[report.username];
}

// The counts the page itself shows: logged out, or every profile endpoint refusing for now
// (`unavailable`: the last one's status when Instagram did not answer). They never give an
// estimate (no posts, so no engagement), but they can give findings; with none, the state alone
// says more than a report would. The report says why it rests on the counts (roughCause), so the
// note under it tells why, not always "log in".
// `from`: which of the page's counts ('page': og:description's, 'page_header': the header's).
async function instantRough({ username, fullName, og, from = 'page', cause, unavailable }) {
  const r = await analyzeDoc(profileDocFromPage(username, fullName, og));
  const state = cause === 'rate_limited' ? 'rate_limited' : 'logged_out';
  if (r.state === 'engine_failed') return r;
  // Kept only when the counts say something (e.g. far more followers than posts explain, or mass following).
  if (r.state || (r.report.fake_percent === null && !findings(r.report.reasons).length)) return { state };
  const report = { ...r.report, profile_source: from };
  const roughCause = roughCauseOf(cause, unavailable);
  await store.locked(() => saveReport(report, { rough: true, roughCause }));
  return { report, rough: true, roughCause, state, computedAt: now() };
}

// ---- the audit

// `a`, an audit just ended early with a report (cancelled, stopped), with the reading its result is
// weighed against noted (`weighedReading`: the computed_at of the entry saveAuditReport weighs it
// against, under the name its account goes by now; null for none), to be stored in the write that
// ends it: a look saving its result, the history's write lost (ended-unsaved.js endedUnsaved),
// weighs it against that reading alone, not against whatever reading is older than its end by the
// clock (set back, a check made since passed for it). A finished audit is weighed against nothing.
async function weighing(a) {
  if (!a.report || a.status === 'done' || underWay(a.status)) return a;
  const read = await store.getHistory();
  const e = read.entries[currentNameOf(read, a.report.username, a.userId)];
  return { ...a, weighedReading: e && Number.isFinite(e.computed_at) ? e.computed_at : null };
}

// An audit that ended, with what its comments say when the user asked for that, goes into the
// history; one that ended before its plan only when it narrows what is stored there.
// Under the name its account goes by now: an audit that ran on under a name the account left
// (renamed on Instagram mid-audit: its tab writes there until it ends) puts its result on the
// account's entry, the old name among its former names (history.js currentNameOf).
// Once the history has had its say (saved, or left out as the end decides), the audit's record
// says so (settled): no look saves it again (ended-unsaved.js).
async function saveAuditReport(a) {
  const read = await store.getHistory();
  const name = currentNameOf(read, a.report.username, a.userId);
  const report = name === a.report.username ? a.report : { ...a.report, username: name };
  if (a.status !== 'done' && !partialAuditReplaces(read.entries[name] || null, report)) {
    await settled(a);
    return { saved: false, entry: read.entries[name] || null };
  }
  const out = await saveReport(report, { comments: a.commentAnalysis && a.commentAnalysis.report, sources: sourcesBrief(a), audit: true,
                                         partial: a.status !== 'done', read });
  // (Not saved, storage full or the write failing: left due, for a later look to save.)
  if (out.saved) await settled(a);
  return out;
}

// `a`, ended, stored with `resultSettled` at its updatedAt: the end whose result the history has had
// its say on. Told by the time of the save alone (the entry's audit_at not before the audit's
// end), a save made with the system clock set back since the end left the result due, and saved
// again at every look until the clock caught up. Any later change of the audit (resumed, ended
// again) moves its updatedAt, and its result is due again. Storage too full for the mark leaves it
// to the time (saved again at a look, at worst): nothing stored makes room for it (room: false).
// An audit no longer stored as it was (dropped to make room for this very save: store.js
// saveHistory) is not written back.
async function settled(a) {
  const stored = (await store.auditRecords([a.username]))[a.username];
  if (!stored || stored.updatedAt !== a.updatedAt || stored.startedAt !== a.startedAt) return;
  try {
    await store.saveAuditAndScheduler({ ...a, resultSettled: a.updatedAt }, null, {}, { room: false });
  } catch (e) {
    if (!store.isQuotaError(e)) throw e;
  }
}

// The comment analysis of what an audit has read so far (when it was switched on for it): run
// once every comments page is in, and again when the audit ends (with the commenters fetched in
// full by then). Its report is kept with the audit; an error keeps its id only (an engine
// message may quote the document, and comment text is never shown as a detail or logged).
async function refreshComments(a) {
  if (!a.commentAnalysis) return a;
  const doc = commentsDocument(a, now());
  const r = doc ? await analyzeComments(doc) : { report: null };
  return { ...a, commentAnalysis: { report: r.report || null, error: r.error ? { id: String(r.error.id) } : null, at: now() } };
}

// Whether the outcome just applied makes the comment analysis due: the last comments page is in,
// or the audit stopped.
const commentsDue = (a, req) => !!a.commentAnalysis && (a.status !== 'running' ||
  (req.kind === 'comments' && a.commenters.done >= a.commenters.media.length));

// `engagersOnly`: the posts' likers and commenters alone, offered after Instagram refused the
// followers list; only where the stored audit of this account says it did (followersRefusedBy),
// else a full audit starts as asked before.
// `followersAgain`: "Try the followers again" (retryFollowers); a "New audit" is a fresh audit of
// every source, also over a retry of the followers (it went on with that retry, keeping the likers
// and commenters of the earlier audit, days old perhaps, when both buttons said `fresh` alone).
// `ownProfileUnread`: the profile's own data could not be read just before (audit.js newAudit).
async function auditStart({ username, userId, isPrivate, followerCount, posts, profileSource, fresh = false, resume = false,
                            engagersOnly = false, followersAgain = false, ownProfileUnread = null }, sender) {
  return store.locked(async () => {
    // Whole: a retry of the followers keeps their list in the record (retryFollowers).
    const existing = await currentAudit(username, 'whole');
    if (existing && existing.status === 'running' && existing.userId === userId) return auditView(existing);
    // `resume`: the page offered to resume an audit it saw cancelled, which has moved on since
    // (resumed and finished in another tab): it is shown as it is, not started again.
    if (existing && resume && !fresh && !resumable(existing) && existing.userId === userId) return auditView(existing);
    // A cancelled audit (or one stopped by a login or a challenge) picks up where it stopped, with
    // its own plan: nothing learned is thrown away. `fresh` (the user's "New audit") starts one
    // with the options as they are now instead.
    if (existing && resumable(existing) && existing.userId === userId && !fresh) {
      // With the follower count read last (a week-old audit resumed sampled last week's audience).
      const resumed = withPopulation({ ...existing, status: 'running', stopReason: null, stopDetail: null, updatedAt: now(),
                                       runner: runnerOf(sender) }, followerCount);
      await store.saveAuditAndScheduler(resumed, null);
      return auditView(resumed);
    }
    const settings = await store.getSettings();
    const seed = crypto.getRandomValues(new Uint32Array(1))[0];
    const refused = engagersOnly && existing && existing.userId === userId ? followersRefusedBy(existing) : null;
    // "Try the followers again" after an audit of the likers and commenters alone: that audit goes
    // on, reading its followers with the options as they are now, and is as it was should the list
    // be refused again (settleRetry). It was a new audit holding the earlier one whole inside it.
    const retry = refused || !followersAgain ? null : retryFollowers(existing, { userId, isPrivate, followerCount, now: now(),
                                                             plan: auditPlan(settings, [], followerCount) });
    // (The request the audit replaced had out counts in this one: takeOver.)
    const a = takeOver({ ...(retry || { ...newAudit({ username, userId, isPrivate, followerCount, posts, settings, now: now(), seed, followersRefused: refused,
                                                         ownProfileUnread: posts && posts.length ? null : ownProfileUnread }),
                                           profileSource: profileSource || 'web_profile_info' }),
                         runner: runnerOf(sender) }, existing);
    await store.saveAuditAndScheduler(a, null);
    return auditView(a);
  });
}

// The next request of an audit: {action: 'fetch', id, url, kind, at} or {action: 'end', ...}.
// A request already handed out is handed out again (same id, same slot): a reply lost when
// the worker stopped never costs a second request.
async function auditNext({ username }, sender) {
  return store.locked(async () => {
    let a = await currentAudit(username);
    if (!a) return { action: 'end', missing: true };
    // Paused when the page that ran it left the profile: a page of it runs it again, and is the
    // one that may pause it (auditPause).
    if (a.status === 'paused') a = { ...resumeAudit(a), runner: runnerOf(sender) };
    const had = a.pending;
    const wasRunning = a.status === 'running';
    // The kinds a server error holds alone for now: the audit goes on with the others meanwhile
    // (it waited on one post's likers answering 500, the rest unread, its waits doubling).
    const sched0 = await store.getScheduler();
    const held = kindsHeld(sched0, now()).map(auditKindOf);
    const n = nextRequest(a, { held });
    a = n.state;
    let restored = false;
    if (wasRunning && a.status !== 'running') {
      ({ audit: a, restored } = settleRetry(a, now()));
      // Ended (its plan done, its budget spent): its answer is the report's headline now
      // (shared/headline.js), the estimates as they were.
      if (!restored && a.report) a = await refreshEstimates(a, []);
      if (!restored) a = await refreshComments(a);
      if (!restored) a = await weighing(a);
    }
    let sched = null;
    // The held request put back never went: its slot is given back.
    if (n.putBack && n.putBack.at) sched = release(sched0, n.putBack.at, now(), { unsent: true });
    // A slot kept from before the clock moved back (further ahead than any wait can be) is reserved anew.
    if (n.request && !(had && had.id === n.request.id && had.at && had.at <= now() + MAX_AHEAD_MS)) {
      const settings = await store.getSettings();
      const r = reserve(sched || sched0, now(), { ...settings, kind: requestKind(n.request) });
      sched = r.state;
      a = setPendingTime(a, r.at, heldBy(r, settings));
    }
    if (n.request || a !== n.state || sched || a.status !== 'running') await store.saveAuditAndScheduler(a, sched);
    // (An audit of the engagers back after a refused retry is in the history already.)
    if (wasRunning && a.status !== 'running' && a.report && !restored) await saveAuditReport(a);
    if (!a.pending) return { action: 'end', ...auditView(a) };
    const { id, url, kind, at } = a.pending;
    return { action: 'fetch', id, url, kind, at, audit: a.startedAt, held: heldOf(a.pending), ...auditView(a) };
  });
}

// Right before the content script sends a paced request: {go: true} or {go: false, at} (try
// again then), or {stale: true} when that request is no longer the pending one. Another page
// of the same profile that claimed it first sends it (claimPending); then the scheduler decides.
async function auditClaim({ username, id, audit, attempt = null, outstanding = false }, sender) {
  return store.locked(async () => {
    let a = await currentAudit(username);
    if (!a || a.status !== 'running' || !a.pending || a.pending.id !== id || !sameAudit(a, audit)) return { go: false, stale: true };
    const settings = await store.getSettings();
    const t = now();
    const retryMs = Math.max(settings.pacingMs, 250);
    const me = holderOf(sender);
    let mine = claimPending(a, me, t, settings.answerTimeoutMs + SEND_CONFIRM_MS, retryMs, attempt, { outstanding });
    // Held by a page that is gone (its tab closed mid-request): the claim is free at once. (Its
    // own, with the request still out: the page asking is there.)
    if (!mine.go && a.pending.claim && a.pending.claim.holder !== me && await holderGone(a.pending.claim.holder, username)) {
      mine = claimPending(a, me, t, 0, retryMs, attempt);
    }
    // A second send its budget cannot pay for: the request given up, the audit ends at its next step.
    if (mine.spent) {
      await store.saveAuditAndScheduler(mine.state, null);
      return { go: false, stale: true };
    }
    if (!mine.go) return { go: false, at: mine.at };
    const c = claim(await store.getScheduler(), t, settings, sendKey(username, id), requestKind(a.pending));
    if (!c.go) return { go: false, at: c.at };
    // The page sending the audit's requests runs it: it alone pauses it on leaving (auditPause).
    a = { ...mine.state, runner: runnerOf(sender) };
    await store.saveAuditAndScheduler(a, c.state);
    return { go: true, at: c.at };
  });
}

// The page a content message came from: its tab and frame.
const holderOf = (sender) => (sender && sender.tab ? `${sender.tab.id}:${sender.frameId ?? 0}` : 'unknown');
// And as the page that runs an audit (auditPause): null when no tab sent it.
const runnerOf = (sender) => (sender && sender.tab ? holderOf(sender) : null);

// The claimed request went out (the tab saw its answer begin): the pacing counts from now.
async function auditSent({ username, id }) {
  return store.locked(async () => {
    await store.saveAuditAndScheduler(null, sent(await store.getScheduler(), now(), sendKey(username, id)));
    return {};
  });
}

const sendKey = (username, id) => `${username}#${id}`;

// Whether a page's step is of the audit stored now: the step names its audit (`audit`: the
// startedAt audit.next gave it). Ids start at 1 in every audit, so the step of an audit cancelled
// and started anew while its request was out named the new audit's first step, and its answer (or
// claim) was taken as that step's. A step naming no audit (a page of a build before) goes by its id.
const sameAudit = (a, audit) => audit === undefined || audit === a.startedAt;

// The kind of request an audit's request is, whose server errors back off that kind alone
// (scheduler.js REQUEST_KINDS): a followers page, a post's likers or comments, an account's profile.
const KIND_OF_REQUEST = { page: 'followers', likers: 'likers', comments: 'comments', profile: 'profile' };
const requestKind = (req) => KIND_OF_REQUEST[req.kind] || null;
// And back: the audit's request kind of a scheduler kind.
const auditKindOf = (kind) => Object.keys(KIND_OF_REQUEST).find((k) => KIND_OF_REQUEST[k] === kind);

// Instagram's answer to the pending request -> an audit outcome.
async function outcomeOf(a, req, c, msg, sched) {
  if (c.kind === 'rate_limited') {
    // A server error holds its kind alone (`of`): the audit says which part waits, the rest going on.
    // `inRow`: that kind's server errors in a row, this one's included, from any audit (its back-off
    // level): a post's list answering so KIND_SERVER_ERRORS times gives its source up (audit.js).
    const alone = holdsKindAlone(c.unavailable, requestKind(req));
    const own = alone ? (sched.kindWaits || {})[requestKind(req)] : null;
    return { kind: 'rate_limited', retryAt: waitOf(sched, requestKind(req)).until, ...unavailableOf(c),
             ...(alone ? { of: req.kind } : {}), ...(own ? { inRow: own.level } : {}) };
  }
  if (c.kind === 'logged_out') return { kind: 'stop', reason: 'logged_out' };
  if (c.kind === 'challenge') return { kind: 'stop', reason: 'challenge' };
  if (req.kind === 'page') {
    // A later page refused or unreadable (a cursor expired during a long back-off answers 400):
    // the list ends there, with what was read, and the audit goes on. The first page decides.
    const later = a.followers.pagesDone > 0;
    const refused = followersRefusal(a.isPrivate, c.kind);
    const page = c.kind === 'ok' ? parseFollowersPage(c.json) : null;
    if (later && (refused || !page || page.error)) return { kind: 'page', accounts: [], skipped: [], nextCursor: null, cutShort: true };
    if (refused) return refused;
    if (c.kind !== 'ok') return { kind: 'stop', reason: 'changed', detail: `followers list: ${c.detail}` };
    if (page.error) return { kind: 'stop', reason: 'changed', detail: page.error };
    return { kind: 'page', ...page };
  }
  // A post's likers or comments that cannot be read (deleted post, comments off, a new shape)
  // cost that post only.
  // (why, as the panel says it: gone, deleted or closed; shape, an answer not as Fakemeter reads it)
  if (req.kind === 'likers' || req.kind === 'comments') {
    if (c.kind !== 'ok') return { kind: 'list_failed', cause: ['not_found', 'forbidden'].includes(c.kind) ? 'gone' : 'shape' };
    const list = req.kind === 'likers' ? parseLikersPage(c.json) : parseCommentsPage(c.json, req.target);
    return list.error ? { kind: 'list_failed', cause: 'shape', detail: list.error } : { kind: req.kind, ...list };
  }
  if (c.kind !== 'ok') return { kind: 'profile_failed' };
  const text = profileText(req.endpoint, msg.body, c.json);
  if (text.state) return { kind: 'profile_failed' };
  const r = await accountFromProfile(text.text);
  return r.record ? { kind: 'profile', record: r.record } : { kind: 'profile_failed' };
}

// An answer is taken for the audit's pending request alone. Also when the audit was paused since
// it went (its page left the profile with the request out, auditPause): the answer of the page
// that claimed that very step is the same audit's, applied, and the audit stays paused; it was
// refused and the request asked again on return, one request wasted. A cancelled audit, or
// another audit since (its own pending request, claimed by no one or by another page), refuses it.
async function auditResult(msg, sender) {
  return store.locked(async () => {
    let a = await currentAudit(msg.username);
    // The list the answer adds to, which its source's estimate reads too: read before the answer is
    // parsed (used unread, the turn is run again, parse and all).
    if (a && a.pending && a.pending.id === msg.id) a = await currentAudit(msg.username, 'lazy', SOURCE_LISTS[a.pending.source] || []);
    const late = !!a && a.status === 'paused' && !!a.pending && a.pending.id === msg.id && sameAudit(a, msg.audit) && !!a.pending.claim
      && a.pending.claim.holder === holderOf(sender);
    if (late) a = resumeAudit(a);
    if (!a || !a.pending || a.pending.id !== msg.id || a.status !== 'running' || !sameAudit(a, msg.audit)) {
      // No audit at all: deleted with its profile's history entry while this request was out.
      return a ? { duplicate: true, ...auditView(a) } : { duplicate: true, missing: true };
    }
    const req = a.pending;
    const settings = await store.getSettings();
    // A profile answer from web_profile_info is left for the engine to parse.
    const c = classifyResponse(msg.status, msg.contentType, msg.body,
                               { json: !(req.kind === 'profile' && req.endpoint === 'web_profile_info') });
    let sched = noteAnswer(await store.getScheduler(), now());
    // An answer means the request went, should its "sent" message have been lost.
    const key = sendKey(msg.username, msg.id);
    if (sched.sending && sched.sending.key === key) sched = sent(sched, now(), key);
    // The wait it draws holds every tab's requests: it remembers this audit, to be named there.
    // An answer about the one profile asked ("not found": a follower deleted, or user:null) leaves
    // the levels as they are, as an instant check's does (recordInstantAnswer): it says nothing of
    // Instagram's limit. Counted as a success, it reset the level, and an audit meeting deleted
    // followers after a rate limit waited the first wait again at the next refusal, asking too soon.
    sched = c.kind === 'rate_limited' ? onRateLimited(sched, now(), settings, c.unavailable, a.username, requestKind(req))
      : aboutAskedOnly(c.kind) ? sched : onSuccess(sched, requestKind(req));
    const outcome = await outcomeOf(a, req, c, msg, sched);
    a = applyOutcome(a, msg.id, outcome, now()).state;
    // A retry of the followers refused again: the engagers' audit it went on from is as it was
    // (its estimates, result and comment analysis not made again).
    let restored = false;
    ({ audit: a, restored } = settleRetry(a, now()));
    if (!restored && a.status !== 'running') a = await refreshEstimates(a, SOURCES);
    else if (!restored && AUDIT_KINDS.includes(outcome.kind)) a = await refreshEstimates(a, [req.source]);
    if (!restored && commentsDue(a, req)) a = await refreshComments(a);
    // Still left by its page: paused again, to go on at the profile's next visit.
    if (late && a.status === 'running') a = pauseAudit(a, now());
    if (!restored) a = await weighing(a);
    // The estimate is saved with the audit state in the same write as the counters.
    await store.saveAuditAndScheduler(a, sched);
    // The history gets the audited result once the audit ends, not on every step: rewriting
    // a history of thousands of entries per request would cost more than the request.
    // (One back after a refused retry is in the history already.)
    if (!underWay(a.status) && a.report && !restored) await saveAuditReport(a);
    return auditView(a);
  });
}

// The lists of each source (audit-store.js LISTS) an answer of that source adds to.
const SOURCE_LISTS = { followers: ['followers.lite'], likers: ['likers.lite'], commenters: ['commenters.lite', 'commenters.comments'] };

// Re-estimates the given sources, then the combined report: the followers' estimate is the
// audience the headline combines with the profile; likers and commenters are compared with it.
async function refreshEstimates(a, sources) {
  const estimates = { ...a.estimates };
  // (None asked again, e.g. at a cancel: the error of the last one asked stays.)
  let estimateError = sources.length ? null : a.estimateError ?? null;
  for (const source of sources) {
    const req = estimateRequest(a, source);
    if (!req) continue;
    const est = await estimate(req);
    if (est.error) estimateError = est.error;
    else estimates[source] = est.report;
  }
  // (The followers' estimate, the audience, is estimates.followers: audit.js audienceOf.)
  let out = { ...a, estimates, estimateError };
  const doc = await store.getDoc(a.username);
  // Without its document (lost, or never stored: putDoc failing on a full storage) no report is
  // made, and `docMissing` says so: the profile's next check, storing it, makes it (reportWithDoc).
  out.docMissing = !doc && SOURCES.some((s) => estimates[s]);
  if (doc && SOURCES.some((s) => estimates[s])) {
    const r = await analyzeDoc(doc, { audience: estimates.followers, likers: estimates.likers, commenters: estimates.commenters });
    // The document of another account (the audit's account renamed meanwhile, its old name taken:
    // the new owner's check stored its own document under the name) is none of this audit's: its
    // report was that account's profile with this one's audience, saved over that account's entry.
    // Missing, as a lost one: the check of the account under its new name makes it.
    if (r.report && a.userId && r.report.user_id && r.report.user_id !== a.userId) {
      out.docMissing = true;
      return out;
    }
    // Until the audit's followers estimate says as much as the profile's, the headline stays the
    // profile's (shared/headline.js): its reading alone, from the same document.
    const alone = r.report && estimates.followers ? await analyzeDoc(doc) : null;
    const report = r.report && headlineReport(r.report, alone && alone.report, out);
    if (report) out = { ...out, report: { ...report, profile_source: a.profileSource || 'web_profile_info' } };
  }
  return out;
}

// The page running the audit left the profile (another page of the app, a page loaded in its place,
// the tab closed): stored as paused (audit.js pauseAudit), so the popup and the profile's other pages
// no longer say it runs. Only the page that runs it may: the one holding the pending request's
// claim, or, with none held, the one that ran it last (`runner`: started, resumed or last claimed
// it), unless that page is gone. Another tab of the profile that merely followed it (its loop
// waiting on the runner's claims) paused it when it closed, and the runner took it back at its
// next step: a round trip, and "paused" in the popup meanwhile. An audit stored before `runner`
// was kept is paused by any page of it, as before.
async function auditPause({ username }, sender) {
  return store.locked(async () => {
    const a = await currentAudit(username);
    if (!a) return { missing: true };
    if (a.status !== 'running') return auditView(a);
    const me = holderOf(sender);
    const claim = a.pending && a.pending.claim;
    if (claim && claim.holder !== me && !(await holderGone(claim.holder, username))) return auditView(a);
    const runs = (claim && claim.holder === me) || !a.runner || a.runner === me;
    if (!runs && !(await holderGone(a.runner, username))) return auditView(a);
    const paused = pauseAudit(a, now());
    await store.saveAuditAndScheduler(paused, null);
    return auditView(paused);
  });
}

async function auditCancel({ username }) {
  return store.locked(async () => {
    const a = await currentAudit(username);
    if (!a) return { missing: true };
    let sched = null;
    // A pending request no page has claimed never went: its slot is given back even when due.
    if (a.pending && a.pending.at) sched = release(await store.getScheduler(), a.pending.at, now(), { unsent: !a.pending.claim });
    // (Paused: its comment analysis was not made when it was left, either.)
    const wasRunning = underWay(a.status);
    let c = cancelAudit(a, now());
    // Ended, the audit's answer is its report's headline (shared/headline.js), as at any other end.
    if (wasRunning && c.report) c = await refreshEstimates(c, []);
    if (wasRunning) c = await refreshComments(c);
    if (wasRunning) c = await weighing(c);
    await store.saveAuditAndScheduler(c, sched);
    // Only an audit this Cancel ended: one ended before (the Cancel of a view still showing it
    // running) has its result in the history, and saved again it came back over a re-check since.
    if (wasRunning && c.report) await saveAuditReport(c);
    return auditView(c);
  });
}

// With `wait` while a back-off holds every request (Instagram asked to slow down, or did not
// answer): {retryAt, unavailable, during?}, so the popup says why a profile is not checked yet. The audit's
// `userId` lets the popup leave out one of another account than its stored entry (it has the
// entry already; reading the whole history here again on every audit step would cost more).
async function auditStatus({ username }) {
  const a = await currentAudit(username, 'peek');
  const sched = await store.getScheduler();
  // A profile's check waits for a back-off of every request, or of profile requests after a server
  // error; one another profile's audit drew is said as that audit's (`during`), as the page says it.
  const wait = profileWait(sched, now(), username);
  if (!a) return { missing: true, wait };
  return { ...auditView(a), usedInLastHour: usedInLastHour(sched, now()), wait };
}

// The popup's audit.status, asked right after its history.get (popup.js showCurrent), which saved
// an ended audit's result the history lacked and brought over an audit kept under a former name.
// Asked again at each step of an audit while the popup is open: it reads no history (up to some MB).
async function popupAuditStatus(msg) {
  // Said as paused when no page runs it (its pause lost with its tab: pauseUnheld).
  await pauseUnheld(msg.username);
  return auditStatus(msg);
}

// ---- privileged: history and settings

// The history's profiles newest first, those a search `query` finds; `matched`: how many.
// `total`: how many profiles the history holds, whatever the search shows (Delete all says it),
// `audited`: how many of them have an audit Delete all deletes: a result in the history, or an
// audit stored without one (running, paused, ended early: store.js namesWithAudit).
// `limit`: the first `limit` only, and `rest`: the token the rest is kept under (null: none left),
// asked next as {query, rest} and answered {entries, from}: the rows from index `from` on, of the
// same read (list-rests.js); a rest no longer kept is answered with the whole list read again, from 0.
const rests = listRests();
async function historyList({ query = '', limit, rest }) {
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    throw new Error(`history.list: limit must be a positive integer, not ${JSON.stringify(limit) ?? String(limit)}`);
  }
  if (rest !== undefined && limit !== undefined) throw new Error('history.list: a rest is asked without a limit');
  const kept = rest === undefined ? null : rests.take(rest, query);
  if (kept) return kept;
  const history = await historyWithEndedKept();
  const withAudit = await store.namesWithAudit(history);
  const audited = Object.keys(history.entries).filter((u) => withAudit.has(u) || holdsAudit(history.entries[u])).length;
  const listed = listEntries(history, query).map((e) => ({ ...e, report: undefined }));
  const counts = { total: Object.keys(history.entries).length, audited, matched: listed.length };
  if (limit === undefined) return { entries: listed, from: 0, ...counts };
  const left = listed.length > limit ? rests.keep(query, limit, listed.slice(limit)) : null;
  return { entries: listed.slice(0, limit), from: 0, rest: left, ...counts };
}

// With no entry under `username`: the name the account kept under it goes by now, when its history
// moved there (renamed on Instagram; history.js renamedTo), else null.
// The popup's look at the profile in view (asked before its audit.status), as a page's is (cached):
// an ended audit's result the history lacks is saved, and an audit of the account kept under a
// former name that has ended or paused comes over (carryAudit); the popup showed none under the new
// name until a page of the profile had looked.
async function historyGet({ username }) {
  const history = await lookAt(username);
  const entry = history.entries[username] || null;
  return { entry, renamedTo: entry ? null : renamedTo(history, username),
           earlier: entry ? await earlierOf(history, username, entryUserId(entry)) : null };
}

function historyDelete({ usernames }) {
  return store.locked(async () => {
    const before = await store.getHistory();
    const history = await store.forgetAccounts(deleteEntries(before, usernames), usernames, await store.formerAudits(before, usernames));
    return { count: Object.keys(history.entries).length };
  });
}

async function historyExport({ format }) {
  const h = await historyWithEndedKept();
  if (format !== 'csv') return { text: exportJson(h), format };
  const { lang, strings, fallback } = await loadStrings((await store.getSettings()).language);
  // An audit that ended early, saved before audit_partial was kept, is told by its stored state.
  const audits = {};
  for (const e of Object.values(h.entries)) if (e.confidence === 'audited' && !e.audit_partial) audits[e.username] = await store.peekAudit(e.username);
  return { text: exportCsv(withAuditEnds(h, audits), { t: translator(strings, fallback, lang) }), format };
}

// A file's @x of another account than the stored @x: the newer holds the name and the stored one,
// when older, is kept aside (store.saveImported) in the room the set-aside list has left for such
// entries (set-aside.js MAX_TAKEN), so none already there is pushed out; the popup says how many, and how many joined an account kept here
// under another name, or were left out for another account holding their name (history.js importOne).
function historyImport({ text }) {
  return store.locked(async () => {
    const asideRoom = takenRoom(await store.getAside());
    const r = importJson(text, await store.getHistory(), now(), { asideRoom });
    if (r.error) return { error: { id: `history.import.${r.kind}`, message: r.error, why: r.why } };
    try {
      const { shrunk } = await store.saveImported(r.history, r.displaced);
      return { imported: r.count, setAside: r.aside.length, newerKept: r.newerKept, notImported: r.notImported, shrunk,
               takenAside: r.displaced.length, otherOwner: r.otherOwner, joined: r.joined, notEntries: r.notEntries };
    } catch (e) {
      return { error: { id: store.isQuotaError(e) ? 'storage.full' : 'storage.write', message: String(e.message || e) } };
    }
  });
}

// What the history could not read, kept aside (set-aside.js): how many and why; the download;
// discarding it (the user's choice, after the download or instead of it).
async function historyAside() {
  await store.readHistory();  // a history damaged since it was last read sets its items aside now
  const list = await store.getAside(), held = store.heldItems();
  return { ...asideSummary(list, held), kinds: asideKinds(list, held) };
}

async function historyAsideExport() {
  await store.readHistory();
  return { text: exportAside(await store.getAside(), now(), store.heldItems()) };
}

function historyAsideDiscard() {
  return store.locked(async () => {
    await store.clearAside();
    return { count: 0 };
  });
}

export const contentHandlers = {
  hello,
  'profile.cached': cached,
  'instant.begin': instantBegin,
  'instant.release': instantRelease,
  'instant.analyze': instantAnalyze,
  'instant.rough': instantRough,
  'audit.start': auditStart,
  'audit.next': auditNext,
  'audit.claim': auditClaim,
  'audit.sent': auditSent,
  'audit.result': auditResult,
  'audit.cancel': auditCancel,
  'audit.pause': auditPause,
  'audit.status': auditStatus,
};

export const privilegedHandlers = {
  hello,
  'history.list': historyList,
  'history.get': historyGet,
  'history.delete': historyDelete,
  'history.export': historyExport,
  'history.import': historyImport,
  'history.aside': historyAside,
  'history.asideExport': historyAsideExport,
  'history.asideDiscard': historyAsideDiscard,
  'settings.get': async () => ({ settings: await store.getSettings() }),
  'settings.set': ({ settings }) => store.locked(async () => ({ settings: await store.setSettings(settings) })),
  'audit.status': popupAuditStatus,
  'audit.cancel': auditCancel,
  // Under the lock: a handler's turn under way reads what it read; the next one reads storage.
  'storage.written': ({ keys }) => store.locked(async () => { store.writtenElsewhere(keys); return {}; }),
};
