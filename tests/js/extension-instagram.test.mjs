// The Instagram adapter: count parsing, og:description, profile paths, followers JSON mapping,
// the default-avatar check and response classification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseCount, parseOgDescription, profileFromPath, postFromPath, routeOf, isDefaultAvatar, accountFromListUser,
  parseFollowersPage, classifyResponse, followersUrl, profileInfoUrl, requestHeaders, userIdFromPageScripts,
  DEFAULT_AVATAR_MARK, userInfoUrl, likersUrl, commentsUrl, parseLikersPage, parseCommentsPage, profileDocFromUserInfo,
  profileDocFromPage,
} from '../../extension/shared/instagram.js';

test('parseCount reads abbreviated and localised counts', () => {
  const cases = [
    ['12.5K', 12500], ['1.2M', 1200000], ['1,2 mln', 1200000], ['1.234', 1234], ['1,234', 1234],
    ['1 234', 1234], ['1\u00a0234\u00a0567', 1234567], ['999', 999], ['0', 0], ['12,5K', 12500],
    ['48.7M', 48700000], ['2 mln', 2000000], ['1.5k', 1500], ['10K', 10000],
    ['1,234,567', 1234567], ['1.234.567', 1234567], ['7,1 mln.', 7100000],
    // German thousands (refused before), Swedish, Norwegian and Finnish.
    ['12,4 Tsd.', 12400], ['24,3 tn', 24300], ['1,2 mill.', 1200000], ['1,2 milj.', 1200000],
  ];
  for (const [text, want] of cases) assert.equal(parseCount(text), want, text);
  // "mil." is millions in Czech, Slovak, Croatian and Romanian, "mil" thousands in Spanish and
  // Portuguese, with or without its dot: the page's language decides (instagram-counts.test.mjs).
  for (const [text, lang, want] of [['1,2 mil.', 'cs', 1200000], ['3,4 mil', 'es', 3400], ['3,4 mil.', 'pt', 3400]]) {
    assert.equal(parseCount(text, lang), want, `${text} ${lang}`);
  }
});

test('parseCount rejects what is not a count', () => {
  for (const text of ['', 'abc', '1.5', '12,34', '1.2X', '1.2.3K', '--', null, undefined, 12, '1,2,3']) {
    assert.equal(parseCount(text), null, String(text));
  }
});

