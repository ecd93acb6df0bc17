// The popup's "current profile" section, opened the way the toolbar button opens it
// (chrome.action.openPopup(), so the popup sees the real active tab): the checked profile's
// estimate, interval, grade and age as stored; a cached result's age; a profile not checked
// yet, filled in live when the check finishes; and no profile / a non-profile page.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useFreshPages, waitForBadge, waitForOverlay, openPanel, clickPart, PANEL, REPO, NONEXISTENT, screenshot } from './lib/index.mjs';
import { extensionPage, openActionPopup as sharedOpenActionPopup, popupAsks } from './extension-support.mjs';
import { clockTime } from '../../extension/shared/format.js';
import { tellBackground } from './lib/extension.mjs';

const EN = JSON.parse(fs.readFileSync(path.join(REPO, '_locales/en/messages.json'), 'utf8'));
const en = (key) => EN[key].message;

let suite, page;
useFreshPages((s, p) => { suite = s; page = p; });

// The popup closes with the next test's page.
const openActionPopup = (tab) => sharedOpenActionPopup(suite, tab);

const current = (popup) => popup.$eval('#current-body', (b) => ({
  state: b.dataset.state,
  text: b.innerText,
  user: b.querySelector('#current-user')?.textContent ?? null,
  estimate: b.querySelector('#current-estimate')?.textContent ?? null,
  grade: b.querySelector('#current-grade')?.textContent ?? null,
  age: b.querySelector('#current-age')?.textContent ?? null,
  states: b.querySelector('#current-states')?.textContent ?? null,
  interval: b.querySelector('#current-interval')?.textContent ?? null,
  change: b.querySelector('#current-follower-change')?.textContent ?? null,
}));

async function storedEntry(username) {
  const ext = await extensionPage(suite);
  await page.bringToFront();
  return ext.evaluate((u) => chrome.storage.local.get('history').then((o) => o.history?.entries?.[u] ?? null), username);
}

test('a checked profile: username, what the badge says, the estimate and interval, grade and age, as stored', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  const badge = await waitForBadge(page);
  assert.equal(badge.badgeState, 'unclear');
  const entry = await storedEntry('marco.travels');
  assert.ok(entry && typeof entry.fake_percent === 'number', 'the check was stored');

  const popup = await openActionPopup(page);
  // At the default zoom the popup keeps its 40em body, 520 px: the body's cap at the popup's width
  // (ui.css) takes no part in the width Chromium sizes the popup to.
  assert.deepEqual(await popup.evaluate(() => [document.body.getBoundingClientRect().width, document.documentElement.scrollWidth <= innerWidth]), [520, true]);
  const c = await current(popup);
  assert.equal(c.state, 'report');
  assert.equal(c.user, '@marco.travels');
  assert.equal(c.estimate, badge.badgeLabel, 'the popup shows what the badge shows');
  // The numbers the badge leaves out, as the panel words them.
  assert.match(c.interval, /^≈\d+(\.\d)?% fake \(\d+(\.\d)?–\d+(\.\d)?%\)$/);
  const [pct, lo, hi] = c.interval.match(/\d+(?:\.\d)?/g).map(Number);
  assert.deepEqual([pct, lo, hi], [entry.fake_percent, entry.ci_low, entry.ci_high].map((v) => Number(v < 10 && v !== 0 ? v.toFixed(1) : Math.round(v))));
  assert.equal(c.grade, en(`grade_${entry.grade}`));
  assert.match(c.age, /\(just now\)$/);
  assert.equal(c.change, null, 'a first check has no earlier count to compare');
  await screenshot(popup, 'popup-current');
  await popup.close();

  // The same result three hours later: the popup says how old it is.
  const ext = await extensionPage(suite);
  await ext.evaluate(async (u) => {
    const { history } = await chrome.storage.local.get('history');
    history.entries[u].computed_at -= 3 * 3600 * 1000;
    await chrome.storage.local.set({ history });
  }, 'marco.travels');
  await tellBackground(ext, ['history']);
  const later = await openActionPopup(page);
  const c2 = await current(later);
  assert.equal(c2.estimate, badge.badgeLabel);
  assert.match(c2.age, /\(3 h ago\)$/);
  await later.close();

  // Checked before at 20,000 followers ten days ago: the popup says then and now, as the panel does.
  await ext.evaluate(async (u) => {
    const { history } = await chrome.storage.local.get('history');
    history.entries[u].first_seen = { follower_count: 20000, at: Date.now() - 10 * 24 * 3600 * 1000 };
    await chrome.storage.local.set({ history });
  }, 'marco.travels');
  await tellBackground(ext, ['history']);
  const since = await openActionPopup(page);
  const c3 = await current(since);
  assert.equal(entry.follower_count, 24300);
  assert.match(c3.change, /^Followers: 20,000 at your first check \(.+, 10 days ago\), 24,300 now: \+4,300 \(\+22%\)\.$/);
  await since.close();

  // An audited result with the count a later look read beside it: that count is the one now.
  await ext.evaluate(async (u) => {
    const { history } = await chrome.storage.local.get('history');
    Object.assign(history.entries[u], { confidence: 'audited', latest_count: { follower_count: 31000, at: Date.now() } });
    await chrome.storage.local.set({ history });
  }, 'marco.travels');
  await tellBackground(ext, ['history']);
  const audited = await openActionPopup(page);
  assert.match((await current(audited)).change, /^Followers: 20,000 at your first check \(.+, 10 days ago\), 31,000 now: \+11,000 \(\+55%\)\.$/);
  await audited.close();
});

