// The stand-in's simulated comment sections: deterministic, shaped as Instagram's comments
// endpoint gives them, each pattern writing what its assumptions say, the truth kept apart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commentSection, PATTERNS, LANGUAGES } from '../e2e/standin/comment-patterns.mjs';

test('the same options give the same section; another seed another one', () => {
  const a = commentSection({ pattern: 'pod+network', seed: 7 });
  assert.deepEqual(commentSection({ pattern: 'pod+network', seed: 7 }), a);
  assert.notDeepEqual(commentSection({ pattern: 'pod+network', seed: 8 }).document, a.document);
});

test('comments have the endpoint shape; the truth has one mechanism per comment and stays out of them', () => {
  for (const pattern of PATTERNS) {
    const { document, truth } = commentSection({ pattern, seed: `shape-${pattern}`, fullRecords: 5 });
    assert.equal(document.posts.length, 6);
    assert.ok(document.follower_count > 0);
    assert.equal(truth.mechanisms.length, 6);
    let previous = Infinity;
    document.posts.forEach((p, i) => {
      assert.ok(p.taken_at < previous, 'newest post first');
      previous = p.taken_at;
      assert.equal(typeof p.media_id, 'string');
      assert.equal(p.comment_count, p.comments.length);
      assert.equal(truth.mechanisms[i].length, p.comments.length);
      for (const c of p.comments) {
        assert.deepEqual(Object.keys(c).sort(), ['comment_like_count', 'created_at', 'pk', 'text', 'user']);
        assert.deepEqual(Object.keys(c.user).sort(),
          ['full_name', 'is_private', 'is_verified', 'pk', 'profile_pic_url', 'username']);
        assert.ok(c.created_at > p.taken_at && c.created_at < document.now);
      }
    });
    assert.ok(document.commenters.length === 5 && document.commenters.every((r) => 'follower_count' in r));
    assert.ok(!JSON.stringify(document).includes('"mechanism"'));
  }
});

test('each pattern writes what its assumptions say', () => {
  const count = (pattern, o = {}) => commentSection({ pattern, seed: `mech-${pattern}`, ...o }).truth.counts;
  assert.ok(count('organic').organic > 0 && count('organic').pod === 0 && count('organic').network === 0);
  const pod = commentSection({ pattern: 'pod', seed: 'pod-check' });
  const members = pod.truth.params.pod.size;
  assert.ok(members >= 20 && members <= 50);
  // Pod comments come within minutes and from the same accounts on every post.
  const podAuthors = pod.document.posts.map((p, i) => new Set(p.comments.filter((_, k) => pod.truth.mechanisms[i][k] === 'pod')
    .map((c) => c.user.username)));
  const everywhere = [...podAuthors[0]].filter((u) => podAuthors.every((s) => s.has(u)));
  assert.ok(everywhere.length >= members / 3, `${everywhere.length} of ${members} on every post`);
  const delays = pod.document.posts.flatMap((p, i) => p.comments.filter((_, k) => pod.truth.mechanisms[i][k] === 'pod')
    .map((c) => c.created_at - p.taken_at));
  assert.ok(delays.filter((d) => d <= 900).length / delays.length > 0.9);
  // Network comments repeat a few suggested texts from accounts that change from post to post.
  const net = commentSection({ pattern: 'network', seed: 'net-check', network: { likeSubscription: 150 } });
  const texts = net.document.posts.flatMap((p, i) => p.comments.filter((_, k) => net.truth.mechanisms[i][k] === 'network')
    .map((c) => c.text.toLowerCase().replace(/[^a-z ]/g, '').trim()));
  assert.ok(new Set(texts).size < texts.length / 2, 'suggested texts repeat');
  assert.ok(net.document.posts.every((p) => p.like_count > 150), 'the like subscription adds likes');
  assert.ok(count('bots').bot > 0);
  assert.throws(() => commentSection({ pattern: 'likes' }), /unknown pattern 'likes'/);
  assert.ok(LANGUAGES.length >= 9);
});
