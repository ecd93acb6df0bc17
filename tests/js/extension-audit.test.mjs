// The audit state machine: the three sources (followers, likers, commenters) and their full
// fetches, the short list and the empty cursor, idempotent pending requests (a lost reply after
// a worker stop costs no second request), rate limits and the users/<id>/info fallback, the
// request budget, stops, cancel, and the estimator requests per source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resumable, newAudit, nextRequest, applyOutcome, cancelAudit, estimateRequest, progressOf, sourcesBrief, setPendingTime, heldOf, auditPlan, claimPending, MAX_ITEM_TRIES,
  populationOf, followersRefusal, followersRefusedBy, SOURCES } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { auditPlanText, leftOutText } from '../../extension/shared/plan-text.js';
import { translator, flatten } from '../../extension/shared/i18n.js';
import fs from 'node:fs';
import { loadEngine } from '../../tools/cli/engine.mjs';
import { width, regimesWidth } from './lib/report-widths.mjs';
import { noteText } from '../../extension/shared/words.js';

const lite = (prefix, n, from = 0) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${from + i}`, pk: String(9000 + from + i),
  full_name: '', is_private: false, is_verified: false, has_profile_pic: true, phase: 'lite' }));
const POSTS = [{ id: '11', likes: 120, comments: 9 }, { id: '12', likes: 0, comments: 0 }, { id: '13', likes: null, comments: 4 },
  { id: '14', likes: 80, comments: 2 }, { id: '15', likes: 60, comments: 7 }];
const SETTINGS = { ...DEFAULT_SETTINGS, auditListSize: 60, auditFullSize: 5, auditPosts: 2, auditEngagersFull: 3, auditBudget: 45 };

function start(over = {}, settings = {}) {
  return newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 12400, posts: POSTS,
                    settings: { ...SETTINGS, ...settings }, now: 0, seed: 7, ...over });
}

// Answers every request like Instagram would for a profile with `total` followers (pages of
// 25, or one short page of 50 with the limit flag) and 30 likers / 6 commenters per post.
function answer(req, s, { total = 1000, limited = false } = {}) {
  if (req.kind === 'page') {
    if (limited) return { kind: 'page', accounts: lite('f', 50), nextCursor: null, limited: true };
    const offset = s.followers.lite.length, count = Math.min(25, total - offset);
    return { kind: 'page', accounts: lite('f', count, offset), nextCursor: offset + count < total ? `c${offset + count}` : null };
  }
  // Likers of different posts overlap (the same people like several). The answer counts 10 more
  // than it lists (a count no larger than the list would not stand in for a hidden one).
  if (req.kind === 'likers') return { kind: 'likers', accounts: lite('l', 30, req.target === '11' ? 0 : 15), userCount: 40 };
  if (req.kind === 'comments') {
    const accounts = lite(`c${req.target}_`, 6);
    return { kind: 'comments', accounts, commentCount: 8,
             comments: accounts.map((a, i) => ({ pk: String(i), text: 'nice', created_at: 1, media_id: req.target, user: { username: a.username } })) };
  }
  return { kind: 'profile', record: { username: req.target, media_count: 3 } };
}

function runAll(state, opts = {}, onRequest = () => {}) {
  let s = state;
  for (let guard = 0; guard < 1000; guard++) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) return s;
    onRequest(n.request, s);
    s = applyOutcome(s, n.request.id, answer(n.request, s, opts), 1).state;
  }
  throw new Error('audit did not finish');
}

test('an audit lists followers, then likers and commenters of recent posts, then fetches picks of each in full', () => {
  const reqs = [];
  const s = runAll(start(), {}, (r) => reqs.push(r));
  assert.equal(s.status, 'done');
  assert.deepEqual(reqs.map((r) => r.kind), ['page', 'page', 'page', 'likers', 'likers', 'comments', 'comments',
    ...Array(11).fill('profile')]);
  assert.match(reqs[0].url, /friendships\/42\/followers\/\?count=25&search_surface=follow_list_page$/);
  assert.match(reqs[1].url, /max_id=c25$/);
  // Posts with nothing to list are skipped: likers of 11 and 13 (hidden count), comments of 11 and 13.
  assert.deepEqual(reqs.slice(3, 7).map((r) => r.url.replace(/^.*\/media\//, '')),
    ['11/likers/', '13/likers/', '11/comments/?can_support_threading=true&permalink_enabled=false',
     '13/comments/?can_support_threading=true&permalink_enabled=false']);
  assert.match(reqs[7].url, /web_profile_info\/\?username=f\d+$/);
  assert.equal(s.followers.lite.length, 75);
  assert.equal(s.likers.lite.length, 45);           // 15 liked both posts: counted once
  assert.equal(s.commenters.lite.length, 12);
  assert.equal(s.commenters.comments.length, 12);  // every comment object kept
  assert.equal(s.requests, 18);
  // Picks per source come from that source's list, reproducible from the seed.
  assert.equal(s.picks.followers.length, 5);
  assert.ok(s.picks.likers.every((u) => /^l\d+$/.test(u)));
  assert.deepEqual(runAll(start()).picks, s.picks);
  assert.notDeepEqual(runAll(start({ seed: 8 })).picks, s.picks);
  const p = progressOf(s);
  assert.deepEqual([p.listsDone, p.listsTarget, p.profilesDone, p.profilesTarget], [7, 7, 11, 11]);
  assert.deepEqual(p.sources.likers, { listed: 45, posts: 2, postsTarget: 2, checked: 3, unread: 0, skipped: 0, postsFailed: 0,
    postsFailedWhy: {}, postsEmpty: 0, postsCollab: 0, postsLeftOut: { pinned: 0, collab: 0 }, givenUp: null, profilesGivenUp: null });
});

test('the profile itself, listed among its followers, liking its own post or answering its commenters, is in no sample', () => {
  const self = lite('anna', 1)[0];
  self.username = 'anna';
  let t = start();
  let n = nextRequest(t);
  t = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: [...lite('f', 49), self], nextCursor: null, limited: true }, 1).state;
  assert.deepEqual([t.followers.lite.length, t.followers.lite.some((r) => r.username === 'anna')], [49, false]);
  n = nextRequest(t);
  assert.equal(n.request.kind, 'likers');
  t = applyOutcome(n.state, n.request.id, { kind: 'likers', accounts: [self, ...lite('l', 3)], userCount: 4 }, 2).state;
  assert.deepEqual(t.likers.lite.map((r) => r.username), ['l0', 'l1', 'l2']);
  n = nextRequest(t);
  t = applyOutcome(n.state, n.request.id, { kind: 'likers', accounts: lite('l', 2, 3), userCount: 2 }, 3).state;
  n = nextRequest(t);
  assert.equal(n.request.kind, 'comments');
  t = applyOutcome(n.state, n.request.id, { kind: 'comments', accounts: [...lite('c', 2), self], commentCount: 3,
    comments: [{ pk: '1', text: 'thanks!', user: { username: 'anna' } }] }, 4).state;
  assert.deepEqual(t.commenters.lite.map((r) => r.username), ['c0', 'c1']);
  assert.equal(t.commenters.comments.length, 1, "the profile's own replies stay with the comments");
});

test("list entries the adapter left out are counted per source, also on an audit stored before the count", () => {
  const skip = (...indices) => indices.map((index) => ({ index, error: `users[${index}].username must be a username` }));
  let t = start();
  let n = nextRequest(t);
  t = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 23), skipped: skip(3, 9), nextCursor: 'c25' }, 1).state;
  n = nextRequest(t);
  t = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 24, 23), skipped: skip(0), nextCursor: 'c50' }, 2).state;
  assert.equal(t.followers.skipped, 3);
  assert.equal(t.followers.lite.length, 47);
  // A stored audit from before: no count, read as none, then counted on.
  const old = { ...t, followers: { ...t.followers, skipped: undefined }, likers: { ...t.likers, skipped: undefined } };
  assert.equal(progressOf(old).sources.followers.skipped, 0);
  n = nextRequest(old);
  const next = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 24, 47), skipped: skip(4), nextCursor: null }, 3).state;
  assert.equal(progressOf(next).sources.followers.skipped, 1);
  n = nextRequest(next);
  assert.equal(n.request.kind, 'likers');
  const liked = applyOutcome(n.state, n.request.id, { kind: 'likers', accounts: lite('l', 10), skipped: skip(2, 5), userCount: 12 }, 4).state;
  assert.deepEqual(SOURCES.map((src) => progressOf(liked).sources[src].skipped), [1, 2, 0]);
});

test('a short follower list stops at the limit flag after one page; an empty cursor never loops', () => {
  const s = runAll(start(), { limited: true });
  assert.equal(s.followers.pagesDone, 1);
  assert.equal(s.followers.limited, true);
  assert.equal(s.followers.lite.length, 50);
  assert.equal(estimateRequest(s, 'followers').list_limited, true);
  assert.equal(progressOf(s).sources.followers.limited, true);
  // A page that repeats the cursor it was asked with ends the list too.
  let t = start();
  let n = nextRequest(t);
  t = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'c25' }, 1).state;
  n = nextRequest(t);
  t = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25, 25), nextCursor: 'c25' }, 2).state;
  assert.equal(t.followers.ended, true);
  assert.equal(nextRequest(t).request.kind, 'likers');
});

test('a list shorter than planned ends the followers phase early', () => {
  const s = runAll(start(), { total: 30 });
  assert.equal(s.followers.pagesDone, 2);
  assert.equal(s.followers.lite.length, 30);
  assert.equal(progressOf(s).pagesTarget, 2);
});

test('pages a short list did not need go to more followers fetched in full, within the planned requests', () => {
  const plan = auditPlan(SETTINGS, POSTS);
  const full = runAll(start(), {});
  const short = runAll(start(), { limited: true });
  assert.equal(full.followers.pagesDone, 3);
  assert.equal(full.picks.followers.length, 5, 'a list read to its planned pages keeps the planned full fetches');
  assert.equal(short.followers.pagesDone, 1);
  assert.equal(short.picks.followers.length, 5 + 2, 'the two pages the limit flag saved');
  assert.equal(short.requests, full.requests, 'the same requests as the plan, spent on followers instead of pages');
  assert.ok(short.requests <= plan.requests);
  assert.equal(progressOf(short).sources.followers.checked, 7);
  // Reproducible, and the picks are followers.
  assert.deepEqual(runAll(start(), { limited: true }).picks, short.picks);
  assert.ok(short.picks.followers.every((u) => /^f\d+$/.test(u)));
  // Settings that fetch no follower in full get none.
  const none = runAll(start({}, { auditFullSize: 0 }), { limited: true });
  assert.equal(none.picks.followers.length, 0);
});

test('the default audit stays within its budget, and the budget caps any settings', () => {
  const plan = auditPlan(DEFAULT_SETTINGS, POSTS.concat([{ id: '16', likes: 5, comments: 5 }]));
  assert.ok(plan.requests <= 45, `default plan ${plan.requests}`);
  assert.equal(plan.budget, 45);
  const d = runAll(newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 12400,
    posts: POSTS.concat([{ id: '16', likes: 5, comments: 5 }]), settings: DEFAULT_SETTINGS, now: 0, seed: 1 }));
  assert.ok(d.requests <= 45, `default audit used ${d.requests}`);
  const big = runAll(start({}, { auditListSize: 500, auditFullSize: 100, auditBudget: 30 }));
  assert.equal(big.requests, 30);
  assert.equal(big.budgetReached, true);
  assert.equal(progressOf(big).budgetReached, true);
});

test('asking again returns the same pending request; a duplicate answer changes nothing', () => {
  let s = start();
  const a = nextRequest(s); s = setPendingTime(a.state, 123);
  const b = nextRequest(s);
  assert.deepEqual(b.request, { ...a.request, at: 123, held: {} });
  const page = { kind: 'page', accounts: lite('f', 25), nextCursor: 'c25' };
  const first = applyOutcome(b.state, a.request.id, page, 1);
  assert.equal(first.applied, true);
  const again = applyOutcome(first.state, a.request.id, page, 2);
  assert.equal(again.applied, false);
  assert.equal(again.state.requests, 1);
  assert.equal(again.state.followers.lite.length, 25);
});

test('a pending request keeps what held it back (the cap, Instagram not answering), also when handed out again', () => {
  let s = start();
  const a = nextRequest(s);
  s = setPendingTime(a.state, 5000, { cap: 200 });
  // Stored and read back (a worker restart), the same request says the same.
  s = JSON.parse(JSON.stringify(s));
  const again = nextRequest(s);
  assert.equal(again.request.id, a.request.id);
  assert.deepEqual(heldOf(again.request), { cap: 200 });
  assert.deepEqual(heldOf(setPendingTime(a.state, 5000, { unavailable: 0 }).pending), { unavailable: 0 });
  assert.deepEqual(heldOf(setPendingTime(a.state, 5000, {}).pending), {});
  assert.deepEqual(heldOf(setPendingTime(a.state, 5000).pending), {});
  // A pending request stored before `held` was kept, or a malformed one: no claim about why.
  const old = { ...a.state, pending: { ...a.state.pending, at: 5000 } };
  assert.deepEqual(heldOf(nextRequest(old).request), {});
  for (const held of [null, 'cap', { cap: '200' }, { cap: 0 }, { unavailable: -1 }]) assert.deepEqual(heldOf({ held }), {}, JSON.stringify(held));
  assert.deepEqual(heldOf(null), {});
});

test('the state survives a JSON round trip at every step (as storage does)', () => {
  let s = start();
  let steps = 0;
  for (;;) {
    s = JSON.parse(JSON.stringify(s));
    const n = nextRequest(s);
    s = JSON.parse(JSON.stringify(n.state));
    if (!n.request) break;
    s = applyOutcome(s, n.request.id, answer(n.request, s), 1).state;
    steps++;
  }
  assert.equal(s.status, 'done');
  assert.equal(s.requests, steps);
  assert.equal(steps, 18);
});

test('a rate limit counts the request and retries; on a profile fetch it switches to users/<id>/info', () => {
  let s = start();
  const a = nextRequest(s);
  s = applyOutcome(a.state, a.request.id, { kind: 'rate_limited', retryAt: 999 }, 1).state;
  assert.equal(s.requests, 1);
  assert.equal(s.rateLimited, 1);
  assert.equal(progressOf(s).retryAt, 999);
  const b = nextRequest(s);
  assert.equal(b.request.url, a.request.url);
  assert.notEqual(b.request.id, a.request.id);
  assert.equal(s.profileEndpoint, 'web_profile_info');  // a list's rate limit keeps the endpoint
  // Into the profiles phase, then a "wait" on web_profile_info.
  s = b.state;
  let n;
  for (;;) {
    n = nextRequest(s);
    if (n.request.kind === 'profile') break;
    s = applyOutcome(n.state, n.request.id, answer(n.request, n.state), 1).state;
  }
  assert.equal(n.request.endpoint, 'web_profile_info');
  s = applyOutcome(n.state, n.request.id, { kind: 'rate_limited', retryAt: 5 }, 2).state;
  const m = nextRequest(s);
  assert.equal(m.request.target, n.request.target);
  assert.equal(m.request.endpoint, 'users_info');
  assert.match(m.request.url, /\/api\/v1\/users\/9\d{3}\/info\/$/);
});

test('Instagram not answering backs off like a rate limit, counted as one, and says which while it waits', () => {
  let s = start();
  const a = nextRequest(s);
  s = applyOutcome(a.state, a.request.id, { kind: 'rate_limited', retryAt: 999, unavailable: 503 }, 1).state;
  assert.equal(s.rateLimited, 1);
  assert.deepEqual([progressOf(s).retryAt, progressOf(s).retryUnavailable], [999, 503]);
  const b = nextRequest(s);
  assert.equal(b.request.url, a.request.url);
  // A rate limit after it is a rate limit again; an answer clears the wait.
  s = applyOutcome(b.state, b.request.id, { kind: 'rate_limited', retryAt: 2000 }, 2).state;
  assert.deepEqual([s.rateLimited, progressOf(s).retryUnavailable], [2, null]);
  const c = nextRequest(s);
  s = applyOutcome(c.state, c.request.id, { kind: 'rate_limited', retryAt: 3000, unavailable: 0 }, 3).state;
  assert.equal(progressOf(s).retryUnavailable, 0);
  const d = nextRequest(s);
  s = applyOutcome(d.state, d.request.id, answer(d.request, d.state), 4).state;
  assert.deepEqual([progressOf(s).retryAt, progressOf(s).retryUnavailable, s.rateLimited], [null, null, 3]);
  // An audit stored before the field existed still loads: its wait reads as a rate limit.
  const old = { ...applyOutcome(nextRequest(s).state, nextRequest(s).request.id, { kind: 'rate_limited', retryAt: 9 }, 5).state };
  delete old.retryUnavailable;
  assert.deepEqual([progressOf(old).retryAt, progressOf(old).retryUnavailable], [9, null]);
  const e = nextRequest(old);
  assert.equal(applyOutcome(e.state, e.request.id, { kind: 'rate_limited', retryAt: 10, unavailable: 502 }, 6).state.retryUnavailable, 502);
});

// An audit whose first likers list could not be read, run to its end.
function withFirstLikersFailed() {
  let s = start();
  for (;;) {
    const n = nextRequest(s);
    s = n.state;
    if (n.request.kind === 'likers') return runAll(applyOutcome(s, n.request.id, { kind: 'list_failed' }, 1).state);
    s = applyOutcome(s, n.request.id, answer(n.request, s), 1).state;
  }
}

test('a post whose list cannot be read costs that post only', () => {
  const s2 = withFirstLikersFailed();
  assert.equal(s2.status, 'done');
  assert.equal(s2.likers.done, 2);
  assert.equal(s2.likers.lite.length, 30);  // the second post's only
  // Its 120 likes are no part of the population bound (only the post read: its 40 likers), and
  // the panel's row learns that one of the 2 posts could not be read.
  assert.equal(populationOf(s2, 'likers'), 40);
  assert.deepEqual([progressOf(s2).sources.likers.posts, progressOf(s2).sources.likers.postsFailed], [2, 1]);
  // The estimate is about the likers of 1 of the 2 posts read, and says so.
  const req = estimateRequest(s2, 'likers');
  assert.deepEqual([req.posts, req.of_posts], [1, 2]);
  assert.equal(estimateRequest(start(), 'likers'), null);
});

test('login, challenge and private stop the audit and keep what was learned', () => {
  let s = start();
  let n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'x' }, 1).state;
  n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'stop', reason: 'logged_out' }, 2).state;
  assert.equal(s.status, 'stopped');
  assert.equal(s.stopReason, 'logged_out');
  assert.equal(s.followers.lite.length, 25);
  assert.equal(nextRequest(s).request, null);
});

test('cancel keeps the sample and drops only the pending request', () => {
  let s = start();
  let n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'x' }, 1).state;
  n = nextRequest(s);
  const c = cancelAudit(n.state, 5);
  assert.equal(c.status, 'cancelled');
  assert.equal(c.pending, null);
  assert.equal(c.followers.lite.length, 25);
  assert.equal(applyOutcome(c, n.request.id, { kind: 'page', accounts: [], nextCursor: null }, 6).applied, false);
  assert.equal(c.requests, 1, 'the pending request no page claimed never went: not counted');
});

// A page had claimed the pending request (so sent it) when another tab's Cancel came: its answer is
// refused, and the request was made and counted nowhere; a resume asked the same page again.
test('cancel counts the pending request a page has claimed: it went, and its answer will be refused', () => {
  let s = start();
  let n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'x' }, 1).state;
  n = nextRequest(s);
  const claimed = claimPending(n.state, '1:0', 2, 1000, 300, 'a1');
  assert.equal(claimed.go, true);
  assert.equal(claimed.state.requests, 1, 'a first claim counts at its answer');
  const c = cancelAudit(claimed.state, 3);
  assert.deepEqual([c.status, c.pending, c.requests], ['cancelled', null, 2]);
  assert.equal(applyOutcome(c, n.request.id, { kind: 'page', accounts: [], nextCursor: null }, 4).applied, false, 'its answer refused, not counted twice');
  // Cancelled again (already ended): nothing more counted.
  assert.equal(cancelAudit(c, 5).requests, 2);
});

test('each source\'s estimator request: its records, full ones in place, and the population it was drawn from', () => {
  const s = runAll(start());
  const f = estimateRequest(s, 'followers');
  assert.equal(f.source, 'followers');
  assert.equal(f.population, 12400);
  assert.equal(f.sampling, 'newest_first');
  assert.equal(f.list_limited, false);
  assert.equal(f.followers.length, 75);
  assert.equal(f.followers.filter((r) => r.phase === 'lite').length, 70);
  const l = estimateRequest(s, 'likers');
  assert.equal(l.source, 'likers');
  assert.equal(l.posts, 2);
  assert.equal(l.followers.filter((r) => r.media_count === 3).length, 3);
  // Post 13 hides its like count, but its likers answer says 40 (more than its 30 listed): 120 + 40.
  assert.equal(l.population, 160);
  assert.equal(estimateRequest(s, 'commenters').population, 9 + 4);
  // Unknown counts: the followers count stands in (large, never the listed few).
  const hidden = { ...s, likers: { ...s.likers, media: s.likers.media.map((m) => ({ ...m, count: null })) } };
  assert.equal(populationOf(hidden, 'likers'), 12400);
  assert.equal(estimateRequest(start(), 'likers'), null);
});

test('a follower count nobody could read stays unknown: never 0, never the number listed', () => {
  for (const followerCount of [null, undefined, -1, 2.5]) {
    const s = runAll(start({ followerCount }));
    assert.equal(s.followers.population, null, String(followerCount));
    assert.equal(populationOf(s, 'followers'), null);
    const f = estimateRequest(s, 'followers');
    assert.equal(f.followers.length, 75);
    assert.ok('population' in f && f.population === null, 'the request says unknown in so many words');
    assert.equal(JSON.parse(JSON.stringify(f)).population, null);
    assert.equal(progressOf(s).sources.followers.population, null);
    // Likers and commenters whose posts all give their counts keep those as their population.
    assert.equal(estimateRequest(s, 'likers').population, 160);
    assert.equal(estimateRequest(s, 'commenters').population, 9 + 4);
  }
  // A post hiding its count: the followers count stood in; unknown as well, it stays unknown.
  const s = runAll(start({ followerCount: null }));
  const hidden = { ...s, likers: { ...s.likers, media: s.likers.media.map((m) => ({ ...m, count: null })) } };
  assert.equal(populationOf(hidden, 'likers'), null);
  assert.equal(estimateRequest(hidden, 'likers').population, null);
  // An audit stored when an unread count was kept as 0 reads as unknown too.
  const old = { ...s, followers: { ...s.followers, population: 0 } };
  assert.equal(populationOf(old, 'followers'), null);
  assert.equal(progressOf(old).sources.followers.population, null);
  assert.equal(populationOf({ ...old, likers: hidden.likers }, 'likers'), null);
});

test('the engine takes an audit with an unknown follower count as unknown: the widest interval, no count in the report', async () => {
  const engine = await loadEngine();
  // One audit's sample, read under each follower count (the plan caps pages and checks by a known
  // count, so audits started with different counts would differ in what they read).
  const audit = runAll(start({ followerCount: null }), { limited: true });
  const run = (followerCount) => JSON.parse(engine.estimateAudience(JSON.stringify(
    estimateRequest({ ...audit, followers: { ...audit.followers, population: followerCount } }, 'followers'))));
  const unknown = run(null);
  assert.equal(unknown.error, undefined, JSON.stringify(unknown.error));
  assert.equal(unknown.total_followers, null);
  assert.equal(unknown.population, null);
  assert.equal(unknown.sampling_note.id, 'sampling.newest_limited_unknown');
  // The 50 listed taken as the whole audience (what a made-up 0 became) would be a census.
  const census = run(50), large = run(10_000_000);
  // The known definitions' own intervals show the finite-population correction (the bounds for
  // definitions beyond them may set both ends alike).
  assert.ok(width(unknown) >= width(census), `${width(unknown)} vs census ${width(census)}`);
  assert.ok(regimesWidth(unknown) > regimesWidth(census) + 5, `${regimesWidth(unknown)} vs census ${regimesWidth(census)}`);
  assert.ok(width(unknown) >= width(large), `${width(unknown)} vs ${width(large)}`);
  assert.equal(unknown.fake_percent, large.fake_percent);
});

test('a followers list refusing: private when the profile is or when its document did not say, never a guess of public', () => {
  const stop = (isPrivate, kind) => followersRefusal(isPrivate, kind);
  for (const isPrivate of [true, null]) {
    assert.deepEqual(stop(isPrivate, 'forbidden'), { kind: 'stop', reason: 'private' });
    assert.deepEqual(stop(isPrivate, 'not_found'), { kind: 'stop', reason: 'private' });
  }
  // A profile read as public whose list refuses has most likely turned private since: said so
  // (with a recheck to make), not as Instagram having changed its answers.
  assert.deepEqual(stop(false, 'forbidden'), { kind: 'stop', reason: 'list_refused' });
  assert.deepEqual(stop(false, 'not_found'), { kind: 'stop', reason: 'not_found' });
  for (const isPrivate of [true, false, null]) assert.equal(stop(isPrivate, 'ok'), null);
  // The audit keeps the unknown it was started with.
  assert.equal(start({ isPrivate: null }).isPrivate, null);
});

test('one page sends a pending request: another waits for its answer, and takes over once the holder is gone that long', () => {
  const a = { status: 'running', pending: { id: 4, kind: 'page', url: 'u' } };
  const ttl = 40_000;
  const first = claimPending(a, '7:0', 1000, ttl, 500);
  assert.equal(first.go, true);
  assert.deepEqual(first.state.pending.claim, { holder: '7:0', at: 1000, attempt: null });
  // Another tab asks again soon, never before the holder's claim runs out.
  assert.deepEqual(claimPending(first.state, '9:0', 1200, ttl, 500), { state: first.state, go: false, at: 1700 });
  assert.deepEqual(claimPending(first.state, '9:0', 40_900, ttl, 500), { state: first.state, go: false, at: 41_000 });
  // The holder itself (a reloaded page of its tab, or its own retry) goes on; so does another
  // once the holder has been silent past the limit.
  assert.equal(claimPending(first.state, '7:0', 2000, ttl, 500).go, true);
  const taken = claimPending(first.state, '9:0', 41_000, ttl, 500);
  assert.equal(taken.go, true);
  assert.deepEqual(taken.state.pending.claim, { holder: '9:0', at: 41_000, attempt: null });
  assert.equal(claimPending({ status: 'running', pending: null }, '7:0', 0, ttl, 500).go, false);
});

test('the plan fits the budget: follower pages past the first go first, then full checks, then posts; the audit then does what it said', () => {
  // 1,000 followers asked for (40 pages) on a budget of 45: before, the pages took it all and
  // no account was checked in full, though the plan had promised them.
  const long = { auditListSize: 1000, auditFullSize: 15, auditEngagersFull: 8, auditPosts: 3, auditBudget: 45 };
  const posts = Array.from({ length: 6 }, (_, i) => ({ id: String(20 + i), likes: 50, comments: 5 }));
  const plan = auditPlan({ ...SETTINGS, ...long }, posts);
  assert.deepEqual([plan.followers, plan.likers.posts, plan.likers.full, plan.commenters.posts, plan.commenters.full, plan.requests],
                   [{ pages: 8, full: 15 }, 3, 8, 3, 8, 45]);
  assert.deepEqual(plan.asked, { pages: 40, full: 31, posts: 6 });
  const reqs = [];
  const s = runAll(start({ posts }, long), { total: 5000 }, (r) => reqs.push(r));
  const count = (k) => reqs.filter((r) => r.kind === k).length;
  assert.deepEqual([count('page'), count('likers'), count('comments'), count('profile')], [8, 3, 3, 31]);
  assert.equal(s.requests, 45);
  // Nothing cut when it fits (the default plan); a tiny budget keeps one page, then the posts' lists.
  assert.equal(auditPlan(DEFAULT_SETTINGS, posts).asked, null);
  const ten = auditPlan({ ...SETTINGS, ...long, auditBudget: 10 }, posts);
  assert.deepEqual([ten.followers, ten.likers.full, ten.commenters.full, ten.requests], [{ pages: 1, full: 3 }, 0, 0, 10]);
  const one = auditPlan({ ...SETTINGS, ...long, auditBudget: 1 }, posts);
  assert.deepEqual([one.followers, one.likers.posts, one.commenters.posts, one.media.likers, one.requests], [{ pages: 1, full: 0 }, 0, 0, [], 1]);
  // The plan's words say what the budget cut, and never promise the posts it left out.
  const t = translator(flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url)))), {}, 'en');
  assert.match(auditPlanText(t, plan), /reads up to 8 pages of followers.*checks 31 of those accounts in full.*at most 45 requests \(budget 45\), paced\. The budget of 45 requests cuts what the options ask for: 8 of 40 pages of followers, 31 of 31 accounts in full\. At the pacing set \(one request every 1\.5 s\), that takes about 1 minute, longer when Instagram asks to slow down or the hourly cap is reached\.$/);
  assert.match(auditPlanText(t, one), /^An audit reads 1 page of followers and checks 0 of them in full: at most 1 request \(budget 1\), paced\. The budget leaves none for the likers and commenters of recent posts\./);
  assert.doesNotMatch(auditPlanText(t, auditPlan(DEFAULT_SETTINGS, posts)), /cuts/);
  // The hourly cap holding part of it is said, with when the last request can go, or that it takes over an hour.
  const held = { ...auditPlan(DEFAULT_SETTINGS, posts), capHold: { cap: 200, left: 10, until: Date.UTC(2026, 11, 6, 19, 45) } };
  const at = new Date(held.capHold.until).toLocaleTimeString('en', { hour: 'numeric', minute: '2-digit' });
  assert.ok(auditPlanText(t, held).endsWith(`Fakemeter's own hourly cap (200 requests, in the options) has 10 left now: the rest wait, the last of them until about ${at}.`));
  assert.match(auditPlanText(t, { ...held, capHold: { cap: 40, left: 0, until: null } }), /has 0 left now, and this audit asks for more than the cap: it takes over an hour\.$/);
  // The time at the pacing set: 77 requests 3 s apart is about 4 minutes.
  assert.match(auditPlanText(t, auditPlan({ ...SETTINGS, ...long, auditBudget: 200, pacingMs: 3000 }, posts)),
               /at most 77 requests \(budget 200\), paced\. At the pacing set \(one request every 3 s\), that takes about 4 minutes,/);
  // A plan asking for more requests than the hourly cap allows takes over an hour, whatever the
  // pacing: the options page said "about 6 minutes" of 257 requests under a cap of 200.
  const big = auditPlan({ ...SETTINGS, ...long, auditFullSize: 200, auditEngagersFull: 100, auditBudget: 500, hourlyCap: 200 }, posts);
  assert.ok(big.requests > 200);
  const bigText = auditPlanText(t, big);
  assert.doesNotMatch(bigText, /takes about \d+ minutes/);
  assert.match(bigText, /paced\. It asks for more requests than Fakemeter's own hourly cap \(200 requests, in the options\) allows: it takes over an hour, not the 9 minutes the pacing set \(one request every 1\.5 s\) alone would take\.$/);
  // Said once where the panel also says how the cap holds it now (capHold, all of it over the cap).
  const heldOver = auditPlanText(t, { ...big, capHold: { cap: 200, left: 150, until: null } });
  assert.doesNotMatch(heldOver, /takes about|asks for more requests than/);
  assert.match(heldOver, /paced\. Fakemeter's own hourly cap \(200 requests, in the options\) has 150 left now, and this audit asks for more than the cap: it takes over an hour\.$/);
  // Within the cap, the time as before.
  assert.match(auditPlanText(t, auditPlan({ ...SETTINGS, ...long, auditBudget: 200, pacingMs: 3000, hourlyCap: 77 }, posts)), /that takes about 4 minutes,/);
});

