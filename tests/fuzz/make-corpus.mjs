// Writes the fuzzers' seed corpora (tests/fuzz/corpus/<harness>/) from synthesised inputs.
// Nothing here is copied from ../shared/data: records take the data sets' *field shapes*
// (which fields, which types, which value ranges) and Instagram's JSON shapes (followers
// pages, web_profile_info), with values drawn from a seeded generator, so the
// corpus is small, reproducible and free of anyone's data.
// Usage: node tests/fuzz/make-corpus.mjs [--out DIR]   (rewrites the corpus folders, by default
// tests/fuzz/corpus; commit the result. tests/js/fuzz-corpus.test.mjs regenerates into a temporary
// folder and checks the committed seeds are what this writes today.)
// When build/wasm/web/fakemeter_engine.mjs (or FM_ENGINE_DIR) exists, the profile seeds also
// carry a real audience report from the engine's estimator as options.
import fs from 'node:fs';
import path from 'node:path';
import { engineModule } from '../../tools/cli/engine.mjs';
import { fileURLToPath } from 'node:url';
import { profileDocFromPage, profileDocFromUserInfo } from '../../extension/shared/instagram.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(here, 'corpus');

// Deterministic PRNG (mulberry32) so rerunning gives the same files.
let seed = 0x5eed1234;
function rand() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[int(0, xs.length - 1)];
const chance = (p) => rand() < p;
// Counts spread like follower counts: mostly small, a long tail.
const heavy = (max) => Math.min(max, Math.floor(Math.exp(rand() * Math.log(max + 1))) - 1);

const first = ['anna', 'marco', 'li', 'olga', 'sven', 'fatima', 'yuki', 'jean', 'nora', 'omar', 'Łucja', 'Ольга', '美咲', 'زينب'];
const last = ['smith', 'rossi', 'wang', 'ivanova', 'berg', 'haddad', 'sato', 'dupont', 'keller', 'ali'];
const bios = ['', 'coffee & mountains', 'Fotografin 📷 Zürich', 'DM for promo 💰💰', '🇨🇭 | travel | food',
  'link below 👇', 'Official account', 'Не пишите в директ', '日々の記録', 'follow4follow #f4f', 'a\nmulti-line\nbio'];

function username() {
  const style = int(0, 3);
  const a = pick(first.slice(0, 10)), b = pick(last);
  if (style === 0) return `${a}.${b}`;
  if (style === 1) return `${a}_${b}${int(1, 99)}`;
  if (style === 2) return `${a}${int(1000, 99999999)}`;
  return `${b}${pick(['', '_', '.'])}${a}${pick(['', 'x', 'official'])}`;
}
const fullName = (u) => (chance(0.15) ? '' : chance(0.1) ? u : `${pick(first)} ${pick(last)}${chance(0.1) ? ' ✨' : ''}`);
const avatar = (anon) =>
  anon ? 'https://scontent.example/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg'
       : `https://scontent.example/v/t51.2885-19/${int(1e8, 9e8)}_n.jpg`;

// --- account records, one per data shape the engine reads -------------------------------

