// Overlay and options in the browser: keyboard access and ARIA on the badge and panel, the
// language setting (Dutch strings on the page), the options page writing its settings, and the
// badge and panel in a 320 px window.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForBadge, waitForOverlay, overlayState, openPanel, apiRequests, followLink, clickPart, screenshot, storeAndTellTabs, BADGE, PANEL } from './lib/index.mjs';
import { extensionPage, startAudit } from './extension-support.mjs';
import { tellBackground } from './lib/extension.mjs';

let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, { newTabs: true });

test('the badge is keyboard reachable and labelled; Enter opens the panel, Escape closes it', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  const badge = await page.$(`${BADGE} >>> [part~="badge"]`);
  const attrs = await badge.evaluate((el) => ({ role: el.getAttribute('role'), tab: el.tabIndex, label: el.getAttribute('aria-label') }));
  assert.equal(attrs.role, 'button');
  assert.equal(attrs.tab, 0);
  assert.match(attrs.label, /^Fakemeter: Unclear from the profile alone · audit to measure\. Press Enter for details$/);
  await badge.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(PANEL);
  const dialog = await page.$(`${PANEL} >>> [role="dialog"]`);
  assert.ok(await dialog.evaluate((el) => el.getAttribute('aria-label').includes('@marco.travels')));
  const focused = await page.evaluate(() => document.querySelector('[data-fakemeter="panel"]').shadowRoot.activeElement?.getAttribute('part'));
  assert.equal(focused, 'close', 'focus moves into the panel');
  const progressLabelled = await page.$eval(PANEL, (h) => [...h.shadowRoot.querySelectorAll('[role="img"]')].every((e) => e.getAttribute('aria-label')));
  assert.ok(progressLabelled, 'charts carry aria-labels');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-fakemeter="panel"]'));
  // Opened with the mouse, then a click on the page's text (nothing focused): Escape still closes
  // it (it stayed over the page, closed by its x alone); typing in the page's own field it does not.
  await openPanel(page);
  await page.evaluate(() => {
    const field = Object.assign(document.createElement('input'), { id: 'page-search' });
    document.querySelector('nav').append(field);
  });
  await page.click('#page-search');
  await page.keyboard.press('Escape');
  assert.ok((await overlayState(page)).panel, "Escape in the page's own field leaves the panel open");
  await page.click('header h1');
  assert.equal(await page.evaluate(() => document.activeElement === document.body), true, 'nothing focused after the click');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-fakemeter="panel"]'), { timeout: 3000 })
    .catch(() => assert.fail('Escape with nothing focused did not close the panel'));
});

// In forced colours (Windows high contrast) the interval's range and tick, the breakdown and the
// severity dots were painted in the panel's own background, and the buttons had no border.
test('in forced colours the interval, the dots and the buttons stay visible', async () => {
  const cdp = await page.target().createCDPSession();
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
  try {
    await page.goto(suite.standin.profileUrl('marco.travels'));
    await waitForBadge(page);
    await openPanel(page);
    const seen = await page.$eval(PANEL, (h) => {
      const cs = (sel) => getComputedStyle(h.shadowRoot.querySelector(sel));
      const bg = cs('.panel').backgroundColor;
      return { range: cs('.interval .range').backgroundColor !== bg, tick: cs('.interval .tick').backgroundColor !== bg,
               dot: cs('.reasons .dot').backgroundColor !== bg, button: cs('button[part="recheck"]').borderTopStyle === 'solid' };
    });
    assert.deepEqual(seen, { range: true, tick: true, dot: true, button: true });
  } finally {
    await cdp.send('Emulation.setEmulatedMedia', { features: [] });
  }
});

// The panel sits at the end of the document: Tab past its last control fell to the page's end, and
// Shift+Tab before its first to the page's last post, where Escape no longer closed it.
test('Tab past the panel\'s last control, or Shift+Tab before its first, returns to the badge, and Tab from it goes into the panel; Escape there closes it', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await openPanel(page);
  const where = () => page.evaluate(() => {
    const badge = document.querySelector('[data-fakemeter="badge"]');
    const panel = document.querySelector('[data-fakemeter="panel"]');
    if (document.activeElement === badge) return 'badge';
    if (document.activeElement === panel) return `panel:${panel.shadowRoot.activeElement?.getAttribute('part')}`;
    return document.activeElement?.tagName || null;
  });
  assert.equal(await where(), 'panel:close');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
  assert.equal(await where(), 'badge');
  await page.keyboard.press('Tab');  // from the badge, into the open panel
  assert.equal(await where(), 'panel:close');
  for (let i = 0; i < 30 && (await where()) !== 'badge'; i++) await page.keyboard.press('Tab');
  assert.equal(await where(), 'badge', 'Tab through the panel ends back on the badge');
  assert.ok(await page.$(PANEL), 'the panel stays open');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-fakemeter="panel"]'));
  assert.equal(await where(), 'badge');
  // Shift+Tab from the badge leaves the overlay for the page before it: the panel closes. It stayed
  // open over the page, where Escape (the page's own key in its controls) no longer closed it.
  await page.keyboard.press('Enter');
  assert.equal(await where(), 'panel:close');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  assert.equal(await where(), 'badge');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
  assert.equal(await where(), 'A', 'the focus on the page\'s link before the badge');
  assert.equal(await page.$(PANEL), null, 'the panel closed as the focus left the badge');
  assert.equal(await page.$eval(BADGE, (h) => h.shadowRoot.querySelector('[part~="badge"]').getAttribute('aria-expanded')), 'false');
});

