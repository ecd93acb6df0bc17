// A kind of list Instagram keeps answering with server errors (HTTP 5xx): every post's likers (or
// comments) answering 500 held the audit's end while the likers' back-off doubled across the posts
// (about 13 minutes at 300 ms pacing, far longer at 1.5 s); one post doing so held it ~3.5 minutes
// against ~70 s for the rest. The audit state machine is driven here with the real scheduler on a
// simulated clock (no timer: each request goes at the time the scheduler gives it), as the
// background drives it (handlers.js auditNext/auditResult).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { newAudit, nextRequest, applyOutcome, estimateRequest, progressOf, sourcesBrief, KIND_SERVER_ERRORS, retryFollowers, settleRetry,
  auditPlan } from '../../extension/shared/audit.js';
import { emptySchedulerState, reserve, onRateLimited, onSuccess, noteAnswer, kindsHeld, waitOf, BACKOFF_INTERVALS, HOUR_MS } from '../../extension/shared/scheduler.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { translator, flatten } from '../../extension/shared/i18n.js';

const PACING = 1500;
const lite = (prefix, n) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, pk: String(9000 + i), full_name: '',
  is_private: false, is_verified: false, has_profile_pic: true, phase: 'lite' }));
const POSTS = Array.from({ length: 8 }, (_, i) => ({ id: String(11 + i), likes: 40, comments: 6 }));
const SETTINGS = { ...DEFAULT_SETTINGS, pacingMs: PACING, auditListSize: 50, auditFullSize: 5, auditPosts: 3, auditEngagersFull: 3,
  auditBudget: 60 };
const start = (settings = {}) => newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: POSTS,
  settings: { ...SETTINGS, ...settings }, now: 0, seed: 7 });

function answer(req, s) {
  if (req.kind === 'page') {
    const offset = s.followers.lite.length;
    return { kind: 'page', accounts: lite(`f${offset}_`, 25), nextCursor: `c${offset + 25}` };
  }
  if (req.kind === 'likers') return { kind: 'likers', accounts: lite(`l${req.target}_`, 10), userCount: 40 };
  if (req.kind === 'comments') {
    const accounts = lite(`c${req.target}_`, 4);
    return { kind: 'comments', accounts, commentCount: 6,
             comments: accounts.map((a, i) => ({ pk: String(i), text: 'nice', created_at: 1, media_id: req.target, user: { username: a.username } })) };
  }
  return { kind: 'profile', record: { username: req.target, phase: 'full', follower_count: 10, following_count: 10, media_count: 3 } };
}

// The scheduler's kinds and the audit's request kinds (handlers.js KIND_OF_REQUEST).
const KIND = { page: 'followers', likers: 'likers', comments: 'comments', profile: 'profile' };
const AUDIT_KIND = Object.fromEntries(Object.entries(KIND).map(([a, k]) => [k, a]));

// Runs the audit to its end as the background does: what a server error holds is left for the
// other kinds (nextRequest's `held`), each request goes at the slot the scheduler gives it (the
// clock moves there), `refuse(request)` says which answer 500. Returns {state, asked (each request
// with its time), end, sched}.
function drive(state, refuse = () => false, sched0 = emptySchedulerState(), t0 = T0) {
  let s = state, sched = sched0, t = t0;
  const asked = [];
  for (let guard = 0; guard < 1000; guard++) {
    const n = nextRequest(s, { held: kindsHeld(sched, t).map((k) => AUDIT_KIND[k]) });
    s = n.state;
    if (!n.request) return { state: s, asked, end: t - t0, clock: t, sched };
    const kind = KIND[n.request.kind];
    const r = reserve(sched, t, { pacingMs: PACING, hourlyCap: 10_000, kind });
    sched = r.state;
    t = Math.max(t, r.at);
    asked.push({ ...n.request, at: t });
    sched = noteAnswer(sched, t);
    if (refuse(n.request)) {
      sched = onRateLimited(sched, t, { pacingMs: PACING }, 500, 'anna', kind);
      s = applyOutcome(s, n.request.id, { kind: 'rate_limited', retryAt: waitOf(sched, kind).until, unavailable: 500, of: n.request.kind,
                                          inRow: sched.kindWaits[kind].level }, t).state;
    } else {
      sched = onSuccess(sched, kind);
      s = applyOutcome(s, n.request.id, answer(n.request, s), t).state;
    }
  }
  throw new Error('the audit never ended');
}