test('parseOgDescription reads English, Dutch and other localised descriptions', () => {
  assert.deepEqual(parseOgDescription('1,234 Followers, 56 Following, 78 Posts - See Instagram photos and videos from Full Name (@username)'),
    { followers: 1234, following: 56, posts: 78 });
  assert.deepEqual(parseOgDescription('1.234 volgers, 56 volgend, 78 berichten - Bekijk Instagram-foto\'s en -video\'s van Anna (@anna)'),
    { followers: 1234, following: 56, posts: 78 });
  assert.deepEqual(parseOgDescription('48.7M Followers, 310 Following, 2,140 Posts - See Instagram photos and videos from Mega Star (@megastar)'),
    { followers: 48700000, following: 310, posts: 2140 });
  assert.deepEqual(parseOgDescription('1,2 mln volgers, 56 volgend, 3 berichten - ...'), { followers: 1200000, following: 56, posts: 3 });
  // Other locales: words with letters beyond a-z, suffixes with a dot, an en dash, narrow spaces.
  const localised = [
    ['1.234 Follower, 56 Gefolgt, 78 Beiträge – Sieh dir Instagram-Fotos und -Videos von Anna (@anna) an', [1234, 56, 78]],
    ['1,2 Mio. Follower, 56 Gefolgt, 78 Beiträge - Sieh dir', [1200000, 56, 78]],
    ['1\u202f234 abonnés, 56 abonnements, 78 publications - Voir les photos', [1234, 56, 78]],
    ['12,5 mil seguidores, 1.002 seguidos, 78 publicaciones - Ver fotos', [12500, 1002, 78], 'es'],
    ['1,5 тыс. подписчиков, 56 подписок, 78 публикаций - Смотрите', [1500, 56, 78]],
    ['3.456 Follower:innen, 12 gefolgt, 0 Beiträge - x', [3456, 12, 0]],
    ['1 Follower, 0 Following, 1 Post - See', [1, 0, 1]],
    // Ukrainian and Czech thousands; nouns in scripts with combining marks, and short ones in Chinese.
    ['52 тис. підписників, 1480 стежить, 230 дописів - x (@a)', [52000, 1480, 230]],
    ['12,4 tis. sledujících, 5 sleduje, 3 příspěvků - x', [12400, 5, 3]],
    // German thousands were refused ("Tsd." unknown), so a German page's counts were never read;
    // Czech millions read as thousands, and 1.2 million followers with 7,500 followed made a
    // follow-for-follow finding ("6.25x its followers").
    ['12,4 Tsd. Follower, 7,5 Tsd. Gefolgt, 412 Beiträge – Sieh dir', [12400, 7500, 412]],
    ['1,2 mil. sledujících, 7 500 sledovaných, 300 příspěvků – x (@a)', [1200000, 7500, 300], 'cs'],
    ['1,234 फ़ॉलोअर्स, 56 फ़ॉलोइंग, 78 पोस्ट - x', [1234, 56, 78]],
    ['1.234 位粉丝, 120 正在关注, 230 篇帖子 - x', [1234, 120, 230], 'zh'],
  ];
  for (const [text, [followers, following, posts], lang = ''] of localised) {
    assert.deepEqual(parseOgDescription(text, lang), { followers, following, posts }, text);
  }
  // A unit the parser does not know refuses the count: before, "52 тис." (when unknown) read as
  // 52 followers, and with 1,480 followed made a follow-for-follow finding.
  for (const text of ['4,870万 位粉丝, 120 正在关注, 230 篇帖子 - x', '24 N người theo dõi, 5 đang theo dõi, 3 bài viết - x',
    '1,2 B takipçi, 5 takip, 3 gönderi - x', '3 χιλ. ακόλουθοι, 5 ακολουθεί, 3 δημοσιεύσεις - x']) {
    assert.equal(parseOgDescription(text), null, text);
  }
  // A decimal with no suffix to scale it is no count: nothing rather than a wrong number.
  assert.equal(parseOgDescription('1,5 Follower, 56 Gefolgt, 78 Beiträge - x'), null);
  assert.equal(parseOgDescription('See Instagram photos and videos'), null);
  assert.equal(parseOgDescription(undefined), null);
});

test('profileFromPath accepts profiles and ignores Instagram pages', () => {
  assert.equal(profileFromPath('/anna/'), 'anna');
  assert.equal(profileFromPath('/lena.bakes'), 'lena.bakes');
  assert.equal(profileFromPath('/new.page.2026/'), 'new.page.2026');
  // The profile's tabs and its followers/following dialogs still show its header.
  for (const tab of ['reels', 'tagged', 'saved', 'guides', 'channel', 'followers', 'following', 'Reels']) {
    assert.equal(profileFromPath(`/anna/${tab}/`), 'anna', tab);
  }
  assert.equal(profileFromPath('/anna/tagged'), 'anna');
  // Instagram's paths are not case-sensitive; its usernames are lower case.
  assert.equal(profileFromPath('/Lena.Bakes/'), 'lena.bakes');
  assert.equal(profileFromPath('/ANNA/Reels/'), 'anna');
  assert.equal(profileFromPath('/Explore/'), null);
  for (const p of ['/', '/explore/', '/p/Cabc123/', '/reel/xyz/', '/accounts/login/', '/direct/inbox/', '/stories/anna/1/',
                   '/bad name/', '/' + 'a'.repeat(31) + '/', '/explore', '/reels/', '/anna/p/Cabc123/', '/anna/reel/xyz/',
                   '/anna/reels/extra/', '/anna/unknown/', '/explore/tagged/', '/stories/followers/', '/bad name/reels/']) {
    assert.equal(profileFromPath(p), null, p);
  }
});

test('postFromPath reads a post\'s address, bare or under its author\'s name', () => {
  assert.deepEqual(postFromPath('/p/Cabc123/'), { username: null, code: 'Cabc123' });
  assert.deepEqual(postFromPath('/reel/x-y_z'), { username: null, code: 'x-y_z' });
  assert.deepEqual(postFromPath('/Anna/p/Cabc123/'), { username: 'anna', code: 'Cabc123' });
  assert.deepEqual(postFromPath('/anna/reel/xyz/'), { username: 'anna', code: 'xyz' });
  for (const p of ['/', '/anna/', '/anna/reels/', '/p/', '/p/a/b/', '/explore/p/abc/', '/bad name/p/abc/', '/p/<x>/', 42, null]) {
    assert.equal(postFromPath(p), null, String(p));
  }
});