// After a re-check the engagement grade kept from the last audit stood beside the newer reading
// with no date: a buyer comparing numbers could not tell which were older.
test('an engagement grade kept from an earlier audit beside a re-check says which audit, here and in the history list', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  const ext = await extensionPage(suite);
  const auditAt = new Date(2026, 11, 3, 12).getTime();
  await ext.evaluate(async (u, at) => {
    const { history } = await chrome.storage.local.get('history');
    history.entries[u] = { ...history.entries[u], comments: { grade: 'poor', score: 61, verdict: '' }, audit_at: at };
    await chrome.storage.local.set({ history });
  }, 'marco.travels', auditAt);
  await tellBackground(ext, ['history']);
  const day = new Date(auditAt).toLocaleDateString('en', { day: 'numeric', month: 'short',
    ...(new Date(auditAt).getFullYear() !== new Date().getFullYear() ? { year: 'numeric' } : {}) });
  const popup = await openActionPopup(page);
  const line = await popup.$eval('#current-engagement', (x) => x.textContent);
  assert.equal(line, `${en('commentsTitle')}: ${en('msg_comments_grade_poor')} (from the audit of ${day})`);
  await popup.waitForSelector('#rows[data-shown] .engagement');
  assert.equal(await popup.$eval('#rows .engagement', (x) => x.textContent), line);
  // The audit's own result (audit_at its computed_at) needs no date of its own.
  await ext.evaluate(async (u) => {
    const { history } = await chrome.storage.local.get('history');
    history.entries[u].audit_at = history.entries[u].computed_at;
    await chrome.storage.local.set({ history });
  }, 'marco.travels');
  await tellBackground(ext, ['history']);
  await popup.close();
  const again = await openActionPopup(page);
  assert.equal(await again.$eval('#current-engagement', (x) => x.textContent), `${en('commentsTitle')}: ${en('msg_comments_grade_poor')}`);
  await again.close();
});

test('renamed on Instagram: the new name says its former one; the old name says where the account went, not "not checked yet"', async () => {
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  // The account's history kept under its name now, after it was @<NONEXISTENT> (history.js withRename).
  const ext = await extensionPage(suite);
  await ext.evaluate(async (u, old) => {
    const { history } = await chrome.storage.local.get('history');
    history.entries[u] = { ...history.entries[u], former_usernames: [old] };
    await chrome.storage.local.set({ history });
  }, 'lena.bakes', NONEXISTENT);
  await tellBackground(ext, ['history']);
  const renamed = await openActionPopup(page);
  assert.equal(await renamed.$eval('#current-former', (e) => e.textContent), `Formerly @${NONEXISTENT}`);
  await renamed.close();
  await page.goto(suite.standin.profileUrl(NONEXISTENT));
  await waitForOverlay(page, (s) => s.badgeState === 'renamed', { what: 'the old name said renamed' });
  const popup = await openActionPopup(page);
  const c = await current(popup);
  assert.equal(c.state, 'renamed');
  assert.match(c.text, /the account was renamed to @lena\.bakes, and its history moved with it/);
  await popup.close();
});

