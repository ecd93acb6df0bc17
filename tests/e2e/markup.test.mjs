// The badge finds its place on the page variants Instagram serves: Dutch words and number
// styles, a followers count that is not a link (the list-item fallback), no counts list at
// all (the fixed-position last resort); logged out in Dutch reads the localised og:description,
// in Turkish too where the page's lang says Turkish ("10 B" is bin, thousands; the badge by its
// "Takipçi" count, which is no link), and a page that
// does not say so gets no reading, with the count it did not read named in the panel;
// with no count link at all, a move within the app never puts the badge in the previous header.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useSuite, waitForBadge, waitForOverlay, cliProfile, cliRough, assertRough, screenshot, expectedBadge, followLink,
  recordBadgeFrames, BADGE, countsFindings, openPanel, REPO } from './lib/index.mjs';
import { waitFor, storedEntry } from './extension-support.mjs';

const MESSAGES = JSON.parse(fs.readFileSync(path.join(REPO, '_locales/en/messages.json'), 'utf8'));

const T = { timeout: 120_000 };
let suite, page;
useSuite((s, p) => { suite = s; page = p; });

async function visit(username, variant) {
  suite.standin.setPageVariant(variant);
  await suite.resetExtension();
  await page.goto(suite.standin.profileUrl(username));
  await page.waitForFunction((u) => document.getElementById('react-root').dataset.rendered === `/${u}/`, {}, username);
  return waitForBadge(page, { what: `badge on @${username} (${JSON.stringify(variant)})` });
}
const where = () => page.evaluate((sel) => {
  const host = document.querySelector(sel);
  let fixed = false;
  for (let n = host; n; n = n.parentElement) if (getComputedStyle(n).position === 'fixed') fixed = true;
  return { inLi: !!host.closest('li'), liText: host.closest('li')?.textContent ?? null, inHeader: !!host.closest('header'), fixed };
}, BADGE);
test('Dutch page: badge after the "volgers" link, saying what the CLI decides', T, async () => {
  const s = await visit('marco.travels', { lang: 'nl' });
  const header = await page.$eval('header a[href$="/followers/"]', (a) => a.textContent);
  assert.match(header, /24,3K volgers/);
  assert.ok(s.badgeAfterFollowers);
  const report = await cliProfile(suite.standin.documentFor('marco.travels'));
  assert.equal(s.badgeLabel, expectedBadge(report).label);
  await screenshot(page, 'variant-nl', { element: 'header' });
});

test('followers count without a link: the badge goes into the list item that names followers', T, async () => {
  for (const lang of ['en', 'nl']) {
    const s = await visit('lena.bakes', { lang, followersLink: false });
    assert.ok(s.badgeLabel, `${lang}: the badge shows its verdict`);
    const w = await where();
    assert.ok(w.inLi && /followers|volgers/.test(w.liText), `${lang}: badge inside the followers item: ${JSON.stringify(w)}`);
  }
  await screenshot(page, 'variant-no-link', { element: 'header' });
});

test('no counts list at all: a fixed-position badge still shows its verdict', T, async () => {
  const s = await visit('fitqueen_daily', { counts: false });
  assert.ok(s.badgeLabel, 'the badge shows its verdict');
  const w = await where();
  assert.ok(w.fixed && !w.inLi, `fixed-position badge: ${JSON.stringify(w)}`);
  await screenshot(page, 'variant-no-counts');
});

// A test on the logged-out page: the stand-in's session and page variant as the other tests expect
// them afterwards, whatever the test does.
async function loggedOut(fn) {
  suite.standin.setSession('logged_out');
  try {
    await fn();
  } finally {
    suite.standin.setSession('logged_in');
    suite.standin.setPageVariant({});
  }
}

test('logged out, Dutch page: the localised og:description counts give exactly what the engine reads in them, with the logged-out state', T, async () => {
  await loggedOut(async () => {
    const s = await visit('xss_tester', { lang: 'nl' });
    const og = await page.$eval('meta[property="og:description"]', (m) => m.content);
    assert.match(og, /^1\.900 volgers, 350 volgend, 40 berichten - Bekijk/);
    assert.ok(s.states.some((x) => x.state === 'logged_out' && x.text), JSON.stringify(s.states));
    await assertRough(s, await cliRough(page, 'xss_tester'), 'xss_tester (nl)');
  });
});

// Turkish writes thousands as "B" (bin), which English reads as billions: refused before as a unit
// not known, so a Turkish page's counts were never read. The page's lang attribute decides it.
// Its followers count is no link (as for a logged-out viewer): the badge goes into the item that
// says "Takipçi", pinned to the viewport before (the words for followers were five languages').
test('logged out, Turkish page: "10 B" read as 10,000 followers by the page\'s lang, what the engine finds in those counts shown, the badge in the "Takipçi" item', T, async () => {
  await loggedOut(async () => {
    const s = await visit('shopdeals.official', { lang: 'tr', followersLink: false });
    const w = await where();
    assert.ok(w.inLi && /takipçi/i.test(w.liText) && !w.fixed, `badge inside the followers item, not pinned: ${JSON.stringify(w)}`);
    const og = await page.$eval('meta[property="og:description"]', (m) => m.content);
    assert.match(og, /^10 B Takipçi, 12 Takip, 3 Gönderi - /);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'tr');
    const counts = await cliRough(page, 'shopdeals.official');
    assert.ok(countsFindings(counts).some((x) => x.id === 'history.sudden'), `10,000 followers on 3 posts: ${JSON.stringify(counts.reasons)}`);
    await assertRough(s, counts, 'shopdeals.official (tr)');
  });
});