// A post with its comments switched off keeps the count of before, and its list answers nothing:
// it was read (a request for nothing) and its count stayed in the population bound.
test('a post with comments switched off is not read for commenters; its likers still are', () => {
  const posts = POSTS.map((p) => (p.id === '11' ? { ...p, commentsDisabled: true } : p));
  const plan = auditPlan(SETTINGS, posts);
  assert.deepEqual(plan.media.commenters.map((m) => m.id), ['13', '14']);
  assert.deepEqual(plan.media.likers.map((m) => m.id), ['11', '13']);
  assert.deepEqual(auditPlan(SETTINGS, POSTS).media.commenters.map((m) => m.id), ['11', '13']);
});

// The plan promised "who liked and who commented on the last 3 posts" where no post had comments,
// and "no recent posts" of a profile whose posts Instagram's fallback answer left out.
test('the plan names only the sources the recent posts give, and says when the posts were not read', () => {
  const t = translator(flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url)))), {}, 'en');
  const noComments = POSTS.map((p) => ({ ...p, comments: 0 }));
  assert.match(auditPlanText(t, auditPlan(SETTINGS, noComments)), /and who liked the last 2 posts \(no recent post has comments to read\)/);
  const noLikes = POSTS.map((p) => ({ ...p, likes: 0 }));
  assert.match(auditPlanText(t, auditPlan(SETTINGS, noLikes)), /and who commented on the last 2 posts \(no recent post shows likes to read\)/);
  assert.match(auditPlanText(t, auditPlan(SETTINGS, POSTS)), /who liked and who commented on the last 2 posts/);
  assert.match(auditPlanText(t, auditPlan(SETTINGS, [])), /No recent posts to read likers or commenters of\. At the pacing set/);
  assert.match(auditPlanText(t, auditPlan(SETTINGS, []), { postsUnread: true }),
               /Instagram gave no posts this time \(the profile was read from its account info\), so the likers and commenters of recent posts are not read/);
});

