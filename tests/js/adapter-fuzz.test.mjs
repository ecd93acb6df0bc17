// The Instagram adapter against answers nobody wrote down: seeded random mutations of each
// endpoint's answer (a field dropped, a value of another type, an odd string, a list where an
// object was), and random text where the page's counts, paths and scripts are read. Whatever
// comes, the adapter answers (never throws), and what it answers keeps its promises: an error is
// a sentence; a record holds only well-typed fields and a real username; counts are whole,
// non-negative and exact. Reproducible: each failure names its seed and the mutated input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyResponse, parseFollowersPage, parseLikersPage, parseCommentsPage, profileDocFromUserInfo, parseCount,
  readOgDescription, profileDisplayName, profileFromPath, userIdFromPageScripts, isUsername,
} from '../../extension/shared/instagram.js';
import { prng } from '../../extension/shared/audit.js';

const RUNS = 1500;
const ODD_STRINGS = ['', ' ', 'x', '<img src=x onerror=alert(1)>', '"}]', '\u0000', '\ud800', '1e400', '-1', 'null',
  'a'.repeat(5000), '12,345', '1.2M', '🔥', 'QVFE', '9007199254740993', '../../etc'];
const ODD_NUMBERS = [0, -1, 1.5, 2 ** 53 + 2, -0, 1e308, 3];

function oddValue(rand) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  switch (Math.floor(rand() * 8)) {
    case 0: return null;
    case 1: return rand() < 0.5;
    case 2: return pick(ODD_NUMBERS);
    case 3: return pick(ODD_STRINGS);
    case 4: return [];
    case 5: return {};
    case 6: return [pick(ODD_STRINGS), { username: pick(ODD_STRINGS) }];
    default: return { nested: { deeper: [null, pick(ODD_NUMBERS)] } };
  }
}

// Every [parent, key] in a JSON value, the root's parent being a holder object.
function slots(holder) {
  const out = [];
  const walk = (parent, key) => {
    out.push([parent, key]);
    const v = parent[key];
    if (v && typeof v === 'object') for (const k of Object.keys(v)) walk(v, k);
  };
  walk(holder, 'root');
  return out;
}

// 1-3 mutations of a deep copy of `doc`: replace a value, drop a key (or an array entry), add a key.
function mutate(doc, rand) {
  const holder = { root: structuredClone(doc) };
  const times = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < times; i++) {
    const all = slots(holder);
    const [parent, key] = all[Math.floor(rand() * all.length)];
    const what = rand();
    if (what < 0.6 || parent === holder) parent[key] = oddValue(rand);
    else if (what < 0.85) Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (parent[key] && typeof parent[key] === 'object' && !Array.isArray(parent[key])) parent[key].extra = oddValue(rand);
  }
  return holder.root;
}

const user = (i) => ({ pk: String(1000 + i), pk_id: String(1000 + i), username: `user.${i}`, full_name: `User ${i}`,
  is_private: i % 2 === 0, is_verified: false, profile_pic_url: `https://cdn.example/p${i}.jpg`, profile_pic_id: `${i}_1`,
  has_anonymous_profile_picture: false });
const USERS = Array.from({ length: 6 }, (_, i) => user(i));
const DOCS = {
  followers: { users: USERS, big_list: true, page_size: 25, next_max_id: 'QVFE1', has_more: true,
               should_limit_list_of_followers: false, status: 'ok' },
  likers: { users: USERS, user_count: 240, status: 'ok' },
  comments: { comments: USERS.map((u, i) => ({ pk: String(18000 + i), text: `nice ${i}`, created_at: 1795000000 + i,
    comment_like_count: i, user: u })), comment_count: 57, next_min_id: '{"c":"1"}', status: 'ok' },
  info: { user: { ...user(9), biography: 'Bread', external_url: 'https://example.com', follower_count: 820,
    following_count: 310, media_count: 41, is_business: false, category: 'Baker', bio_links: [{ url: 'https://x' }] },
    status: 'ok' },
};

const isCount = (v) => v === null || (Number.isSafeInteger(v) && v >= 0);
const isSentence = (e) => typeof e === 'string' && e.length > 0 && e.length < 400;

// A lite record as the estimator takes it: a real username, every other field of its one type.
function checkRecord(r) {
  assert.ok(isUsername(r.username), `username ${JSON.stringify(r.username)}`);
  assert.equal(r.phase, 'lite');
  for (const k of ['is_private', 'is_verified', 'has_profile_pic']) if (k in r) assert.equal(typeof r[k], 'boolean', k);
  if ('full_name' in r) assert.equal(typeof r.full_name, 'string');
  if ('pk' in r) assert.match(r.pk, /^\d{1,30}$/);
}

function checkList(out, input, kind) {
  if ('error' in out) {
    assert.ok(isSentence(out.error), `error ${JSON.stringify(out.error)}`);
    assert.ok(!('accounts' in out));
    return;
  }
  out.accounts.forEach(checkRecord);
  assert.ok(Array.isArray(out.skipped));
  for (const s of out.skipped) { assert.ok(Number.isInteger(s.index) && s.index >= 0); assert.ok(isSentence(s.error)); }
  const listed = kind === 'comments' ? input.comments : input.users;
  if (Array.isArray(listed)) assert.ok(out.skipped.length * 2 < listed.length || listed.length === 0, 'a page mostly unread is an error');
  if (kind === 'followers') {
    assert.ok(out.nextCursor === null || (typeof out.nextCursor === 'string' && out.nextCursor !== ''));
    assert.equal(typeof out.limited, 'boolean');
  }
  if (kind === 'likers') assert.ok(isCount(out.userCount));
  if (kind === 'comments') {
    assert.ok(isCount(out.commentCount));
    assert.equal(new Set(out.accounts.map((a) => a.username)).size, out.accounts.length, 'each commenter once');
    for (const c of out.comments) {
      assert.equal(typeof c.text, 'string');
      assert.ok(c.text.length <= 2200);
      assert.equal(c.media_id, '3100');
      assert.ok(c.created_at === null || Number.isSafeInteger(c.created_at));
      assert.ok(c.pk === null || /^\d+$/.test(c.pk));
    }
  }
}

