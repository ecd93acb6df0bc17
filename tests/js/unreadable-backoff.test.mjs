// An instant check's answer about the one profile asked ("not found" from users/<id>/info,
// {"data":{"user":null}} from web_profile_info on a page that shows the profile) is no sign that
// Instagram is failing: it was recorded as a rate limit, and held every request of every kind
// behind it (the next profile's check, a running audit). It now holds only that profile's next
// ask, by a wait that grows with asks of that profile alone. Through the background's dispatch and
// handlers, storage.local in memory, the clock set by the test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';

const { data } = installFakeChrome();
fetchFileUrls();
const { startWorker } = await import('./lib/worker-restart.mjs');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { BACKOFF_INTERVALS, waitOf, normalizeSchedulerState } = await import('../../extension/shared/scheduler.js');

const sender = { id: 'test', tab: { id: 7 }, frameId: 0, url: 'https://www.instagram.com/hidden.one/' };
const realNow = Date.now;
let clock = 1_800_000_000_000;
Date.now = () => clock;
test.after(() => { Date.now = realNow; });

function reset() {
  for (const k of Object.keys(data)) delete data[k];
  data.settings = { ...DEFAULT_SETTINGS };
  data.scheduler = { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 };
}

let sends = 0;
const userNull = (username) => ({ what: 'instant.analyze', username, endpoint: 'web_profile_info', status: 200, pageShowsProfile: true,
                                  contentType: 'application/json', body: '{"data":{"user":null},"status":"ok"}', sendId: `send-000${++sends}` });
const infoNotFound = (username) => ({ what: 'instant.analyze', username, endpoint: 'users_info', status: 404, pageShowsProfile: true,
                                      contentType: 'application/json', body: '{"message":"User not found","status":"fail"}', sendId: `send-000${++sends}` });
const firstWait = () => DEFAULT_SETTINGS.pacingMs * BACKOFF_INTERVALS;

function assertNothingBackedOff(what) {
  const s = data.scheduler;
  assert.ok(!(s.backoffUntil > clock), `${what}: no back-off of every request`);
  assert.equal(s.backoffLevel, 0, `${what}: the level of Instagram's refusals is not raised`);
  assert.deepEqual(Object.keys(s.kindWaits || {}).filter((k) => s.kindWaits[k].until > clock || s.kindWaits[k].level > 0), [],
                   `${what}: no kind of request waits`);
}

for (const [name, answer] of [['{"data":{"user":null}} on a page that shows the profile', userNull],
                              ['users/<id>/info "not found"', infoNotFound]]) {
  test(`${name}: unreadable, retried after a wait of that profile alone; the next profile goes at once`, async () => {
    reset();
    const send = await startWorker(sender);
    const r = await send(answer('hidden.one'));
    assert.equal(r.state, 'unreadable');
    assert.equal(r.retryAt, clock + firstWait(), 'retried after a first back-off');
    assertNothingBackedOff(name);
    const next = await send({ what: 'instant.begin', username: 'lena.bakes', sendId: `send-000${++sends}` });
    assert.equal(next.reason, 'now', 'the next profile is not held');
    assert.equal(next.at, clock);
  });
}

test('asks of the same unreadable profile: the same wait while it runs, twice as long after it; another profile starts afresh', async () => {
  reset();
  const send = await startWorker(sender);
  const start = clock;
  const first = await send(userNull('hidden.one'));
  // The fallback endpoint in the same check, or the page opened again within the wait: no longer.
  clock += 1000;
  const fallback = await send(infoNotFound('hidden.one'));
  assert.equal(fallback.retryAt, first.retryAt);
  clock = first.retryAt + 1;
  const again = await send(userNull('hidden.one'));
  assert.equal(again.retryAt, clock + 2 * firstWait(), 'a second run level');
  assert.ok(again.retryAt > start + 2 * firstWait());
  const other = await send(userNull('other.one'));
  assert.equal(other.retryAt, clock + firstWait(), 'another profile is not held by the first one\'s asks');
  assertNothingBackedOff('after three unreadable answers');
  // Asked again after a worker restart (its answer lost): the same wait, not a longer one.
  const same = { ...userNull('other.one'), sendId: "send-repeat-1" };
  const once = await send(same);
  const twice = await (await startWorker(sender))(same);
  assert.equal(twice.retryAt, once.retryAt);
});

test('a rate limit still backs every request off', async () => {
  reset();
  const send = await startWorker(sender);
  const r = await send({ what: 'instant.analyze', username: 'hidden.one', endpoint: 'web_profile_info', status: 429,
                         contentType: 'text/html', body: 'Please wait a few minutes before you try again.', sendId: `send-000${++sends}` });
  assert.equal(r.state, 'rate_limited');
  assert.equal(data.scheduler.backoffLevel, 1);
  const next = await send({ what: 'instant.begin', username: 'lena.bakes', sendId: `send-000${++sends}` });
  assert.equal(next.reason, 'backoff');
});

// A visit (a reload, the profile opened again) while the profile's own wait runs asks nothing before
// it ends and says when it asks (background cached: unreadableUntil; content/main.js run). A back-off
// that Instagram's refusals drew meanwhile, ending later, holds that ask too (instant.begin): the
// time said is the later one, as an answer now would say it. It was the profile's own wait alone, an
// earlier time than the retry's, which then said "waiting until" instead.
test('a visit within the wait is told the time of the ask: the profile\'s wait, or a later back-off of Instagram\'s refusals', async () => {
  reset();
  const send = await startWorker(sender);
  const first = await send(userNull('hidden.one'));
  assert.equal((await send({ what: 'profile.cached', username: 'hidden.one' })).unreadableUntil, first.retryAt);
  clock += 1000;
  for (let i = 0; i < 2; i++) {
    await send({ what: 'instant.analyze', username: 'lena.bakes', endpoint: 'web_profile_info', status: 429,
                 contentType: 'text/html', body: 'Please wait a few minutes before you try again.', sendId: `send-000${++sends}` });
  }
  const begin = await send({ what: 'instant.begin', username: 'hidden.one', sendId: `send-000${++sends}` });
  assert.ok(begin.at > first.retryAt, `the back-off ends after the profile's wait: ${begin.at} > ${first.retryAt}`);
  await send({ what: 'instant.release', username: 'hidden.one', at: begin.at });
  const cached = await send({ what: 'profile.cached', username: 'hidden.one' });
  assert.equal(cached.unreadableUntil, waitOf(normalizeSchedulerState(data.scheduler, clock), 'profile').until, 'the back-off\'s end, when the ask can go');
  assert.ok(cached.unreadableUntil > first.retryAt);
  // Another profile, with no wait of its own: nothing held by the visit (its check waits in instant.begin).
  assert.equal((await send({ what: 'profile.cached', username: 'other.one' })).unreadableUntil, 0);
});
