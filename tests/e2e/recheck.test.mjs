// Re-checking an audited profile, in the browser: the panel asks before a re-check replaces the
// audit's result (it did so silently, "Still unclear after the audit" giving way to "Unclear from
// the profile alone"), by keyboard too.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, overlayState, clickPart, apiRequests, PANEL } from './lib/index.mjs';
import { startAudit, auditDone, storedEntry, waitFor } from './extension-support.mjs';
import { percentNumber } from '../../extension/shared/format.js';

let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, { resetStandin: true });

const username = 'lena.bakes';
// A small audit (one followers page, two accounts checked, no posts): an audited result in a second or two.
const SMALL_AUDIT = { auditListSize: 25, auditFullSize: 2, auditPosts: 0 };

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
