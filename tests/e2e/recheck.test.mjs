// Re-checking an audited profile, in the browser: the panel asks before a re-check replaces the
// audit's result (it did so silently, "Still unclear after the audit" giving way to "Unclear from
// the profile alone"), by keyboard too; and a re-check in one tab shows in the profile's other
// tabs (they went on showing the audit's result until reloaded), with no request of their own; so
// does a reading one tab made while another waited on Instagram ("retrying at …"), whose retry then
// asks nothing.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, waitForBadge, overlayState, clickPart, apiRequests, openPanel, screenshot, PANEL, requestMatches } from './lib/index.mjs';
import { startAudit, auditDone, storedEntry, waitFor, userIdOf, inContentWorld } from './extension-support.mjs';
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

const profileRequests = (name) => apiRequests(suite.standin, 'web_profile_info').filter((e) => requestMatches(e, `username=${name}`));
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
  // The tabs follow storage by the background's messages (background/tab-relay.js): none listens
  // to storage.onChanged, which handed each the whole history, old and new, at every check.
  for (const p of [page, second, other]) {
    assert.equal(await inContentWorld(suite, p, 'chrome.storage.onChanged.hasListeners()'), false, 'no storage listener in a tab');
  }
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

// A tab waiting to retry the profile ("Instagram asked to slow down; retrying at …") went on saying
// so after another tab of it read the profile (only a tab showing a result followed), then asked
// Instagram again at its time. It shows that reading within a second, and its retry goes nowhere.
test('a tab waiting to retry the profile shows the reading another tab made, and asks Instagram nothing more', async () => {
  // At this pacing a refusal backs off 5 s, and the fallback's refusal after it 10 s: the retry is that far off.
  await suite.resetExtension({ pacingMs: 250 });
  const info = `/users/${userIdOf(suite.standin, username)}/info/`;
  const asks = () => suite.standin.log().filter((e) => e.kind === 'api' && (requestMatches(e, `username=${username}`) || e.path.includes(info)));
  const waiting = await suite.session.newPage();
  extra.push(waiting);
  suite.standin.addFailure({ mode: 'wait', match: `web_profile_info/?username=${username}` });
  suite.standin.addFailure({ mode: 'wait', match: info });
  let wait;
  try {
    await waiting.goto(suite.standin.profileUrl(username));
    const w = await waitForOverlay(waiting, (st) => st.state === 'rate_limited' && st.states.some((x) => x.retryAt), { what: 'the wait with its time' });
    wait = w.states.find((x) => x.retryAt);
    assert.equal(w.badgeState, 'status', 'a wait, no reading in view');
  } finally {
    suite.standin.clearFailures();
  }
  assert.match(wait.said, /asked to slow down; retrying at \d{1,2}:\d\d/);
  // The back-off lifted (as though served; the waiting tab's retry stays due at its time): the
  // other tab's first check goes at once and is answered.
  await (await suite.storage()).set({ scheduler: { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 } });
  const before = asks().length;
  await page.bringToFront();
  await page.goto(suite.standin.profileUrl(username));
  const read = await waitForOverlay(page, (st) => st.badgeLabel && st.badgeState !== 'status' && st.state !== 'loading', { what: 'the other tab\'s reading' });
  assert.equal(asks().length, before + 1, 'the other tab\'s one request');
  assert.ok(wait.retryAt > Date.now() + 1000, `the waiting tab's retry still to come (at ${wait.retryAt}, now ${Date.now()})`);
  const at = Date.now();
  const s = await waitFor(async () => { const x = await overlayState(waiting); return x.badgeLabel === read.badgeLabel && x; },
    { what: `the waiting tab showing "${read.badgeLabel}"`, timeout: 3000 });
  assert.ok(Date.now() - at < 1500, `${Date.now() - at} ms`);
  assert.equal(s.badgeState, read.badgeState);
  assert.ok(!s.states.some((x) => x.state === 'rate_limited'), 'no wait left in view');
  // Past the time the retry was due (and a second more): the waiting tab asked Instagram nothing.
  await waitFor(async () => Date.now() > wait.retryAt + 1000, { what: 'the retry\'s time past', timeout: 20_000, interval: 100 });
  assert.equal(asks().length, before + 1, 'no request from the tab that waited');
  assert.equal((await overlayState(waiting)).badgeLabel, read.badgeLabel, 'the reading stays in view');

  // A tab told the profile is not found shows a reading another tab makes afterwards (it went on
  // saying "not found" until reloaded).
  await suite.resetExtension({ pacingMs: 250 });
  suite.standin.addFailure({ mode: 'not_found', match: `web_profile_info/?username=${username}` });
  try {
    await waiting.bringToFront();
    await waiting.goto(suite.standin.profileUrl(username));
    await waitForOverlay(waiting, (st) => st.state === 'not_found', { what: 'not found' });
  } finally {
    suite.standin.clearFailures();
  }
  await page.bringToFront();
  await page.goto(suite.standin.profileUrl(username));
  const later = await waitForOverlay(page, (st) => st.badgeLabel && st.badgeState !== 'status' && st.state !== 'loading', { what: 'the later reading' });
  const shown = await waitFor(async () => { const x = await overlayState(waiting); return x.badgeLabel === later.badgeLabel && x; },
    { what: `the not-found tab showing "${later.badgeLabel}"`, timeout: 3000 });
  assert.ok(!shown.states.some((x) => x.state === 'not_found'), 'no "not found" left in view');
});