// A page without og:description (or with another profile's): the counts its header shows, read in
// the page's language, and the reading says so (profile source "page_header"). Such a page gave no
// reading at all before, only "log in".
test('logged out, no og:description: the header\'s counts read by the page\'s lang ("10 B takipçi"), the reading naming the header as its source', T, async () => {
  await loggedOut(async () => {
    await visit('shopdeals.official', { lang: 'tr', followersLink: false, og: false });
    assert.equal(await page.$('meta[property="og:description"]'), null, 'the page has no og:description');
    const shown = await waitForOverlay(page, (x) => x.badgeNotes.some((n) => n.id === 'rough'), { what: 'a reading of the page\'s counts' });
    const entry = await waitFor(() => storedEntry(suite, 'shopdeals.official'), { what: 'the reading stored' });
    assert.equal(entry.report.profile_source, 'page_header');
    assert.equal(entry.report.follower_count, 10000, '"10 B" read as bin (thousands) on a Turkish page');
    assert.ok(countsFindings(entry.report).some((x) => x.id === 'history.sudden'), `10,000 followers on 3 posts: ${JSON.stringify(entry.report.reasons)}`);
    await assertRough(shown, entry.report, 'shopdeals.official (tr, no og:description)');
  });
});

test('logged out, Turkish counts on a page whose lang says English: "10 B" is not read, and the panel names it and why', T, async () => {
  await loggedOut(async () => {
    const s = await visit('shopdeals.official', { lang: 'tr', htmlLang: 'en' });
    assert.ok(s.states.some((x) => x.state === 'logged_out'), JSON.stringify(s.states));
    assert.ok(!s.badgeNotes.some((n) => n.id === 'rough'), 'no reading of counts it could not read');
    await openPanel(page);
    // (The page's text isolated from the sentence's words: shared/shown-text.js.)
    const want = MESSAGES.countsUnread.message.replace('$1', '\u206810 B\u2069');
    const p = await waitForOverlay(page, (x) => x.panelText && x.panelText.includes(want), { what: `the panel saying "${want}"` });
    assert.ok(p.panelText.includes(MESSAGES.stateLoggedOut.message), p.panelText);
    await screenshot(page, 'panel-logged_out-counts-unread');
  });
});

// With no count link in the header (both counts plain text), nothing on it names its owner: the
// list-item fallback put the next profile's badge into the previous profile's header, still on
// the page while the app drew the next one. A header already there when the app moved, and
// unchanged since, is the previous page's.
test("no count links: after a move within the app, the next profile's badge never goes into the previous header", T, async () => {
  const variant = { followersLink: false, followingLink: false };
  try {
    await visit('lena.bakes', variant);
    assert.ok((await where()).inLi, 'the badge in the followers item');
    suite.standin.addFailure({ mode: 'slow', match: '/standin/page-data/', delayMs: 2500, times: 1 });
    const stop = await recordBadgeFrames(page);
    await followLink(page, '/marco.travels/');
    await page.waitForFunction(() => document.querySelector('header h2')?.textContent === 'marco.travels', { timeout: 15_000 });
    await waitForOverlay(page, (x) => x.username === 'marco.travels' && x.badgeLabel && x.badgeInHeader, { what: '@marco.travels\'s badge' });
    const w = await where();
    assert.ok(w.inLi && /followers/.test(w.liText), `badge inside marco's followers item: ${JSON.stringify(w)}`);
    const frames = await stop();
    assert.ok(frames.some((f) => f.path === '/marco.travels/' && f.header === 'lena.bakes'), 'the previous header stayed after the move');
    assert.deepEqual(frames.filter((f) => f.badge && f.badge.for === '/marco.travels/' && f.badge.header !== 'marco.travels'), [],
      "@marco.travels's badge only ever in its own header");
  } finally {
    suite.standin.clearFailures();
    suite.standin.setPageVariant({});
  }
});

// Pinned top right, at 320 px wide the badge (300 px, two lines) covered the first row of the
// page's links. In a narrow window it is pinned bottom right, over the page's content (which
// scrolls from under it); in a wide one it stays top right. Pinned, it is still a button the
// keyboard opens.
test('no counts list in a 320 px window: the pinned badge leaves the links at the top free and opens its panel by keyboard', T, async () => {
  const box = () => page.evaluate((sel) => {
    const r = document.querySelector(sel).getBoundingClientRect();
    const nav = document.querySelector('nav').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, navBottom: nav.bottom, vw: innerWidth, vh: innerHeight };
  }, BADGE);
  try {
    await visit('fitqueen_daily', { counts: false });
    await waitForOverlay(page, (x) => x.badgeLabel && !x.badgeInHeader, { what: 'the pinned badge' });
    const wide = await box();
    assert.ok(wide.top < 20 && wide.vw - wide.right < 20, `wide window: top right: ${JSON.stringify(wide)}`);
    await page.setViewport({ width: 320, height: 640 });
    const narrow = await box();
    assert.ok(narrow.top >= narrow.navBottom, `clear of the links at the top: ${JSON.stringify(narrow)}`);
    assert.ok(narrow.left >= 0 && narrow.right <= narrow.vw && narrow.bottom <= narrow.vh, `on screen: ${JSON.stringify(narrow)}`);
    assert.ok((await where()).fixed, 'still fixed to the viewport');
    await page.$eval(BADGE, (h) => h.shadowRoot.querySelector('[part~="badge"]').focus());
    await page.keyboard.press('Enter');
    await waitForOverlay(page, (x) => x.panel, { what: 'the panel, opened by Enter on the pinned badge' });
    await page.keyboard.press('Escape');
  } finally {
    await page.setViewport({ width: 1280, height: 900 });
    suite.standin.setPageVariant({});
  }
});
