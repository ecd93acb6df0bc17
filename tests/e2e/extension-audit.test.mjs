// The follower audit in the browser: pages newest first then a random subsample in full,
// paced, with a live estimate; back-off on 429; stop on login; private accounts; cancel keeps
// what was learned and resume carries on from there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, openPanel, clickPart, screenshot, PANEL } from './lib/index.mjs';
import { waitForAudit, storedEntry, auditRequests, userIdOf, startAudit, auditDone } from './extension-support.mjs';

const PACING = 120;
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, {
  // Followers only here (no recent posts read): the likers and commenters are audit-sources.test.mjs's.
  options: { settings: { pacingMs: PACING, auditListSize: 50, auditFullSize: 6, auditPosts: 0 } },
  resetStandin: true,
});

test('an audit lists follower pages, fetches a subsample in full, paced, and narrows the estimate', async () => {
  const username = 'marco.travels';
  await startAudit(suite, page, username);
  const done = await waitForAudit(suite, username, (a) => a && a.status === 'done' && a,
    { what: 'audit done' });
  const reqs = auditRequests(suite.standin, username, userIdOf(suite.standin, username));
  const pages = reqs.filter((e) => e.path.includes('/followers/'));
  const profiles = reqs.filter((e) => e.path.includes('web_profile_info'));
  assert.equal(pages.length, 2, 'two pages of 25 for a sample of 50');
  assert.ok(!pages[0].search.includes('max_id'), 'first page is the newest');
  assert.ok(pages[1].search.includes('max_id='), 'second page follows the cursor');
  assert.equal(profiles.length, 6, 'six followers fetched in full');
  assert.equal(new Set(profiles.map((e) => e.search)).size, 6, 'six different followers');
  assert.equal(done.requests, reqs.length, 'the audit counted every request it made');
  for (const e of reqs) {
    assert.equal(e.headers['x-ig-app-id'], '936619743392459');
    assert.match(e.headers.cookie || '', /sessionid=/);
    assert.equal(e.status, 200);
  }
  // Pacing: consecutive audit requests at least PACING ms apart (a few ms of timer slack).
  for (let i = 1; i < reqs.length; i++) {
    assert.ok(reqs[i].t - reqs[i - 1].t >= PACING - 5, `gap ${i}: ${(reqs[i].t - reqs[i - 1].t).toFixed(1)} ms`);
  }
  assert.ok(done.estimates.followers && typeof done.estimates.followers.fake_percent === 'number', 'the audience estimate was computed');
  const s = await waitForOverlay(page, (st) => st.progress !== null && st.progress === st.progressMax && !st.cancel,
    { what: 'progress full' });
  assert.equal(s.progressMax, 2 + 6);
  assert.ok(s.panelEstimate, 'panel shows an estimate');
  assert.equal(done.report && done.report.confidence, 'audited', 'the combined report is the audited one');
  await page.bringToFront();
  await screenshot(page, 'audit-done');
});

test('a 429 mid-audit backs off, shows when it retries, then finishes', async () => {
  const username = 'lena.bakes';
  suite.standin.addFailure({ mode: 'rate_limit', match: '/followers/', after: 1, times: 1 });
  await startAudit(suite, page, username);
  const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'rate_limited'), { what: 'rate-limited shown' });
  assert.match(s.states.find((x) => x.state === 'rate_limited').text, /\d:\d\d/, 'names the retry time');
  const done = await waitForAudit(suite, username, (a) => a && a.status === 'done' && a,
    { what: 'audit done after back-off' });
  const pages = auditRequests(suite.standin, username, userIdOf(suite.standin, username)).filter((e) => e.path.includes('/followers/'));
  assert.deepEqual(pages.map((e) => e.status), [200, 429, 200]);
  assert.equal(pages[1].search, pages[2].search, 'the same page is asked again');
  // Back-off is 20 pacing intervals after the first 429.
  assert.ok(pages[2].t - pages[1].t >= 20 * PACING - 5, `waited ${(pages[2].t - pages[1].t).toFixed(0)} ms`);
  assert.equal(done.rateLimited, 1);
});

// A later followers page cut off (or refused: a cursor expired during a long back-off answers
// 400) stopped the whole audit as "Instagram may have changed it"; nothing else was read.
test('a later followers page that cannot be read ends the list there; the audit goes on and says why the list is short', async () => {
  const username = 'lena.bakes';
  suite.standin.addFailure({ mode: 'truncated', match: '/followers/', after: 1, times: 1 });
  await startAudit(suite, page, username);
  const a = await auditDone(suite, username);
  assert.equal(a.status, 'done');
  assert.deepEqual([a.followers.lite.length, a.followers.cutShort], [25, true]);
  assert.equal(Object.keys(a.full).length, 6, 'the followers picked were still checked in full');
  const st = await waitForOverlay(page, (x) => /refused the next page of the list/.test(x.panelText || ''), { what: 'the short list said' });
  assert.match(st.panelText, /the audit went on with the 25 read before/);
});

