// Deterministic follower populations. Follower i (0 = newest) of a profile is a pure function
// of (profile, i): its class comes from a stratified assignment (exactly round(share * 20)
// fakes in every block of 20, at seeded positions) so any stretch of the list carries the
// profile's known fake share; its record is drawn from one labelled set's fitted distributions
// of that class (a mixture over the sets: all of an account's fields come from the same set).
import { prng, hashString } from './prng.mjs';
import { fromQuantiles, fromAccountQuantiles, fromAccountQuantilesLinear, countUniforms, pickSet, DIST } from './sample.mjs';
import { makeNames, makeBiography } from './names.mjs';
import { countsBucket } from './counts-bucket.mjs';

export const DEFAULT_AVATAR =
  'https://www.instagram.com/static/images/anonymous_profile_pic/44884218_345707102882519_2446069589734326272_n.jpg';
const BLOCK = 20;

export function isFakeFollower(profile, index) {
  const block = Math.floor(index / BLOCK), pos = index % BLOCK;
  const fakes = Math.round(profile.fakeShare * BLOCK);
  // Seeded permutation of 0..BLOCK-1 for this block; the first `fakes` slots are fake.
  const rand = prng(`${profile.username}/block/${block}`);
  const perm = Array.from({ length: BLOCK }, (_, k) => k);
  for (let k = BLOCK - 1; k > 0; k--) {
    const j = Math.floor(rand() * (k + 1));
    [perm[k], perm[j]] = [perm[j], perm[k]];
  }
  return perm.indexOf(pos) < fakes;
}

// The follower's full record plus what its own web_profile_info needs.
export function makeFollower(profile, index) {
  const fake = isFakeFollower(profile, index);
  const cls = fake ? 'fake' : 'real';
  const rand = prng(`${profile.username}/follower/${index}`);
  const { name: set, fit: d } = pickSet(cls, rand());
  const [uPosts, uRatio, uFollowers] = countUniforms(d, rand);
  const mediaCount = Math.round(fromAccountQuantiles(d.posts, uPosts));
  const followerCount = Math.round(fromAccountQuantiles(d.followers, uFollowers));
  const ratio = fromAccountQuantilesLinear(d.log_follow_ratio, uRatio);
  const followingCount = Math.max(0, Math.round(Math.expm1(Math.log1p(followerCount) + ratio)));
  const bucket = countsBucket(mediaCount, followerCount);
  const hasPic = rand() < d.has_profile_pic_by_counts[bucket];
  const isPrivate = rand() < d.is_private_by_counts[bucket];
  const { username, fullName } = makeNames(d, bucket, DIST.classes[cls].name_username_similarity, rand);
  const biography = makeBiography(d, bucket, rand);
  const externalUrl = rand() < d.external_url_by_counts[bucket] ? `https://example.com/${username.replace(/[^a-z0-9]/g, '')}` : null;
  const pk = String(5_000_000_000 + (hashString(profile.username) % 100_000) * 100_000_000 + index);
  const picId = hasPic ? `${2_900_000_000_000 + index}_${hashString(username) % 1_000_000}` : null;
  return {
    fake, set, index, pk, username, full_name: fullName, biography, external_url: externalUrl,
    is_private: isPrivate, is_verified: false, media_count: mediaCount,
    following_count: followingCount, follower_count: followerCount,
    profile_pic_url: hasPic ? `https://www.instagram.com/static/avatars/${picId}.jpg` : DEFAULT_AVATAR,
    profile_pic_id: picId,
  };
}

// Entry in a followers-list page, shaped like Instagram's.
export function listEntry(f) {
  const e = {
    pk: f.pk, pk_id: f.pk, id: f.pk, username: f.username, full_name: f.full_name, is_private: f.is_private,
    is_verified: f.is_verified, profile_pic_url: f.profile_pic_url,
    has_anonymous_profile_picture: !f.profile_pic_id,
  };
  if (f.profile_pic_id) e.profile_pic_id = f.profile_pic_id;
  return e;
}

// The follower's own web_profile_info document (posts with organic-looking likes when public).
export function followerProfileInfo(f) {
  const rand = prng(`${f.username}/posts`);
  const n = f.is_private ? 0 : Math.min(12, f.media_count);
  const rate = fromQuantiles(DIST.engagement.likes_per_follower, rand()) * (f.fake ? 0.2 : 1);
  const edges = [];
  let t = 1_795_000_000 - rand.int(0, 30) * 86400;
  for (let i = 0; i < n; i++) {
    const likes = Math.max(0, Math.round(f.follower_count * rate * (0.7 + 0.6 * rand())));
    edges.push(postNode(`${f.pk}_${i}`, t, likes, Math.round(likes * 0.02 * rand())));
    t -= Math.round(fromQuantiles(DIST.engagement.days_between_posts, rand()) * 86400) + 3600;
  }
  return userDocument({
    id: f.pk, username: f.username, full_name: f.full_name, biography: f.biography, external_url: f.external_url,
    is_private: f.is_private, is_verified: f.is_verified, is_business: false, category: null,
    profile_pic_url: f.profile_pic_url, followers: f.follower_count, following: f.following_count,
    media_count: f.media_count, edges,
  });
}

export function shortcodeFor(id) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let h = hashString(String(id)), h2 = hashString(`${id}#`), s = '';
  for (let i = 0; i < 11; i++) {
    s += alphabet[(i < 6 ? h : h2) & 63];
    if (i < 6) h >>>= 5; else h2 >>>= 5;
  }
  return s;
}

// One post node as in edge_owner_to_timeline_media.edges[].node. likes === null hides them.
export function postNode(id, takenAt, likes, comments, extra = {}) {
  const hidden = likes === null;
  return {
    node: {
      id: String(id), shortcode: shortcodeFor(id), taken_at_timestamp: takenAt, is_video: !!extra.isVideo,
      video_view_count: extra.isVideo ? extra.views ?? null : null, comments_disabled: false,
      edge_liked_by: { count: hidden ? -1 : likes }, edge_media_preview_like: { count: hidden ? -1 : likes },
      edge_media_to_comment: { count: comments },
      edge_media_to_caption: { edges: extra.caption ? [{ node: { text: extra.caption } }] : [] },
    },
  };
}

// A web_profile_info answer body for a user described in plain fields.
export function userDocument(u) {
  return {
    data: {
      user: {
        id: u.id, username: u.username, full_name: u.full_name, biography: u.biography,
        external_url: u.external_url, bio_links: u.external_url ? [{ url: u.external_url }] : [],
        is_private: u.is_private, is_verified: u.is_verified, is_business_account: !!u.is_business,
        is_professional_account: !!u.is_business, category_name: u.category || null,
        profile_pic_url: u.profile_pic_url, profile_pic_url_hd: u.profile_pic_url,
        highlight_reel_count: u.highlights || 0,
        edge_followed_by: { count: u.followers }, edge_follow: { count: u.following },
        edge_owner_to_timeline_media: { count: u.media_count, edges: u.edges },
      },
    },
    status: 'ok',
  };
}
