// The accounts Instagram shows around a profile, as pure functions of (profile, index): its
// followers list pages (long lists, or the short list of ~50 with the limit flag), and the
// likers and commenters of its recent posts, each drawn from a pool with its own known fake
// share (a like farm's likes on real followers, or real likers on bought followers).
// Answers are shaped as Instagram's endpoints answer; the server and the audit evaluation
// (tools/eval-audit) both serve from here.
import { prng } from './prng.mjs';
import { makeFollower, isFakeFollower, listEntry } from './followers.mjs';
import { organicText, botText, organicDelay, podDelay, DEFAULT_NOW as NOW } from './comment-patterns.mjs';

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
  return makeFollower(poolOf(profile, pool), index);
}
const poolOf = (profile, pool) => ({ username: `${profile.username}~${pool}`, fakeShare: poolShare(profile, pool) });

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

// The newest comments page of post `postIndex` with `comments` comments; `mediaId` as asked,
// `takenAt` when it was posted. Every text comes from comment-patterns.mjs, the one comment
// generator. A profile with a comment pattern (`section`: its commentSection, see profiles.mjs)
// has its comments written by that pattern's accounts (the newest COMMENTS_PAGE of the post);
// any other has commenter k of its commenters pool write what that simulation's real followers
// write (or, a fake one, what its bots write), so the pool's fake share stays exact.
export function commentsPage(profile, postIndex, comments, mediaId, onUser = () => {}, { takenAt = null, section = null } = {}) {
  if (section) return sectionPage(section, postIndex, onUser);
  const n = Math.min(comments ?? 0, COMMENTS_PAGE);
  const rand = prng(`${profile.username}/comments/${postIndex}`);
  const posted = takenAt ?? NOW - (postIndex + 1) * 86400;
  const engagers = Array.from({ length: n }, (_, i) => makeEngager(profile, 'commenters', postIndex * COMMENTERS_STEP + i));
  const list = engagers.map((e, i) => {
    onUser(e);
    const text = e.fake ? botText(rand) : organicText(rand, 'en', engagers);
    const delay = e.fake ? podDelay(rand) * 3 : organicDelay(rand);
    return { pk: `${mediaId}${String(i).padStart(4, '0')}`, text, created_at: Math.min(NOW - 60, posted + Math.max(5, Math.round(delay))),
      comment_like_count: e.fake ? 0 : rand.int(0, 5), type: 0, user: listEntry(e) };
  });
  return pageBody(list, comments ?? n);
}

function pageBody(list, total) {
  const body = { comments: list, comment_count: total, caption_is_edited: false, has_more_comments: false,
    has_more_headload_comments: total > list.length, status: 'ok' };
  if (total > list.length) body.next_min_id = JSON.stringify({ cached_comments_cursor: list[0].pk });
  return body;
}

// Post `postIndex` of a simulated comment section as the endpoint's first page: its newest
// COMMENTS_PAGE comments, oldest of them first (older ones behind next_min_id).
export function sectionPage(section, postIndex, onUser = () => {}) {
  const post = section.document.posts[postIndex];
  const byName = accountsOf(section);
  const list = post.comments.slice(-COMMENTS_PAGE).map((c) => {
    const a = byName.get(c.user.username);
    if (a) onUser(a);
    return { ...c, type: 0 };
  });
  return pageBody(list, post.comment_count);
}

const accountIndex = new WeakMap();
function accountsOf(section) {
  if (!accountIndex.has(section)) accountIndex.set(section, new Map(section.accounts.map((a) => [a.username, a])));
  return accountIndex.get(section);
}

// The known fake share of the commenters a section's first pages show on its newest `posts`
// posts (distinct accounts, the owner left out): the commenters source's truth.
export function sectionCommenterShare(section, posts) {
  const byName = accountsOf(section);
  const seen = new Map();
  for (const post of section.document.posts.slice(0, posts)) {
    for (const c of post.comments.slice(-COMMENTS_PAGE)) {
      const a = byName.get(c.user.username);
      if (a) seen.set(a.username, a.fake);
    }
  }
  return seen.size ? [...seen.values()].filter(Boolean).length / seen.size : null;
}

// The posts an audit read (its plan's media, [{id, count}]) as engagerTruth takes them: each one's
// place among the profile's posts (`posts`, [{id, ...}], newest first) and its count.
export function postsRead(posts, media) {
  return media.map((m) => ({ index: posts.findIndex((p) => p.id === m.id), count: m.count }));
}

// The known fake share of the population an audit's estimate for `pool` ('likers' or
// 'commenters') is about: the engagers of the posts it reads (`posts`: [{index, count}], the
// post's place among the profile's posts and its like or comment count, null when hidden).
// The engagers a post's answer lists count as they are (their share can be far from the
// pool's when a post has few); the rest of its count, which no answer lists, at the pool's
// share. A hidden count adds the listed ones only.
export function engagerTruth(profile, pool, posts) {
  const step = pool === 'likers' ? LIKERS_STEP : COMMENTERS_STEP;
  const most = pool === 'likers' ? LIKERS_MAX : COMMENTS_PAGE;
  const share = poolShare(profile, pool);
  const engagers = poolOf(profile, pool);
  let fakes = 0, accounts = 0;
  for (const { index, count } of posts) {
    const listed = pool === 'likers' ? Math.min(count ?? most, most) : Math.min(count ?? 0, most);
    for (let i = 0; i < listed; i++) fakes += isFakeFollower(engagers, index * step + i) ? 1 : 0;
    const unlisted = count === null ? 0 : Math.max(0, count - listed);
    fakes += unlisted * share;
    accounts += listed + unlisted;
  }
  return accounts ? fakes / accounts : null;
}

// users/<id>/info's flat user object for a follower or engager record.
export function userInfoDocument(f) {
  return { user: { pk: f.pk, pk_id: f.pk, username: f.username, full_name: f.full_name, biography: f.biography,
    external_url: f.external_url || '', is_private: f.is_private, is_verified: f.is_verified, is_business: false,
    follower_count: f.follower_count, following_count: f.following_count, media_count: f.media_count,
    profile_pic_url: f.profile_pic_url, has_anonymous_profile_picture: !f.profile_pic_id }, status: 'ok' };
}

// A web_profile_info document's posts as signed-in v1 media say them: like_count (-1 when
// hidden), comment_count, play_count / ig_play_count instead of the graph's edge counts, and
// timeline_pinned_user_ids (ids) instead of pinned_for_users (user objects).
export function withV1MediaFields(doc) {
  const out = structuredClone(doc);
  for (const e of out.data.user.edge_owner_to_timeline_media.edges) {
    const n = e.node;
    n.like_count = n.edge_liked_by.count;
    n.comment_count = n.edge_media_to_comment.count;
    if (n.is_video) { n.play_count = n.video_view_count; n.ig_play_count = n.video_view_count; }
    n.video_view_count = null;
    if (n.pinned_for_users) n.timeline_pinned_user_ids = n.pinned_for_users.map((u) => Number(u.id));
    delete n.pinned_for_users;
    delete n.edge_liked_by; delete n.edge_media_preview_like; delete n.edge_media_to_comment;
  }
  return out;
}
