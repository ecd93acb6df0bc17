// The seeded profiles: each one's known truth (true fake share of its followers) and the
// profile-level numbers it serves. Likes come from the real followers only (bought followers
// do not like), at organic rates fitted from the labelled data, except where a profile's
// story says otherwise (like subscription, bought account).
import { prng } from './prng.mjs';
import { DIST, fromQuantiles } from './sample.mjs';
import { postNode, userDocument, DEFAULT_AVATAR } from './followers.mjs';
import { poolShare, sectionCommenterShare, engagerTruth, postsRead } from './engagers.mjs';
import { auditPlan, commentPostsOf } from '../../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../../extension/shared/settings.js';
import { commentSection } from './comment-patterns.mjs';

const NOW = 1_795_000_000; // fixed "today" of the seeded data (2026-11-18), so runs are identical

export const SEEDED = [
  { username: 'lena.bakes', kind: 'organic_small', fakeShare: 0.05, followers: 820, following: 410, posts: 64,
    fullName: 'Lena Baumann', bio: 'Sourdough, cakes and a small garden in Bern.' },
  { username: 'marco.travels', kind: 'organic_mid', fakeShare: 0.10, followers: 24_300, following: 612, posts: 412,
    fullName: 'Marco Rossi', bio: 'Travel photographer. Alps, coasts, trains.', externalUrl: 'https://example.com/marco' },
  { username: 'fitqueen_daily', kind: 'bought_40', fakeShare: 0.40, followers: 52_000, following: 1_480, posts: 230,
    fullName: 'Fit Queen', bio: 'Daily workouts | DM for collabs', business: true, category: 'Fitness' },
  { username: 'urban.sketcher', kind: 'like_subscription', fakeShare: 0.10, followers: 940, following: 390, posts: 150,
    fullName: 'Urban Sketcher', bio: 'Pen and ink, one city a week.', likeSubscription: 200 },
  { username: 'shopdeals.official', kind: 'bought_account', fakeShare: 0.85, followers: 10_000, following: 12, posts: 3,
    fullName: 'Shop Deals', bio: 'Best deals every day', business: true, category: 'Shopping & retail', newAccount: true },
  { username: 'private.person', kind: 'private', fakeShare: 0.20, followers: 640, following: 520, posts: 85,
    fullName: 'Private Person', bio: '', isPrivate: true },
  { username: 'quiet.likes', kind: 'hidden_likes', fakeShare: 0.10, followers: 3_400, following: 800, posts: 96,
    fullName: 'Quiet Likes', bio: 'Likes hidden on purpose.', hiddenLikes: true },
  { username: 'new.page.2026', kind: 'zero_posts', fakeShare: 0.30, followers: 150, following: 300, posts: 0,
    fullName: 'New Page', bio: 'Coming soon' },
  { username: 'megastar', kind: 'celebrity', fakeShare: 0.15, followers: 48_700_000, following: 310, posts: 2_140,
    fullName: 'Mega Star', bio: 'Official account.', verified: true, business: true, category: 'Artist' },
  { username: 'xss_tester', kind: 'injection', fakeShare: 0.10, followers: 1_900, following: 350, posts: 40,
    fullName: '<img src=x onerror="window.__fmPwned=1">Eve <b>Bold</b>',
    bio: '<script>window.__fmPwned=2</script><a href="javascript:window.__fmPwned=3">click</a> &amp; "quotes" \'single\' <style>*{display:none}</style>',
    externalUrl: 'javascript:window.__fmPwned=4' },
  // The 2026 Instagram: short follower lists, and likers and commenters unlike the followers.
  { username: 'likefarm.client', kind: 'bought_likes', fakeShare: 0.05, likerFakeShare: 0.8, commenterFakeShare: 0.5,
    followers: 8_400, following: 610, posts: 180, fullName: 'Like Farm Client', bio: 'Coffee and city walks.',
    limitFollowers: true, boughtLikes: true },
  { username: 'paid.real.fans', kind: 'paid_real_engagement', fakeShare: 0.8, likerFakeShare: 0.03, commenterFakeShare: 0.03,
    followers: 15_000, following: 920, posts: 120, fullName: 'Paid Real Fans', bio: 'Fashion, daily.', limitFollowers: true },
  // Comment sections written by comment-patterns.mjs (`comments`: its options). A tattoo studio
  // that buys engagement: the comments it suggests, posted by a network of paid accounts, and
  // likes by subscription from real people on top of its own. A small business whose comments
  // are its customers'. A coach in an engagement pod (members comment on every post within minutes).
  { username: 'inkwell.tattoo', kind: 'bought_comments', fakeShare: 0.08, followers: 6_800, following: 540, posts: 210,
    fullName: 'Inkwell Tattoo Studio', bio: 'Fine line & blackwork. Walk-ins Fri-Sat, book via DM.', business: true,
    category: 'Tattoo & piercing shop',
    comments: { pattern: 'network', kind: 'tattoo', language: 'en', organic: { commentsPerPost: [4, 4], commentsPerLike: 0.012 },
      network: { size: 40, perPost: [10, 16], templates: [4, 6], likeSubscription: 150 } } },
  { username: 'corner.bakery', kind: 'organic_comments', fakeShare: 0.05, followers: 9_500, following: 380, posts: 320,
    fullName: 'De Hoekbakkerij', bio: 'Brood, taart en koffie. Di-za 7-17 uur.', business: true, category: 'Bakery',
    comments: { pattern: 'organic', language: 'nl', organic: { commentsPerPost: [8, 8], commentsPerLike: 0.016 } } },
  { username: 'glow.coach', kind: 'pod_comments', fakeShare: 0.1, followers: 7_200, following: 1_100, posts: 380,
    fullName: 'Glow Coaching', bio: 'Mindset & morning routines. Free guide below.', business: true, category: 'Coach',
    externalUrl: 'https://example.com/glow',
    comments: { pattern: 'pod', language: 'en', organic: { commentsPerPost: [5, 5], commentsPerLike: 0.012 }, pod: { size: 30 } } },
  // Added after the others, so that every earlier profile keeps its id (PROFILE_IDS, by position).
  // A teenager's account whose follower count was a gift: 1,200 bought followers on 300 real ones.
  { username: 'mila.gifted', kind: 'gifted', fakeShare: 0.8, followers: 1_500, following: 280, posts: 48,
    fullName: 'Mila', bio: 'dance · school · friends' },
  // A celebrity whose audience is clean: nothing about its size may read as bought.
  { username: 'clean.celebrity', kind: 'celebrity_clean', fakeShare: 0.02, followers: 48_700_000, following: 310,
    posts: 2_140, fullName: 'Clean Celebrity', bio: 'Official account.', verified: true, category: 'Artist' },
  // Pinned posts (the grid's first three: old viral posts, 3 years old with 10x the likes, sent
  // before the newest 9) and a collaboration post (the second newest, shared with @partner.studio,
  // its likes from both audiences): neither is the profile's recent audience.
  { username: 'pinned.classics', kind: 'pinned_posts', fakeShare: 0.1, followers: 4_200, following: 520, posts: 160,
    fullName: 'Pinned Classics', bio: 'Film photos. Old favourites pinned.', pinned: 3 },
  { username: 'duo.kitchen', kind: 'collab_post', fakeShare: 0.1, followers: 3_600, following: 470, posts: 140,
    fullName: 'Duo Kitchen', bio: 'Weeknight recipes.', collab: [1] },
];
// A name that does not exist: page and API answer 404, like Instagram.
export const NONEXISTENT = 'no.such.user.2026';

