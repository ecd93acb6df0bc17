#!/usr/bin/env node
// Fits the account-record distributions the stand-in draws its followers from, per class
// (fake / real), from the labelled data in ../shared/data, and writes the small committed
// summary tests/e2e/standin/distributions.json. No raw row is copied: only quantile tables,
// rates, small histograms and a table of how the rows fall into the counts' quintiles.
// Usage: node tests/e2e/standin/derive-distributions.mjs [DATA_DIR] [OUT_FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nameSimilarity } from './name-similarity.mjs';
import { readCsv as readCsvFile } from './csv.mjs';
import { POSTS_BUCKETS, FOLLOWERS_BUCKETS, bucketKey, postsBucket, followersBucket } from './counts-bucket.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = process.argv[2] || path.resolve(here, '../../../../shared/data');
const outFile = process.argv[3] || path.join(here, 'distributions.json');

function readJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(dataDir, rel), 'utf8'));
}
const readCsv = (rel) => readCsvFile(path.join(dataDir, rel));

// 0%, 1%, 2.5%, 5%, 10%, ..., 90%, 95%, 97.5%, 99%, 100%: the tails get points of their own (a
// straight line from the 95% point to the maximum overfills the top).
const PROBS = [0, 0.01, 0.025, ...Array.from({ length: 19 }, (_, i) => (i + 1) / 20), 0.975, 0.99, 1];
const COPULA_BINS = 5;
// The engagement tables keep 21 evenly spaced points (0%, 5%, ..., 100%).
const ENGAGEMENT_PROBS = Array.from({ length: 21 }, (_, i) => i / 20);
function quantiles(values, probs = PROBS) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) throw new Error('quantiles of an empty list');
  return probs.map((p) => {
    const pos = p * (v.length - 1), lo = Math.floor(pos), hi = Math.ceil(pos);
    return +(v[lo] + (v[hi] - v[lo]) * (pos - lo)).toFixed(4);
  });
}
const rate = (bools) => +(bools.filter(Boolean).length / bools.length).toFixed(4);
function histogram(values, maxBin) {
  const counts = new Array(maxBin + 1).fill(0);
  for (const x of values) counts[Math.min(maxBin, Math.max(0, Math.round(x)))]++;
  return counts.map((c) => +(c / values.length).toFixed(4));
}
// Ranks scaled into (0, 1), ties broken by row order: a tied value (0 posts, say) spreads over
// its whole rank range, so each quintile holds a fifth of the rows.
function ranks(values) {
  const idx = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = new Array(values.length);
  idx.forEach(([, i], r) => { out[i] = (r + 0.5) / values.length; });
  return out;
}
const median = (v) => quantiles(v, [0.5])[0];

// --- Load the three sets into one shape: {fake, posts, following, followers, pic, priv, ...}.
const rows = [];
for (const [file, fake] of [['instafake/fakeAccountData.json', true], ['instafake/realAccountData.json', false]]) {
  for (const r of readJson(file)) {
    rows.push({ src: 'instafake', fake, posts: r.userMediaCount, following: r.userFollowingCount, followers: r.userFollowerCount,
      pic: r.userHasProfilPic === 1, priv: r.userIsPrivate === 1, bioLen: r.userBiographyLength,
      nameLen: r.usernameLength, nameDigits: r.usernameDigitCount });
  }
}
for (const r of readCsv('srf/labelled_followers_dev.csv')) {
  const u = r.Username;
  rows.push({ src: 'srf', fake: r.rating === 'TRUE', posts: +r['Number.of.posts'], following: +r['Number.of.people.they.follow'],
    followers: +r['Number.of.followers'], pic: r.has_profile_picture === 'TRUE', priv: r['Private.account'] === 'TRUE',
    nameLen: u.length, nameDigits: (u.match(/[0-9]/g) || []).length, nameSeparators: (u.match(/[._]/g) || []).length });
}
for (const r of readCsv('kaggle-free4ever1/train.csv')) {
  rows.push({ src: 'kaggle', fake: r.fake === '1', posts: +r['#posts'], following: +r['#follows'], followers: +r['#followers'],
    pic: r['profile pic'] === '1', priv: r.private === '1', bioLen: +r['description length'], extUrl: r['external URL'] === '1',
    nameDigitShare: +r['nums/length username'], fullWords: +r['fullname words'], fullDigitShare: +r['nums/length fullname'],
    nameEqualsUser: r['name==username'] === '1' });
}

