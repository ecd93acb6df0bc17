// A profile audited again, over days: a second audit samples the audience the count read last
// says, not the one the first audit saw; a second audit cancelled before it narrowed anything
// leaves the first audit's result in view and in the history, and says its rows are its own; a
// day-old reading of the profile alone is checked again on a visit although an audit that ended
// early is stored; a cancelled audit offers a new one that follows the options as they are now.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForBadge, waitForOverlay, openPanel, clickPart, PANEL, apiRequests } from './lib/index.mjs';
import { waitFor, storedAudit, waitForAudit, storedEntry, startAudit, userIdOf, extensionPage, auditEnded as auditEndedIn } from './extension-support.mjs';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const DAY = 24 * 3600 * 1000;
// These audits are about which audience, plan and result count, not how many accounts are checked
// in full: a few per source (17 requests against the default's 41). The cancelled second audit's
// test keeps the default sizes: its first audit must read narrow.
const SMALL_AUDIT = { auditFullSize: 3, auditEngagersFull: 2 };
const DEFAULT_AUDIT = { auditFullSize: DEFAULT_SETTINGS.auditFullSize, auditEngagersFull: DEFAULT_SETTINGS.auditEngagersFull };
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, { resetStandin: true, options: { settings: SMALL_AUDIT } });

const auditEnded = (username, notStartedAt = null) => auditEndedIn(suite, username, { notStartedAt });

// The stored entry made `ms` older (and patched), as if that much time had passed.
async function age(username, ms, patch = {}) {
  const storage = await suite.storage();
  const { history } = await storage.get('history');
  history.entries[username] = { ...history.entries[username], computed_at: history.entries[username].computed_at - ms, ...patch };
  await storage.set({ history });
}

// An audit of `username` started from its page (slow pacing) and cancelled after its first
// request; returns the stored cancelled audit.
async function auditCancelledEarly(username, settings = {}) {
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 600, ...settings } });
  await startAudit(suite, page, username);
  await waitForAudit(suite, username, (a) => a && a.requests >= 1, { what: 'the audit under way' });
  await clickPart(page, PANEL, 'cancel');
  return auditEnded(username);
}

async function elsewhereAndBack(username) {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await page.goto(suite.standin.profileUrl(username));
  return waitForBadge(page);
}

test('a second audit samples the audience the count read last says (1,500), not the first audit\'s (300)', async () => {
  const username = 'mila.gifted';
  suite.standin.setFollowerCount(username, 300);
  await startAudit(suite, page, username);
  const first = await auditEnded(username);
  assert.equal(first.followers.population, 300);
  // The background stores the audit's end before its result in the history: aged before that
  // write, the entry was put back fresh by it, and the visit below read no count (seen once).
  await waitFor(async () => (await storedEntry(suite, username))?.confidence === 'audited', { what: 'the audit\'s result in the history' });
  // The gift arrives; two days pass; a visit reads the count again beside the audited result.
  suite.standin.setFollowerCount(username, 1500);
  await age(username, 2 * DAY);
  await elsewhereAndBack(username);
  await waitFor(async () => (await storedEntry(suite, username)).latest_count, { what: 'the count read again' });
  await openPanel(page);
  await waitForOverlay(page, (s) => s.panel && /1,500 now/.test(s.followerChange || ''), { what: 'then and now' });
  await clickPart(page, PANEL, 'audit-button');
  const second = await auditEnded(username, first.startedAt);
  assert.equal(second.followers.population, 1500);
  const shown = await waitForOverlay(page, (s) => s.sources.followers && !s.auditRunning, { what: 'the followers row' });
  assert.match(shown.sources.followers, /of 1,500/);
});