// A follower as the followers list serves it (lite tier).
function listUser() {
  const u = username(), anon = chance(0.3);
  return { pk: String(int(1e6, 9e9)), username: u, full_name: fullName(u), is_private: chance(0.4),
           is_verified: chance(0.02), profile_pic_url: avatar(anon), has_anonymous_profile_picture: anon,
           has_profile_pic: !anon, phase: 'lite' };
}
// A follower whose own profile was fetched (full tier), fields as the engine names them.
function fullRecord() {
  const u = username();
  return { username: u, full_name: fullName(u), biography: pick(bios),
           external_url: chance(0.2) ? 'https://example.com/' + u : null, is_private: chance(0.4),
           is_verified: chance(0.02), has_profile_pic: chance(0.75), media_count: heavy(5000),
           follower_count: heavy(2e6), following_count: heavy(7500) };
}
// Shape of the instafake set: counts and lengths only, 0/1 flags.
function countsOnlyRecord() {
  const len = int(3, 30);
  return { follower_count: heavy(1e6), following_count: heavy(7500), biography_length: int(0, 150),
           media_count: heavy(3000), has_profile_pic: int(0, 1), is_private: int(0, 1),
           username_digit_count: int(0, Math.min(len, 10)), username_length: len };
}
// Shape of the SRF set: a username and counts.
function srfRecord() {
  return { username: username(), media_count: heavy(3000), following_count: heavy(7500),
           follower_count: heavy(1e5), has_profile_pic: chance(0.8), is_private: chance(0.3) };
}
// Shape of the Kaggle set: shares and counts derived from the names.
function ratioRecord() {
  return { has_profile_pic: int(0, 1), username_digit_share: int(0, 100) / 100, full_name_word_count: int(0, 5),
           full_name_digit_share: int(0, 20) / 100, full_name_equals_username: int(0, 1),
           biography_length: int(0, 150), has_external_url: int(0, 1), is_private: int(0, 1),
           media_count: heavy(2000), follower_count: heavy(1e6), following_count: heavy(7500) };
}
const makers = [listUser, fullRecord, countsOnlyRecord, srfRecord, ratioRecord];
const record = () => pick(makers)();

// Edges the engine must refuse or handle exactly: each a short, named seed.
const edgeRecords = {
  empty: {},
  nulls: { username: null, follower_count: null, is_private: null },
  max_counts: { follower_count: 10000000000, following_count: 0, media_count: 10000000000 },
  float_counts: { follower_count: 12.0, following_count: 3e2 },
  bad_type: { follower_count: '12K' },
  bad_range: { username_length: 3, username_digit_count: 9 },
  bad_phase: { username: 'x', phase: 'medium' },
  unicode: { username: 'zoë_ünal', full_name: 'Zoë 🌸 Ünal', biography: 'مرحبا — 你好 — שלום' },
  escapes: { username: 'a\\u0000b', full_name: '\u0000\u001f\\"' },
};

// --- web_profile_info documents -----------------------------------------------------------

function post(i, now, hideLikes) {
  const video = chance(0.3);
  const node = {
    id: String(int(1e15, 9e15)), shortcode: 'C' + int(1e8, 9e8).toString(36), taken_at_timestamp: now - i * int(3600, 9 * 86400),
    is_video: video, comments_disabled: chance(0.05),
    edge_liked_by: { count: hideLikes ? -1 : heavy(50000) }, edge_media_preview_like: { count: hideLikes ? -1 : heavy(50000) },
    edge_media_to_comment: { count: heavy(2000) },
    edge_media_to_caption: { edges: chance(0.8) ? [{ node: { text: pick(bios) + ' #' + pick(last) } }] : [] },
  };
  if (video) node.video_view_count = heavy(500000);
  return { node };
}

function profileDoc({ posts = 12, isPrivate = false, hideLikes = false, now = 1764400000 } = {}) {
  const u = username();
  const followers = heavy(5e6);
  return {
    data: { user: {
      id: String(int(1e6, 9e10)), username: u, full_name: fullName(u), biography: pick(bios),
      external_url: chance(0.4) ? 'https://example.com/' + u : null,
      bio_links: chance(0.4) ? [{ url: 'https://example.com/' + u }] : [],
      is_private: isPrivate, is_verified: chance(0.1), is_business_account: chance(0.3),
      is_professional_account: chance(0.5), category_name: chance(0.5) ? pick(['Artist', 'Public figure', 'Shopping & retail']) : null,
      profile_pic_url: avatar(chance(0.1)), profile_pic_url_hd: avatar(false), highlight_reel_count: int(0, 20),
      edge_followed_by: { count: followers }, edge_follow: { count: heavy(7500) },
      edge_owner_to_timeline_media: { count: heavy(5000), edges: isPrivate ? [] : Array.from({ length: posts }, (_, i) => post(i, now, hideLikes)) },
    } },
    status: 'ok',
  };
}

// --- model files ------------------------------------------------------------------------

// The engine's feature list, from the committed model (a model naming other features is
// refused at once, and the fuzzer would never get past that check).
const featureNames = JSON.parse(fs.readFileSync(path.join(root, 'models/model.json'), 'utf8')).features;
const liteFeatureCount = featureNames.indexOf('biography_length');