const T0 = 1_000_000;  // the clock at the start (the scheduler takes 0 for "no slot yet")
const firstWait = PACING * BACKOFF_INTERVALS;  // 30 s at the default pacing
const en = translator(flatten(JSON.parse(fs.readFileSync(new URL('../../_locales/en/messages.json', import.meta.url)))), {}, 'en');

test('every post\'s likers answering 500: the likers are given up after 3 server errors in a row, the rest of the audit as without them', () => {
  const clean = drive(start());
  const { state: s, asked, end } = drive(start(), (r) => r.kind === 'likers');
  assert.equal(KIND_SERVER_ERRORS, 3);
  assert.equal(s.status, 'done');
  const likers = asked.filter((r) => r.kind === 'likers');
  assert.deepEqual(likers.map((r) => r.target), ['11', '12', '13'], 'each post asked once: the third error in a row gives the source up');
  // No hammering: each try waited out the likers' back-off the one before drew (30 s, then 60 s).
  assert.ok(likers[1].at - likers[0].at >= firstWait && likers[2].at - likers[1].at >= 2 * firstWait, `${likers.map((r) => r.at)}`);
  // The source left out: no estimate, said with why; the others as in an audit where the likers answered.
  const p = progressOf(s).sources.likers;
  assert.deepEqual(p.givenUp, { status: 500 });
  assert.deepEqual(p.postsFailedWhy, { server: 3 });
  assert.deepEqual([p.listed, p.checked, p.posts, p.postsTarget], [0, 0, 3, 3]);
  assert.equal(estimateRequest(s, 'likers'), null, 'no likers estimate');
  assert.deepEqual(s.picks.likers, []);
  assert.deepEqual(s.followers.lite, clean.state.followers.lite);
  assert.deepEqual(s.commenters.lite, clean.state.commenters.lite);
  for (const src of ['followers', 'commenters']) assert.deepEqual(s.picks[src].filter((u) => s.full[u]), clean.state.picks[src], src);
  const brief = sourcesBrief({ ...s, estimates: { followers: { fake_percent: 10, ci_low: 5, ci_high: 20 }, likers: null,
                                                   commenters: { fake_percent: 12, ci_low: 4, ci_high: 30 } } });
  assert.deepEqual(Object.keys(brief), ['followers', 'commenters']);
  // Ends within the two back-offs of the time the working sources take (it ended 13 minutes and
  // more later), the likers' own checks not made.
  assert.ok(end <= clean.end + 3 * firstWait, `ended at ${end / 1000} s, ${clean.end / 1000} s without the 500s`);
  // The row, as the panel words it.
  assert.equal(en('sourceServerGivenUpLikers', p.givenUp.status, p.postsFailedWhy.server),
               'Instagram answered with server errors (HTTP 500) for the likers of 3 posts; this source was left out.');
});

test('six posts\' comments answering 500: three asked, the other three not asked, and said so', () => {
  const { state: s, asked } = drive(start({ auditComments: true }), (r) => r.kind === 'comments');
  assert.equal(s.status, 'done');
  assert.equal(s.commenters.media.length, 6);
  assert.equal(asked.filter((r) => r.kind === 'comments').length, KIND_SERVER_ERRORS);
  const p = progressOf(s).sources.commenters;
  assert.deepEqual(p.postsFailedWhy, { server: 3, unasked: 3 });
  assert.deepEqual(p.givenUp, { status: 500 });
  assert.equal(estimateRequest(s, 'commenters'), null);
  assert.ok(s.likers.media.every((m) => !m.failed) && s.likers.lite.length > 0, 'the likers read as usual');
  assert.equal(en('sourceServerGivenUpCommenters', 500, 3),
               'Instagram answered with server errors (HTTP 500) for the comments of 3 posts; this source was left out.');
  assert.equal(en('sourceServerUnasked', p.postsFailedWhy.unasked, KIND_SERVER_ERRORS),
               'The other 3 posts were not asked for: after 3 server errors in a row for these lists (in this audit or another), '
               + 'Fakemeter stops asking for them until the next audit.');
  assert.ok(en('sourceServerUnasked', 1, 3).startsWith('The other post was not asked for: after 3 server errors'));
});

