// Instagram's JSON endpoints: origin, headers and the URL of each request an instant check or
// an audit makes. All are same-origin GETs sent with the user's own cookies.
import { RULES } from '../rules.js';

export const ORIGIN = 'https://www.instagram.com';
export const APP_ID = '936619743392459';
// Followers per page asked for. Long lists answer a few dozen a page (the stand-in 25); a
// short list answers ~50 at once with the limit flag whatever is asked; above 200 is HTTP 400.
export const FOLLOWERS_PAGE_SIZE = RULES.followers_page_size;

// Headers the JSON endpoints expect (sent same origin, with the user's cookies).
export function requestHeaders() {
  return { 'X-IG-App-ID': APP_ID, 'X-Requested-With': 'XMLHttpRequest', Accept: 'application/json' };
}

const id = (v) => encodeURIComponent(String(v));

// The profile as the web app reads it (nested graph fields and the 12 most recent posts).
export function profileInfoUrl(username) {
  return `${ORIGIN}/api/v1/users/web_profile_info/?username=${encodeURIComponent(username)}`;
}

// The same account by numeric id, flat fields and no posts: the fallback when
// web_profile_info answers "wait" or "useragent mismatch".
export function userInfoUrl(userId) {
  return `${ORIGIN}/api/v1/users/${id(userId)}/info/`;
}

export function followersUrl(userId, cursor) {
  let url = `${ORIGIN}/api/v1/friendships/${id(userId)}/followers/` +
            `?count=${FOLLOWERS_PAGE_SIZE}&search_surface=follow_list_page`;
  if (cursor) url += `&max_id=${encodeURIComponent(cursor)}`;
  return url;
}

// Who liked a post (one answer, no cursor).
export function likersUrl(mediaId) {
  return `${ORIGIN}/api/v1/media/${id(mediaId)}/likers/`;
}

// The first page of a post's comments (the newest; older ones behind next_min_id).
export function commentsUrl(mediaId) {
  return `${ORIGIN}/api/v1/media/${id(mediaId)}/comments/?can_support_threading=true&permalink_enabled=false`;
}
