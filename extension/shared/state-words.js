// The overlay's states in words (the badge, the panel and the popup say them alike): pure text
// from the translator `t`, no DOM, so the popup can use them as the content script does.
import { clockTime } from './format.js';
import { messageKey } from './words.js';
const STATE_KEYS = {
  loading: 'stateLoading', private: 'statePrivate', no_posts: 'stateNoPosts', posts_unavailable: 'statePostsUnavailable',
  hidden_likes: 'stateHiddenLikes', logged_out: 'stateLoggedOut', not_found: 'stateNotFound', changed: 'stateChanged',
  engine_failed: 'stateEngineFailed', challenge: 'stateChallenge', storage_full: 'stateStorageFull',
  new_account: 'stateNewAccount', insufficient: 'stateInsufficient', idle: 'stateIdle', outdated: 'stateOutdated',
  // A name the account no longer has (its new one, when known, is said: i18n.js renamedText).
  renamed: 'stateRenamedMoved',
};

// A wait to retry after (state 'rate_limited'): Instagram asked to slow down, or, with
// `unavailable` (the HTTP status; 0 for no answer at all), it did not answer (same back-off,
// but the user is told which); or, with `cap` (its number), Fakemeter's own hourly cap holds
// the request back: no word from Instagram at all. With `tries` (how many were made), the
// instant check gave up retrying: no time is promised, only the next visit, or, with `manual`
// (automatic checks switched off, so a visit checks nothing by itself), a check by hand. With
// `during` (a username), the wait was drawn by the audit of that profile, not by this check.
export function stateMessage(t, state, retryAt = null, unavailable = null, cap = null, tries = null, manual = false, during = null) {
  // The profile on the page, its data not given out (restricted, age-gated, region, a rate limit):
  // when it is tried again, or (`tries`: no longer retried) that the next visit does.
  if (state === 'unreadable') return retryAt && !Number.isInteger(tries) ? t('stateUnreadableUntil', clockTime(retryAt, t.lang)) : t('stateUnreadable');
  if (state !== 'rate_limited') return t(STATE_KEYS[state] || 'stateChanged');
  if (Number.isInteger(tries)) return stoppedMessage(t, unavailable, tries, manual ? 'Manual' : '');
  const time = retryAt ? clockTime(retryAt, t.lang) : null;
  if (time && typeof during === 'string' && during && !Number.isInteger(cap)) return duringMessage(t, time, unavailable, during);
  return waitMessage(t, time, unavailable, cap);
}

// Why an audit asked for could not start: a result stored by an earlier version has no account id,
// the profile is read again for it, and that read failed (`failed`: its answer, {unavailable,
// retryAt}). A server error is said with its status and when to try again; anything else as the
// id not read just now (the badge says the rest: a wait, a login). The audit was skipped unsaid.
export function auditNotStartedMessage(t, failed) {
  const status = failed && Number.isInteger(failed.unavailable) && failed.unavailable >= 500 ? failed.unavailable : null;
  if (status === null) return t('auditNotStarted');
  return failed.retryAt ? t('auditNotStartedServerUntil', status, clockTime(failed.retryAt, t.lang)) : t('auditNotStartedServer', status);
}

// A server error's wait of one kind of an audit's requests alone (`of`: page, likers, comments,
// profile): which part waits, and whether the audit goes on with the rest meanwhile or has nothing
// else it can read before. "Instagram is not answering right now" said of the whole audit while
// its other requests were being answered.
export function partWaitMessage(t, of, unavailable, retryAt, meanwhile) {
  const time = clockTime(retryAt, t.lang);
  return t(`stateUnavailablePart${meanwhile ? '' : 'Last'}_${of}`, unavailable, time);
}

