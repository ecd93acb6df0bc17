// The audit as a pure state machine, so the background can persist it after every step and a
// restarted service worker resumes it exactly. It samples the accounts Instagram shows around
// a profile, each source measured on its own:
//   followers  - the followers list, newest first, page by page (lite records), until the
//                planned pages, the list's end, or Instagram's limit flag (a short list);
//   likers     - who liked each of the most recent posts (one answer per post);
//   commenters - who commented on them (the newest comments page per post; the comment
//                objects are kept with the audit). When the user has switched on the comment
//                analysis (settings.auditComments), the comments of the newest COMMENT_POSTS
//                posts are read, and what they say is judged once they are in (see
//                comment-document.js and the background's comment analysis);
//   profiles   - per source, a random few of the listed accounts fetched in full (an account
//                fetched for one source serves the others free).
// The background turns Instagram answers into outcomes (see applyOutcome) and asks
// nextRequest() what to fetch; a request handed out stays "pending" until its answer arrives,
// and asking again returns the same one, so a lost reply never costs a request. No audit ever
// makes more requests than its budget.

import { followersUrl, profileInfoUrl, userInfoUrl, likersUrl, commentsUrl, FOLLOWERS_PAGE_SIZE } from './instagram.js';

// Tries of one post's list or one account before it is given up as unreadable (applyOutcome).
export const MAX_ITEM_TRIES = 3;
// Server errors (HTTP 5xx) of one kind of request in a row, from any audit (the scheduler's
// back-off level of that kind), after which an audit gives that kind up (applyOutcome): a post's
// list (likers, comments) gives its source up, its posts not read yet not asked for; a followers
// page ends the list with what was read (endFollowersList); an account's profile fetched in full
// ends the full checks, the estimates resting on the accounts checked before (giveUpProfiles). A post's list answering 5xx goes behind the other
// posts at its first and is given up at its second; the kind's back-off (20 pacing intervals,
// doubling) holds each try, so Instagram is not hammered, and these counts, not a clock, bound
// what the audit waits for a list Instagram keeps refusing: at most two back-offs (30 s and 60 s
// at the default pacing, while the rest is read), against 13 minutes and more before.
export const KIND_SERVER_ERRORS = 3;
export const AUDIT_PREFIX = 'audit:';
export const AUDIT_VERSION = 2;
export const SOURCES = ['followers', 'likers', 'commenters'];
export const STOP_REASONS = ['logged_out', 'challenge', 'private', 'list_refused', 'changed', 'not_found'];
const LIST_PHASES = { followers: 'likers', likers: 'commenters', commenters: 'profiles' };
// Posts whose comments are read when the comment analysis is on: recurring commenters need 3
// posts with comments at the least, and with 3 a few loyal customers already look like a pod;
// simulated pods and suggested-comment networks are told from organic sections at 6.
export const COMMENT_POSTS = 6;

// Small seeded PRNG (mulberry32): the subsamples are reproducible from the stored seed.
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const countOrNull = (v) => (Number.isSafeInteger(v) && v >= 0 ? v : null);

// The recent posts an audit reads engagers of: the newest `n` with a media id and something
// to list (a like count above 0 or hidden; comments above 0, and not switched off: such a post
// keeps the count of before, and its list answers nothing). A post whose comments are read
// keeps its likes and when it was posted (takenAt, unix seconds) for the comment analysis.
// Pinned posts are never read: Instagram shows them first whatever their age (often old hits),
// so their likers are no recent audience. The profile's own posts go first; a collaboration's
// likers and commenters come from the partner's audience too, so one is read only where the own
// posts are too few, and keeps `collab` for the panel to say so.
function postsFor(posts, n, key) {
  const usable = (Array.isArray(posts) ? posts : [])
    .filter((p) => p && typeof p.id === 'string' && p.pinned !== true
      && (key === 'likes' ? p.likes !== 0 : p.comments > 0 && p.commentsDisabled !== true));
  return [...usable.filter((p) => p.collab !== true), ...usable.filter((p) => p.collab === true)]
    .slice(0, n)
    .map((p) => ({ ...(key === 'likes' ? { id: p.id, count: countOrNull(p.likes) }
      : { id: p.id, count: countOrNull(p.comments), likes: countOrNull(p.likes), takenAt: countOrNull(p.takenAt) }),
                   ...(p.collab === true ? { collab: true } : {}) }));
}

// Which posts the read ones passed over, for the plan and the rows to say (they would read "the
// last 3 posts" otherwise): the pinned posts (the grid's top, never read) and the collaborations
// newer than the oldest post read (the profile's own went first). Zero of each when nothing is read.
function leftOutOf(posts, media) {
  const list = Array.isArray(posts) ? posts.filter((p) => p && typeof p.id === 'string') : [];
  if (!media.length) return { pinned: 0, collab: 0 };
  const read = new Set(media.map((m) => m.id));
  const last = Math.max(...list.map((p, i) => (read.has(p.id) ? i : -1)));
  return { pinned: list.filter((p) => p.pinned === true).length,
           collab: list.filter((p, i) => i < last && p.pinned !== true && p.collab === true && !read.has(p.id)).length };
}

// How many recent posts' comments an audit reads.
export function commentPostsOf(settings) {
  return settings.auditComments ? Math.max(settings.auditPosts, COMMENT_POSTS) : settings.auditPosts;
}

