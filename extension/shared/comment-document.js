// The comments document the engine's comment analysis reads (analyzeComments; its format is in
// wasm/core/comments/README.md), built from what an audit already holds: the comment objects of
// the posts whose comments it read, those posts' likes, comment counts and times (from the
// profile report), the follower count, the profile itself as the owner (its own replies are left
// out), the commenters it fetched in full, and the time. Pure: no request, no storage.

const isCount = (v) => Number.isSafeInteger(v) && v >= 0;

// The comment objects as kept (audit.js, the adapter's parseCommentsPage): unknown fields are
// left out rather than sent as null.
function commentOf(c) {
  const out = { text: c.text, user: c.user };
  if (c.pk) out.pk = c.pk;
  if (isCount(c.created_at)) out.created_at = c.created_at;
  if (isCount(c.comment_like_count)) out.comment_like_count = c.comment_like_count;
  return out;
}

// The audit state -> the comments document, or null when no post's comments were read.
// `nowMs`: the time to judge post ages against (ms since the epoch).
export function commentsDocument(state, nowMs) {
  const src = state.commenters;
  const byMedia = new Map();
  for (const c of src.comments) {
    if (!byMedia.has(c.media_id)) byMedia.set(c.media_id, []);
    byMedia.get(c.media_id).push(commentOf(c));
  }
  // Posts whose comments page was read (`listed` is set by its answer; a post that could not be
  // read is left out, not sent as a post without comments).
  const posts = src.media.slice(0, src.done).filter((m) => isCount(m.listed)).map((m) => {
    const post = { media_id: m.id, comments: byMedia.get(m.id) || [] };
    if (isCount(m.takenAt)) post.taken_at = m.takenAt;
    if (isCount(m.likes)) post.like_count = m.likes;
    if (isCount(m.count)) post.comment_count = m.count;
    return post;
  });
  if (!posts.length) return null;
  const doc = { posts, owner: { pk: state.userId, username: state.username }, now: Math.floor(nowMs / 1000) };
  if (isCount(state.followers.population) && state.followers.population > 0) doc.follower_count = state.followers.population;
  // Commenters fetched in full, for this source or for another one (an account serves them all).
  const names = new Set(src.lite.map((r) => r.username));
  doc.commenters = [...names].filter((u) => state.full[u]).map((u) => state.full[u]);
  return doc;
}
