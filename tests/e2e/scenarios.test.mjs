// Combinations of issue 14's behaviours that no other file tries (the table "Issue 14's behaviours
// and their combinations" in README.md names each test): a private profile the viewer follows (its
// list is shown: the audit reads it); logged out, or every profile endpoint refusing, on a page with
// neither og:description nor a drawn header (no counts anywhere: the state alone, with its retry,
// and no request spent in a loop); a profile renamed while its audit runs (also with the user going
// to the new name mid-audit: the paused audit moved there stayed paused); audits of a profile
// with no posts (and with its followers list empty too), of one hiding every post's likes, and of
// one with 650 million followers; a post's
// likers answering the login page; "wait" on every endpoint at once.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay } from './lib/index.mjs';
import { waitFor, waitForAudit, storedEntry, startAudit, auditRequests, userIdOf } from './extension-support.mjs';

const T = { timeout: 180_000 };
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, {
  options: { settings: { auditListSize: 50, auditFullSize: 3, auditPosts: 2, auditEngagersFull: 2 } },
  resetStandin: true,
});

const apiCalls = (match = '') => suite.standin.log().filter((e) => e.kind === 'api' && e.path.includes(match));
// A page without og:description and without the profile's header counts (the app drew no
// counts list): nothing on the page says how many follow the profile.
const NO_COUNTS = { og: false, counts: false };

test('a private profile the viewer follows: its followers list is shown, the audit reads it and finishes', T, async () => {
  const username = 'private.person';
  suite.standin.setFollowsPrivate(true);
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status !== 'running' && x, { what: 'the audit ended', timeout: 90_000 });
  assert.deepEqual([a.status, a.stopReason || null], ['done', null], JSON.stringify({ stop: a.stopReason, detail: a.stopDetail }));
  assert.ok(a.followers.lite.length > 0, 'the followers were read');
  const s = await waitForOverlay(page, (st) => st.sources.followers && !st.cancel, { what: 'the followers row' });
  // (The profile's own note stays: private, no instant check of its posts. No refusal is said.)
  assert.doesNotMatch(s.panelText, /no audit can read them now|The audit stopped/, s.panelText);
  assert.equal((await storedEntry(suite, username)).confidence, 'audited');
});

test('logged out on a page with neither og:description nor header counts: "logged out", no number, one request', T, async () => {
  suite.standin.setSession('logged_out');
  suite.standin.setPageVariant(NO_COUNTS);
  try {
    await page.goto(suite.standin.profileUrl('lena.bakes'));
    const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'logged_out'), { what: 'the logged-out state' });
    assert.equal(s.badgeText ?? null, null, 'no number');
    // Logged out is no wait: no retry is planned, nothing asked again by itself.
    assert.ok(!s.states.some((x) => x.retryAt), JSON.stringify(s.states));
    assert.equal(apiCalls('web_profile_info').length, 1, JSON.stringify(apiCalls().map((e) => e.path)));
  } finally {
    suite.standin.setSession('logged_in');
    suite.standin.setPageVariant({});
  }
});

test('every profile endpoint asking to wait on a page with no counts: the wait with its retry time, then the report, no loop', T, async () => {
  const username = 'lena.bakes';
  suite.standin.setPageVariant(NO_COUNTS);
  try {
    // Twice each: the first check and its first retry are refused; the second retry is answered.
    suite.standin.addFailure({ mode: 'wait', match: 'web_profile_info', times: 2 });
    suite.standin.addFailure({ mode: 'wait', match: '/info/', times: 2 });
    await page.goto(suite.standin.profileUrl(username));
    const waiting = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'rate_limited' && x.retryAt),
      { what: 'the wait with its retry time' });
    assert.equal(waiting.badgeText ?? null, null, 'no number while nothing was read');
    const done = await waitForOverlay(page, (st) => st.badgeState && !st.states.some((x) => x.state === 'rate_limited'),
      { what: 'the report once Instagram answers', timeout: 120_000 });
    assert.ok(done.badgeState, 'a reading');
    // Each try asks each endpoint once: three tries of web_profile_info, users/<id>/info after each refusal.
    const profileAsks = apiCalls('web_profile_info').length;
    assert.ok(profileAsks <= 3, `web_profile_info asked ${profileAsks} times`);
  } finally {
    suite.standin.setPageVariant({});
  }
});

