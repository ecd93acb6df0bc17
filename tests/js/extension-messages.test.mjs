// Message validation: who may use which channel, and that malformed messages are rejected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { channelOf, validateMessage, SHAPES, MAX_BODY_CHARS } from '../../extension/shared/messages.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const tabSender = { id: ID, url: 'https://www.instagram.com/anna/', tab: { id: 3 } };

test('senders map to channels', () => {
  assert.equal(channelOf(tabSender, ID, ORIGIN), 'content');
  assert.equal(channelOf({ id: ID, url: `${ORIGIN}extension/ui/popup.html` }, ID, ORIGIN), 'privileged');
  assert.equal(channelOf({ id: 'other-extension', url: 'https://www.instagram.com/' , tab: {} }, ID, ORIGIN), null);
  assert.equal(channelOf({ id: ID, url: 'https://evil.example/', tab: { id: 1 } }, ID, ORIGIN), null);
  assert.equal(channelOf({ id: ID, url: 'https://www.instagram.com.evil.example/', tab: { id: 1 } }, ID, ORIGIN), null);
  assert.equal(channelOf(undefined, ID, ORIGIN), null);
});

test('well-formed messages pass', () => {
  const ok = (m, ch = 'content') => assert.deepEqual(validateMessage(m, ch), { ok: true }, JSON.stringify(m));
  ok({ what: 'hello' });
  ok({ what: 'instant.analyze', username: 'anna', status: 200, contentType: 'application/json', body: '{}' });
  ok({ what: 'instant.rough', username: 'anna', og: { followers: 1, following: 2, posts: 3 } });
  ok({ what: 'instant.rough', username: 'anna', og: { followers: 1, following: 2, posts: 3 }, cause: 'rate_limited', unavailable: 503 });
  ok({ what: 'instant.rough', username: 'anna', og: { followers: 1, following: 2, posts: 3 }, cause: 'rate_limited', unavailable: 0 });
  ok({ what: 'audit.start', username: 'anna', userId: '123', isPrivate: false });
  // Privacy the profile document did not state, and a follower count nobody could read: unknown.
  ok({ what: 'audit.start', username: 'anna', userId: '123', isPrivate: null, followerCount: null });
  ok({ what: 'audit.start', username: 'anna', userId: '123', isPrivate: false,
       posts: [{ id: '1', likes: 3, comments: 2, takenAt: 1, commentsDisabled: true }, { id: '2', likes: null, comments: null }] });
  // The engine's pinned and collaboration flags, for the audit's choice of posts.
  ok({ what: 'audit.start', username: 'anna', userId: '123', isPrivate: false,
       posts: [{ id: '1', likes: 3, comments: 2, pinned: true, collab: false }, { id: '2', likes: 5, comments: 1, collab: true }] });
  ok({ what: 'audit.result', username: 'anna', id: 4, status: 429, contentType: '', body: '' });
  ok({ what: 'history.delete', usernames: ['a', 'b.c'] }, 'privileged');
  ok({ what: 'history.export', format: 'csv' }, 'privileged');
});

test('malformed messages are rejected with a reason', () => {
  const bad = (m, re, ch = 'content') => {
    const r = validateMessage(m, ch);
    assert.equal(r.ok, false, JSON.stringify(m));
    assert.match(r.error, re);
  };
  bad(null, /must be an object/);
  bad([], /must be an object/);
  bad({ what: 'nope' }, /unknown message "nope"/);
  bad({ what: '__proto__' }, /unknown message/);
  bad({ what: 'constructor' }, /unknown message/);
  bad({ what: 'audit.next', username: '<script>' }, /"username"/);
  bad({ what: 'audit.next' }, /"username" is missing/);
  bad({ what: 'audit.next', username: 'a', extra: 1 }, /unexpected field "extra"/);
  bad({ what: 'audit.result', username: 'a', id: 0, status: 200, contentType: '', body: '' }, /"id"/);
  bad({ what: 'audit.result', username: 'a', id: 1, status: '200', contentType: '', body: '' }, /"status"/);
  bad({ what: 'instant.analyze', username: 'a', status: 200, contentType: '', body: 'x'.repeat(MAX_BODY_CHARS + 1) }, /"body"/);
  bad({ what: 'instant.rough', username: 'a', og: { followers: -1, following: 2, posts: 3 } }, /"og"/);
  for (const unavailable of [-1, 1000, '503', 5.5, null]) {
    bad({ what: 'instant.rough', username: 'a', og: { followers: 1, following: 2, posts: 3 }, cause: 'rate_limited', unavailable }, /"unavailable"/);
  }
  bad({ what: 'audit.start', username: 'a', userId: '12a', isPrivate: false }, /"userId"/);
  for (const isPrivate of [undefined, 'no', 0]) bad({ what: 'audit.start', username: 'a', userId: '12', isPrivate }, /"isPrivate"/);
  bad({ what: 'audit.start', username: 'a', userId: '12', isPrivate: false, posts: [{ id: '1', likes: 3, comments: 2, commentsDisabled: 'yes' }] }, /"posts"/);
  for (const key of ['pinned', 'collab']) {
    bad({ what: 'audit.start', username: 'a', userId: '12', isPrivate: false, posts: [{ id: '1', likes: 3, comments: 2, [key]: 1 }] }, /"posts"/);
  }
  bad({ what: 'hello' }, /not allowed/, null);
});

test('the content channel cannot reach privileged handlers', () => {
  for (const what of Object.keys(SHAPES.privileged)) {
    if (Object.hasOwn(SHAPES.content, what)) continue;
    assert.equal(validateMessage({ what }, 'content').ok, false, what);
  }
  assert.equal(validateMessage({ what: 'history.import', text: '{}' }, 'content').ok, false);
  assert.equal(validateMessage({ what: 'settings.set', settings: { pacingMs: 1 } }, 'content').ok, false);
});