// What an audit with these settings will read on a profile with these recent posts (each
// {id, likes, comments, takenAt?, commentsDisabled?, pinned?, collab?}): {followers: {pages, full}, likers: {posts, full},
// commenters: {posts, full}, comments (whether what the comments say is judged), requests,
// budget}. `requests` is the most it can take (every page planned and every pick fetched); the
// budget caps it whatever happens.
// The plan fits the budget: the sizes asked for that it cannot pay for are cut, follower pages
// beyond the first before anything else (the accounts checked in full narrow the interval far
// more than a longer list: EVALUATION.md), then the full checks (commenters', likers', then
// followers'), then the posts. Before, the phases spent the budget in order, so a long list
// left nothing for the full checks the plan had promised. `asked` (null when nothing was cut)
// keeps what the settings asked for, for the plan's words.
// A known follower count caps the pages and the checks (a profile of 1 follower was planned 4
// pages and 23 checks, and one of none an audit of followers at all); so do the posts' known like
// and comment counts their checks. `seen` keeps what the plan was made on, for its words: the
// recent posts given and how many the options ask to read.
// `followersRefused` (the stop reason of an audit Instagram refused the followers list: private,
// list_refused): the plan reads the posts' engagers alone, the list being refused for now.
export function auditPlan(settings, posts, followerCount = null, { followersRefused = null } = {}) {
  const likers = postsFor(posts, settings.auditPosts, 'likes');
  const commenters = postsFor(posts, commentPostsOf(settings), 'comments');
  const followers = followersRefused ? 0 : countOrNull(followerCount);
  const upTo = (n, cap) => (cap === null ? n : Math.min(n, cap));
  // The most accounts the posts' lists can name, or null when a count is hidden or unknown.
  const named = (media) => (media.every((m) => m.count !== null) ? sum(media.map((m) => m.count)) : null);
  const plan = {
    followers: { pages: upTo(Math.max(1, Math.ceil(settings.auditListSize / FOLLOWERS_PAGE_SIZE)),
                             followers === null ? null : Math.ceil(followers / FOLLOWERS_PAGE_SIZE)),
                 full: upTo(settings.auditFullSize, followers) },
    likers: { posts: likers.length, full: likers.length ? upTo(settings.auditEngagersFull, named(likers)) : 0 },
    commenters: { posts: commenters.length, full: commenters.length ? upTo(settings.auditEngagersFull, named(commenters)) : 0 },
    comments: settings.auditComments === true,
    budget: settings.auditBudget,
    // Pinned posts are no recent posts: a profile of pinned posts alone has none to read.
    seen: { posts: Array.isArray(posts) ? posts.filter((p) => p && p.pinned !== true).length : 0, postsAsked: commentPostsOf(settings) },
    followersRefused: followersRefused || null,
  };
  const fullOf = (p) => p.followers.full + p.likers.full + p.commenters.full;
  const asked = { pages: plan.followers.pages, full: fullOf(plan), posts: plan.likers.posts + plan.commenters.posts };
  const total = () => plan.followers.pages + plan.likers.posts + plan.commenters.posts + fullOf(plan);
  const cut = (obj, key, floor = 0) => { obj[key] -= Math.max(0, Math.min(total() - plan.budget, obj[key] - floor)); };
  cut(plan.followers, 'pages', 1);
  for (const src of ['commenters', 'likers', 'followers']) cut(plan[src], 'full');
  for (const src of ['commenters', 'likers']) {
    cut(plan[src], 'posts');
    if (!plan[src].posts) plan[src].full = 0;
  }
  const trimmed = plan.followers.pages < asked.pages || fullOf(plan) < asked.full;
  const media = { likers: likers.slice(0, plan.likers.posts), commenters: commenters.slice(0, plan.commenters.posts) };
  return { ...plan, requests: Math.min(total(), plan.budget), asked: trimmed ? asked : null, pacingMs: settings.pacingMs,
           hourlyCap: settings.hourlyCap,
           media, leftOut: { likers: leftOutOf(posts, media.likers), commenters: leftOutOf(posts, media.commenters) } };
}

// Why the profile's own data was not read when the audit started, as kept and shown: {status}
// (the HTTP status, or null), or null when it was read.
const ownProfileUnreadOf = (v) => (v ? { status: Number.isInteger(v.status) ? v.status : null } : null);

// `followersRefused`: an audit of the posts' engagers alone, after Instagram refused the followers
// list (that stop reason, kept as followers.refused: the panel and the badge say it and offer no
// audit of the followers but trying the list again).
// `ownProfileUnread` ({status}: the HTTP status, null when Instagram did not answer, or asked to
// slow down): the profile's own data (web_profile_info, then users/<id>/info) could not be read when
// the audit started, from a result kept without its posts: the audit goes on with the followers
// alone, its rows saying why the likers and commenters are not read (it started so without a word).
export function newAudit({ username, userId, isPrivate, followerCount, posts, settings, now, seed, followersRefused = null,
                          ownProfileUnread = null }) {
  const plan = auditPlan(settings, posts, followerCount, { followersRefused });
  return {
    ...(ownProfileUnread ? { ownProfileUnread: ownProfileUnreadOf(ownProfileUnread) } : {}),
    v: AUDIT_VERSION,
    username,
    userId,
    isPrivate,
    status: 'running',            // running | paused | done | cancelled | stopped
    phase: 'followers',           // followers | likers | commenters | profiles | done
    stopReason: null,             // one of STOP_REASONS when status is 'stopped'
    stopDetail: null,
    budget: plan.budget,
    budgetReached: false,
    profileEndpoint: 'web_profile_info',  // users_info once web_profile_info rate-limits
    followers: { pagesTarget: plan.followers.pages, pagesDone: 0, cursor: null, ended: false, limited: false,
                 population: countOrNull(followerCount), fullTarget: plan.followers.full,
                 lite: [], skipped: 0, ...(followersRefused ? { refused: followersRefused } : {}) },
    // skipped: list entries the adapter could not read and left out (lists.js), said in the report.
    // leftOut: the pinned posts and collaborations the posts read passed over (auditPlan), said in the rows.
    likers: { media: plan.media.likers, done: 0, fullTarget: plan.likers.full, lite: [], skipped: 0, leftOut: plan.leftOut.likers },
    commenters: { media: plan.media.commenters, done: 0, fullTarget: plan.commenters.full, lite: [], comments: [],
                  skipped: 0, leftOut: plan.leftOut.commenters },
    // The comment analysis (when switched on at the start): the engine's report on what the
    // comments say, or its error, and when it was made.
    commentAnalysis: plan.comments ? { report: null, error: null, at: null } : null,
    picks: { followers: null, likers: null, commenters: null },  // usernames to fetch in full
    full: {},                     // username -> full account record (shared by the sources)
    failed: [],                   // picks whose profile could not be read
    requests: 0,                  // answers received from Instagram (each one a request made)
    rateLimited: 0,
    nextId: 1,
    pending: null,                // {id, kind, url, target, source, at, held}
    retryAt: null,                // set while waiting out a rate limit
    retryUnavailable: null,       // and the HTTP status (0: no answer) when Instagram did not answer
    retryOf: null,                // and the request kind it holds alone (a server error's), the rest going on
    seed: seed >>> 0,
    // Latest report per source; the followers' is the audience the headline uses (auditView's
    // `estimate`: not stored apart, a 4 kB copy rewritten with each answer).
    estimates: { followers: null, likers: null, commenters: null },
    report: null,                 // the latest combined profile report
    startedAt: now,
    updatedAt: now,
  };
}

// Pages the followers list did not need (it ended, or Instagram's limit flag cut it short after
// one page) go to more of its followers fetched in full: the followers are the audience the
// headline answers for, a short list leaves their estimate resting on a few full records, and the
// audit still makes no more requests than its plan announced. Not when the settings fetch none.
function withSparePages(s) {
  const f = s.followers;
  const spare = Math.max(0, f.pagesTarget - f.pagesDone);
  if (!spare || !f.fullTarget || s.picks.followers) return s;
  return { ...s, followers: { ...f, fullTarget: f.fullTarget + spare } };
}

function choosePicks(state, source) {
  const names = [...new Set(state[source].lite.map((r) => r.username))];
  const rand = prng(state.seed + SOURCES.indexOf(source) * 0x9e3779b9);
  // Fisher-Yates over a copy, then the first fullTarget names.
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [names[i], names[j]] = [names[j], names[i]];
  }
  return names.slice(0, Math.min(state[source].fullTarget, names.length));
}

function profileRequest(s, source, username) {
  const rec = s[source].lite.find((r) => r.username === username);
  const byId = s.profileEndpoint === 'users_info' && rec && rec.pk;
  return { kind: 'profile', source, target: username, url: byId ? userInfoUrl(rec.pk) : profileInfoUrl(username),
           endpoint: byId ? 'users_info' : 'web_profile_info' };
}