// The badge's words for a state whose sentence is too long for it, or null (the badge then says
// the sentence): the badge sits beside the follower count, often in a narrow header, where a
// sentence of the panel ("Could not read this profile: Instagram answered without its data …",
// 266 characters) stood as a column of a dozen lines. The sentence stays in the badge's tooltip,
// its screen-reader label and the panel. A report's states say what the engine's badge says of
// them; a check held by another profile's audit, "Waiting until 14:05 (another profile's audit)".
// At most 48 characters in every language (tests/js/badge-length.test.mjs).
export function badgeStateShort(t, state, { retryAt = null, unavailable = null, cap = null, tries = null, during = null } = {}) {
  if (REPORT_STATES.includes(state)) return t(messageKey(`badge.state_${state}`));
  if (Object.hasOwn(SHORT_KEYS, state)) return t(SHORT_KEYS[state]);
  const time = retryAt && !Number.isInteger(tries) ? clockTime(retryAt, t.lang) : null;
  if (state === 'unreadable') return time ? t('badgeUnreadableUntil', time) : t('badgeUnreadable');
  if (state !== 'rate_limited') return null;
  if (Number.isInteger(tries)) {
    if (!Number.isInteger(unavailable)) return t('badgeRateLimitedStopped');
    return unavailable === 0 ? t('badgeNoConnectionStopped') : t('badgeUnavailableStopped', unavailable);
  }
  if (Number.isInteger(cap)) return time ? t('badgeOwnLimitUntil', time) : t('badgeOwnLimit');
  if (time && typeof during === 'string' && during) return t('badgeHeldDuring', time);
  if (!Number.isInteger(unavailable)) return time ? t('badgeRateLimitedUntil', time) : t('badgeRateLimited');
  if (unavailable === 0) return time ? t('badgeNoConnectionUntil', time) : t('badgeNoConnection');
  return time ? t('badgeUnavailableUntil', unavailable, time) : t('badgeUnavailable', unavailable);
}

// A reading of the page's counts alone: why, as the badge says it short (roughStateMessage's
// sentence in its tooltip). "Not answering" without Instagram's status when a stored reading lost it.
export function roughStateShort(t, why, retry = null) {
  const r = retry || {};
  const unavailable = Number.isInteger(r.unavailable) ? r.unavailable : null;
  if (why.cause === 'unavailable' && unavailable === null) return t('badgeNotAnswering');
  return badgeStateShort(t, why.state, { retryAt: r.retryAt || null, unavailable, tries: Number.isInteger(r.tries) ? r.tries : null });
}

// States a report can be in: the engine's badge words for them ("Private account: no instant check").
const REPORT_STATES = ['private', 'no_posts', 'posts_unavailable', 'hidden_likes', 'new_account', 'insufficient'];
const SHORT_KEYS = { logged_out: 'badgeLoggedOut', changed: 'badgeChanged', engine_failed: 'badgeEngineFailed',
                     challenge: 'badgeChallenge', storage_full: 'badgeStorageFull', outdated: 'badgeOutdated' };

// A wait another profile's audit drew ("Instagram asked Fakemeter to slow down during the audit of
// @x; this check waits and starts by itself at 14:05"): the profile in view was never refused.
function duringMessage(t, time, unavailable, during) {
  if (!Number.isInteger(unavailable)) return t('stateRateLimitedDuringUntil', during, time);
  if (unavailable === 0) return t('stateNoConnectionDuringUntil', during, time);
  return t('stateUnavailableDuringUntil', unavailable, during, time);
}

// The overlay state that says why a reading rests on the page's counts, for its cause (history.js
// ROUGH_CAUSES): {state, cause}, or null when the cause is unknown (an entry saved before causes
// were kept).
export function roughState(cause) {
  switch (cause) {
    case 'logged_out': return { state: 'logged_out' };
    case 'rate_limited': return { state: 'rate_limited', cause: 'rate_limited' };
    case 'unavailable': return { state: 'rate_limited', cause: 'unavailable' };
    default: return null;
  }
}

// Why a reading rests on the page's counts (roughState's {state, cause}), said as that state is:
// "log in", or the wait with `retry` ({retryAt, unavailable, tries, manual}: when the full check
// is tried again, or that it no longer is). A stored reading keeps its cause but not Instagram's
// status: "not answering" is then said without it.
export function roughStateMessage(t, why, retry = null) {
  const r = retry || {};
  const unavailable = Number.isInteger(r.unavailable) ? r.unavailable : null;
  if (why.cause === 'unavailable' && unavailable === null) return t('stateNotAnswering');
  return stateMessage(t, why.state, r.retryAt || null, unavailable, null, Number.isInteger(r.tries) ? r.tries : null, !!r.manual);
}

function stoppedMessage(t, unavailable, tries, how) {
  if (!Number.isInteger(unavailable)) return t(`stateRateLimitedStopped${how}`, tries);
  if (unavailable === 0) return t(`stateNoConnectionStopped${how}`, tries);
  return t(`stateUnavailableStopped${how}`, unavailable, tries);
}

function waitMessage(t, time, unavailable, cap) {
  if (Number.isInteger(cap)) return time ? t('stateOwnLimitUntil', cap, time) : t('stateOwnLimit', cap);
  if (!Number.isInteger(unavailable)) return time ? t('stateRateLimitedUntil', time) : t('stateRateLimited');
  if (unavailable === 0) return time ? t('stateNoConnectionUntil', time) : t('stateNoConnection');
  return time ? t('stateUnavailableUntil', unavailable, time) : t('stateUnavailable', unavailable);
}
