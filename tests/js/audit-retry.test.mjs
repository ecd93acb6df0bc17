// "Try the followers again" after an audit of the posts' likers and commenters alone (Instagram had
// refused the followers list): refused again, the engagers' audit comes back, rows and result, as
// it was (the retry replaced it, and the panel spoke of rows no longer there); read this time, the
// retry is the result (audit.js keepEngagers, settleRetry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAudit, keepEngagers, settleRetry } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const at = (n) => 1_790_000_000_000 + n * 86_400_000;
const POSTS = [{ id: '11', likes: 120, comments: 9 }, { id: '12', likes: 80, comments: 2 }];
const audit = (username, userId, over = {}) => ({
  ...newAudit({ username, userId, isPrivate: false, followerCount: 1000, posts: POSTS, settings: DEFAULT_SETTINGS, now: at(1), seed: 7 }),
  report: { username, user_id: userId }, ...over });

// An audit of the likers and commenters alone after Instagram refused the followers list.
const engagers = { ...audit('x', '42', { status: 'done', updatedAt: at(2), estimates: { likers: { fake_percent: 10 } } }),
                   followers: { ...audit('x', '42').followers, refused: 'list_refused' } };

test('retry of the followers: refused again before reading any of the list, the engagers\' audit comes back as it was', () => {
  const retry = keepEngagers(audit('x', '42', { updatedAt: at(3) }), engagers);
  assert.deepEqual(retry.engagersKept, engagers);
  const refused = settleRetry({ ...retry, status: 'stopped', stopReason: 'list_refused' }, at(4));
  assert.equal(refused.restored, true);
  assert.deepEqual(refused.audit, { ...engagers, updatedAt: at(4) });
  // Cancelled part-way (resumable), then started afresh: still kept.
  assert.deepEqual(keepEngagers(audit('x', '42'), { ...retry, status: 'cancelled' }).engagersKept, engagers);
  assert.equal(settleRetry({ ...retry, status: 'cancelled' }, at(4)).audit.engagersKept, engagers);
});

test('retry of the followers: read this time, it is the result and drops the kept audit; another account\'s audit is never kept', () => {
  const retry = keepEngagers(audit('x', '42'), engagers);
  const done = settleRetry({ ...retry, status: 'done' }, at(4));
  assert.equal(done.restored, false);
  assert.equal(done.audit.engagersKept, undefined);
  assert.equal(done.audit.status, 'done');
  // Refused after some of the list was read: its own rows stand.
  const part = settleRetry({ ...retry, status: 'stopped', stopReason: 'list_refused',
                             followers: { ...retry.followers, lite: [{ username: 'f1' }] } }, at(4));
  assert.deepEqual([part.restored, part.audit.engagersKept, part.audit.status], [false, undefined, 'stopped']);
  assert.equal(keepEngagers(audit('x', '42'), { ...engagers, userId: '43' }).engagersKept, undefined);
  assert.equal(keepEngagers(audit('x', '42'), audit('x', '42', { status: 'done' })).engagersKept, undefined, 'a followers audit is no engagers\' one');
});
