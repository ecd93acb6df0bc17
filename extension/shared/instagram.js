// Every piece of Instagram knowledge on the JS side: URLs, headers, which paths are
// profiles, count parsing, the followers-list JSON shape, response classification and the
// page selectors (each paired with the markup it is meant to match). Instagram changes its
// web app without notice; when it does, this is the one file to edit.

export const ORIGIN = 'https://www.instagram.com';
export const APP_ID = '936619743392459';
// URL fragment of Instagram's default ("anonymous") avatar.
export const DEFAULT_AVATAR_MARK = '44884218_345707102882519_2446069589734326272_n';
// Followers per page asked for; the server caps it (the stand-in at 25).
export const FOLLOWERS_PAGE_SIZE = 25;

// Headers the JSON endpoints expect (sent same origin, with the user's cookies).
export function requestHeaders() {
  return { 'X-IG-App-ID': APP_ID, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
}

// Usernames: letters, digits, "." and "_", at most 30 characters.
const USERNAME_RE = /^[A-Za-z0-9._]{1,30}$/;
export function isUsername(s) {
  return typeof s === 'string' && USERNAME_RE.test(s);
}

// First path segments that are Instagram's own pages, never a profile.
export const NON_PROFILE_SEGMENTS = new Set([
  'p', 'reel', 'reels', 'tv', 'explore', 'accounts', 'direct', 'stories', 'about', 'legal',
  'developer', 'challenge', 'emails', 'session', 'web', 'api', 'static', 'graphql', 'privacy',
  'terms', 'help', 'press', 'blog', 'jobs', 'nametag', 'directory', 'lite', 'oauth', 'ar',
  'topics', 'your_activity', 'create', 'locations', 'live', 'threads', 'notifications',
]);

// The username of a profile page path ("/anna/" -> "anna"), or null for any other page.
// "/anna/followers/" style dialogs sit on top of a profile: not a profile page of their own.
export function profileFromPath(pathname) {
  if (typeof pathname !== 'string') return null;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length !== 1) return null;
  const name = parts[0];
  if (NON_PROFILE_SEGMENTS.has(name.toLowerCase()) || !isUsername(name)) return null;
  return name;
}

export function profileInfoUrl(username) {
  return `${ORIGIN}/api/v1/users/web_profile_info/?username=${encodeURIComponent(username)}`;
}

export function followersUrl(userId, cursor) {
  let url = `${ORIGIN}/api/v1/friendships/${encodeURIComponent(userId)}/followers/` +
            `?count=${FOLLOWERS_PAGE_SIZE}&search_surface=follow_list_page`;
  if (cursor) url += `&max_id=${encodeURIComponent(cursor)}`;
  return url;
}

// Multipliers of abbreviated counts, by lower-cased suffix, across the locales seen.
const SUFFIXES = {
  k: 1e3, 'к': 1e3, 'тыс': 1e3, tys: 1e3, mil: 1e3, mila: 1e3, rb: 1e3,
  m: 1e6, mln: 1e6, mio: 1e6, mi: 1e6, 'млн': 1e6, jt: 1e6, mn: 1e6,
  bn: 1e9, mrd: 1e9, mld: 1e9,
};

