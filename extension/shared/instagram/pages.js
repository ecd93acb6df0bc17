// Instagram's pages as the content script meets them: which paths are profiles, the visible
// and og:description counts (localised, abbreviated), the default avatar, and the selectors
// (each paired with the markup it is meant to match).
import { RULES } from '../rules.js';

export const DEFAULT_AVATAR_MARK = RULES.default_avatar_mark;

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

// Second path segments under a profile that still show its header: its tabs (reels, tagged,
// saved, the older guides and channel) and the followers and following lists, which open as a
// dialog over it. The badge and a running audit stay there. A post has an address of its own
// (postFromPath), whether it opens as a page or as a dialog over the profile: routeOf decides.
export const PROFILE_TABS = new Set(['reels', 'tagged', 'saved', 'guides', 'channel', 'followers', 'following']);

// The username of a profile page path ("/anna/", "/anna/reels/" -> "anna"), or null for any
// other page. Instagram's usernames are lower case and its paths are not case-sensitive
// ("/Anna/" is @anna's profile): the name is lower-cased, so one profile has one history entry,
// one cached report and one audit however its address was typed.
export function profileFromPath(pathname) {
  if (typeof pathname !== 'string') return null;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length < 1 || parts.length > 2) return null;
  if (parts.length === 2 && !PROFILE_TABS.has(parts[1].toLowerCase())) return null;
  const name = parts[0];
  if (NON_PROFILE_SEGMENTS.has(name.toLowerCase()) || !isUsername(name)) return null;
  return name.toLowerCase();
}

// The first path segments of a post's own address: "/p/<code>/", "/reel/<code>/", "/tv/<code>/".
const POST_SEGMENTS = new Set(['p', 'reel', 'tv']);
const POST_CODE_RE = /^[A-Za-z0-9_-]{1,64}$/;

// A post's address, bare ("/p/<code>/") or under its author's name ("/anna/p/<code>/", the form
// Instagram's web app has used since 2024 for a post opened from its author's grid): {username:
// the author the address names, lower-cased, or null; code}. Null for any other page.
export function postFromPath(pathname) {
  if (typeof pathname !== 'string') return null;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 2 && POST_SEGMENTS.has(parts[0].toLowerCase()) && POST_CODE_RE.test(parts[1])) {
    return { username: null, code: parts[1] };
  }
  if (parts.length === 3 && POST_SEGMENTS.has(parts[1].toLowerCase()) && POST_CODE_RE.test(parts[2])
      && isUsername(parts[0]) && !NON_PROFILE_SEGMENTS.has(parts[0].toLowerCase())) {
    return { username: parts[0].toLowerCase(), code: parts[2] };
  }
  return null;
}

// Which profile the page is, for the badge and a running audit: {username, covered}, username
// null for no profile. A profile's own paths are that profile. A post opened over the profile the
// content script has on (`shown`: reached within the app, this document; the last path of it
// seen, `from`) is still that profile, `covered`: Instagram's web app opens a post clicked on a
// profile's grid as a dialog over the profile, whose page stays drawn underneath, and closing the
// dialog goes back to the profile's address. So a buyer looking at the posts while an audit runs
// does not stop it. That holds only while all of these do:
//   - the post's address names no author, or `shown` (a post under another name is another
//     user's);
//   - a bare address was not opened from the profile's tagged tab (those posts are other users');
//   - `headerNames` (profileHeaderNames: the profiles the document's profile header names, the
//     header of a post or of a dialog left out) still has `shown`: the profile is underneath. A
//     post opened as a page of its own replaces the header, and the profile is left then.
// A post loaded afresh (no profile shown before it in this document) is no profile.
export function routeOf(pathname, { shown = null, from = null, headerNames = [] } = {}) {
  const profile = profileFromPath(pathname);
  if (profile) return { username: profile, covered: false };
  const none = { username: null, covered: false };
  const post = postFromPath(pathname);
  if (!post || !shown) return none;
  if (post.username !== null && post.username !== shown) return none;
  const tab = typeof from === 'string' ? from.split('/').filter(Boolean)[1] : undefined;
  if (post.username === null && typeof tab === 'string' && tab.toLowerCase() === 'tagged') return none;
  if (!headerNames.includes(shown)) return none;
  return { username: shown, covered: true };
}

// Multipliers of abbreviated counts, by lower-cased suffix, across the locales seen (German
// "Tsd.", Swedish "tn", Norwegian and Spanish "mill.", Finnish "milj." among them).
const SUFFIXES = {
  k: 1e3, 'к': 1e3, 'тыс': 1e3, 'тис': 1e3, tys: 1e3, tis: 1e3, mil: 1e3, mila: 1e3, rb: 1e3, tsd: 1e3, tn: 1e3,
  m: 1e6, mln: 1e6, mio: 1e6, mi: 1e6, 'млн': 1e6, jt: 1e6, mn: 1e6, mill: 1e6, milj: 1e6,
  bn: 1e9, mrd: 1e9, mld: 1e9, 'млрд': 1e9,
};
// A suffix whose dot changes it: "mil" is thousands in Spanish and Portuguese ("24,3 mil"), but
// "mil." with its dot is millions in Czech, Slovak, Croatian and Romanian ("1,2 mil. sledujících"),
// which read as 1,200 followers made a follow-for-follow finding of a 1.2 million account.
const DOTTED_SUFFIXES = { mil: 1e6 };

