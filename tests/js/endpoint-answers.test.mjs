// Issue 14's answers as each endpoint sends them, and the combinations a tester would try, read by
// the adapter (tests/e2e/README.md, "Issue 14's behaviours and their combinations"): the short
// followers list with no one, a few or 50 users (the flag ends it whatever the cursor says); the
// count above 200 refused; likers and comments answering 400, 403, 404, 500, a "wait" under 401,
// the login page (a session gone) or another HTML page; users/<id>/info without a follower count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyResponse, parseFollowersPage, parseLikersPage, parseCommentsPage, profileDocFromUserInfo } from '../../extension/shared/instagram.js';

const user = (i) => ({ pk: String(100 + i), username: `user${i}`, full_name: '', is_private: false, is_verified: false,
  profile_pic_url: 'https://x/p.jpg', has_anonymous_profile_picture: false });
const users = (n) => Array.from({ length: n }, (_, i) => user(i));
const JSON_TYPE = 'application/json';
const fail = (message) => JSON.stringify({ message, status: 'fail' });

test('the short list ends after one page whether it lists 50, a few or no one, and whatever cursor it sends', () => {
  for (const n of [50, 7, 0]) {
    for (const next of [undefined, 'QVFE', 25]) {
      const page = parseFollowersPage({ users: users(n), should_limit_list_of_followers: true, ...(next === undefined ? {} : { next_max_id: next }) });
      assert.deepEqual([page.accounts.length, page.nextCursor, page.limited], [n, null, true], `${n} users, cursor ${next}`);
    }
  }
  // The older GraphQL query's answer (a count, no list) is no followers page: said so, never read as none.
  assert.match(parseFollowersPage({ data: { user: { edge_followed_by: { count: 1234, edges: [] } } } }).error, /"users" must be an array/);
});

test('asking more than 200 followers at once answers 400: a refusal, not data', () => {
  assert.equal(classifyResponse(400, JSON_TYPE, fail('count is too large')).kind, 'forbidden');
});

test('likers and comments answering 400, 403, 404, 500, "wait", the login page or another HTML page: each its own kind', () => {
  const cases = [
    [400, JSON_TYPE, fail('Media not found or unavailable'), 'forbidden'],
    [403, JSON_TYPE, fail('Comments are disabled'), 'forbidden'],
    [404, JSON_TYPE, fail('Media not found'), 'not_found'],
    [500, 'text/plain', 'Internal Server Error', 'rate_limited'],
    [401, JSON_TYPE, fail('Please wait a few minutes before you try again.'), 'rate_limited'],
    [200, JSON_TYPE, fail('Please wait a few minutes before you try again.'), 'rate_limited'],
    [429, JSON_TYPE, fail('useragent mismatch'), 'rate_limited'],
    [200, 'text/html', '<!DOCTYPE html><html><head><link rel="canonical" href="https://www.instagram.com/accounts/login/"></head></html>', 'logged_out'],
    [200, 'text/html', '<!DOCTYPE html><html><body><h1>We Detected An Unusual Login Attempt</h1></body></html>', 'challenge'],
    [401, JSON_TYPE, '', 'logged_out'],
  ];
  for (const [status, type, body, kind] of cases) {
    const c = classifyResponse(status, type, body);
    assert.equal(c.kind, kind, `${status} ${body.slice(0, 60)}: ${JSON.stringify(c)}`);
    // A server error is no rate limit and is not told as one.
    if (status === 500) assert.equal(c.unavailable, 500);
    if (kind === 'rate_limited' && status !== 500) assert.equal(c.unavailable, undefined);
  }
});

test('a post nobody may be shown liking, or with comments off, lists no one and keeps its count', () => {
  assert.deepEqual(parseLikersPage({ users: null, user_count: 12 }), { accounts: [], skipped: [], userCount: 12 });
  const off = parseCommentsPage({ comments: null, comment_count: 0, comments_disabled: true }, '99');
  assert.deepEqual([off.accounts, off.comments, off.commentCount], [[], [], 0]);
  const page = parseCommentsPage({ comments: [{ pk: '1', text: 'hi', created_at: 1795000000, user: user(1) }], comment_count: 40, next_min_id: 'x' }, '99');
  assert.deepEqual([page.accounts.length, page.comments[0].media_id, page.commentCount], [1, '99', 40]);
});

test('users/<id>/info without a follower count is no profile to read: said so, never a count of 0', () => {
  const u = { pk: '42', username: 'anna', following_count: 5, media_count: 3 };
  assert.match(profileDocFromUserInfo({ user: u, status: 'ok' }).error, /follower_count is missing/);
  const big = JSON.parse(profileDocFromUserInfo({ user: { pk: '42', username: 'anna', follower_count: 650_000_000 } }).text);
  assert.equal(big.data.user.edge_followed_by.count, 650_000_000);
});
