#!/usr/bin/env node
// Fits the account-record distributions the stand-in draws its followers from, per class
// (fake / real), from the labelled data in ../shared/data, and writes the small committed
// summary tests/e2e/standin/distributions.json. No raw row is copied: only quantile tables,
// rates, small histograms and a rank-correlation matrix.
// Usage: node tests/e2e/standin/derive-distributions.mjs [DATA_DIR] [OUT_FILE]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = process.argv[2] || path.resolve(here, '../../../../shared/data');
const outFile = process.argv[3] || path.join(here, 'distributions.json');

function readJson(rel) {
  return JSON.parse(fs.readFileSync(path.join(dataDir, rel), 'utf8'));
}
// Minimal CSV reader for the quoted, comma-separated files in the data folder.
function readCsv(rel) {
  const lines = fs.readFileSync(path.join(dataDir, rel), 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const split = (line) => {
    const out = [];
    let cur = '', quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { out.push(cur); cur = ''; }
      else cur += c;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

const PROBS = Array.from({ length: 21 }, (_, i) => i / 20);
function quantiles(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) throw new Error('quantiles of an empty list');
  return PROBS.map((p) => {
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
// Normal scores of ranks, for the Gaussian-copula correlation between count fields.
function normalScores(values) {
  const idx = values.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
  const out = new Array(values.length);
  for (let r = 0; r < idx.length;) {
    let s = r;
    while (s + 1 < idx.length && idx[s + 1][0] === idx[r][0]) s++;
    const u = ((r + s) / 2 + 0.5) / values.length;
    for (let k = r; k <= s; k++) out[idx[k][1]] = probit(u);
    r = s + 1;
  }
  return out;
}
function probit(p) { // Acklam's rational approximation
  const a = [-39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [-0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146317, 2.93816398269878];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const q = p < 0.5 ? p : 1 - p;
  let x;
  if (q < 0.02425) {
    const t = Math.sqrt(-2 * Math.log(q));
    x = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1);
    x = -x;
  } else {
    const t = q - 0.5, r = t * t;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * t / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  return p < 0.5 ? x : -x;
}
function correlation(xs, ys) {
  const n = xs.length, mx = xs.reduce((s, x) => s + x, 0) / n, my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) { sxy += (xs[i] - mx) * (ys[i] - my); sxx += (xs[i] - mx) ** 2; syy += (ys[i] - my) ** 2; }
  return +(sxy / Math.sqrt(sxx * syy)).toFixed(4);
}
const median = (v) => quantiles(v)[10];

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

function fitClass(fake) {
  const rs = rows.filter((r) => r.fake === fake);
  const has = (k) => rs.filter((r) => r[k] !== undefined && Number.isFinite(+r[k]));
  const postsBucket = (p) => (p === 0 ? '0' : p < 10 ? '1-9' : '10+');
  const byBucket = (key) => Object.fromEntries(['0', '1-9', '10+'].map((b) => {
    const sub = rs.filter((r) => postsBucket(r.posts) === b);
    return [b, sub.length ? rate(sub.map((r) => r[key])) : rate(rs.map((r) => r[key]))];
  }));
  const countFields = ['posts', 'following', 'followers'];
  const scores = countFields.map((k) => normalScores(rs.map((r) => r[k])));
  const withBio = has('bioLen');
  const srfRows = rs.filter((r) => r.src === 'srf');
  const kag = rs.filter((r) => r.src === 'kaggle');
  return {
    rows: rs.length,
    rows_by_source: Object.fromEntries(['instafake', 'srf', 'kaggle'].map((s) => [s, rs.filter((r) => r.src === s).length])),
    // Marginals of the counts as 21-point quantile tables (0%, 5%, ..., 100%).
    posts: quantiles(rs.map((r) => r.posts)),
    following: quantiles(rs.map((r) => r.following)),
    followers: quantiles(rs.map((r) => r.followers)),
    // Gaussian-copula correlation of [posts, following, followers] (normal scores of ranks).
    count_correlation: countFields.map((_, i) => countFields.map((_, j) => (i === j ? 1 : correlation(scores[i], scores[j])))),
    // Conditional tables on the posts bucket: profile picture and private-account rates.
    has_profile_pic_by_posts: byBucket('pic'),
    is_private_by_posts: byBucket('priv'),
    biography_empty: rate(withBio.map((r) => r.bioLen === 0)),
    biography_length_nonempty: quantiles(withBio.filter((r) => r.bioLen > 0).map((r) => r.bioLen)),
    external_url: rate(kag.map((r) => r.extUrl)),
    username_length: quantiles(has('nameLen').map((r) => r.nameLen)),
    // Share of the username made of digits (from per-row digit counts and lengths / Kaggle's ratio).
    username_digit_count: histogram(has('nameDigits').map((r) => r.nameDigits), 8),
    username_has_separator: rate(srfRows.map((r) => r.nameSeparators > 0)),
    full_name_words: histogram(kag.map((r) => r.fullWords), 4),
    full_name_has_digits: rate(kag.map((r) => r.fullDigitShare > 0)),
    full_name_equals_username: rate(kag.map((r) => r.nameEqualsUser)),
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
    likes_per_follower: quantiles(likeRate),
    comments_per_like: quantiles(commentShare),
    likes_cv_between_posts: quantiles(cv),
    days_between_posts: quantiles(gapDays),
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
