// The one request scheduler: pacing, the rolling hourly cap and exponential back-off on 429,
// as pure functions over a plain state object. The background keeps one such state in
// storage for all tabs together, so several audits at once share the pacing and the cap,
// and a restarted service worker picks up exactly where the last one stopped.

// Where the one scheduler state is stored (extension storage).
export const SCHEDULER_KEY = 'scheduler';
export const HOUR_MS = 3600_000;
export const MAX_BACKOFF_MS = HOUR_MS;
// Back-off after a 429 starts at this many pacing intervals (30 s at the default 1.5 s)
// and doubles on each further 429, up to an hour.
export const BACKOFF_INTERVALS = 20;
// A run of refusals is "in a row" while its waits follow one another: a refusal coming more than
// this long after the last wait ended starts a new run at the first level. Only a success ended a
// run, so a run given up days ago (no request of that kind since) made the next single 500 the
// fourth "in a row" (an audit then gave its likers up at once: audit.js KIND_SERVER_ERRORS) and
// its wait the fourth level's. The longest back-off: no wait of a run can leave a longer gap.
export const RUN_GAP_MS = MAX_BACKOFF_MS;
// A claimed request holds the other tabs' claims until its tab says it went (or its answer
// arrives); a tab that claimed and then vanished (closed, crashed) holds them this long at most.
export const SEND_CONFIRM_MS = 10_000;

// What can push a slot far ahead; a slot paced behind such a slot waits for the same reason.
const HELD_REASONS = ['cap', 'backoff'];
// The kinds of request a server error (HTTP 5xx) backs off on their own: Instagram's 5xx are
// mostly of one endpoint (one post's likers answering 500), and holding every other request
// behind one told the user of another profile that Instagram was not answering. Rate limits
// (429, "please wait") and no answer at all (no connection) still hold every request.
export const REQUEST_KINDS = ['profile', 'followers', 'likers', 'comments'];

export function emptySchedulerState() {
  return { lastSlot: 0, lastSlotHeld: null, ledger: [], backoffUntil: 0, backoffLevel: 0, backoffUnavailable: null, backoffBy: null,
           kindWaits: {}, lastSent: 0, sending: null };
}

// No slot handed out reaches further ahead than a cap's hour after a back-off's (with room for
// the pacing of several audits behind them): a stored time beyond this was written before the
// clock moved back (a day, say), and would hold every request until the clock caught up ("paused
// until" a time with no date, blamed on Instagram).
export const MAX_AHEAD_MS = 2 * HOUR_MS + MAX_BACKOFF_MS;

// Stored state read back: fields of another shape dropped, and with `now`, times the clock can no
// longer have given brought back to it (a send and a claim are never later than now, a slot and
// the ledger no further ahead than MAX_AHEAD_MS, a back-off no longer than its maximum).
export function normalizeSchedulerState(raw, now = null) {
  const s = parseSchedulerState(raw);
  if (!Number.isFinite(now)) return s;
  const ahead = now + MAX_AHEAD_MS;
  return {
    ...s,
    ...(s.lastSlot > ahead ? { lastSlot: now, lastSlotHeld: null } : {}),
    ledger: s.ledger.map((t) => (t > ahead ? now : t)).sort((a, b) => a - b),
    backoffUntil: s.backoffUntil > now + MAX_BACKOFF_MS ? now : s.backoffUntil,
    kindWaits: Object.fromEntries(Object.entries(s.kindWaits).map(([k, w]) => [k, w.until > now + MAX_BACKOFF_MS ? { ...w, until: now } : w])),
    lastSent: Math.min(s.lastSent, now),
    sending: s.sending && s.sending.at > now ? { ...s.sending, at: now } : s.sending,
  };
}

