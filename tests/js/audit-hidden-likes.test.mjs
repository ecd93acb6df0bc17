// Posts that hide their likes (like_count -1: the report's likes null): the likers answer's
// user_count then said how many liked, and the audit took it as the post's count, so a
// user_count no larger than the list (an answer counting only what it lists: the stand-in's, and
// maybe Instagram's for a hidden count) made the listed likers a census of themselves, the
// finite-population correction narrowing their range to nothing of the sampling error. A count
// that says more than the list is kept; one that says no more leaves the count unknown, and the
// followers count stands in (populationOf): a wider, honest range.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAudit, nextRequest, applyOutcome, populationOf } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const lite = (prefix, n) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, pk: String(7000 + i), phase: 'lite' }));
const SETTINGS = { ...DEFAULT_SETTINGS, auditListSize: 25, auditFullSize: 0, auditPosts: 2, auditEngagersFull: 0, auditBudget: 20 };

// An audit of a profile with 3,400 followers whose two newest posts hide their likes, its
// followers page read; then each post's likers answered with `listed` accounts and `userCount`.
function likersAnswered(listed, userCount, likes = null) {
  let s = newAudit({ username: 'quiet', userId: '42', isPrivate: false, followerCount: 3400, settings: SETTINGS, now: 0, seed: 1,
                     posts: [{ id: '1', likes, comments: 0 }, { id: '2', likes, comments: 0 }] });
  let n = nextRequest(s);
  assert.equal(n.request.kind, 'page');
  s = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: null }, 1).state;
  for (const post of ['a', 'b']) {
    n = nextRequest(s);
    assert.equal(n.request.kind, 'likers');
    s = applyOutcome(n.state, n.request.id, { kind: 'likers', accounts: lite(`l${post}`, listed), userCount }, 2).state;
  }
  return s;
}

test('hidden likes, user_count no larger than the list: the count stays unknown, the followers count stands in', () => {
  const s = likersAnswered(100, 100);
  assert.deepEqual(s.likers.media.map((m) => m.count), [null, null]);
  assert.equal(populationOf(s, 'likers'), 3400);
});

test('hidden likes, user_count larger than the list: that count is the post\'s', () => {
  const s = likersAnswered(100, 5200);
  assert.deepEqual(s.likers.media.map((m) => m.count), [5200, 5200]);
  assert.equal(populationOf(s, 'likers'), 10400);
});

test('likes shown on the profile: the post keeps its own count whatever the answer says', () => {
  const s = likersAnswered(40, 40, 40);
  assert.deepEqual(s.likers.media.map((m) => m.count), [40, 40]);
  assert.equal(populationOf(s, 'likers'), 80);
});