test('a private profile: its state is named next to the estimate', async () => {
  await page.goto(suite.standin.profileUrl('private.person'));
  await waitForOverlay(page, (s) => s.states.some((x) => x.state === 'private'), { what: 'private chip' });
  const popup = await openActionPopup(page);
  const c = await current(popup);
  assert.equal(c.user, '@private.person');
  assert.equal(c.state, 'report');
  assert.ok(c.states && c.states.includes(en('chip_private')), JSON.stringify(c));
  await popup.close();
});

test('not checked yet (auto-run off) says so, and fills in when the check finishes', async () => {
  await suite.resetExtension({ autoRun: false });
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForOverlay(page, (s) => s.badge && /check/i.test(s.badgeFullText || ''), { what: 'idle badge' });
  await openPanel(page);
  const popup = await openActionPopup(page);
  const c = await current(popup);
  assert.equal(c.state, 'not_checked');
  assert.equal(c.user, '@lena.bakes');
  assert.match(c.text, new RegExp(en('popupNotChecked')));
  assert.equal(c.estimate, null, 'no number before the check');

  // Run the check from the panel while the popup stays open (a script click: a real one
  // would focus the page and close the popup): the popup picks the result up.
  await clickPart(page, PANEL, 'run');
  const done = await waitForBadge(page);
  await popup.waitForFunction(() => document.getElementById('current-body').dataset.state === 'report');
  assert.equal((await current(popup)).estimate, done.badgeLabel);
  await popup.close();
});

// While every request waits (Instagram asked to slow down), the page says so and the popup said
// "Not checked yet": it now says the wait, and picks up the check once the wait ends.
test('a profile waiting on a rate limit: the popup says the wait, not "not checked yet"', async () => {
  await suite.resetExtension({ autoRun: false });
  const ext = await extensionPage(suite);
  const until = Date.now() + 10 * 60_000;
  await ext.evaluate((u) => chrome.storage.local.set({ scheduler: { lastSlot: 0, ledger: [], backoffUntil: u, backoffLevel: 1 } }), until);
  await tellBackground(ext, ['scheduler']);
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForOverlay(page, (s) => s.badge, { what: 'the badge' });
  const popup = await openActionPopup(page);
  const c = await current(popup);
  assert.equal(c.state, 'waiting');
  assert.match(c.text, /^@lena\.bakes\s+Instagram asked to slow down; retrying at /);
  assert.doesNotMatch(c.text, new RegExp(en('popupNotChecked')));
  // The wait ends: "not checked yet" again (automatic checks are off).
  await ext.evaluate(() => chrome.storage.local.set({ scheduler: { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 } }));
  await tellBackground(ext, ['scheduler']);
  await popup.waitForFunction(() => document.getElementById('current-body').dataset.state === 'not_checked');
  await popup.close();
});

// The popup's wait line said only "Instagram asked to slow down" where the page and badge name the
// audit of another profile that drew the wait: it says the same now.
test('a profile held by another profile\'s audit\'s back-off: the popup names that audit, as the page does', async () => {
  await suite.resetExtension({ autoRun: false });
  const ext = await extensionPage(suite);
  const until = Date.now() + 10 * 60_000;
  await ext.evaluate((u) => chrome.storage.local.set({ scheduler: { lastSlot: 0, ledger: [], backoffUntil: u, backoffLevel: 1,
                                                                     backoffBy: 'marco.travels' } }), until);
  await tellBackground(ext, ['scheduler']);
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForOverlay(page, (s) => s.badge, { what: 'the badge' });
  const popup = await openActionPopup(page);
  const c = await current(popup);
  assert.equal(c.state, 'waiting');
  const time = clockTime(until, 'en');  // hour and minute, as the badge says it
  assert.equal(c.text.replace(/\s+/g, ' '), `@lena.bakes ${en('stateRateLimitedDuringUntil').replace('$1', 'marco.travels').replace('$2', time)}`);
  await popup.close();
  // The audited profile's own popup: its own wait, without naming itself.
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForOverlay(page, (s) => s.badge, { what: 'the badge' });
  const own = await openActionPopup(page);
  assert.match((await current(own)).text, /^@marco\.travels\s+Instagram asked to slow down; retrying at /);
  await own.close();
});