// A complete binary tree of the given depth over random features (lite tiers use lite features).
function tree(depth, featureCount) {
  const t = { feature: [], threshold: [], left: [], right: [], default_left: [], value: [] };
  const n = 2 ** (depth + 1) - 1;
  for (let k = 0; k < n; ++k) {
    const inner = 2 * k + 1 < n;
    t.feature.push(inner ? int(0, featureCount - 1) : -1);
    t.threshold.push(inner ? Math.round(rand() * 1000) / 100 : 0);
    t.left.push(inner ? 2 * k + 1 : 0);
    t.right.push(inner ? 2 * k + 2 : 0);
    t.default_left.push(inner ? int(0, 1) : 0);
    t.value.push(Math.round((rand() - 0.5) * 400) / 100);
  }
  return t;
}
function tier(trees, depth, featureCount) {
  return { ensemble: { base_score: Math.round((rand() - 0.5) * 100) / 100, trees: Array.from({ length: trees }, () => tree(depth, featureCount)) },
           calibration: { a: 1 + Math.round(rand() * 100) / 100, b: Math.round((rand() - 0.5) * 100) / 100 },
           threshold: 0.3 + Math.round(rand() * 40) / 100,
           cv: { tpr: 0.8, fpr: 0.05, n_fake: int(50, 500), n_real: int(200, 2000), auc: 0.9 } };
}
function model(trees, depth, version = 'fuzz-seed') {
  return { format: 'fakemeter-model', format_version: 1, version, features: featureNames,
           tiers: { lite: tier(trees, depth, liteFeatureCount), full: tier(trees, depth, featureNames.length) } };
}

// --- writing ------------------------------------------------------------------------------

const corpora = {};
function add(harness, name, text) {
  (corpora[harness] ??= []).push([name, text]);
}
const J = (v) => JSON.stringify(v);

for (let i = 0; i < 12; ++i) add('fuzz-account', `record-${i}-${makers[i % makers.length].name}.json`, J(makers[i % makers.length]()));
for (const [name, rec] of Object.entries(edgeRecords)) add('fuzz-account', `edge-${name}.json`, J(rec));

for (let i = 0; i < 6; ++i) {
  const lines = Array.from({ length: int(2, 8) }, () => J(record()));
  if (i === 1) lines.splice(1, 0, '', '  \t');
  if (i === 2) lines.push('{"follower_count":"12K"}', 'not json', '[1,2]');
  add('fuzz-classify-jsonl', `batch-${i}.jsonl`, lines.join(i === 3 ? '\r\n' : '\n') + (i % 2 ? '\n' : ''));
}
add('fuzz-classify-jsonl', 'edges.jsonl', Object.values(edgeRecords).map(J).join('\n'));

add('fuzz-model', 'stumps.json', J(model(3, 1)));
add('fuzz-model', 'depth3.json', J(model(2, 3, '2026-11-29+seed')));
add('fuzz-model', 'leaf-only.json', J(model(1, 0)));
add('fuzz-model', 'no-trees.json', J(model(0, 0, 'empty')));
add('fuzz-model', 'indented.json', JSON.stringify(model(1, 2), null, 1));

const estimateRequests = [];
for (let i = 0; i < 6; ++i) {
  const n = int(3, 25);
  const followers = Array.from({ length: n }, (_, k) => (i % 2 && k % 3 ? listUser() : record()));
  const req = { total_followers: n + heavy(1e6), sampling: i % 3 ? 'newest_first' : 'random', followers };
  estimateRequests.push(req);
  add('fuzz-estimate', `request-${i}.json`, J(req));
}
// Request 4 as a census of its own accounts: a more lenient definition's note taking the lower
// end to 0% (regime.lenient_reach_zero), which tests/js/messages.test.mjs asks the seeds for.
add('fuzz-estimate', 'census-4.json', J({ ...estimateRequests[4], total_followers: estimateRequests[4].followers.length }));
add('fuzz-estimate', 'edge-empty-followers.json', J({ total_followers: 10, followers: [] }));
add('fuzz-estimate', 'edge-total-too-small.json', J({ total_followers: 1, sampling: 'random', followers: [{}, {}] }));
add('fuzz-estimate', 'edge-bad-sampling.json', J({ total_followers: 100, sampling: 'oldest', followers: [{}] }));
add('fuzz-estimate', 'edge-unknown-population.json', J({ source: 'likers', population: null, total_followers: 5, posts: 2,
  followers: [{ username: 'anna', follower_count: 300, following_count: 280, media_count: 40 }, { username: 'b', phase: 'lite' }] }));

