// Every source of a profile mapped to the one document the engine reads (web_profile_info's
// shape): web_profile_info itself, the flat user object of users/<id>/info, and the counts the
// page already shows (og:description). The report names which one it came from.
import { hasOwnPicture, idOf } from './lists.js';

// 'page': og:description's counts; 'page_header': the profile header's, where og:description is
// missing or another profile's (content/header-counts.js).
export const PROFILE_SOURCES = ['web_profile_info', 'users_info', 'page', 'page_header'];
// Whether a report is a reading of the counts the page shows (no id, no posts).
export const fromPageCounts = (source) => source === 'page' || source === 'page_header';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const count = (v) => (Number.isSafeInteger(v) && v >= 0 ? v : null);

// users/<id>/info's answer {"user": {pk, username, follower_count, ...}, "status"} -> the
// web_profile_info document text, or {error}. It carries no posts: engagement stays unknown.
// Fields the answer lacks (absent or null) are left out for the engine to treat as unknown;
// the id is pk, pk_id, id or strong_id__; business and category come under either name
// Instagram uses for them (is_business / is_business_account, category / category_name).
export function profileDocFromUserInfo(doc) {
  if (!isObject(doc) || !isObject(doc.user)) return { error: 'users/<id>/info: "user" must be an object' };
  const u = doc.user;
  if (typeof u.username !== 'string') return { error: 'users/<id>/info: user.username is missing' };
  if (count(u.follower_count) === null) return { error: 'users/<id>/info: user.follower_count is missing' };
  const text = (...keys) => keys.map((k) => u[k]).find((v) => typeof v === 'string');
  const flag = (...keys) => keys.map((k) => u[k]).find((v) => typeof v === 'boolean');
  const picture = hasOwnPicture(u);
  const user = {
    id: idOf(u) ?? undefined,
    username: u.username,
    full_name: text('full_name'),
    biography: text('biography'),
    // "" is Instagram's "no link" (the engine reads it so, as the trainer's records do); absent or
    // null says nothing. The engine reads the first of bio_links where external_url is empty.
    external_url: text('external_url'),
    bio_links: Array.isArray(u.bio_links) ? u.bio_links.slice(0, 5) : undefined,
    is_private: flag('is_private'),
    is_verified: flag('is_verified'),
    is_business_account: flag('is_business', 'is_business_account'),
    category_name: text('category', 'category_name'),
    // What the answer says of the picture (its flag, its id or its URL) as the flag the engine
    // reads first; the URL as given.
    has_anonymous_profile_picture: picture === null ? undefined : !picture,
    profile_pic_url: text('profile_pic_url'),
    edge_followed_by: { count: count(u.follower_count) },
    edge_follow: { count: count(u.following_count) },
    edge_owner_to_timeline_media: { count: count(u.media_count), edges: [] },
  };
  return { text: JSON.stringify({ data: { user }, status: 'ok' }) };
}

// The page's counts (og:description's or the header's; a count not read is null) -> a minimal web_profile_info document, so the engine (not the
// extension) decides what, if anything, can be said from counts alone. The counts say nothing
// of privacy, verification or business: those flags are left out (unknown), not false.
export function profileDocFromPage(username, fullName, og) {
  return JSON.stringify({
    data: {
      user: {
        username,
        full_name: fullName || '',
        edge_followed_by: { count: og.followers },
        edge_follow: { count: og.following },
        edge_owner_to_timeline_media: { count: og.posts, edges: [] },
      },
    },
    status: 'ok',
  });
}
