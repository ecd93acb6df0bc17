// The overlay's states (loading, private, rate-limited, ...) as messages and as status nodes
// (part="state", data-state=<state>), shared by the badge and the panel.
import { el } from './dom.js';

const STATE_KEYS = {
  loading: 'stateLoading', private: 'statePrivate', no_posts: 'stateNoPosts', posts_unavailable: 'statePostsUnavailable',
  hidden_likes: 'stateHiddenLikes', logged_out: 'stateLoggedOut', not_found: 'stateNotFound', changed: 'stateChanged',
  engine_failed: 'stateEngineFailed', challenge: 'stateChallenge', storage_full: 'stateStorageFull',
  new_account: 'stateNewAccount', insufficient: 'stateInsufficient', idle: 'stateIdle',
};

export function stateMessage(t, state, retryAt = null) {
  if (state === 'rate_limited') {
    return retryAt ? t('stateRateLimitedUntil', new Date(retryAt).toLocaleTimeString()) : t('stateRateLimited');
  }
  return t(STATE_KEYS[state] || 'stateChanged');
}

// A status node; `text` overrides the state's own message, `short` uses its chip label.
export function stateNode(t, state, { retryAt = null, short = false, text = null } = {}) {
  return el('span', { part: 'state', 'data-state': state, class: `state state-${state}`, role: 'status' },
            text ?? (short ? t(`chip_${state}`) : stateMessage(t, state, retryAt)));
}