// The next request of the current phase, or null when that phase has nothing left.
function requestOf(s) {
  if (s.phase === 'followers') {
    const f = s.followers;
    if (f.pagesDone >= f.pagesTarget || f.ended) return null;
    return { kind: 'page', source: 'followers', target: s.username, url: followersUrl(s.userId, f.cursor) };
  }
  if (s.phase === 'likers' || s.phase === 'commenters') {
    const src = s[s.phase];
    if (src.done >= src.media.length) return null;
    const id = src.media[src.done].id;
    return s.phase === 'likers' ? { kind: 'likers', source: 'likers', target: id, url: likersUrl(id) }
                                : { kind: 'comments', source: 'commenters', target: id, url: commentsUrl(id) };
  }
  if (s.phase === 'profiles' && !s.profilesGivenUp) {
    for (const source of SOURCES) {
      const todo = s.picks[source].find((u) => !s.full[u] && !s.failed.includes(u));
      if (todo) return profileRequest(s, source, todo);
    }
  }
  return null;
}

// Whether a source's list is read to its end (its posts read or given up; the followers' pages).
function listRead(s, source) {
  if (source === 'followers') return s.followers.pagesDone >= s.followers.pagesTarget || s.followers.ended;
  return s[source].done >= s[source].media.length;
}

// A request that can go while the current phase's requests are `held` (request kinds Instagram's
// server errors hold alone, scheduler.js kindWaits): {state, request} or null. The lists of later
// phases, then the full checks of the sources whose lists are read (their picks drawn now, as
// they would be later: from the same list and seed). One post's likers answering 500 held the
// whole audit, the waits doubling, while the comments and the follower accounts could be read.
function aheadOf(s, held) {
  const lists = ['followers', 'likers', 'commenters'];
  const at = lists.indexOf(s.phase);
  for (const phase of at < 0 ? [] : lists.slice(at + 1)) {
    const r = requestOf({ ...s, phase });
    if (r && !held.includes(r.kind)) return { state: s, request: r };
  }
  if (held.includes('profile') || s.profilesGivenUp) return null;
  let t = s;
  for (const source of SOURCES) {
    if (!listRead(t, source)) continue;
    if (!t.picks[source]) {
      if (source === 'followers') t = withSparePages(t);
      t = { ...t, picks: { ...t.picks, [source]: choosePicks(t, source) } };
    }
    const todo = t.picks[source].find((u) => !t.full[u] && !t.failed.includes(u));
    if (todo) return { state: t, request: profileRequest(t, source, todo) };
  }
  return null;
}

// What to fetch next: {state, request} with request {id, kind, source, url, target}, or
// {state, request: null} when the audit has nothing more to fetch (state tells why).
// `held`: the request kinds ('page', 'likers', 'comments', 'profile') a server error holds alone
// for now: the audit goes on with requests of the other kinds meanwhile, and comes back to the held
// one when its wait ends. A pending request of a held kind no page has claimed is put back
// (`putBack`: its slot is the caller's to give back) when another can go instead.
export function nextRequest(state, { held = [] } = {}) {
  if (state.status !== 'running') return { state, request: null };
  const give = (s, r) => {
    const request = { id: s.nextId, ...r };
    return { state: { ...s, nextId: s.nextId + 1, pending: request }, request };
  };
  if (state.pending) {
    const other = !state.pending.claim && held.includes(state.pending.kind) ? aheadOf({ ...state, pending: null }, held) : null;
    if (!other) return { state, request: state.pending };
    return { ...give(other.state, other.request), putBack: state.pending };
  }
  let s = state;
  if (s.requests >= s.budget) return { state: { ...s, phase: 'done', status: 'done', budgetReached: true }, request: null };
  for (;;) {
    const r = requestOf(s);
    if (r) {
      const other = held.includes(r.kind) ? aheadOf(s, held) : null;
      return other ? give(other.state, other.request) : give(s, r);
    }
    if (s.phase === 'profiles' || s.phase === 'done') return { state: { ...s, phase: 'done', status: 'done' }, request: null };
    s = { ...s, phase: LIST_PHASES[s.phase] };
    if (s.phase === 'profiles') {
      s = withSparePages(s);
      s = { ...s, picks: Object.fromEntries(SOURCES.map((src) => [src, s.picks[src] || choosePicks(s, src)])) };
    }
  }
}

// Records when a pending request may go (from the scheduler), and what held it back that long
// (scheduler.heldBy: {cap} | {unavailable} | {}), kept with it so a request handed out again
// after a worker restart still says why it waits.
export function setPendingTime(state, at, held = {}) {
  return state.pending ? { ...state, pending: { ...state.pending, at, held } } : state;
}

// Which page may send the pending request. The same profile open in two tabs runs the audit's
// loop in both, and both are handed the same pending request: only the page that first claimed
// it sends it (`holder`: the tab and frame), and the other waits for its answer (it then finds
// the request answered and goes on to the next). A holder that never reports back (its tab
// closed mid-request) loses the claim after `ttlMs` (a request's time to answer, and then some),
// when another page may ask again. The same tab after a reload keeps its claim: its old page's
// request was given up with the page. Returns {state, go}, with `at` (when to ask again) when not.
// A page sends its request as soon as its claim is granted, so a request claimed again (by another
// page, or by the same tab reloaded) is being sent a second time, its first answer lost with its
// page: that send is counted among the audit's requests, and against its budget. A second send the
// budget cannot pay for (with this request's own answer, counted when it comes, the count would
// pass it) is not made: the request is given up, its first send counted (it went, or may have), and
// the audit ends at its budget at the next step (`spent`). The count says what was sent, and no
// audit sends more than its budget: a budget of 1 read "2 of at most 1". `attempt` names
// one claim of one page: the same message asked again (its answer lost while the worker
// restarted) is granted again and counts nothing.
// `outstanding`: the holder's page still has its earlier claim's request out (the user left the
// profile within the app and came back before its answer: the same tab, the same document, so the
// same holder). It waits for that answer, which the earlier page hands in (the request it sent
// again was answered twice, the second answer refused: one request wasted), until the claim's
// `ttlMs` has passed, when it sends again. A reload has nothing out: it sends again at once.
export function claimPending(state, holder, now, ttlMs, retryMs, attempt = null, { outstanding = false } = {}) {
  const p = state.pending;
  if (!p) return { state, go: false, at: now + retryMs };
  const c = p.claim;
  if (c && c.holder === holder && attempt !== null && c.attempt === attempt) return { state, go: true };
  if (c && (c.holder !== holder || outstanding) && now < c.at + ttlMs) return { state, go: false, at: Math.min(c.at + ttlMs, now + retryMs) };
  if (c && Number.isSafeInteger(state.budget) && state.requests + 2 > state.budget) {
    return { state: settled(state, p.kind, now), go: false, spent: true };
  }
  const claimed = { ...state, pending: { ...p, claim: { holder, at: now, attempt } } };
  return { state: c ? { ...claimed, requests: state.requests + 1 } : claimed, go: true };
}

// What held a pending request back: {cap: n} (Fakemeter's own hourly cap), {unavailable: status}
// (a back-off after Instagram did not answer) or {} (a rate limit's back-off, the pacing). A
// request stored before this was kept has none: {} (its wait reads as a rate limit, as it did).
export function heldOf(pending) {
  const h = pending && pending.held;
  if (h && Number.isInteger(h.cap) && h.cap > 0) return { cap: h.cap };
  if (h && Number.isInteger(h.unavailable) && h.unavailable >= 0) return { unavailable: h.unavailable };
  return {};
}