export const PROFILE_IDS = Object.fromEntries(SEEDED.map((p, i) => [p.username, String(1_000_000 + i * 7919)]));

// Organic likes per post as a share of followers, by audience size. Small accounts follow the
// labelled data (median likes/followers of real accounts, ~0.2); bigger ones the published
// tier bands (The Social Cat, as cited in models/engagement_reference.json: 1-5K 3.4-4.4%,
// 5-10K 1.3-1.6%, 10-50K 0.8-1.1%, 50-100K 0.75-1.0%, 100K-1M 0.9-1.1%), log-interpolated.
const RATE_BY_SIZE = [[100, 0.26], [1000, 0.2], [3000, 0.039], [7500, 0.0144], [30000, 0.0098],
  [75000, 0.0088], [300000, 0.01], [750000, 0.01], [1e7, 0.008], [1e8, 0.006]];
function rateForSize(followers) {
  const f = Math.max(followers, RATE_BY_SIZE[0][0]);
  for (let i = 1; i < RATE_BY_SIZE.length; i++) {
    const [f0, r0] = RATE_BY_SIZE[i - 1], [f1, r1] = RATE_BY_SIZE[i];
    if (f <= f1) {
      const w = Math.log(f / f0) / Math.log(f1 / f0);
      return Math.exp(Math.log(r0) + w * (Math.log(r1) - Math.log(r0)));
    }
  }
  return RATE_BY_SIZE.at(-1)[1];
}