test('a second audit cancelled before it narrowed anything: the first audit\'s result stays, in view and after a reload, and its rows say they are its own', async () => {
  // A profile whose full audit reads narrow (bought followers at 40%), and a second audit
  // cancelled after its first page: that one is surely wider.
  const username = 'fitqueen_daily';
  await suite.resetExtension(DEFAULT_AUDIT);
  await startAudit(suite, page, username);
  const first = await auditEnded(username);
  const firstShown = await waitForOverlay(page, (s) => s.panelEstimate && !s.auditRunning, { what: 'the first audit shown' });
  const stored = await storedEntry(suite, username);
  await (await suite.storage()).set({ settings: { ...suite.settings, ...DEFAULT_AUDIT, pacingMs: 600 } });
  await page.reload();
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  await waitForAudit(suite, username, (a) => a && a.startedAt !== first.startedAt && a.requests >= 1,
    { what: 'the first request of the second audit' });
  await clickPart(page, PANEL, 'cancel');
  const second = await auditEnded(username, first.startedAt);
  assert.equal(second.status, 'cancelled');
  const wider = second.report.ci_high - second.report.ci_low > stored.ci_high - stored.ci_low;
  assert.ok(wider, `the cancelled audit (${second.report.ci_low}-${second.report.ci_high}) is wider than the first (${stored.ci_low}-${stored.ci_high})`);
  for (const when of ['after the cancel', 'after a reload']) {
    if (when === 'after a reload') {
      await page.reload();
      await waitForBadge(page);
      await openPanel(page);
    }
    const s = await waitForOverlay(page, (x) => x.panelEstimate && !x.auditRunning && /did not narrow/.test(x.panelText || ''),
      { what: `the note ${when}` });
    assert.ok(s.badgeFullText.startsWith(firstShown.badgeFullText), `${when}: the first audit's result leads (${s.badgeFullText})`);
    assert.equal(s.panelEstimate, firstShown.panelEstimate, when);
  }
  const entry = await storedEntry(suite, username);
  assert.deepEqual([entry.ci_low, entry.ci_high], [stored.ci_low, stored.ci_high], 'the history keeps the first audit\'s result');
});

test('a day-old reading of the profile alone is checked again on a visit, though an audit that ended early is stored', async () => {
  const username = 'lena.bakes';
  await auditCancelledEarly(username);
  assert.equal((await storedEntry(suite, username)).confidence, 'instant', 'the cancelled audit narrowed nothing');
  await age(username, 2 * DAY);
  const before = apiRequests(suite.standin, `username=${username}`).filter((e) => e.path.includes('web_profile_info')).length;
  await elsewhereAndBack(username);
  await waitFor(() => apiRequests(suite.standin, `username=${username}`).filter((e) => e.path.includes('web_profile_info')).length === before + 1,
    { what: 'the reading checked again' });
  await waitFor(async () => Date.now() - (await storedEntry(suite, username)).computed_at < 60_000, { what: 'the entry renewed' });
});

test('a cancelled audit resumes with its own plan, or a new audit follows the options as they are now', async () => {
  const username = 'marco.travels';
  // With no estimate stored, the cancelled audit's result goes into the history: marked as ending
  // before its plan (the CSV's confidence audit-partial, not audited), until a finished one replaces it.
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 600, auditBudget: 45 } });
  await startAudit(suite, page, username);
  await age(username, 0, { fake_percent: null, ci_low: null, ci_high: null });
  await waitForAudit(suite, username, (a) => a && a.requests >= 1, { what: 'the audit under way' });
  await clickPart(page, PANEL, 'cancel');
  const cancelled = await auditEnded(username);
  assert.equal(cancelled.budget, 45);
  const partial = await waitFor(async () => { const e = await storedEntry(suite, username); return e && e.confidence === 'audited' && e; },
    { what: 'the cancelled audit\'s result stored' });
  assert.equal(partial.audit_partial, true);
  // Its working state gone (dropped for room, as a stopped audit's is): the panel said "Audited" of
  // the part read. The stored mark says it; the state is put back for the resume below.
  const storage = await suite.storage();
  const state = (await storage.get(`audit:${username}`))[`audit:${username}`];
  await storage.remove(`audit:${username}`);
  const revisit = async () => {
    await page.goto(suite.standin.profileUrl('lena.bakes'));
    await waitForBadge(page);
    await page.goto(suite.standin.profileUrl(username));
    await waitForBadge(page);
    await openPanel(page);
  };
  await revisit();
  const gone = await waitForOverlay(page, (x) => /Audit ended before its plan|Audited:/.test(x.panelText || ''), { what: 'the reading said without its audit' });
  assert.match(gone.panelText, /Audit ended before its plan: the estimate rests on the part of the sample it read/);
  assert.doesNotMatch(gone.panelText, /Audited:/);
  await storage.set({ [`audit:${username}`]: state });
  await revisit();
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 20, auditBudget: 30 } });
  const s = await waitForOverlay(page, (x) => /Resume goes on with the plan this audit started with \(budget 45\)/.test(x.panelText || ''),
    { what: 'the resume note' });
  assert.ok(s.auditButton);
  await clickPart(page, PANEL, 'audit-new');
  const fresh = await auditEnded(username, cancelled.startedAt);
  assert.equal(fresh.budget, 30, 'the new audit follows the options now');
  assert.ok(fresh.requests <= 30);
  const done = await waitFor(async () => { const e = await storedEntry(suite, username); return e && e.computed_at > partial.computed_at && e; },
    { what: 'the finished audit\'s result stored' });
  assert.deepEqual([fresh.status, done.confidence, done.audit_partial], ['done', 'audited', undefined]);
});

