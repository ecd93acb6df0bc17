// An audit stopped at a followers list Instagram refused (a private profile the viewer does not
// follow, or a public one whose list answers "not authorized"): the panel went on offering "Audit
// followers", which could only be refused again the same way. It says why no audit of the
// followers is possible, offers what can still be read (the likers and commenters of a public
// profile's posts; nothing of a private one's) and a way to try the followers again later.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, waitForBadge, clickPart, PANEL } from './lib/index.mjs';
import { waitFor, waitForAudit, storedEntry, startAudit } from './extension-support.mjs';

let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, {
  options: { settings: { auditListSize: 50, auditFullSize: 4, auditPosts: 2, auditEngagersFull: 2 } },
  resetStandin: true,
});

const followersAsked = () => suite.standin.log().filter((e) => e.kind === 'api' && e.path.includes('/followers/')).length;
const parts = (names) => page.$eval(PANEL, (host, ns) => Object.fromEntries(ns.map((n) => [n, !!host.shadowRoot.querySelector(`[part~="${n}"]`)])), names);
const ended = (username) => waitForAudit(suite, username, (a) => a && a.status !== 'running' && a,
  { what: `audit of @${username} ended`, timeout: 60000 });

test('a public profile whose followers list is refused: no audit of followers offered; its likers and commenters can be audited, the followers tried again', async () => {
  const username = 'lena.bakes';
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  suite.standin.addFailure({ mode: 'not_authorized', match: '/followers/' });
  await startAudit(suite, page, username, { navigate: false });
  assert.equal((await ended(username)).stopReason, 'list_refused');
  const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'list_refused') && !st.cancel, { what: 'the refusal said' });
  assert.match(s.panelText, /Instagram refuses this profile's followers list, so no audit of its followers is possible now/);
  // Said once, with the advice the buttons follow (it came twice: the stop's "recheck the profile", then this).
  assert.equal(s.panelText.split("followers list").length, 2, s.panelText);
  assert.doesNotMatch(s.panelText, /The audit stopped/);
  assert.deepEqual(await parts(['audit-button', 'audit-engagers', 'audit-retry']),
    { 'audit-button': false, 'audit-engagers': true, 'audit-retry': true }, 'no "Audit followers" that can only be refused again');
  assert.match(s.auditPlan || '', /^An audit of the likers and commenters reads who liked or commented on the last 2 posts/);
  assert.equal(followersAsked(), 1);

  await clickPart(page, PANEL, 'audit-engagers');
  const a = await waitForAudit(suite, username, (x) => x && x.status === 'done' && x,
    { what: 'the likers and commenters audited', timeout: 60000 });
  assert.equal(followersAsked(), 1, 'the refused list is not asked again');
  assert.ok(a.likers.lite.length > 0, 'the likers were read');
  const done = await waitForOverlay(page, (st) => st.sources.likers && !st.cancel, { what: 'the likers row' });
  assert.match(done.sources.followers || '', /Followers: not read, Instagram refused their list/);
  assert.ok(!done.badgeNotes.some((n) => n.id === 'badge.audit_offer'), 'the badge offers no audit of the followers');
  assert.deepEqual(await parts(['audit-button', 'audit-engagers', 'audit-retry']),
    { 'audit-button': false, 'audit-engagers': true, 'audit-retry': true });

  // Trying the followers again (the list may be shown again later) asks for it again.
  await clickPart(page, PANEL, 'audit-retry');
  await waitFor(() => followersAsked() === 2, { what: 'the followers list asked again' });
  // Refused again: the likers and commenters' audit stays, rows and all (the retry replaced it,
  // and its rows went while the panel still spoke of them).
  const back = await waitForAudit(suite, username, (x) => x && x.status === 'done' && x,
    { what: 'the likers and commenters\' audit back', timeout: 60000 });
  assert.deepEqual([back.followers.refused, back.likers.lite.length, back.engagersKept, back.followersRetry],
    ['list_refused', a.likers.lite.length, undefined, undefined]);
  const again = await waitForOverlay(page, (st) => st.sources.likers && !st.cancel, { what: 'the likers row after the refused retry' });
  assert.equal(again.sources.likers, done.sources.likers);
  assert.deepEqual(await parts(['audit-button', 'audit-engagers', 'audit-retry']),
    { 'audit-button': false, 'audit-engagers': true, 'audit-retry': true });
  assert.ok((await storedEntry(suite, username)).sources.likers, 'the stored result keeps the likers');

  // The list shown again: tried again, cancelled, then "New audit" is a fresh audit of every source
  // (it went on with the cancelled try, keeping the earlier likers and commenters).
  suite.standin.clearFailures();
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 3000 } });
  await clickPart(page, PANEL, 'audit-retry');
  await waitFor(() => followersAsked() === 3, { what: 'the followers list asked a third time' });
  await clickPart(page, PANEL, 'cancel');
  const cancelled = await waitForAudit(suite, username, (x) => x && x.status === 'cancelled' && x,
    { what: 'the try cancelled' });
  assert.ok(cancelled.followersRetry, 'a try of the followers, cancelled');
  await waitForOverlay(page, (st) => st.panel && !st.cancel, { what: 'the panel after the cancel' });
  await clickPart(page, PANEL, 'audit-new');
  const fresh = await waitForAudit(suite, username, (x) => x && x.startedAt > cancelled.startedAt && x,
    { what: 'a new audit' });
  assert.deepEqual([fresh.followersRetry, fresh.likers.done, fresh.likers.lite.length], [undefined, 0, 0], 'every source read afresh');
  await clickPart(page, PANEL, 'cancel');
});

test('a private profile the viewer does not follow: after the refusal nothing is offered but trying again once following it', async () => {
  const username = 'private.person';
  await startAudit(suite, page, username);
  assert.equal((await ended(username)).stopReason, 'private');
  const s = await waitForOverlay(page, (st) => st.states.some((x) => x.state === 'private') && !st.cancel, { what: 'the refusal said' });
  assert.match(s.panelText, /Instagram shows this profile's followers and posts only to its followers: no audit can read them now\. Once you follow it, try again\./);
  assert.doesNotMatch(s.panelText, /The audit stopped/, 'the refusal said once');
  assert.deepEqual(await parts(['audit-button', 'audit-engagers', 'audit-retry']),
    { 'audit-button': false, 'audit-engagers': false, 'audit-retry': true });
  assert.equal(s.auditPlan, null, 'no plan for an audit that cannot run');
});
