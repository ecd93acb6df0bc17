// The Instagram adapter against the variants of its answers that public clients meet and the
// stand-in does not serve by default: ids as numbers past 2^53 or under other keys, failure
// bodies with HTTP 200, action blocks, server errors, a byte-order mark, fields absent or null,
// lists sent as null, the cursor's forms, and users/<id>/info's other field names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  classifyResponse, parseJson, quoteLongIntegers, accountFromListUser, parseFollowersPage, parseLikersPage,
  parseCommentsPage, profileDocFromUserInfo, userPk, DEFAULT_AVATAR_MARK, unavailableOf,
} from '../../extension/shared/instagram.js';
import { stateMessage } from '../../extension/shared/state-words.js';
import { translator, flatten } from '../../extension/shared/i18n.js';

const locale = (l) => JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8'));

const k = (...a) => classifyResponse(...a).kind;
const JSON_TYPE = 'application/json';

test('ids past 2^53 keep every digit; digits inside strings and decimals are left alone', () => {
  // A comment's pk (17 digits) and a media id: a JS number would round both.
  const body = '{"comments":[{"pk":18034567890123457,"text":"order 12345678901234567, ok","created_at":1795000000,' +
    '"user":{"pk":17841400000000000123,"username":"fan.one"}}],"comment_count":1,"ratio":0.12345678901234567891,' +
    '"escaped":"\\"99999999999999999999","status":"ok"}';
  const c = classifyResponse(200, JSON_TYPE, body);
  assert.equal(c.kind, 'ok');
  assert.equal(c.json.escaped, '"99999999999999999999');
  assert.equal(c.json.ratio, 0.12345678901234568);
  const page = parseCommentsPage(c.json, '3100');
  assert.equal(page.comments[0].pk, '18034567890123457');
  assert.equal(page.comments[0].text, 'order 12345678901234567, ok');
  assert.equal(page.comments[0].user.pk, '17841400000000000123');
  assert.equal(page.accounts[0].pk, '17841400000000000123');
  // A cursor sent as a long number is the same cursor, digit for digit.
  assert.equal(parseFollowersPage(parseJson('{"users":[{"username":"a"}],"next_max_id":3456789012345678901}')).nextCursor,
    '3456789012345678901');
  assert.equal(quoteLongIntegers('[1234567890123456, -12345678901234567, 1e22, 123]'),
    '["1234567890123456", -12345678901234567, 1e22, 123]');
});

test('a byte-order mark before the JSON is skipped', () => {
  const c = classifyResponse(200, JSON_TYPE, '\uFEFF{"users":[],"status":"ok"}');
  assert.equal(c.kind, 'ok');
  assert.deepEqual(c.json.users, []);
});

test('failure bodies sent with HTTP 200 are failures, told by what they say, never data', () => {
  const fail = (o) => JSON.stringify({ ...o, status: 'fail' });
  assert.equal(k(200, JSON_TYPE, fail({ message: 'Please wait a few minutes before you try again.' })), 'rate_limited');
  assert.equal(k(200, JSON_TYPE, fail({ message: 'checkpoint_required', checkpoint_url: '/challenge/1/' })), 'challenge');
  assert.equal(k(200, JSON_TYPE, fail({ message: 'challenge_required' })), 'challenge');
  assert.equal(k(200, JSON_TYPE, fail({ message: 'login_required' })), 'logged_out');
  assert.equal(k(200, JSON_TYPE, fail({ message: 'user_has_logged_out' })), 'logged_out');
  // Anything else is named, with Instagram's words, instead of a missing "users" array.
  const other = classifyResponse(200, JSON_TYPE, fail({ message: 'Sorry, something went wrong' }));
  assert.equal(other.kind, 'changed');
  assert.match(other.detail, /"status": "fail": "Sorry, something went wrong"/);
  assert.match(classifyResponse(200, JSON_TYPE, fail({})).detail, /\(no message\)/);
  // web_profile_info's body is left for the engine, but a failure body is small and read here.
  const wait = fail({ message: 'Please wait a few minutes before you try again.' });
  assert.equal(k(200, JSON_TYPE, wait, { json: false }), 'rate_limited');
  assert.equal(k(200, JSON_TYPE, fail({ message: 'checkpoint_required' }), { json: false }), 'challenge');
  assert.deepEqual(classifyResponse(200, JSON_TYPE, '{"data":{"user":{"username":"a"}},"status":"ok"}', { json: false }),
    { kind: 'ok' });
  const large = JSON.stringify({ data: { user: { username: 'a', biography: 'x'.repeat(5000) } }, status: 'ok' });
  assert.deepEqual(classifyResponse(200, JSON_TYPE, large, { json: false }), { kind: 'ok' });
});

