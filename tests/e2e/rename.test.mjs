// A profile renamed on Instagram, in the real browser against the stand-in (renameProfile: the same
// account, its id, under a new name; the old name answers 404): checked as @lena.bakes, renamed
// to @lena.bakes.studio, the new name's page goes on with its history (the then-and-now line from
// the first check, "Formerly @lena.bakes" in the panel, the popup and the CSV); the old name's page
// says where the account went, not that it was deleted; another account taking the old name
// inherits nothing. And an audit's result moves as it is. A name taken over by another account
// before the renamed one was seen again: the old owner's history is kept aside, then goes on
// under its new name (taken.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, waitForBadge, waitForOverlay, openPanel, screenshot, clickPart, PANEL } from './lib/index.mjs';
import { waitFor, storedEntry, storedAudit, waitForAudit, extensionPage, startAudit, auditDone, openActionPopup, popupAsks } from './extension-support.mjs';

const T = { timeout: 180_000 };
const OLD = 'lena.bakes', NEW = 'lena.bakes.studio';
let suite, page;
useSuite((s, p) => { suite = s; page = p; });

const apiCalls = () => suite.standin.log().filter((e) => e.kind === 'api').length;

// From a fresh stand-in and extension: @lena.bakes checked once, with 500 followers then. Its
// stored entry and the account's id.
async function firstCheckOfOld() {
  suite.standin.reset();
  await suite.resetExtension();
  suite.standin.setFollowerCount(OLD, 500);
  await page.goto(suite.standin.profileUrl(OLD));
  await waitForBadge(page, { what: `badge on @${OLD}` });
  const first = await waitFor(() => storedEntry(suite, OLD), { what: 'the first check stored' });
  return { first, id: first.report.user_id };
}

// The renamed account's page under its new name, its panel open: the then-and-now line from
// @old's first check (500 followers then, 820 now) and "Formerly @old". Returns the overlay's state.
async function panelOnNewName(what) {
  await page.goto(suite.standin.profileUrl(NEW));
  await waitForBadge(page, { what: `badge on @${NEW}` });
  await openPanel(page);
  const panel = await waitForOverlay(page, (x) => x.panel && x.followerChange && x.panelText.includes('Formerly'), { what });
  assert.match(panel.followerChange, /^Followers: 500 at your first check \(.+\), 820 now: \+320 \(\+64%\)\.$/);
  assert.ok(panel.panelText.includes(`Formerly @${OLD}`), panel.panelText);
  return panel;
}