// The panel by keyboard alone, in both themes, on a cancelled audit (its most buttons: Close,
// Re-check, Resume audit, New audit): Tab from the page's start reaches the badge, Enter opens the
// panel, Tab visits every button once, in order, each with a focus ring that shows (2 px or more,
// 3:1 or more against the panel, WCAG 1.4.11), lies clear of the other buttons and is not cut off
// at the panel's edge, then the badge again; Escape closes the panel, the focus on the badge.
// Resume and New audit sat side by side with no gap: the ring of one lay over the other's blue,
// where it hardly showed; and a button scrolled into view at the panel's foot had its ring cut.
for (const theme of ['light', 'dark']) {
  test(`by keyboard alone (${theme}): every button of the panel in order, each with a visible focus ring clear of the others; Escape back to the badge`, async () => {
    const s = await suite.storage();
    await s.set({ settings: { ...suite.settings, pacingMs: 300, auditListSize: 100, auditFullSize: 10, auditPosts: 0 } });
    // (Dark in a short window, where the panel scrolls to bring the buttons below into view.)
    if (theme === 'dark') await page.setViewport({ width: 1280, height: 480 });
    await page.goto(`${suite.standin.profileUrl('marco.travels')}${theme === 'dark' ? '?theme=dark' : ''}`);
    await startAudit(suite, page, 'marco.travels', { navigate: false });
    await clickPart(page, PANEL, 'cancel');
    await waitForOverlay(page, (st) => !st.auditRunning && st.progress !== null, { what: 'the audit cancelled' });
    await page.click(`${PANEL} >>> [part~="close"]`);
    await page.waitForFunction(() => !document.querySelector('[data-fakemeter="panel"]'));
    assert.equal(await page.$eval(BADGE, (h) => h.dataset.theme), theme);
    // From the page's start, by Tab alone.
    await page.evaluate(() => document.activeElement?.blur());
    const onBadge = () => page.evaluate(() => document.activeElement?.dataset?.fakemeter === 'badge');
    for (let i = 0; i < 60 && !(await onBadge()); i++) await page.keyboard.press('Tab');
    assert.ok(await onBadge(), 'Tab reaches the badge');
    await page.keyboard.press('Enter');
    await page.waitForSelector(PANEL);
    const focusNow = () => page.evaluate(() => {
      const toRgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
      const lum = (rgb) => {
        const [r, g, b] = rgb.map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m); return (x + 0.05) / (y + 0.05); };
      const host = document.activeElement;
      const root = host?.shadowRoot;
      const el = root?.activeElement;
      if (!el) return { where: host?.tagName ?? null };
      const cs = getComputedStyle(el);
      const ring = Number.parseFloat(cs.outlineWidth) + Number.parseFloat(cs.outlineOffset);
      const r = el.getBoundingClientRect();
      const box = { left: r.left - ring, right: r.right + ring, top: r.top - ring, bottom: r.bottom + ring };
      const under = [...root.querySelectorAll('button, [part~="badge"]')].filter((o) => o !== el).filter((o) => {
        const q = o.getBoundingClientRect();
        return q.width > 0 && q.left < box.right && q.right > box.left && q.top < box.bottom && q.bottom > box.top;
      }).map((o) => o.getAttribute('part'));
      // In the panel, the whole ring within what the panel shows of its scrolled content.
      const panel = root.querySelector('.panel');
      const shown = panel && panel.getBoundingClientRect();
      const cut = !!panel && (box.bottom > shown.top + panel.clientTop + panel.clientHeight || box.top < shown.top + panel.clientTop);
      const bg = host.dataset.fakemeter === 'panel' ? getComputedStyle(root.querySelector('.panel')).backgroundColor
        : getComputedStyle(document.body).backgroundColor;
      return { where: `${host.dataset.fakemeter}:${el.getAttribute('part')}`,
               ring: cs.outlineStyle !== 'none' && Number.parseFloat(cs.outlineWidth) >= 2,
               contrast: Math.round(contrast(toRgb(cs.outlineColor), toRgb(bg)) * 10) / 10, under, cut };
    });
    const seen = [];
    for (let i = 0; i < 10; i++) {
      const f = await focusNow();
      seen.push(f.where);
      assert.ok(f.ring, `${f.where}: no focus ring`);
      assert.ok(f.contrast >= 3, `${f.where}: its focus ring reads at ${f.contrast}:1 against the panel`);
      assert.deepEqual(f.under, [], `${f.where}: its focus ring lies over ${f.under.join(', ')}`);
      assert.equal(f.cut, false, `${f.where}: its focus ring is cut off at the panel's edge`);
      if (f.where === 'panel:audit-new') await screenshot(page, `panel-focus-ring-${theme}`);
      if (i > 0 && f.where.startsWith('badge')) break;
      await page.keyboard.press('Tab');
    }
    assert.deepEqual(seen, ['panel:close', 'panel:recheck', 'panel:audit-button', 'panel:audit-new', 'badge:badge']);
    // New audit wrapped onto a line of its own (a narrow window) starts where Resume does: it kept
    // its 8 px left margin there (a gap between them now, not a margin on the second).
    if (theme === 'light') {
      const lines = [];
      for (const width of [320, 280, 240, 200, 160]) {
        await page.setViewport({ width, height: 900 });
        lines.push(await page.$eval(PANEL, (h, w) => {
          const box = (part) => h.shadowRoot.querySelector(`[part="${part}"]`).getBoundingClientRect();
          const [resume, fresh] = [box('audit-button'), box('audit-new')];
          return { width: w, wrapped: fresh.top >= resume.bottom, left: Math.round(fresh.left - resume.left) };
        }, width));
      }
      const wrapped = lines.filter((l) => l.wrapped);
      assert.ok(wrapped.length, `New audit never wrapped: ${JSON.stringify(lines)}`);
      assert.deepEqual(wrapped.filter((l) => l.left !== 0), [], 'wrapped, New audit starts under Resume');
      await page.setViewport({ width: 1280, height: theme === 'dark' ? 480 : 900 });
    }
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('[data-fakemeter="panel"]'));
    assert.equal((await focusNow()).where, 'badge:badge', 'Escape closes the panel, the focus on the badge');
    await page.setViewport({ width: 1280, height: 900 });
  });
}

