// The comment analysis in the extension: the user's opt-in and what it adds to an audit (more
// posts' comments, within the request budget), the comments document built from an audit's
// state, and that document judged by the engine on the stand-in's profiles (an audit run by the
// extension's own state machine on the stand-in's answers, no browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAudit, nextRequest, applyOutcome, auditPlan, COMMENT_POSTS } from '../../extension/shared/audit.js';
import { commentsDocument } from '../../extension/shared/comment-document.js';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../extension/shared/settings.js';
import { validateMessage } from '../../extension/shared/messages.js';
import { entryFromReport } from '../../extension/shared/history.js';
import { parseFollowersPage, parseLikersPage, parseCommentsPage } from '../../extension/shared/instagram.js';
import { findSeeded, seededDocument, commentSectionOf, PROFILE_IDS } from '../e2e/standin/profiles.mjs';
import { followersPage, likersPage, commentsPage } from '../e2e/standin/engagers.mjs';
import { followerProfileInfo } from '../e2e/standin/followers.mjs';
import { loadEngine } from '../../tools/cli/engine.mjs';
import { flatten, translator } from '../../extension/shared/i18n.js';
import { noteText } from '../../extension/shared/words.js';
import fs from 'node:fs';

const localeOf = (lang) => JSON.parse(fs.readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8'));

const ON = { ...DEFAULT_SETTINGS, auditComments: true };
const posts = (n) => Array.from({ length: n }, (_, i) => ({ id: String(100 + i), likes: 50 + i, comments: 5, takenAt: 1_794_000_000 - i * 86400 }));

test('the comment analysis is off unless the user switches it on; settings keep only a boolean', () => {
  assert.equal(DEFAULT_SETTINGS.auditComments, false);
  assert.equal(normalizeSettings({ auditComments: true }).auditComments, true);
  assert.equal(normalizeSettings({ auditComments: 'yes' }).auditComments, false);
  const off = auditPlan(DEFAULT_SETTINGS, posts(12));
  assert.equal(off.comments, false);
  assert.equal(off.commenters.posts, DEFAULT_SETTINGS.auditPosts);
  const a = newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 900, posts: posts(12),
    settings: DEFAULT_SETTINGS, now: 0, seed: 1 });
  assert.equal(a.commentAnalysis, null);
  assert.equal(a.commenters.media.length, 3);
});

test('switched on, an audit reads the comments of the last 6 posts and stays within the default budget', () => {
  const on = auditPlan(ON, posts(12));
  assert.equal(on.comments, true);
  assert.equal(on.commenters.posts, COMMENT_POSTS);
  assert.equal(on.likers.posts, DEFAULT_SETTINGS.auditPosts, 'likers stay at the audit\'s posts');
  // A long followers list (4 pages), 15 followers, 3 likers pages and 6 comments pages, 8 + 8 engagers in full.
  assert.equal(on.requests, 4 + 15 + 3 + 8 + 6 + 8);
  assert.ok(on.requests <= ON.auditBudget && ON.auditBudget === 45);
  assert.equal(auditPlan(ON, posts(4)).commenters.posts, 4, 'fewer posts: as many as there are');
  assert.equal(auditPlan({ ...ON, auditPosts: 9 }, posts(12)).commenters.posts, 9, 'more posts asked for: those');
  // The budget caps the plan whatever the sizes.
  assert.equal(auditPlan({ ...ON, auditBudget: 30 }, posts(12)).requests, 30);
  const a = newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 900, posts: posts(12), settings: ON, now: 0, seed: 1 });
  assert.deepEqual(a.commentAnalysis, { report: null, error: null, at: null });
  assert.deepEqual(a.commenters.media[0], { id: '100', count: 5, likes: 50, takenAt: 1_794_000_000 });
});

test('the content script may send a post\'s time with the audit; nothing else extra', () => {
  const msg = (p) => validateMessage({ what: 'audit.start', username: 'anna', userId: '42', isPrivate: false, posts: [p] }, 'content');
  assert.equal(msg({ id: '1', likes: 3, comments: 2, takenAt: 1_794_000_000 }).ok, true);
  assert.equal(msg({ id: '1', likes: 3, comments: 2, takenAt: null }).ok, true);
  assert.equal(msg({ id: '1', likes: 3, comments: 2 }).ok, true);
  assert.equal(msg({ id: '1', likes: 3, comments: 2, takenAt: 'yesterday' }).ok, false);
  assert.equal(msg({ id: '1', likes: 3, comments: 2, text: 'x' }).ok, false);
});