// Scale characters written right after a count in Chinese, Japanese and Korean ("4,870万" is
// 48.7 million; there the comma separates thousands and the dot is the decimal mark, unlike
// beside K and M): not read, so such a count is refused, never read as its digits alone.
const SCALE_CHARS = /^[千万萬亿億兆천만억조]/u;
// Han, kana and Hangul: a word of these is a noun however short ("篇帖子").
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

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
    const mult = (rawSuffix.endsWith('.') && DOTTED_SUFFIXES[suffix]) || SUFFIXES[suffix];
    if (!mult) return null;
    // "1.234K" never occurs; a single separator is a decimal mark here.
    const seps = num.match(/[ ,.']/g) || [];
    if (seps.length > 1) return null;
    // A count past what a number holds exactly is no count Instagram shows.
    const value = Math.round(Number(num.replace(/[,']/, '.').replace(' ', '.')) * mult);
    return Number.isSafeInteger(value) ? value : null;
  }
  const digits = num.replace(/[ ,.']/g, '');
  // "1,5" without suffix is not a count (a decimal with nothing to scale it).
  if (/^\d+[.,]\d{1,2}$/.test(num)) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

// og:description: "1,234 Followers, 56 Following, 78 Posts - See Instagram photos ..."
// (localised: "1.234 volgers, 56 volgend, 78 berichten - ...", "1,2 Mio. Follower, ...",
// "1 234 abonnés, ...", the dash sometimes an en dash). Order is followers,
// following, posts in every locale seen. Returns {followers, following, posts} or null.
export function parseOgDescription(content) {
  if (typeof content !== 'string') return null;
  const head = content.split(' - ')[0];
  const parts = head.split(/,\s(?=\d)/);
  if (parts.length < 3) return null;
  // A count, then a word: the word is the count's suffix when parseCount knows it ("1,2 Mio.",
  // "1,5 тыс."), else the start of the noun ("1.234 Beiträge", "1 234 abonnés"). A word that
  // looks like a unit parseCount does not know refuses the count rather than leave it unscaled
  // ("52 тис." read as 52 made a follow-for-follow finding): an abbreviation ("tis."), a scale
  // character ("4,870万"), or a word of three letters or fewer outside Chinese, Japanese and
  // Korean ("24 N", "1,2 B").
  const counts = parts.slice(0, 3).map((p) => {
    const m = /^\s*([\d.,\s]*\d)\s*([\p{L}\p{M}]+\.?)?/u.exec(p);
    if (!m) return null;
    const word = m[2];
    if (!word) return parseCount(m[1]);
    const scaled = parseCount(`${m[1]} ${word}`);
    if (scaled !== null) return scaled;
    const unit = word.endsWith('.') || SCALE_CHARS.test(word) || ([...word].length <= 3 && !CJK.test(word));
    return unit ? null : parseCount(m[1]);
  });
  if (counts.some((c) => c === null)) return null;
  const [followers, following, posts] = counts;
  return { followers, following, posts };
}

// Whether a picture URL is Instagram's default picture (an empty URL is not a picture at all:
// the caller decides what it means).
export function isDefaultAvatar(url) {
  return typeof url === 'string' && url.includes(DEFAULT_AVATAR_MARK);
}

// Page selectors, each with the markup it is meant to match (the stand-in serves exactly
// these shapes; see tests/e2e and the stand-in page contract).
export const SELECTORS = {
  // <header>...<li><a href="/anna/followers/" role="link"><span title="1,234">1,234</span> followers</a></li>
  // expected matches on a profile page: 1
  followersLink: 'header a[href$="/followers/"]',
  // the profile's header (its name, counts and bio)
  header: 'header',
  // <header>...<h2>anna</h2>: the headings, one of which may be the profile's username
  headerName: 'header h1, header h2',
  // fallback: the header list items; the one whose text names followers
  headerItems: 'header li',
  // the header's count links (followers, following): they name the profile the header is of
  headerCountLinks: 'header a[href$="/followers/"], header a[href$="/following/"]',
  // headers that are not a profile's: a post's author line, in a dialog over the page or in the post
  notProfileHeader: '[role="dialog"] header, article header',
  // <meta property="og:description" content="1,234 Followers, 56 Following, 78 Posts - ...">
  ogDescription: 'meta[property="og:description"]',
  // re-rendered by the single-page app on navigation
  main: 'main',
  // <script type="application/json" ...>{..."profile_id":"25025320"...}</script> (the page's own
  // data blocks; read for the profile's id only, "profile_id" or "profilePage_<id>")
  pageData: 'script[type="application/json"]',
};

// Words for "followers" in the locales we ship, for the fallback search.
export const FOLLOWER_WORDS = ['followers', 'volgers', 'follower', 'abonnés', 'seguidores', 'follower*innen'];

// The profile's numeric id as the page itself embeds it in its JSON blocks ("profile_id":"123",
// or the page's own name for itself, "profilePage_123"), for the users/<id>/info fallback when
// web_profile_info refuses. Reads only digits; the first block naming either wins.
const PAGE_ID_PATTERNS = [/"profile_id"\s*:\s*"(\d{1,30})"/, /"profilePage_(\d{1,30})"/];
export function userIdFromPageScripts(texts) {
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    for (const re of PAGE_ID_PATTERNS) {
      const m = re.exec(text);
      if (m) return m[1];
    }
  }
  return null;
}