// Found over time and identity: an audited result whose report was dropped for space was replaced by
// the profile alone on the next visit; a username another account took showed the old account's
// audit rows; an audit left running for days finished on the follower count it started with.
test('an audited result without its report stays; another account\'s audit is not shown; an audit resumed days later samples the count read now', async () => {
  const username = 'lena.bakes';
  await startAudit(suite, page, username);
  const audit = await auditEnded(username);
  const audited = await waitFor(async () => { const e = await storedEntry(suite, username); return e && e.confidence === 'audited' && e; },
    { what: 'the audited result stored' });
  // Storage full: its report dropped (history.js shrink), the numbers kept.
  const storage = await suite.storage();
  let { history } = await storage.get('history');
  history.entries[username] = { ...history.entries[username], report: null };
  await storage.set({ history });
  suite.standin.clearLog();
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  const kept = await waitForOverlay(page, (s) => /dropped to make room/.test(s.panelText || ''), { what: 'said as kept without its details' });
  assert.equal(kept.badgeState, audited.badge.state);
  const after = await storedEntry(suite, username);
  assert.deepEqual([after.confidence, after.fake_percent, after.ci_low, after.ci_high],
    [audited.confidence, audited.fake_percent, audited.ci_low, audited.ci_high], 'the audited result stays');
  assert.equal(apiRequests(suite.standin, `username=${username}`).length, 0, 'no check of the profile alone put in its place');

  // The username taken by another account since (its id is not the one the audit read): the
  // next check finds the new owner, and the old audit's rows and result go from view.
  ({ history } = await storage.get('history'));
  const other = '999000111';
  const e = history.entries[username];
  history.entries[username] = { ...e, report: { ...audited.report, user_id: other }, computed_at: e.computed_at - 2 * DAY,
    first_seen: { ...e.first_seen, user_id: other, at: e.first_seen.at - 2 * DAY } };
  await storage.set({ history, [`audit:${username}`]: { ...audit, userId: other } });
  await elsewhereAndBack(username);
  await waitFor(async () => (await storedEntry(suite, username)).report?.user_id !== other, { what: 'the new owner read' });
  await openPanel(page);
  const fresh = await waitForOverlay(page, (s) => s.panel && s.auditPlan, { what: 'the new owner with an audit to offer' });
  assert.deepEqual(Object.values(fresh.sources).filter(Boolean), [], `no rows of the old account's audit: ${JSON.stringify(fresh.sources)}`);
  assert.equal((await storedEntry(suite, username)).confidence, 'instant');

  // An audit left (the tab left after two requests), picked up three days later when the follower
  // count has moved: it goes on with the count read now. Left, it is stored and said as paused, not
  // running (the popup said it ran).
  const gifted = 'mila.gifted';
  suite.standin.setFollowerCount(gifted, 300);
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 600 } });
  await startAudit(suite, page, gifted);
  await waitForAudit(suite, gifted, (a) => a && a.requests >= 2, { what: 'the audit under way' });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  const left = await waitForAudit(suite, gifted, (a) => a && a.status !== 'running' && a,
    { what: 'the audit left' });
  assert.equal(left.status, 'paused');
  // What the popup reads of it (audit.status).
  const status = await (await extensionPage(suite)).evaluate((u) => chrome.runtime.sendMessage({ what: 'audit.status', username: u }), gifted);
  assert.equal(status.progress.status, 'paused');
  assert.equal(left.followers.population, 300);
  await age(gifted, 3 * DAY);
  suite.standin.setFollowerCount(gifted, 1500);
  await (await suite.storage()).set({ settings: suite.settings });
  await page.goto(suite.standin.profileUrl(gifted));
  const ended = await auditEnded(gifted, null);
  assert.equal(ended.followers.population, 1500, 'the count read on the visit');
  assert.equal((await storedEntry(suite, gifted)).follower_count, 1500);
});