// Refusals so far of each item (a post's list, an account, a followers page) refused and neither
// read nor given up yet: {`${kind}:${url}`: tries}. Kept per item: while a server error holds one
// kind of request, answers of the other kinds come between its tries (nextRequest), and one
// counter of the last item refused started again at each of them, so that post was never given
// up. An audit stored before kept the last item's alone, as `retry` ({key, tries}).
function triesOf(state) {
  if (state.retries && typeof state.retries === 'object') return state.retries;
  return state.retry && typeof state.retry.key === 'string' && Number.isInteger(state.retry.tries)
    ? { [state.retry.key]: state.retry.tries } : {};
}
const withoutKey = (m, key) => Object.fromEntries(Object.entries(m).filter(([k]) => k !== key));
// And without the tries of every item of one request kind (`prefix`: 'likers:', 'profile:', ...).
const withoutKind = (m, prefix) => Object.fromEntries(Object.entries(m).filter(([k]) => !k.startsWith(prefix)));

// `state` once the pending request, of `kind`, is settled (answered, refused, or given up): no
// longer pending, counted, its time. A wait of another kind of request alone (a server error's,
// `retryOf`) stays said while it holds and answers of the other kinds come in: the audit goes on
// with them meanwhile.
function settled(state, kind, now) {
  const keep = state.retryOf && state.retryOf !== kind && state.retryAt > now;
  return { ...state, pending: null, requests: state.requests + 1, updatedAt: now,
           retryAt: keep ? state.retryAt : null, retryUnavailable: keep ? state.retryUnavailable : null,
           retryOf: keep ? state.retryOf : null, retry: null };
}

// The kinds of an audit's requests (and of the outcomes that answer them).
export const AUDIT_KINDS = ['page', 'likers', 'comments', 'profile'];

const addFresh = (list, accounts) => {
  const seen = new Set(list.map((r) => r.username));
  return list.concat(accounts.filter((r) => !seen.has(r.username) && seen.add(r.username)));
};

// Applies the outcome of the pending request `id`. Outcomes:
//   {kind: 'page', accounts, skipped, nextCursor, limited}   {kind: 'likers', accounts, skipped, userCount}
//   {kind: 'comments', accounts, comments, skipped, commentCount}
//   {kind: 'list_failed', cause} (that post skipped; cause one of POST_FAILURES)
// (`skipped`: the list's entries that could not be read, lists.js; counted per source)
//   {kind: 'profile', record}   {kind: 'profile_failed'}
//   {kind: 'rate_limited', retryAt, unavailable?} (unavailable: the status when Instagram did not answer)
//   {kind: 'stop', reason, detail}
// An answer for a request that is not pending (a duplicate after a worker restart) changes
// nothing and returns applied: false.
export function applyOutcome(state, id, outcome, now) {
  if (!state.pending || state.pending.id !== id || state.status !== 'running') return { state, applied: false };
  const req = state.pending;
  // One post's list or one account that Instagram refuses or does not answer, try after try, while
  // the rest is read: after MAX_ITEM_TRIES an account is given up as unreadable, a post is put
  // back behind the others once, and the audit goes on (it was retried for good, holding the
  // audit, and its budget went on the retries). The followers list is tried on: the audit is
  // about it.
  const key = `${req.kind}:${req.url}`;
  const retries = triesOf(state);
  const tries = outcome.kind === 'rate_limited' ? (retries[key] || 0) + 1 : 0;
  // A pick without an id, asked of web_profile_info while that refuses (users/<id>/info needs the
  // id): asking again would wait out the same refusal three times over, so one refusal gives it up.
  const noFallback = outcome.kind === 'rate_limited' && !Number.isInteger(outcome.unavailable) && req.kind === 'profile'
    && req.endpoint === 'web_profile_info' && state.profileEndpoint === 'users_info';
  // A post put back once (below) is given up at its next refusal.
  const post = req.kind === 'likers' || req.kind === 'comments' ? state[req.source].media[state[req.source].done] : null;
  // A server error (HTTP 5xx) on a post's list: Instagram answers, but not with this list. Its first
  // puts the post behind the others, its second gives it up (KIND_SERVER_ERRORS: no clock decides);
  // and once that kind of list has answered so KIND_SERVER_ERRORS times in a row (`inRow`, the
  // scheduler's count, other audits' included), the source is given up for this audit.
  const is5xx = outcome.kind === 'rate_limited' && Number.isInteger(outcome.unavailable) && outcome.unavailable >= 500;
  const serverError = !!post && is5xx;
  // Followers pages and accounts fetched in full answering so, in a row, are given up likewise
  // (they were tried on for good, each account three times, the kind's back-off doubling to an hour).
  if (is5xx && Number.isInteger(outcome.inRow) && outcome.inRow >= KIND_SERVER_ERRORS) {
    if (post) return giveUpSource(state, id, outcome, now);
    if (req.kind === 'page') return endFollowersList(state, outcome, now);
    if (req.kind === 'profile') return giveUpProfiles(state, outcome, now);
  }
  const limit = post && (post.deferred || serverError) ? 1 : MAX_ITEM_TRIES;
  if ((tries >= limit || noFallback) && req.kind !== 'page' && !outcome.requeued) {
    // Each refusal is counted, the last one too.
    const given = { ...state, retry: null, retries: withoutKey(retries, key), rateLimited: state.rateLimited + 1 };
    if (req.kind === 'profile') return applyOutcome(given, id, { kind: 'profile_failed' }, now);
    // A wait or a silence is Instagram's, not the post's: the post goes to the end of its
    // source's queue once, and is given up only if it is refused again after the others (it was
    // given up at once, "deleted since, or its list closed", while the next post answered).
    if (!post.deferred) {
      // Applied as any refusal (counted, its wait kept), then its tries begin again behind the others.
      const s = applyOutcome({ ...state, retry: null, retries: withoutKey(retries, key) }, id, { ...outcome, requeued: true }, now).state;
      const src = s[req.source];
      const media = [...src.media.slice(0, src.done), ...src.media.slice(src.done + 1),
        { ...post, deferred: true, refused: serverError ? 'server' : Number.isInteger(outcome.unavailable) ? 'unanswered' : 'slowed' }];
      return { state: { ...s, retry: null, retries: withoutKey(s.retries, key), [req.source]: { ...src, media } }, applied: true };
    }
    const cause = serverError ? 'server' : Number.isInteger(outcome.unavailable) ? 'unanswered' : 'slowed';
    return applyOutcome(given, id, { kind: 'list_failed', cause }, now);
  }
  let s = { ...settled(state, req.kind, now), retries: tries ? { ...retries, [key]: tries } : withoutKey(retries, key) };
  switch (outcome.kind) {
    case 'page': {
      const f = s.followers;
      // A cursor that does not move would page forever: the list ends there.
      const next = outcome.nextCursor === f.cursor ? null : outcome.nextCursor;
      // The profile listed among its own followers is none of its audience.
      const accounts = outcome.accounts.filter((r) => r.username !== s.username);
      const lite = addFresh(f.lite, accounts);
      // A later page naming only followers already read (the list going round, its cursor moving
      // but not its users): the list ends there, its pages left going to checks (three such pages
      // were read, and the row said nothing of them).
      const repeated = f.pagesDone > 0 && accounts.length > 0 && lite.length === f.lite.length;
      s.followers = { ...f, lite, pagesDone: f.pagesDone + 1, cursor: repeated ? null : next,
                      ended: next === null || repeated, limited: f.limited || !!outcome.limited, skipped: skippedAfter(f, outcome),
                      cutShort: !!(f.cutShort || outcome.cutShort), repeated: !!(f.repeated || repeated) };
      break;
    }
    case 'likers':
    case 'comments': {
      const key = req.source, src = s[key];
      // A post whose count the profile hid (likes -1) takes the answer's count only when it says
      // more than the list: one no larger may count only what is listed, and would make the
      // listed accounts a census of themselves (tests/js/audit-hidden-likes.test.mjs).
      const listed = outcome.accounts.length + (Array.isArray(outcome.skipped) ? outcome.skipped.length : 0);
      const told = outcome.userCount ?? outcome.commentCount ?? null;
      const media = src.media.map((m, i) => (i === src.done ? { ...m, listed: outcome.accounts.length,
        count: m.count ?? (Number.isSafeInteger(told) && told > listed ? told : null) } : m));
      // The profile answering its commenters, or liking its own post, is no sample of the people
      // around it.
      const accounts = outcome.accounts.filter((r) => r.username !== s.username);
      s[key] = { ...src, media, done: src.done + 1, lite: addFresh(src.lite, accounts), skipped: skippedAfter(src, outcome) };
      if (outcome.comments) s[key].comments = src.comments.concat(outcome.comments);
      break;
    }
    case 'list_failed': {
      // Marked, so the population bound leaves its count out and the panel says so.
      const key = req.source;
      const src = s[key];
      const failed = POST_FAILURES.includes(outcome.cause) ? outcome.cause : 'gone';
      s[key] = { ...src, media: src.media.map((m, i) => (i === src.done ? { ...m, failed } : m)), done: src.done + 1 };
      break;
    }
    case 'profile':
      s = { ...s, full: { ...s.full, [req.target]: outcome.record } };
      break;
    case 'profile_failed':
      s = { ...s, failed: s.failed.concat(req.target) };
      // An account users/<id>/info could not give: the next ones from web_profile_info again (its
      // refusal may have passed; if not, it switches back at the next).
      if (req.endpoint === 'users_info') s.profileEndpoint = 'web_profile_info';
      break;
    case 'rate_limited':
      // Counted as a rate limit either way: the back-off and the counter are the same.
      // `of`: the request kind a server error holds alone (the rest of the audit goes on).
      s = { ...s, rateLimited: s.rateLimited + 1, retryAt: outcome.retryAt,
            retryUnavailable: Number.isInteger(outcome.unavailable) ? outcome.unavailable : null,
            retryOf: AUDIT_KINDS.includes(outcome.of) ? outcome.of : null };
      // web_profile_info refusing ("wait", "useragent mismatch"): the same accounts by id from
      // users/<id>/info from now on. Not when Instagram did not answer at all (a 5xx, no
      // connection): that says nothing about the endpoint.
      if (req.kind === 'profile' && req.endpoint === 'web_profile_info' && !Number.isInteger(outcome.unavailable)) {
        s.profileEndpoint = 'users_info';
      }
      break;
    case 'stop':
      s = { ...s, status: 'stopped', stopReason: outcome.reason, stopDetail: outcome.detail || null };
      break;
    default:
      throw new Error(`unknown outcome ${outcome.kind}`);
  }
  return { state: s, applied: true };
}