// Found with extreme profiles: one follower was planned 4 pages and 23 checks; a profile with no
// followers an audit of followers; "no recent posts" was said of 12 posts without likes or
// comments and of options that read none.
test('a known follower count and like counts cap the plan; the plan says why it reads no engagers', () => {
  const t = translator(flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url)))), {}, 'en');
  const one = auditPlan(DEFAULT_SETTINGS, [{ id: '1', likes: 1, comments: 0 }], 1);
  assert.deepEqual([one.followers, one.likers.posts, one.likers.full, one.commenters.posts], [{ pages: 1, full: 1 }, 1, 1, 0]);
  assert.equal(one.requests, 4);
  assert.deepEqual(auditPlan(DEFAULT_SETTINGS, [], 60).followers, { pages: 3, full: DEFAULT_SETTINGS.auditFullSize });
  assert.deepEqual(auditPlan(DEFAULT_SETTINGS, [], null).followers, auditPlan(DEFAULT_SETTINGS, []).followers);
  // A hidden like count caps nothing.
  assert.equal(auditPlan(DEFAULT_SETTINGS, [{ id: '1', likes: null, comments: 0 }], 1).likers.full, DEFAULT_SETTINGS.auditEngagersFull);
  // No followers: the posts' engagers alone, or nothing to start.
  const none = auditPlan(DEFAULT_SETTINGS, [{ id: '1', likes: 40, comments: 2 }], 0);
  assert.deepEqual(none.followers, { pages: 0, full: 0 });
  assert.match(auditPlanText(t, none), /^This profile has no followers to read\. An audit reads who liked or commented on the last post and checks \d+ of those accounts in full/);
  const nothing = auditPlan(DEFAULT_SETTINGS, [{ id: '1', likes: 0, comments: 0 }], 0);
  assert.equal(nothing.requests, 0);
  assert.equal(auditPlanText(t, nothing), 'Nothing for an audit to read: this profile has no followers, and no recent post has likes or comments to list.');
  // An audit of no followers reads no page, and goes to the likers.
  const reqs = [];
  const s = runAll(start({ followerCount: 0, posts: [{ id: '31', likes: 40, comments: 0 }] }), {}, (r) => reqs.push(r));
  assert.equal(s.status, 'done');
  assert.deepEqual([...new Set(reqs.map((r) => r.kind))].filter((k) => k !== 'profile'), ['likers']);
  // Why no engagers: the posts have none, the options read none, there are no posts.
  const quiet = Array.from({ length: 12 }, (_, i) => ({ id: String(i + 1), likes: 0, comments: 0 }));
  assert.match(auditPlanText(t, auditPlan(DEFAULT_SETTINGS, quiet, 500)), /The profile's recent posts have no likes or comments to list\./);
  assert.match(auditPlanText(t, auditPlan({ ...DEFAULT_SETTINGS, auditPosts: 0 }, POSTS, 500)), /The options are set not to read the likers and commenters of recent posts\./);
  assert.match(auditPlanText(t, auditPlan(DEFAULT_SETTINGS, [], 500)), /No recent posts to read likers or commenters of\./);
});