function parseSchedulerState(raw) {
  const s = emptySchedulerState();
  if (!raw || typeof raw !== 'object') return s;
  if (Number.isFinite(raw.lastSlot)) s.lastSlot = raw.lastSlot;
  if (HELD_REASONS.includes(raw.lastSlotHeld)) s.lastSlotHeld = raw.lastSlotHeld;
  if (Array.isArray(raw.ledger)) s.ledger = raw.ledger.filter(Number.isFinite).sort((a, b) => a - b);
  if (Number.isFinite(raw.backoffUntil)) s.backoffUntil = raw.backoffUntil;
  if (Number.isInteger(raw.backoffLevel) && raw.backoffLevel >= 0) s.backoffLevel = raw.backoffLevel;
  if (Number.isInteger(raw.backoffUnavailable) && raw.backoffUnavailable >= 0) s.backoffUnavailable = raw.backoffUnavailable;
  if (typeof raw.backoffBy === 'string' && raw.backoffBy) s.backoffBy = raw.backoffBy;
  for (const kind of REQUEST_KINDS) {
    const w = raw.kindWaits && typeof raw.kindWaits === 'object' ? raw.kindWaits[kind] : null;
    if (w && Number.isFinite(w.until) && Number.isInteger(w.level) && w.level >= 0 && Number.isInteger(w.status) && w.status >= 500) {
      s.kindWaits[kind] = { until: w.until, level: w.level, status: w.status, by: typeof w.by === 'string' && w.by ? w.by : null };
    }
  }
  if (Number.isFinite(raw.lastSent)) s.lastSent = raw.lastSent;
  const sending = raw.sending;
  if (sending && typeof sending.key === 'string' && Number.isFinite(sending.at)) s.sending = { key: sending.key, at: sending.at };
  return s;
}

// Drops ledger entries older than an hour before `now`.
function prune(ledger, now) {
  return ledger.filter((t) => t > now - HOUR_MS);
}

// Reserves the next request slot. Returns {state, at, reason}: `at` is the earliest time the
// request may be sent; `reason` is 'now' | 'pacing' | 'cap' | 'backoff' (what decided `at`).
// Interactive requests (the one instant fetch per profile viewed) skip the pacing gap but
// still count toward the cap and wait out a back-off.
// A fallback request (another endpoint right after one refused) may skip the back-off.
// `kind` (REQUEST_KINDS) also waits out a server error's back-off of that kind; when that wait
// decides, `kindWait` is it ({until, level, status, by}), and the slot pushes no other request
// (it is no pacing slot: the claim before sending keeps the pacing).
export function reserve(state, now, { pacingMs, hourlyCap, interactive = false, skipBackoff = false, kind = null }) {
  const ledger = prune(state.ledger, now);
  let at = now;
  let reason = 'now';
  let kindWait = null;
  if (!interactive && state.lastSlot > 0 && state.lastSlot + pacingMs > at) {
    at = state.lastSlot + pacingMs;
    // Paced behind a slot the cap (or a back-off) pushed ahead: that is what this one waits for.
    reason = state.lastSlot > now && HELD_REASONS.includes(state.lastSlotHeld) ? state.lastSlotHeld : 'pacing';
  }
  if (!skipBackoff && state.backoffUntil > at) { at = state.backoffUntil; reason = 'backoff'; }
  const own = kind ? (state.kindWaits || {})[kind] : null;
  if (!skipBackoff && own && own.until > at) { at = own.until; reason = 'backoff'; kindWait = own; }
  // The cap holds for every rolling hour: the request may go once the entry `cap` places
  // back has left the window.
  const sorted = ledger.slice().sort((a, b) => a - b);
  if (sorted.length >= hourlyCap) {
    const freeAt = sorted[sorted.length - hourlyCap] + HOUR_MS;
    if (freeAt > at) { at = freeAt; reason = 'cap'; }
  }
  sorted.push(at);
  return {
    state: interactive || at < state.lastSlot || (kindWait && reason === 'backoff') ? { ...state, ledger: sorted }
      : { ...state, ledger: sorted, lastSlot: at, lastSlotHeld: HELD_REASONS.includes(reason) ? reason : null },
    at,
    reason,
    ...(kindWait && reason === 'backoff' ? { kindWait } : {}),
  };
}

// Whether an answer of this status (null: a rate limit, 0: no answer) to a request of `kind` backs
// off that kind alone (a server error), not every request.
export const holdsKindAlone = (unavailable, kind) => REQUEST_KINDS.includes(kind) && Number.isInteger(unavailable) && unavailable >= 500;

// The kinds of request (REQUEST_KINDS) a server error's back-off of their own holds at `now`: an
// audit goes on with requests of the other kinds meanwhile (audit.js nextRequest).
export function kindsHeld(state, now) {
  return REQUEST_KINDS.filter((k) => { const w = (state.kindWaits || {})[k]; return !!w && w.until > now; });
}