test('a login page mid-audit stops it with the logged-out state, keeping what was fetched', async () => {
  const username = 'lena.bakes';
  suite.standin.addFailure({ mode: 'login_required', match: '/followers/', after: 1 });
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'stopped' && x,
    { what: 'audit stopped' });
  assert.equal(a.stopReason, 'logged_out');
  assert.equal(a.followers.lite.length, 25, 'the first page is kept');
  await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'logged_out'), { what: 'logged-out state in the panel' });
  const count = auditRequests(suite.standin, username, userIdOf(suite.standin, username)).length;
  assert.equal(count, 2, 'no request after the stop');
});

// Before, an audit stopped by a login (or challenge) page after a few lists, no account checked,
// replaced the profile's instant result with an "audited" 0-100% that a revisit kept (an audited
// result is not checked again), beside "Log in to Instagram" long after the user had logged in.
test('an audit stopped by a login page before it narrowed anything: the stored result stays, and the panel says what stopped the audit then', async () => {
  const username = 'lena.bakes';
  await page.goto(suite.standin.profileUrl(username));
  await waitForOverlay(page, (st) => !!st.badgeState, { what: 'the instant check' });
  const before = await storedEntry(suite, username);
  assert.equal(before.confidence, 'instant');
  suite.standin.addFailure({ mode: 'login_required', match: '/followers/', after: 1, times: 1 });
  await startAudit(suite, page, username, { navigate: false });
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'stopped' && x,
    { what: 'audit stopped' });
  assert.equal(a.stopReason, 'logged_out');
  const stopped = 'The audit stopped: Instagram asked to log in. Once you are logged in, resume it: it goes on where it stopped.';
  const now = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'logged_out' && x.text === stopped), { what: 'what stopped the audit' });
  assert.doesNotMatch(now.badgeFullText, /after the audit/, 'the profile\'s own result stays in view');
  const after = await storedEntry(suite, username);
  assert.deepEqual([after.confidence, after.ci_low, after.ci_high], [before.confidence, before.ci_low, before.ci_high],
    `the instant result stays: the stopped audit read ${a.report.ci_low}-${a.report.ci_high}`);
  // Logged in again, the user comes back: the stored result, and the stopped audit said as past.
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForOverlay(page, (st) => st.username === 'marco.travels' && !!st.badgeState, { what: 'another profile' });
  await page.goto(suite.standin.profileUrl(username));
  await openPanel(page);
  const back = await waitForOverlay(page, (st) => st.panel && st.states.some((x) => x.state === 'logged_out'), { what: 'the panel on the revisit' });
  assert.equal(back.states.find((x) => x.state === 'logged_out').text, stopped);
  assert.doesNotMatch(back.badgeFullText, /after the audit/, back.badgeFullText);
  // No re-check happened: the rows are not said to be from before one.
  assert.doesNotMatch(back.panelText, /the reading above is the re-check since/);
  // Resumed, it goes on where it stopped (it started over, reading the first page again).
  const before_ = auditRequests(suite.standin, username, userIdOf(suite.standin, username)).map((e) => e.path + e.search);
  assert.match(back.panelText, /Resume audit/);
  await clickPart(page, PANEL, 'audit-button');
  const done = await waitForAudit(suite, username, (x) => x && x.status === 'done' && x,
    { what: 'resumed audit done' });
  const asked = auditRequests(suite.standin, username, userIdOf(suite.standin, username)).map((e) => e.path + e.search).slice(before_.length);
  assert.ok(!asked.includes(before_[0]), `the first page is not asked again: ${asked.slice(0, 3)}`);
  assert.equal(asked[0], before_[1], 'the refused page is asked again first');
  assert.ok(done.followers.lite.length > 25, 'what the first page listed is kept and more read');
});

test('a challenge page stops the audit', async () => {
  const username = 'lena.bakes';
  suite.standin.addFailure({ mode: 'challenge', match: '/followers/' });
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'stopped' && x,
    { what: 'audit stopped' });
  assert.equal(a.stopReason, 'challenge');
  await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'challenge'), { what: 'challenge state shown' });
});