// The panel is drawn afresh on every change; before, each redraw (every audit step, a re-check)
// dropped the keyboard's focus to the page, where Escape no longer closed the panel.
test('keyboard focus stays in the panel while it is drawn again: Audit -> Cancel during the audit, Escape still closes it; start and cancel are said once', async () => {
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, pacingMs: 300, auditListSize: 100, auditFullSize: 10, auditPosts: 0 } });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  const focusedPart = () => page.evaluate(() => document.querySelector('[data-fakemeter="panel"]')?.shadowRoot.activeElement?.getAttribute('part') ?? null);
  await (await page.$(`${BADGE} >>> [part~="badge"]`)).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector(PANEL);
  for (let i = 0; i < 15 && (await focusedPart()) !== 'audit-button'; i++) await page.keyboard.press('Tab');
  assert.equal(await focusedPart(), 'audit-button', 'Tab reaches the audit button');
  await page.keyboard.press('Enter');
  await waitForOverlay(page, (st) => st.progress !== null && st.progress >= 1, { what: 'the first audit step drawn' });
  // The start is said once in the badge's live region (the panel's own status nodes, drawn afresh
  // at every step, were said twice or never).
  assert.equal((await overlayState(page)).badgeAnnounced, 'Audit started.');
  assert.equal(await focusedPart(), 'cancel', 'the focus moved from the audit button to Cancel, which took its place');
  // From there on the panel is drawn again at every step, and Cancel keeps the focus without
  // being focused anew (each new focus made a screen reader announce it again).
  await page.evaluate(() => {
    const root = document.querySelector('[data-fakemeter="panel"]').shadowRoot;
    window.__fmCancel = root.activeElement;
    window.__fmFocusEvents = 0;
    root.addEventListener('focusin', () => { window.__fmFocusEvents += 1; });
  });
  const steps = (await overlayState(page)).progress;
  const during = await waitForOverlay(page, (st) => st.progress !== null && st.progress >= steps + 2, { what: 'two more audit steps drawn' });
  const kept = await page.evaluate(() => ({
    same: document.querySelector('[data-fakemeter="panel"]').shadowRoot.activeElement === window.__fmCancel,
    connected: window.__fmCancel.isConnected,
    focusEvents: window.__fmFocusEvents,
  }));
  assert.deepEqual(kept, { same: true, connected: true, focusEvents: 0 }, 'the focused Cancel button stays in place through the redraws');
  assert.equal(during.badgeAnnounced, 'Audit started.', 'a running audit is not announced step by step');
  await page.keyboard.press('Enter');  // Cancel, which has the focus
  const cancelled = await waitForOverlay(page, (st) => !st.auditRunning && st.progress !== null, { what: 'the audit cancelled' });
  assert.match(cancelled.badgeAnnounced, /^Audit cancelled; what it learned is kept\. Fakemeter: /);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('[data-fakemeter="panel"]'));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.fakemeter ?? null), 'badge', 'the focus is back on the badge');
});

// Text selected in the panel (a reason, a number, to copy into a report) was deselected at the
// next audit step, about every 1.5 s: the panel's content was replaced whole whenever any of it
// changed. What did not change stays, and with it the selection.
// Selects the whole of the panel's first node matching `selector`, as a user selecting it to copy
// (window.__fmSelected: the node): what the selection copies, and what the node says to screen readers.
const selectInPanel = (selector) => page.evaluate((host, sel) => {
  const node = document.querySelector(host).shadowRoot.querySelector(sel);
  const range = document.createRange();
  range.selectNodeContents(node);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  window.__fmSelected = node;
  return { copied: getSelection().toString(), heard: node.textContent.trim() };
}, PANEL, selector);

test('text selected in the panel stays selected while an audit draws the panel again', async () => {
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, pacingMs: 300, auditListSize: 100, auditFullSize: 10, auditPosts: 0 } });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await openPanel(page);
  await clickPart(page, PANEL, 'audit-button');
  const first = await waitForOverlay(page, (st) => st.progress !== null && st.progress >= 1 && st.profileSource, { what: 'the first audit step drawn' });
  const { copied: selected } = await selectInPanel('[part~="profile-source"]');
  assert.equal(selected, first.profileSource);
  const during = await waitForOverlay(page, (st) => st.progress !== null && st.progress >= first.progress + 2, { what: 'two more audit steps drawn' });
  assert.ok(during.auditRunning, 'the audit still runs');
  const after = await page.evaluate(() => ({ text: getSelection().toString(), connected: window.__fmSelected.isConnected }));
  assert.deepEqual(after, { text: selected, connected: true }, 'the selection and the line it is in stay through the redraws');
  // A reason selected to copy is its words: its severity, there in words for screen readers only,
  // came with it glued on ("concern:Engagement 0.79% …").
  const reason = await selectInPanel('[part~="reasons"] li, li');
  assert.match(reason.heard, /^(information|minor concern|concern|strong concern): Engagement /, 'screen readers still hear the severity');
  assert.match(reason.copied.trim(), /^Engagement [\d.]+% \(/, `copied: ${reason.copied.slice(0, 60)}`);
  await clickPart(page, PANEL, 'cancel');
  await waitForOverlay(page, (st) => !st.auditRunning && st.progress !== null, { what: 'the audit cancelled' });
});

// The badge's result reached screen readers only while it said "Checking…" (a status node inside
// a button); and at 320 px wide (a 1280 px window at 400% zoom) the panel was cut off on the left.
test('the badge\'s result is announced; the panel fits a 320 px wide window, its buttons on screen', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  const s = await waitForBadge(page);
  const live = await page.$eval(BADGE, (h) => {
    const r = h.shadowRoot.querySelector('[part~="live"]');
    return { role: r.getAttribute('role'), polite: r.getAttribute('aria-live'), text: r.textContent };
  });
  assert.deepEqual(live, { role: 'status', polite: 'polite', text: `Fakemeter: ${s.badgeLabel} · audit to measure` });
  await page.setViewport({ width: 320, height: 560 });
  try {
    await page.reload();
    await waitForBadge(page);
    await openPanel(page);
    const box = await page.$eval(PANEL, (h) => {
      const r = h.shadowRoot.querySelector('.panel').getBoundingClientRect();
      const b = h.shadowRoot.querySelector('[part~="audit-button"]').getBoundingClientRect();
      return { left: r.left, right: r.right, buttonLeft: b.left };
    });
    assert.ok(box.left >= 0 && box.right <= 320, `the panel spans ${box.left}-${box.right}`);
    assert.ok(box.buttonLeft >= 0, `the audit button starts at ${box.buttonLeft}`);
  } finally {
    await page.setViewport({ width: 1280, height: 900 });
  }
});

test('language setting: Dutch strings on the page', async () => {
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, language: 'nl' } });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  const st = await waitForBadge(page);
  assert.equal(st.badgeLabel, 'Onduidelijk op basis van het profiel alleen');
  assert.deepEqual(st.badgeNotes.map((n) => n.text), ['een controle meet het']);
  await page.goto(suite.standin.profileUrl('private.person'));
  const priv = await waitForOverlay(page, (x) => x.states.some((y) => y.state === 'private'));
  assert.match(priv.states.find((y) => y.state === 'private').text, /privé/i);
});

