// The audited profile's own data (web_profile_info, then users/<id>/info) answering server errors
// when an audit starts from a result kept without its posts (dropped for space): the content script
// read the profile first, got 500s, and started the audit anyway on the kept result's empty post
// list, reading the followers alone and saying nothing of the likers and commenters (the panel's
// "not read" line was only for a profile read from its account info). The instant check meanwhile
// retried on its own at 1, 4, 16 and 60 minutes (extension-instant-retry.test.mjs). Now the audit
// keeps why (ownProfileUnread) and its rows say it; it ends, on the simulated clock with the real
// scheduler, as an audit of the followers alone does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newAudit, nextRequest, applyOutcome, progressOf } from '../../extension/shared/audit.js';
import { emptySchedulerState, reserve, noteAnswer, onSuccess } from '../../extension/shared/scheduler.js';
import { validateMessage } from '../../extension/shared/messages.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { translator, flatten, SUPPORTED } from '../../extension/shared/i18n.js';

const locale = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
const en = locale('en');
const tr = (l) => translator(locale(l), en, l);
const lite = (prefix, n) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, pk: String(9000 + i), full_name: '',
  is_private: false, is_verified: false, has_profile_pic: true, phase: 'lite' }));
const SETTINGS = { ...DEFAULT_SETTINGS, auditListSize: 50, auditFullSize: 4 };
const KIND = { page: 'followers', likers: 'likers', comments: 'comments', profile: 'profile' };

// Each request at the slot the scheduler gives it (the clock moves there), every answer read.
function drive(state, t0 = 1_000_000) {
  let s = state, sched = emptySchedulerState(), t = t0;
  const asked = [];
  for (let guard = 0; guard < 200; guard++) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) return { state: s, asked, end: t - t0 };
    const r = reserve(sched, t, { ...SETTINGS, kind: KIND[n.request.kind] });
    sched = onSuccess(noteAnswer(r.state, r.at), KIND[n.request.kind]);
    t = Math.max(t, r.at);
    asked.push(n.request.kind);
    const outcome = n.request.kind === 'page'
      ? { kind: 'page', accounts: lite(`f${s.followers.pagesDone}_`, 25), nextCursor: s.followers.pagesDone ? null : 'c1' }
      : { kind: 'profile', record: { username: n.request.target, phase: 'full', follower_count: 5 } };
    s = applyOutcome(s, n.request.id, outcome, t).state;
  }
  throw new Error('the audit never ended');
}

test('an audit started while the profile\'s own data answers 500: the followers alone, ended in bounded time, and said why', () => {
  const a = newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: [], settings: SETTINGS, now: 0, seed: 7,
                       ownProfileUnread: { status: 500 } });
  const { state: s, asked, end } = drive(a);
  assert.equal(s.status, 'done');
  assert.deepEqual(asked, ['page', 'page', 'profile', 'profile', 'profile', 'profile'], 'no likers or comments: their posts were not known');
  assert.ok(end <= 6 * SETTINGS.pacingMs, `ended after ${end} ms`);
  const p = progressOf(s);
  assert.deepEqual(p.ownProfileUnread, { status: 500 });
  assert.deepEqual([p.sources.followers.listed, p.sources.followers.checked, p.sources.likers.postsTarget], [50, 4, 0]);
  // What the panel's row says: what failed, and that the audit went on without it.
  assert.equal(en.sourceOwnProfileServer && tr('en')('sourceOwnProfileServer', p.ownProfileUnread.status),
    "Likers and commenters: not read. Instagram answered this profile's own data with server errors (HTTP 500) when the audit started, "
    + 'so its posts were not known; the audit went on with the followers alone. Audit again later to include them.');
  for (const l of SUPPORTED) {
    assert.match(tr(l)('sourceOwnProfileServer', 503), /HTTP 503/, l);
    assert.ok(locale(l).sourceOwnProfileUnread, `${l}: sourceOwnProfileUnread`);
  }
  // Without a status (a wait, or no answer): kept as null, said without one.
  const wait = newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: [], settings: SETTINGS, now: 0, seed: 7,
                          ownProfileUnread: { status: undefined } });
  assert.deepEqual(progressOf(wait).ownProfileUnread, { status: null });
  // An audit that read its profile says nothing of it.
  assert.equal(progressOf(newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: [], settings: SETTINGS,
                                     now: 0, seed: 7 })).ownProfileUnread, null);
});

test('audit.start carries why the profile\'s own data was not read, of the one shape', () => {
  const msg = { what: 'audit.start', username: 'anna', userId: '42', isPrivate: false, followerCount: 10, posts: [] };
  assert.deepEqual(validateMessage({ ...msg, ownProfileUnread: { status: 500 } }, 'content'), { ok: true });
  assert.deepEqual(validateMessage({ ...msg, ownProfileUnread: { status: null } }, 'content'), { ok: true });
  for (const bad of [{ status: '500' }, { status: 500, html: '<b>' }, 'x', { status: 5000 }]) {
    assert.equal(validateMessage({ ...msg, ownProfileUnread: bad }, 'content').ok, false, JSON.stringify(bad));
  }
});