// Until when requests of `kind` wait (every request's back-off, or that kind's after a server
// error), and why: {until, unavailable (the status, 0 for no answer; null for a rate limit), by}.
export function waitOf(state, kind = null) {
  const own = kind ? (state.kindWaits || {})[kind] : null;
  if (own && own.until > state.backoffUntil) return { until: own.until, unavailable: own.status, by: own.by };
  return { until: state.backoffUntil, unavailable: state.backoffUnavailable, by: state.backoffBy };
}

// The wait a profile's check of `asker` is under at `now` (every request's back-off, or profile
// requests' after a server error), for the popup's "why not checked yet": {retryAt, unavailable,
// during?} (during: the username of the audit that drew it, when another profile's, as heldBy
// says it to the page and badge), or null when none holds it.
export function profileWait(state, now, asker = null) {
  const w = waitOf(state, 'profile');
  if (!(w.until > now)) return null;
  return { retryAt: w.until, unavailable: w.unavailable, ...(w.by && w.by !== asker ? { during: w.by } : {}) };
}

// What held a reserved request back, for what the user is told (reserve()'s {state, reason}
// and the settings it used): {cap} when Fakemeter's own hourly cap did (the number in force,
// settings.hourlyCap), {unavailable} when a back-off after Instagram did not answer did (its
// status, 0 for no answer), nothing for a back-off after a rate limit, the pacing or no wait.
// A back-off drawn by the audit of another profile than `asker`'s adds {during} (that audit's
// username): the request held is not the one Instagram refused, and the user is told whose was.
export function heldBy({ state, reason, kindWait = null }, { hourlyCap }, asker = null) {
  if (reason === 'cap') return { cap: hourlyCap };
  if (reason !== 'backoff') return {};
  const w = kindWait ? { status: kindWait.status, by: kindWait.by } : { status: state.backoffUnavailable, by: state.backoffBy };
  const during = w.by && w.by !== asker ? { during: w.by } : {};
  return { ...(Number.isInteger(w.status) ? { unavailable: w.status } : {}), ...during };
}

// Gives back a slot that was reserved but never used (audit cancelled before it came). A past
// slot stays counted (its request may have gone), unless `unsent`: its request was never claimed,
// so it never went (cancelled while its page waited to send it).
export function release(state, at, now, { unsent = false } = {}) {
  if (!(at > now) && !unsent) return state;
  const ledger = state.ledger.slice();
  const i = ledger.lastIndexOf(at);
  if (i >= 0) ledger.splice(i, 1);
  if (state.lastSlot !== at) return { ...state, ledger };
  return { ...state, ledger, lastSlot: Math.max(0, ...ledger.filter((t) => t <= now)), lastSlotHeld: null };
}

// The wait of back-off `level` (1: the first in a run): BACKOFF_INTERVALS pacings, twice as long at
// each level after, MAX_BACKOFF_MS at most (a refusal's back-off; a profile's own wait after
// Instagram did not give it out, background/unreadable-waits.js).
export const backoffMs = (pacingMs, level) => Math.min(MAX_BACKOFF_MS, pacingMs * BACKOFF_INTERVALS * 2 ** (level - 1));

// A 429 arrived (or Instagram did not answer: `unavailable` is then the HTTP status, 0 for no
// answer at all): back off exponentially. Returns the new state; `backoffUntil` says when
// requests may start again, `backoffUnavailable` whether the wait that decides it came from
// no answer (that status) rather than a rate limit (null), for what the user is told, and
// `backoffBy` the username of the audit whose request drew it (`by`; null for a profile's check).
// A server error (HTTP 5xx) of a request of `kind` (REQUEST_KINDS) backs off that kind alone, as
// far and as fast (its own level): the other kinds go on. Without a kind it holds every request.
export function onRateLimited(state, now, { pacingMs }, unavailable = null, by = null, kind = null) {
  const backoff = (level) => backoffMs(pacingMs, level);
  if (holdsKindAlone(unavailable, kind)) {
    const before = (state.kindWaits || {})[kind];
    const level = (before && now - before.until <= RUN_GAP_MS ? before.level : 0) + 1;
    const until = now + backoff(level);
    // A longer wait already decided stays, with its cause; the level grows all the same.
    const w = before && before.until > until ? { ...before, level }
      : { until, level, status: unavailable, by: typeof by === 'string' && by ? by : null };
    return { ...state, kindWaits: { ...(state.kindWaits || {}), [kind]: w } };
  }
  const level = (now - state.backoffUntil <= RUN_GAP_MS ? state.backoffLevel : 0) + 1;
  const wait = backoff(level);
  const until = now + wait;
  if (until < state.backoffUntil) return { ...state, backoffLevel: level };
  return { ...state, backoffLevel: level, backoffUntil: until, backoffUnavailable: Number.isInteger(unavailable) ? unavailable : null,
           backoffBy: typeof by === 'string' && by ? by : null };
}