// Instagram's app is one page that is never reloaded: settings were read once, when it loaded,
// so switching automatic checks off went on sending a request per profile visited in it.
test('settings saved while Instagram is open reach its tab at once: a new language redraws the badge, automatic checks off stop the next check', async () => {
  await page.goto(suite.standin.profileUrl('marco.travels'));
  const en = await waitForBadge(page);
  assert.equal(en.badgeLabel, 'Unclear from the profile alone');
  suite.standin.clearLog();
  // Saved as the options page saves them (settings.set: the background tells the open tabs of its write).
  const ext = await extensionPage(suite);
  const save = (patch) => ext.evaluate((p) => chrome.runtime.sendMessage({ what: 'settings.set', settings: p }), patch);
  await save({ language: 'nl' });
  await waitForOverlay(page, (x) => x.badgeLabel === 'Onduidelijk op basis van het profiel alleen', { what: 'the badge in Dutch, no reload' });
  assert.equal(apiRequests(suite.standin).length, 0, 'redrawn from what is stored: no request');
  await save({ autoRun: false });
  await followLink(page, '/lena.bakes/');
  const idle = await waitForOverlay(page, (x) => x.username === 'lena.bakes' && x.badgeFullText === 'Volgers controleren',
    { what: 'the check offered by hand' });
  assert.equal(idle.badges, 1);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(apiRequests(suite.standin).length, 0, 'no automatic check');
});

test('the options page saves pacing, sample sizes, auto-run, the comment analysis and language', async () => {
  const opt = await suite.session.newPage();
  await opt.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/options.html`);
  await opt.waitForFunction(() => document.getElementById('pacingSeconds').value !== '');
  const set = (id, v) => opt.$eval(`#${id}`, (el, val) => { el.value = val; }, v);
  await set('pacingSeconds', '2.5');
  await set('auditListSize', '100');
  await set('auditFullSize', '20');
  await set('hourlyCap', '150');
  await opt.select('#language', 'nl');
  await opt.click('#autoRun');
  await opt.click('#auditComments');
  await opt.click('button[type=submit]');
  await opt.waitForFunction(() => document.getElementById('status').textContent !== '');
  const ext = await extensionPage(suite);
  const { settings } = await ext.evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual({ ...settings }, { autoRun: false, auditListSize: 100, auditFullSize: 20, auditPosts: suite.settings.auditPosts,
    auditEngagersFull: suite.settings.auditEngagersFull, auditBudget: suite.settings.auditBudget, auditComments: true,
    pacingMs: 2500, hourlyCap: 150, language: 'nl', answerTimeoutMs: suite.settings.answerTimeoutMs });
  // "Saved." is said in the language just saved, once the page has redrawn in it (it stayed English).
  await opt.waitForFunction(() => document.documentElement.lang === 'nl');
  await opt.waitForFunction(() => document.getElementById('status').textContent === 'Opgeslagen.', { timeout: 5000 })
    .catch(async () => assert.fail(`status: ${await opt.$eval('#status', (e) => e.textContent)}`));
  // The plan under the sample sizes says the comments will be judged too.
  assert.match(await opt.$eval('#auditPlan', (e) => e.textContent), /comments of the last 6 posts|reacties op de laatste 6 berichten/);
  assert.doesNotMatch(await opt.$eval('#auditPlan', (e) => e.textContent), /only what the list shows|alleen beoordeeld wat de lijst toont/);
  // None checked in full (an option): the plan says only the list will be scored.
  await set('auditFullSize', '0');
  await opt.$eval('#status', (e) => { e.textContent = ''; });
  await opt.click('button[type=submit]');
  await opt.waitForFunction(() => document.getElementById('status').textContent !== '');
  assert.match(await opt.$eval('#auditPlan', (e) => e.textContent), /only what the list shows|alleen beoordeeld wat de lijst toont/);
  // An emptied field is refused by the form, not saved as its lowest value (a cap of 1 an hour).
  await set('hourlyCap', '');
  await opt.$eval('#status', (e) => { e.textContent = ''; });
  await opt.click('button[type=submit]');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await opt.$eval('#hourlyCap', (e) => e.validity.valueMissing), true);
  assert.equal(await opt.$eval('#status', (e) => e.textContent), '', 'nothing saved');
  assert.equal((await ext.evaluate(() => chrome.storage.local.get('settings'))).settings.hourlyCap, 150);
  // Auto-run off: a profile shows a "check" button and fetches nothing until asked.
  suite.standin.clearLog();
  await page.bringToFront();
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await page.waitForSelector(`${BADGE} >>> .badge-text`);
  assert.equal(suite.standin.log().filter((e) => e.kind === 'api').length, 0, 'no request without auto-run');
  await opt.close();
});

// The plan under the sample sizes changed only on save, and a value the others do not allow (more
// followers in full than listed) was stored as the nearest allowed one without a word.
test('the options plan follows the form as it is edited; a value adjusted on save is said', async () => {
  await suite.resetExtension({ language: 'en' });
  const opt = await suite.session.newPage();
  await opt.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/options.html`);
  await opt.waitForFunction(() => document.getElementById('auditPlan').textContent !== '');
  const edit = (id, v) => opt.$eval(`#${id}`, (el, val) => { el.value = val; el.dispatchEvent(new Event('input', { bubbles: true })); }, v);
  // A screen reader hears the plan once the typing settles, once (a polite status), not at each key:
  // the plan changed silently as it was typed.
  await opt.evaluate(() => {
    window.planSaid = [];
    const said = [...document.querySelectorAll('[role=status], [aria-live=polite]')].filter((r) => r.id !== 'status');
    // (What a status region speaks is what is added: its emptying says nothing.)
    for (const r of said) new MutationObserver(() => { if (r.textContent) window.planSaid.push(r.textContent); }).observe(r, { childList: true, characterData: true, subtree: true });
  });
  await opt.$eval('#auditBudget', (el) => {
    for (const v of ['1', '12', '120']) { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); }
  });
  await opt.waitForFunction(() => window.planSaid.length > 0, { timeout: 5000 })
    .catch(() => assert.fail('the plan, changed, is in no live region'));
  assert.equal(await opt.$eval('#auditPlan', (e) => e.textContent), (await opt.evaluate(() => window.planSaid)).at(-1));
  assert.match((await opt.evaluate(() => window.planSaid)).join('|'), /^[^|]*\(budget 120\)[^|]*$/, 'said once, as it settled');
  // Once said, the hidden copy goes: left there, a reader going through the form met the plan twice.
  await opt.waitForFunction(() => [...document.querySelectorAll('[role=status], [aria-live=polite]')]
    .every((r) => r.id === 'status' || r.textContent === ''), { timeout: 6000 })
    .catch(() => assert.fail('the plan, once said, stays in the page a second time'));
  await edit('auditBudget', '7');
  await opt.waitForFunction(() => /\(budget 7\)/.test(document.getElementById('auditPlan').textContent));
  await edit('auditListSize', '25');
  await edit('auditFullSize', '100');
  await edit('pacingSeconds', '1.5');  // the suite's own pacing is below what the form accepts
  await opt.click('button[type=submit]');
  const status = await opt.waitForFunction(() => document.getElementById('status').textContent || null).then((h) => h.jsonValue());
  assert.equal(status, 'Saved. Adjusted to what the other settings allow: Followers checked in full per audit: 25.');
  assert.equal(await opt.$eval('#auditFullSize', (e) => e.value), '25');
  // A setting not edited now, moved by one that was: said too (it changed unsaid).
  const save = async () => {
    await opt.click('button[type=submit]');
    return opt.waitForFunction(() => document.getElementById('status').textContent || null).then((h) => h.jsonValue());
  };
  await edit('auditListSize', '100');
  await edit('auditFullSize', '50');
  assert.equal(await save(), 'Saved.');
  await edit('auditListSize', '25');
  assert.equal(await opt.$eval('#status', (e) => e.textContent), '', 'an edit clears the "Saved." of before');
  assert.equal(await save(), 'Saved. Adjusted to what the other settings allow: Followers checked in full per audit: 25.');
  await opt.close();
});