// A post opened over the profile in view keeps it (covered: the badge and panel step aside, the
// audit goes on); anything else that is no profile page leaves it, as before.
test('routeOf: a post over the same profile, reached within the app with its header underneath, is that profile covered', () => {
  const over = { shown: 'anna', from: '/anna/', headerNames: ['anna'] };
  const covered = { username: 'anna', covered: true };
  const none = { username: null, covered: false };
  // Profiles themselves, as profileFromPath says, whatever was shown.
  assert.deepEqual(routeOf('/anna/', over), { username: 'anna', covered: false });
  assert.deepEqual(routeOf('/bob/reels/', over), { username: 'bob', covered: false });
  // Opened from the profile's grid (or its reels tab), bare or under its name, the header still there.
  assert.deepEqual(routeOf('/p/Cabc123/', over), covered);
  assert.deepEqual(routeOf('/anna/p/Cabc123/', over), covered);
  assert.deepEqual(routeOf('/ANNA/reel/xyz/', { ...over, from: '/anna/reels/' }), covered);
  // Loaded afresh: no profile shown before it in this document.
  assert.deepEqual(routeOf('/p/Cabc123/', { headerNames: ['anna'] }), none);
  assert.deepEqual(routeOf('/anna/p/Cabc123/', {}), none);
  // Another user's post: its address names them, or it was opened from the profile's tagged tab.
  assert.deepEqual(routeOf('/bob/p/Cabc123/', over), none);
  assert.deepEqual(routeOf('/bob/p/Cabc123/', { ...over, headerNames: ['anna', 'bob'] }), none);
  assert.deepEqual(routeOf('/p/Cabc123/', { ...over, from: '/anna/tagged/' }), none);
  assert.deepEqual(routeOf('/anna/p/Cabc123/', { ...over, from: '/anna/tagged/' }), covered);
  // The profile's header gone (a post's page of its own drawn in its place) or another's in view.
  assert.deepEqual(routeOf('/p/Cabc123/', { ...over, headerNames: [] }), none);
  assert.deepEqual(routeOf('/anna/p/Cabc123/', { ...over, headerNames: ['bob'] }), none);
  // Not a post at all.
  for (const p of ['/explore/', '/', '/stories/anna/1/', '/direct/inbox/']) assert.deepEqual(routeOf(p, over), none, p);
  assert.deepEqual(routeOf(undefined, over), none);
});

test('default avatar check', () => {
  assert.equal(isDefaultAvatar(`https://scontent.cdninstagram.com/v/t51.2885-19/${DEFAULT_AVATAR_MARK}.jpg?x=1`), true);
  assert.equal(isDefaultAvatar(''), false);  // no URL is no picture at all, not the default one
  assert.equal(isDefaultAvatar(undefined), false);
  assert.equal(isDefaultAvatar('https://scontent.cdninstagram.com/v/t51.2885-19/123_456_n.jpg'), false);
});

test('a followers-list user maps to a lite record', () => {
  const withPic = accountFromListUser({ pk: '1', username: 'bob_1', full_name: 'Bob', is_private: true, is_verified: false,
    profile_pic_url: 'https://x/real_n.jpg', profile_pic_id: '123_1' });
  assert.deepEqual(withPic.record, { username: 'bob_1', full_name: 'Bob', is_private: true, is_verified: false, has_profile_pic: true, phase: 'lite', pk: '1' });
  const anon = accountFromListUser({ username: 'x9', profile_pic_url: `https://x/${DEFAULT_AVATAR_MARK}.jpg` });
  assert.equal(anon.record.has_profile_pic, false);
  assert.equal('full_name' in anon.record, false);  // not sent: unknown, not empty
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
  assert.equal(userInfoUrl('1000'), 'https://www.instagram.com/api/v1/users/1000/info/');
  assert.equal(likersUrl('3100_1000'), 'https://www.instagram.com/api/v1/media/3100_1000/likers/');
  assert.equal(commentsUrl('3100'), 'https://www.instagram.com/api/v1/media/3100/comments/?can_support_threading=true&permalink_enabled=false');
  // The page's own data blocks carry the profile's id (digits only are read).
  assert.equal(userIdFromPageScripts(['{"x":1}', '{"props":{"profile_id":"25025320","user":{}}}']), '25025320');
  assert.equal(userIdFromPageScripts(['{"profile_id":"12a"}', null]), null);
  assert.equal(userIdFromPageScripts(['{"page_id":"profilePage_25025320","x":1}']), '25025320');
  assert.equal(userIdFromPageScripts(['{"page_id":"profilePage_"}', '{"page_id":"profilePage_12a"}']), null);
});

