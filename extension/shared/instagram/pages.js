// Instagram's pages as the content script meets them: which paths are profiles, the default
// avatar, and the selectors (each paired with the markup it is meant to match). The counts the
// pages write, and the display name beside them, are counts.js's.
import { RULES } from '../rules.js';
import { pageLanguage } from './counts.js';

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
  // <meta property="og:title" content="Anna (@anna) • Instagram photos and videos">: the name part
  ogTitle: 'meta[property="og:title"]',
  // re-rendered by the single-page app on navigation
  main: 'main',
  // <script type="application/json" ...>{..."profile_id":"25025320"...}</script> (the page's own
  // data blocks; read for the profile's id only, "profile_id" or "profilePage_<id>")
  pageData: 'script[type="application/json"]',
};

// Words for "followers" in the header's counts, as Instagram writes them in each language
// counts.js reads (stems where the noun declines with the count: Russian "подписчик", "-а",
// "-ов"), for the fallback search when the followers count is no link. Each is matched within
// the lower-cased item text, so none may be part of that language's word for "following" (Danish
// "følger" is following: only "følgere"). A page whose language says nothing (or another
// language) is still searched with every word: the app's text may not be in its lang attribute's.
// Words and text are compared in Unicode's composed form (NFC): a Vietnamese "dõi" or a Hindi "फ़"
// may come either way.
export const FOLLOWER_WORDS_BY_LANGUAGE = {
  en: ['followers', 'follower'], nl: ['volgers', 'volger'], fr: ['abonnés', 'abonné'], es: ['seguidores'],
  de: ['follower', 'follower*innen'], it: ['follower'], pt: ['seguidores'], tr: ['takipçi'],
  pl: ['obserwując'], cs: ['sledující'], sv: ['följare'], da: ['følgere'], nb: ['følgere'], fi: ['seuraaja'],
  ru: ['подписчик'], uk: ['підписник'], hu: ['követő'], el: ['ακόλουθοι', 'ακόλουθος'], id: ['pengikut'],
  ja: ['フォロワー'], ko: ['팔로워'], zh: ['粉丝', '粉絲'], ar: ['متابِع', 'متابع'],
  // Slovak, Croatian, Romanian, Vietnamese, Thai and Hindi: Instagram's words for "followers" as
  // best known, unverified against its live pages in those languages (check one when you can).
  // Slovak "sledovateľ" (-ov, -a; the plural "sledovatelia" drops the soft mark), Croatian
  // "pratitelj" (-a, -i), Romanian "urmăritor" (-i); Vietnamese and Thai whole ("người theo dõi",
  // "ผู้ติดตาม": their "following" is "đang theo dõi", "กำลังติดตาม"), Hindi with and without the
  // nukta ("फ़ॉलोअर्स", also typed "फॉलोअर्स").
  sk: ['sledovateľ', 'sledovatelia'], hr: ['pratitelj'], ro: ['urmăritor'],
  vi: ['người theo dõi'], th: ['ผู้ติดตาม'], hi: ['फ़ॉलोअर', 'फॉलोअर'],
};
// Words read only on their own language's page: Arabic "متابع" without its vowel mark is also
// the word for "following" (متابَع), so elsewhere only the marked "متابِع" is taken; on an Arabic
// page the followers item comes before the following one, and the first item named wins.
const OWN_LANGUAGE_ONLY = new Set(['متابع']);
export const FOLLOWER_WORDS = [...new Set(Object.values(FOLLOWER_WORDS_BY_LANGUAGE).flat())]
  .filter((w) => !OWN_LANGUAGE_ONLY.has(w));

// Whether a header item's text names the followers count, on a page in `lang` (its lang
// attribute or pageLanguage's code).
export function namesFollowers(text, lang = '') {
  if (typeof text !== 'string') return false;
  const t = text.normalize('NFC').toLowerCase();
  const own = FOLLOWER_WORDS_BY_LANGUAGE[pageLanguage(lang)] || [];
  return FOLLOWER_WORDS.some((w) => t.includes(w)) || own.some((w) => t.includes(w));
}

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