// A tab closed (or reloaded) while its request was out: the request is sent again by the page
// that takes over, and that second send counts among the audit's requests (before, the stand-in
// saw 11 requests of an audit that counted 10).
test('a request claimed again is counted as sent twice; the same claim asked again counts nothing', () => {
  const a = { status: 'running', requests: 3, pending: { id: 4, kind: 'page', url: 'u' } };
  const ttl = 40_000;
  const first = claimPending(a, '7:0', 1000, ttl, 500, 'a1');
  assert.equal(first.go, true);
  assert.equal(first.state.requests, 3, 'the first send is counted when its answer comes');
  // The claim message asked again (its answer lost while the worker restarted): nothing new.
  assert.deepEqual(claimPending(first.state, '7:0', 1100, ttl, 500, 'a1'), { state: first.state, go: true });
  // Another page takes over once the holder is gone: a second send.
  const again = claimPending(first.state, '9:0', 41_000, ttl, 500, 'b1');
  assert.equal(again.go, true);
  assert.equal(again.state.requests, 4);
  assert.deepEqual(again.state.pending.claim, { holder: '9:0', at: 41_000, attempt: 'b1' });
  // The same tab after a reload sends it again too.
  assert.equal(claimPending(first.state, '7:0', 2000, ttl, 500, 'a2').state.requests, 4);
});