// Two options pages: the one still showing the old settings, saved after the other, wrote all
// of them back (the other's language and budget undone); and a new language left the page in
// the old one.
test('two options pages: a save sends only what was changed there; each page follows the other\'s saves, in their language', async () => {
  const url = `chrome-extension://${suite.session.extensionId}/extension/ui/options.html`;
  const ext = await extensionPage(suite);
  await ext.evaluate((settings) => chrome.storage.local.set({ settings }), { ...suite.settings, pacingMs: 1500, language: 'en' });
  await tellBackground(ext, ['settings']);
  const [a, b] = [await suite.session.newPage(), await suite.session.newPage()];
  for (const p of [a, b]) {
    await p.bringToFront();
    await p.goto(url);
    await p.waitForFunction(() => document.getElementById('pacingSeconds').value !== '', { polling: 100 });
  }
  await b.bringToFront();
  await b.select('#language', 'fr');
  await b.$eval('#auditBudget', (el) => { el.value = '99'; });
  await b.click('button[type=submit]');
  await b.waitForFunction(() => document.getElementById('status').textContent !== '', { polling: 100 });
  // The other page follows: the new values, in French.
  await a.bringToFront();
  await a.waitForFunction(() => document.getElementById('auditBudget').value === '99' && document.documentElement.lang === 'fr', { polling: 100 });
  await a.click('#autoRun');
  await a.click('button[type=submit]');
  await a.waitForFunction(() => document.getElementById('status').textContent !== '', { polling: 100 });
  const { settings } = await ext.evaluate(() => chrome.storage.local.get('settings'));
  assert.deepEqual([settings.language, settings.auditBudget, settings.autoRun], ['fr', 99, !suite.settings.autoRun]);
  // What is being edited stays while the other page saves.
  await a.$eval('#hourlyCap', (el) => { el.value = '77'; });
  await b.bringToFront();
  await b.$eval('#auditBudget', (el) => { el.value = '60'; });
  await b.click('button[type=submit]');
  await a.bringToFront();
  await a.waitForFunction(() => document.getElementById('auditBudget').value === '60', { polling: 100 });
  assert.equal(await a.$eval('#hourlyCap', (el) => el.value), '77');
  await ext.evaluate((settings) => chrome.storage.local.set({ settings }), suite.settings);
  await tellBackground(ext, ['settings']);
  await a.close();
  await b.close();
});

// On a right-to-left Instagram (Arabic, Hebrew: <html dir="rtl">) the panel inherited the page's
// direction: the interval bar's scale read 100% ... 0% while its range was drawn from the left,
// so a 27% estimate showed where 73% is; and the badge's gap fell on the side away from the count.
test('on a right-to-left page the badge and panel keep their own direction; the badge\'s gap faces the count', async () => {
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('DOMContentLoaded', () => { document.documentElement.dir = 'rtl'; document.documentElement.lang = 'ar'; });
  });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await openPanel(page);
  const seen = await page.evaluate(() => {
    const badge = document.querySelector('[data-fakemeter="badge"]');
    const panel = document.querySelector('[data-fakemeter="panel"]');
    const scale = [...panel.shadowRoot.querySelectorAll('.scale span')].map((s) => [s.textContent, s.getBoundingClientRect().left]);
    return {
      pageDir: getComputedStyle(badge.parentElement).direction,
      badgeDir: getComputedStyle(badge).direction, panelDir: getComputedStyle(panel).direction,
      lang: panel.getAttribute('lang'),
      margins: [getComputedStyle(badge).marginLeft, getComputedStyle(badge).marginRight],
      scaleLeftToRight: scale.length === 3 && scale[0][0] === '0%' && scale[0][1] < scale[2][1],
    };
  });
  assert.deepEqual(seen, { pageDir: 'rtl', badgeDir: 'ltr', panelDir: 'ltr', lang: 'en', margins: ['0px', '8px'], scaleLeftToRight: true });
  // The page's own text beside the badge with a right-to-left override left open (a name, a bio)
  // turns none of the badge's words around: the badge is a box of its own (inline-block), isolated
  // from the text around it too (its dir attribute). This held before it was tried (2026-12-07).
  const order = await page.$eval(BADGE, (host) => {
    host.before(document.createTextNode('\u202E\u05E9\u05DC\u05D5\u05DD 12 '));
    const label = host.shadowRoot.querySelector('[part~="badge-label"]');
    const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
    const lefts = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        lefts.push(r.getBoundingClientRect().left);
      }
    }
    return { isolation: getComputedStyle(host).unicodeBidi, chars: lefts.length, leftToRight: lefts.every((x, i) => i === 0 || x >= lefts[i - 1]) };
  });
  assert.deepEqual({ ...order, chars: order.chars > 10 }, { isolation: 'isolate', chars: true, leftToRight: true });
});