test('an action block ("feedback_required", "spam") is a rate limit, whatever its status', () => {
  const block = JSON.stringify({ message: 'feedback_required', spam: true, feedback_title: 'Try Again Later',
    feedback_message: 'We limit how often you can do certain things on Instagram.', status: 'fail' });
  for (const status of [200, 400]) {
    assert.deepEqual(classifyResponse(status, JSON_TYPE, block), { kind: 'rate_limited', detail: 'feedback_required' });
  }
  assert.equal(k(400, JSON_TYPE, '{"message":"feedback_required","feedback_title":"Try Again Later","status":"fail"}'),
    'rate_limited');
  assert.equal(k(400, JSON_TYPE, '{"message":"","spam":true,"status":"fail"}'), 'rate_limited');
  assert.equal(k(400, JSON_TYPE, '{"message":"","error_type":"rate_limit_error","status":"fail"}'), 'rate_limited');
});

test('logged out and challenges are told by the body, not only by the status', () => {
  // "require_login" with a 400 is a logout, not a refusal of this profile.
  assert.equal(k(400, JSON_TYPE, '{"message":"","require_login":true,"status":"fail"}'), 'logged_out');
  // A checkpoint under 401 is a challenge to go through, not a logout.
  assert.equal(k(401, JSON_TYPE, '{"message":"checkpoint_required","status":"fail"}'), 'challenge');
  assert.equal(k(400, JSON_TYPE, '{"message":"consent_required","status":"fail"}'), 'challenge');
  assert.equal(k(400, JSON_TYPE, '{"message":"Not authorized to view user","status":"fail"}'), 'forbidden');
});

test('a server error or no answer at all backs off to retry; it is no changed page', () => {
  assert.deepEqual(classifyResponse(503, 'text/html', '<html>Oops</html>'),
    { kind: 'rate_limited', unavailable: 503, detail: 'HTTP 503 (Instagram unavailable for now)' });
  assert.equal(k(500, 'text/plain', 'Internal Server Error'), 'rate_limited');
  assert.equal(classifyResponse(502, JSON_TYPE, '').unavailable, 502);
  assert.deepEqual(classifyResponse(0, '', ''), { kind: 'rate_limited', unavailable: 0, detail: 'no answer (network)' });
});