// The user left the profile within the app with the request out, and came back before its answer:
// the same tab and document, so the same holder, whose earlier page still has the request out. It
// claimed the step again and sent it a second time (the first answer taken, the second refused).
test('the holder\'s page with its earlier claim\'s request still out waits for that answer, up to the claim\'s limit', () => {
  const a = { status: 'running', requests: 3, pending: { id: 4, kind: 'page', url: 'u' } };
  const ttl = 40_000;
  const first = claimPending(a, '7:0', 1000, ttl, 500, 'a1');
  // Back on the profile: a new claim of the same holder, its earlier request out.
  assert.deepEqual(claimPending(first.state, '7:0', 2000, ttl, 500, 'a2', { outstanding: true }),
                   { state: first.state, go: false, at: 2500 });
  assert.deepEqual(claimPending(first.state, '7:0', 40_900, ttl, 500, 'a2', { outstanding: true }),
                   { state: first.state, go: false, at: 41_000 });
  // No answer by the claim's limit: sent again, and counted.
  const again = claimPending(first.state, '7:0', 41_000, ttl, 500, 'a2', { outstanding: true });
  assert.equal(again.go, true);
  assert.equal(again.state.requests, 4);
  // The same claim asked again still goes; nothing out (a reload) goes at once, as before.
  assert.equal(claimPending(first.state, '7:0', 2000, ttl, 500, 'a1', { outstanding: true }).go, true);
  assert.equal(claimPending(first.state, '7:0', 2000, ttl, 500, 'a2').go, true);
});

// The audit answered as Instagram would up to its first request of `kind`: {state, next} (that
// request handed out, not answered).
function answeredUntil(state, kind) {
  let s = state;
  for (;;) {
    const n = nextRequest(s);
    if (n.request.kind === kind) return { state: n.state, next: n };
    s = applyOutcome(n.state, n.request.id, answer(n.request, n.state), 1).state;
  }
}