const PARSERS = { followers: parseFollowersPage, likers: parseLikersPage, comments: (d) => parseCommentsPage(d, '3100') };

function forEachMutation(doc, seed, check) {
  const rand = prng(seed);
  for (let i = 0; i < RUNS; i++) {
    const input = mutate(doc, rand);
    try {
      check(input);
    } catch (err) {
      err.message = `seed ${seed}, run ${i}, input ${JSON.stringify(input).slice(0, 600)}: ${err.message}`;
      throw err;
    }
  }
}

for (const [kind, parse] of Object.entries(PARSERS)) {
  test(`mutated ${kind} answers are read or refused with a sentence, never thrown on`, () => {
    forEachMutation(DOCS[kind], 7 + kind.length, (input) => checkList(parse(input), input, kind));
  });
}

test('mutated users/<id>/info answers give a document the engine can read, or a sentence', () => {
  forEachMutation(DOCS.info, 11, (input) => {
    const out = profileDocFromUserInfo(input);
    if ('error' in out) return assert.ok(isSentence(out.error));
    const u = JSON.parse(out.text).data.user;
    assert.equal(typeof u.username, 'string');
    for (const edge of ['edge_followed_by', 'edge_follow', 'edge_owner_to_timeline_media']) assert.ok(isCount(u[edge].count), edge);
    assert.ok(Number.isSafeInteger(u.edge_followed_by.count), 'a follower count is required');
    for (const k of ['is_private', 'is_verified', 'is_business_account', 'has_anonymous_profile_picture']) {
      if (k in u) assert.equal(typeof u[k], 'boolean', k);
    }
    if ('id' in u) assert.match(u.id, /^\d+$/);
  });
});

test('any answer text under any status is classified as one of the known kinds, never thrown on', () => {
  const KINDS = ['ok', 'rate_limited', 'logged_out', 'challenge', 'not_found', 'forbidden', 'changed'];
  const rand = prng(5);
  const bodies = Object.values(DOCS).map((d) => JSON.stringify(d));
  for (let i = 0; i < RUNS; i++) {
    const base = bodies[i % bodies.length];
    // Cut, spliced with odd text, or a mutated document's text.
    const at = Math.floor(rand() * base.length);
    const body = [base.slice(0, at), base.slice(0, at) + ODD_STRINGS[i % ODD_STRINGS.length] + base.slice(at),
                  JSON.stringify(mutate(JSON.parse(base), rand)) ?? ''][i % 3];
    const status = [200, 200, 201, 204, 301, 400, 401, 403, 404, 429, 500, 503, 0][Math.floor(rand() * 13)];
    const type = ['application/json', 'text/html; charset=utf-8', '', 'text/plain'][Math.floor(rand() * 4)];
    const c = classifyResponse(status, type, body, { json: rand() < 0.8 });
    assert.ok(KINDS.includes(c.kind), `${status} ${type} ${body.slice(0, 200)} -> ${JSON.stringify(c).slice(0, 200)}`);
    if (c.kind === 'changed') assert.ok(isSentence(c.detail));
    if (c.kind === 'ok' && c.json !== undefined) assert.ok(status >= 200 && status < 300);
  }
});

test('random text where counts, paths and page scripts are read gives exact counts, real usernames, digit ids or nothing', () => {
  const rand = prng(3);
  const pieces = ['1', '12', '1,234', '1.234', '1 234', '\u00a0', 'K', 'M', 'mln', 'Mio.', 'bn', ',', '.', ' ', '-', ' - ',
    'Followers', 'volgers', 'abonnés', '/', 'reels', 'explore', 'a', '_', '.', '"profile_id":"', '"', '99999999999999999999',
    'profilePage_', '<', '\u2009', 'тыс.', '9'.repeat(25), 'mil.', 'B', '万', '١٢', '٫', '،', '、', 'フォロワー', ' (@a)'];
  const langs = ['', 'en', 'tr', 'ja', 'ar', 'id', 'cs', 'es', 'x-y'];
  assert.equal(parseCount('99999999999999999999 bn'), null, 'an abbreviated count past exact numbers is none');
  const text = () => Array.from({ length: 1 + Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
  for (let i = 0; i < RUNS * 2; i++) {
    const s = text();
    const lang = langs[i % langs.length];
    const n = parseCount(s, lang);
    assert.ok(n === null || (Number.isSafeInteger(n) && n >= 0), `parseCount(${JSON.stringify(s)}, ${lang}) = ${n}`);
    const og = readOgDescription(s, lang);
    if (og.error) assert.match(og.error, /^og:description: \S.*[^\s]$/su, `og ${JSON.stringify(s)}: a refusal is a sentence`);
    else for (const v of Object.values(og.counts)) assert.ok(Number.isSafeInteger(v) && v >= 0, `og ${JSON.stringify(s)}`);
    assert.equal(typeof profileDisplayName('a', { description: s, title: text() }), 'string');
    const name = profileFromPath(s);
    assert.ok(name === null || (isUsername(name) && name === name.toLowerCase()), `path ${JSON.stringify(s)} -> ${name}`);
    const id = userIdFromPageScripts([s, text()]);
    assert.ok(id === null || /^\d{1,30}$/.test(id));
  }
});