// A request went through: the back-off level resets (the wait already served stays), and that of
// its kind's server errors.
export function onSuccess(state, kind = null) {
  const own = kind ? (state.kindWaits || {})[kind] : null;
  const s = own && own.level > 0 ? { ...state, kindWaits: { ...state.kindWaits, [kind]: { ...own, level: 0 } } } : state;
  return s.backoffLevel === 0 ? s : { ...s, backoffLevel: 0 };
}

// The last check before a paced request goes out (slots are handed out ahead of time, and a
// tab's timer may fire late, e.g. in a background tab): it may go only if the previous paced
// request went at least one interval ago, no back-off holds and no other tab's claimed
// request is still on its way out. `key` names the request (audit and request id); the claim
// holds the others until sent() says that request went. Returns {state, go, at}.
export function claim(state, now, { pacingMs }, key, kind = null) {
  const other = state.sending && state.sending.key !== key ? state.sending : null;
  const otherExpired = other && now >= other.at + SEND_CONFIRM_MS;
  // Whenever the other request goes, it goes at `now` or later: nothing can go before now + pacing.
  if (other && !otherExpired) return { state, go: false, at: Math.min(now + pacingMs, other.at + SEND_CONFIRM_MS) };
  // A claim never confirmed counts as sent when it was claimed.
  const last = Math.max(state.lastSent, otherExpired ? other.at : 0);
  const at = Math.max(last > 0 ? last + pacingMs : 0, waitOf(state, kind).until);
  if (now < at) return { state, go: false, at };
  return { state: { ...state, sending: { key, at: now } }, go: true, at: now };
}

// The tab says the claimed request `key` went out (its answer began to arrive, so Instagram has
// it): the next paced request, from any tab, waits a full interval from now. A late or repeated
// confirmation only moves lastSent later, never earlier.
export function sent(state, now, key) {
  const sending = state.sending && state.sending.key === key ? null : state.sending;
  return { ...state, lastSent: Math.max(state.lastSent, now), sending };
}

// An answer to a paced request arrived: the next paced request waits a full interval from
// now, so the gaps Instagram sees never shrink below the pacing (whatever the latency was).
export function noteAnswer(state, now) {
  return now > state.lastSlot ? { ...state, lastSlot: now, lastSlotHeld: null } : state;
}

// The requests the hourly cap counts at `now` (those of the hour before, and slots reserved ahead).
export const countedTimes = (state, now) => prune(state.ledger, now);

// How the hourly cap `cap` holds `requests` more requests, given `times` (countedTimes, read
// earlier: those that have aged out since no longer count): null when it leaves room for all of
// them now, else {left, until}: `left` go at the pacing, and the last of the rest goes no sooner
// than `until`, when as many counted ones have aged out (null when they alone are more than the cap:
// over an hour). The plan said "about 1 minute" of an audit the cap then held for most of an hour.
export function capHold(times, cap, requests, now) {
  const counted = times.filter((t) => t > now - HOUR_MS).sort((a, b) => a - b);
  const left = Math.max(0, cap - counted.length);
  if (requests <= left) return null;
  const extra = requests - left;
  return { left, until: extra <= counted.length ? counted[extra - 1] + HOUR_MS : null };
}

// Requests counted in the hour before `now`.
export function usedInLastHour(state, now) {
  return prune(state.ledger, now).filter((t) => t <= now).length;
}