// One post's likers answering 500 while all else worked was retried for good: the audit read
// nothing else, every other check waited behind its back-off, and the budget went on retries.
test('one post\'s list refused try after try is put back behind the others, then given up; the followers list is tried on', () => {
  let { state: s, next: n } = answeredUntil(start(), 'likers');
  const post = n.request.target;
  // No answer at all (status 0; a server error has rules of its own, below).
  for (let i = 1; i <= MAX_ITEM_TRIES; i++) {
    const r = i === 1 ? n : nextRequest(s);
    assert.deepEqual([r.request.kind, r.request.target], ['likers', post], `try ${i} is the same post`);
    s = applyOutcome(r.state, r.request.id, { kind: 'rate_limited', retryAt: i, unavailable: 0 }, 1).state;
  }
  // Put back behind the other post once (a wait or a silence is Instagram's, not the post's) ...
  assert.equal(s.likers.done, 0);
  assert.deepEqual(s.likers.media.map((m) => [m.id === post, !!m.deferred]), [[false, false], [true, true]]);
  assert.equal(s.rateLimited, MAX_ITEM_TRIES, 'every refusal counted, the last one too');
  const other = nextRequest(s);
  assert.equal(other.request.kind, 'likers');
  assert.notEqual(other.request.target, post, 'the audit goes on with the next post');
  s = applyOutcome(other.state, other.request.id, answer(other.request, other.state), 1).state;
  // ... asked again after it, and given up at its next refusal, with why.
  const again = nextRequest(s);
  assert.deepEqual([again.request.kind, again.request.target], ['likers', post]);
  s = applyOutcome(again.state, again.request.id, { kind: 'rate_limited', retryAt: 9, unavailable: 0 }, 1).state;
  assert.equal(s.likers.media[1].failed, 'unanswered', 'given up: Instagram did not answer');
  assert.equal(s.likers.done, 2);
  assert.deepEqual(progressOf(s).sources.likers.postsFailedWhy, { unanswered: 1 });
  assert.equal(runAll(s).status, 'done');
  // Asked to wait, try after try, also after the others: given up as 'slowed'.
  let w = answeredUntil(start(), 'likers').state;
  for (let i = 0; i < MAX_ITEM_TRIES + 2; i++) {
    const r = nextRequest(w);
    if (r.request.kind !== 'likers') break;
    const refuse = r.request.target === post;
    w = applyOutcome(r.state, r.request.id, refuse ? { kind: 'rate_limited', retryAt: i } : answer(r.request, r.state), 1).state;
  }
  assert.deepEqual(progressOf(w).sources.likers.postsFailedWhy, { slowed: 1 });
  // The followers list: tried on however often it is refused.
  let f = start();
  for (let i = 0; i < MAX_ITEM_TRIES + 2; i++) {
    const r = nextRequest(f);
    assert.equal(r.request.kind, 'page');
    f = applyOutcome(r.state, r.request.id, { kind: 'rate_limited', retryAt: i }, 1).state;
  }
  assert.equal(f.followers.pagesDone, 0);
});

// One post's likers answering 500 try after try held the whole audit: the scheduler backs off the
// likers alone, but the audit's one pending request was that post's, waiting out ever longer
// waits, so no comment and no account was read; and an answer of another kind in between started
// the post's tries again, so it was never given up. The next step under a kind's wait is another
// kind's request, and the post's tries are its own.
test('under a wait of one kind (a server error\'s) the audit goes on with the other kinds and gives that post up', () => {
  let { state: s } = answeredUntil(start(), 'likers');
  const post = s.likers.media[0].id;
  let heldFor = 0;       // steps the likers' wait still holds (the scheduler's kind wait)
  let inRow = 0;         // the likers' server errors in a row (the scheduler's level)
  const asked = [];
  for (let guard = 0; guard < 200; guard++) {
    const held = heldFor > 0 ? ['likers'] : [];
    const n = nextRequest(s, { held });
    s = n.state;
    if (!n.request) break;
    asked.push(n.request);
    // Nothing of a held kind goes while another request can.
    if (held.length && n.request.kind === 'likers') {
      assert.ok(!['comments', 'profile'].some((k) => runnable(s, k)), `likers asked while held at step ${guard}`);
    }
    heldFor = Math.max(0, heldFor - 1);
    if (n.request.kind === 'likers' && n.request.target === post) {
      s = applyOutcome(s, n.request.id, { kind: 'rate_limited', retryAt: 5, unavailable: 500, of: 'likers', inRow: ++inRow }, 1).state;
      heldFor = 3;
      // Said as the likers' wait, until the post is given up (its last refusal).
      if (!s.likers.media.find((m) => m.id === post).failed) {
        assert.deepEqual([progressOf(s).retryOf, progressOf(s).retryUnavailable], ['likers', 500]);
      }
    } else {
      if (n.request.kind === 'likers') inRow = 0;
      s = applyOutcome(s, n.request.id, answer(n.request, s), 1).state;
    }
    // The likers' wait stays said while the other kinds' answers come in (until its time, 5).
    if (n.request.kind !== 'likers' && heldFor > 0 && !s.likers.media.find((m) => m.id === post).failed) {
      assert.equal(progressOf(s).retryOf, 'likers');
    }
  }
  assert.equal(s.status, 'done');
  const refused = asked.filter((r) => r.kind === 'likers' && r.target === post).length;
  // A server error puts it behind the other post at once, and the next gives it up: two tries, the
  // likers' back-off before each (it was asked three times, then once more, waits doubling).
  assert.equal(refused, 2, 'asked, put behind the other post, asked once more and given up');
  assert.ok(asked.findIndex((r) => r.kind === 'likers' && r.target !== post) < asked.findLastIndex((r) => r.kind === 'likers' && r.target === post),
    'the other post read between its tries');
  assert.equal(s.likers.media.find((m) => m.id === post).failed, 'server');
  assert.deepEqual(progressOf(s).sources.likers.postsFailedWhy, { server: 1 });
  assert.equal(progressOf(s).sources.likers.givenUp, null, 'one post failing gives up that post, not its source');
  assert.ok(s.estimates !== undefined && s.likers.lite.length > 0, 'the other post\'s likers listed');
  // Everything else was read: the comments of both posts and every pick of every source.
  assert.equal(s.commenters.done, s.commenters.media.length);
  assert.ok(s.commenters.media.every((m) => !m.failed));
  for (const src of SOURCES) assert.ok(s.picks[src].every((u) => s.full[u]), `${src} picks read`);
  // The comments were read while the likers waited, before the post was given up.
  const firstComment = asked.findIndex((r) => r.kind === 'comments');
  const lastRefused = asked.findLastIndex((r) => r.kind === 'likers' && r.target === post);
  assert.ok(firstComment >= 0 && firstComment < lastRefused, 'comments read meanwhile');
  assert.deepEqual(s.retries, {}, 'no tries left over');
});

// Whether the audit has a request of this kind it could make (for the check above).
function runnable(s, kind) {
  if (kind === 'comments') return s.commenters.done < s.commenters.media.length;
  return SOURCES.some((src) => s.picks[src] && s.picks[src].some((u) => !s.full[u] && !s.failed.includes(u)));
}

test('a pending request of a held kind no page claimed is put back for another kind; a claimed one stays', () => {
  let { state: s, next: n } = answeredUntil(start(), 'likers');
  s = setPendingTime(n.state, 99_000, { unavailable: 500 });
  const moved = nextRequest(s, { held: ['likers'] });
  assert.equal(moved.request.kind, 'comments');
  assert.equal(moved.putBack.id, n.request.id, 'the held request is given back, its slot with it');
  // Its tries are its own: the likers request comes back once the wait is over.
  const done = applyOutcome(moved.state, moved.request.id, answer(moved.request, moved.state), 1).state;
  assert.equal(nextRequest(done).request.kind, 'likers');
  // A request a page claimed may be on its way: it stays.
  const claimed = claimPending(s, 'tab:1', 1, 1000, 100).state;
  assert.equal(nextRequest(claimed, { held: ['likers'] }).request.id, n.request.id);
  // Nothing else to do: the held request stays pending, with its slot.
  const only = start({ posts: [{ id: '11', likes: 5, comments: 0 }] }, { auditFullSize: 0, auditEngagersFull: 0 });
  const o = answeredUntil(only, 'likers');
  const kept = nextRequest(o.next.state, { held: ['likers'] });
  assert.equal(kept.request.id, o.next.request.id);
  assert.equal(kept.putBack, undefined);
});