// An audit state after its comments were read: post 100 answered with two comments, 101 failed,
// 102 answered with none; a commenter and a follower fetched in full.
function readState() {
  let s = newAudit({ username: 'studio', userId: '42', isPrivate: false, followerCount: 900, posts: posts(3),
    settings: { ...ON, auditPosts: 0 }, now: 0, seed: 1 });
  const user = (name, pk) => ({ pk, username: name, full_name: '', is_private: false, is_verified: false, profile_pic_url: 'x' });
  const lite = (name, pk) => ({ username: name, pk, full_name: '', is_private: false, is_verified: false, has_profile_pic: true, phase: 'lite' });
  const answers = {
    100: { kind: 'comments', accounts: [lite('ann', '7'), lite('bob', '8')], commentCount: 4, comments: [
      { pk: '1', text: 'Love it', created_at: 1_794_000_300, comment_like_count: 2, media_id: '100', user: user('ann', '7') },
      { pk: null, text: 'Thanks!', created_at: null, comment_like_count: null, media_id: '100', user: user('studio', '42') }] },
    101: { kind: 'list_failed' },
    102: { kind: 'comments', accounts: [], commentCount: 0, comments: [] },
  };
  for (;;) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) break;
    if (n.request.kind === 'comments') s = applyOutcome(s, n.request.id, answers[n.request.target], 1).state;
    else s = applyOutcome(s, n.request.id, n.request.kind === 'page'
      ? { kind: 'page', accounts: [lite('fan', '9')], nextCursor: null } : { kind: 'profile_failed' }, 1).state;
  }
  return { ...s, full: { ann: { username: 'ann', follower_count: 80 }, fan: { username: 'fan', follower_count: 3 } } };
}

test('the comments document: the posts read, their counts and times, the comments as kept, the owner, the full records', () => {
  const doc = commentsDocument(readState(), 1_795_000_000_500);
  assert.deepEqual(doc.posts.map((p) => p.media_id), ['100', '102'], 'the post that failed is left out');
  assert.deepEqual(doc.posts[0], {
    media_id: '100', taken_at: 1_794_000_000, like_count: 50, comment_count: 5,
    comments: [
      { pk: '1', text: 'Love it', created_at: 1_794_000_300, comment_like_count: 2,
        user: { pk: '7', username: 'ann', full_name: '', is_private: false, is_verified: false, profile_pic_url: 'x' } },
      // Unknown fields are left out, not sent as null; the owner's reply stays for the engine to leave out.
      { text: 'Thanks!', user: { pk: '42', username: 'studio', full_name: '', is_private: false, is_verified: false, profile_pic_url: 'x' } },
    ],
  });
  assert.deepEqual(doc.posts[1].comments, []);
  assert.deepEqual(doc.owner, { pk: '42', username: 'studio' });
  assert.equal(doc.follower_count, 900);
  assert.equal(doc.now, 1_795_000_000);
  assert.deepEqual(doc.commenters, [{ username: 'ann', follower_count: 80 }], 'commenters only, and only those fetched in full');
  const none = readState();
  none.commenters = { ...none.commenters, done: 0 };
  assert.equal(commentsDocument(none, 0), null, 'nothing read: no document');
});

test('a history entry keeps the comment analysis in brief: the verdict as a message, worded when shown', () => {
  const report = { username: 'studio', full_name: 'S', fake_percent: 10, ci_low: 5, ci_high: 20, grade: 'good',
    confidence: 'audited', status: 'ok', states: [], follower_count: 900 };
  const verdict = { id: 'comments.verdict_one', params: { grade: { id: 'comments.grade_poor', params: {} },
    reason: { id: 'comments.templates', params: { comments: 46, accounts: 41, share: 74.19, long: 62, texts: 10, largest: 8,
      organic: 15.83, organic_largest: 4 } } } };
  const comments = { grade: 'poor', grade_label: { id: 'comments.grade_poor', params: {} }, score: 3, verdict,
    signals: { templates: {} } };
  const { entry } = entryFromReport(report, { computedAt: 5, comments });
  assert.deepEqual(entry.comments, { grade: 'poor', score: 3, verdict });
  for (const lang of ['en', 'nl']) {
    const t = translator(flatten(localeOf(lang)), {}, lang);
    assert.match(noteText(t, entry.comments.verdict), lang === 'en' ? /^Likely bought engagement: 46 comments by 41 accounts/
      : /^Waarschijnlijk gekochte interactie: 46 reacties van 41 accounts/);
  }
  // Saved before the verdict was a message: its text and label stay as they were.
  const old = { grade: 'poor', grade_label: 'Likely bought engagement', score: 3, verdict: 'Likely bought engagement: ...' };
  assert.deepEqual(entryFromReport(report, { computedAt: 5, comments: old }).entry.comments, old);
  // Anything else in the verdict's place is not kept.
  const odd = { ...verdict, params: { grade: '<b>bold</b>' } };
  assert.equal(entryFromReport(report, { computedAt: 5, comments: { ...comments, verdict: odd } }).entry.comments.verdict, '');
  assert.equal(entryFromReport(report, { computedAt: 5 }).entry.comments, null);
  assert.equal(entryFromReport(report, { computedAt: 5, comments: { grade: 'awful' } }).entry.comments, null);
});