// Instagram's usernames run to 30 characters: at 320 px wide the panel's title ("Fakemeter —
// @<name>") could not wrap, so the panel scrolled sideways and its close button sat past the border.
test('at 320 px a 30-character username\'s panel title wraps within the panel, its close button inside it and in view when scrolled', async () => {
  await page.setViewport({ width: 320, height: 560 });
  const username = 'the.longest_username.ever_1234';
  assert.equal(username.length, 30);
  await page.goto(suite.standin.profileUrl(username));
  await waitForBadge(page);
  await openPanel(page);
  const box = await page.$eval(PANEL, (h) => {
    const panel = h.shadowRoot.querySelector('.panel');
    const r = panel.getBoundingClientRect();
    const close = h.shadowRoot.querySelector('[part~="close"]').getBoundingClientRect();
    return { scrollWidth: panel.scrollWidth, clientWidth: panel.clientWidth, right: r.right - panel.clientLeft, closeRight: close.right };
  });
  assert.ok(box.scrollWidth <= box.clientWidth, `the panel scrolls sideways: ${JSON.stringify(box)}`);
  assert.ok(box.closeRight <= box.right, `the close button ends past the panel's border: ${JSON.stringify(box)}`);
  // The title takes three lines here (77 px): a control brought into view is put below all of it
  // (the scroll padding was a fixed 56 px, and the control went under the title's last line).
  await page.$eval(PANEL, (h) => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const head = await page.$eval(PANEL, (h) => ({ height: h.shadowRoot.querySelector('.head').offsetHeight,
    padding: parseFloat(getComputedStyle(h.shadowRoot.querySelector('.panel')).scrollPaddingTop) }));
  assert.ok(head.height > 70 && head.padding >= head.height, `the scroll padding is shorter than the title: ${JSON.stringify(head)}`);
  // Scrolled to its end (a window this small, a 1280 x 1440 one at 400% zoom, shows a fraction of
  // the panel), the panel keeps its title and close button in view, above the text (they scrolled
  // away with it: the close button was out of reach at the end of an audit's long panel).
  // (A name whose title takes two lines here.)
  await page.setViewport({ width: 320, height: 360 });
  await page.goto(suite.standin.profileUrl('shopdeals.official'));
  await waitForBadge(page);
  await openPanel(page);
  const end = await page.$eval(PANEL, (h) => {
    const panel = h.shadowRoot.querySelector('.panel');
    panel.scrollTop = panel.scrollHeight;
    const r = panel.getBoundingClientRect();
    const close = h.shadowRoot.querySelector('[part~="close"]');
    const c = close.getBoundingClientRect();
    return { scrolls: panel.scrollHeight > panel.clientHeight + 100, top: r.top, closeTop: c.top, closeBottom: c.bottom,
             onTop: h.shadowRoot.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2) === close };
  });
  assert.ok(end.scrolls, `the panel is long enough to scroll here: ${JSON.stringify(end)}`);
  assert.ok(end.closeTop >= end.top && end.onTop, `scrolled to its end, the close button is out of view: ${JSON.stringify(end)}`);
  // From there, a control above brought into view at the top, as the focus moving up brings it,
  // sits below the title, wholly visible (with a 56 px padding under a 57 px title it did not).
  const upTo = await page.$eval(PANEL, (h) => {
    const recheck = h.shadowRoot.querySelector('[part~="recheck"]');
    recheck.scrollIntoView({ block: 'start' });
    const head = h.shadowRoot.querySelector('.head');
    return { head: head.offsetHeight, headBottom: head.getBoundingClientRect().bottom, top: recheck.getBoundingClientRect().top };
  });
  assert.ok(upTo.head > 48 && upTo.top >= upTo.headBottom, `the control is under the title: ${JSON.stringify(upTo)}`);
});

// At 320 px the badge in the Dutch followers item is narrow: its words were split anywhere
// ("Onduid" / "elijk"), hard to read; a word goes whole to the next line unless it cannot fit alone.
test('at 320 px the Dutch badge wraps between words, none split', async () => {
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, language: 'nl' } });
  suite.standin.setPageVariant({ lang: 'nl' });
  try {
    await page.setViewport({ width: 320, height: 640 });
    await page.goto(suite.standin.profileUrl('corner.bakery'));
    await waitForOverlay(page, (x) => x.badgeInHeader && x.badgeLabel, { what: 'the badge in the header' });
    const seen = await page.$eval(BADGE, (h) => {
      const badge = h.shadowRoot.querySelector('[part~="badge"]');
      const walker = document.createTreeWalker(badge, NodeFilter.SHOW_TEXT);
      const words = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement.closest('.sr-only')) continue;
        for (const m of n.nodeValue.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(n, m.index);
          range.setEnd(n, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          words.push({ word: m[0], lines: lines.size });
        }
      }
      return { height: Math.round(badge.getBoundingClientRect().height), pageWidth: document.documentElement.scrollWidth, words };
    });
    assert.ok(seen.height > 40, `the badge wraps at 320 px: ${JSON.stringify(seen)}`);
    assert.equal(seen.pageWidth, 320, 'the badge does not widen the page');
    assert.deepEqual(seen.words.filter((w) => w.lines > 1), [], 'words split across lines');
  } finally {
    suite.standin.setPageVariant({});
  }
});

// A 360 px window at 200% zoom lays the page out 180 px wide: the panel's buttons kept their labels
// on one line ("Volgers controleren", "Auditer les abonnés"), the foot's date pushed Re-check past
// the border and a 20 px "Betrokkenheid" stuck out: the panel scrolled sideways, its buttons cut off.
test('at 180 px (a 360 px window at 200% zoom) the Dutch and French panels fit: no sideways scroll, every button inside', async () => {
  await page.setViewport({ width: 180, height: 640 });
  const s = await suite.storage();
  for (const [lang, username] of [['nl', 'shopdeals.official'], ['fr', 'lena.bakes']]) {
    await s.set({ settings: { ...suite.settings, language: lang } });
    await page.goto(suite.standin.profileUrl(username));
    await waitForBadge(page);
    await openPanel(page);
    const seen = await page.$eval(PANEL, (h) => {
      const panel = h.shadowRoot.querySelector('.panel');
      const r = panel.getBoundingClientRect();
      const out = [...panel.querySelectorAll('button')].filter((b) => { const x = b.getBoundingClientRect(); return x.left < r.left || x.right > r.right; })
        .map((b) => b.textContent);
      return { lang: panel.getRootNode().host.getAttribute('lang'), scrollWidth: panel.scrollWidth, clientWidth: panel.clientWidth,
               buttons: panel.querySelectorAll('button').length, out };
    });
    assert.equal(seen.lang, lang);
    assert.ok(seen.buttons >= 3, `the panel has its buttons: ${JSON.stringify(seen)}`);
    assert.deepEqual(seen.out, [], `${lang}: buttons past the panel's border`);
    assert.ok(seen.scrollWidth <= seen.clientWidth, `${lang}: the panel scrolls sideways: ${JSON.stringify(seen)}`);
  }
});

