// The overlay's states (loading, private, rate-limited, ...) as status nodes (part="state",
// data-state=<state>), shared by the badge and the panel; their words: shared/state-words.js.
import { el } from './dom.js';
import { waitCause } from '../shared/instant-retry.js';
import { stateMessage, partWaitMessage } from '../shared/state-words.js';

// The wait an audit's progress shows, {retryAt, unavailable, cap} (null when none): the later of
// its own back-off (progress.retryAt, after Instagram refused or did not answer) and the slot
// its next request waits for (`waitUntil`, with what held it, `held`: scheduler.heldBy), said
// for whichever of the two decides it. A server error's wait of one kind of request alone
// (progress.retryOf) adds {of}, and {meanwhile: true} unless the next request (`kind`, the step's)
// is of that kind: the audit goes on with the rest, and is not paused.
export function auditWait(progress, { waitUntil = null, held = null, kind = null } = {}) {
  const retryAt = progress.retryAt || 0;
  const slot = waitUntil || 0;
  if (!retryAt && !slot) return null;
  const of = progress.retryOf || null;
  if (of && retryAt >= slot) return { retryAt, unavailable: progress.retryUnavailable ?? null, cap: null, of, meanwhile: kind !== of };
  if (retryAt >= slot) return { retryAt, unavailable: progress.retryUnavailable ?? null, cap: null };
  return { retryAt: slot, unavailable: held && Number.isInteger(held.unavailable) ? held.unavailable : null,
           cap: held && Number.isInteger(held.cap) ? held.cap : null };
}

// A status node; `text` overrides the state's own message, `short` uses its chip label. A wait
// also says, for machines, what it is (data-cause: cap, no_connection, unavailable,
// rate_limited; `cause` overrides) and, while a retry is due, when (data-retry-at, ms: also of a
// profile left unread, whose retry is its own wait's end).
export function stateNode(t, state, { retryAt = null, unavailable = null, cap = null, tries = null, manual = false,
                                      cause = null, short = false, text = null, during = null, of = null, meanwhile = false } = {}) {
  // A wait of one kind of an audit's requests alone (auditWait): said as that part's.
  if (state === 'rate_limited' && of && retryAt && Number.isInteger(unavailable) && !text && !short) {
    text = partWaitMessage(t, of, unavailable, retryAt, meanwhile);
  }
  // No live region of its own: the badge and panel are drawn afresh at each change, and what is
  // to be heard is said once in the badge's live region (overlay.js).
  const attrs = { part: 'state', 'data-state': state, class: `state state-${state}` };
  if (state === 'rate_limited') {
    attrs['data-cause'] = cause || waitCause({ unavailable, cap });
  }
  if ((state === 'rate_limited' || state === 'unreadable') && retryAt && !Number.isInteger(tries)) attrs['data-retry-at'] = String(retryAt);
  return el('span', attrs, text ?? (short ? t(`chip_${state}`) : stateMessage(t, state, retryAt, unavailable, cap, tries, manual, during)));
}