test('server errors in a row from an earlier audit count: the next audit asks the likers once, after their back-off', () => {
  const first = drive(start(), (r) => r.kind === 'likers');
  const before = first.sched;
  // Started as the first one ends: the likers' last back-off (60 s) still holds.
  assert.ok(before.kindWaits.likers.until > first.clock);
  const { state: s, asked } = drive(start(), (r) => r.kind === 'likers', before, first.clock);
  const likers = asked.filter((r) => r.kind === 'likers');
  assert.equal(likers.length, 1, 'one try: a fourth server error in a row');
  assert.ok(likers[0].at >= before.kindWaits.likers.until, 'not before the back-off the last one drew');
  assert.deepEqual(progressOf(s).sources.likers.postsFailedWhy, { server: 1, unasked: 2 });
  // An answer in between starts the count again: one refusal alone gives up nothing but its turn.
  const mended = drive(start(), (r) => r.kind === 'likers' && r.target === '11', onSuccess(before, 'likers'), first.clock);
  assert.equal(progressOf(mended.state).sources.likers.givenUp, null);
});

// A run given up long ago is over: without a request of that kind since (nothing ended the run but
// a success), the next audit's single 500 a day later counted as the fourth in a row and gave the
// likers up at once, its wait the fourth level's. A refusal after the longest back-off starts anew.
test('server errors of a run that ended long ago do not count: a day later one 500 puts that post behind, the others are read', () => {
  const first = drive(start(), (r) => r.kind === 'likers');
  const later = first.clock + 24 * HOUR_MS;
  const { state: s, asked } = drive(start(), (r) => r.kind === 'likers' && r.target === '11', first.sched, later);
  const likers = asked.filter((r) => r.kind === 'likers');
  assert.equal(progressOf(s).sources.likers.givenUp, null, 'the source is not given up');
  assert.deepEqual(progressOf(s).sources.likers.postsFailedWhy, { server: 1 });
  assert.ok(likers.length >= 4, `the other posts are asked (${likers.length} likers requests)`);
  // Its wait is the first level's again, not the fourth's.
  const refused = likers.findIndex((r) => r.target === '11');
  assert.ok(likers[refused + 1].at - likers[refused].at <= firstWait + 2 * PACING, 'the first wait, not a longer one');
});

test('one post\'s likers answering 500: put behind the others at once and given up at its second, the audit ending with the rest', () => {
  const clean = drive(start());
  const { state: s, asked, end } = drive(start(), (r) => r.kind === 'likers' && r.target === '11');
  const likers = asked.filter((r) => r.kind === 'likers').map((r) => r.target);
  assert.deepEqual(likers, ['11', '12', '13', '11'], 'its first 500 puts it behind the other posts, its second gives it up');
  const p = progressOf(s).sources.likers;
  assert.deepEqual([p.postsFailedWhy, p.givenUp], [{ server: 1 }, null]);
  assert.ok(estimateRequest(s, 'likers'), 'the likers of the other posts estimated');
  // One back-off (30 s) at most beyond the rest: it held the audit ~3.5 minutes (three waits, doubling).
  assert.ok(end <= clean.end + firstWait, `ended at ${end / 1000} s, ${clean.end / 1000} s without the 500s`);
});

