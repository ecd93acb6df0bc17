// "Try the followers again" after an audit of the posts' likers and commenters alone (Instagram had
// refused the followers list): refused again, the engagers' audit is back, rows and result, as it
// was (the retry replaced it, and the panel spoke of rows no longer there); read this time, the
// retry is the result. The retry goes on from the engagers' audit itself (audit.js retryFollowers,
// settleRetry): it was a new audit that held the earlier one whole inside it (engagersKept), a
// second copy of its lists and records in storage, and read the likers and commenters again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAudit, retryFollowers, settleRetry, nextRequest, applyOutcome, auditPlan, progressOf } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const at = (n) => 1_790_000_000_000 + n * 86_400_000;
const POSTS = [{ id: '11', likes: 120, comments: 9 }, { id: '12', likes: 80, comments: 2 }];
const lite = (prefix, n) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, pk: String(7000 + i), full_name: `Name ${i}`,
  is_private: false, is_verified: false, has_profile_pic: true, phase: 'lite' }));
const SETTINGS = { ...DEFAULT_SETTINGS, auditListSize: 50, auditFullSize: 4 };
const plan = (count = 1000) => auditPlan(SETTINGS, [], count);

// An audit of the likers and commenters alone after Instagram refused the followers list, ended on
// day 2: its lists read, some accounts checked in full.
const engagers = (() => {
  const a = newAudit({ username: 'x', userId: '42', isPrivate: false, followerCount: 1000, posts: POSTS, settings: DEFAULT_SETTINGS,
                       now: at(1), seed: 7, followersRefused: 'list_refused' });
  const likers = lite('l', 60), commenters = lite('c', 8);
  const full = Object.fromEntries(['l1', 'l2', 'c1'].map((u) => [u, { username: u, phase: 'full', follower_count: 10, biography: 'x'.repeat(150) }]));
  return { ...a, status: 'done', phase: 'done', updatedAt: at(2), requests: 7, nextId: 8,
           likers: { ...a.likers, done: 2, lite: likers }, commenters: { ...a.commenters, done: 2, lite: commenters },
           picks: { followers: [], likers: ['l1', 'l2'], commenters: ['c1'] }, full,
           estimates: { followers: null, likers: { fake_percent: 10 }, commenters: { fake_percent: 20 } },
           report: { username: 'x', user_id: '42', fake_percent: 12 } };
})();
const start = (existing, over = {}) => retryFollowers(existing, { userId: '42', isPrivate: false, followerCount: 1000, plan: plan(), now: at(3), ...over });
const size = (v) => JSON.stringify(v).length;

test('the retry goes on from the engagers\' audit: no second copy of it, its likers and commenters kept and not asked again', () => {
  const retry = start(engagers);
  assert.equal(retry.engagersKept, undefined);
  // What it keeps to give back is the followers' part and the status, not the lists and records.
  assert.ok(size(retry) < size(engagers) + 1000, `the retry stores ${size(retry)} bytes for an audit of ${size(engagers)}`);
  assert.deepEqual([retry.status, retry.phase, retry.followers.refused, retry.followers.pagesTarget, retry.followers.fullTarget],
                   ['running', 'followers', undefined, 2, 4]);
  assert.deepEqual([retry.likers, retry.commenters, retry.full, retry.estimates], [engagers.likers, engagers.commenters, engagers.full, engagers.estimates]);
  assert.equal(retry.budget, engagers.requests + plan().requests, 'the followers\' plan within the budget, after what was spent');
  // Its first request is the followers list; read, it goes to the followers' own checks, no likers or comments.
  let s = retry;
  const asked = [];
  for (let guard = 0; guard < 50; guard++) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) break;
    asked.push(n.request.kind);
    const outcome = n.request.kind === 'page'
      ? { kind: 'page', accounts: lite(`f${s.followers.pagesDone}_`, 25), nextCursor: s.followers.pagesDone ? null : 'c1' }
      : { kind: 'profile', record: { username: n.request.target, phase: 'full', follower_count: 5 } };
    s = applyOutcome(s, n.request.id, outcome, at(3)).state;
  }
  assert.deepEqual(asked, ['page', 'page', 'profile', 'profile', 'profile', 'profile']);
  assert.equal(s.status, 'done');
  const ended = settleRetry(s, at(3));
  assert.equal(ended.restored, false);
  assert.equal(ended.audit.followersRetry, undefined, 'read this time: the retry is the result');
  const p = progressOf(ended.audit).sources;
  assert.deepEqual([p.followers.listed, p.followers.checked, p.likers.listed, p.likers.checked, p.commenters.listed],
                   [50, 4, 60, 2, 8]);
});

