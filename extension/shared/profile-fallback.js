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

// Whether a "not found" answer (classifyProfileAnswer's {state: 'not_found', userNull?}) leaves the
// profile unread rather than gone, its stored reading kept as it is: anything but web_profile_info
// itself saying the user does not exist. users/<id>/info is only asked after web_profile_info
// refused for now or did not give the profile out (triesUserInfo), and its 404 then is no proof
// the profile is gone (asked by an id, during a rate limit, or of a profile the page shows);
// web_profile_info's user:null is none either where the page shows the profile. Its 404, or its
// user:null on Instagram's "this page isn't available", still is.
export function notFoundIsUnread(endpoint, answer, pageShowsProfile) {
  if (!answer || answer.state !== 'not_found') return false;
  return endpoint === 'users_info' || (answer.userNull === true && pageShowsProfile === true);
}

// What the check ends with after the fallback answered `second`: its report when it gave one;
// else, after a refusal, the last refusal (its wait is the one to keep), or the first one (at the
// later back-off when the fallback could not read the profile either: notFoundIsUnread);
// after an unreadable answer, still unreadable (never "does not exist", whatever the fallback
// said), retried at the later of the two back-offs.
export function keptAfterFallback(first, second) {
  if (second && second.report) return second;
  const times = [first.retryAt, second && second.retryAt].filter(Number.isFinite);
  if (first.state === 'rate_limited') {
    if (second && second.state === 'rate_limited') return second;
    if (!second || second.state !== 'unreadable') return first;
  }
  return { ...first, retryAt: times.length ? Math.max(...times) : first.retryAt };
}
