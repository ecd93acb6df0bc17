// Every source of a profile mapped to the one document the engine reads (web_profile_info's
// shape): web_profile_info itself, the flat user object of users/<id>/info, and the counts the
// page already shows (og:description). The report names which one it came from.
import { DEFAULT_AVATAR_MARK } from './pages.js';

export const PROFILE_SOURCES = ['web_profile_info', 'users_info', 'page'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const count = (v) => (Number.isSafeInteger(v) && v >= 0 ? v : null);

// users/<id>/info's answer {"user": {pk, username, follower_count, ...}, "status"} -> the
// web_profile_info document text, or {error}. It carries no posts: engagement stays unknown.
export function profileDocFromUserInfo(doc) {
  if (!isObject(doc) || !isObject(doc.user)) return { error: 'users/<id>/info: "user" must be an object' };
  const u = doc.user;
  if (typeof u.username !== 'string') return { error: 'users/<id>/info: user.username is missing' };
  const anonymous = u.has_anonymous_profile_picture === true;
  const user = {
    id: u.pk !== undefined ? String(u.pk) : undefined,
    username: u.username,
    full_name: typeof u.full_name === 'string' ? u.full_name : '',
    biography: typeof u.biography === 'string' ? u.biography : '',
    external_url: typeof u.external_url === 'string' && u.external_url ? u.external_url : null,
    is_private: u.is_private === true,
    is_verified: u.is_verified === true,
    is_business_account: u.is_business === true,
    category_name: typeof u.category === 'string' ? u.category : null,
    profile_pic_url: anonymous ? `${DEFAULT_AVATAR_MARK}.jpg` : (typeof u.profile_pic_url === 'string' ? u.profile_pic_url : null),
    edge_followed_by: { count: count(u.follower_count) },
    edge_follow: { count: count(u.following_count) },
    edge_owner_to_timeline_media: { count: count(u.media_count), edges: [] },
  };
  if (user.edge_followed_by.count === null) return { error: 'users/<id>/info: user.follower_count is missing' };
  return { text: JSON.stringify({ data: { user }, status: 'ok' }) };
}

// og:description counts -> a minimal web_profile_info document, so the engine (not the
// extension) decides what, if anything, can be said from counts alone.
export function profileDocFromPage(username, fullName, og) {
  return JSON.stringify({
    data: {
      user: {
        username,
        full_name: fullName || '',
        is_private: false,
        edge_followed_by: { count: og.followers },
        edge_follow: { count: og.following },
        edge_owner_to_timeline_media: { count: og.posts, edges: [] },
      },
    },
    status: 'ok',
  });
}
