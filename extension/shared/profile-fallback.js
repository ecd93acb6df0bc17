// When the instant check goes on from web_profile_info to Instagram's other profile endpoint,
// users/<id>/info (flat fields, no posts), and what is kept when that fails too. Pure rules for
// content/main.js askInstant; the answers are instant.analyze's ({report} | {state, retryAt?, ...}).

// web_profile_info's answers worth a second endpoint: a refusal for now ("wait", "useragent
// mismatch", a server error), and {"data":{"user":null}} on a page that shows the profile
// ('unreadable': restricted, age-gated, blocked in the region, or a rate limit in disguise), which
// users/<id>/info may answer in full where the block was web_profile_info's alone (not confirmed
// against the live site: one request more on a profile that is unread otherwise).
const FALLS_BACK = new Set(['rate_limited', 'unreadable']);

// Whether to ask users/<id>/info after `first`, the account's id being `id` (null: unknown).
export function triesUserInfo(first, id) {
  return typeof id === 'string' && id !== '' && !!first && !first.report && FALLS_BACK.has(first.state);
}

// What the check ends with after the fallback answered `second`: its report when it gave one;
// else, after a refusal, the last refusal (its wait is the one to keep), or the first one;
// after an unreadable answer, still unreadable (never "does not exist", whatever the fallback
// said), retried at the later of the two back-offs.
export function keptAfterFallback(first, second) {
  if (second && second.report) return second;
  if (first.state === 'rate_limited') return second && second.state === 'rate_limited' ? second : first;
  const times = [first.retryAt, second && second.retryAt].filter(Number.isFinite);
  return { ...first, retryAt: times.length ? Math.max(...times) : first.retryAt };
}