// The same for a first check held by Fakemeter's own hourly cap ("Fakemeter's own limit of 5
// requests an hour … is reached …; it goes on at …"): it waited for its slot and then went, for a
// reading the history had.
test('a tab whose check waits for the hourly cap shows the reading another tab made, and its check never goes', async () => {
  await suite.resetExtension({ hourlyCap: 5 });
  const storage = await suite.storage();
  // The hour's 5 requests made, the first of them leaving the hour in 8 s.
  const now = Date.now();
  const full = { lastSlot: 0, ledger: [0, 1, 2, 3, 4].map((i) => now - 3_600_000 + 8000 + i * 100), backoffUntil: 0, backoffLevel: 0 };
  await storage.set({ scheduler: full });
  const waiting = await suite.session.newPage();
  extra.push(waiting);
  await waiting.goto(suite.standin.profileUrl(username));
  const w = await waitForOverlay(waiting, (st) => st.states.some((x) => x.cause === 'cap' && x.retryAt), { what: 'the wait for the cap' });
  const wait = w.states.find((x) => x.cause === 'cap');
  // The hour's requests gone (aged out, say; the waiting tab's slot stays where it was): the other
  // tab's check goes at once.
  const held = (await storage.get('scheduler')).scheduler.ledger.filter((t) => t > Date.now());
  assert.deepEqual(held, [wait.retryAt], 'the waiting tab\'s slot in the ledger');
  await storage.set({ scheduler: { ...full, ledger: held } });
  const before = profileRequests(username).length;
  await page.bringToFront();
  await page.goto(suite.standin.profileUrl(username));
  const read = await waitForOverlay(page, (st) => st.badgeLabel && st.badgeState !== 'status' && st.state !== 'loading', { what: 'the other tab\'s reading' });
  assert.equal(profileRequests(username).length, before + 1, 'the other tab\'s one request');
  assert.ok(wait.retryAt > Date.now() + 1000, `the waiting tab's slot still to come (at ${wait.retryAt}, now ${Date.now()})`);
  const s = await waitFor(async () => { const x = await overlayState(waiting); return x.badgeLabel === read.badgeLabel && x; },
    { what: `the waiting tab showing "${read.badgeLabel}"`, timeout: 3000 });
  assert.ok(!s.states.some((x) => x.state === 'rate_limited'), 'no wait left in view');
  // Its slot given back: it counted against the cap and paced the requests after it, unsent.
  await waitFor(async () => !(await storage.get('scheduler')).scheduler.ledger.includes(wait.retryAt),
    { what: 'the waiting tab\'s slot given back', timeout: 3000, interval: 100 });
  await waitFor(async () => Date.now() > wait.retryAt + 1000, { what: 'the slot\'s time past', timeout: 20_000, interval: 100 });
  assert.equal(profileRequests(username).length, before + 1, 'no request from the tab that waited');
});