test('responses are classified the way Instagram fails', () => {
  const k = (...a) => classifyResponse(...a).kind;
  assert.equal(k(200, 'application/json', '{"data":{"user":{"id":"1"}},"status":"ok"}'), 'ok');
  assert.equal(k(429, 'application/json', '{"message":"Please wait a few minutes before you try again.","status":"fail"}'), 'rate_limited');
  // A signed-in session's "wait" comes as 401: a rate limit, not a logout; so is "useragent mismatch" on 429.
  const wait = classifyResponse(401, 'application/json', '{"message":"Please wait a few minutes before you try again.","status":"fail"}');
  assert.deepEqual(wait, { kind: 'rate_limited', detail: 'Please wait a few minutes before you try again.' });
  assert.equal(k(429, 'application/json', '{"message":"useragent mismatch","status":"fail"}'), 'rate_limited');
  assert.equal(k(429, 'text/html', '<html>Too many</html>'), 'rate_limited');
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
  assert.equal(k(302, 'text/plain', ''), 'changed');
});

test('a short followers list (the limit flag, no cursor) ends the list; so do an empty page and an empty cursor', () => {
  const users = Array.from({ length: 50 }, (_, i) => ({ pk: String(i), username: `u${i}` }));
  const short = parseFollowersPage({ users, big_list: true, page_size: 50, should_limit_list_of_followers: true, status: 'ok' });
  assert.equal(short.accounts.length, 50);
  assert.equal(short.limited, true);
  assert.equal(short.nextCursor, null);
  // The flag wins over a cursor sent with it.
  assert.equal(parseFollowersPage({ users, next_max_id: 'QVFE', should_limit_list_of_followers: true }).nextCursor, null);
  assert.equal(parseFollowersPage({ users: [], next_max_id: 'QVFE', has_more: true }).nextCursor, null);
  assert.equal(parseFollowersPage({ users, next_max_id: '' }).nextCursor, null);
  assert.equal(parseFollowersPage({ users, next_max_id: 25 }).nextCursor, '25');
  assert.equal(parseFollowersPage({ users, next_max_id: 'QVFE' }).limited, false);
  assert.equal(short.accounts[3].pk, '3');
});