// A short window (a 1280 x 720 one at 400% zoom is 180 px tall; 1280 x 250 is a page zoomed in a
// short window): the panel, 64 px from the top and 80% of the height tall, ended below the window's
// edge (28 px at 180), its last line and the end of its scroll out of reach.
test('in a window 180 or 250 px tall the panel ends within it, its last line reachable by its own scroll', async () => {
  for (const [width, height] of [[320, 180], [1280, 250]]) {
    await page.setViewport({ width, height });
    await page.goto(suite.standin.profileUrl('lena.bakes'));
    await waitForBadge(page);
    await openPanel(page);
    const seen = await page.$eval(PANEL, (h) => {
      const panel = h.shadowRoot.querySelector('.panel');
      panel.scrollTop = panel.scrollHeight;
      const last = panel.lastElementChild.getBoundingClientRect();
      return { height: innerHeight, panelBottom: Math.round(panel.getBoundingClientRect().bottom), lastBottom: Math.round(last.bottom) };
    });
    assert.ok(seen.panelBottom <= seen.height && seen.lastBottom <= seen.height, `${width} x ${height}: ${JSON.stringify(seen)}`);
  }
});

// The user's font size (Chromium's default font size setting, webkit.webprefs.default_font_size;
// here set through CDP's Page.setFontSizes, the same preference for one page): the panel's text was
// 13 px whatever it was. It follows it (13 px at the default 16, 16.25 px at 20), the page's own root
// size aside, and the panel still fits, at 1280 px and from 400 to 320 px, every button inside its border;
// at 24 px too, in a 320 px window (the narrow layout follows the font size: in px it did not fire
// there, and Re-check stood 23 px past the border).
test('the badge and panel text follow the browser\'s font size setting, the Dutch panel fitting in windows 1280 to 320 px wide', async () => {
  const cdp = await page.createCDPSession();
  try {
    // An Instagram that sets its root's size (62.5%, as many sites do) moves nothing: the user's size counts.
    const seen = [];
    // Dutch, whose labels are the longest ("Volgers controleren"), in windows up to 400 px.
    const s = await suite.storage();
    await s.set({ settings: { ...suite.settings, language: 'nl' } });
    for (const [standard, width] of [[16, 1280], [20, 1280], [20, 400], [20, 360], [20, 320], [24, 320]]) {
      await cdp.send('Page.setFontSizes', { fontSizes: { standard } });
      await page.setViewport({ width, height: 800 });
      await page.goto(suite.standin.profileUrl('shopdeals.official'));
      await page.evaluate(() => { document.documentElement.style.fontSize = '62.5%'; });
      await waitForBadge(page);
      await openPanel(page);
      seen.push(await page.$eval(PANEL, (h, w) => {
        const panel = h.shadowRoot.querySelector('.panel');
        const r = panel.getBoundingClientRect();
        const badge = document.querySelector('[data-fakemeter="badge"]').shadowRoot.querySelector('.badge');
        return { width: w, panel: getComputedStyle(panel).fontSize, badge: getComputedStyle(badge).fontSize,
                 sideways: panel.scrollWidth - panel.clientWidth, right: Math.round(r.right) <= innerWidth,
                 out: [...panel.querySelectorAll('button')].filter((b) => { const x = b.getBoundingClientRect(); return x.left < r.left || x.right > r.right; }).map((b) => b.textContent) };
      }, width));
    }
    assert.deepEqual(seen.map((x) => [x.panel, x.badge]), [['13px', '13px'], ...Array(4).fill(['16.25px', '16.25px']), ['19.5px', '19.5px']], JSON.stringify(seen));
    for (const x of seen) assert.ok(x.sideways <= 0 && x.right && x.out.length === 0, `the panel fits: ${JSON.stringify(x)}`);
  } finally {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await cdp.detach();
  }
});

// Four audits in an hour use most of the default cap (200): the plan said "about 1 minute" of an
// audit the cap then held for most of the hour. It says how many go now and until when the rest wait.
test('the audit plan says how the hourly cap holds it, with until when', async () => {
  const now = Date.now();
  const ledger = Array.from({ length: 190 }, (_, i) => now - 3_000_000 + 1000 * i);
  const ext = await extensionPage(suite);
  await ext.evaluate((l, settings) => chrome.storage.local.set({ scheduler: { lastSlot: 0, ledger: l, backoffUntil: 0, backoffLevel: 0 },
                                                                settings: { ...settings, hourlyCap: 200 } }), ledger, suite.settings);
  await tellBackground(ext, ['scheduler', 'settings']);
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  await openPanel(page);
  const s = await waitForOverlay(page, (x) => x.auditPlan, { what: 'the plan' });
  // The profile's own check took one more; the rest of the audit's requests wait for the oldest to age out.
  const m = /Fakemeter's own hourly cap \(200 requests, in the options\) has (\d+) left now: the rest wait, the last of them until about (.+)\.$/.exec(s.auditPlan);
  assert.ok(m, s.auditPlan);
  assert.ok(Number(m[1]) <= 10, m[1]);
  await ext.evaluate((settings) => chrome.storage.local.set({ scheduler: { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 },
                                                             settings }), suite.settings);
  await tellBackground(ext, ['scheduler', 'settings']);
});