// The source of the pending post's list given up for this audit, Instagram having answered that
// kind of list with server errors KIND_SERVER_ERRORS times in a row (applyOutcome): that post
// fails as 'server', the posts put back after refusals of their own as what refused them
// (`refused`), and the posts never asked as 'unasked', without a request. `givenUp` keeps the last status for the row
// ("Instagram answered with server errors (HTTP 500) for the likers of 3 posts; this source was
// left out"). The back-off drawn stays the scheduler's: other audits wait it out as before.
function giveUpSource(state, id, outcome, now) {
  const req = state.pending;
  const given = { ...state, retry: null, retries: withoutKind(triesOf(state), `${req.kind}:`), rateLimited: state.rateLimited + 1 };
  const s = applyOutcome(given, id, { kind: 'list_failed', cause: 'server' }, now).state;
  const src = s[req.source];
  const media = src.media.map((m, i) => (i < src.done ? m : { ...m, failed: POST_FAILURES.includes(m.refused) ? m.refused : 'unasked' }));
  return { state: { ...s, [req.source]: { ...src, media, done: media.length, givenUp: { status: outcome.unavailable } } }, applied: true };
}

// The pending request's refusal applied without the outcome's wait (that was the scheduler's to
// keep, and other audits wait it out): counted, its kind's tries (`prefix`) dropped. What a
// wait of another kind alone holds stays said.
function refusalCounted(state, prefix, now) {
  return { ...settled(state, state.pending.kind, now), rateLimited: state.rateLimited + 1, retries: withoutKind(triesOf(state), prefix) };
}

// The followers list ended where it is, Instagram having answered its next page with server
// errors KIND_SERVER_ERRORS times in a row (applyOutcome): as a list cut short (cutShort), the
// audit goes on with the followers read (none, when it was the first page), `serverCut` keeping
// the status for the row. Its pages were tried on without end, the back-off doubling to an hour.
function endFollowersList(state, outcome, now) {
  const s = refusalCounted(state, 'page:', now);
  return { state: { ...s, followers: { ...s.followers, ended: true, serverCut: { status: outcome.unavailable } } }, applied: true };
}

// The full checks given up for this audit, Instagram having answered accounts' profiles with
// server errors KIND_SERVER_ERRORS times in a row (applyOutcome): no more account is fetched in
// full, each source's estimate resting on its list and the accounts fetched before (the two
// phases with fewer fetched, a wider interval; under 4 fetched in a source, too few to fit how
// the list's scores predict the full ones (under 8 where they do not predict them), the engine's
// point is the list's own reading and its range holds that and the fetched accounts' own:
// estimator/sampling.h kMinSubsample, kListPointBelow,
// estimator/audience.cpp). `profilesGivenUp` keeps the status
// and the accounts asked and refused (`refused`: the pending one, and any refused before and not
// read yet), for the rows; the picks not fetched are not asked (progressOf: `unasked`). Each
// account was tried three times, the profile back-off doubling across the accounts to an hour.
function giveUpProfiles(state, outcome, now) {
  const tried = new Set(Object.keys(triesOf(state)).filter((k) => k.startsWith('profile:')).map((k) => k.slice('profile:'.length)));
  const urlsOf = (source, u) => {
    const rec = state[source].lite.find((r) => r.username === u);
    return [profileInfoUrl(u), ...(rec && rec.pk ? [userInfoUrl(rec.pk)] : [])];
  };
  const refused = new Set([state.pending.target]);
  for (const source of SOURCES) {
    for (const u of state.picks[source] || []) {
      if (!state.full[u] && !state.failed.includes(u) && urlsOf(source, u).some((url) => tried.has(url))) refused.add(u);
    }
  }
  const s = refusalCounted(state, 'profile:', now);
  return { state: { ...s, profilesGivenUp: { status: outcome.unavailable, refused: [...refused] } }, applied: true };
}

