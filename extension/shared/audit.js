// The follower audit as a pure state machine, so the background can persist it after every
// step and a restarted service worker resumes it exactly. Two phases:
//   pages    - the followers list, newest first, page by page (lite records);
//   profiles - a random subsample of those followers fetched in full.
// The background turns Instagram answers into outcomes (see applyOutcome) and asks
// nextRequest() what to fetch; a request handed out stays "pending" until its answer
// arrives, and asking again returns the same one, so a lost reply never costs a request.

import { followersUrl, profileInfoUrl, FOLLOWERS_PAGE_SIZE } from './instagram.js';

export const AUDIT_PREFIX = 'audit:';
export const STOP_REASONS = ['logged_out', 'challenge', 'private', 'changed', 'not_found'];

// Small seeded PRNG (mulberry32): the subsample is reproducible from the stored seed.
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

export function newAudit({ username, userId, isPrivate, listSize, fullSize, now, seed }) {
  return {
    v: 1,
    username,
    userId,
    isPrivate,
    status: 'running',            // running | done | cancelled | stopped
    phase: 'pages',               // pages | profiles | done
    stopReason: null,             // one of STOP_REASONS when status is 'stopped'
    stopDetail: null,
    pagesTarget: Math.max(1, Math.ceil(listSize / FOLLOWERS_PAGE_SIZE)),
    pagesDone: 0,
    cursor: null,
    listEnded: false,
    fullTarget: fullSize,
    lite: [],
    picks: null,                  // usernames chosen for full fetches, once the list is done
    full: {},                     // username -> full account record
    failed: [],                   // picks whose profile could not be read
    requests: 0,                  // answers received from Instagram (each one a request made)
    rateLimited: 0,
    nextId: 1,
    pending: null,                // {id, kind, url, target, at}
    retryAt: null,                // set while waiting out a 429
    seed: seed >>> 0,
    estimate: null,               // the latest audience report
    report: null,                 // the latest combined profile report
    startedAt: now,
    updatedAt: now,
  };
}

function choosePicks(state) {
  const names = [...new Set(state.lite.map((r) => r.username))];
  const rand = prng(state.seed);
  // Fisher-Yates over a copy, then the first fullTarget names.
  for (let i = names.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [names[i], names[j]] = [names[j], names[i]];
  }
  return names.slice(0, Math.min(state.fullTarget, names.length));
}

// What to fetch next: {state, request} with request {id, kind, url, target}, or
// {state, request: null} when the audit has nothing more to fetch (state tells why).
export function nextRequest(state) {
  if (state.status !== 'running') return { state, request: null };
  if (state.pending) return { state, request: state.pending };
  let s = state;
  if (s.phase === 'pages' && (s.pagesDone >= s.pagesTarget || s.listEnded)) {
    s = { ...s, phase: 'profiles', picks: s.picks || choosePicks(s) };
  }
  if (s.phase === 'pages') {
    const request = { id: s.nextId, kind: 'page', url: followersUrl(s.userId, s.cursor), target: s.username };
    return { state: { ...s, nextId: s.nextId + 1, pending: request }, request };
  }
  if (s.phase === 'profiles') {
    const todo = s.picks.find((u) => !s.full[u] && !s.failed.includes(u));
    if (todo) {
      const request = { id: s.nextId, kind: 'profile', url: profileInfoUrl(todo), target: todo };
      return { state: { ...s, nextId: s.nextId + 1, pending: request }, request };
    }
    s = { ...s, phase: 'done', status: 'done' };
  }
  return { state: s, request: null };
}

// Records when a pending request may go (from the scheduler).
export function setPendingTime(state, at) {
  return state.pending ? { ...state, pending: { ...state.pending, at } } : state;
}

// Applies the outcome of the pending request `id`. Outcomes:
//   {kind: 'page', accounts, nextCursor}   {kind: 'profile', record}
//   {kind: 'profile_failed'}               {kind: 'rate_limited', retryAt}
//   {kind: 'stop', reason, detail}
// An answer for a request that is not pending (a duplicate after a worker restart) changes
// nothing and returns applied: false.
export function applyOutcome(state, id, outcome, now) {
  if (!state.pending || state.pending.id !== id || state.status !== 'running') return { state, applied: false };
  const req = state.pending;
  let s = { ...state, pending: null, requests: state.requests + 1, updatedAt: now, retryAt: null };
  switch (outcome.kind) {
    case 'page': {
      const seen = new Set(s.lite.map((r) => r.username));
      const fresh = outcome.accounts.filter((r) => !seen.has(r.username));
      s = { ...s, lite: s.lite.concat(fresh), pagesDone: s.pagesDone + 1, cursor: outcome.nextCursor,
            listEnded: outcome.nextCursor === null };
      break;
    }
    case 'profile':
      s = { ...s, full: { ...s.full, [req.target]: outcome.record } };
      break;
    case 'profile_failed':
      s = { ...s, failed: s.failed.concat(req.target) };
      break;
    case 'rate_limited':
      s = { ...s, rateLimited: s.rateLimited + 1, retryAt: outcome.retryAt };
      break;
    case 'stop':
      s = { ...s, status: 'stopped', stopReason: outcome.reason, stopDetail: outcome.detail || null };
      break;
    default:
      throw new Error(`unknown outcome ${outcome.kind}`);
  }
  return { state: s, applied: true };
}

export function cancelAudit(state, now) {
  if (state.status !== 'running') return state;
  return { ...state, status: 'cancelled', pending: null, updatedAt: now };
}

// The estimator's request: the lite records, with the fully fetched ones in their place.
export function estimateRequest(state, totalFollowers) {
  const followers = state.lite.map((r) => state.full[r.username] || r);
  return { total_followers: totalFollowers, sampling: 'newest_first', followers };
}

export function progressOf(state) {
  return {
    status: state.status,
    phase: state.phase,
    pagesDone: state.pagesDone,
    pagesTarget: state.listEnded ? state.pagesDone : state.pagesTarget,
    profilesDone: Object.keys(state.full).length + state.failed.length,
    profilesTarget: state.picks ? state.picks.length : Math.min(state.fullTarget, state.pagesTarget * FOLLOWERS_PAGE_SIZE),
    listed: state.lite.length,
    requests: state.requests,
    retryAt: state.retryAt,
    stopReason: state.stopReason,
    stopDetail: state.stopDetail,
  };
}