// Parses a visible count: "1,234", "1.234", "1 234", "12.5K", "1.2M", "1,2 mln", "12,5 mil".
// Returns an integer, or null when the text is not a count. With a suffix, "," and "." are
// decimal marks; without one, they are thousands separators (Instagram shows no decimals
// on exact counts).
export function parseCount(text) {
  if (typeof text !== 'string') return null;
  const s = text.replace(/[\u00a0\u202f\u2009]/g, ' ').trim().toLowerCase();
  const m = /^(\d{1,3}(?:[ ,.']\d{3})+|\d+(?:[.,]\d+)?)\s*([a-zа-я]+\.?)?$/u.exec(s);
  if (!m) return null;
  const [, num, rawSuffix] = m;
  if (rawSuffix) {
    const suffix = rawSuffix.replace(/\.$/, '');
    const mult = SUFFIXES[suffix];
    if (!mult) return null;
    // "1.234K" never occurs; a single separator is a decimal mark here.
    const seps = num.match(/[ ,.']/g) || [];
    if (seps.length > 1) return null;
    const value = Number(num.replace(/[,']/, '.').replace(' ', '.'));
    return Number.isFinite(value) ? Math.round(value * mult) : null;
  }
  const digits = num.replace(/[ ,.']/g, '');
  // "1,5" without suffix is not a count (a decimal with nothing to scale it).
  if (/^\d+[.,]\d{1,2}$/.test(num)) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

// og:description: "1,234 Followers, 56 Following, 78 Posts - See Instagram photos ..."
// (localised: "1.234 volgers, 56 volgend, 78 berichten - ..."). Order is followers,
// following, posts in every locale seen. Returns {followers, following, posts} or null.
export function parseOgDescription(content) {
  if (typeof content !== 'string') return null;
  const head = content.split(' - ')[0];
  const parts = head.split(/,\s(?=\d)/);
  if (parts.length < 3) return null;
  const counts = parts.slice(0, 3).map((p) => {
    const m = /^\s*([\d.,\s]+[a-zA-Z]*)\s+\S/.exec(p);
    return m ? parseCount(m[1].trim()) : null;
  });
  if (counts.some((c) => c === null)) return null;
  const [followers, following, posts] = counts;
  return { followers, following, posts };
}

export function isDefaultAvatar(url) {
  return typeof url !== 'string' || url === '' || url.includes(DEFAULT_AVATAR_MARK);
}

// One user of a followers page -> the lite account record the estimator takes.
// Returns {record} or {error} naming the field that was wrong.
export function accountFromListUser(user, where = 'users[]') {
  if (!user || typeof user !== 'object' || Array.isArray(user)) {
    return { error: `${where} must be an object` };
  }
  if (!isUsername(user.username)) return { error: `${where}.username must be a username` };
  for (const key of ['is_private', 'is_verified']) {
    if (user[key] !== undefined && typeof user[key] !== 'boolean') {
      return { error: `${where}.${key} must be a boolean` };
    }
  }
  if (user.full_name !== undefined && user.full_name !== null && typeof user.full_name !== 'string') {
    return { error: `${where}.full_name must be a string` };
  }
  const anonymous = user.has_anonymous_profile_picture === true ||
                    (user.profile_pic_id === undefined && isDefaultAvatar(user.profile_pic_url));
  const record = {
    username: user.username,
    full_name: typeof user.full_name === 'string' ? user.full_name : '',
    is_private: user.is_private === true,
    is_verified: user.is_verified === true,
    has_profile_pic: !anonymous,
    phase: 'lite',
  };
  return { record };
}

// A followers page -> {accounts, nextCursor} or {error} (Instagram changed its JSON).
export function parseFollowersPage(doc) {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { error: 'followers page must be a JSON object' };
  if (!Array.isArray(doc.users)) return { error: 'followers page: "users" must be an array' };
  const accounts = [];
  for (let i = 0; i < doc.users.length; i++) {
    const r = accountFromListUser(doc.users[i], `users[${i}]`);
    if (r.error) return { error: `followers page: ${r.error}` };
    accounts.push(r.record);
  }
  const next = doc.next_max_id;
  if (next !== undefined && next !== null && typeof next !== 'string' && typeof next !== 'number') {
    return { error: 'followers page: "next_max_id" must be a string' };
  }
  return { accounts, nextCursor: next === undefined || next === null || next === '' ? null : String(next) };
}

// The numeric id of the profile in a web_profile_info document, or null.
export function userIdFromProfile(doc) {
  const id = doc && doc.data && doc.data.user && doc.data.user.id;
  return typeof id === 'string' && /^\d{1,30}$/.test(id) ? id : null;
}

// What an HTTP answer from Instagram means, before any JSON mapping:
// {kind: 'ok', json} | {kind: 'rate_limited'} | {kind: 'logged_out'} | {kind: 'challenge'}
// | {kind: 'not_found'} | {kind: 'forbidden'} | {kind: 'changed', detail}.
export function classifyResponse(status, contentType, body) {
  const text = typeof body === 'string' ? body : '';
  let json = null;
  const looksHtml = /^\s*</.test(text) || /text\/html/i.test(contentType || '');
  if (!looksHtml && text) {
    try { json = JSON.parse(text); } catch { json = null; }
  }
  const message = json && typeof json.message === 'string' ? json.message : '';
  if (status === 429) return { kind: 'rate_limited' };
  if (/login_required/.test(message) || status === 401) return { kind: 'logged_out' };
  if (/checkpoint_required|challenge_required|feedback_required/.test(message)) return { kind: 'challenge' };
  if (looksHtml) {
    if (/accounts\/login/.test(text) && status < 400) return { kind: 'logged_out' };
    if (status === 404) return { kind: 'not_found' };
    return { kind: 'challenge' };
  }
  if (status === 404) return { kind: 'not_found' };
  if (status === 400 || status === 403) return { kind: 'forbidden' };
  if (status < 200 || status >= 300) return { kind: 'changed', detail: `HTTP ${status}` };
  if (json === null) {
    return { kind: 'changed', detail: `response is not JSON (${text.length} bytes: ${JSON.stringify(text.slice(0, 80))})` };
  }
  if (json.data && json.data.user === null) return { kind: 'not_found' };
  return { kind: 'ok', json };
}

// Page selectors, each with the markup it is meant to match (the stand-in serves exactly
// these shapes; see tests/e2e and the stand-in page contract).
export const SELECTORS = {
  // <header>...<li><a href="/anna/followers/" role="link"><span title="1,234">1,234</span> followers</a></li>
  // expected matches on a profile page: 1
  followersLink: 'header a[href$="/followers/"]',
  // fallback: the header list items; the one whose text names followers
  headerItems: 'header li',
  // <meta property="og:description" content="1,234 Followers, 56 Following, 78 Posts - ...">
  ogDescription: 'meta[property="og:description"]',
  // re-rendered by the single-page app on navigation
  main: 'main',
};

// Words for "followers" in the locales we ship, for the fallback search.
export const FOLLOWER_WORDS = ['followers', 'volgers', 'follower', 'abonnés', 'seguidores', 'follower*innen'];