// What the user reads for each wait, from the answer to the sentence (the badge, the panel and
// the audit's progress all say it through stateMessage), in every shipped language.
test('a 5xx reads "not answering", no answer (no connection, or none in time) "no answer", a 429 or "wait" still "asked to slow down"', () => {
  const wording = {
    en: [/not answering right now \(HTTP 503\); trying again at 1?\d:\d\d/, /^No answer from Instagram \(no connection, or it took too long\); trying again at/, /asked to slow down; retrying at/],
    nl: [/antwoordt op dit moment niet \(HTTP 503\)/, /^Geen antwoord van Instagram \(geen verbinding, of te traag\)/, /rustiger aan/],
    de: [/antwortet gerade nicht \(HTTP 503\)/, /^Keine Antwort von Instagram \(keine Verbindung oder zu langsam\)/, /bittet um eine Pause/],
    fr: [/ne répond pas pour le moment \(HTTP 503\)/, /^Pas de réponse d'Instagram \(pas de connexion, ou trop lente\)/, /demande de ralentir/],
  };
  const en = flatten(locale('en'));
  const retryAt = new Date(2026, 0, 5, 14, 5).getTime();
  const said = (t, c) => stateMessage(t, 'rate_limited', retryAt, unavailableOf(c).unavailable);
  for (const [lang, [server, network, limit]] of Object.entries(wording)) {
    const t = translator(flatten(locale(lang)), en, lang);
    assert.match(said(t, classifyResponse(503, 'text/html', '<html>Sorry, something went wrong</html>')), server, lang);
    assert.match(said(t, classifyResponse(0, '', '')), network, lang);
    assert.match(said(t, classifyResponse(429, 'text/html', '<html>Too many</html>')), limit, lang);
    assert.match(said(t, classifyResponse(401, JSON_TYPE, '{"message":"Please wait a few minutes before you try again.","status":"fail"}')), limit, lang);
    assert.match(said(t, classifyResponse(200, JSON_TYPE, '{"message":"feedback_required","spam":true,"status":"fail"}')), limit, lang);
    // Without a retry time (nothing scheduled yet), each still says which.
    assert.notEqual(stateMessage(t, 'rate_limited', null, 503), stateMessage(t, 'rate_limited', null, null), lang);
    assert.notEqual(stateMessage(t, 'rate_limited', null, 0), stateMessage(t, 'rate_limited', null, 503), lang);
  }
  const t = translator(en);
  assert.match(stateMessage(t, 'rate_limited', null, 502), /not answering right now \(HTTP 502\); Fakemeter will try again later/);
  assert.equal(stateMessage(t, 'rate_limited', null, 0), 'No answer from Instagram (no connection, or it took too long); Fakemeter will try again later.');
});

test('a list user with no word on their picture is unknown, not "no picture"', () => {
  const rec = (u) => accountFromListUser({ username: 'anna', ...u }).record;
  assert.equal('has_profile_pic' in rec({}), false);
  assert.equal('has_profile_pic' in rec({ profile_pic_url: null }), false);
  assert.equal('has_profile_pic' in rec({ profile_pic_url: '' }), false);
  // The flag decides when present, whatever the URL (null or the default's).
  assert.equal(rec({ profile_pic_url: null, has_anonymous_profile_picture: false }).has_profile_pic, true);
  assert.equal(rec({ profile_pic_url: 'https://x/own.jpg', has_anonymous_profile_picture: true }).has_profile_pic, false);
  // No flag: a picture id means one of their own; else the URL tells.
  assert.equal(rec({ profile_pic_id: '311_5' }).has_profile_pic, true);
  assert.equal(rec({ profile_pic_url: `https://x/${DEFAULT_AVATAR_MARK}.jpg` }).has_profile_pic, false);
  assert.equal(rec({ profile_pic_url: 'https://x/own.jpg' }).has_profile_pic, true);
});

test('a list user\'s null or absent fields are left out of the record, not read as false or empty', () => {
  const r = accountFromListUser({ username: 'anna', full_name: null, is_private: null, is_verified: null,
    has_anonymous_profile_picture: false });
  assert.deepEqual(r.record, { username: 'anna', has_profile_pic: true, phase: 'lite' });
  assert.deepEqual(accountFromListUser({ username: 'bob', full_name: '', is_private: false, is_verified: true }).record,
    { username: 'bob', full_name: '', is_private: false, is_verified: true, phase: 'lite' });
  assert.match(accountFromListUser({ username: 'c', is_verified: 1 }).error, /is_verified must be a boolean/);
});

test('a user\'s id is read from pk, pk_id, id or strong_id__; a number that lost digits is refused', () => {
  assert.equal(userPk({ strong_id__: '25025320' }), '25025320');
  assert.equal(userPk({ pk: 25025320 }), '25025320');
  assert.equal(userPk({ pk: 2 ** 60, pk_id: '1152921504606846977' }), '1152921504606846977');
  assert.equal(userPk({ pk: 2 ** 60 }), null);
  assert.equal(userPk({ pk: 'abc', id: '7' }), '7');
  assert.equal(accountFromListUser({ username: 'a', strong_id__: '99' }).record.pk, '99');
});

test('"has_more": false ends the followers list even with a cursor; a numeric cursor pages on', () => {
  const users = [{ username: 'a' }, { username: 'b' }];
  assert.equal(parseFollowersPage({ users, next_max_id: 'QVFE', has_more: false }).nextCursor, null);
  assert.equal(parseFollowersPage({ users, next_max_id: 'QVFE', has_more: true, big_list: true, page_size: 25 }).nextCursor, 'QVFE');
  assert.equal(parseFollowersPage({ users, next_max_id: 50, big_list: true }).nextCursor, '50');
});

test('likers or comments sent as null list no one; the counts still stand', () => {
  assert.deepEqual(parseLikersPage({ users: null, user_count: 12, status: 'ok' }), { accounts: [], skipped: [], userCount: 12 });
  assert.deepEqual(parseCommentsPage({ comments: null, comment_count: 4, status: 'ok' }, '1'),
    { accounts: [], comments: [], skipped: [], commentCount: 4 });
  assert.match(parseLikersPage({ users: 'none' }).error, /"users" must be an array/);
  assert.match(parseCommentsPage({ comments: {} }, '1').error, /"comments" must be an array/);
  assert.match(parseFollowersPage({ users: null }).error, /"users" must be an array/);
});

// One odd entry (a deactivated account without a username, a comment without text) costs that
// entry, named in `skipped`; a page most of whose entries cannot be read is a changed shape.
test('an entry that cannot be read is left out and named; a page mostly of them is a changed shape', () => {
  const users = [{ username: 'a' }, { username: null, pk: 7 }, { username: 'c', is_private: 'no' }, { username: 'd' },
                 { username: 'e' }];
  const page = parseFollowersPage({ users, next_max_id: 'QVFE' });
  assert.deepEqual(page.accounts.map((r) => r.username), ['a', 'd', 'e']);
  assert.deepEqual(page.skipped, [{ index: 1, error: 'users[1].username must be a username' },
                                  { index: 2, error: 'users[2].is_private must be a boolean' }]);
  assert.equal(page.nextCursor, 'QVFE');
  assert.deepEqual(parseLikersPage({ users: [...users, { username: 'f' }], user_count: 9 }).skipped.map((s) => s.index), [1, 2]);
  // Half or more unreadable: the error says how many and the first problem.
  assert.equal(parseFollowersPage({ users: users.slice(0, 4) }).error,
    'followers page: 2 of 4 entries could not be read (first: users[1].username must be a username)');
  assert.match(parseLikersPage({ users: [{ username: '' }] }).error, /^likers page: 1 of 1 entries/);
  const comments = [{ text: 'hi', user: { username: 'fan' } }, { text: null, user: { username: 'x' } },
                    { text: 'ok', user: { username: 'fan' } }, { text: 'yo', user: { username: 'z' } }];
  const c = parseCommentsPage({ comments, comment_count: 4 }, '5');
  assert.deepEqual(c.accounts.map((r) => r.username), ['fan', 'z']);
  assert.deepEqual(c.comments.map((x) => x.text), ['hi', 'ok', 'yo']);
  assert.deepEqual(c.skipped, [{ index: 1, error: 'comments[1].text must be a string' }]);
  assert.match(parseCommentsPage({ comments: comments.slice(0, 2) }, '5').error,
    /^comments page: 1 of 2 entries could not be read \(first: comments\[1\]\.text must be a string\)$/);
});

// A purged post: half its comments by deleted accounts ("user": null). They are left out and
// counted, and the rest of its commenters read: it was thrown away whole as a changed shape.
test('comments whose author is gone are skipped without counting against the answer\'s shape', () => {
  const comments = [{ text: 'nice', user: null }, { text: 'wow', user: { username: 'fan' } }, { text: 'top', user: null },
                    { text: 'ok', user: { username: 'pal' } }, { text: 'hm', user: null }];
  const c = parseCommentsPage({ comments, comment_count: 5 }, '5');
  assert.deepEqual(c.accounts.map((r) => r.username), ['fan', 'pal']);
  assert.deepEqual(c.skipped.map((x) => [x.index, x.gone]), [[0, true], [2, true], [4, true]]);
  // All gone: a post listing no one, not a changed shape.
  assert.deepEqual(parseCommentsPage({ comments: [{ text: 'a', user: null }] }, '5').accounts, []);
  // The shape check counts the other entries only: 1 unreadable of the 2 left is half.
  assert.match(parseCommentsPage({ comments: [...comments.slice(0, 2), { text: 3, user: { username: 'q' } }] }, '5').error,
    /^comments page: 1 of 2 entries could not be read \(first: comments\[2\]\.text must be a string\)$/);
});

test('a comment\'s time falls back to created_at_utc; its id to pk_id; null user fields are not kept', () => {
  const r = parseCommentsPage({ comments: [{ pk_id: '18000000000000001', text: 'hi', created_at_utc: 1795000000,
    user: { pk: 5, username: 'fan', full_name: null, is_private: false } }] }, '3100');
  assert.deepEqual(r.comments[0], { pk: '18000000000000001', text: 'hi', created_at: 1795000000, comment_like_count: null,
    media_id: '3100', user: { pk: '5', username: 'fan', is_private: false } });
});

test('users/<id>/info: the id under any of its keys, both names of business and category, null fields unknown', () => {
  const map = (user) => JSON.parse(profileDocFromUserInfo({ user, status: 'ok' }).text).data.user;
  const u = map({ pk_id: '1000042', strong_id__: '1000042', username: 'lena', full_name: null, biography: null,
    is_business_account: true, category_name: 'Food', follower_count: 820, following_count: null, media_count: 64,
    profile_pic_url: null, has_anonymous_profile_picture: false });
  assert.deepEqual(u, { id: '1000042', username: 'lena', is_business_account: true, category_name: 'Food',
    has_anonymous_profile_picture: false, edge_followed_by: { count: 820 }, edge_follow: { count: null }, edge_owner_to_timeline_media: { count: 64, edges: [] } });
  assert.equal(map({ pk: 2 ** 60, username: 'x', follower_count: 1 }).id, undefined);
  assert.equal(map({ username: 'x', follower_count: 1, has_anonymous_profile_picture: true }).has_anonymous_profile_picture, true);
  // No flag: the picture's id or URL says it; an empty URL says nothing.
  assert.equal(map({ username: 'x', follower_count: 1, profile_pic_id: '1_2', profile_pic_url: '' }).has_anonymous_profile_picture, false);
  assert.equal('has_anonymous_profile_picture' in map({ username: 'x', follower_count: 1, profile_pic_url: '' }), false);
  assert.match(profileDocFromUserInfo({ status: 'ok' }).error, /users\/<id>\/info: "user" must be an object/);
  assert.match(profileDocFromUserInfo({ user: { username: 'x', follower_count: null } }).error, /follower_count is missing/);
});