// A source's count of unreadable list entries after an answer (an audit stored before the count
// was kept has none: 0).
const skippedAfter = (src, outcome) => (src.skipped || 0) + (Array.isArray(outcome.skipped) ? outcome.skipped.length : 0);

// The stop a followers page's refusal (answer kind 'forbidden' or 'not_found') means, or null
// for any other answer. A private account's list refuses whoever does not follow it, so the
// refusal says "private" when the profile is, and when its document did not say (isPrivate
// null). Of a profile read as public, a refusal (400, 403) most likely means it turned private,
// or hid its list from this viewer, since it was read: 'list_refused' says so and asks for a
// recheck (it was read as Instagram having changed, with a bug report); a 404 that it is gone.
export function followersRefusal(isPrivate, kind) {
  const maybePrivate = isPrivate !== false;
  if (kind === 'forbidden' || (kind === 'not_found' && maybePrivate)) {
    return { kind: 'stop', reason: maybePrivate ? 'private' : 'list_refused' };
  }
  return kind === 'not_found' ? { kind: 'stop', reason: 'not_found' } : null;
}

// An audit that can go on where it ended: cancelled, paused (the profile left while it ran:
// pauseAudit), or stopped by Instagram asking to log in or to confirm it's you (once the user has,
// the rest of the plan reads as before; it was started over, reading again what it had). Takes an
// audit or its progress (progressOf).
const RESUMABLE_STOPS = ['logged_out', 'challenge'];
export function resumable(a) {
  return !!a && (a.status === 'cancelled' || a.status === 'paused' || (a.status === 'stopped' && RESUMABLE_STOPS.includes(a.stopReason)));
}

// Why Instagram refused the followers list to an audit (private, list_refused), or null: the audit
// stopped there, or it is an audit of the engagers alone made after such a stop. Takes an audit or
// its progress (progressOf). No audit of the followers can read more until the list is shown again.
export const REFUSED_STOPS = ['private', 'list_refused'];
export function followersRefusedBy(a) {
  if (!a) return null;
  if (a.status === 'stopped' && REFUSED_STOPS.includes(a.stopReason)) return a.stopReason;
  const f = a.sources ? a.sources.followers : a.followers;
  return f && REFUSED_STOPS.includes(f.refused) ? f.refused : null;
}

// "Try the followers again" over `existing`, an audit of the posts' likers and commenters alone
// made after Instagram refused the list (or over such a retry that can no longer go on where it
// ended): that audit itself goes on with a new plan for its followers (`plan`: auditPlan with the
// options and the follower count as they are now), its likers, commenters, accounts checked and
// result kept (settled by settleRetry). Only what a refusal again takes back is kept aside
// (`followersRetry`: the followers' part, the status, its end's time and budget, a few hundred
// bytes): the retry was a new audit holding the whole earlier one inside it (engagersKept, 80-100
// kB of lists and records stored twice) and read the likers and commenters again. Null when
// `existing` is no such audit of account `userId` (a new audit starts as asked). `isPrivate` and
// `followerCount`: as the profile reads now.
export function retryFollowers(existing, { userId, isPrivate = null, followerCount = null, plan, now }) {
  if (!existing || existing.userId !== userId || existing.status === 'running') return null;
  // A retry stored by an earlier version, with the engagers' audit whole inside it: that goes on.
  if (existing.engagersKept) return retryFollowers(existing.engagersKept, { userId, isPrivate, followerCount, plan, now });
  // The full checks that audit gave up after server errors in a row (giveUpProfiles) are the
  // retry's to make again: the give-up was carried into it, and a retry days later checked no
  // account in full. The scheduler's count of those errors still holds it (an earlier audit's
  // errors in a row count: a retry started while they go on asks one account, once). Kept in
  // what a refusal gives back, for the engagers' rows as they were.
  const { profilesGivenUp, ...rest } = existing;
  const back = existing.followersRetry
    || (existing.followers.refused && existing.estimates && (existing.estimates.likers || existing.estimates.commenters)
      ? { followers: existing.followers, status: existing.status, phase: existing.phase, stopReason: existing.stopReason,
          stopDetail: existing.stopDetail, budget: existing.budget, budgetReached: existing.budgetReached,
          updatedAt: existing.updatedAt, picks: existing.picks.followers, ...(profilesGivenUp ? { profilesGivenUp } : {}) }
      : null);
  if (!back) return null;
  const f = existing.followers;
  const left = Math.max(0, existing.budget - existing.requests);
  // The likers' and commenters' picks the give-up left unasked, which its budget had planned.
  const unasked = profilesGivenUp ? ['likers', 'commenters']
    .map((src) => (existing.picks[src] || []).filter((u) => !existing.full[u] && !existing.failed.includes(u)).length)
    .reduce((x, y) => x + y, 0) : 0;
  return {
    ...rest, followersRetry: back, isPrivate: typeof isPrivate === 'boolean' ? isPrivate : existing.isPrivate, status: 'running', phase: 'followers', stopReason: null, stopDetail: null,
    pending: null, retryAt: null, retryUnavailable: null, retryOf: null, budgetReached: false, updatedAt: now,
    // The followers' plan after what was spent, and what a cancelled audit of the engagers still had
    // for its own posts and checks (it goes on with them too), or, ended, what it had for the
    // checks it gave up.
    budget: existing.requests + plan.requests + (resumable(existing) ? left : Math.min(left, unasked)),
    followers: { pagesTarget: plan.followers.pages, pagesDone: 0, cursor: null, ended: false, limited: false,
                 population: countOrNull(followerCount) ?? f.population, fullTarget: plan.followers.full, lite: [], skipped: 0 },
    picks: { ...existing.picks, followers: null },
  };
}

// `a` once it has ended: a retry of the followers (retryFollowers) refused again before reading
// any of the list gives way to the engagers' audit it went on from, as that audit was ({restored:
// true}): the list refused, its own end's time (the panel's "From the audit of ..." named the
// retry's day), its budget. One that ended otherwise is the result (its followers read now, its
// likers and commenters those read before). A retry that can still go on (cancelled, or stopped by
// a login or challenge page) keeps what a refusal would take back.
// An audit stored by an earlier version may hold the whole engagers' audit (engagersKept): that
// comes back the same way.
export function settleRetry(a, now) {
  if (!(a.followersRetry || a.engagersKept) || a.status === 'running' || resumable(a)) return { audit: a, restored: false };
  const { engagersKept, followersRetry, ...rest } = a;
  if (a.status === 'stopped' && REFUSED_STOPS.includes(a.stopReason) && !a.followers.lite.length) {
    if (engagersKept) return { audit: engagersKept, restored: true };
    const { picks, ...back } = followersRetry;
    // Its requests count the retry's too (they were made): an audit that had spent its whole budget
    // said '46 of at most 45 requests' with the budget it had; the budget now covers what was made.
    return { audit: { ...rest, ...back, budget: Math.max(back.budget, rest.requests), picks: { ...rest.picks, followers: picks },
                      pending: null, retryAt: null, retryUnavailable: null, retryOf: null }, restored: true };
  }
  return { audit: rest, restored: false };
}

