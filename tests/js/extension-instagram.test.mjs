// The Instagram adapter: count parsing, og:description, profile paths, followers JSON mapping,
// the default-avatar check and response classification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCount, parseOgDescription, profileFromPath, isDefaultAvatar, accountFromListUser,
  parseFollowersPage, classifyResponse, followersUrl, profileInfoUrl, requestHeaders, userIdFromProfile,
  DEFAULT_AVATAR_MARK,
} from '../../extension/shared/instagram.js';

test('parseCount reads abbreviated and localised counts', () => {
  const cases = [
    ['12.5K', 12500], ['1.2M', 1200000], ['1,2 mln', 1200000], ['1.234', 1234], ['1,234', 1234],
    ['1 234', 1234], ['1\u00a0234\u00a0567', 1234567], ['999', 999], ['0', 0], ['12,5K', 12500],
    ['48.7M', 48700000], ['3,4 mil', 3400], ['2 mln', 2000000], ['1.5k', 1500], ['10K', 10000],
    ['1,234,567', 1234567], ['1.234.567', 1234567], ['7,1 mln.', 7100000],
  ];
  for (const [text, want] of cases) assert.equal(parseCount(text), want, text);
});

test('parseCount rejects what is not a count', () => {
  for (const text of ['', 'abc', '1.5', '12,34', '1.2X', '1.2.3K', '--', null, undefined, 12, '1,2,3']) {
    assert.equal(parseCount(text), null, String(text));
  }
});

test('parseOgDescription reads English and Dutch descriptions', () => {
  assert.deepEqual(parseOgDescription('1,234 Followers, 56 Following, 78 Posts - See Instagram photos and videos from Full Name (@username)'),
    { followers: 1234, following: 56, posts: 78 });
  assert.deepEqual(parseOgDescription('1.234 volgers, 56 volgend, 78 berichten - Bekijk Instagram-foto\'s en -video\'s van Anna (@anna)'),
    { followers: 1234, following: 56, posts: 78 });
  assert.deepEqual(parseOgDescription('48.7M Followers, 310 Following, 2,140 Posts - See Instagram photos and videos from Mega Star (@megastar)'),
    { followers: 48700000, following: 310, posts: 2140 });
  assert.deepEqual(parseOgDescription('1,2 mln volgers, 56 volgend, 3 berichten - ...'), { followers: 1200000, following: 56, posts: 3 });
  assert.equal(parseOgDescription('See Instagram photos and videos'), null);
  assert.equal(parseOgDescription(undefined), null);
});

test('profileFromPath accepts profiles and ignores Instagram pages', () => {
  assert.equal(profileFromPath('/anna/'), 'anna');
  assert.equal(profileFromPath('/lena.bakes'), 'lena.bakes');
  assert.equal(profileFromPath('/new.page.2026/'), 'new.page.2026');
  for (const p of ['/', '/explore/', '/p/Cabc123/', '/reel/xyz/', '/accounts/login/', '/direct/inbox/', '/stories/anna/1/',
                   '/anna/followers/', '/anna/following/', '/bad name/', '/' + 'a'.repeat(31) + '/', '/explore', '/reels/']) {
    assert.equal(profileFromPath(p), null, p);
  }
});

test('default avatar check', () => {
  assert.equal(isDefaultAvatar(`https://scontent.cdninstagram.com/v/t51.2885-19/${DEFAULT_AVATAR_MARK}.jpg?x=1`), true);
  assert.equal(isDefaultAvatar(''), true);
  assert.equal(isDefaultAvatar(undefined), true);
  assert.equal(isDefaultAvatar('https://scontent.cdninstagram.com/v/t51.2885-19/123_456_n.jpg'), false);
});