test('a private account you do not follow: instant estimate only, the audit says it is unavailable', async () => {
  const username = 'private.person';
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'stopped' && x,
    { what: 'audit stopped' });
  assert.equal(a.stopReason, 'private');
  const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'private'), { what: 'private state' });
  assert.ok(s.states.find((x) => x.state === 'private').text.length > 10);
  // The badge no longer offers the audit the list just refused.
  const b = await waitForOverlay(page, (st) => st.badgeLabel && !st.badgeNotes.some((n) => n.id === 'badge.audit_offer'),
    { what: 'badge without the audit offer' });
  assert.equal(b.badgeState, 'no_data');
  assert.equal(auditRequests(suite.standin, username, userIdOf(suite.standin, username)).length, 1, 'one refused request, then nothing');
});

test('a profile whose account info does not send its privacy: unknown, not public, until the followers list refusing tells it private', async () => {
  const username = 'private.person';
  suite.standin.addFailure({ mode: 'wait', match: 'web_profile_info' });
  suite.standin.setBehaviour({ userInfoOmits: ['is_private'] });
  await startAudit(suite, page, username);
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'stopped' && x,
    { what: 'audit stopped' });
  assert.equal(a.isPrivate, null, 'privacy nobody stated is unknown, not public');
  assert.equal(a.stopReason, 'private', 'a 4xx followers list of a profile of unknown privacy is a private one, not "Instagram changed"');
  assert.equal(a.stopDetail, null);
  const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'private'), { what: 'private state' });
  assert.ok(!s.states.some((x) => x.state === 'changed'), JSON.stringify(s.states));
  assert.equal(auditRequests(suite.standin, username, userIdOf(suite.standin, username)).length, 1, 'one refused request, then nothing');
});

// Cancelled after the first post's likers (a post waiting behind the others, too): the row said
// "the last post" and nothing of the two planned posts left unread.
test('cancelled among the posts: the row says how many planned posts were not read', async () => {
  const username = 'likefarm.client';
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, pacingMs: 400, auditPosts: 3 } });
  await startAudit(suite, page, username);
  await waitForAudit(suite, username, (a) => a && a.likers.done >= 1,
    { what: 'the first post\'s likers in', timeout: 30_000 });
  await clickPart(page, PANEL, 'cancel');
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'cancelled' && x,
    { what: 'cancelled' });
  const left = a.likers.media.length - a.likers.done;
  assert.ok(left >= 1 && a.likers.media.length === 3, `${a.likers.done} of ${a.likers.media.length} read`);
  const st = await waitForOverlay(page, (x) => x.sources.likers && !x.cancel, { what: 'the likers row after cancel' });
  const words = left === 1 ? 'One post of the 3 planned was' : `${left} posts of the 3 planned were`;
  assert.match(st.sources.likers, new RegExp(`${words} not read before the audit ended\\.`));
  await s.set({ settings: suite.settings });
});

test('cancel keeps what was learned; resume continues from there', async () => {
  const username = 'marco.travels';
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, pacingMs: 400, auditListSize: 100, auditFullSize: 4 } });
  await startAudit(suite, page, username);
  await waitForAudit(suite, username, (a) => a && a.followers.pagesDone >= 2, { what: 'two pages in' });
  await clickPart(page, PANEL, 'cancel');
  const cancelled = await waitForAudit(suite, username, (a) => a && a.status === 'cancelled' && a,
    { what: 'cancelled' });
  const learned = cancelled.followers.lite.length;
  assert.ok(learned >= 50);
  const userId = userIdOf(suite.standin, username);
  const before = auditRequests(suite.standin, username, userId).length;
  assert.ok(before <= cancelled.requests + 1, 'at most the one request in flight went out after cancel');
  await waitForOverlay(page, (st) => st.auditButton && !st.cancel, { what: 'the audit button is back after cancel' });
  await s.set({ settings: { ...suite.settings, pacingMs: 30, auditListSize: 100, auditFullSize: 4 } });
  await clickPart(page, PANEL, 'audit-button');
  const done = await waitForAudit(suite, username, (a) => a && a.status === 'done' && a,
    { what: 'resumed audit done' });
  assert.ok(done.followers.lite.length >= learned, 'nothing learned was lost');
  assert.equal(done.followers.pagesDone, 4);
  const pages = auditRequests(suite.standin, username, userId).filter((e) => e.path.includes('/followers/') && e.status === 200);
  const firstPages = pages.filter((e) => !e.search.includes('max_id'));
  assert.equal(firstPages.length, 1, 'resume did not start over from the newest page');
});
