// The local Instagram stand-in: an HTTPS server on loopback that answers as www.instagram.com
// does for the seeded profiles (pages, web_profile_info, paginated follower lists), plus a
// plain-HTTP control server on another loopback port for failure modes and the request log.
// Use from tests through tests/e2e/lib/standin.mjs; run alone with
//   node tests/e2e/standin/server.mjs [--port N] [--control-port N] [--logged-out]
import https from 'node:https';
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import { makeCertificate } from './cert.mjs';
import { SEEDED, NONEXISTENT, PROFILE_IDS, seededDocument, findSeeded, truth, commentSectionOf } from './profiles.mjs';
import { followerProfileInfo } from './followers.mjs';
import { followersPage, likersPage, commentsPage, userInfoDocument, withV1MediaFields } from './engagers.mjs';
import { renderPage, pageData, challengePage, loginPage } from './pages.mjs';

export const APP_ID = '936619743392459';
export const FAILURE_MODES = ['rate_limit', 'login_required', 'challenge', 'truncated', 'slow', 'not_found', 'server_error',
  'unavailable', 'wait', 'ua_mismatch', 'wait_200', 'no_connection', 'empty_list', 'not_authorized', 'user_null', 'login_page'];
const APP_JS = fs.readFileSync(new URL('./app.js', import.meta.url));
const PIXEL_GIF = Buffer.from('R0lGODlhAQABAIAAAMzMzAAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

// The API paths with an id in them, for routing a request and for saying whose audit it can be (auditOf).
const USER_INFO_PATH = /^\/api\/v1\/users\/(\d+)\/info\/$/;
const MEDIA_LIST_PATH = /^\/api\/v1\/media\/(\d+)(?:_\d+)?\/(likers|comments)\/$/;
const FOLLOWERS_PATH = /^\/api\/v1\/friendships\/(\d+)\/followers\/$/;
const encodeCursor = (offset) => 'QVFE' + Buffer.from(`fm:${offset}`).toString('base64url');
function decodeCursor(cursor) {
  if (!cursor.startsWith('QVFE')) return null;
  const m = /^fm:(\d+)$/.exec(Buffer.from(cursor.slice(4), 'base64url').toString());
  return m ? Number(m[1]) : null;
}

// Validates one failure rule; throws with what is wrong (the control endpoint answers 400 with it).
function checkRule(rule) {
  if (!rule || typeof rule !== 'object') throw new Error('failure rule must be an object');
  if (!FAILURE_MODES.includes(rule.mode)) throw new Error(`failure rule: mode must be one of ${FAILURE_MODES.join(', ')}, got ${JSON.stringify(rule.mode)}`);
  for (const k of ['after', 'times', 'delayMs']) {
    if (rule[k] !== undefined && !(Number.isInteger(rule[k]) && rule[k] >= 0)) throw new Error(`failure rule: ${k} must be a non-negative integer`);
  }
  if (rule.match !== undefined && typeof rule.match !== 'string') throw new Error('failure rule: match must be a string (substring of path+query)');
  return { mode: rule.mode, match: rule.match ?? '/api/', after: rule.after ?? 0, times: rule.times ?? Infinity,
    delayMs: rule.delayMs ?? (rule.mode === 'slow' ? 1000 : 0), seen: 0, fired: 0 };
}

// An object without the named fields (an answer that does not send them).
const omit = (keys, o) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

// Every `every`-th entry of a list answer (followers, likers: users; comments: their users) as an
// entry of an account gone mid-answer might come: no username. 0 leaves the answer as it is.
function withUnreadable(body, every) {
  if (!every) return body;
  const blank = (u) => ({ ...u, username: '', full_name: '' });
  const odd = (i) => (i + 1) % every === 0;
  if (Array.isArray(body.users)) return { ...body, users: body.users.map((u, i) => (odd(i) ? blank(u) : u)) };
  return { ...body, comments: body.comments.map((c, i) => (odd(i) ? { ...c, user: blank(c.user) } : c)) };
}

// A profile's user object with its first `n` posts' like counts sent as text (graph or v1 shape).
function withUnreadablePosts(user, n) {
  if (!n) return user;
  const media = user.edge_owner_to_timeline_media;
  const edges = media.edges.map((e, i) => {
    if (i >= n) return e;
    const node = { ...e.node };
    if (node.edge_liked_by) node.edge_liked_by = { count: String(node.edge_liked_by.count) };
    else node.like_count = String(node.like_count);
    return { ...e, node };
  });
  return { ...user, edge_owner_to_timeline_media: { ...media, edges } };
}

// Behaviours of the 2026 Instagram, for every profile at once (null: each profile's own setting).
// userInfoOmits: fields the seeded profiles' users/<id>/info answers leave out.
// unreadableEvery: every N-th entry of each list answer without a username (withUnreadable).
// unreadablePosts: the first N recent posts of each seeded profile's document sent with a like
// count of another type (a string), as a post of a new kind might come.
// A user document whose recent posts show these like counts (newest first; -1: hidden).
function withLikeCounts(user, counts) {
  const media = user.edge_owner_to_timeline_media;
  const edges = media.edges.map((e, i) => (i < counts.length
    ? { ...e, node: { ...e.node, edge_liked_by: { count: counts[i] }, edge_media_preview_like: { count: counts[i] } } } : e));
  return { ...user, edge_owner_to_timeline_media: { ...media, edges } };
}

function checkBehaviour(b) {
  if (!b || typeof b !== 'object') throw new Error('behaviour must be an object');
  const out = { limitFollowers: null, mediaFields: null, userInfoOmits: [], unreadableEvery: 0, unreadablePosts: 0 };
  if (b.limitFollowers !== undefined && b.limitFollowers !== null && typeof b.limitFollowers !== 'boolean') {
    throw new Error('behaviour: limitFollowers must be true, false or null');
  }
  if (b.mediaFields !== undefined && b.mediaFields !== null && !['graph', 'v1'].includes(b.mediaFields)) {
    throw new Error('behaviour: mediaFields must be "graph", "v1" or null');
  }
  if (b.userInfoOmits !== undefined && !(Array.isArray(b.userInfoOmits) && b.userInfoOmits.every((k) => typeof k === 'string'))) {
    throw new Error('behaviour: userInfoOmits must be a list of field names');
  }
  for (const k of ['unreadableEvery', 'unreadablePosts']) {
    if (b[k] !== undefined && !(Number.isInteger(b[k]) && b[k] >= 0)) throw new Error(`behaviour: ${k} must be a non-negative integer`);
  }
  return { ...out, ...b };
}

function checkVariant(v) {
  if (!v || typeof v !== 'object') throw new Error('page variant must be an object');
  if (v.lang !== undefined && !['en', 'nl', 'tr'].includes(v.lang)) throw new Error(`page variant: lang must be en, nl or tr, got ${JSON.stringify(v.lang)}`);
  if (v.htmlLang !== undefined && !(typeof v.htmlLang === 'string' && /^[A-Za-z-]{0,12}$/.test(v.htmlLang))) {
    throw new Error(`page variant: htmlLang must be a language tag or '', got ${JSON.stringify(v.htmlLang)}`);
  }
  for (const k of ['followersLink', 'followingLink', 'counts', 'og']) {
    if (v[k] !== undefined && typeof v[k] !== 'boolean') throw new Error(`page variant: ${k} must be true or false`);
  }
  if (v.pageId !== undefined && !['profile_id', 'page_name'].includes(v.pageId)) {
    throw new Error(`page variant: pageId must be profile_id or page_name, got ${JSON.stringify(v.pageId)}`);
  }
  if (v.postPaths !== undefined && !['bare', 'user'].includes(v.postPaths)) {
    throw new Error(`page variant: postPaths must be bare or user, got ${JSON.stringify(v.postPaths)}`);
  }
  return { lang: v.lang || 'en', ...(v.htmlLang !== undefined ? { htmlLang: v.htmlLang } : {}), followersLink: v.followersLink !== false, followingLink: v.followingLink !== false, counts: v.counts !== false,
           og: v.og !== false, pageId: v.pageId || 'profile_id', postPaths: v.postPaths || 'bare' };
}

export async function startStandin(options = {}) {
  const events = new EventEmitter();
  const state = {
    session: options.session === 'logged_out' ? 'logged_out' : 'logged_in',
    followsPrivate: !!options.followsPrivate,
    renderDelayMs: options.renderDelayMs ?? 30,
    variant: checkVariant(options.variant || {}),
    rules: (options.failures || []).map(checkRule),
    behaviour: checkBehaviour(options.behaviour || {}),
    log: [],
    sessions: new Set(),
    registry: new Map(), // follower or engager username -> record (filled as lists are served)
    byPk: new Map(),     // the same by numeric id (users/<id>/info)
    listedBy: new Map(), // the same -> the ids of the seeded profiles whose lists named it (auditOf)
    followerCounts: new Map(),  // seeded username -> the follower count its documents and page show instead
    likeCounts: new Map(),      // seeded username -> the like counts its recent posts show instead (newest first; -1 hidden)
    renames: new Map(),         // seeded username -> the name it goes by now (renamed on Instagram: same id, the old name 404s)
    t0: performance.now(),
  };

  function pickRule(pathAndQuery) {
    for (const r of state.rules) {
      if (!pathAndQuery.includes(r.match)) continue;
      r.seen++;
      if (r.seen > r.after && r.fired < r.times) { r.fired++; return r; }
    }
    return null;
  }

  // While a connection is to be dropped, no connection is kept open for another request: a browser
  // sends a request again, once, when a connection it reused closes without an answer (it may
  // have gone stale), so `times` would count that repeat too; on a fresh connection it does not.
  const dropping = () => state.rules.some((r) => r.mode === 'no_connection' && r.fired < r.times);

  function send(res, status, body, type, extra = {}) {
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    if (dropping()) extra = { ...extra, connection: 'close' };
    res.writeHead(status, { 'content-type': type, 'content-length': buf.length, 'cache-control': 'private, no-cache, no-store', ...extra });
    res.end(buf);
  }
  const json = (res, status, body, extra) => send(res, status, body, 'application/json; charset=utf-8', extra);

  function sessionOk(req) {
    const m = /(?:^|;\s*)sessionid=([^;]+)/.exec(req.headers.cookie || '');
    return m && state.sessions.has(m[1]);
  }

  // The seeded profile a username names now: none for a name one was renamed from, the renamed
  // one under its new name.
  const profileNamed = (username) => {
    for (const [from, to] of state.renames) if (to === username) return findSeeded(from);
    return state.renames.has(username) ? null : findSeeded(username);
  };
  // An account served in a list of seeded profile `owner`.
  const remember = (owner) => (f) => {
    if (!state.registry.has(f.username)) state.registry.set(f.username, f);
    state.byPk.set(f.pk, f);
    if (!state.listedBy.has(f.username)) state.listedBy.set(f.username, new Set());
    state.listedBy.get(f.username).add(PROFILE_IDS[owner.username]);
  };
  const limited = (p) => state.behaviour.limitFollowers ?? !!p.limitFollowers;
  // The web_profile_info body served for a seeded profile (v1 media fields when switched on; the
  // follower count set for it, if any: its audience before or after a change).
  const served = (p) => {
    const doc = (state.behaviour.mediaFields ?? (p.v1Media ? 'v1' : 'graph')) === 'v1'
      ? withV1MediaFields(seededDocument(p)) : seededDocument(p);
    const count = state.followerCounts.get(p.username);
    let user = count === undefined ? doc.data.user : { ...doc.data.user, edge_followed_by: { count } };
    const likes = state.likeCounts.get(p.username);
    if (likes) user = withLikeCounts(user, likes);
    if (state.renames.has(p.username)) user = { ...user, username: state.renames.get(p.username) };
    return { ...doc, data: { ...doc.data, user: withUnreadablePosts(user, state.behaviour.unreadablePosts) } };
  };
  // media id -> {profile, index, likes, comments} of the seeded profiles' recent posts.
  const media = new Map();
  for (const p of SEEDED) {
    seededDocument(p).data.user.edge_owner_to_timeline_media.edges.forEach((e, index) => {
      const likes = e.node.edge_liked_by.count;
      media.set(e.node.id, { profile: p, index, likes: likes < 0 ? null : likes, comments: e.node.edge_media_to_comment.count,
        takenAt: e.node.taken_at_timestamp, section: commentSectionOf(p) });
    });
  }

  // JSON API. Returns [status, body] or sends itself.
  function api(url, req) {
    if (state.session === 'logged_out' || !sessionOk(req)) return [401, { message: 'login_required', status: 'fail' }];
    if (req.headers['x-ig-app-id'] !== APP_ID) return [400, { message: 'useragent mismatch', status: 'fail' }];
    if (url.pathname === '/api/v1/users/web_profile_info/') {
      // Usernames are not case-sensitive here either.
      const username = (url.searchParams.get('username') || '').toLowerCase();
      const seeded = profileNamed(username);
      if (seeded) return [200, served(seeded)];
      const follower = state.registry.get(username);
      if (follower) return [200, followerProfileInfo(follower)];
      return [404, { message: 'User not found', status: 'fail' }];
    }
    const info = USER_INFO_PATH.exec(url.pathname);
    if (info) {
      const seeded = SEEDED.find((p) => PROFILE_IDS[p.username] === info[1]);
      if (seeded) {
        const u = served(seeded).data.user;
        return [200, { user: omit(state.behaviour.userInfoOmits, { pk: u.id, pk_id: u.id, username: u.username, full_name: u.full_name, biography: u.biography,
          external_url: u.external_url || '', is_private: u.is_private, is_verified: u.is_verified, is_business: u.is_business_account,
          category: u.category_name, follower_count: u.edge_followed_by.count, following_count: u.edge_follow.count,
          media_count: u.edge_owner_to_timeline_media.count, profile_pic_url: u.profile_pic_url,
          has_anonymous_profile_picture: false }), status: 'ok' }];
      }
      const f = state.byPk.get(info[1]);
      return f ? [200, userInfoDocument(f)] : [404, { message: 'User not found', status: 'fail' }];
    }
    const mm = MEDIA_LIST_PATH.exec(url.pathname);
    if (mm) {
      const m = media.get(mm[1]);
      if (!m) return [400, { message: 'Media not found or unavailable', status: 'fail' }];
      const every = state.behaviour.unreadableEvery;
      if (mm[2] === 'likers') return [200, withUnreadable(likersPage(m.profile, m.index, m.likes, remember(m.profile)), every)];
      return [200, withUnreadable(commentsPage(m.profile, m.index, m.comments, mm[1], remember(m.profile),
                                               { takenAt: m.takenAt, section: m.section }), every)];
    }
    const fm = FOLLOWERS_PATH.exec(url.pathname);
    if (fm) {
      const profile = SEEDED.find((p) => PROFILE_IDS[p.username] === fm[1]);
      if (!profile) return [404, { message: 'User not found', status: 'fail' }];
      if (profile.isPrivate && !state.followsPrivate) return [400, { message: 'Not authorized to view user', status: 'fail' }];
      const cursor = url.searchParams.get('max_id');
      const offset = cursor === null ? 0 : decodeCursor(cursor);
      if (offset === null) return [400, { message: 'Invalid max_id', status: 'fail' }];
      const count = Number(url.searchParams.get('count')) || 12;
      if (count > 200) return [400, { message: 'count is too large', status: 'fail' }];
      return [200, withUnreadable(followersPage(profile, { offset, count, limited: limited(profile), encodeCursor, onUser: remember(profile) }),
                                  state.behaviour.unreadableEvery)];
    }
    return [404, { message: 'Page not found', status: 'fail' }];
  }

  // The seeded profiles (their ids) whose audit a request to `url` can be part of: a followers page
  // of one, a likers or comments page of one of its posts, the profile (by name or id) of an account
  // its lists named. None for any other request: a profile's own check (web_profile_info,
  // users/<id>/info), whichever profile it is, is no audit's. Kept on the request's log entry.
  function auditOf(url) {
    const fm = FOLLOWERS_PATH.exec(url.pathname);
    if (fm) return [fm[1]];
    const mm = MEDIA_LIST_PATH.exec(url.pathname);
    if (mm) return media.has(mm[1]) ? [PROFILE_IDS[media.get(mm[1]).profile.username]] : [];
    const info = USER_INFO_PATH.exec(url.pathname);
    const name = url.pathname === '/api/v1/users/web_profile_info/' ? (url.searchParams.get('username') || '').toLowerCase()
      : info && state.byPk.has(info[1]) ? state.byPk.get(info[1]).username : null;
    return [...(state.listedBy.get(name) || [])];
  }

  function profileUsername(pathname) {
    const m = /^\/([A-Za-z0-9._]{1,30})\/(?:(?:followers|following|reels|tagged)\/)?$/.exec(pathname);
    // Paths are not case-sensitive, as on Instagram ("/Marco.Travels/" is @marco.travels).
    const name = m ? m[1].toLowerCase() : null;
    if (!m || ['explore', 'accounts', 'direct', 'stories', 'p', 'reel', 'challenge', 'static', 'api', 'standin'].includes(name)) return null;
    return name;
  }
  function userForPage(username) {
    const seeded = profileNamed(username);
    if (seeded) return served(seeded).data.user;
    const f = state.registry.get(username);
    return f ? followerProfileInfo(f).data.user : null;
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'https://www.instagram.com');
    const pq = url.pathname + url.search;
    const entry = { seq: state.log.length, t: +(performance.now() - state.t0).toFixed(2), at: Date.now(), method: req.method,
      path: url.pathname, search: url.search, headers: { ...req.headers }, status: 0, failure: null,
      kind: url.pathname.startsWith('/api/') ? 'api' : url.pathname.startsWith('/static/') ? 'static'
        : url.pathname.startsWith('/standin/') ? 'page-data' : 'page' };
    if (entry.kind === 'api') entry.auditOf = auditOf(url);
    state.log.push(entry);
    const done = (status) => { entry.status = status; events.emit('request', entry); };

    const rule = entry.kind === 'static' ? null : pickRule(pq);
    if (rule) {
      entry.failure = rule.mode;
      if (rule.delayMs) await new Promise((r) => setTimeout(r, rule.delayMs));
      // No connection: the socket is dropped, no HTTP answer at all (the browser's fetch rejects).
      if (rule.mode === 'no_connection') { req.socket.destroy(); return done(0); }
      if (rule.mode === 'wait') { json(res, 401, { message: 'Please wait a few minutes before you try again.', require_login: false, status: 'fail' }); return done(401); }
      // The same "wait" as a failure body sent with HTTP 200, as Instagram also answers.
      if (rule.mode === 'wait_200') { json(res, 200, { message: 'Please wait a few minutes before you try again.', status: 'fail' }); return done(200); }
      if (rule.mode === 'ua_mismatch') { json(res, 429, { message: 'useragent mismatch', status: 'fail' }); return done(429); }
      if (rule.mode === 'rate_limit') { json(res, 429, { message: 'Please wait a few minutes before you try again.', require_login: false, status: 'fail' }); return done(429); }
      if (rule.mode === 'login_required') { json(res, 401, { message: 'login_required', status: 'fail' }); return done(401); }
      if (rule.mode === 'challenge') { send(res, 200, challengePage(), 'text/html; charset=utf-8'); return done(200); }
      // A session gone: the request redirected to the login page, which fetch follows (200, HTML).
      if (rule.mode === 'login_page') { send(res, 200, loginPage(), 'text/html; charset=utf-8'); return done(200); }
      // What a private account's list answers a viewer who does not follow it.
      if (rule.mode === 'not_authorized') { json(res, 400, { message: 'Not authorized to view user', status: 'fail' }); return done(400); }
      if (rule.mode === 'not_found') { json(res, 404, { message: 'User not found', status: 'fail' }); return done(404); }
      // What web_profile_info answers for a name no one has, and also for a profile Instagram shows
      // but does not give out (restricted, age-gated, blocked in the region, or a rate limit).
      if (rule.mode === 'user_null') { json(res, 200, { data: { user: null }, status: 'ok' }); return done(200); }
      if (rule.mode === 'server_error') { send(res, 500, 'Internal Server Error', 'text/plain'); return done(500); }
      // Instagram down for a while: its "something went wrong" HTML page with 503.
      if (rule.mode === 'unavailable') { send(res, 503, '<!DOCTYPE html><html><body><p>Sorry, something went wrong.</p></body></html>', 'text/html; charset=utf-8'); return done(503); }
      // 'truncated', 'empty_list' and 'slow' fall through to a normal answer (cut short, emptied, delayed).
    }

    if (entry.kind === 'api') {
      const [status, body] = api(url, req);
      let text = JSON.stringify(body);
      if (rule?.mode === 'truncated') text = text.slice(0, Math.floor(text.length / 2));
      // A list answer with nobody on it, the rest as it was (the GraphQL followers query now
      // answers the count with an empty list).
      if (rule?.mode === 'empty_list') {
        text = JSON.stringify({ ...body, ...(Array.isArray(body.users) ? { users: [] } : {}),
                                ...(Array.isArray(body.comments) ? { comments: [] } : {}) });
      }
      json(res, status, text);
      return done(status);
    }
    if (url.pathname === '/static/app.js') { send(res, 200, APP_JS, 'text/javascript; charset=utf-8'); return done(200); }
    if (url.pathname.startsWith('/static/')) { send(res, 200, PIXEL_GIF, 'image/gif'); return done(200); }
    if (url.pathname === '/favicon.ico') { send(res, 200, PIXEL_GIF, 'image/gif'); return done(200); }
    if (url.pathname === '/standin/page-data/') {
      const path = url.searchParams.get('path') || '/';
      const username = profileUsername(path);
      const data = pageData(path, username, username ? userForPage(username) : null, state.variant);
      json(res, data.status, data, {});
      return done(data.status);
    }
    // HTML pages.
    const username = profileUsername(url.pathname);
    const user = username ? userForPage(username) : null;
    const data = pageData(url.pathname, username, user, state.variant);
    const headers = {
      'content-security-policy': "script-src 'self'; object-src 'none'; base-uri 'self'",
      'x-frame-options': 'DENY',
    };
    if (state.session === 'logged_in') {
      const sid = crypto.randomBytes(12).toString('hex');
      state.sessions.add(sid);
      headers['set-cookie'] = [`sessionid=${sid}; Path=/; Secure; HttpOnly; SameSite=Lax`, `csrftoken=${sid.slice(0, 16)}; Path=/; Secure; SameSite=Lax`];
    }
    send(res, data.status, renderPage(data, { renderDelayMs: state.renderDelayMs }), 'text/html; charset=utf-8', headers);
    return done(data.status);
  }

  const { key, cert } = makeCertificate();
  const server = https.createServer({ key, cert }, (req, res) => {
    handle(req, res).catch((err) => { try { send(res, 500, String(err.stack || err), 'text/plain'); } catch { /* the client is gone */ } });
  });

  // Control server (plain HTTP, loopback, separate port).
  const control = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let body = '';
    for await (const chunk of req) body += chunk;
    try {
      const input = body ? JSON.parse(body) : {};
      if (req.method === 'GET' && url.pathname === '/log') return json(res, 200, handle_.log());
      if (req.method === 'POST' && url.pathname === '/log/clear') { handle_.clearLog(); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/failures') { handle_.addFailure(input); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/failures/clear') { handle_.clearFailures(); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/session') { handle_.setSession(input.mode); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/page-variant') { handle_.setPageVariant(input); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/behaviour') { handle_.setBehaviour(input); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/rename') { handle_.renameProfile(input.from, input.to ?? null); return json(res, 200, { ok: true }); }
      if (req.method === 'POST' && url.pathname === '/reset') { handle_.reset(); return json(res, 200, { ok: true }); }
      if (req.method === 'GET' && url.pathname === '/truth') return json(res, 200, truth());
      return json(res, 404, { error: `no control endpoint ${req.method} ${url.pathname}` });
    } catch (err) {
      return json(res, 400, { error: err.message });
    }
  });

  const listen = (srv, port) => new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv.address().port));
  });
  const port = await listen(server, options.port ?? 0);
  const controlPort = await listen(control, options.controlPort ?? 0);

  const handle_ = {
    port, controlPort,
    origin: 'https://www.instagram.com',
    controlUrl: `http://127.0.0.1:${controlPort}`,
    events,
    profileUrl: (username) => `https://www.instagram.com/${username}/`,
    addFailure(rule) {
      const r = checkRule(rule);
      state.rules.push(r);
      // Connections kept open from before would be reused (see dropping()).
      if (r.mode === 'no_connection') server.closeIdleConnections?.();
    },
    clearFailures() { state.rules = []; },
    setSession(mode) {
      if (!['logged_in', 'logged_out'].includes(mode)) throw new Error(`session must be logged_in or logged_out, got ${JSON.stringify(mode)}`);
      state.session = mode;
    },
    setFollowsPrivate(v) { state.followsPrivate = !!v; },
    // Page markup options: {lang: 'en'|'nl'|'tr', htmlLang, followersLink: bool, followingLink: bool, counts: bool} (applies to pages served from now on).
    setPageVariant(v) { state.variant = checkVariant(v); },
    // {limitFollowers: bool|null, mediaFields: 'graph'|'v1'|null} for every profile (null: per profile).
    setBehaviour(b) { state.behaviour = checkBehaviour(b); },
    // The follower count a seeded profile's documents and page show from now on (null: its own),
    // e.g. before a gift of followers arrives. Its follower lists and truth stay its own.
    setFollowerCount(username, count) {
      if (!findSeeded(username)) throw new Error(`setFollowerCount: ${JSON.stringify(username)} is not a seeded profile`);
      if (count === null) { state.followerCounts.delete(username); return; }
      if (!Number.isSafeInteger(count) || count < 0) throw new Error(`setFollowerCount: count must be a whole number >= 0, got ${JSON.stringify(count)}`);
      state.followerCounts.set(username, count);
    },
    // The like counts a seeded profile's recent posts show (newest first, -1 for hidden; posts past
    // the list keep theirs), or null for its own. Its likers lists stay as they were.
    setLikeCounts(username, counts) {
      if (!findSeeded(username)) throw new Error(`setLikeCounts: ${JSON.stringify(username)} is not a seeded profile`);
      if (counts === null) { state.likeCounts.delete(username); return; }
      if (!Array.isArray(counts) || !counts.every((c) => Number.isSafeInteger(c) && c >= -1)) {
        throw new Error(`setLikeCounts: counts must be a list of whole numbers >= -1, got ${JSON.stringify(counts)}`);
      }
      state.likeCounts.set(username, counts.slice());
    },
    // A seeded profile renamed on Instagram from now on: its page and documents under `to`, with
    // its own id, follower lists and truth; `from` answers 404 as a name no one has (to: null
    // undoes it). Another rename of the same profile replaces this one.
    renameProfile(from, to) {
      if (!findSeeded(from)) throw new Error(`renameProfile: ${JSON.stringify(from)} is not a seeded profile`);
      if (to === null) { state.renames.delete(from); return; }
      if (typeof to !== 'string' || !/^[a-z0-9._]{1,30}$/.test(to)) {
        throw new Error(`renameProfile: the new name must be a lowercase username, got ${JSON.stringify(to)}`);
      }
      // (A seeded profile's name is free once that profile is renamed away: taken over by another account.)
      if ((findSeeded(to) && !state.renames.has(to)) || [...state.renames].some(([f, t]) => t === to && f !== from) || state.registry.has(to)) {
        throw new Error(`renameProfile: ${JSON.stringify(to)} is another profile's name`);
      }
      state.renames.set(from, to);
    },
    log: () => state.log.map((e) => ({ ...e })),
    clearLog() { state.log = []; },
    reset() { state.rules = []; state.log = []; state.session = options.session === 'logged_out' ? 'logged_out' : 'logged_in'; state.followsPrivate = !!options.followsPrivate; state.variant = checkVariant(options.variant || {}); state.behaviour = checkBehaviour(options.behaviour || {}); state.followerCounts.clear(); state.likeCounts.clear(); state.renames.clear(); },
    truth,
    // The web_profile_info body served for a username (what the extension receives), or null.
    documentFor(username) {
      const seeded = profileNamed(username);
      if (seeded) return served(seeded);
      const f = state.registry.get(username);
      return f ? followerProfileInfo(f) : null;
    },
    // A listed follower's or engager's record by username (its truth: f.fake), or null.
    accountFor: (username) => state.registry.get(username) || null,
    async close() {
      server.closeAllConnections?.();
      control.closeAllConnections?.();
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => control.close(r))]);
    },
  };
  return handle_;
}

export { SEEDED, NONEXISTENT, truth };

// Standalone: node tests/e2e/standin/server.mjs [--port N] [--control-port N] [--logged-out]
if (process.argv[1] && fileURLToPath(import.meta.url) === fs.realpathSync(process.argv[1])) {
  const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : undefined; };
  const s = await startStandin({ port: arg('--port') ?? 8443, controlPort: arg('--control-port') ?? 8444,
    session: process.argv.includes('--logged-out') ? 'logged_out' : 'logged_in' });
  console.log(`stand-in on https://127.0.0.1:${s.port} (as www.instagram.com), control on ${s.controlUrl}`);
  console.log(`chromium --host-resolver-rules="MAP www.instagram.com 127.0.0.1:${s.port}" --ignore-certificate-errors https://www.instagram.com/${SEEDED[0].username}/`);
  process.on('SIGINT', () => s.close().then(() => process.exit(0)));
}
