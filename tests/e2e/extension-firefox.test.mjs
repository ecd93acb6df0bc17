// The Firefox build (dist/firefox from scripts/package) in Debian's headless firefox-esr, on
// the stand-in: it installs without manifest warnings (Firefox set to fail an install on any;
// a copy with an unknown key shows it does), its background (event page from background.scripts, an ES module)
// loads the wasm engine, profile pages get the badge with the number the CLI gives for the same
// JSON, an audit of a short follower list runs at the default pacing until cancelled (followed in a
// second tab by the background's messages), a re-check of an audit's result asks first and its
// reading shows in the profile's other tab, the popup's history table (opened as a tab, 400 px wide
// as at 200% zoom) has its headers, name and keyboard reach and nothing past its width, and an update
// installed with a profile open leaves one working badge. Skipped only when firefox-esr
// is not installed (scripts/setup installs it).
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startStandin, apiRequests, ensurePackaged, waitForBadge, waitForOverlay, parseEstimate, cliProfile, clickPart,
  expectedBadge, overlayState, FAST_SETTINGS, BADGE, PANEL, screenshot } from './lib/index.mjs';
import { auditRequests, waitFor } from './extension-support.mjs';
import { FIREFOX, GECKO_ID, firefoxExtensionPath, startTunnel, launchFirefox } from './firefox-support.mjs';
import { popupTableFaults } from './popup-table-checks.mjs';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const skip = fs.existsSync(FIREFOX) ? false : `${FIREFOX} not found: install Debian's firefox-esr (scripts/setup does)`;
const T = { skip };

