// The stand-in's truth per source is the fake share of what an audit's estimate is about: the
// engagers the answers list, counted as they are, and the rest of each post's count at the
// pool's share (the demo and scripts/eval-audit compare against it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engagerTruth, commentsPage, likersPage, poolShare, COMMENTS_PAGE } from '../e2e/standin/engagers.mjs';
import { truth, SEEDED, seededDocument } from '../e2e/standin/profiles.mjs';
import { auditPlan } from '../../extension/shared/audit.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const pool = { username: 'truth.check', fakeShare: 0.1, likerFakeShare: 0.3, commenterFakeShare: 0.3 };

// Fakes among the accounts one served answer lists.
function served(page) {
  const seen = [];
  page((f) => seen.push(f.fake));
  return { fakes: seen.filter(Boolean).length, listed: seen.length };
}

test('a post whose comments all fit on one page: its commenters as the page lists them', () => {
  const posts = [{ index: 0, count: 4 }, { index: 1, count: 7 }];
  const pages = posts.map(({ index, count }) => served((on) => commentsPage(pool, index, count, `m${index}`, on)));
  const fakes = pages.reduce((a, p) => a + p.fakes, 0), listed = pages.reduce((a, p) => a + p.listed, 0);
  assert.equal(listed, 11);
  assert.equal(engagerTruth(pool, 'commenters', posts), fakes / listed);
});

test('a post with more comments than a page lists: the unlisted rest at the pool\'s share', () => {
  const count = COMMENTS_PAGE + 70;
  const page = served((on) => commentsPage(pool, 0, count, 'm0', on));
  const want = (page.fakes + 70 * poolShare(pool, 'commenters')) / count;
  assert.ok(Math.abs(engagerTruth(pool, 'commenters', [{ index: 0, count }]) - want) < 1e-12);
});

test('likers: a hidden like count adds the listed likers only', () => {
  const page = served((on) => likersPage(pool, 2, null, on));
  assert.equal(engagerTruth(pool, 'likers', [{ index: 2, count: null }]), page.fakes / page.listed);
  assert.equal(engagerTruth(pool, 'likers', []), null);
});

test('truth() of a seeded profile is about the posts the audit with those settings reads', () => {
  const p = SEEDED.find((x) => x.username === 'lena.bakes');
  const edges = seededDocument(p).data.user.edge_owner_to_timeline_media.edges;
  const posts = edges.map(({ node }) => ({ id: node.id, likes: node.edge_liked_by.count, comments: node.edge_media_to_comment.count }));
  for (const settings of [DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, auditComments: true }]) {
    const read = auditPlan(settings, posts).media.commenters;
    let fakes = 0, accounts = 0;
    for (const m of read) {
      const index = posts.findIndex((x) => x.id === m.id);
      const page = served((on) => commentsPage(p, index, m.count, m.id, on));
      fakes += page.fakes + (m.count - page.listed) * poolShare(p, 'commenters');
      accounts += m.count;
    }
    const row = truth(settings).find((t) => t.username === p.username);
    assert.ok(Math.abs(row.commenter_fake_share - fakes / accounts) < 1e-12, JSON.stringify(row));
  }
});