// A real audience report, when an engine build is at hand, makes the profile seeds reach
// the code that reads options.audience.
let audience = null;
const engineDir = process.env.FM_ENGINE_DIR || path.join(root, 'build/wasm/web');
if (fs.existsSync(path.join(engineDir, 'fakemeter_engine.wasm'))) {
  const { factory, wasmBinary } = await engineModule('fakemeter_engine', engineDir);
  const engine = await factory({ wasmBinary });
  const report = JSON.parse(engine.estimateAudience(J(estimateRequests[0])));
  if (!report.error) audience = report;
  else console.error('make-corpus: estimator answered', report.error.id, '- profile seeds go without an audience');
}
const withOptions = (doc, options) => J(doc) + '\0' + J(options);
add('fuzz-profile', 'public-12-posts.json', J(profileDoc()));
add('fuzz-profile', 'hidden-likes.json', withOptions(profileDoc({ hideLikes: true }), { now: 1764400000 }));
add('fuzz-profile', 'private.json', J(profileDoc({ isPrivate: true })));
add('fuzz-profile', 'few-posts.json', withOptions(profileDoc({ posts: 2 }), {}));
add('fuzz-profile', 'user-null.json', J({ data: { user: null }, status: 'ok' }));
add('fuzz-profile', 'login-required.json', J({ message: 'login_required', status: 'fail' }));
if (audience) {
  add('fuzz-profile', 'with-audience.json', withOptions(profileDoc(), { audience, now: 1764400000 }));
  add('fuzz-profile', 'private-with-audience.json', withOptions(profileDoc({ isPrivate: true }), { audience }));
}
// The other shapes the engine reads a profile in: the signed-in app's posts (like_count, -1 when
// hidden; play_count / ig_play_count for views), the users/<id>/info fallback (counts, no posts)
// and the page's own counts (the last fallback), each as the extension's adapter maps it.
const signedIn = profileDoc({ posts: 6 });
for (const [k, { node }] of signedIn.data.user.edge_owner_to_timeline_media.edges.entries()) {
  node.like_count = k === 2 ? -1 : node.edge_liked_by.count;
  delete node.edge_liked_by;
  delete node.edge_media_preview_like;
  if (node.is_video) { node[k % 2 ? 'play_count' : 'ig_play_count'] = node.video_view_count; delete node.video_view_count; }
}
add('fuzz-profile', 'signed-in-posts.json', withOptions(signedIn, { now: 1764400000 }));
const infoUser = { pk: String(int(1e6, 9e10)), username: username(), full_name: 'Nora Keller', biography: pick(bios),
  external_url: '', bio_links: [{ url: 'https://example.com/nora' }], is_private: false, is_verified: false, is_business: true,
  category: 'Artist', follower_count: heavy(1e6), following_count: heavy(7500), media_count: heavy(3000),
  profile_pic_url: avatar(false), has_anonymous_profile_picture: false };
add('fuzz-profile', 'users-info.json', profileDocFromUserInfo({ user: infoUser, status: 'ok' }).text);
add('fuzz-profile', 'page-counts.json', profileDocFromPage(username(), 'Shop Deals', { followers: 10000, following: 12, posts: 3 }));
if (audience) {
  // Likers and commenters beside the followers: the audit's evidence about the sources.
  add('fuzz-profile', 'with-engagers.json', withOptions(profileDoc(), { audience, likers: audience, commenters: audience, now: 1764400000 }));
}

for (const [harness, files] of Object.entries(corpora)) {
  const dir = path.join(outDir, harness);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
  const bytes = files.reduce((s, [, t]) => s + Buffer.byteLength(t), 0);
  console.log(`${harness}: ${files.length} seeds, ${bytes} bytes`);
}