const SETS = ['instafake', 'srf', 'kaggle'];
const hasField = (rs, k) => rs.filter((r) => r[k] !== undefined && Number.isFinite(+r[k]));
// Tables conditional on the counts, keyed "<posts bucket>|<followers bucket>" (counts-bucket.mjs):
// avatar, privacy, biography and display name depend on both in the data. A cell with fewer than
// MIN_CELL rows takes its posts bucket's value, and an empty posts bucket the rows' overall value.
const MIN_CELL = 20;
function byCounts(rs, summarise) {
  const out = {};
  for (const pb of POSTS_BUCKETS) {
    const inPosts = rs.filter((r) => postsBucket(r.posts) === pb);
    for (const fb of FOLLOWERS_BUCKETS) {
      const cell = inPosts.filter((r) => followersBucket(r.followers) === fb);
      out[bucketKey(pb, fb)] = summarise(cell.length >= MIN_CELL ? cell : inPosts.length ? inPosts : rs);
    }
  }
  return out;
}
const rateByCounts = (rs, key) => byCounts(rs, (sub) => rate(sub.map((r) => r[key])));

// One labelled set's class: every field a synthetic account needs, fitted on the set's own rows
// where the set records it. A field the set does not record (SRF has no biography, InstaFake and
// SRF no full name) is fitted on the same class of the sets that record it, conditioned on the
// posts bucket where the data shows a dependence, and listed under `borrowed`.
function fitSet(src, fake) {
  const all = rows.filter((r) => r.fake === fake);
  const rs = all.filter((r) => r.src === src);
  const own = (k) => hasField(rs, k).length > 0;
  const borrowed = [];
  const donor = (k) => {
    if (own(k)) return hasField(rs, k);
    borrowed.push(k);
    return hasField(all, k);
  };
  // The counts' joint law as a checkerboard copula: how the rows fall into the quintiles of
  // posts x log follow ratio x followers (125 cells); following follows from followers and the
  // ratio. A Gaussian copula on posts, following and followers put 2-5x too many accounts at
  // 7x as many followed as following them; the ratio's own table keeps the data's tail.
  const followRatio = (r) => +(Math.log1p(r.following) - Math.log1p(r.followers)).toFixed(4);
  const countValues = [rs.map((r) => r.posts), rs.map(followRatio), rs.map((r) => r.followers)];
  const bins = countValues.map((v) => ranks(v).map((u) => Math.min(COPULA_BINS - 1, Math.floor(u * COPULA_BINS))));
  const cells = new Array(COPULA_BINS ** 3).fill(0);
  rs.forEach((_, i) => { cells[(bins[0][i] * COPULA_BINS + bins[1][i]) * COPULA_BINS + bins[2][i]]++; });
  const bio = donor('bioLen');
  const nameLen = donor('nameLen');
  const digits = own('nameDigits') ? hasField(rs, 'nameDigits') : null;
  const separators = donor('nameSeparators');
  const full = donor('fullWords');
  const ext = donor('extUrl');
  return {
    rows: rs.length,
    borrowed,
    // Marginals of the counts as quantile tables at quantile_probs (following: what the draws
    // through the ratio must reproduce; the stand-in's tests check it).
    posts: quantiles(rs.map((r) => r.posts)),
    followers: quantiles(rs.map((r) => r.followers)),
    following: quantiles(rs.map((r) => r.following)),
    // log1p(following) - log1p(followers), the engine's follow ratio (linear between points:
    // it can be negative).
    log_follow_ratio: quantiles(rs.map(followRatio)),
    // Share of the rows in each cell (posts quintile, follow-ratio quintile, followers quintile),
    // flattened posts-major; each count is drawn uniformly within its quintile.
    count_copula_cells: cells.map((c) => +(c / rs.length).toFixed(4)),
    has_profile_pic_by_counts: rateByCounts(rs, 'pic'),
    is_private_by_counts: rateByCounts(rs, 'priv'),
    biography_empty_by_counts: rateByCounts(bio.map((r) => ({ ...r, empty: r.bioLen === 0 })), 'empty'),
    biography_length_nonempty: quantiles(bio.filter((r) => r.bioLen > 0).map((r) => r.bioLen)),
    external_url_by_counts: rateByCounts(ext, 'extUrl'),
    username_length: quantiles(nameLen.map((r) => r.nameLen)),
    // Digits in the username: a histogram of counts where the set records them, otherwise
    // (Kaggle) the digits' share of the username as a quantile table.
    ...(digits ? { username_digit_count: histogram(digits.map((r) => r.nameDigits), 8) }
      : { username_digit_share: quantiles(hasField(rs, 'nameDigitShare').map((r) => r.nameDigitShare)) }),
    username_has_separator: rate(separators.map((r) => r.nameSeparators > 0)),
    full_name_words_by_counts: byCounts(full, (sub) => histogram(sub.map((r) => r.fullWords), 4)),
    full_name_has_digits: rate(full.map((r) => r.fullDigitShare > 0)),
    full_name_equals_username: rate(full.map((r) => r.nameEqualsUser)),
  };
}