// Starts an audit of OLD at a pacing slow enough to rename the profile to NEW (the stand-in) while
// its requests go on; returns the account's id.
async function renameMidAudit(OLD, NEW) {
  await suite.storage().then((st) => st.set({ settings: { ...suite.settings, pacingMs: 300 } }));
  await startAudit(suite, page, OLD);
  const id = userIdOf(suite.standin, OLD);
  await waitFor(() => auditRequests(suite.standin, OLD, id).length >= 2, { what: 'the audit under way' });
  suite.standin.renameProfile(OLD, NEW);
  return id;
}

test('a profile renamed while its audit runs: the audit finishes (its requests go by id), the new name shows its result', T, async () => {
  const OLD = 'lena.bakes', NEW = 'lena.bakes.renamed';
  await renameMidAudit(OLD, NEW);
  const a = await waitForAudit(suite, OLD, (x) => x && x.status !== 'running' && x, { what: 'the audit ended', timeout: 90_000 });
  assert.deepEqual([a.status, a.stopReason || null], ['done', null], JSON.stringify({ stop: a.stopReason, detail: a.stopDetail }));
  await page.goto(suite.standin.profileUrl(NEW));
  const e = await waitFor(async () => { const x = await storedEntry(suite, NEW); return x && x.confidence === 'audited' && x; },
    { what: 'the audited result under the new name', timeout: 30_000 });
  assert.deepEqual(e.former_usernames, [OLD]);
  assert.equal(await storedEntry(suite, OLD), null);
});

// The audit of each profile, to its end: what it reads and says of each source.
async function auditToEnd(username) {
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status !== 'running' && x, { what: `the audit of @${username} ended`, timeout: 90_000 });
  assert.deepEqual([a.status, a.stopReason || null], ['done', null], JSON.stringify({ stop: a.stopReason, detail: a.stopDetail }));
  const s = await waitForOverlay(page, (st) => st.sources.followers && !st.cancel, { what: 'the followers row' });
  return { a, s };
}

test('a profile with no posts: the audit reads its followers alone, no likers or commenters asked', T, async () => {
  const { a, s } = await auditToEnd('new.page.2026');
  assert.deepEqual([a.likers.media.length, a.commenters.media.length], [0, 0]);
  assert.equal(apiCalls('/media/').length, 0, 'no post asked');
  assert.ok(a.followers.lite.length > 0);
  assert.ok(a.estimates.followers, 'an estimate of the followers');
  assert.doesNotMatch(s.panelText, /NaN|undefined|null/, s.panelText);
});

test('every post hiding its likes (like_count -1): the likers are read, their population the follower count, said without numbers made up', T, async () => {
  const username = 'quiet.likes';
  suite.standin.setLikeCounts(username, Array(12).fill(-1));
  const { a, s } = await auditToEnd(username);
  assert.ok(a.likers.media.length > 0, 'the likers of the recent posts are read');
  assert.ok(a.likers.media.every((m) => m.count === null || Number.isSafeInteger(m.count)), JSON.stringify(a.likers.media));
  if (a.estimates.likers) assert.ok(a.estimates.likers.population >= a.followers.population, JSON.stringify(a.estimates.likers));
  assert.doesNotMatch(s.panelText, /NaN|undefined|-1 likes/, s.panelText);
});

test('a profile with 650 million followers: the badge and an audit, the count written in full, no overflow', T, async () => {
  const username = 'clean.celebrity';
  suite.standin.setFollowerCount(username, 650_000_000);
  const { a, s } = await auditToEnd(username);
  assert.equal(a.followers.population, 650_000_000);
  assert.ok(a.estimates.followers && a.estimates.followers.population === 650_000_000, JSON.stringify(a.estimates.followers));
  assert.match(s.panelText, /650,000,000|650M|650 million/, s.panelText);
  assert.doesNotMatch(s.panelText, /NaN|Infinity|undefined/, s.panelText);
});