let standin, tunnel, ff, page, tmp;
before(async () => {
  if (skip) return;
  ensurePackaged();
  if (!fs.existsSync(path.join(firefoxExtensionPath(), 'manifest.json'))) {
    throw new Error(`no Firefox build at ${firefoxExtensionPath()}: run scripts/package`);
  }
  standin = await startStandin();
  tunnel = await startTunnel(standin.port);
  ff = await launchFirefox({ tunnelPort: tunnel.port });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-firefox-'));
}, { timeout: 120_000 });
after(async () => {
  await ff?.close();
  await tunnel?.close();
  await standin?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the Firefox build installs with no manifest warning (warnings fail installs here; a copy with an unknown key is refused)', T, async () => {
  // The control: the same build with a key Firefox does not know, under another id.
  const copy = path.join(tmp, 'control');
  fs.cpSync(firefoxExtensionPath(), copy, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(copy, 'manifest.json'), 'utf8'));
  m.not_a_manifest_key = true;
  m.browser_specific_settings.gecko.id = 'control@fakemeter.invalid';
  fs.writeFileSync(path.join(copy, 'manifest.json'), JSON.stringify(m));
  await assert.rejects(ff.browser.installExtension(copy), /Warning processing not_a_manifest_key/);

  const id = await ff.browser.installExtension(firefoxExtensionPath());
  assert.equal(id, GECKO_ID);
  const manifest = JSON.parse(fs.readFileSync(path.join(firefoxExtensionPath(), 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.background, { scripts: ['extension/background/service-worker.js'], type: 'module' });
  page = await ff.newPage();
});

test('profile pages get the badge and the numbers the CLI gives (the background loaded the wasm engine); a revisit comes from storage', T, async () => {
  assert.ok(page, 'installed');
  for (const username of ['marco.travels', 'urban.sketcher']) {
    await page.goto(standin.profileUrl(username));
    const s = await waitForBadge(page, { timeout: 20000 });
    const report = await cliProfile(standin.documentFor(username));
    assert.ok(!report.error, JSON.stringify(report.error));
    const want = expectedBadge(report);
    assert.deepEqual([s.badgeState, s.badgeTone, s.badgeLabel], [want.state, want.tone, want.label], `@${username}: the badge the CLI decides`);
    await clickPart(page, BADGE, 'badge-label');
    const panel = await waitForOverlay(page, (x) => x.panel && !!x.panelEstimate, { what: 'panel' });
    const shown = parseEstimate(panel.panelEstimate);
    assert.ok(shown, `@${username}: the panel keeps the number, got ${JSON.stringify(panel.panelEstimate)}`);
    const tol = (v) => (v < 10 ? 0.051 : 0.51);
    assert.ok(Math.abs(shown.percent - report.fake_percent) <= tol(report.fake_percent), `@${username}: ${shown.percent} vs CLI ${report.fake_percent}`);
    assert.ok(Math.abs(shown.low - report.ci_low) <= tol(report.ci_low) && Math.abs(shown.high - report.ci_high) <= tol(report.ci_high),
      `@${username}: interval ${shown.low}–${shown.high} vs CLI ${report.ci_low}–${report.ci_high}`);
    assert.equal(s.badges, 1);
    assert.ok(s.badgeAfterFollowers);
  }
  // storage.local works: a revisit shows the stored result at once, with its age, and asks
  // Instagram nothing.
  const asked = () => apiRequests(standin, 'username=marco.travels').length;
  const before = asked();
  await page.goto(standin.profileUrl('marco.travels'));
  const again = await waitForBadge(page, { timeout: 20000 });
  assert.match(again.badgeFullText, /just now|min ago/, 'marked with its age');
  assert.equal(asked(), before, 'no new web_profile_info request');

  // The panel names the engine that computed it (the wasm module's version string).
  await page.goto(standin.profileUrl('lena.bakes'));
  await waitForBadge(page, { timeout: 20000 });
  await clickPart(page, BADGE, 'badge-label');
  await page.waitForSelector(PANEL);
  const panel = await waitForOverlay(page, (x) => x.panel && !!x.panelEstimate, { what: 'panel' });
  const report = await cliProfile(standin.documentFor('lena.bakes'));
  assert.ok(report.engine && panel.panelText.includes(report.engine), `panel names the engine ${report.engine}`);
  await screenshot(page, 'firefox-panel');
  assert.deepEqual(ff.output().split('\n').filter((l) => /fakemeter:/.test(l)), [], 'no errors logged by the extension');
});

test('an audit of a short follower list runs in Firefox at the default pacing, the estimate updates, and cancel stops it', T, async () => {
  assert.ok(page, 'installed');
  const username = 'likefarm.client';  // Instagram lists only its newest 50 followers
  await page.goto(standin.profileUrl(username));
  await waitForBadge(page, { timeout: 20000 });
  // A second tab of the profile, its panel open, follows the audit by the background's messages
  // (background/tab-relay.js: Firefox's tabs.query by url and tabs.sendMessage), not by storage.
  const second = await ff.newPage();
  await second.goto(standin.profileUrl(username));
  await waitForBadge(second, { timeout: 20000 });
  await clickPart(second, BADGE, 'badge-label');
  await second.waitForSelector(PANEL);
  await page.bringToFront();
  const userId = standin.documentFor(username).data.user.id;
  const before = auditRequests(standin, username, userId).length;
  await clickPart(page, BADGE, 'badge-label');
  await page.waitForSelector(PANEL);
  await clickPart(page, PANEL, 'audit-button');
  // Two paced requests answered, and an audience estimate drawn from them.
  const mid = await waitForOverlay(page, (s) => s.progress >= 2 && /Audience \(sample of \d+\)/.test(s.panelText || '') &&
                                   /Instagram shows no more/.test(s.sources.followers || ''),
                                   { what: 'two audit requests and the short list\'s estimate', timeout: 20000 });
  assert.ok(mid.auditRunning, 'running, with a cancel button');
  const reqs = auditRequests(standin, username, userId).slice(before);
  assert.ok(reqs.length >= 2, `${reqs.length} audit requests`);
  assert.ok(reqs[0].path.startsWith(`/api/v1/friendships/${userId}/followers/`), 'the first request is the newest followers page');
  assert.match(reqs[1].path, /^\/api\/v1\/media\/\d+\/likers\/$/, 'the short list ends at its flag: the likers come next');
  assert.match(mid.sources.followers, /Followers: 50 newest of 8,400 listed \(Instagram shows no more\): ~[\d.]+% fake/);
  for (let i = 1; i < reqs.length; i++) {
    const gap = reqs[i].t - reqs[i - 1].t;
    assert.ok(gap >= DEFAULT_SETTINGS.pacingMs - 100, `request ${i} came ${gap} ms after the previous one (pacing ${DEFAULT_SETTINGS.pacingMs} ms)`);
  }
  await waitForOverlay(second, (s) => s.auditRunning && s.progress >= 2, { what: 'the audit followed in the second tab', timeout: 20000 });
  await clickPart(page, PANEL, 'cancel');
  const cancelled = await waitForOverlay(page, (s) => !s.auditRunning && /cancelled/i.test(s.panelText || ''), { what: 'audit cancelled' });
  assert.ok(cancelled.progress >= 2, 'what was learned is kept');
  assert.ok(parseEstimate(cancelled.panelEstimate), 'the estimate stays');
  await waitForOverlay(second, (s) => !s.auditRunning && /cancelled/i.test(s.panelText || ''), { what: 'the cancel followed in the second tab' });
  await second.close();
  assert.deepEqual(ff.output().split('\n').filter((l) => /storage change/.test(l)), [], 'every relay of a change reached its tab');
});

// The re-check of an audit's result in Firefox (recheck.test.mjs in Chromium): the panel asks
// first, the focus on keeping the audit; Escape keeps it and asks Instagram nothing; confirmed, one
// request, the profile's reading replaces the audit's, the audit's rows staying, and a second tab of
// the profile shows the same within a second and a half, asking nothing itself. A small audit at the
// tests' pacing (one followers page, two accounts checked, no posts) gives the audited result.
test('Re-check on an audit\'s result asks first; Escape keeps it; confirmed, its reading replaces the audit\'s here and in another tab', T, async () => {
  assert.ok(page, 'installed');
  const username = 'lena.bakes';
  const ext = await ff.extensionPage('extension/ui/options.html');
  // Saved as the options page saves them ('settings.set'): the background writes and caches them (a
  // write of the test's own straight into storage would not reach its cache while an audit keeps it).
  const setSettings = (x) => ext.evaluate((v) => browser.runtime.sendMessage({ what: 'settings.set', settings: v }), x);
  await setSettings({ ...FAST_SETTINGS, auditListSize: 25, auditFullSize: 2, auditPosts: 0 });
  const second = await ff.newPage();
  try {
    await page.bringToFront();
    await page.goto(standin.profileUrl(username));
    await waitForBadge(page, { timeout: 20000 });
    await clickPart(page, BADGE, 'badge-label');
    await page.waitForSelector(PANEL);
    await clickPart(page, PANEL, 'audit-button');
    const stored = () => ext.evaluate((u) => browser.storage.local.get('history').then(({ history }) => history?.entries?.[u] ?? null), username);
    const entry = await waitFor(async () => { const e = await stored(); return e && e.confidence === 'audited' && e; }, { what: 'the audit\'s result saved', timeout: 30000 });
    const audited = await waitForOverlay(page, (s) => !s.auditRunning && !!s.sources.followers && !!s.badgeLabel, { what: 'the audit\'s end in view' });
    await second.goto(standin.profileUrl(username));
    const before = await waitForBadge(second, { timeout: 20000 });
    assert.equal(before.badgeLabel, audited.badgeLabel, 'the second tab shows the audit\'s result');
    await clickPart(second, BADGE, 'badge-label');
    await second.waitForSelector(PANEL);
    await page.bringToFront();
    const askedProfile = () => apiRequests(standin, `username=${username}`).length;
    const focusedPart = (p) => p.$eval(PANEL, (h) => h.shadowRoot.activeElement?.getAttribute('part') ?? null);
    const asked = askedProfile();
    await clickPart(page, PANEL, 'recheck');
    await waitForOverlay(page, (s) => /replaced by a reading of the profile alone/.test(s.panelText || ''), { what: 'the re-check question' });
    assert.match(await page.$eval(PANEL, (h) => h.shadowRoot.querySelector('[part="recheck-question"]').textContent),
      /^The audit's estimate \([\d.]+%, [\d.]+–[\d.]+%, from [A-Z][a-z]{2} \d{1,2}\) is replaced by a reading of the profile alone/);
    assert.equal(await focusedPart(page), 'recheck-keep', 'the focus on the safe answer');
    await page.keyboard.press('Escape');
    await waitForOverlay(page, (s) => s.panel && !/replaced by a reading/.test(s.panelText || ''), { what: 'the audit kept by Escape' });
    assert.equal(await focusedPart(page), 'recheck');
    assert.equal(askedProfile(), asked, 'nothing asked while the user decides');
    await clickPart(page, PANEL, 'recheck');
    await waitForOverlay(page, (s) => /replaced by a reading/.test(s.panelText || ''), { what: 'asked again' });
    await clickPart(page, PANEL, 'recheck-confirm');
    const rechecked = await waitForOverlay(page, (s) => /the reading above is the re-check since/.test(s.panelText || '') && s.state !== 'loading',
                                           { what: 'the re-check\'s reading, the audit\'s rows under it', timeout: 20000 });
    assert.ok(rechecked.sources.followers, 'the audit\'s rows stay');
    assert.notEqual(rechecked.badgeLabel, audited.badgeLabel, 'the profile\'s reading in place of the audit\'s');
    assert.equal(askedProfile(), asked + 1, 'one request');
    const at = Date.now();
    const followed = await waitFor(async () => { const x = await overlayState(second); return x.badgeLabel === rechecked.badgeLabel && x; },
      { what: `the second tab showing "${rechecked.badgeLabel}"`, timeout: 3000 });
    assert.ok(Date.now() - at < 1500, `${Date.now() - at} ms`);
    assert.match(followed.panelText || '', /the reading above is the re-check since/, 'its open panel says the rows are the last audit\'s');
    assert.equal(askedProfile(), asked + 1, 'none from the second tab');
    assert.notEqual((await stored()).computed_at, entry.computed_at, 'the re-check saved');
  } finally {
    await second.close();
    await setSettings(DEFAULT_SETTINGS);
    await ext.close();
  }
});

// The popup's history in Firefox, opened as a tab at its moz-extension:// address, 400 px wide (a
// popup at 200% zoom: Firefox's popups are at most 800 device pixels wide): a table with scoped
// column headers, each row's username its header, a name, no text cut off in its cell or past the
// width (the body kept its 40em, 520 px, and the table's right-hand columns lay past it: its width is
// now at most the popup's, in CSS), and the Tab key reaching every row's link and button.
// Then the real toolbar popup (action.openPopup(), read through extension.getViews): Firefox sizes it
// to its content's preferred width, which the body's cap must not shrink (544 px: the 40em body and
// its margins). Its content zoomed to 2 (CSS zoom, as a 200% zoom doubles it; WebDriver sets no
// popup's zoom), the popup grows to its 800 px and the body stays within it: it ran 276 px past.
// (The table's narrow layout follows the viewport's width, which CSS zoom leaves at 800: the tab
// above checks it.)
test('the popup\'s history at 200% zoom: table headers with scope, row headers, a name, nothing cut off or past its width, every row\'s actions by keyboard; the toolbar popup keeps its width, zoomed its body within it', T, async () => {
  assert.ok(page, 'installed');
  const popup = await ff.extensionPage('extension/ui/popup.html');
  try {
    await popup.setViewport({ width: 400, height: 700 });
    await popup.waitForFunction(() => Number(document.getElementById('rows').dataset.shown) >= 3);
    assert.deepEqual(await popupTableFaults(popup), []);

    assert.equal(await popup.evaluate(() => browser.action.openPopup().then(() => 'ok', (e) => String(e.message || e))), 'ok');
    const sizes = () => popup.evaluate(() => {
      const [w] = browser.extension.getViews({ type: 'popup' });
      if (!w || !w.document.getElementById('rows')?.dataset.shown) return null;
      const root = w.document.documentElement;
      return { width: w.innerWidth, room: root.clientWidth, body: w.document.body.getBoundingClientRect().width,
        bodyRight: Math.round(w.document.body.getBoundingClientRect().right), sideways: w.scrollMaxX };
    });
    const held = (want, what) => waitFor(async () => { const s = await sizes(); return s && want(s) && s; }, { what, timeout: 5000 })
      .catch(async (e) => assert.fail(`${e.message}: ${JSON.stringify(await sizes())}`));
    await held((s) => s.width === 544 && s.body === 520 && s.sideways === 0, 'the toolbar popup 544 px wide, its body 520');
    await popup.evaluate(() => { browser.extension.getViews({ type: 'popup' })[0].document.documentElement.style.zoom = '2'; });
    await held((s) => s.width === 800 && s.bodyRight <= s.room && s.sideways === 0, 'the zoomed popup at its 800 px, the body within it');
  } finally {
    await popup.evaluate(() => browser.extension.getViews({ type: 'popup' }).forEach((w) => w.close())).catch(() => {});
    await popup.close();
  }
});

// Firefox ends the content script with the extension when it is updated, without letting it run
// again, and injects the new version's content script into the open tab: the old badge and panel
// stayed on the page beside the new badge, shown by the new stylesheet, dead (clicking did
// nothing). The new content script removes them as it draws its own badge, and opens its own panel
// in place of the one open at the update, with the focus the old one had (content/panel-mark.js),
// as in Chromium.
test('when the extension is updated with a profile open, the page keeps one badge, the new one, and it works', T, async () => {
  assert.ok(page, 'installed');
  await page.goto(standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  await page.click(BADGE);
  await page.waitForSelector(PANEL);
  // The old content script's hosts, kept by the page's world to tell them from the new ones.
  await page.evaluate(() => { window.fmOld = [...document.querySelectorAll('[data-fakemeter]')]; });
  // The update: the same build, a version up, under the same id.
  const update = path.join(tmp, 'update');
  fs.cpSync(firefoxExtensionPath(), update, { recursive: true });
  const m = JSON.parse(fs.readFileSync(path.join(update, 'manifest.json'), 'utf8'));
  m.version = `${m.version}.1`;
  fs.writeFileSync(path.join(update, 'manifest.json'), JSON.stringify(m));
  assert.equal(await ff.browser.installExtension(update), GECKO_ID);
  const hosts = () => page.evaluate(() => [...document.querySelectorAll('[data-fakemeter]')]
    .map((h) => `${h.dataset.fakemeter}:${window.fmOld.includes(h) ? 'old' : 'new'}`));
  await page.waitForFunction(() => {
    const all = [...document.querySelectorAll('[data-fakemeter]')];
    const badge = all.find((h) => h.dataset.fakemeter === 'badge');
    return all.length === 2 && all.every((h) => !window.fmOld.includes(h)) && badge && badge.shadowRoot.querySelector('[part~="badge-label"]');
  }, { timeout: 15_000 }).catch(async () => assert.fail(`the page's badges and panels after the update: ${(await hosts()).join(', ')}`));
  const s = await waitForOverlay(page, (x) => x.panel && !!x.panelEstimate, { what: 'the panel open again after the update' });
  assert.equal(s.badges, 1);
  assert.ok(s.badgeAfterFollowers, 'beside the follower count');
  assert.ok(parseEstimate(s.panelEstimate), s.panelEstimate);
  // The focus, in the old panel since the click opened it, is in the new one (its close button).
  const focused = await page.evaluate(() => {
    const at = document.activeElement;
    return at && at.dataset.fakemeter === 'panel' && !window.fmOld.includes(at) ? at.shadowRoot.activeElement?.getAttribute('part') : at && at.tagName;
  });
  assert.equal(focused, 'close', 'the reopened panel has the focus the old one had');
  // It works: its badge closes the panel and opens it again, with the estimate.
  await clickPart(page, BADGE, 'badge-label');
  await waitForOverlay(page, (x) => !x.panel, { what: 'the panel closed' });
  await clickPart(page, BADGE, 'badge-label');
  const opened = await waitForOverlay(page, (x) => x.panel && !!x.panelEstimate, { what: "the new badge's panel" });
  assert.ok(parseEstimate(opened.panelEstimate), opened.panelEstimate);
  assert.deepEqual((await hosts()).sort(), ['badge:new', 'panel:new']);
});

// Firefox ends the content script with the extension (updated, disabled, removed) without letting
// it run again: its badge and open panel stayed on the page, dead (the panel's close button did
// nothing), until a reload. They are shown only by the stylesheet the browser injects with the
// content script, which goes with the extension. Last in this file: it removes the extension.
test('when the extension is removed, the badge and panel it left on the page are hidden', T, async () => {
  assert.ok(page, 'installed');
  await page.goto(standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  await page.click(BADGE);
  await page.waitForSelector(PANEL);
  const shown = () => page.evaluate(() => [...document.querySelectorAll('[data-fakemeter]')]
    .map((h) => `${h.dataset.fakemeter}:${getComputedStyle(h).display}`).sort());
  assert.deepEqual(await shown(), ['badge:inline-block', 'panel:block']);
  await ff.browser.uninstallExtension(GECKO_ID);
  // Waited for as it happens (Firefox takes the stylesheet away a moment after the uninstall
  // returns), not a fixed 1.5 s; if it never does, the check below says what stayed shown.
  await page.waitForFunction(() => [...document.querySelectorAll('[data-fakemeter]')].every((h) => getComputedStyle(h).display === 'none'),
                             { timeout: 10_000 }).catch(() => {});
  const left = await shown();
  assert.ok(left.every((h) => h.endsWith(':none')), `hidden once the extension is gone: ${left.join(', ')}`);
});