// Accounts fetched in full (request kind 'profile') answering 500, every one: each account had its
// three tries and the next its own, the profile back-off doubling across the accounts to an hour.
test('every account\'s profile answering 500: the full checks end after 3 server errors in a row, the estimates resting on the accounts checked before', () => {
  const clean = drive(start());
  // The followers' first two picks answer, every account after them answers 500.
  let answered = 0;
  const { state: s, asked, end } = drive(start(), (r) => r.kind === 'profile' && (answered >= 2 || (answered++, false)));
  assert.equal(s.status, 'done');
  const profiles = asked.filter((r) => r.kind === 'profile');
  const refusedAt = profiles.slice(2);
  assert.equal(refusedAt.length, KIND_SERVER_ERRORS, 'three tries of the third account, then no more accounts asked');
  assert.equal(new Set(refusedAt.map((r) => r.target)).size, 1);
  // Each try waited out the back-off the one before drew (30 s, then 60 s): Instagram not asked faster.
  assert.ok(refusedAt[1].at - refusedAt[0].at >= firstWait && refusedAt[2].at - refusedAt[1].at >= 2 * firstWait, `${refusedAt.map((r) => r.at)}`);
  assert.ok(end <= clean.end + 3 * firstWait + 2 * PACING, `ended at ${end / 1000} s, ${clean.end / 1000} s without the 500s`);
  // The lists as read without the 500s; the estimate's request holds the two fetched in full, the rest as listed.
  assert.deepEqual(s.followers.lite, clean.state.followers.lite);
  const req = estimateRequest(s, 'followers');
  assert.equal(req.followers.filter((r) => r.phase === 'full').length, 2);
  assert.equal(req.followers.length, s.followers.lite.length);
  assert.ok(estimateRequest(s, 'likers') && estimateRequest(s, 'commenters'), 'the engagers estimated from their lists');
  const p = progressOf(s);
  assert.equal(p.profilesDone, p.profilesTarget, 'nothing left to do');
  assert.deepEqual(p.sources.followers.profilesGivenUp, { status: 500, refused: 1, unasked: s.picks.followers.length - 3, refusedAll: 1 });
  assert.equal(p.sources.followers.checked, 2);
  assert.equal(p.sources.followers.unread, 0, 'the account refused is no "could not be read in full" of its own');
  for (const src of ['likers', 'commenters']) {
    assert.equal(p.sources[src].checked, 0, src);
    assert.equal(p.sources[src].profilesGivenUp.unasked, s.picks[src].length, src);
  }
  assert.equal(en('sourceProfilesServer', 500, 1, 2),
               'Instagram answered with server errors (HTTP 500) when one account was asked for in full; the estimate rests on the 2 checked before.');
  assert.equal(en('sourceProfilesServerNone', 500, 3),
               'Instagram answered with server errors (HTTP 500) when 3 accounts were asked for in full; the estimate rests on the list alone.');
  assert.equal(en('sourceProfilesUnasked', 4, KIND_SERVER_ERRORS),
               '4 other accounts picked to check were not asked for, after 3 server errors in a row.');
});

test('profile server errors in a row from an earlier audit count: the next audit asks one account once, and an answer between starts the count again', () => {
  // An earlier audit left the profile count at 2: the first try of this audit's first account is the third in a row.
  const sched = onRateLimited(onRateLimited(emptySchedulerState(), T0, { pacingMs: PACING }, 500, 'x', 'profile'), T0, { pacingMs: PACING }, 500, 'x', 'profile');
  const { state: s, asked } = drive(start(), (r) => r.kind === 'profile', sched, T0 + 3_600_000);
  assert.equal(asked.filter((r) => r.kind === 'profile').length, 1);
  assert.deepEqual(s.profilesGivenUp, { status: 500, refused: [asked.find((r) => r.kind === 'profile').target] });
  // An answer in between starts the count again: an account refused once is asked again.
  let first = null;
  const mended = drive(start(), (r) => r.kind === 'profile' && (first ??= r.target) === r.target && r.id === asked.find((x) => x.kind === 'profile').id,
                       onSuccess(sched, 'profile'), T0 + 3_600_000);
  const tries = mended.asked.filter((r) => r.kind === 'profile' && r.target === first);
  assert.equal(tries.length, 2, 'refused once, asked again');
  assert.equal(mended.state.profilesGivenUp, undefined);
  assert.ok(mended.state.full[first]);
});