test('a post\'s likers answering the login page (a session gone): the audit stops as logged out, keeps what it read, asks nothing more, resumes', T, async () => {
  const username = 'lena.bakes';
  suite.standin.addFailure({ mode: 'login_page', match: '/likers/', times: 1 });
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'stopped' && x, { what: 'the audit stopped' });
  assert.equal(a.stopReason, 'logged_out');
  assert.ok(a.followers.lite.length > 0, 'the followers read are kept');
  const asked = auditRequests(suite.standin, username, userIdOf(suite.standin, username)).length;
  const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'logged_out') && /Resume audit/.test(st.panelText || ''), { what: 'logged out, with Resume' });
  assert.ok(!s.states.some((x) => x.state === 'challenge' || x.state === 'changed'), JSON.stringify(s.states));
  assert.equal(auditRequests(suite.standin, username, userIdOf(suite.standin, username)).length, asked, 'nothing asked after the stop');
});

test('"wait" (401) on the followers list, a post\'s likers, web_profile_info and users/<id>/info at once: backed off each time, never "logged out", the audit finishes', T, async () => {
  const username = 'lena.bakes';
  await page.goto(suite.standin.profileUrl(username));
  await waitForOverlay(page, (st) => st.badgeState, { what: 'the first reading' });
  for (const match of ['/followers/', '/likers/', 'web_profile_info', '/info/']) suite.standin.addFailure({ mode: 'wait', match, times: 1 });
  await startAudit(suite, page, username, { navigate: false });
  const a = await waitForAudit(suite, username, (x) => x && x.status !== 'running' && x, { what: 'the audit ended', timeout: 120_000 });
  assert.deepEqual([a.status, a.stopReason || null], ['done', null], JSON.stringify({ stop: a.stopReason, detail: a.stopDetail }));
  assert.ok(a.rateLimited >= 3, `backed off ${a.rateLimited} times`);
  assert.ok(a.followers.lite.length > 0 && a.likers.lite.length > 0, 'followers and likers read');
  const s = await waitForOverlay(page, (st) => st.sources.followers && !st.cancel, { what: 'the rows' });
  assert.ok(!s.states.some((x) => x.state === 'logged_out'), JSON.stringify(s.states));
});

test('a profile renamed while its audit runs, the user going to the new name mid-audit: the paused audit moves there and finishes', T, async () => {
  const OLD = 'lena.bakes', NEW = 'lena.bakes.renamed';
  const id = await renameMidAudit(OLD, NEW);
  await page.goto(suite.standin.profileUrl(NEW));
  const a = await waitForAudit(suite, NEW, (x) => x && x.status === 'done' && x, { what: 'the audit done under the new name', timeout: 90_000 });
  assert.equal(a.userId, id);
  assert.ok(a.followers.lite.length > 0);
  const e = await waitFor(async () => { const x = await storedEntry(suite, NEW); return x && x.confidence === 'audited' && x; },
    { what: 'the audited result under the new name', timeout: 30_000 });
  assert.deepEqual(e.former_usernames, [OLD]);
});

test('nothing to read at all (no posts, the followers list empty): the audit ends, says why, keeps the instant reading', T, async () => {
  const username = 'new.page.2026';
  await page.goto(suite.standin.profileUrl(username));
  const before = await waitForOverlay(page, (st) => st.badgeState, { what: 'the first reading' });
  suite.standin.addFailure({ mode: 'empty_list', match: '/followers/' });
  await startAudit(suite, page, username, { navigate: false });
  const a = await waitForAudit(suite, username, (x) => x && x.status !== 'running' && x, { what: 'the audit ended', timeout: 60_000 });
  assert.deepEqual([a.status, a.followers.lite.length, a.likers.media.length, a.commenters.media.length], ['done', 0, 0, 0]);
  const s = await waitForOverlay(page, (st) => st.sources.followers && !st.cancel, { what: 'the followers row' });
  assert.match(s.sources.followers, /Instagram listed none/);
  assert.doesNotMatch(s.panelText, /NaN|undefined/, s.panelText);
  assert.equal(s.badgeState, before.badgeState, 'the reading is the instant one, not an audit of no one');
  assert.equal(apiCalls('/followers/').length, 1, 'the empty list asked once');
});
