// Re-checking an audited profile, in the browser: the panel asks before a re-check replaces the
// audit's result (it did so silently, "Still unclear after the audit" giving way to "Unclear from
// the profile alone"), by keyboard too; and a re-check in one tab shows in the profile's other
// tabs (they went on showing the audit's result until reloaded), with no request of their own.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, waitForBadge, overlayState, clickPart, apiRequests, openPanel, screenshot, PANEL } from './lib/index.mjs';
import { startAudit, auditDone, storedEntry, waitFor } from './extension-support.mjs';
import { percentNumber } from '../../extension/shared/format.js';

let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, { resetStandin: true });

const username = 'lena.bakes';
// A small audit (one followers page, two accounts checked, no posts): an audited result in a second or two.
const SMALL_AUDIT = { auditListSize: 25, auditFullSize: 2, auditPosts: 0 };
const extra = [];
test.afterEach(async () => { while (extra.length) await extra.pop().close(); });

// The audit done and its result in view in `p`; returns the stored (audited) entry.
async function audited(p) {
  await suite.resetExtension(SMALL_AUDIT);
  await startAudit(suite, p, username);
  await auditDone(suite, username);
  await waitForOverlay(p, (st) => !st.cancel && st.sources.followers, { what: 'the audit\'s end in view' });
  const e = await storedEntry(suite, username);
  assert.equal(e.confidence, 'audited');
  return e;
}

const profileRequests = (name) => apiRequests(suite.standin, 'web_profile_info').filter((e) => e.search.includes(`username=${name}`));
const focusedPart = (p) => p.$eval(PANEL, (h) => h.shadowRoot.activeElement?.getAttribute('part') ?? null);

test('Re-check on an audit\'s result asks first, with the estimate it replaces; kept by button or Escape, re-checked when confirmed', async () => {
  const entry = await audited(page);
  const asked = profileRequests(username).length;
  const shown = await overlayState(page);
  await clickPart(page, PANEL, 'recheck');
  const q = await waitForOverlay(page, (st) => /replaced by a reading of the profile alone/.test(st.panelText || ''), { what: 'the question' });
  const p = (v) => percentNumber(v, 'en');
  const question = await page.$eval(PANEL, (h) => h.shadowRoot.querySelector('[part="recheck-question"]').textContent);
  assert.match(question, new RegExp(`^The audit's estimate \\(${p(entry.fake_percent)}%, ${p(entry.ci_low)}–${p(entry.ci_high)}%, from [A-Z][a-z]{2} \\d{1,2}\\) ` +
    'is replaced by a reading of the profile alone, which cannot measure the followers; the audit\'s rows stay\\. A new audit measures the followers again\\.$'));
  assert.match(q.panelText, /Re-check Keep the audit/, 'the two answers');
  const ask = await page.$(`${PANEL} >>> [part="recheck-ask"]`);
  await ask.evaluate((e) => e.scrollIntoView({ block: 'end' }));
  await screenshot(page, 'recheck-question', { element: await page.$(`${PANEL} >>> .panel`), padding: 4 });
  // Keyboard: the focus is on the safe answer; Enter keeps the audit and goes back to Re-check.
  assert.equal(await focusedPart(page), 'recheck-keep');
  await page.keyboard.press('Enter');
  await waitForOverlay(page, (st) => !/replaced by a reading/.test(st.panelText), { what: 'the question gone' });
  assert.equal(await focusedPart(page), 'recheck');
  // Asked again, Escape keeps the audit too (the panel stays open).
  await page.keyboard.press('Enter');
  await waitForOverlay(page, (st) => /replaced by a reading/.test(st.panelText), { what: 'asked again' });
  await page.keyboard.press('Escape');
  const kept = await waitForOverlay(page, (st) => st.panel && !/replaced by a reading/.test(st.panelText), { what: 'kept by Escape' });
  assert.equal(await focusedPart(page), 'recheck');
  assert.equal(profileRequests(username).length, asked, 'nothing asked of Instagram while the user decides or keeps the audit');
  assert.equal((await storedEntry(suite, username)).computed_at, entry.computed_at, 'the audit\'s result stays');
  assert.equal(kept.badgeLabel, shown.badgeLabel, 'the audit\'s result still in view');
  // Confirmed: the re-check runs and its reading replaces the audit's result, the rows staying.
  await page.keyboard.press('Enter');
  await waitForOverlay(page, (st) => /replaced by a reading/.test(st.panelText), { what: 'asked a third time' });
  await clickPart(page, PANEL, 'recheck-confirm');
  const after = await waitFor(async () => { const e = await storedEntry(suite, username); return e.computed_at !== entry.computed_at && e; },
    { what: 'the re-check saved', timeout: 10_000 });
  assert.equal(after.confidence, 'instant');
  assert.equal(profileRequests(username).length, asked + 1, 'one request');
  const s = await waitForOverlay(page, (st) => /the reading above is the re-check since/.test(st.panelText || ''), { what: 'the rows as the last audit\'s' });
  assert.ok(s.sources.followers);
});

test('a re-check in one tab shows in the profile\'s other tab within a second, with no request of its own; a tab of another profile is untouched', async () => {
  await audited(page);
  const second = await suite.session.newPage();
  extra.push(second);
  await second.goto(suite.standin.profileUrl(username));
  const before = await waitForBadge(second);
  const other = await suite.session.newPage();
  extra.push(other);
  await other.goto(suite.standin.profileUrl('marco.travels'));
  const otherBefore = await waitForBadge(other);
  const asked = profileRequests(username).length, askedOther = profileRequests('marco.travels').length;
  await page.bringToFront();
  await clickPart(page, PANEL, 'recheck');
  await waitForOverlay(page, (st) => /replaced by a reading/.test(st.panelText || ''), { what: 'the question' });
  await clickPart(page, PANEL, 'recheck-confirm');
  const rechecked = await waitForOverlay(page, (st) => st.badgeLabel && st.badgeLabel !== before.badgeLabel && st.state !== 'loading',
                                         { what: 'the re-check in the first tab' });
  const at = Date.now();
  // Read without animation frames: the second tab stays in the background.
  const s = await waitFor(async () => { const x = await overlayState(second); return x.badgeLabel === rechecked.badgeLabel && x; },
    { what: `the second tab showing "${rechecked.badgeLabel}" (it showed "${before.badgeLabel}")`, timeout: 3000 });
  assert.ok(Date.now() - at < 1500, `${Date.now() - at} ms`);
  assert.equal(s.badgeState, rechecked.badgeState);
  assert.equal(profileRequests(username).length, asked + 1, 'the first tab\'s one request; none from the second');
  assert.equal(profileRequests('marco.travels').length, askedOther, 'nothing asked for the other profile');
  const o = await overlayState(other);
  assert.equal(o.badgeLabel, otherBefore.badgeLabel, 'the other profile\'s tab is untouched');
  // Its panel says the audit's rows are the last audit's, under the new reading, as the first tab does.
  await second.bringToFront();
  await openPanel(second);
  const panel = await waitForOverlay(second, (st) => st.panel && /the reading above is the re-check since/.test(st.panelText || ''), { what: 'the second tab\'s panel' });
  assert.ok(panel.sources.followers, 'the rows stay');
});
