// The audit state machine: phases, idempotent pending requests (a lost reply after a worker
// stop costs no second request), rate limits, stops, cancel, and the estimator request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAudit, nextRequest, applyOutcome, cancelAudit, estimateRequest, progressOf, setPendingTime } from '../../extension/shared/audit.js';

const lite = (prefix, n) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, full_name: '', is_private: false,
  is_verified: false, has_profile_pic: true, phase: 'lite' }));

function start(over = {}) {
  return newAudit({ username: 'anna', userId: '42', isPrivate: false, listSize: 60, fullSize: 5, now: 0, seed: 7, ...over });
}

// Runs an audit against a fake follower list of `total` accounts; returns the final state.
function runAll(state, total, { onRequest = () => {} } = {}) {
  let s = state;
  for (let guard = 0; guard < 1000; guard++) {
    const n = nextRequest(s);
    s = n.state;
    if (!n.request) return s;
    onRequest(n.request, s);
    let outcome;
    if (n.request.kind === 'page') {
      const offset = s.pagesDone * 25;
      const count = Math.min(25, total - offset);
      outcome = { kind: 'page', accounts: lite('f', total).slice(offset, offset + count),
                  nextCursor: offset + count < total ? `c${offset + count}` : null };
    } else {
      outcome = { kind: 'profile', record: { username: n.request.target, media_count: 3 } };
    }
    s = applyOutcome(s, n.request.id, outcome, 1).state;
  }
  throw new Error('audit did not finish');
}

test('an audit lists pages, then fetches a random subsample in full', () => {
  const urls = [];
  const s = runAll(start(), 1000, { onRequest: (r) => urls.push(r.url) });
  assert.equal(s.status, 'done');
  assert.equal(s.pagesDone, 3);           // ceil(60 / 25)
  assert.equal(s.lite.length, 75);
  assert.equal(Object.keys(s.full).length, 5);
  assert.equal(s.requests, 8);
  assert.match(urls[0], /friendships\/42\/followers\/\?count=25&search_surface=follow_list_page$/);
  assert.match(urls[1], /max_id=c25$/);
  assert.match(urls[3], /web_profile_info\/\?username=f\d+$/);
  // Picks come from the listed followers, all different, reproducible from the seed.
  assert.equal(new Set(s.picks).size, 5);
  assert.deepEqual(runAll(start(), 1000).picks, s.picks);
  assert.notDeepEqual(runAll(start({ seed: 8 }), 1000).picks, s.picks);
  const p = progressOf(s);
  assert.deepEqual([p.pagesDone, p.pagesTarget, p.profilesDone, p.profilesTarget], [3, 3, 5, 5]);
});

test('a short follower list ends the pages phase early', () => {
  const s = runAll(start(), 30);
  assert.equal(s.pagesDone, 2);
  assert.equal(s.lite.length, 30);
  assert.equal(progressOf(s).pagesTarget, 2);
});

test('asking again returns the same pending request; a duplicate answer changes nothing', () => {
  let s = start();
  const a = nextRequest(s); s = setPendingTime(a.state, 123);
  const b = nextRequest(s);
  assert.deepEqual(b.request, { ...a.request, at: 123 });
  const page = { kind: 'page', accounts: lite('f', 25), nextCursor: 'c25' };
  const first = applyOutcome(b.state, a.request.id, page, 1);
  assert.equal(first.applied, true);
  const again = applyOutcome(first.state, a.request.id, page, 2);
  assert.equal(again.applied, false);
  assert.equal(again.state.requests, 1);
  assert.equal(again.state.lite.length, 25);
});

test('the state survives a JSON round trip at every step (as storage does)', () => {
  let s = start();
  let steps = 0;
  for (;;) {
    s = JSON.parse(JSON.stringify(s));
    const n = nextRequest(s);
    s = JSON.parse(JSON.stringify(n.state));
    if (!n.request) break;
    const outcome = n.request.kind === 'page'
      ? { kind: 'page', accounts: lite(`p${steps}_`, 25), nextCursor: 'more' }
      : { kind: 'profile', record: { username: n.request.target } };
    s = applyOutcome(s, n.request.id, outcome, 1).state;
    steps++;
  }
  assert.equal(s.status, 'done');
  assert.equal(s.requests, steps);
  assert.equal(steps, 3 + 5);
});

test('a 429 counts the request and retries the same page', () => {
  let s = start();
  const a = nextRequest(s);
  s = applyOutcome(a.state, a.request.id, { kind: 'rate_limited', retryAt: 999 }, 1).state;
  assert.equal(s.requests, 1);
  assert.equal(s.rateLimited, 1);
  assert.equal(progressOf(s).retryAt, 999);
  const b = nextRequest(s);
  assert.equal(b.request.url, a.request.url);
  assert.notEqual(b.request.id, a.request.id);
});

test('login, challenge and private stop the audit and keep what was learned', () => {
  let s = start();
  let n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'x' }, 1).state;
  n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'stop', reason: 'logged_out' }, 2).state;
  assert.equal(s.status, 'stopped');
  assert.equal(s.stopReason, 'logged_out');
  assert.equal(s.lite.length, 25);
  assert.equal(nextRequest(s).request, null);
});

test('cancel keeps the sample and drops only the pending request', () => {
  let s = start();
  let n = nextRequest(s);
  s = applyOutcome(n.state, n.request.id, { kind: 'page', accounts: lite('f', 25), nextCursor: 'x' }, 1).state;
  n = nextRequest(s);
  const c = cancelAudit(n.state, 5);
  assert.equal(c.status, 'cancelled');
  assert.equal(c.pending, null);
  assert.equal(c.lite.length, 25);
  assert.equal(applyOutcome(c, n.request.id, { kind: 'page', accounts: [], nextCursor: null }, 6).applied, false);
});

test('the estimator request puts full records in place of lite ones', () => {
  const s = runAll(start(), 1000);
  const req = estimateRequest(s, 24300);
  assert.equal(req.total_followers, 24300);
  assert.equal(req.sampling, 'newest_first');
  assert.equal(req.followers.length, 75);
  assert.equal(req.followers.filter((r) => r.phase === 'lite').length, 70);
  assert.equal(req.followers.filter((r) => r.media_count === 3).length, 5);
});