// Followers pages answering 500: they were tried on without end (the list is what the audit is about).
test('the followers list\'s next page answering 500: the list ends after 3 server errors in a row, with the followers read', () => {
  const { state: s, asked } = drive(start({ auditListSize: 100 }), (r) => r.kind === 'page' && r.url.includes('c25'));
  assert.equal(s.status, 'done');
  const pages = asked.filter((r) => r.kind === 'page');
  assert.equal(pages.length, 1 + KIND_SERVER_ERRORS);
  assert.ok(pages[2].at - pages[1].at >= firstWait && pages[3].at - pages[2].at >= 2 * firstWait);
  assert.equal(s.followers.lite.length, 25);
  const f = progressOf(s).sources.followers;
  assert.deepEqual([f.serverCut, f.ended, f.listed], [{ status: 500 }, true, 25]);
  assert.ok(estimateRequest(s, 'followers'), 'the followers read are estimated');
  assert.ok(s.picks.followers.length > 0 && s.picks.followers.every((u) => s.full[u]), 'and checked');
  assert.equal(en('sourceServerCut', 500, 3, 25),
               'Instagram answered the next page of the list with server errors (HTTP 500), 3 times in a row: the audit went on with the 25 read before.');
  // The first page so refused: no followers, the rest of the audit read.
  const none = drive(start(), (r) => r.kind === 'page').state;
  assert.deepEqual([none.status, none.followers.lite.length, progressOf(none).sources.followers.serverCut], ['done', 0, { status: 500 }]);
  assert.ok(none.likers.lite.length > 0 && none.commenters.lite.length > 0);
});

// "Try the followers again" after an audit of the likers and commenters alone that gave up its full
// checks after server errors in a row: the retry carried the give-up (profilesGivenUp) and checked
// no account in full, not even its followers, days later. Started later it makes them again; started
// while those errors are recent, the scheduler's count still gives them up at its first 500.
test('a retry of the followers gets the full checks an earlier audit gave up after server errors; recent errors still count', () => {
  const engagersOnly = newAudit({ username: 'anna', userId: '42', isPrivate: false, followerCount: 5000, posts: POSTS, settings: SETTINGS,
                                  now: 0, seed: 7, followersRefused: 'list_refused' });
  const first = drive(engagersOnly, (r) => r.kind === 'profile');
  // (Its estimates as the background makes them: this drive makes none.)
  const ended = { ...first.state, estimates: { followers: null, likers: { fake_percent: 10 }, commenters: { fake_percent: 20 } } };
  assert.ok(ended.profilesGivenUp && ended.status === 'done', 'the engagers\' audit gave its full checks up');
  const unasked = ['likers', 'commenters'].flatMap((src) => ended.picks[src].filter((u) => !ended.full[u] && !ended.failed.includes(u)));
  assert.ok(unasked.length >= 4, `${unasked.length} picks unasked`);
  const retryAt = (clock) => retryFollowers(ended, { userId: '42', isPrivate: false, followerCount: 5000, plan: auditPlan(SETTINGS, [], 5000), now: clock });

  // A day later: the followers read, and every account picked checked in full, the engagers' too.
  const later = first.clock + 24 * HOUR_MS;
  const { state: s, asked } = drive(retryAt(later), () => false, first.sched, later);
  assert.equal(s.status, 'done');
  assert.equal(s.profilesGivenUp, undefined, 'no give-up carried into the retry');
  const profiles = asked.filter((r) => r.kind === 'profile').map((r) => r.target);
  for (const u of [...unasked, ...s.picks.followers]) assert.ok(profiles.includes(u) && s.full[u], `${u} checked in full`);
  const p = progressOf(s);
  assert.deepEqual([p.sources.likers.profilesGivenUp, p.sources.followers.checked], [null, s.picks.followers.length]);
  assert.ok(p.requests <= p.budget, `${p.requests} of at most ${p.budget} requests`);

  // Started as the engagers' audit ends, its errors in a row recent: one account asked once, the checks given up again.
  const soon = drive(retryAt(first.clock), (r) => r.kind === 'profile', first.sched, first.clock);
  assert.equal(soon.asked.filter((r) => r.kind === 'profile').length, 1);
  assert.equal(soon.state.profilesGivenUp.status, 500);

  // Refused again before any of the list was read: the engagers' audit as it was, its give-up said in its rows.
  const n = nextRequest(retryAt(later));
  const refused = applyOutcome(n.state, n.request.id, { kind: 'stop', reason: 'list_refused' }, later).state;
  const back = settleRetry(refused, later);
  assert.equal(back.restored, true);
  assert.deepEqual(back.audit.profilesGivenUp, ended.profilesGivenUp);
});