test('a followers-list user maps to a lite record', () => {
  const withPic = accountFromListUser({ pk: '1', username: 'bob_1', full_name: 'Bob', is_private: true, is_verified: false,
    profile_pic_url: 'https://x/real_n.jpg', profile_pic_id: '123_1' });
  assert.deepEqual(withPic.record, { username: 'bob_1', full_name: 'Bob', is_private: true, is_verified: false, has_profile_pic: true, phase: 'lite' });
  const anon = accountFromListUser({ username: 'x9', profile_pic_url: `https://x/${DEFAULT_AVATAR_MARK}.jpg` });
  assert.equal(anon.record.has_profile_pic, false);
  assert.equal(anon.record.full_name, '');
  assert.equal(accountFromListUser({ username: 'y', has_anonymous_profile_picture: true, profile_pic_id: '1' }).record.has_profile_pic, false);
  assert.match(accountFromListUser({ username: 'no spaces' }).error, /username/);
  assert.match(accountFromListUser({ username: 'a', is_private: 'yes' }).error, /is_private must be a boolean/);
  assert.match(accountFromListUser(null, 'users[3]').error, /^users\[3\] must be an object/);
});

test('a followers page maps to records and a cursor, or names what changed', () => {
  const page = parseFollowersPage({ users: [{ username: 'a' }, { username: 'b', is_verified: true }], next_max_id: 'QVFE', status: 'ok' });
  assert.equal(page.accounts.length, 2);
  assert.equal(page.nextCursor, 'QVFE');
  assert.equal(parseFollowersPage({ users: [] }).nextCursor, null);
  assert.match(parseFollowersPage({ people: [] }).error, /"users" must be an array/);
  assert.match(parseFollowersPage({ users: [{ username: 'ok' }, { username: 5 }] }).error, /users\[1\]\.username/);
  assert.match(parseFollowersPage({ users: [], next_max_id: {} }).error, /next_max_id/);
  assert.match(parseFollowersPage([]).error, /JSON object/);
});

test('URLs, headers and ids follow the documented endpoints', () => {
  assert.equal(profileInfoUrl('lena.bakes'), 'https://www.instagram.com/api/v1/users/web_profile_info/?username=lena.bakes');
  assert.equal(followersUrl('1000', null), 'https://www.instagram.com/api/v1/friendships/1000/followers/?count=25&search_surface=follow_list_page');
  assert.equal(followersUrl('1000', 'QV=='), 'https://www.instagram.com/api/v1/friendships/1000/followers/?count=25&search_surface=follow_list_page&max_id=QV%3D%3D');
  assert.equal(requestHeaders()['X-IG-App-ID'], '936619743392459');
  assert.equal(requestHeaders()['X-Requested-With'], 'XMLHttpRequest');
  assert.equal(userIdFromProfile({ data: { user: { id: '123' } } }), '123');
  assert.equal(userIdFromProfile({ data: { user: { id: 123 } } }), null);
  assert.equal(userIdFromProfile({}), null);
});

test('responses are classified the way Instagram fails', () => {
  const k = (...a) => classifyResponse(...a).kind;
  assert.equal(k(200, 'application/json', '{"data":{"user":{"id":"1"}},"status":"ok"}'), 'ok');
  assert.equal(k(429, 'application/json', '{"message":"Please wait a few minutes before you try again.","status":"fail"}'), 'rate_limited');
  assert.equal(k(401, 'application/json', '{"message":"login_required","status":"fail"}'), 'logged_out');
  assert.equal(k(403, 'application/json', '{"message":"login_required","status":"fail"}'), 'logged_out');
  assert.equal(k(400, 'application/json', '{"message":"challenge_required","status":"fail"}'), 'challenge');
  assert.equal(k(200, 'text/html', '<!doctype html><title>Challenge</title>'), 'challenge');
  assert.equal(k(404, 'application/json', '{"message":"User not found","status":"fail"}'), 'not_found');
  assert.equal(k(200, 'application/json', '{"data":{"user":null},"status":"ok"}'), 'not_found');
  assert.equal(k(400, 'application/json', '{"message":"Not authorized to view user","status":"fail"}'), 'forbidden');
  const truncated = classifyResponse(200, 'application/json', '{"data":{"user":{"id":"1","us');
  assert.equal(truncated.kind, 'changed');
  assert.match(truncated.detail, /not JSON/);
  assert.equal(k(500, 'text/plain', 'Internal Server Error'), 'changed');
});