// How close the display name is to the username (the engine's full_name_username_similarity),
// over the accounts with a display name. Only kaggle-complete holds both texts; the value is all that
// leaves this script.
const complete = readCsv('kaggle-complete/data.csv');
const similarity = (fake) => quantiles(complete.filter((r) => (r.fake === '1') === fake && r.full_name.trim())
  .map((r) => nameSimilarity(r.full_name, r.username)));

// A class is a mixture over the sets, each weighted equally: a synthetic account takes all its
// fields from one set's fits, so no account combines the counts of one definition with the
// others'.
function fitClass(fake) {
  return {
    rows: rows.filter((r) => r.fake === fake).length,
    name_username_similarity: similarity(fake),
    set_weights: Object.fromEntries(SETS.map((s) => [s, +(1 / SETS.length).toFixed(4)])),
    sets: Object.fromEntries(SETS.map((s) => [s, fitSet(s, fake)])),
  };
}

// Organic engagement of real, non-automated accounts: likes per post relative to followers,
// comments relative to likes, how much likes vary between posts, and days between posts.
function fitEngagement() {
  const accounts = readJson('instafake/nonautomatedAccountData.json');
  const likeRate = [], commentShare = [], cv = [], gapDays = [];
  for (const a of accounts) {
    const likes = (a.mediaLikeNumbers || []).slice(0, 12), comments = (a.mediaCommentNumbers || []).slice(0, 12);
    if (likes.length < 3 || !(a.userFollowerCount > 0)) continue;
    const m = median(likes);
    likeRate.push(m / a.userFollowerCount);
    if (m > 0) commentShare.push(median(comments) / m);
    const mean = likes.reduce((s, x) => s + x, 0) / likes.length;
    if (mean > 0) cv.push(Math.sqrt(likes.reduce((s, x) => s + (x - mean) ** 2, 0) / likes.length) / mean);
    const t = (a.mediaUploadTimes || []).slice(0, 12);
    for (let i = 1; i < t.length; i++) gapDays.push(Math.abs(t[i - 1] - t[i]) / 86400);
  }
  return {
    accounts: likeRate.length,
    quantile_probs: ENGAGEMENT_PROBS,
    likes_per_follower: quantiles(likeRate, ENGAGEMENT_PROBS),
    comments_per_like: quantiles(commentShare, ENGAGEMENT_PROBS),
    likes_cv_between_posts: quantiles(cv, ENGAGEMENT_PROBS),
    days_between_posts: quantiles(gapDays, ENGAGEMENT_PROBS),
  };
}

const out = {
  about: 'Fitted by tests/e2e/standin/derive-distributions.mjs from ../shared/data (instafake, srf, kaggle-free4ever1). Summaries only, no rows.',
  quantile_probs: PROBS,
  classes: { fake: fitClass(true), real: fitClass(false) },
  engagement: fitEngagement(),
};
fs.writeFileSync(outFile, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${path.relative(process.cwd(), outFile)}: fake ${out.classes.fake.rows} rows, real ${out.classes.real.rows} rows, engagement ${out.engagement.accounts} accounts`);