// ---- the whole path on the stand-in, without a browser

const engine = await loadEngine();
const call = (fn, ...args) => JSON.parse(engine[fn](...args));

// Runs the extension's audit (settings `settings`) of a seeded profile on the stand-in's answers,
// read by the extension's adapter; returns the final state.
function auditOf(username, settings) {
  const p = findSeeded(username);
  const doc = seededDocument(p);
  const report = call('analyzeProfile', JSON.stringify(doc), '{}');
  const postsOf = report.posts.map((x) => ({ id: x.id, likes: x.likes ?? null, comments: x.comments ?? null, takenAt: x.taken_at ?? null }));
  const byName = new Map();
  const remember = (a) => byName.set(a.username, a);
  const media = doc.data.user.edge_owner_to_timeline_media.edges.map((e) => e.node);
  let s = newAudit({ username, userId: PROFILE_IDS[username], isPrivate: false, followerCount: report.follower_count,
    posts: postsOf, settings, now: 0, seed: 11 });
  for (let step = 0; ; step++) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) return s;
    const r = n.request;
    let outcome;
    if (r.kind === 'page') {
      outcome = { kind: 'page', ...parseFollowersPage(followersPage(p, { offset: s.followers.lite.length, onUser: remember, encodeCursor: String })) };
    } else if (r.kind === 'likers' || r.kind === 'comments') {
      const i = media.findIndex((m) => m.id === r.target);
      outcome = r.kind === 'likers'
        ? { kind: 'likers', ...parseLikersPage(likersPage(p, i, media[i].edge_liked_by.count, remember)) }
        : { kind: 'comments', ...parseCommentsPage(commentsPage(p, i, media[i].edge_media_to_comment.count, r.target, remember,
          { takenAt: media[i].taken_at_timestamp, section: commentSectionOf(p) }), r.target) };
    } else {
      outcome = { kind: 'profile', record: call('accountFromProfile', JSON.stringify(followerProfileInfo(byName.get(r.target)))) };
    }
    s = applyOutcome(s, r.id, outcome, step).state;
  }
}

for (const [username, bought] of [['inkwell.tattoo', true], ['glow.coach', true], ['corner.bakery', false], ['lena.bakes', false]]) {
  test(`${username}: an audit with comments on, its document judged by the engine: ${bought ? 'bought' : 'organic'} engagement`, () => {
    const s = auditOf(username, { ...ON, pacingMs: 20 });
    assert.ok(s.requests <= 45, `${s.requests} requests`);
    const doc = commentsDocument(s, 1_795_000_000_000);
    assert.equal(doc.posts.length, Math.min(COMMENT_POSTS, s.commenters.media.length));
    assert.ok(doc.commenters.length > 0, 'the commenters fetched in full go with the document');
    const r = call('analyzeComments', JSON.stringify(doc));
    assert.ok(!r.error, JSON.stringify(r.error));
    assert.equal(r.read.commenter_records_unmatched, 0);
    if (bought) {
      assert.ok(['poor', 'bad'].includes(r.grade), JSON.stringify(r.verdict));
      assert.equal(r.grade_label.id, `comments.grade_${r.grade}`);
      const top = r.reasons.filter((x) => x.severity === 'high').map((x) => x.signal);
      assert.ok(top.includes(username === 'glow.coach' ? 'recurring_commenters' : 'templates'), JSON.stringify(r.reasons));
      assert.ok(r.read.owner_replies_left_out > 0, 'the studio\'s own replies are left out');
    } else {
      assert.ok(['good', 'fair'].includes(r.grade), `${r.grade}: ${JSON.stringify(r.verdict)}`);
    }
    // Never a commenter's name in the report.
    const text = JSON.stringify(r);
    for (const c of doc.commenters) assert.ok(!text.includes(c.username), c.username);
  });
}