// The audit left by the page that ran it (the user left the profile, or closed its tab): no page
// goes on with it until the profile is open again, so it is stored as paused, not running (the
// popup and the profile's other pages said it ran). Its pending request stays its next, as a
// cancelled audit's does not. One already sent is not given up with the page: its answer, when it
// comes, is taken into the paused audit (handlers.js auditResult); one never answered (the tab
// closed) the page that comes back asks again (claimPending counts a second send); one still out
// when the user comes back within the app is waited for (claimPending's `outstanding`). A page that
// runs it again takes it up where it is (resumeAudit).
export function pauseAudit(state, now) {
  if (state.status !== 'running') return state;
  return { ...state, status: 'paused', updatedAt: now };
}

// An audit not ended: running, or paused until a page of its profile runs it again. Where one
// that runs is meant, a paused one is too (it goes on at the profile's next visit).
export const underWay = (status) => status === 'running' || status === 'paused';

// A paused audit going on (a page of the profile runs it again); any other unchanged.
export function resumeAudit(state) {
  return state.status === 'paused' ? { ...state, status: 'running' } : state;
}

// `next`, a new audit started in place of `existing`, with the request `existing` had out counted
// among its requests: a pending request a page has claimed went (or is going) out, and its answer
// is refused by the new audit (handlers.js auditResult). Dropped with the record it belonged to (a
// paused audit's, which counts a request at its answer), it was a request made that no count shown
// ever had. As with a Cancel (cancelAudit), one claimed but never sent counts too.
// Its budget grows by as much (`takenOver` says how many, for the panel to say why): the request
// was the replaced audit's, within that audit's budget, and the options promise a budget per audit.
// Counted against the new audit's own, a budget of 1 ended it at once, "budget reached", having
// asked nothing of its own.
export function takeOver(next, existing) {
  if (!(existing && requestOut(existing))) return next;
  return { ...next, requests: next.requests + 1, budget: next.budget + 1, takenOver: takenOverOf(next) + 1 };
}

// Requests of a replaced audit counted in this one (takeOver), beside its own budget: 0 for one
// stored before they were kept apart.
const takenOverOf = (s) => (Number.isSafeInteger(s.takenOver) && s.takenOver > 0 ? s.takenOver : 0);

// An audit under way whose pending request a page has claimed: it went (or is going) out, and
// counts whatever becomes of the audit (takeOver, cancelAudit).
const requestOut = (state) => underWay(state.status) && !!(state.pending && state.pending.claim);

// Running or paused (a page of the profile that still shows it running, its loop waiting for its
// slot, has the Cancel button: a paused audit left as it was went on at the next visit).
// A pending request a page has claimed went (or is going) out: it is counted now, as its answer
// will be refused (handlers.js auditResult takes none of a cancelled audit's). Dropped uncounted,
// it was a request made and never counted, and a resume asked the same item again (13 sent, 12
// counted). One claimed but never sent (its tab closed between claim and fetch) counts one more
// than was sent: the count errs on the side of the budget.
export function cancelAudit(state, now) {
  if (!underWay(state.status)) return state;
  return { ...state, status: 'cancelled', pending: null, updatedAt: now, requests: state.requests + (requestOut(state) ? 1 : 0) };
}

const sum = (xs) => xs.reduce((a, b) => a + b, 0);

// Why a post's list could not be read: gone (deleted since, or its list closed), slowed
// (Instagram asked to wait, try after try, also after the other posts), unanswered (no answer, try
// after try; or, in an audit stored before 'server', a server error), server (server errors: HTTP
// 5xx, twice, or once when its source was given up), unasked (not asked for: its source was given
// up after server errors in a row, giveUpSource), shape (an answer Fakemeter cannot read). An audit
// stored before the cause was kept has `failed: true`: read as gone, what was said of every failure then.
export const POST_FAILURES = ['gone', 'slowed', 'unanswered', 'server', 'unasked', 'shape'];
const failureOf = (m) => (POST_FAILURES.includes(m.failed) ? m.failed : 'gone');

// Posts of a source whose list could not be read, and how many for each cause.
const failedPosts = (src) => src.media.slice(0, src.done).filter((m) => m.failed).length;
const failedWhy = (src) => {
  const why = {};
  for (const cause of src.media.slice(0, src.done).filter((m) => m.failed).map(failureOf)) why[cause] = (why[cause] || 0) + 1;
  return why;
};
// A source given up after server errors in a row (giveUpSource): {status}, or null.
const givenUpOf = (src) => (src.givenUp && Number.isInteger(src.givenUp.status) ? { status: src.givenUp.status } : null);
// Posts read whose list named no one (likers shown to none, comments off since).
const emptyPosts = (src) => src.media.slice(0, src.done).filter((m) => !m.failed && m.listed === 0).length;
// Collaborations among the posts the sample was drawn from: their engagers include the partner's audience.
const collabPosts = (src) => sampledPosts(src).filter((m) => m.collab === true).length;

// The pinned posts and collaborations a source's posts passed over (an audit stored before they
// were kept passed over none it knows of).
const leftOutView = (src) => {
  const n = (v) => (Number.isSafeInteger(v) && v > 0 ? v : 0);
  return { pinned: n(src.leftOut && src.leftOut.pinned), collab: n(src.leftOut && src.leftOut.collab) };
};