// A username taken by another account within the day: the stored reading (2 h old, so not checked
// again by age) was shown for the new owner, though the page itself names the new account's id.
test('a fresh stored reading of another account than the page names is checked again', async () => {
  const username = 'marco.travels';
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  const storage = await suite.storage();
  const { history } = await storage.get('history');
  const e = history.entries[username];
  const own = e.report.user_id;
  history.entries[username] = { ...e, report: { ...e.report, user_id: '999000111' }, computed_at: Date.now() - 2 * 3600_000 };
  await storage.set({ history });
  suite.standin.clearLog();
  await page.goto(suite.standin.profileUrl(username));
  await waitFor(async () => (await storedEntry(suite, username)).report?.user_id === own, { what: 'the page\'s own account read' });
  assert.equal(apiRequests(suite.standin, `username=${username}`).length, 1);
  // A reading of its own account is not checked again on the next load.
  suite.standin.clearLog();
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  assert.equal(apiRequests(suite.standin, `username=${username}`).length, 0);
});

// The profile's own data (web_profile_info, then users/<id>/info) answering server errors when an
// audit is asked for on a result kept without its posts (dropped for space): the audit read the
// followers alone and said nothing of the likers and commenters. It still does, and says why.
test('an audit asked for while the profile\'s own data answers 500, on a result kept without its posts: the followers alone, said why', async () => {
  const username = 'lena.bakes';
  await startAudit(suite, page, username);
  const first = await auditEnded(username);
  await waitFor(async () => (await storedEntry(suite, username))?.confidence === 'audited', { what: 'the audited result stored' });
  const storage = await suite.storage();
  const { history } = await storage.get('history');
  history.entries[username] = { ...history.entries[username], report: null };
  await storage.set({ history });
  await elsewhereAndBack(username);
  await openPanel(page);
  await waitForOverlay(page, (s) => /dropped to make room/.test(s.panelText || ''), { what: 'said as kept without its details' });
  suite.standin.addFailure({ mode: 'server_error', match: `username=${username}` });
  suite.standin.addFailure({ mode: 'server_error', match: `/users/${userIdOf(suite.standin, username)}/info` });
  suite.standin.clearLog();
  await clickPart(page, PANEL, 'audit-button');
  const second = await auditEnded(username, first.startedAt);
  assert.equal(second.status, 'done');
  assert.deepEqual(second.ownProfileUnread, { status: 500 });
  assert.equal(apiRequests(suite.standin, '/likers/').length + apiRequests(suite.standin, '/comments/').length, 0, 'no post was known');
  const s = await waitForOverlay(page, (x) => /Likers and commenters: not read/.test(x.panelText || ''), { what: 'the row saying why' });
  assert.match(s.panelText, /Instagram answered this profile's own data with server errors \(HTTP 500\) when the audit started, so its posts were not known; the audit went on with the followers alone\./);
  assert.ok(s.sources.followers, 'the followers\' row');
});

// A result stored by an earlier version carries no account id, so an audit asked for reads the
// profile again first; that read answering server errors (web_profile_info, then users/<id>/info)
// left "Audit followers" doing nothing, without a word. Said now: the audit could not start, the
// status, and when to try again.
test('an audit asked for on a result stored without an account id while the profile\'s data answers 500: said it could not start, and why', async () => {
  const username = 'lena.bakes';
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  const stored = await waitFor(() => storedEntry(suite, username), { what: 'the reading stored' });
  const storage = await suite.storage();
  const { history } = await storage.get('history');
  const report = { ...stored.report };
  delete report.user_id;
  history.entries[username] = { ...stored, report };
  await storage.set({ history });
  await elsewhereAndBack(username);
  suite.standin.addFailure({ mode: 'server_error', match: `username=${username}` });
  suite.standin.addFailure({ mode: 'server_error', match: `/users/${userIdOf(suite.standin, username)}/info` });
  suite.standin.clearLog();
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  const s = await waitForOverlay(page, (x) => /The audit could not start/.test(x.panelText || ''), { what: 'said the audit could not start' });
  assert.match(s.panelText, /The audit could not start: Instagram answered with a server error \(HTTP 500\) when asked for this profile's account id, which this result, stored by an earlier version, lacks\. Try “Audit followers” again after \d/);
  assert.match(s.badgeAnnounced, /The audit could not start/, 'and heard once');
  assert.ok(apiRequests(suite.standin, `username=${username}`).length >= 1, 'the profile was asked for');
  assert.equal(apiRequests(suite.standin, '/followers/').length, 0, 'no audit request');
  assert.equal(await storedAudit(suite, username), null, 'no audit stored');
});