// The real part of the audience engages at the organic rate for its own size; bought
// followers do not like. A per-profile wiggle comes from the fitted spread of like rates.
function organicRate(p, rand) {
  const table = DIST.engagement.likes_per_follower;
  const wiggle = fromQuantiles(table, 0.35 + 0.3 * rand()) / fromQuantiles(table, 0.5);
  return rateForSize(p.followers * (1 - p.fakeShare)) * wiggle;
}

// The simulated comment section of a profile with a comment pattern (its 12 newest posts), or null.
const sections = new Map();
export function commentSectionOf(p) {
  if (!p.comments) return null;
  if (!sections.has(p.username)) {
    sections.set(p.username, commentSection({ ...p.comments, posts: Math.min(12, p.posts), seed: p.username, now: NOW,
      followers: p.followers, owner: { pk: PROFILE_IDS[p.username], username: p.username } }));
  }
  return sections.get(p.username);
}

// A profile with a comment pattern posts what its section says: when, likes and comments.
function postsOfSection(p, section, id) {
  return section.document.posts.map((post, i) => {
    const isVideo = i % 4 === 3;
    return postNode(`${id}${String(i).padStart(3, '0')}`, post.taken_at, post.like_count, post.comment_count, {
      isVideo, views: isVideo ? post.like_count * 6 : null, caption: `Post ${p.posts - i}`,
    });
  });
}

// A pinned post as web_profile_info sends it: pinned_for_users names the profile that pinned it.
const pinnedBy = (p, id) => [{ id, is_verified: !!p.verified, profile_pic_url: `https://www.instagram.com/static/avatars/${id}.jpg`,
  username: p.username }];
// A collaboration post: coauthor_producers names the partner account it shows on too.
const PARTNER = { id: '1999999', is_verified: false, profile_pic_url: 'https://www.instagram.com/static/avatars/1999999.jpg',
  username: 'partner.studio' };