// The follower count the audit started with, or null when it could not be read (an audit stored
// before null was kept has 0 for that: no account with listed followers has none).
export function followerCountOf(state) {
  const n = state.followers.population;
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

// The posts a source's sample was drawn from: read, and listing someone (a post whose list named
// no one, however many liked it, gave the sample none of its accounts).
const sampledPosts = (src) => src.media.slice(0, src.done).filter((m) => !m.failed && m.listed !== 0);

// The population a source's sample was drawn from (for the finite-population correction), or
// null when it is unknown (the engine then corrects for none: the widest interval, never the
// census the listed accounts would make of themselves): the followers count; the likes
// (comments) of the posts sampled, an upper bound on the distinct accounts; when a post hides its
// count, the followers count stands in (unknown, not small), and unknown when that is too.
export function populationOf(state, source) {
  const src = state[source];
  const listed = src.lite.length;
  const followers = followerCountOf(state);
  if (source === 'followers') return followers === null ? null : Math.max(followers, listed, 1);
  const read = sampledPosts(src);
  const known = read.every((m) => Number.isSafeInteger(m.count));
  if (!known && followers === null) return null;
  const bound = known ? sum(read.map((m) => m.count)) : Math.max(followers, sum(read.map((m) => m.listed || 0)));
  return Math.max(bound, listed, 1);
}

// The estimator's request for one source (null while it has nothing listed): the lite
// records, with the fully fetched ones in their place.
export function estimateRequest(state, source = 'followers') {
  const src = state[source];
  if (!src.lite.length) return null;
  const req = {
    source,
    population: populationOf(state, source),
    sampling: source === 'followers' ? 'newest_first' : 'random',
    followers: src.lite.map((r) => state.full[r.username] || r),
  };
  if (source === 'followers') req.list_limited = src.limited;
  else {
    // The posts that gave accounts, of those read ("2 of the last 3 posts" where one failed). Where
    // the posts read passed over pinned ones or a collaboration they are no "last 3": the engine's
    // note says "2 of the 3 posts read" (posts_read) and the row says which (panel.js, leftOutText).
    req.posts = Math.max(1, sampledPosts(src).length);
    if (src.done > req.posts) req.of_posts = Math.min(src.done, 1000);
    const left = leftOutView(src);
    if (left.pinned || left.collab) req.posts_read = true;
  }
  return req;
}

// What a page is shown of an audit: the background's answers, and a page following an audit that
// another tab of the same profile runs.
// A record as stored (background/audit-store.js: its lists apart, `parts`) carries its progress.
export function auditView(a) {
  return { progress: a.parts && a.progress ? a.progress : progressOf(a), report: a.report, estimate: audienceOf(a), estimates: a.estimates,
           comments: a.commentAnalysis || null, userId: a.userId || null };
}

// The followers' estimate, the audience the headline uses: estimates.followers (an audit stored
// before this kept the same report as `estimate` too; one with `estimate` alone has that).
export function audienceOf(a) {
  if (a.estimates && typeof a.estimates === 'object') return a.estimates.followers || null;
  return a.estimate || null;
}

export function progressOf(state) {
  const f = state.followers;
  // Once the full checks are given up (giveUpProfiles), those fetched are all there are.
  const picked = (src) => (state.profilesGivenUp ? fetched(src) : state.picks[src] ? state.picks[src].length : Math.min(state[src].fullTarget,
    src === 'followers' ? Math.max(f.lite.length, f.pagesTarget * FOLLOWERS_PAGE_SIZE) : state[src].lite.length || state[src].fullTarget));
  // Checked: read in full. A pick that could not be read is done (progress) but no check.
  const read = (src) => (state.picks[src] || []).filter((u) => state.full[u]).length;
  const unread = (src) => (state.picks[src] || []).filter((u) => !state.full[u] && state.failed.includes(u)).length;
  const fetched = (src) => read(src) + unread(src);
  // Full checks given up after server errors in a row (giveUpProfiles): the picks not fetched are
  // no more to do; which of them were asked and refused, and which not asked, is said per source.
  const gaveUp = state.profilesGivenUp && Number.isInteger(state.profilesGivenUp.status) ? state.profilesGivenUp : null;
  const refusedAll = gaveUp && Array.isArray(gaveUp.refused) ? gaveUp.refused : [];
  const profilesGivenUp = (src) => {
    if (!gaveUp) return null;
    const left = (state.picks[src] || []).filter((u) => !state.full[u] && !state.failed.includes(u));
    const refused = left.filter((u) => refusedAll.includes(u)).length;
    return { status: gaveUp.status, refused, unasked: left.length - refused, refusedAll: refusedAll.length };
  };
  const listsTarget = (f.ended ? f.pagesDone : f.pagesTarget) + state.likers.media.length + state.commenters.media.length;
  return {
    status: state.status,
    // When it last moved (for an ended audit, when it ended).
    updatedAt: state.updatedAt,
    phase: state.phase,
    listsDone: f.pagesDone + state.likers.done + state.commenters.done,
    listsTarget,
    pagesDone: f.pagesDone,
    pagesTarget: f.ended ? f.pagesDone : f.pagesTarget,
    profilesDone: sum(SOURCES.map(fetched)),
    profilesTarget: sum(SOURCES.map(picked)),
    listed: f.lite.length,
    requests: state.requests,
    // The most it makes: its own budget, and the requests of the audit it replaced counted in it (takeOver).
    budget: state.budget,
    takenOver: takenOverOf(state),
    budgetReached: state.budgetReached,
    retryAt: state.retryAt,
    // An audit stored before this field existed has none: its wait reads as a rate limit.
    retryUnavailable: Number.isInteger(state.retryUnavailable) ? state.retryUnavailable : null,
    // The kind of request that wait holds alone (a server error's), the rest going on; null: all.
    retryOf: AUDIT_KINDS.includes(state.retryOf) ? state.retryOf : null,
    stopReason: state.stopReason,
    stopDetail: state.stopDetail,
    // Where the profile the audit started from was read (users_info: without its posts).
    profileSource: state.profileSource || null,
    // The profile's own data unread when it started (newAudit): {status} (null: no HTTP error), or null.
    ownProfileUnread: ownProfileUnreadOf(state.ownProfileUnread),
    sources: {
      followers: { listed: f.lite.length, population: followerCountOf(state), limited: f.limited, ended: f.ended, cutShort: !!f.cutShort,
                   repeated: !!f.repeated, refused: REFUSED_STOPS.includes(f.refused) ? f.refused : null,
                   checked: read('followers'), unread: unread('followers'), skipped: f.skipped || 0,
                   serverCut: f.serverCut && Number.isInteger(f.serverCut.status) ? { status: f.serverCut.status } : null,
                   profilesGivenUp: profilesGivenUp('followers') },
      likers: { listed: state.likers.lite.length, posts: state.likers.done, postsTarget: state.likers.media.length,
                checked: read('likers'), unread: unread('likers'), skipped: state.likers.skipped || 0, postsFailed: failedPosts(state.likers),
                postsFailedWhy: failedWhy(state.likers), postsEmpty: emptyPosts(state.likers),
                postsCollab: collabPosts(state.likers), postsLeftOut: leftOutView(state.likers), givenUp: givenUpOf(state.likers),
                profilesGivenUp: profilesGivenUp('likers') },
      commenters: { listed: state.commenters.lite.length, posts: state.commenters.done,
                    postsTarget: state.commenters.media.length, checked: read('commenters'), unread: unread('commenters'),
                    comments: state.commenters.comments.length, skipped: state.commenters.skipped || 0,
                    postsFailed: failedPosts(state.commenters), postsFailedWhy: failedWhy(state.commenters),
                    postsEmpty: emptyPosts(state.commenters), postsCollab: collabPosts(state.commenters),
                    postsLeftOut: leftOutView(state.commenters), givenUp: givenUpOf(state.commenters),
                    profilesGivenUp: profilesGivenUp('commenters') },
    },
  };
}

// What an audit measured per source, in brief, for the history (its exports): each source with
// an estimate {listed, checked, fake_percent, ci_low, ci_high}, the followers with the count
// they were drawn from (population, null when unread) and whether Instagram cut the list short
// (short_list), likers and commenters with the posts whose lists were read. Sources without an
// estimate are left out; null when none has one.
export function sourcesBrief(state) {
  const src = progressOf(state).sources;
  const out = {};
  for (const key of SOURCES) {
    const est = state.estimates && state.estimates[key];
    if (!est || typeof est.fake_percent !== 'number') continue;
    const s = src[key];
    out[key] = { listed: s.listed, checked: s.checked, fake_percent: est.fake_percent, ci_low: est.ci_low, ci_high: est.ci_high,
                 ...(key === 'followers' ? { population: s.population, short_list: !!s.limited } : { posts: s.posts - (s.postsFailed || 0) }) };
  }
  return Object.keys(out).length ? out : null;
}