// A 5xx or no connection on a full fetch moved every later full fetch to users/<id>/info for good
// (and when that endpoint could not be read, all of them failed).
test('web_profile_info not answering keeps the endpoint; an account users/<id>/info cannot give goes back to web_profile_info', () => {
  let { state: s, next: n } = answeredUntil(start(), 'profile');
  s = applyOutcome(s, n.request.id, { kind: 'rate_limited', retryAt: 5, unavailable: 503 }, 2).state;
  assert.equal(nextRequest(s).request.endpoint, 'web_profile_info');
  s = applyOutcome(nextRequest(s).state, nextRequest(s).request.id, { kind: 'rate_limited', retryAt: 6 }, 3).state;
  const m = nextRequest(s);
  assert.equal(m.request.endpoint, 'users_info');
  s = applyOutcome(m.state, m.request.id, { kind: 'profile_failed' }, 4).state;
  assert.equal(nextRequest(s).request.endpoint, 'web_profile_info');
});

// A liker listed without an id, picked while web_profile_info refuses: users/<id>/info cannot ask
// for it, so it went to web_profile_info three times, waiting out each refusal (found exploring).
test('a pick without an id while web_profile_info refuses is given up after one refusal, not three', () => {
  let { state: s, next: n } = answeredUntil(start(), 'profile');
  s = applyOutcome(s, n.request.id, { kind: 'rate_limited', retryAt: 5 }, 2).state;
  assert.equal(s.profileEndpoint, 'users_info');
  // The next pick loses its id, as a list entry without a pk would have it.
  const next = nextRequest(s).request.target;
  for (const src of SOURCES) s = { ...s, [src]: { ...s[src], lite: s[src].lite.map((r) => (r.username === next ? { ...r, pk: undefined } : r)) } };
  s = { ...s, pending: null };
  const m = nextRequest(s);
  assert.deepEqual([m.request.target, m.request.endpoint], [next, 'web_profile_info']);
  s = applyOutcome(m.state, m.request.id, { kind: 'rate_limited', retryAt: 6 }, 3).state;
  assert.ok(s.failed.includes(next), 'given up after its one refusal');
  assert.notEqual(nextRequest(s).request.target, next);
  // Instagram not answering at all says nothing of the endpoint: that is tried again as before.
  let t = { ...m.state };
  t = applyOutcome(t, m.request.id, { kind: 'rate_limited', retryAt: 6, unavailable: 503 }, 3).state;
  assert.ok(!t.failed.includes(next));
});

// Full fetches that failed were counted as checked: the likers' row said "8 checked" of 0 read.
test('a pick that could not be read in full is done but not checked; the source counts it as unread', () => {
  let s = start();
  for (let guard = 0; guard < 1000; guard++) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) break;
    const fail = n.request.kind === 'profile' && n.request.source === 'likers';
    s = applyOutcome(s, n.request.id, fail ? { kind: 'profile_failed' } : answer(n.request, s), 1).state;
  }
  const p = progressOf(s);
  assert.deepEqual([p.sources.likers.checked, p.sources.likers.unread], [0, 3]);
  assert.deepEqual([p.sources.followers.checked, p.sources.followers.unread], [5, 0]);
  assert.equal(p.profilesDone, p.profilesTarget, 'the failed picks are done');
});

// The history keeps what an audit measured per source (its exports say it): each source with an
// estimate, with the counts its row shows; the failed post is not counted among the posts read.
test('sourcesBrief: each estimated source in brief for the history', () => {
  const done = withFirstLikersFailed();
  assert.equal(sourcesBrief(done), null);  // nothing estimated yet
  const est = (fake, low, high) => ({ fake_percent: fake, ci_low: low, ci_high: high, sampling_note: [] });
  const withEstimates = { ...done, estimates: { followers: est(20, 10, 35), likers: est(5, 0, 30) } };
  const p = progressOf(withEstimates).sources;
  assert.deepEqual(sourcesBrief(withEstimates), {
    followers: { listed: p.followers.listed, checked: p.followers.checked, fake_percent: 20, ci_low: 10, ci_high: 35,
                 population: p.followers.population, short_list: false },
    likers: { listed: 30, checked: p.likers.checked, fake_percent: 5, ci_low: 0, ci_high: 30, posts: 1 },
  });
});

// A login or challenge page stopped the audit: once the user has logged in (or confirmed), it
// goes on where it stopped, as a cancelled one does (it was started over). Other stops are ends.
test('an audit cancelled, or stopped by a login or challenge page, can resume; other stops cannot', () => {
  const s = start();
  assert.equal(resumable(s), false, 'running');
  assert.equal(resumable(cancelAudit(s, 1)), true);
  for (const [reason, can] of [['logged_out', true], ['challenge', true], ['private', false], ['changed', false],
                               ['not_found', false], ['list_refused', false]]) {
    const n = nextRequest(s);
    const stopped = applyOutcome(n.state, n.request.id, { kind: 'stop', reason }, 1).state;
    assert.equal(resumable(stopped), can, reason);
    assert.equal(resumable(progressOf(stopped)), can, `${reason}, from its progress`);
  }
});

// Instagram sending the same 25 followers on every page (the cursor moving, the users not): four
// pages were read for 25 followers, and the row said nothing of the three wasted ones.
test('a later followers page naming only followers already read ends the list there, said in its row', () => {
  let s = start();
  const first = nextRequest(s);
  s = applyOutcome(first.state, first.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'c25' }, 1).state;
  assert.equal(s.followers.ended, false);
  const again = nextRequest(s);
  assert.equal(again.request.kind, 'page');
  s = applyOutcome(again.state, again.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'c50' }, 2).state;
  assert.deepEqual([s.followers.ended, s.followers.repeated, s.followers.cursor, s.followers.lite.length], [true, true, null, 25]);
  assert.equal(progressOf(s).sources.followers.repeated, true);
  assert.notEqual(nextRequest(s).request.kind, 'page', 'no third page');
  // A page bringing one new follower among repeats is no loop.
  let t = start();
  const a = nextRequest(t);
  t = applyOutcome(a.state, a.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'c25' }, 1).state;
  const b = nextRequest(t);
  t = applyOutcome(b.state, b.request.id, { kind: 'page', accounts: lite('f', 25, 1), nextCursor: 'c50' }, 2).state;
  assert.deepEqual([t.followers.ended, t.followers.repeated], [false, false]);
});