// An engagers' audit that spent its whole budget: the refused retry's request is counted (it was
// made), and the audit never says it made more requests than it could ("46 of at most 45").
test('refused again after an audit that spent its whole budget: never more requests than its budget says', () => {
  const spent = { ...engagers, budget: engagers.requests, budgetReached: true };
  const retry = start(spent);
  const n = nextRequest(retry);
  const refused = applyOutcome(n.state, n.request.id, { kind: 'stop', reason: 'list_refused' }, at(3) + 5000).state;
  const back = settleRetry(refused, at(3) + 5000);
  assert.equal(back.restored, true);
  const p = progressOf(back.audit);
  assert.equal(p.requests, spent.requests + 1, 'the retry\'s request counted');
  assert.ok(p.requests <= p.budget, `${p.requests} of at most ${p.budget} requests`);
});

test('refused again before reading any of the list: the engagers\' audit as it was, with its own end\'s time', () => {
  const retry = start(engagers);
  const n = nextRequest(retry);
  const refused = applyOutcome(n.state, n.request.id, { kind: 'stop', reason: 'list_refused' }, at(3) + 5000).state;
  const back = settleRetry(refused, at(3) + 5000);
  assert.equal(back.restored, true);
  const a = back.audit;
  assert.equal(a.followersRetry, undefined);
  for (const k of ['status', 'phase', 'stopReason', 'followers', 'likers', 'commenters', 'picks', 'full', 'estimates', 'report', 'budget']) {
    assert.deepEqual(a[k], engagers[k], k);
  }
  // The rows' day is the engagers' audit's (day 2), not the retry's (day 3): the panel's "From the
  // audit of ..." (progress.updatedAt) named the day of the retry.
  assert.equal(a.updatedAt, engagers.updatedAt);
  assert.equal(progressOf(a).updatedAt, at(2));
  assert.equal(a.requests, engagers.requests + 1, 'the refused request counted');
  // Tried again, and refused again: still as it was.
  const again = start(a, { now: at(5) });
  const n2 = nextRequest(again);
  const back2 = settleRetry(applyOutcome(n2.state, n2.request.id, { kind: 'stop', reason: 'list_refused' }, at(5)).state, at(5)).audit;
  assert.deepEqual([back2.updatedAt, back2.likers, back2.followers], [at(2), engagers.likers, engagers.followers]);
});

test('a retry cancelled keeps what a refusal gives back; tried anew, it still does; an audit stored by the earlier version goes on', () => {
  // An audit of the engagers cancelled part-way goes on with its own posts too, within what it had left.
  const part = { ...engagers, status: 'cancelled', budget: 40, likers: { ...engagers.likers, done: 1 } };
  assert.deepEqual([start(part).budget, nextRequest({ ...start(part), phase: 'likers' }).request.kind], [7 + plan().requests + 33, 'likers']);
  const cancelled = { ...start(engagers), status: 'cancelled' };
  assert.equal(settleRetry(cancelled, at(4)).audit.followersRetry, cancelled.followersRetry);
  const anew = start(cancelled, { now: at(4) });
  assert.deepEqual(anew.followersRetry, cancelled.followersRetry);
  // Refused after some of the list was read: its own rows stand.
  const partRead = settleRetry({ ...anew, status: 'stopped', stopReason: 'list_refused',
                             followers: { ...anew.followers, lite: [{ username: 'f1' }] } }, at(4));
  assert.deepEqual([partRead.restored, partRead.audit.followersRetry, partRead.audit.status], [false, undefined, 'stopped']);
  // An earlier version's retry (the engagers' audit whole inside it): refused, it comes back as it was.
  const old = { ...newAudit({ username: 'x', userId: '42', isPrivate: false, followerCount: 1000, posts: POSTS, settings: DEFAULT_SETTINGS,
                              now: at(3), seed: 9 }), engagersKept: engagers, status: 'stopped', stopReason: 'list_refused' };
  assert.deepEqual(settleRetry(old, at(4)), { audit: engagers, restored: true });
  assert.deepEqual(start({ ...old, status: 'cancelled' }).likers, engagers.likers);
});

test('no retry of another account\'s audit, of one running, or of an audit of the followers', () => {
  assert.equal(start({ ...engagers, userId: '43' }), null);
  assert.equal(start({ ...engagers, status: 'running' }), null);
  assert.equal(start(null), null);
  const followersAudit = { ...engagers, followers: { ...engagers.followers, refused: undefined } };
  assert.equal(start(followersAudit), null, 'a followers audit is no engagers\' one');
  assert.equal(start({ ...engagers, estimates: { followers: null, likers: null, commenters: null } }), null, 'nothing read to keep');
});
