// A profile audited again, over days: a second audit samples the audience the count read last
// says, not the one the first audit saw; a second audit cancelled before it narrowed anything
// leaves the first audit's result in view and in the history, and says its rows are its own; a
// day-old reading of the profile alone is checked again on a visit although an audit that ended
// early is stored; a cancelled audit offers a new one that follows the options as they are now.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForBadge, waitForOverlay, openPanel, clickPart, PANEL, apiRequests } from './lib/index.mjs';
import { waitFor, storedAudit, storedEntry } from './extension-support.mjs';

const DAY = 24 * 3600 * 1000;
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, { resetStandin: true });

const auditEnded = (username, notStartedAt = null) => waitFor(async () => {
  const a = await storedAudit(suite, username);
  return a && a.status !== 'running' && a.startedAt !== notStartedAt && a;
}, { what: `audit of @${username} ended`, timeout: 90_000 });

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
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  await waitFor(async () => { const a = await storedAudit(suite, username); return a && a.requests >= 1; }, { what: 'the audit under way' });
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
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  const first = await auditEnded(username);
  assert.equal(first.followers.population, 300);
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
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  const first = await auditEnded(username);
  const firstShown = await waitForOverlay(page, (s) => s.panelEstimate && !s.auditRunning, { what: 'the first audit shown' });
  const stored = await storedEntry(suite, username);
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 600 } });
  await page.reload();
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  await waitFor(async () => { const a = await storedAudit(suite, username); return a && a.startedAt !== first.startedAt && a.requests >= 1; },
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
  const cancelled = await auditCancelledEarly(username, { auditBudget: 45 });
  assert.equal(cancelled.budget, 45);
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: 20, auditBudget: 30 } });
  const s = await waitForOverlay(page, (x) => /Resume goes on with the plan this audit started with \(budget 45\)/.test(x.panelText || ''),
    { what: 'the resume note' });
  assert.ok(s.auditButton);
  await clickPart(page, PANEL, 'audit-new');
  const fresh = await auditEnded(username, cancelled.startedAt);
  assert.equal(fresh.budget, 30, 'the new audit follows the options now');
  assert.ok(fresh.requests <= 30);
});