// Pinned posts sit atop the grid whatever their age; a collaboration's likers and commenters are
// the partner's audience too. The engine flags both in the report's posts (content main.js hands
// the flags over).
test('the audit reads no pinned post, and a collaboration only when the own posts are too few, saying so', () => {
  const t = translator(flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url)))), {}, 'en');
  const settings = { ...SETTINGS, auditPosts: 3 };
  const ids = (media) => media.map((m) => m.id);
  // A post pinned last week among the newest, and a collaboration the second newest.
  const grid = [{ id: '21', likes: 900, comments: 40, pinned: true }, { id: '22', likes: 120, comments: 9 },
    { id: '23', likes: 400, comments: 30, collab: true }, { id: '24', likes: 80, comments: 2 }, { id: '25', likes: 60, comments: 7 },
    { id: '26', likes: 70, comments: 5 }];
  const plan = auditPlan(settings, grid, 5000);
  assert.deepEqual(ids(plan.media.likers), ['22', '24', '25']);
  assert.deepEqual(ids(plan.media.commenters), ['22', '24', '25']);
  assert.doesNotMatch(auditPlanText(t, plan), /One post it reads is a collaboration/);
  // The plan says which posts those are: not "the last 3", the pinned one and the collaboration passed over.
  assert.deepEqual(plan.leftOut, { likers: { pinned: 1, collab: 1 }, commenters: { pinned: 1, collab: 1 } });
  assert.match(auditPlanText(t, plan), /Posts read: the newest that are not pinned \(the pinned post at the top of the grid left out/);
  assert.match(auditPlanText(t, plan), /Posts read: the profile's own newest \(a collaboration with another account among them left out/);
  // Nothing passed over, nothing said.
  const plain = auditPlan(settings, grid.filter((x) => !x.pinned && !x.collab), 5000);
  assert.doesNotMatch(auditPlanText(t, plain), /Posts read:/);
  // Its rows say it too (progressOf's postsLeftOut, which the panel words with leftOutText).
  const ran = runAll(newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: grid, settings, now: 0, seed: 7 }));
  const ps = progressOf(ran);
  // The engine is told the 3 posts read, no "last 3" (posts_read); a plain grid's are the last 3.
  const told = (st, source) => { const r = estimateRequest(st, source); return [r.posts, r.of_posts, r.posts_read]; };
  assert.deepEqual([told(ran, 'likers'), told(ran, 'commenters')], [[3, undefined, true], [3, undefined, true]]);
  const plainRun = runAll(newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000,
    posts: grid.filter((x) => !x.pinned && !x.collab), settings, now: 0, seed: 7 }));
  assert.deepEqual(told(plainRun, 'likers'), [3, undefined, undefined]);
  assert.deepEqual(ps.sources.likers.postsLeftOut, { pinned: 1, collab: 1 });
  assert.deepEqual(ps.sources.commenters.postsLeftOut, { pinned: 1, collab: 1 });
  assert.deepEqual(leftOutText(t, [ps.sources.likers.postsLeftOut]), [
    'Posts read: the newest that are not pinned (the pinned post at the top of the grid left out: Instagram shows it first whatever its age).',
    "Posts read: the profile's own newest (a collaboration with another account among them left out: its likers and commenters are that account's audience too)."]);
  // With the comment analysis (6 posts) the own posts run out: the collaboration comes last, flagged.
  const wide = auditPlan({ ...settings, auditComments: true }, grid, 5000);
  assert.deepEqual(ids(wide.media.commenters), ['22', '24', '25', '26', '23']);
  assert.deepEqual(wide.media.commenters.map((m) => m.collab === true), [false, false, false, false, true]);
  // Two own posts, the collaboration and three pinned old hits: the collaboration is read and the plan says so.
  const few = [{ id: '31', likes: 50, comments: 3 }, { id: '32', likes: 300, comments: 12, collab: true },
    { id: '33', likes: 40, comments: 2 }, ...['91', '92', '93'].map((id) => ({ id, likes: 5000, comments: 90, pinned: true }))];
  const planFew = auditPlan(settings, few, 5000);
  assert.deepEqual(ids(planFew.media.likers), ['31', '33', '32']);
  assert.match(auditPlanText(t, planFew), /One post it reads is a collaboration with another account: the likers and commenters include that account's audience\./);
  // Its row says the likers include the partner's audience.
  const s = runAll(newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: few, settings, now: 0, seed: 7 }));
  assert.equal(s.status, 'done');
  const p = progressOf(s);
  assert.equal(p.sources.likers.postsCollab, 1);
  assert.equal(p.sources.commenters.postsCollab, 1);
  // The collaboration read, none passed over; the three pinned ones left out.
  assert.deepEqual(p.sources.likers.postsLeftOut, { pinned: 3, collab: 0 });
  // A profile whose posts are all pinned has no recent posts to read.
  const pinnedOnly = auditPlan(settings, few.filter((x) => x.pinned), 5000);
  assert.equal(pinnedOnly.likers.posts + pinnedOnly.commenters.posts, 0);
  assert.match(auditPlanText(t, pinnedOnly), /No recent posts to read likers or commenters of\./);
});

// After Instagram refused the followers list, the panel offered "Audit followers" again, which
// could only be refused the same way. An audit of the posts' engagers alone is planned and run
// instead, keeping why the followers were not read; the stop and that audit both say so.
test('after a refused followers list: an audit of the engagers alone asks nothing of the list and keeps why', () => {
  const stopped = applyOutcome(nextRequest(start()).state, 1, followersRefusal(false, 'forbidden'), 1).state;
  assert.equal(followersRefusedBy(stopped), 'list_refused');
  assert.equal(followersRefusedBy(progressOf(stopped)), 'list_refused', 'from the progress the panel has too');
  assert.equal(followersRefusedBy(cancelAudit(start(), 1)), null);
  const plan = auditPlan(SETTINGS, POSTS, 12400, { followersRefused: 'list_refused' });
  assert.deepEqual([plan.followers.pages, plan.followers.full, plan.likers.posts, plan.commenters.posts], [0, 0, 2, 2]);
  const t = translator(flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url)))), {}, 'en');
  assert.match(auditPlanText(t, plan), /^An audit of the likers and commenters reads who liked or commented on the last 2 posts and checks 6 of those accounts in full: at most 10 requests/);
  const kinds = [];
  const done = runAll(start({ followersRefused: 'list_refused' }), {}, (req) => kinds.push(req.kind));
  assert.equal(done.status, 'done');
  assert.ok(!kinds.includes('page'), `no followers page asked: ${kinds}`);
  assert.ok(kinds.includes('likers') && kinds.includes('comments'));
  const p = progressOf(done);
  assert.deepEqual([p.sources.followers.refused, p.sources.followers.listed, p.sources.followers.population], ['list_refused', 0, 12400],
    'the followers\' count is kept, their list not read');
  assert.equal(followersRefusedBy(p), 'list_refused', 'a finished audit of the engagers still says the list was refused');
  assert.equal(progressOf(runAll(start())).sources.followers.refused, null);
});

// Where the posts read passed over a pinned post, one of them failing: the engine's note says which
// posts its likers are of ("2 of the 3 posts read"), as the row's failed-posts line does; it said
// "the recent posts", the request naming no posts then.
test('the sampling note of posts that passed over a pinned one says how many of the posts read gave accounts', async () => {
  const engine = await loadEngine();
  const settings = { ...SETTINGS, auditPosts: 3 };
  const grid = [{ id: '21', likes: 900, comments: 40, pinned: true }, { id: '22', likes: 120, comments: 9 },
    { id: '24', likes: 80, comments: 2 }, { id: '25', likes: 60, comments: 7 }];
  let s = newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: grid, settings, now: 0, seed: 7 });
  for (;;) {
    const n = nextRequest(s);
    s = n.state;
    if (n.request.kind === 'likers') { s = runAll(applyOutcome(s, n.request.id, { kind: 'list_failed' }, 1).state); break; }
    s = applyOutcome(s, n.request.id, answer(n.request, s), 1).state;
  }
  const req = estimateRequest(s, 'likers');
  assert.deepEqual([req.posts, req.of_posts, req.posts_read], [2, 3, true]);
  const report = JSON.parse(engine.estimateAudience(JSON.stringify(req)));
  assert.equal(report.sampling_note.id, 'sampling.likers_of_read');
  for (const [lang, said] of [['en', /^The accounts that liked 2 of the 3 posts read \(the others could not be read or listed no one\): /],
    ['de', /^Die Konten, denen 2 der 3 gelesenen Beiträge gefielen \(/], ['fr', /^Les comptes qui ont aimé 2 des 3 publications lues \(/],
    ['nl', /^De accounts die 2 van de 3 gelezen berichten leuk vonden \(/]]) {
    const tl = translator(flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url)))), {}, lang);
    assert.match(noteText(tl, report.sampling_note), said, lang);
  }
  // All of them read: "the 3 posts read"; the population unknown as well.
  const all = JSON.parse(engine.estimateAudience(JSON.stringify({ ...req, posts: 3, of_posts: undefined })));
  assert.equal(all.sampling_note.id, 'sampling.likers_read');
  const unknown = JSON.parse(engine.estimateAudience(JSON.stringify({ ...req, population: null })));
  assert.equal(unknown.sampling_note.id, 'sampling.likers_of_read_unknown');
});