test('a likers answer maps to lite records with its user count', () => {
  const doc = { users: [{ pk: 11, username: 'liker.one', full_name: 'L', is_private: false, is_verified: false,
    profile_pic_url: `https://x/${DEFAULT_AVATAR_MARK}.jpg` }, { pk_id: '12', username: 'liker.two', profile_pic_id: '1_2' }],
    user_count: 240, status: 'ok' };
  const r = parseLikersPage(doc);
  assert.equal(r.userCount, 240);
  assert.deepEqual(r.accounts.map((a) => [a.username, a.pk, a.has_profile_pic, a.phase]),
    [['liker.one', '11', false, 'lite'], ['liker.two', '12', true, 'lite']]);
  assert.equal(parseLikersPage({ users: [] }).userCount, null);
  assert.match(parseLikersPage({ likers: [] }).error, /likers page: "users" must be an array/);
  // Error bodies as these endpoints send them: classified before any mapping.
  const gone = '{"message":"Media not found or unavailable","status":"fail"}';
  assert.equal(classifyResponse(400, 'application/json', gone).kind, 'forbidden');
  assert.match(parseLikersPage(JSON.parse(gone)).error, /"users" must be an array/);
  assert.match(parseCommentsPage(JSON.parse(gone), '1').error, /"comments" must be an array/);
  assert.match(parseLikersPage({ users: [{ username: '' }] }).error, /likers page: 1 of 1 entries could not be read \(first: users\[0\]\.username/);
});

test('a comments page maps commenters once each and keeps the comment objects as Instagram gives them', () => {
  const user = (pk, username) => ({ pk, username, full_name: `N ${pk}`, is_private: false, is_verified: false,
    profile_pic_url: 'https://x/p.jpg', extra_field: 'dropped' });
  const doc = { comments: [
    { pk: '900', text: 'Love it', created_at: 1795000000, comment_like_count: 3, user: user('1', 'fan.one'), type: 0 },
    { pk: 901, text: '🔥🔥🔥', created_at: 1795000100, user: user('2', 'bot.two') },
    { pk: '902', text: 'x'.repeat(5000), created_at: 1795000200, comment_like_count: 0, user: user('1', 'fan.one') },
  ], comment_count: 57, next_min_id: '{"cached_comments_cursor":"902"}', has_more_headload_comments: true, status: 'ok' };
  const r = parseCommentsPage(doc, '3100');
  assert.equal(r.commentCount, 57);
  assert.deepEqual(r.accounts.map((a) => a.username), ['fan.one', 'bot.two']);
  assert.equal(r.comments.length, 3);
  assert.deepEqual(r.comments[0], { pk: '900', text: 'Love it', created_at: 1795000000, comment_like_count: 3, media_id: '3100',
    user: { pk: '1', username: 'fan.one', full_name: 'N 1', is_private: false, is_verified: false, profile_pic_url: 'https://x/p.jpg' } });
  assert.equal(r.comments[1].pk, '901');
  assert.equal(r.comments[1].comment_like_count, null);
  assert.equal(r.comments[2].text.length, 2200);
  assert.match(parseCommentsPage({ comments: [{ text: 'hi' }] }, '1').error, /comments\[0\]\.user must be an object/);
  assert.match(parseCommentsPage({ comments: [{ user: user('1', 'a') }] }, '1').error, /comments\[0\]\.text must be a string/);
  assert.match(parseCommentsPage({ status: 'ok' }, '1').error, /"comments" must be an array/);
});

test('users/<id>/info and the page counts map to the same document web_profile_info gives', () => {
  const info = { user: { pk: 1000042, username: 'lena.bakes', full_name: 'Lena', biography: 'Bread', external_url: '',
    is_private: false, is_verified: true, is_business: true, category: 'Food', follower_count: 820, following_count: 410,
    media_count: 64, profile_pic_url: 'https://x/p.jpg', has_anonymous_profile_picture: false }, status: 'ok' };
  const doc = JSON.parse(profileDocFromUserInfo(info).text);
  assert.deepEqual(doc.data.user, { id: '1000042', username: 'lena.bakes', full_name: 'Lena', biography: 'Bread',
    external_url: '', is_private: false, is_verified: true, is_business_account: true, category_name: 'Food',
    has_anonymous_profile_picture: false, profile_pic_url: 'https://x/p.jpg', edge_followed_by: { count: 820 }, edge_follow: { count: 410 },
    edge_owner_to_timeline_media: { count: 64, edges: [] } });
  const linked = JSON.parse(profileDocFromUserInfo({ user: { ...info.user, bio_links: [{ url: 'https://shop.example' }] } }).text);
  assert.deepEqual(linked.data.user.bio_links, [{ url: 'https://shop.example' }], 'bio links pass to the engine');
  const anon = JSON.parse(profileDocFromUserInfo({ user: { ...info.user, has_anonymous_profile_picture: true } }).text);
  assert.equal(anon.data.user.has_anonymous_profile_picture, true);
  assert.match(profileDocFromUserInfo({ message: 'Please wait a few minutes before you try again.', status: 'fail' }).error, /"user" must be an object/);
  assert.match(profileDocFromUserInfo({ user: { username: 'a' } }).error, /follower_count is missing/);
  const page = JSON.parse(profileDocFromPage('anna', 'Anna', { followers: 1234, following: 56, posts: 78 }));
  assert.deepEqual(page.data.user.edge_followed_by, { count: 1234 });
  // The page's counts say nothing of privacy, verification or business: left out, unknown.
  for (const flag of ['is_private', 'is_verified', 'is_business_account']) assert.equal(flag in page.data.user, false, flag);
  assert.deepEqual(page.data.user.edge_owner_to_timeline_media, { count: 78, edges: [] });
});

test('a successful answer the engine will parse is not parsed here', () => {
  assert.deepEqual(classifyResponse(200, 'application/json', '{"data":', { json: false }), { kind: 'ok' });
  assert.equal(classifyResponse(200, 'text/html', '<html>', { json: false }).kind, 'challenge');
  assert.equal(classifyResponse(401, 'application/json', '{"message":"Please wait a few minutes before you try again."}',
    { json: false }).kind, 'rate_limited');
});