async function popupRows() {
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  const rows = await popup.$$eval('#rows tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  await popup.close();
  return rows;
}

test('checked as @old, renamed to @new: @new goes on with its history, @old says where it went, a new owner of @old inherits nothing', T, async () => {
  // The check under the old name, with 500 followers then.
  const { first, id } = await firstCheckOfOld();
  assert.deepEqual(first.first_seen, { follower_count: 500, at: first.first_seen.at, user_id: id });

  // Renamed on Instagram; 820 followers now.
  suite.standin.renameProfile(OLD, NEW);
  suite.standin.setFollowerCount(OLD, null);
  await panelOnNewName('the then-and-now line and the former name in the panel');
  await screenshot(page, 'rename-panel-new-name');
  const moved = await storedEntry(suite, NEW);
  assert.deepEqual(moved.first_seen, { follower_count: 500, at: first.first_seen.at, user_id: id });
  assert.deepEqual(moved.former_usernames, [OLD]);
  assert.equal(moved.follower_count, 820);
  assert.equal(await storedEntry(suite, OLD), null, 'one entry for the account');

  // The popup: one row, saying the former name; the CSV has it in its own column.
  const rows = await popupRows();
  assert.equal(rows.length, 1, JSON.stringify(rows));
  assert.ok(rows[0][0].startsWith(NEW) && rows[0][0].includes(`Formerly @${OLD}`), JSON.stringify(rows));
  const ext = await extensionPage(suite);
  const csv = await ext.evaluate(() => chrome.runtime.sendMessage({ what: 'history.export', format: 'csv' }));
  const [head, row] = csv.text.trim().split('\r\n').map((l) => l.split(','));
  assert.equal(row[head.indexOf('former_usernames')], OLD);

  // The old name's page: Instagram has no such profile now. Said renamed, with the new name, not deleted.
  suite.standin.clearLog();
  await page.goto(suite.standin.profileUrl(OLD));
  const s = await waitForOverlay(page, (x) => x.badgeState === 'renamed' || x.badgeState === 'not_found',
    { what: 'the old name said renamed', timeout: 15_000 });
  assert.equal(s.badgeState, 'renamed', JSON.stringify(s.states));
  assert.deepEqual(s.states.map((x) => [x.state, x.text]), [['renamed', `Renamed, now @${NEW}`]]);
  assert.ok(s.badgeAnnounced.includes(`the account was renamed to @${NEW}, and its history moved with it`), s.badgeAnnounced);
  await openPanel(page);
  const said = await waitForOverlay(page, (x) => x.panel && x.states.some((y) => y.where === 'panel'), { what: 'the panel on the old name' });
  assert.ok(said.states.some((x) => x.where === 'panel' && x.state === 'renamed' && x.text.includes(`renamed to @${NEW}`)), JSON.stringify(said.states));
  assert.ok(!s.states.some((x) => /does not exist/.test(x.text)));
  assert.equal(apiCalls(), 1);
  await screenshot(page, 'rename-old-name');
  assert.equal(await storedEntry(suite, OLD), null, 'nothing stored as gone under the old name');
  assert.deepEqual((await storedEntry(suite, NEW)).first_seen.follower_count, 500, 'the account\'s history untouched');

  // Another account (another id) takes the old name: its own first count, no former names, and the
  // renamed account's entry as it was.
  suite.standin.renameProfile('mila.gifted', OLD);
  await page.goto(suite.standin.profileUrl(OLD));
  await waitForBadge(page, { what: `badge on the new owner of @${OLD}` });
  const squatter = await waitFor(() => storedEntry(suite, OLD), { what: 'the new owner\'s check stored' });
  assert.notEqual(squatter.report.user_id, id);
  assert.deepEqual(squatter.first_seen, { follower_count: 1500, at: squatter.first_seen.at, user_id: squatter.report.user_id });
  assert.equal(squatter.former_usernames, undefined);
  await openPanel(page);
  const theirs = await waitForOverlay(page, (x) => x.panel && x.panelEstimate, { what: 'the new owner\'s panel' });
  assert.equal(theirs.followerChange, null);
  assert.ok(!theirs.panelText.includes('Formerly'), theirs.panelText);
  const kept = await storedEntry(suite, NEW);
  assert.deepEqual([kept.first_seen.follower_count, kept.former_usernames], [500, [OLD]]);
  suite.standin.reset();
});

test('an audit of the old name: its result moves as it is, with the count read now, and its working state (rows) with it', T, async () => {
  suite.standin.reset();
  // A small audit of every source (17 requests, not the default's 41): what moves is its result and rows.
  await suite.resetExtension({ auditFullSize: 3, auditEngagersFull: 2 });
  suite.standin.setFollowerCount(OLD, 600);
  await startAudit(suite, page, OLD);
  const audit = await auditDone(suite, OLD);
  const before = await waitFor(async () => { const e = await storedEntry(suite, OLD); return e && e.confidence === 'audited' && e; },
    { what: 'the audited result stored' });
  suite.standin.renameProfile(OLD, NEW);
  suite.standin.setFollowerCount(OLD, null);
  suite.standin.clearLog();
  await page.goto(suite.standin.profileUrl(NEW));
  await waitForBadge(page, { what: `badge on @${NEW}` });
  await openPanel(page);
  const panel = await waitForOverlay(page, (x) => x.panel && x.followerChange && x.panelText.includes('Formerly'),
    { what: 'the audited result with its then-and-now line' });
  assert.ok(panel.panelText.includes('Audited: based on a sample of the followers.'), panel.panelText);
  await screenshot(page, 'rename-panel-audited');
  assert.match(panel.followerChange, /^Followers: 600 at your first check \(.+\), 820 now: \+220 \(\+37%\)\.$/);
  const e = await storedEntry(suite, NEW);
  assert.deepEqual([e.confidence, e.fake_percent, e.follower_count, e.latest_count.follower_count, e.former_usernames],
    ['audited', before.fake_percent, 600, 820, [OLD]]);
  assert.deepEqual(e.sources, before.sources, 'each source\'s row comes along');
  assert.equal(await storedEntry(suite, OLD), null);
  assert.equal(suite.standin.log().filter((x) => x.kind === 'api').length, 1, 'one check of the new name');
  // The audit's working state follows the account: the panel's "Who was sampled" rows are read
  // from it (they were gone on the new name); deleting the account from the history forgets it.
  assert.ok(panel.sources.followers, 'the followers\' row on the new name');
  assert.equal(await storedAudit(suite, OLD), null);
  assert.deepEqual([(await storedAudit(suite, NEW)).userId, (await storedAudit(suite, NEW)).username], [audit.userId, NEW]);
  const ext = await extensionPage(suite);
  await ext.evaluate((u) => chrome.runtime.sendMessage({ what: 'history.delete', usernames: [u] }), NEW);
  assert.equal(await storedAudit(suite, NEW), null);
  suite.standin.reset();
});

// The panel's buttons, each as part(disabled):text.
const buttons = () => page.$eval(PANEL, (host) => [...host.shadowRoot.querySelectorAll('button')]
  .map((b) => `${b.getAttribute('part')}${b.disabled ? '(disabled)' : ''}`));

test('an audit stopped by a challenge page, then the account renamed: the new name offers Resume with its rows; the old name, popup too, shows no audit', T, async () => {
  suite.standin.reset();
  await suite.resetExtension({ auditListSize: 50, auditFullSize: 6, auditPosts: 2, auditEngagersFull: 2 });
  suite.standin.addFailure({ mode: 'challenge', match: '/api/', after: 6 });
  await startAudit(suite, page, OLD);
  const stopped = await waitForAudit(suite, OLD, (a) => a && a.status !== 'running' && a,
    { what: 'the audit stopped by the challenge', timeout: 60000 });
  assert.equal(stopped.stopReason, 'challenge');
  suite.standin.clearFailures();
  suite.standin.renameProfile(OLD, NEW);
  await page.goto(suite.standin.profileUrl(NEW));
  await waitForBadge(page, { what: `badge on @${NEW}` });
  await openPanel(page);
  const s = await waitForOverlay(page, (x) => x.panel && x.panelText.includes('Formerly') && x.states.some((y) => y.state === 'challenge'),
    { what: 'the stopped audit on the new name' });
  assert.ok(s.sources.followers, 'its followers\' row');
  assert.deepEqual(await buttons(), ['close', 'recheck', 'audit-button', 'audit-new']);
  assert.match(await page.$eval(PANEL, (h) => h.shadowRoot.querySelector('[part="audit-button"]').textContent), /^Resume audit$/);
  assert.equal(await storedAudit(suite, OLD), null);
  assert.equal((await storedAudit(suite, NEW)).userId, stopped.userId);

  await page.goto(suite.standin.profileUrl(OLD));
  await waitForOverlay(page, (x) => x.badgeState === 'renamed', { what: 'the old name said renamed', timeout: 15_000 });
  await openPanel(page);
  const old = await waitForOverlay(page, (x) => x.panel && x.states.some((y) => y.where === 'panel'), { what: 'the panel on the old name' });
  assert.deepEqual(await buttons(), ['close'], 'no audit control where there is no profile');
  assert.equal(old.progress, null, 'no progress line');
  const popup = await openActionPopup(suite, page);
  assert.equal(await popup.$eval('#current-body', (b) => b.dataset.state), 'renamed');
  assert.equal(await popup.$('#current-audit'), null, 'the popup shows no audit for the old name');
  await popup.close();
  // Resumed on the new name, it goes on where it stopped and finishes there.
  await page.goto(suite.standin.profileUrl(NEW));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  const done = await auditDone(suite, NEW);
  assert.equal(done.userId, stopped.userId);
  assert.ok((await storedEntry(suite, NEW)).sources, 'its result saved under the new name');
  assert.equal(await storedEntry(suite, OLD), null);
  suite.standin.reset();
});

test('a refused followers list and an audit of the likers and commenters alone, then the account renamed: the new name keeps its rows and offers no "Audit followers"', T, async () => {
  suite.standin.reset();
  await suite.resetExtension({ auditListSize: 50, auditFullSize: 4, auditPosts: 2, auditEngagersFull: 2 });
  await page.goto(suite.standin.profileUrl(OLD));
  await waitForBadge(page);
  suite.standin.addFailure({ mode: 'not_authorized', match: '/followers/' });
  await startAudit(suite, page, OLD, { navigate: false });
  await waitForAudit(suite, OLD, (a) => a && a.status === 'stopped' && a, { what: 'the list refused', timeout: 60000 });
  await waitForOverlay(page, (x) => x.states.some((y) => y.state === 'list_refused') && !x.cancel, { what: 'the refusal said' });
  await clickPart(page, PANEL, 'audit-engagers');
  await waitForAudit(suite, OLD, (a) => a && a.status === 'done' && a, { what: 'the engagers audited', timeout: 60000 });
  suite.standin.renameProfile(OLD, NEW);
  await page.goto(suite.standin.profileUrl(NEW));
  await waitForBadge(page, { what: `badge on @${NEW}` });
  await openPanel(page);
  const s = await waitForOverlay(page, (x) => x.panel && x.panelText.includes('Formerly') && x.sources.likers, { what: 'the likers row on the new name' });
  assert.match(s.sources.followers || '', /Followers: not read, Instagram refused their list/);
  assert.deepEqual(await buttons(), ['close', 'recheck', 'audit-engagers', 'audit-retry'], 'no "Audit followers" that can only be refused again');
  assert.equal((await storedAudit(suite, NEW)).followers.refused, 'list_refused');
  suite.standin.reset();
});

test('@old taken by another account before the renamed one is seen again: its history is kept aside, said on @old, and goes on under @new', T, async () => {
  const { first, id } = await firstCheckOfOld();

  // Renamed on Instagram, and another account takes the old name, before any check of the new one.
  suite.standin.renameProfile(OLD, NEW);
  suite.standin.setFollowerCount(OLD, null);
  suite.standin.renameProfile('mila.gifted', OLD);
  await page.goto(suite.standin.profileUrl(OLD));
  await waitForBadge(page, { what: `badge on the new owner of @${OLD}` });
  const squatter = await waitFor(async () => { const e = await storedEntry(suite, OLD); return e && e.report.user_id !== id && e; },
    { what: 'the new owner\'s check stored' });
  assert.deepEqual([squatter.first_seen.follower_count, squatter.former_usernames], [1500, undefined], 'the new owner starts afresh');
  await openPanel(page);
  const theirs = await waitForOverlay(page, (x) => x.panel && x.earlierOwner, { what: 'the new owner\'s panel saying an earlier account was kept aside' });
  assert.equal(theirs.earlierOwner,
    'Another account had this name before; its history is kept aside (Fakemeter\'s toolbar button) until Fakemeter sees it under its new name.');
  assert.equal(theirs.followerChange, null);
  await screenshot(page, 'taken-panel-new-owner');
  // Kept aside, not overwritten: with its first count, findable by its account.
  const ext = await extensionPage(suite);
  const aside = () => ext.evaluate(() => chrome.storage.local.get('history_set_aside').then((o) => o.history_set_aside || []));
  const kept = await aside();
  assert.deepEqual(kept.map((i) => [i.key, i.user_id, i.taken, i.value.first_seen.follower_count]), [[`entries.${OLD}`, id, OLD, 500]]);
  // The popup on @old: the same line; its set-aside list says whose entry it is, in words.
  let popup = await openActionPopup(suite, page);
  assert.equal(await popup.$eval('#current-earlier', (e) => e.textContent), theirs.earlierOwner);
  await popup.waitForSelector('#aside:not([hidden])');
  assert.match(await popup.$eval('#aside-items', (e) => e.textContent), new RegExp(`^@${OLD.replace('.', '\\.')} now belongs to another account`));
  // Its note is true of it (it said "kept as it was", "download it to keep it"): no full report, back by itself, Import JSON takes the download.
  const note = await popup.$eval('#aside-note', (e) => e.textContent);
  assert.doesNotMatch(note, /as it was/);
  assert.match(note, /not its full report\. An entry of a taken name goes back into the history by itself when Fakemeter sees that account under its new name; discarded, it does not\. Download a copy to keep \(Import JSON takes the profiles in it back into the history\), or discard\.$/);
  // Discarding asks first, in the popup, saying it loses the only copy of that account's history
  // here (Escape answers Cancel: nothing goes).
  const asked = await popupAsks(popup, '#aside-discard');
  assert.match(asked.question, /^Discard the 1 item kept aside\? It cannot be brought back\. One is the entry of an account whose name another account took, the only copy of its history here.* To keep a copy, cancel and download first\.$/);
  assert.deepEqual(asked.answers, ['Discard 1 item', 'Cancel']);
  await popup.keyboard.press('Escape');
  await popup.waitForSelector('#aside-discard + .ask', { hidden: true });
  assert.equal((await aside()).length, 1, 'cancelled: still kept');
  await popup.close();

  // The renamed account checked under its new name: its history goes on from @old's first reading.
  const panel = await panelOnNewName('the then-and-now line from @old\'s first check');
  assert.equal(panel.earlierOwner, null, 'no earlier owner of @new');
  const moved = await storedEntry(suite, NEW);
  assert.deepEqual([moved.first_seen, moved.former_usernames], [{ follower_count: 500, at: first.first_seen.at, user_id: id }, [OLD]]);
  assert.deepEqual(await aside(), [], 'it left the set-aside list');
  assert.equal((await storedEntry(suite, OLD)).report.user_id, squatter.report.user_id, 'the new owner keeps @old');

  // Back on @old: where the earlier account went, by its new name.
  await page.goto(suite.standin.profileUrl(OLD));
  await waitForBadge(page, { what: `badge on @${OLD} again` });
  await openPanel(page);
  const again = await waitForOverlay(page, (x) => x.panel && x.earlierOwner, { what: 'the panel on @old again' });
  assert.equal(again.earlierOwner, `Another account had this name before; it is now @${NEW}, and its history moved there.`);
  popup = await openActionPopup(suite, page);
  assert.equal(await popup.$eval('#current-earlier', (e) => e.textContent), again.earlierOwner);
  await popup.close();
  suite.standin.reset();
});

// A tab on the old name saying "Renamed, now @new" kept saying so when the account was renamed
// again, and when another account took the old name and was read in another tab: it follows the
// account to its later name, and a later reading of the old name takes its place (reading-change.js).
test('a tab saying "Renamed, now @new" follows a later rename, and gives way to a later reading of the old name', T, async () => {
  const NEWER = 'lena.bakes.atelier';
  await firstCheckOfOld();
  suite.standin.renameProfile(OLD, NEW);
  await page.goto(suite.standin.profileUrl(NEW));
  await waitForBadge(page, { what: `badge on @${NEW}` });
  await waitFor(() => storedEntry(suite, NEW), { what: 'the account under its new name' });
  const oldTab = await suite.session.newPage();
  try {
    await oldTab.goto(suite.standin.profileUrl(OLD));
    await waitForOverlay(oldTab, (x) => x.badgeState === 'renamed' && x.states.some((y) => y.text === `Renamed, now @${NEW}`),
      { what: 'the old name said renamed', timeout: 15_000 });
    // Renamed again, the newer name checked in the other tab: the old name's tab names it.
    suite.standin.renameProfile(OLD, NEWER);
    await page.bringToFront();
    await page.goto(suite.standin.profileUrl(NEWER));
    await waitForBadge(page, { what: `badge on @${NEWER}` });
    await oldTab.bringToFront();
    await waitForOverlay(oldTab, (x) => x.badgeState === 'renamed' && x.states.some((y) => y.text === `Renamed, now @${NEWER}`),
      { what: 'the old name\'s tab following the newer name', timeout: 15_000 });
    // Another account takes the old name and is read in the other tab: its reading takes the place
    // of "Renamed" in the old name's tab, which asks Instagram nothing for it.
    suite.standin.renameProfile('mila.gifted', OLD);
    await page.bringToFront();
    await page.goto(suite.standin.profileUrl(OLD));
    await waitForBadge(page, { what: `badge on the new owner of @${OLD}` });
    const squatter = await waitFor(() => storedEntry(suite, OLD), { what: 'the new owner\'s check stored' });
    suite.standin.clearLog();
    await oldTab.bringToFront();
    const shown = await waitForOverlay(oldTab, (x) => x.badgeState !== 'renamed' && x.badgeLabel,
      { what: 'the old name\'s tab showing the new owner\'s reading', timeout: 15_000 });
    assert.ok(!shown.states.some((y) => y.state === 'renamed'), JSON.stringify(shown.states));
    assert.equal(squatter.former_usernames, undefined);
    assert.equal(apiCalls(), 0, 'from the history, not asked again');
  } finally {
    await oldTab.close();
    suite.standin.reset();
  }
});