// The popup listened for the history only, so an audit's line stayed at what it read when it
// opened until the audit ended.
test('an audit running while the popup is open: its progress line follows each step', async () => {
  await suite.resetExtension({ pacingMs: 300, auditListSize: 100, auditFullSize: 10, auditPosts: 0 });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  await waitForOverlay(page, (s) => s.auditRunning && s.progress >= 1, { what: 'the audit under way' });
  const popup = await openActionPopup(page);
  const line = () => popup.$eval('#current-audit', (e) => e.textContent).catch(() => null);
  const first = await line();
  assert.match(first, /of at most \d+ requests/);
  const requestsOf = (text) => Number(/ (\d+) of at most/.exec(text)?.[1]);
  await popup.waitForFunction((n) => {
    const m = / (\d+) of at most/.exec(document.getElementById('current-audit')?.textContent || '');
    return m && Number(m[1]) >= n + 2;
  }, { timeout: 20_000 }, requestsOf(first));
  assert.ok(requestsOf(await line()) > requestsOf(first), `${first} -> ${await line()}`);
  await popup.close();
});

test('no profile open: a non-profile Instagram page and a page elsewhere both say so', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await page.goto(new URL('/explore/', suite.standin.profileUrl('marco.travels')).href);
  const explore = await openActionPopup(page);
  const c = await current(explore);
  assert.equal(c.state, 'no_profile');
  assert.equal(c.text.trim(), en('popupNoProfile'));
  assert.equal(c.estimate, null);
  await explore.close();

  await page.goto('about:blank');
  const blank = await openActionPopup(page);
  assert.equal((await current(blank)).state, 'no_profile');
  await blank.close();
});

// In the toolbar button's popup, Escape answers the question asked before deleting (ask-inline.js)
// "Cancel", and the popup stays open: Chromium closes an extension popup on an Escape whose keydown
// the page leaves unhandled and keeps it open when the page handles it (default prevented;
// extension_view_host.cc). DevTools' keys never close the popup here, whatever the page does, so
// the test checks what the browser goes by: the keydown's defaultPrevented, as the page's last
// listener sees it. A click on the question's text (the focus then on nothing) left Escape
// unhandled: the question stayed and the popup would close.
test('in the real popup, Escape cancels the question before deleting, also with the focus on nothing, and is left to the browser otherwise', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  const popup = await openActionPopup(page);
  try {
    await popup.evaluate(() => {
      window.__fmEscapes = [];
      addEventListener('keydown', (e) => { if (e.key === 'Escape') window.__fmEscapes.push(e.defaultPrevented); });
    });
    const escape = async () => {
      await popup.keyboard.press('Escape');
      return popup.evaluate(() => ({ handled: window.__fmEscapes.at(-1) ?? null, asking: !!document.querySelector('#delete-all + .ask'),
                                     focused: document.activeElement?.id || document.activeElement?.tagName || null }));
    };
    const kept = { handled: true, asking: false, focused: 'delete-all' };
    // With the focus on Cancel, where the question puts it.
    assert.equal((await popupAsks(popup, '#delete-all')).focused, 'Cancel');
    assert.deepEqual(await escape(), kept, 'Escape on Cancel: cancelled, the popup kept open');
    // After a click on the question's text, which leaves the focus on nothing.
    await popupAsks(popup, '#delete-all');
    await popup.click('#delete-all-ask p');
    assert.equal(await popup.evaluate(() => document.activeElement === document.body), true, 'nothing focused after the click');
    assert.deepEqual(await escape(), kept, 'Escape with nothing focused: cancelled, the popup kept open');
    // No question open: Escape is the browser's, which closes the popup.
    assert.deepEqual(await escape(), { ...kept, handled: false }, 'Escape without a question is left unhandled');
    assert.equal(await popup.evaluate(() => Object.keys(document.getElementById('rows').children).length), 1, 'nothing deleted');
  } finally {
    await popup.close();
  }
});
