// The overlay's states (loading, private, rate-limited, ...) as messages and as status nodes
// (part="state", data-state=<state>), shared by the badge and the panel.
import { el } from './dom.js';

const STATE_KEYS = {
  loading: 'stateLoading', private: 'statePrivate', no_posts: 'stateNoPosts', posts_unavailable: 'statePostsUnavailable',
  hidden_likes: 'stateHiddenLikes', logged_out: 'stateLoggedOut', not_found: 'stateNotFound', changed: 'stateChanged',
  engine_failed: 'stateEngineFailed', challenge: 'stateChallenge', storage_full: 'stateStorageFull',
  new_account: 'stateNewAccount', insufficient: 'stateInsufficient', idle: 'stateIdle',
};

// A wait to retry after (state 'rate_limited'): Instagram asked to slow down, or, with
// `unavailable` (the HTTP status; 0 for no answer at all), it did not answer. Same back-off,
// but the user is told which.
export function stateMessage(t, state, retryAt = null, unavailable = null) {
  if (state === 'rate_limited') return waitMessage(t, retryAt ? new Date(retryAt).toLocaleTimeString() : null, unavailable);
  return t(STATE_KEYS[state] || 'stateChanged');
}

function waitMessage(t, time, unavailable) {
  if (!Number.isInteger(unavailable)) return time ? t('stateRateLimitedUntil', time) : t('stateRateLimited');
  if (unavailable === 0) return time ? t('stateNoConnectionUntil', time) : t('stateNoConnection');
  return time ? t('stateUnavailableUntil', unavailable, time) : t('stateUnavailable', unavailable);
}

// A status node; `text` overrides the state's own message, `short` uses its chip label.
export function stateNode(t, state, { retryAt = null, unavailable = null, short = false, text = null } = {}) {
  return el('span', { part: 'state', 'data-state': state, class: `state state-${state}`, role: 'status' },
            text ?? (short ? t(`chip_${state}`) : stateMessage(t, state, retryAt, unavailable)));
}
