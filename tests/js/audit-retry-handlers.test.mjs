// "Try the followers again" through the background's handlers (audit.start, audit.next, audit.claim,
// audit.result), storage.local in memory and the wasm engine as the extension loads it: the retry
// stored the engagers' audit a second time inside itself (its lists and records twice, 80-100 kB
// each on a real audit), and refused again it came back dated the retry's day, so the panel said
// "From the audit of <the retry's day>" of rows read days before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { readAudit } = await import('../../extension/background/audit-store.js');
// The audit as stored (its record, lists and step: audit-store.js).
const stored = () => readAudit(globalThis.chrome.storage.local, username);
const { newAudit, sourcesBrief } = await import('../../extension/shared/audit.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { entryFromReport, putEntry } = await import('../../extension/shared/history.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const DAY = 86_400_000;
const lite = (prefix, n) => Array.from({ length: n }, (_, i) => ({ username: `${prefix}${i}`, pk: String(7000 + i), full_name: `Name ${i}`,
  is_private: false, is_verified: false, has_profile_pic: true, phase: 'lite' }));

// The profile checked, and an audit of its likers and commenters alone, ended at `endedAt` after the
// followers list was refused: the audit a retry of the followers goes on from.
async function engagersAuditEnded(endedAt, checkedAccounts) {
  const checked = await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  const posts = checked.report.posts.map((p) => ({ id: p.id, likes: p.likes, comments: p.comments }));
  const a = newAudit({ username, userId: id, isPrivate: false, followerCount: 800, posts, settings: DEFAULT_SETTINGS, now: endedAt - 60_000,
                       seed: 7, followersRefused: 'list_refused' });
  const engagers = { ...a, status: 'done', phase: 'done', updatedAt: endedAt, requests: 9, nextId: 10,
    likers: { ...a.likers, done: a.likers.media.length, lite: lite('l', 120) }, commenters: { ...a.commenters, done: a.commenters.media.length, lite: lite('c', 20) },
    picks: { followers: [], likers: checkedAccounts.filter((u) => u.startsWith('l')), commenters: checkedAccounts.filter((u) => u.startsWith('c')) },
    full: Object.fromEntries(checkedAccounts.map((u) => [u, { username: u, phase: 'full', follower_count: 10 }])),
    estimates: { followers: null, likers: { fake_percent: 10, ci_low: 2, ci_high: 30 }, commenters: { fake_percent: 20, ci_low: 5, ci_high: 52 } },
    report: { ...checked.report, fake_percent: 14, ci_low: 5, ci_high: 40 } };
  return { checked, posts, engagers };
}

test('a refused retry of the followers: one audit stored, not two; back as it was, dated its own day; the history untouched', async () => {
  // The engagers' audit, ended three days ago, its result in the history.
  const endedAt = Date.now() - 3 * DAY;
  const { checked, posts, engagers } = await engagersAuditEnded(endedAt, ['l1', 'l2', 'c1']);
  assert.ok(checked.report, 'the profile read');
  data[`audit:${username}`] = engagers;
  data.history = putEntry(data.history, entryFromReport(engagers.report, { computedAt: endedAt, sources: sourcesBrief(engagers), audit: true }).entry);
  const entryBefore = structuredClone(data.history.entries[username]);

  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts, profileSource: 'web_profile_info', fresh: true,
                                followersAgain: true });
  const running = await stored();
  assert.equal(running.status, 'running');
  // One audit in the record: none held inside it (the earlier one was, whole, as engagersKept).
  const nested = Object.entries(running).filter(([, v]) => v && typeof v === 'object' && v.v === engagers.v && v.username === username);
  assert.deepEqual(nested.map(([k]) => k), [], 'no second copy of the audit stored inside the retry');
  // The likers and commenters read are the retry's own, not asked again.
  assert.deepEqual([running.likers.lite.length, running.likers.done === running.likers.media.length,
                    running.commenters.done === running.commenters.media.length], [120, true, true]);

  const step = await handle['audit.next']({ username });
  assert.deepEqual([step.action, step.kind], ['fetch', 'page'], 'the followers list first');
  await handle['audit.claim']({ username, id: step.id }, { tab: { id: 1 }, frameId: 0 });
  const view = await handle['audit.result']({ username, id: step.id, status: 403, contentType: 'application/json',
                                              body: '{"message":"not authorized","status":"fail"}' });
  const back = await stored();
  assert.deepEqual([back.status, back.followers, back.likers, back.estimates, back.report],
                   [engagers.status, engagers.followers, engagers.likers, engagers.estimates, engagers.report]);
  // The panel dates the kept rows by progress.updatedAt: the engagers' audit's end, not today.
  assert.equal(view.progress.updatedAt, endedAt);
  assert.equal(back.updatedAt, endedAt);
  assert.deepEqual(Object.keys(data.history.entries), [username]);
  assert.deepEqual(data.history.entries[username], entryBefore, 'the history keeps the engagers\' result and its day');
});

// "New audit" over a retry of the followers that was cancelled: both that button and "Try the
// followers again" sent `fresh` alone, so it went on with the retry, the followers read afresh
// beside the likers and commenters of the earlier audit (days old, perhaps), never asked again.
test('"New audit" over a cancelled retry of the followers is a fresh audit of every source; "Try the followers again" still goes on', async () => {
  const endedAt = Date.now() - 5 * DAY;
  const { posts, engagers } = await engagersAuditEnded(endedAt, ['l1', 'c1']);
  data[`audit:${username}`] = engagers;
  const start = (over) => handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts, profileSource: 'web_profile_info',
                                                   fresh: true, ...over });
  await start({ followersAgain: true });
  assert.ok((await stored()).followersRetry, 'the retry goes on from the engagers\' audit');
  await handle['audit.cancel']({ username });
  const cancelled = await stored();
  assert.deepEqual([cancelled.status, !!cancelled.followersRetry], ['cancelled', true]);

  const view = await start({});
  const fresh = await stored();
  assert.equal(fresh.followersRetry, undefined, 'no retry of the followers');
  assert.equal(fresh.status, 'running');
  assert.ok(fresh.startedAt > endedAt, 'a new audit, started now');
  // Every source read afresh: none of the earlier likers, commenters or accounts checked carried over.
  assert.deepEqual([fresh.likers.done, fresh.likers.lite.length, fresh.commenters.done, fresh.commenters.lite.length, Object.keys(fresh.full).length,
                    fresh.estimates.likers, fresh.requests], [0, 0, 0, 0, 0, null, 0]);
  assert.ok(fresh.likers.media.length > 0 && fresh.followers.pagesTarget > 0, 'its plan reads the followers and the posts\' engagers');
  assert.deepEqual([view.progress.listsDone, view.progress.sources.likers.listed], [0, 0]);
});
