// An audit's answer about the one profile asked ("not found": a follower deleted since the list was
// read, or web_profile_info's {"data":{"user":null}}) is no sign that Instagram's limit has lifted,
// and none that it holds: the instant check leaves the scheduler as it is for it (handlers.js
// recordInstantAnswer). An audit's counted it as a success, which reset the back-off's level: an
// audit meeting deleted followers after a rate limit waited the first level's wait again at the next
// refusal, not twice as long, and so asked again too soon, as often as that happened. Through the
// background's handlers (audit.next, audit.claim, audit.result), storage.local in memory, the clock
// set here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';

const { data } = installFakeChrome();
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { newAudit } = await import('../../extension/shared/audit.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { BACKOFF_INTERVALS } = await import('../../extension/shared/scheduler.js');

const realNow = Date.now;
let clock = 1_800_000_000_000;
Date.now = () => clock;
test.after(() => { Date.now = realNow; });

const username = 'anna';
const tab = { tab: { id: 1 }, frameId: 0 };
const lite = (n) => Array.from({ length: n }, (_, i) => ({ username: `f${i}`, pk: String(7000 + i), full_name: '', is_private: false,
  is_verified: false, has_profile_pic: true, phase: 'lite' }));
const firstWait = DEFAULT_SETTINGS.pacingMs * BACKOFF_INTERVALS;

// An audit whose lists are read, reading its followers' profiles.
function readingProfiles() {
  const a = newAudit({ username, userId: '42', isPrivate: false, followerCount: 5000, posts: [], settings: DEFAULT_SETTINGS, now: clock, seed: 7 });
  return { ...a, phase: 'profiles', followers: { ...a.followers, ended: true, pagesDone: 1, lite: lite(50) },
           picks: { followers: ['f1', 'f2', 'f3', 'f4'], likers: [], commenters: [] } };
}

// The next request handed out and claimed, the clock moved to its time; then answered.
async function ask(status, body) {
  for (let i = 0; i < 20; i++) {
    const step = await handle['audit.next']({ username });
    assert.equal(step.action, 'fetch', JSON.stringify(step).slice(0, 300));
    if (step.at > clock) { clock = step.at; continue; }
    const c = await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab);
    if (!c.go) { clock = Math.max(clock, c.at); continue; }
    return handle['audit.result']({ username, id: step.id, audit: step.audit, status, contentType: 'application/json', body });
  }
  throw new Error('no request went');
}
const RATE_LIMITED = [429, '{"message":"Please wait a few minutes before you try again.","status":"fail"}'];
const NOT_FOUND = [404, '{"message":"User not found","status":"fail"}'];

// An audit reading its followers' profiles, refused once: the back-off at its first level.
async function afterRateLimit() {
  data.settings = { ...DEFAULT_SETTINGS };
  data.scheduler = { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 };
  data[`audit:${username}`] = readingProfiles();
  await ask(...RATE_LIMITED);
  assert.equal(data.scheduler.backoffLevel, 1);
}

test('a follower "not found" after a rate limit: the back-off\'s level stays, the next refusal waits twice as long', async () => {
  await afterRateLimit();
  const firstUntil = data.scheduler.backoffUntil;
  assert.ok(firstUntil - clock >= firstWait, 'a first wait');
  await ask(...NOT_FOUND);
  assert.equal(data.scheduler.backoffLevel, 1, 'a profile not found tells nothing of the limit: its level stays');
  await ask(...RATE_LIMITED);
  assert.equal(data.scheduler.backoffLevel, 2);
  assert.ok(data.scheduler.backoffUntil - clock >= 2 * firstWait, `the second refusal waits twice as long: ${data.scheduler.backoffUntil - clock} ms`);
});

test('an answer read after a rate limit still resets the level', async () => {
  await afterRateLimit();
  await ask(200, JSON.stringify({ data: { user: { username: 'f2', id: '7002', edge_followed_by: { count: 10 }, edge_follow: { count: 10 } } }, status: 'ok' }));
  assert.equal(data.scheduler.backoffLevel, 0);
});