// The plan's cap outlook was read once, when the page opened: a panel left open while another tab's
// audit used the hour's requests (or one opened later) still said the audit would go at once. It
// follows the requests counted now, both ways.
test('the audit plan follows the requests the hourly cap counts now, in a panel left open', async () => {
  const ext = await extensionPage(suite);
  await ext.evaluate((settings) => chrome.storage.local.set({ settings: { ...settings, hourlyCap: 200 } }), suite.settings);
  await tellBackground(ext, ['settings']);
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForBadge(page);
  await openPanel(page);
  const free = await waitForOverlay(page, (x) => x.auditPlan, { what: 'the plan' });
  assert.doesNotMatch(free.auditPlan, /own hourly cap/, 'room for all of it when the page opened');
  // Another tab's audits use 195 of the hour's 200 meanwhile.
  const now = Date.now();
  const ledger = Array.from({ length: 195 }, (_, i) => now - 1_000_000 + 1000 * i);
  // (As that tab's background writes would reach this one: storeAndTellTabs.)
  await storeAndTellTabs(ext, { scheduler: { lastSlot: 0, ledger, backoffUntil: 0, backoffLevel: 0 } });
  const held = await waitForOverlay(page, (x) => /own hourly cap/.test(x.auditPlan || ''), { what: 'the plan saying the cap holds it' });
  assert.match(held.auditPlan, /Fakemeter's own hourly cap \(200 requests, in the options\) has [0-5] left now: the rest wait, the last of them until about /);
  // The hour's requests gone again (aged out, say): the plan says nothing of the cap.
  await storeAndTellTabs(ext, { scheduler: { lastSlot: 0, ledger: [], backoffUntil: 0, backoffLevel: 0 } });
  await waitForOverlay(page, (x) => x.auditPlan && !/own hourly cap/.test(x.auditPlan), { what: 'the plan without the cap' });
});

// The French panel of @marco.travels in a 320 px window: `body(storage)` runs with the page on the
// profile and its badge drawn; the window is put back after, whatever happens.
async function inNarrowFrenchProfile(body) {
  const s = await suite.storage();
  await s.set({ settings: { ...suite.settings, language: 'fr' } });
  await page.setViewport({ width: 320, height: 560 });
  try {
    await page.goto(suite.standin.profileUrl('marco.travels'));
    await waitForBadge(page);
    await body(s);
  } finally {
    await page.setViewport({ width: 1280, height: 900 });
  }
}

// A range such as "(0–54 %)" wrapped after its dash in a narrow panel ("(0–" at a line's end, "54 %)"
// on the next), and at a plain space before "%". At any panel width down to that of a 320 px window,
// every range the French panel shows stays on one line.
test('in French at 320 px and narrower, no number range in the panel is cut across two lines', () => inNarrowFrenchProfile(async () => {
  await openPanel(page);
  const found = await page.$eval(PANEL, (host) => {
    const panel = host.shadowRoot.querySelector('.panel');
    const RANGE = /\d(?:[\d.,\u00a0\u202f]*\d)?(?:[ \u00a0\u202f]?%)?[ \u00a0\u202f]?\u2013[ \u00a0\u202f]?\d(?:[\d.,\u00a0\u202f]*\d)?(?:[ \u00a0\u202f]?%)?/g;
    // Each paragraph-like element's characters, across its text nodes, and the ranges in them.
    const blocks = [...panel.querySelectorAll('p, h2, h3, li, span.badge-text, [part~="panel-estimate"]')];
    const ranges = [];
    for (const b of blocks) {
      const chars = [];
      const walk = (n) => { if (n.nodeType === 3) for (let i = 0; i < n.data.length; i++) chars.push([n, i]); else n.childNodes.forEach(walk); };
      walk(b);
      const text = chars.map(([n, i]) => n.data[i]).join('');
      for (const m of text.matchAll(RANGE)) {
        const r = document.createRange();
        r.setStart(...chars[m.index]);
        const [n, i] = chars[m.index + m[0].length - 1];
        r.setEnd(n, i + 1);
        ranges.push({ text: m[0], r });
      }
    }
    const broken = new Set();
    for (let w = 320; w >= 160; w -= 2) {
      panel.style.width = `${w}px`;
      panel.style.maxWidth = `${w}px`;
      for (const { text, r } of ranges) {
        const tops = [...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top));
        if (new Set(tops).size > 1) broken.add(`${text} at ${w}px`);
      }
    }
    return { ranges: ranges.map((x) => x.text), broken: [...broken] };
  });
  assert.ok(found.ranges.length >= 1, `the panel shows a range: ${JSON.stringify(found.ranges)}`);
  assert.deepEqual(found.broken.slice(0, 5), [], `ranges cut across lines: ${found.broken.length}`);
}));

// The breakdown's legend: a row too long for a narrow panel wrapped its second line under its colour
// swatch, as if the line were a row of its own. Each line of a row's text starts after the swatch.
test('in a narrow panel a breakdown row that wraps keeps its lines after its swatch, none under it', () => inNarrowFrenchProfile(async (s) => {
  // Marco's reading as an audit's result with a breakdown (only an audit measures one), shown from
  // the history on the next visit.
  const { history } = await s.get('history');
  const e = history.entries['marco.travels'];
  const row = (share) => ({ share, ci_low: Math.max(0, share - 12), ci_high: share + 20, count: 3 });
  const breakdown = { likely_fake: row(17), mass_followers: row(12), influencers_brands: row(5), private_real: row(30), public_real: row(36) };
  history.entries['marco.travels'] = { ...e, confidence: 'audited', report: { ...e.report, confidence: 'audited', audience: { sample_size: 40, breakdown } } };
  await s.set({ history });
  await page.reload();
  await waitForBadge(page);
  await openPanel(page);
  await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelectorAll('.legend li').length === 5, {}, PANEL);
  const found = await page.$eval(PANEL, (host) => {
    const panel = host.shadowRoot.querySelector('.panel');
    const wrapped = new Set(), under = new Set();
    for (let w = 320; w >= 160; w -= 4) {
      panel.style.width = `${w}px`;
      panel.style.maxWidth = `${w}px`;
      for (const li of panel.querySelectorAll('.legend li')) {
        const swatch = li.querySelector('.swatch').getBoundingClientRect();
        const r = document.createRange();
        r.selectNodeContents(li.lastElementChild);
        const lines = [...r.getClientRects()].filter((x) => x.width > 0);
        if (new Set(lines.map((x) => Math.round(x.top))).size > 1) wrapped.add(li.textContent);
        if (lines.some((x) => x.left < swatch.right)) under.add(`${li.textContent} at ${w}px`);
      }
    }
    return { wrapped: [...wrapped], under: [...under] };
  });
  assert.ok(found.wrapped.length >= 1, 'a row wraps in the narrowest panels');
  assert.deepEqual(found.under.slice(0, 5), [], `rows with a line under their swatch: ${found.under.length}`);
}));