function makePosts(p, id) {
  const section = commentSectionOf(p);
  if (section) return postsOfSection(p, section, id);
  const rand = prng(`${p.username}/posts`);
  const pinned = p.pinned || 0;
  const n = p.isPrivate ? 0 : Math.min(12, p.posts) - pinned;
  const rate = organicRate(p, rand);
  const cvTable = DIST.engagement.likes_cv_between_posts;
  const cv = fromQuantiles(cvTable, 0.3 + 0.4 * rand());
  const realFollowers = p.followers * (1 - p.fakeShare);
  const edges = [];
  let t = NOW - rand.int(1, 3) * 86400;
  for (let i = 0; i < n; i++) {
    let likes;
    if (p.hiddenLikes) likes = null;
    else if (p.likeSubscription) likes = p.likeSubscription + rand.int(-3, 3); // bought: the same ~200 every time
    else if (p.newAccount) likes = rand.int(4, 15);
    else likes = Math.max(0, Math.round(realFollowers * rate * Math.max(0.2, 1 + cv * rand.normal())));
    // Bought likes on top of the organic ones, so that the like farm's share of likers holds.
    if (p.boughtLikes && likes !== null) likes = Math.round(likes / (1 - p.likerFakeShare));
    const commentShare = fromQuantiles(DIST.engagement.comments_per_like, 0.5 + 0.4 * rand());
    const comments = p.likeSubscription ? rand.int(0, 2) : Math.round((likes ?? realFollowers * rate) * commentShare);
    const isVideo = i % 4 === 3;
    const collab = (p.collab || []).includes(i);
    // A collaboration reaches both audiences: three times the likes and comments.
    const edge = postNode(`${id}${String(i).padStart(3, '0')}`, t, collab && likes !== null ? likes * 3 : likes,
      collab ? comments * 3 : comments, { isVideo, views: isVideo && likes !== null ? likes * 6 : null, caption: `Post ${p.posts - i}` });
    if (collab) edge.node.coauthor_producers = [PARTNER];
    edges.push(edge);
    const gapDays = p.newAccount ? rand.int(1, 4) : fromQuantiles(DIST.engagement.days_between_posts, 0.2 + 0.5 * rand());
    t -= Math.round(gapDays * 86400) + 3600;
  }
  // Pinned posts come first in the edges, whatever their age: here old hits, three years back,
  // with ten times the likes of the newest post.
  const top = edges.length ? edges[0].node.edge_liked_by.count : 100;
  const pins = [];
  for (let i = 0; i < pinned; i++) {
    const edge = postNode(`${id}9${String(i).padStart(2, '0')}`, NOW - (3 * 365 + 40 * i) * 86400, Math.max(10, top) * 10 + i * 37,
      Math.max(1, edges.length ? edges[0].node.edge_media_to_comment.count : 3) * 10, { caption: `Pinned ${i + 1}` });
    edge.node.pinned_for_users = pinnedBy(p, id);
    pins.push(edge);
  }
  return [...pins, ...edges];
}

// web_profile_info body of a profile described like the seeded ones, with its id: its posts carry
// organic likes for its real followers, as the seeded profiles' do.
export function profileDocument(p, id) {
  return userDocument({
    id, username: p.username, full_name: p.fullName, biography: p.bio,
    external_url: p.externalUrl || null, is_private: !!p.isPrivate, is_verified: !!p.verified,
    is_business: !!p.business, category: p.category || null,
    profile_pic_url: `https://www.instagram.com/static/avatars/${id}.jpg`,
    followers: p.followers, following: p.following, media_count: p.posts, edges: makePosts(p, id),
    highlights: p.posts > 50 ? 4 : 0,
  });
}

const docCache = new Map();
// web_profile_info body of a seeded profile (same object every call).
export function seededDocument(p) {
  if (!docCache.has(p.username)) docCache.set(p.username, profileDocument(p, PROFILE_IDS[p.username]));
  return docCache.get(p.username);
}

export function findSeeded(username) {
  return SEEDED.find((p) => p.username === username) || null;
}

// The truth table tests and the demo compare against. Likers' and commenters' truth is about the
// posts an audit with `settings` reads (the extension's own plan): the engagers those posts list,
// as they are, and the rest of their counts at the pool's share (engagerTruth). A pattern
// profile's commenters are the accounts commenting on the posts its comment section has.
export function truth(settings = { ...DEFAULT_SETTINGS, auditComments: true }) {
  return SEEDED.map((p) => {
    const edges = seededDocument(p).data.user.edge_owner_to_timeline_media.edges;
    const posts = edges.map(({ node }) => ({ id: node.id, likes: node.edge_liked_by.count < 0 ? null : node.edge_liked_by.count,
      comments: node.edge_media_to_comment.count, pinned: !!node.pinned_for_users?.length, collab: !!node.coauthor_producers?.length }));
    const { media } = auditPlan(settings, posts);
    return { username: p.username, kind: p.kind, fake_share: p.fakeShare, followers: p.followers,
      liker_fake_share: engagerTruth(p, 'likers', postsRead(posts, media.likers)) ?? poolShare(p, 'likers'),
      commenter_fake_share: p.comments ? sectionCommenterShare(commentSectionOf(p), commentPostsOf(settings))
        : engagerTruth(p, 'commenters', postsRead(posts, media.commenters)) ?? poolShare(p, 'commenters'),
      comment_pattern: p.comments ? p.comments.pattern : null,
      limited_list: !!p.limitFollowers };
  }).concat([{ username: NONEXISTENT, kind: 'nonexistent', fake_share: null, followers: null }]);
}
export { DEFAULT_AVATAR };
