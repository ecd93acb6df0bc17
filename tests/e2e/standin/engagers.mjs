// The accounts Instagram shows around a profile, as pure functions of (profile, index): its
// followers list pages (long lists, or the short list of ~50 with the limit flag), and the
// likers and commenters of its recent posts, each drawn from a pool with its own known fake
// share (a like farm's likes on real followers, or real likers on bought followers).
// Answers are shaped as Instagram's endpoints answer; the server and the audit evaluation
// (tools/eval-audit) both serve from here.
import { prng } from './prng.mjs';
import { makeFollower, listEntry } from './followers.mjs';

export const PAGE_MAX = 25;           // followers per page of a long list
export const SHORT_LIST = 50;         // the short list's length (Instagram: "about 50")
export const LIKERS_MAX = 100;        // likers one answer lists at most
export const COMMENTS_PAGE = 30;      // comments on the first comments page
export const DEFAULT_ENGAGER_SHARE = 0.05;  // some bot likes land everywhere
// Post k lists pool entries from k * step on: a full list of one post never overlaps the next;
// likers past the listed ones count in like_count only.
const LIKERS_STEP = LIKERS_MAX, COMMENTERS_STEP = COMMENTS_PAGE;

// The fake share of a pool ('followers', 'likers', 'commenters') of a profile.
export function poolShare(profile, pool) {
  if (pool === 'followers') return profile.fakeShare;
  const own = pool === 'likers' ? profile.likerFakeShare : profile.commenterFakeShare;
  return own ?? DEFAULT_ENGAGER_SHARE;
}

// Engager `index` of a pool: a record drawn like a follower (same fitted classes), from the
// pool's own stratified assignment at its own share.
export function makeEngager(profile, pool, index) {
  return makeFollower({ username: `${profile.username}~${pool}`, fakeShare: poolShare(profile, pool) }, index);
}

// A followers page from `offset`. `limited`: the short list (SHORT_LIST users at once, the flag,
// no cursor, whatever was asked). `onUser(f)` sees each follower served (the server registers them).
export function followersPage(profile, { offset = 0, count = PAGE_MAX, limited = false, encodeCursor = String, onUser = () => {} }) {
  const total = limited ? Math.min(profile.followers, SHORT_LIST) : profile.followers;
  const end = limited ? total : Math.min(total, offset + Math.min(PAGE_MAX, Math.max(1, count)));
  const users = [];
  for (let i = limited ? 0 : offset; i < end; i++) {
    const f = makeFollower(profile, i);
    onUser(f);
    users.push(listEntry(f));
  }
  const body = { users, big_list: profile.followers > 1000, page_size: limited ? SHORT_LIST : count,
    has_more: !limited && end < total, should_limit_list_of_followers: limited, status: 'ok' };
  if (!limited && end < total) body.next_max_id = encodeCursor(end);
  return body;
}

// Who liked post `postIndex` (0 = newest) that has `likes` likes (null: hidden; the list still shows).
export function likersPage(profile, postIndex, likes, onUser = () => {}) {
  const n = Math.min(likes ?? LIKERS_MAX, LIKERS_MAX);
  const users = [];
  for (let i = 0; i < n; i++) {
    const e = makeEngager(profile, 'likers', postIndex * LIKERS_STEP + i);
    onUser(e);
    users.push(listEntry(e));
  }
  return { users, user_count: likes ?? n, status: 'ok' };
}

const GENERIC = ['Nice!', 'Great post', '🔥🔥🔥', 'Love this ❤️', 'Amazing', 'Wow', '👏👏', 'Cool pic', 'DM us for collab 💰', 'Beautiful'];
const TOPICS = ['the light here', 'that colour', 'your last trip', 'the recipe', 'this view', 'the second photo', 'the caption'];

// The newest comments page of post `postIndex` with `comments` comments; `mediaId` as asked.
export function commentsPage(profile, postIndex, comments, mediaId, onUser = () => {}) {
  const n = Math.min(comments ?? 0, COMMENTS_PAGE);
  const rand = prng(`${profile.username}/comments/${postIndex}`);
  const list = [];
  for (let i = 0; i < n; i++) {
    const e = makeEngager(profile, 'commenters', postIndex * COMMENTERS_STEP + i);
    onUser(e);
    const text = e.fake ? rand.pick(GENERIC) : `Really like ${rand.pick(TOPICS)}, ${e.full_name.split(' ')[0] || 'thanks'}!`;
    list.push({ pk: `${mediaId}${String(i).padStart(4, '0')}`, text, created_at: 1_795_000_000 - i * 600 - postIndex * 86400,
      comment_like_count: e.fake ? 0 : rand.int(0, 5), type: 0, user: listEntry(e) });
  }
  const body = { comments: list, comment_count: comments ?? n, caption_is_edited: false, has_more_comments: false,
    has_more_headload_comments: (comments ?? 0) > n, status: 'ok' };
  if ((comments ?? 0) > n) body.next_min_id = JSON.stringify({ cached_comments_cursor: list.at(-1).pk });
  return body;
}

// users/<id>/info's flat user object for a follower or engager record.
export function userInfoDocument(f) {
  return { user: { pk: f.pk, pk_id: f.pk, username: f.username, full_name: f.full_name, biography: f.biography,
    external_url: f.external_url || '', is_private: f.is_private, is_verified: f.is_verified, is_business: false,
    follower_count: f.follower_count, following_count: f.following_count, media_count: f.media_count,
    profile_pic_url: f.profile_pic_url, has_anonymous_profile_picture: !f.profile_pic_id }, status: 'ok' };
}

// A web_profile_info document's posts as signed-in v1 media say them: like_count (-1 when
// hidden), comment_count, play_count / ig_play_count instead of the graph's edge counts.
export function withV1MediaFields(doc) {
  const out = structuredClone(doc);
  for (const e of out.data.user.edge_owner_to_timeline_media.edges) {
    const n = e.node;
    n.like_count = n.edge_liked_by.count;
    n.comment_count = n.edge_media_to_comment.count;
    if (n.is_video) { n.play_count = n.video_view_count; n.ig_play_count = n.video_view_count; }
    n.video_view_count = null;
    delete n.edge_liked_by; delete n.edge_media_preview_like; delete n.edge_media_to_comment;
  }
  return out;
}
