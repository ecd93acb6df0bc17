// The popup's history: listed newest first, searchable, exported as JSON and CSV through real
// downloads, deleted, and re-imported from the exported file to the same history.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSuite, waitForOverlay, screenshot } from './lib/index.mjs';
import { waitFor, extensionPage, popupAsks, answerPopup, openActionPopup, storeHistoryOf } from './extension-support.mjs';
import { CSV_COLUMNS, listEntries } from '../../extension/shared/history.js';
import { tellBackground, toldAround } from './lib/extension.mjs';
import { popupTableFaults } from './popup-table-checks.mjs';

let suite, downloads;
before(async () => {
  suite = await openSuite();
  downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-downloads-'));
  const cdp = await suite.session.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads, eventsEnabled: true });
});
after(async () => {
  await suite?.close();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

async function downloaded(name) {
  const file = path.join(downloads, name);
  await waitFor(() => fs.existsSync(file) && !fs.existsSync(`${file}.crdownload`) && fs.statSync(file).size > 0, { what: `download ${name}` });
  const text = fs.readFileSync(file, 'utf8');
  fs.rmSync(file);
  return text;
}

const rowNames = (popup) => popup.$$eval('#rows tr', (trs) => trs.map((tr) => tr.cells[0].textContent));

test('history: search, export JSON and CSV, delete all, re-import gives back the same history', async () => {
  const page = await suite.session.newPage();
  const onPage = {};
  for (const u of ['lena.bakes', 'marco.travels', 'quiet.likes']) {
    await page.goto(suite.standin.profileUrl(u));
    const b = await waitForOverlay(page, (o) => !!o.badgeState && !!o.badgeLabel, { what: 'the badge decided' });
    // The history leaves out the offer to audit; every other note of the badge stays.
    const notes = b.badgeNotes.filter((n) => n.id !== 'badge.audit_offer').map((n) => n.text);
    assert.ok(b.badgeNotes.some((n) => n.id === 'badge.audit_offer'), `${u}: the badge offers an audit`);
    onPage[u] = { state: b.badgeState, words: [b.badgeLabel, ...notes].join(' · ') };
  }
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 3);
  assert.deepEqual(await rowNames(popup), ['quiet.likes', 'marco.travels', 'lena.bakes'], 'newest first');
  await popup.type('#search', 'MARCO');
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 1);
  assert.deepEqual(await rowNames(popup), ['marco.travels']);
  await popup.$eval('#search', (el) => { el.value = ''; el.dispatchEvent(new Event('input')); });
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 3);
  await screenshot(popup, 'popup-history');
  // Each row says what the badge said on the profile; the instant estimate's numbers stand beside
  // it, muted, since the badge showed none (the profile alone never gives a number).
  const rows = await popup.$$eval('#rows tr', (trs) => trs.map((tr) => ({
    user: tr.cells[0].textContent, result: tr.cells[1].textContent, state: tr.cells[1].dataset.state,
    estimate: tr.cells[2].textContent,
    // Muted as drawn, not only by class: the grade's colour won over it (an "at least" row's number in orange).
    muted: tr.cells[2].classList.contains('muted') && getComputedStyle(tr.cells[2]).color === getComputedStyle(document.querySelector('.muted, #empty')).color })));
  for (const r of rows) {
    assert.ok(r.state && r.state !== 'number', `${r.user}: a badge state, not a number (${r.state})`);
    assert.equal(r.state, onPage[r.user].state, `${r.user}: the badge's state`);
    assert.equal(r.result, onPage[r.user].words, `${r.user}: the badge's words and notes`);
    assert.doesNotMatch(r.result, /%/, `${r.user}: no percentage in the words`);
    if (/%/.test(r.estimate)) assert.ok(r.muted, `${r.user}: the instant number "${r.estimate}" is muted`);
  }
  assert.ok(rows.some((r) => /%/.test(r.estimate)), 'at least one instant estimate has a number to mute');

  await popup.click('#export-json');
  const json = await downloaded('fakemeter-history.json');
  const exported = JSON.parse(json);
  assert.equal(exported.format, 'fakemeter-history');
  assert.equal(exported.schema, 2);
  assert.deepEqual(exported.entries.map((e) => e.username), ['lena.bakes', 'marco.travels', 'quiet.likes']);

  await popup.click('#export-csv');
  const csvText = await downloaded('fakemeter-history.csv');
  assert.equal(csvText.charCodeAt(0), 0xFEFF, 'a byte-order mark, so spreadsheets read UTF-8');
  const csv = csvText.slice(1).trim().split('\r\n');
  assert.equal(csv[0], CSV_COLUMNS.join(','));
  assert.equal(csv.length, 4);
  const marco = exported.entries.find((e) => e.username === 'marco.travels');
  // The badge's words as the popup shows them, then the estimate kept behind them.
  const words = onPage['marco.travels'].words;
  const quoted = /[",]/.test(words) ? `"${words.replace(/"/g, '""')}"` : words;
  assert.ok(csv.some((l) => l.startsWith(`marco.travels,Marco Rossi,${quoted},${marco.fake_percent},`)), csv.join('\n'));

  // Delete one, then all.
  // By keyboard: the status says it, and the focus goes to the row now in its place (before, it
  // fell to the page and nothing was said).
  await popup.focus('#rows tr:first-child button');
  await popup.keyboard.press('Enter');
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 2);
  await popup.waitForFunction(() => document.activeElement?.closest('#rows tr') === document.querySelector('#rows tr:first-child'));
  assert.equal(await popup.$eval('#message', (m) => m.textContent), 'Deleted 1 entry.');
  // Delete all asks first, inside the popup (window.confirm asked before: Firefox's popup does not
  // keep a native dialog open): the button makes room for the question, the focus on Cancel.
  // Escape and Cancel keep every entry, the focus back on the button; "Delete everything" deletes.
  const ext = await extensionPage(suite);
  const storedNames = async () => Object.keys((await ext.evaluate(() => chrome.storage.local.get('history'))).history.entries).sort();
  const kept = await storedNames();
  assert.equal(kept.length, 2);
  await popup.bringToFront();
  // The question counts every profile, also those a search hides: all of them go. None holds an
  // audit, and none is said (it asked "with their audits?" of these).
  const asked = 'Delete all 2 profiles in the history? This cannot be undone: export the history first to keep a copy.';
  const question = { role: 'group', named: asked, question: asked,
    answers: ['Delete everything', 'Cancel'], focused: 'Cancel', triggerHidden: true };
  await popup.type('#search', (await rowNames(popup))[0]);
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 1);
  assert.deepEqual(await popupAsks(popup, '#delete-all'), question, 'asked with a search showing one of them');
  await answerPopup(popup, '#delete-all', 'Cancel');
  await popup.$eval('#search', (el) => { el.value = ''; el.dispatchEvent(new Event('input')); });
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 2);
  assert.deepEqual(await popupAsks(popup, '#delete-all'), question);
  await screenshot(popup, 'popup-delete-all-question');
  await popup.keyboard.press('Escape');
  await popup.waitForSelector('#delete-all + .ask', { hidden: true });
  assert.equal(await popup.evaluate(() => document.activeElement?.id), 'delete-all', 'Escape: the focus back on Delete all');
  assert.deepEqual(await popup.$eval('#delete-all', (b) => b.hidden), false);
  assert.deepEqual(await storedNames(), kept, 'Escape deletes nothing');
  assert.deepEqual(await popupAsks(popup, '#delete-all'), question, 'asked again');
  await answerPopup(popup, '#delete-all', 'Cancel');
  await popup.waitForSelector('#delete-all + .ask', { hidden: true });
  assert.equal(await popup.evaluate(() => document.activeElement?.id), 'delete-all', 'Cancel: the focus back on Delete all');
  assert.deepEqual(await storedNames(), kept, 'Cancel deletes nothing');
  assert.equal((await rowNames(popup)).length, 2, 'nor does the list lose a row');
  // One of them holding an audit's result: the question says so, of that one.
  await ext.evaluate(() => chrome.storage.local.get('history').then(({ history }) => {
    const [name] = Object.keys(history.entries).sort();
    history.entries[name] = { ...history.entries[name], confidence: 'audited', audit_at: history.entries[name].computed_at };
    return chrome.storage.local.set({ history });
  }));
  await tellBackground(ext, ['history']);
  await popup.reload();
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 2);
  assert.equal((await popupAsks(popup, '#delete-all')).question,
    'Delete all 2 profiles in the history, 1 of them with an audit? This cannot be undone: export the history first to keep a copy.');
  await answerPopup(popup, '#delete-all', 'Cancel');
  // The other one with an audit stored that has no result yet (here paused): Delete all deletes it
  // too, and the question counts it (it counted the results in the history alone).
  await ext.evaluate(() => chrome.storage.local.get('history').then(({ history }) => {
    const name = Object.keys(history.entries).sort()[1];
    return chrome.storage.local.set({ [`audit:${name}`]: { v: 1, username: name, status: 'paused', updatedAt: Date.now() } });
  }));
  await tellBackground(ext, null);
  await popup.reload();
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 2);
  assert.equal((await popupAsks(popup, '#delete-all')).question,
    'Delete all 2 profiles in the history, with their audits? This cannot be undone: export the history first to keep a copy.');
  await answerPopup(popup, '#delete-all', 'Delete everything');
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 0);
  assert.equal(await popup.$eval('#message', (m) => m.textContent), 'Deleted 2 entries.');
  assert.deepEqual((await ext.evaluate(() => chrome.storage.local.get('history'))).history.entries, {});
  assert.deepEqual(await ext.evaluate(() => chrome.storage.local.get(null).then((all) => Object.keys(all).filter((k) => k.startsWith('audit:')))),
    [], 'the audit said goes too');
  await popup.waitForFunction(() => document.activeElement?.id === 'search');
  // Nothing left to delete: Delete all is off (it asked to delete "all 0 profiles").
  assert.equal(await popup.$eval('#delete-all', (b) => b.disabled), true, 'Delete all off with the history empty');

  // Re-import the exported file: the same history comes back.
  const file = path.join(downloads, 'import.json');
  fs.writeFileSync(file, json);
  const input = await popup.$('#import-file');
  await input.uploadFile(file);
  await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 3 || /:/.test(document.getElementById('message').textContent));
  assert.equal(await popup.$eval('#message', (m) => m.textContent), 'Imported 3 entries.');
  await popup.waitForFunction(() => !document.getElementById('delete-all').disabled);
  assert.equal((await rowNames(popup)).length, 3);
  await popup.click('#export-json');
  const again = JSON.parse(await downloaded('fakemeter-history.json'));
  assert.deepEqual(again.entries, exported.entries, 'export -> import -> export round-trips');
});

// Import was a label for a hidden file input: Tab never reached it and screen readers read it as
// text. And an old backup imported after checks since replaced their newer results silently.
test('Import is a button the keyboard reaches; an older backup keeps the newer results and says so', async () => {
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  const before = await rowNames(popup);
  assert.ok(before.length > 0, 'the earlier tests left entries to keep');
  const ext = await extensionPage(suite);
  const stored = (await ext.evaluate(() => chrome.storage.local.get('history'))).history.entries;
  const name = before[0];
  // A backup of a day before: the same profile at 99% fake.
  const old = { ...stored[name], computed_at: stored[name].computed_at - 86_400_000, fake_percent: 99, report: null };
  const file = path.join(downloads, 'old-backup.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [old] }));
  await popup.bringToFront();
  await popup.focus('#export-json');
  let reached = null;
  for (let i = 0; i < 5 && reached !== 'import-button'; i++) {
    await popup.keyboard.press('Tab');
    reached = await popup.evaluate(() => document.activeElement?.id || null);
  }
  assert.equal(reached, 'import-button', 'Tab reaches Import');
  // Enter on it opens the file picker: the hidden file input is clicked (the picker itself is
  // held back here, a headless browser's file chooser being unreliable across pages), then the
  // file is given to that input.
  await popup.evaluate(() => document.getElementById('import-file').addEventListener('click', (e) => {
    window.fmPickerOpened = true;
    e.preventDefault();
  }, { once: true }));
  await popup.keyboard.press('Enter');
  await popup.waitForFunction(() => window.fmPickerOpened === true, { polling: 50 });
  await (await popup.$('#import-file')).uploadFile(file);
  const message = await popup.waitForFunction(() => document.getElementById('message').textContent || null).then((h) => h.jsonValue());
  assert.equal(message, 'Imported 0 entries. For 1 entry of the file a newer result was already here: that one was kept.');
  const after = (await ext.evaluate(() => chrome.storage.local.get('history'))).history.entries[name];
  assert.deepEqual([after.fake_percent, after.computed_at], [stored[name].fake_percent, stored[name].computed_at]);
});

// A backup from another version may name badge messages this one has no words for: they showed as
// their keys ("msg_badge_future_finding").
test('an imported badge whose words this version lacks leaves the result empty beside the numbers, never message keys', async () => {
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  const entry = { username: 'future.version', full_name: '', fake_percent: 30, ci_low: 20, ci_high: 40, grade: 'poor', confidence: 'audited',
    status: 'ok', states: [], follower_count: 900, computed_at: Date.now(),
    badge: { state: 'number', tone: 'poor', label: { id: 'badge.future_finding', params: {} }, notes: [{ id: 'badge.future_note', params: {} }] } };
  const file = path.join(downloads, 'future.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [entry] }));
  await (await popup.$('#import-file')).uploadFile(file);
  await popup.waitForFunction(() => [...document.querySelectorAll('#rows tr')].some((tr) => tr.cells[0].textContent === 'future.version'));
  const row = await popup.$$eval('#rows tr', (trs) => [...trs.find((tr) => tr.cells[0].textContent === 'future.version').cells].map((c) => c.textContent));
  assert.deepEqual(row.slice(1, 3), ['', '≈30% fake (20–40%)'], 'the numbers once, in their column');
  // A floor's row: its number, which the badge did not show, is muted as drawn (the grade's orange won).
  const floor = { ...entry, username: 'floor.entry', fake_percent: 99, ci_low: 36, ci_high: 100, grade: 'bad',
    badge: { state: 'at_least', tone: 'poor', label: { id: 'badge.at_least', params: { low: 36, high: 100 } }, notes: [] } };
  fs.writeFileSync(file, JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [floor] }));
  await (await popup.$('#import-file')).uploadFile(file);
  await popup.waitForFunction(() => [...document.querySelectorAll('#rows tr')].some((tr) => tr.cells[0].textContent === 'floor.entry'));
  const drawn = await popup.$$eval('#rows tr', (trs) => {
    const cell = trs.find((tr) => tr.cells[0].textContent === 'floor.entry').cells[2];
    return { color: getComputedStyle(cell).color, muted: getComputedStyle(document.getElementById('empty')).color };
  });
  assert.equal(drawn.color, drawn.muted);
  await popup.close();
});

test('a malformed import is rejected whole with a message, and the history is untouched', async () => {
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');  // the history is drawn before it is compared
  const before = await rowNames(popup);
  assert.ok(before.length > 0, 'the earlier tests left entries to keep');
  const file = path.join(downloads, 'bad.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [{ username: 'ok_user', computed_at: 1 }, { username: 'bad name', computed_at: 1 }] }));
  await (await popup.$('#import-file')).uploadFile(file);
  const message = await popup.waitForFunction(() => document.getElementById('message').textContent || null).then((h) => h.jsonValue());
  assert.equal(message, 'An entry of this file cannot be read: nothing was imported. (entries[1].username must be an Instagram username)');
  assert.deepEqual(await rowNames(popup), before);
  // In German the detail is German too (it followed the German sentence in English), and a file
  // that is no JSON at all says so, without the browser's English parser message; Export CSV's
  // file was told no more than that.
  const ext = await extensionPage(suite);
  await ext.evaluate(() => chrome.storage.local.set({ settings: { language: 'de' } }));
  await tellBackground(ext, ['settings']);
  try {
    const refusal = async (name, text) => {
      await popup.reload();
      await popup.waitForSelector('#rows[data-shown]');
      fs.writeFileSync(path.join(downloads, name), text);
      await (await popup.$('#import-file')).uploadFile(path.join(downloads, name));
      return popup.waitForFunction(() => document.getElementById('message').textContent || null).then((h) => h.jsonValue());
    };
    assert.equal(await refusal('bad.json', fs.readFileSync(file, 'utf8')),
      'Ein Eintrag dieser Datei ist nicht lesbar: nichts wurde importiert. (entries[1].username muss ein Instagram-Benutzername sein)');
    assert.equal(await refusal('notes.txt', 'username,fake_percent\r\nlena.bakes,12\r\n'), 'Diese Datei ist kein JSON: nichts wurde importiert.');
    // Export CSV's own file (by its name) says which file imports, by the buttons' labels.
    assert.equal(await refusal('history.csv', 'username,fake_percent\r\nlena.bakes,12\r\n'),
      'Das ist die Datei, die „Exportieren (CSV)“ speichert, für Tabellenprogramme: „Importieren (JSON)“ nimmt, was „Exportieren (JSON)“ speichert. Nichts wurde importiert.');
    assert.deepEqual(await rowNames(popup), before);
  } finally {
    await ext.evaluate(() => chrome.storage.local.remove('settings'));
    await tellBackground(ext, ['settings']);
  }
});

// The dark palette is the popup's own, not the browser's canvas (tests/js/contrast.test.mjs checks
// its contrast): in the dark theme its background and muted text are the panel's dark ones.
test('in the dark theme the popup draws the panel\'s dark palette; its sizes follow the browser\'s font size', async () => {
  const popup = await suite.session.newPage();
  await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  const colours = await popup.evaluate(() => [getComputedStyle(document.documentElement).backgroundColor,
    getComputedStyle(document.body).color, getComputedStyle(document.querySelector('.muted')).color]);
  assert.deepEqual(colours, ['rgb(18, 18, 18)', 'rgb(245, 245, 245)', 'rgb(168, 168, 168)']);
  // Its text and width follow the browser's font size: 13 px and 520 px at the default 16, and
  // larger when the user asks for larger text (here the root's size standing in for that setting).
  const sizes = () => popup.evaluate(() => [getComputedStyle(document.body).fontSize, document.body.getBoundingClientRect().width]);
  assert.deepEqual(await sizes(), ['13px', 520]);
  await popup.evaluate(() => { document.documentElement.style.fontSize = '20px'; });
  assert.deepEqual(await sizes(), ['16.25px', 650]);
  await popup.close();
});

// With every page at 200% zoom (Chromium's default zoom, the popup's too), the popup is at most 800
// device pixels, 400 CSS px, wide: its 40em body (520 px) scrolled sideways by 132 px, its buttons
// and the table's right-hand columns out of view; narrowed, the German history's table (its estimates
// kept on one line) stayed 47 px wider. In a browser of its own, started at that zoom.
test('at 200% zoom the toolbar popup fits its width, its history in German: no sideways scroll', async () => {
  const zoomed = await openSuite({ settings: { language: 'de' }, preferences: { partition: { default_zoom_level: { x: Math.log(2) / Math.log(1.2) } } } });
  try {
    const tab = await zoomed.session.newPage();
    for (const username of ['shopdeals.official', 'mila.gifted', 'lena.bakes']) {
      await tab.goto(zoomed.standin.profileUrl(username));
      await waitForOverlay(tab, (x) => x.badgeLabel, { what: 'the badge' });
    }
    const popup = await openActionPopup(zoomed, tab);
    await popup.waitForFunction(() => document.getElementById('rows').dataset.shown === '3');
    const fits = () => popup.evaluate(() => ({ zoom: devicePixelRatio, width: innerWidth, content: document.documentElement.scrollWidth }));
    await waitFor(async () => { const f = await fits(); return f.content <= f.width; }, { what: 'the popup within its width', timeout: 3000 })
      .catch(async () => assert.fail(`the popup scrolls sideways: ${JSON.stringify(await fits())}`));
    const seen = await fits();
    assert.ok(seen.zoom >= 2 && seen.width <= 400, `the popup is zoomed to 200%: ${JSON.stringify(seen)}`);
    // Its buttons all within it.
    const out = await popup.$$eval('button', (bs) => bs.filter((b) => b.getBoundingClientRect().right > innerWidth).map((b) => b.textContent));
    assert.deepEqual(out, []);
    // The history's table: scoped column headers and a name (it had neither), no text cut off, and
    // the Tab key reaching every row's link and delete button (popup-table-checks.mjs).
    assert.deepEqual(await popupTableFaults(popup), []);
  } finally {
    await zoomed.close();
  }
});

// At 300% zoom the popup is 266 CSS px wide (800 device pixels): the history's table headers alone
// were about 360 px. Drawn as the popup is then (a page 266 px wide: the layout is the viewport's, the
// zoom only scales it), in each language, with a renamed profile's former name: nothing past its width.
test('at 300% zoom (a popup 266 px wide) the history stacks each row: no sideways scroll in any language', async () => {
  await suite.resetExtension();
  const tab = await suite.session.newPage();
  for (const username of ['shopdeals.official', 'mila.gifted', 'lena.bakes']) {
    await tab.goto(suite.standin.profileUrl(username));
    await waitForOverlay(tab, (x) => x.badgeLabel, { what: 'the badge' });
  }
  await tab.close();
  const ext = await extensionPage(suite);
  const popup = await suite.session.newPage();
  await popup.setViewport({ width: 266, height: 700 });
  try {
    for (const language of ['en', 'nl', 'de', 'fr']) {
      await ext.evaluate((l) => chrome.storage.local.get('settings').then(({ settings }) => chrome.storage.local.set({ settings: { ...settings, language: l } })), language);
      await tellBackground(ext, ['settings']);
      await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
      await popup.waitForFunction(() => document.getElementById('rows').dataset.shown === '3');
      const seen = await popup.evaluate(() => ({ lang: document.documentElement.lang, width: innerWidth, content: document.documentElement.scrollWidth,
        // (A header kept for a screen reader alone, clipped to nothing, is not drawn.)
        past: [...document.querySelectorAll('#history th, #history td, #history button')]
          .filter((x) => !x.closest('thead') || x.closest('thead').getBoundingClientRect().width > 1)
          .filter((x) => x.getBoundingClientRect().width > 0 && x.getBoundingClientRect().right > innerWidth).map((x) => x.textContent) }));
      assert.equal(seen.lang, language);
      assert.ok(seen.content <= seen.width && seen.past.length === 0, `${language}: the popup scrolls sideways: ${JSON.stringify(seen)}`);
    }
    // Each row's cells still read as the table's, its headers kept for a screen reader, each row
    // named by its username (its header).
    const snap = await popup.accessibility.snapshot({ root: await popup.$('#history table'), interestingOnly: false });
    const roles = [];
    (function walk(n) { roles.push(n.role); (n.children || []).forEach(walk); })(snap);
    assert.ok(roles.includes('table') && roles.includes('columnheader') && roles.filter((r) => r === 'row').length >= 4 &&
      roles.filter((r) => r === 'rowheader').length === 3, `table semantics: ${[...new Set(roles)]}`);
    await screenshot(popup, 'popup-300-zoom');
  } finally {
    await popup.close();
  }
});

// The user's font size at 20 px (Page.setFontSizes; the popup's body is 40em, 800 px): a popup
// 520 px wide (at 160% zoom) holds the German history as a 416 px one does at 16 px, where the
// 400 px popup needed its estimates to wrap. The narrow layout follows the font size, as the body's
// width does: nothing past its width.
test('at a 20 px font size a popup 520 px wide holds the German history: no sideways scroll', async () => {
  await suite.resetExtension({ language: 'de' });
  const tab = await suite.session.newPage();
  for (const username of ['shopdeals.official', 'mila.gifted', 'lena.bakes']) {
    await tab.goto(suite.standin.profileUrl(username));
    await waitForOverlay(tab, (x) => x.badgeLabel, { what: 'the badge' });
  }
  await tab.close();
  const popup = await suite.session.newPage();
  const cdp = await popup.createCDPSession();
  try {
    await popup.setViewport({ width: 520, height: 700 });
    await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
    await popup.waitForFunction(() => document.getElementById('rows').dataset.shown === '3');
    // (Set on the extension's page itself: set before, the navigation to it left it at 16.)
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 20 } });
    await popup.waitForFunction(() => getComputedStyle(document.body).fontSize === '16.25px');
    const fits = () => popup.evaluate(() => ({ font: getComputedStyle(document.body).fontSize, width: innerWidth,
      content: document.documentElement.scrollWidth,
      past: [...document.querySelectorAll('#history td, #history button')].filter((x) => x.getBoundingClientRect().right > innerWidth).map((x) => x.textContent) }));
    await waitFor(async () => { const f = await fits(); return f.content <= f.width && !f.past.length; }, { what: 'the popup within its width', timeout: 3000 })
      .catch(async () => assert.fail(`the popup scrolls sideways: ${JSON.stringify(await fits())}`));
  } finally {
    await cdp.detach().catch(() => {});
    await popup.close();
  }
});

// A stored history this build cannot wholly read (an entry edited or of another version, or a
// history of a later schema after going back a version) loses nothing: what cannot be read is
// kept aside as it was, the popup says so with where and why, offers it as a download, and it
// stays kept across new checks until the user discards it.
test('what the stored history cannot read is kept aside: shown, downloaded whole, kept across checks, discarded on request', async () => {
  const ext = await extensionPage(suite);
  const good = { username: 'kept.one', full_name: 'Kept', fake_percent: 12, ci_low: 5, ci_high: 30, grade: 'fair',
    confidence: 'instant', status: 'ok', states: [], follower_count: 820, rough: false, computed_at: Date.now() - 60000 };
  const broken = { username: 'broken.one', fake_percent: 'lots', computed_at: Date.now() };
  await ext.evaluate((h) => chrome.storage.local.clear().then(() => chrome.storage.local.set({ history: h })),
    { schema: 2, entries: { 'kept.one': good, 'broken.one': broken } });
  await tellBackground(ext, null);
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#aside:not([hidden])');
  assert.deepEqual(await rowNames(popup), ['kept.one'], 'what can be read is listed');
  const shown = await popup.$eval('#aside', (a) => ({ count: a.dataset.count, note: a.querySelector('#aside-note').textContent,
    items: [...a.querySelectorAll('li')].map((li) => li.textContent) }));
  assert.equal(shown.count, '1');
  assert.equal(shown.note, '1 item of the stored history is kept aside, outside the history (why, below). ' +
    'The item that could not be read is kept as it was. Download a copy to keep, or discard.');
  assert.deepEqual(shown.items, ['entries.broken.one.fake_percent must be a percentage (0..100) or null']);
  await screenshot(popup, 'popup-set-aside');
  // In French the reason is French too (it was the English one in every language), and an item kept
  // before reasons had codes says the English it was kept with.
  await ext.evaluate(() => chrome.storage.local.get('history_set_aside').then(({ history_set_aside: items }) => chrome.storage.local.set({
    settings: { language: 'fr' }, history_set_aside: [...items, { key: 'entries.older', reason: 'an older English reason', at: 1, value: null }] })));
  await tellBackground(ext, ['settings', 'history_set_aside']);
  await popup.reload();
  await popup.waitForSelector('#aside:not([hidden])');
  assert.deepEqual(await popup.$$eval('#aside li', (li) => li.map((x) => x.textContent)),
    ['entries.broken.one.fake_percent doit être un pourcentage (de 0 à 100) ou null', 'an older English reason']);
  await ext.evaluate(() => chrome.storage.local.get('history_set_aside').then(({ history_set_aside: items }) => chrome.storage.local.set({
    history_set_aside: items.filter((i) => i.key !== 'entries.older') })).then(() => chrome.storage.local.remove('settings')));
  await tellBackground(ext, ['settings', 'history_set_aside']);
  await popup.reload();
  await popup.waitForSelector('#aside:not([hidden])');

  // A new check writes the history: the broken entry is not in it, and still kept aside.
  const page = await suite.session.newPage();
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForOverlay(page, (o) => !!o.badgeState, { what: 'the badge decided' });
  const stored = await ext.evaluate(() => chrome.storage.local.get(['history', 'history_set_aside']));
  assert.deepEqual(Object.keys(stored.history.entries).sort(), ['kept.one', 'lena.bakes']);
  assert.equal(stored.history_set_aside.length, 1, 'kept once, however often the history was read');
  assert.deepEqual(stored.history_set_aside[0].value, broken);
  await page.close();

  await popup.click('#aside-download');
  const doc = JSON.parse(await downloaded('fakemeter-kept-aside.json'));
  assert.equal(doc.format, 'fakemeter-set-aside');
  assert.deepEqual(doc.items.map((i) => [i.key, i.value]), [['entries.broken.one', broken]]);

  // Discard asks first, in the popup (it asked by window.confirm); Cancel keeps the item.
  await popup.bringToFront();
  const question = { role: 'group', named: 'Discard the 1 item kept aside? It cannot be brought back.',
    question: 'Discard the 1 item kept aside? It cannot be brought back.', answers: ['Discard 1 item', 'Cancel'], focused: 'Cancel', triggerHidden: true };
  assert.deepEqual(await popupAsks(popup, '#aside-discard'), question);
  await answerPopup(popup, '#aside-discard', 'Cancel');
  await popup.waitForSelector('#aside-discard + .ask', { hidden: true });
  assert.equal(await popup.evaluate(() => document.activeElement?.id), 'aside-discard', 'the focus back on Discard');
  assert.equal((await ext.evaluate(() => chrome.storage.local.get('history_set_aside'))).history_set_aside.length, 1, 'Cancel: still kept');
  assert.equal(await popup.$eval('#aside', (a) => a.hidden), false);
  assert.deepEqual(await popupAsks(popup, '#aside-discard'), question, 'asked again');
  // A live region holds its message only: the box's status (atomic) held its buttons and the question,
  // so a screen reader read Download, Discard and the question's answers out with each change.
  assert.deepEqual(await popup.evaluate(() => [...document.querySelectorAll('[role=status], [role=alert], [aria-live]:not([aria-live=off])')]
    .filter((r) => r.querySelector('button, input, a, select, [role=group]')).map((r) => r.id)), [], 'no live region holds a control');
  assert.equal(await popup.$eval('#aside-note', (n) => n.closest('[role=status]')?.id), 'aside-note', 'the note alone is the status');
  await screenshot(popup, 'popup-discard-question');
  // A second item set aside while the question is open: the question says both go (the discard takes all).
  // (The popup asks the background at the change: toldAround.)
  await toldAround(ext, ['history_set_aside'], () => ext.evaluate(() => chrome.storage.local.get('history_set_aside').then(({ history_set_aside: items }) =>
    chrome.storage.local.set({ history_set_aside: [...items, { ...items[0], key: 'entries.broken.two', value: { ...items[0].value, username: 'broken.two' } }] }))));
  await popup.waitForFunction(() => document.querySelector('#aside-discard + .ask p')?.textContent.startsWith('Discard the 2 items'));
  assert.deepEqual(await popup.$$eval('#aside-discard + .ask button', (b) => b.map((x) => x.textContent)), ['Discard 2 items', 'Cancel']);
  assert.equal(await popup.evaluate(() => document.activeElement?.textContent), 'Cancel', 'the focus stays on Cancel');
  await answerPopup(popup, '#aside-discard', 'Discard 2 items');
  await popup.waitForSelector('#aside[hidden]');
  assert.equal(await popup.$eval('#message', (m) => m.textContent), 'Discarded what was kept aside.');
  // The list is gone: the focus goes to the buttons below it, not to the page.
  await popup.waitForFunction(() => document.activeElement?.id === 'export-csv');
  assert.equal((await ext.evaluate(() => chrome.storage.local.get('history_set_aside'))).history_set_aside, undefined);
  assert.deepEqual((await rowNames(popup)).sort(), ['kept.one', 'lena.bakes'], 'the history itself untouched');

  // A history of a later schema (the extension went back a version) is kept aside whole.
  const later = { schema: 3, entries: { 'future.one': { username: 'future.one', anything: true } } };
  await ext.evaluate((h) => chrome.storage.local.set({ history: h }), later);
  await tellBackground(ext, ['history']);
  await popup.reload();
  await popup.waitForSelector('#aside:not([hidden])');
  assert.deepEqual(await popup.$$eval('#aside li', (li) => li.map((x) => x.textContent)),
                   ['the stored history has schema 3 (this version reads schema 2); kept aside whole, a new one started']);
  const after = await ext.evaluate(() => chrome.storage.local.get(['history', 'history_set_aside']));
  assert.deepEqual(after.history_set_aside.map((i) => i.value), [later]);
  assert.deepEqual(after.history.entries, {}, 'a new history started');
  await popup.close();
});

// The history keeps at most 5,000 profiles. An import said "Imported 20 entries." when it had kept
// none of them; later, a file of newer profiles pushed the user's own out, past what could be kept aside.
test('a full history of 5,000 profiles: an import pushes none of them out and says how many of the file it left out', async () => {
  const ext = await extensionPage(suite);
  const base = Date.now() - 10 * 86400_000;
  await storeHistoryOf(ext, 5000, base);
  const popup = await suite.session.newPage();
  // How many rows the list held when its first rows came in: all 5,000 in one go kept the popup
  // blank for seconds; the first screen of rows comes first, the rest after.
  await popup.evaluateOnNewDocument(() => {
    new MutationObserver(() => {
      const rows = document.getElementById('rows');
      if (rows && rows.rows.length && window.firstRows === undefined) {
        window.firstRows = rows.rows.length;
        window.firstShown = rows.dataset.shown ?? null;
      }
    }).observe(document, { subtree: true, childList: true });
  });
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown="5000"]', { timeout: 30_000 });
  const first = await popup.evaluate(() => ({ rows: window.firstRows, shown: window.firstShown }));
  assert.ok(first.rows > 0 && first.rows < 5000, `the first rows came in before the rest (${first.rows} of 5,000)`);
  assert.equal(first.shown, null, 'not said drawn while rows are still to come');
  // Every row is there in the end, in order, each with its row header and delete button.
  assert.deepEqual(await popup.$eval('#rows', (tb) => [tb.rows.length, tb.querySelectorAll('th[scope="row"]').length,
    tb.querySelectorAll('button').length, tb.rows[0].cells[0].textContent, tb.rows[4999].cells[0].textContent]),
  [5000, 5000, 5000, 'user04999', 'user00000']);
  const older = ['old.a', 'old.b'].map((u, i) => ({ username: u, fake_percent: 30, ci_low: 20, ci_high: 40, computed_at: base - 1000 * (i + 1) }));
  const file = path.join(downloads, 'older.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: older }));
  await (await popup.$('#import-file')).uploadFile(file);
  await popup.waitForFunction(() => document.getElementById('message').textContent !== '', { timeout: 30_000 });
  // Into a full history an import pushes none of the user's profiles out: the file's new ones stay
  // out (the file has them), said.
  assert.equal(await popup.$eval('#message', (m) => m.textContent),
    'Imported 0 entries. The history keeps at most 5,000 profiles and is full: 2 entries of the file were not imported (the file still has them); delete profiles you no longer need to make room.');
  const stored = (await ext.evaluate(() => chrome.storage.local.get(['history', 'history_set_aside'])));
  assert.equal(Object.keys(stored.history.entries).length, 5000);
  assert.ok(!stored.history.entries['old.a'] && stored.history.entries.user00000);
  assert.equal(stored.history_set_aside, undefined, 'nothing set aside');
  await popup.close();
});

// The popup asks for the first rows of the history, then for the rest (handlers.js historyList with
// a limit, then its rest): in the popup `popup`, before it loads, the asks for a rest are held until
// `releaseRests(popup)` (or, with `all`, from then on sent at once), so that a test acts between the two. `gone`: each is asked by a token the
// background never gave (as after its worker restarted between the two asks).
async function holdRests(popup, { gone = false } = {}) {
  await popup.evaluateOnNewDocument((gone) => {
    const send = chrome.runtime.sendMessage.bind(chrome.runtime);
    window.restsHeld = [];
    window.restsAnswered = 0;
    let holding = true;
    chrome.runtime.sendMessage = (msg, ...more) => {
      if (!holding || !msg || msg.what !== 'history.list' || msg.rest === undefined) return send(msg, ...more);
      const asked = gone ? { ...msg, rest: 'gone' } : msg;
      return new Promise((resolve) => { window.restsHeld.push(() => send(asked, ...more).then(resolve).finally(() => { window.restsAnswered++; })); });
    };
    window.releaseRests = (all) => {
      holding = !all;
      const held = window.restsHeld.splice(0);
      held.forEach((go) => go());
      return held.length;
    };
  }, gone);
}
const releaseRests = (popup, { all = false } = {}) => popup.evaluate((all) => window.releaseRests(all), all);
const popupRows = (popup) => popup.$eval('#rows', (tb) => ({ names: [...tb.rows].map((tr) => tr.cells[0].querySelector('a').textContent),
  shown: tb.dataset.shown ?? null, buttons: tb.querySelectorAll('button').length }));
// What the history holds, newest first (as the popup lists it: history.js listEntries).
const storedNewestFirst = async (ext) => listEntries((await ext.evaluate(() => chrome.storage.local.get('history'))).history)
  .map((e) => e.username);

// The first screen of rows comes before the rest of the list. A profile checked and one deleted
// between the two asks: the list drawn in the end is the history as stored then, no row twice, none
// missing; until the rest is in, the list is not said drawn, and Delete all names every profile.
test('the history in two parts: the first rows before the rest; a profile added and one deleted between them: none twice, none lost', async () => {
  const ext = await extensionPage(suite);
  const base = Date.now() - 10 * 86400_000;
  await storeHistoryOf(ext, 300, base);
  const popup = await suite.session.newPage();
  await holdRests(popup);
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForFunction(() => window.restsHeld.length === 1);
  let seen = await popupRows(popup);
  assert.deepEqual([seen.names.length, seen.names[0], seen.names[99], seen.shown], [100, 'user00299', 'user00200', null],
    'the first 100 rows, newest first, not said drawn');
  // Delete all names every profile the history holds, not the 100 in the page.
  assert.match((await popupAsks(popup, '#delete-all')).question, /^Delete all 300 profiles in the history\?/);
  await answerPopup(popup, '#delete-all', 'Cancel');
  // Between the two asks: a newer profile, and one of the rest deleted.
  // (The popup asks the background at the change: toldAround.)
  await toldAround(ext, ['history'], () => ext.evaluate((now) => chrome.storage.local.get('history').then(({ history }) => {
    history.entries['newer.one'] = { ...history.entries.user00000, username: 'newer.one', computed_at: now };
    delete history.entries.user00150;
    return chrome.storage.local.set({ history });
  }), Date.now()));
  // The popup draws the changed history anew; the first draw's rest, answered late, draws nothing.
  // (Its own rest held too.)
  await popup.waitForFunction(() => window.restsHeld.length === 2 && document.querySelector('#rows tr a')?.textContent === 'newer.one');
  assert.equal(await releaseRests(popup, { all: true }), 2);
  await popup.waitForFunction(() => window.restsAnswered === 2);
  await popup.waitForSelector('#rows[data-shown="300"]');
  const stored = await storedNewestFirst(ext);
  seen = await popupRows(popup);
  assert.deepEqual(seen.names, stored, 'the history as stored, in order');
  assert.equal(new Set(seen.names).size, 300, 'no row twice');
  assert.ok(!seen.names.includes('user00150') && seen.names[0] === 'newer.one');
  assert.equal(seen.buttons, 300);
  assert.match((await popupAsks(popup, '#delete-all')).question, /^Delete all 300 profiles in the history\?/);
  await answerPopup(popup, '#delete-all', 'Cancel');
  assert.deepEqual(await popupTableFaults(popup), [], 'the table as a screen reader and the keyboard meet it');
  // A row of the rest deleted by keyboard: the focus goes to the row now in its place.
  await popup.focus('#rows tr:nth-child(151) button');
  const next = seen.names[151];
  await popup.keyboard.press('Enter');
  await popup.waitForSelector('#rows[data-shown="299"]');
  await popup.waitForFunction((n) => document.activeElement?.closest('#rows tr')?.cells[0].textContent === n, {}, next);
  await popup.close();
});

// The rest no longer kept by the background (its worker stopped between the two asks): it answers
// with the whole list read again, which the popup draws in place of the first rows, with its counts.
// The popup is not told of the change here (no storage events), so what it shows is that answer's.
test('a rest the background no longer keeps: the whole list read again replaces the first rows, counts too', async () => {
  const ext = await extensionPage(suite);
  await storeHistoryOf(ext, 250, Date.now() - 10 * 86400_000);
  const popup = await suite.session.newPage();
  await holdRests(popup, { gone: true });
  await popup.evaluateOnNewDocument(() => { chrome.storage.local.onChanged.addListener = () => {}; chrome.storage.onChanged.addListener = () => {}; });
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForFunction(() => window.restsHeld.length === 1);
  await ext.evaluate((now) => chrome.storage.local.get('history').then(({ history }) => {
    history.entries['newer.one'] = { ...history.entries.user00000, username: 'newer.one', computed_at: now };
    delete history.entries.user00249;
    delete history.entries.user00010;
    return chrome.storage.local.set({ history });
  }), Date.now());
  await tellBackground(ext, ['history']);
  assert.equal(await releaseRests(popup), 1);
  await popup.waitForSelector('#rows[data-shown="249"]');
  const seen = await popupRows(popup);
  assert.deepEqual(seen.names, await storedNewestFirst(ext));
  assert.equal(new Set(seen.names).size, 249, 'no row twice');
  assert.match((await popupAsks(popup, '#delete-all')).question, /^Delete all 249 profiles in the history\?/, 'the count of that answer');
  await answerPopup(popup, '#delete-all', 'Cancel');
  await popup.close();
});

// A search typed while the rest of the whole list is on its way: the search's rows are what stays,
// the rest answered after draws nothing over them; clearing the search draws the whole list again.
test('a search typed while the rest of the list is on its way: its rows stay, the late rest draws nothing', async () => {
  const ext = await extensionPage(suite);
  await storeHistoryOf(ext, 300, Date.now() - 10 * 86400_000);
  const popup = await suite.session.newPage();
  await holdRests(popup);
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForFunction(() => window.restsHeld.length === 1);
  await popup.type('#search', 'user0001');
  // Ten profiles found: no rest to ask for.
  await popup.waitForSelector('#rows[data-shown="10"]');
  assert.equal(await releaseRests(popup), 1);
  await popup.waitForFunction(() => window.restsAnswered === 1);
  await popup.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  const seen = await popupRows(popup);
  assert.deepEqual(seen.names, Array.from({ length: 10 }, (_, i) => `user000${19 - i}`));
  assert.equal(seen.shown, '10');
  // A search that finds nothing says so, not that the history is empty.
  await popup.$eval('#search', (el) => { el.value = 'nobody.here'; el.dispatchEvent(new Event('input')); });
  await popup.waitForSelector('#rows[data-shown="0"]');
  assert.deepEqual(await popup.$eval('#empty', (e) => [e.hidden, e.textContent]), [false, 'No profile in the history matches.']);
  await popup.$eval('#search', (el) => { el.value = ''; el.dispatchEvent(new Event('input')); });
  await popup.waitForFunction(() => window.restsHeld.length === 1);
  assert.deepEqual([(await popupRows(popup)).names.length, await popup.$eval('#empty', (e) => e.hidden)], [100, true]);
  await releaseRests(popup);
  await popup.waitForSelector('#rows[data-shown="300"]');
  assert.deepEqual((await popupRows(popup)).names, await storedNewestFirst(ext));
  await popup.close();
});

// A large history of a later schema cannot be copied aside in a storage of 10 MiB: before, the
// copy failed with a console note and the next save wrote over the original.
test('a history too large to copy aside stays where it is: the popup offers it, nothing writes over it, discarding frees the room', async () => {
  const ext = await extensionPage(suite);
  const big = { schema: 3, entries: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`u${i}`, { username: `u${i}`, blob: 'x'.repeat(100_000) }])) };
  await ext.evaluate((h) => chrome.storage.local.clear().then(() => chrome.storage.local.set({ history: h })), big);
  await tellBackground(ext, null);
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#aside:not([hidden])');
  assert.match(await popup.$eval('#aside li', (li) => li.textContent),
               /^the stored history has schema 3 .* \(still where it was: storage is too full to copy it aside/);
  // A check now is shown but not saved over it.
  const page = await suite.session.newPage();
  await page.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForOverlay(page, (o) => !!o.badgeState, { what: 'the badge decided' });
  const kept = (await ext.evaluate(() => chrome.storage.local.get('history'))).history;
  assert.equal(kept.schema, 3, 'the stored history is not written over');
  assert.equal(Object.keys(kept.entries).length, 60);
  await page.close();
  // The download holds it whole.
  await popup.bringToFront();
  await popup.click('#aside-download');
  const doc = JSON.parse(await downloaded('fakemeter-kept-aside.json'));
  assert.equal(doc.items.length, 1);
  assert.equal(doc.items[0].held, true);
  assert.equal(Object.keys(doc.items[0].value.entries).length, 60);
  // Discarding it (asked first) frees the room: the next check is saved.
  await popupAsks(popup, '#aside-discard');
  await answerPopup(popup, '#aside-discard', 'Discard 1 item');
  await popup.waitForSelector('#aside[hidden]');
  const again = await suite.session.newPage();
  await again.goto(suite.standin.profileUrl('lena.bakes'));
  await waitForOverlay(again, (o) => !!o.badgeState, { what: 'the badge decided' });
  await waitFor(async () => (await ext.evaluate(() => chrome.storage.local.get('history'))).history?.entries?.['lena.bakes'], { what: 'saved' });
  await again.close();
  await popup.close();
});

// After an update Chromium can go on running the old background (across restarts, for an unpacked
// extension whose version did not change): it refuses messages it does not know, and the popup
// printed that raw ("message.rejected: unknown message …"). Said now as what it is and what to do.
test('a message the background refuses (its code older than the popup\'s) is said as Fakemeter needing a reload', async () => {
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  // The answer an older background gives a message it does not know.
  await popup.evaluate(() => {
    const real = chrome.runtime.sendMessage.bind(chrome.runtime);
    chrome.runtime.sendMessage = (msg) => (msg.what === 'history.export'
      ? Promise.resolve({ error: { id: 'message.rejected', message: `unknown message "${msg.what}" on the privileged channel` } })
      : real(msg));
  });
  await popup.click('#export-json');
  const message = await popup.waitForFunction(() => document.getElementById('message').textContent || null).then((h) => h.jsonValue());
  assert.equal(message, 'Fakemeter\'s parts do not match (it was updated or rebuilt while running): reload this page; if that does ' +
    'not help, reload Fakemeter on your browser\'s extensions page. (unknown message "history.export" on the privileged channel)');
  await popup.close();
});

// An import whose @x was another account than the stored @x (the name changed hands) replaced the
// stored entry: the user's history of that account was gone. The file's newer @x holds the name
// now, the stored one is kept aside as a check keeps it, and the import's message says so.
test('an import whose @x is another, newer account keeps the stored @x aside and says so', async () => {
  const ext = await extensionPage(suite);
  const mine = { username: 'changed.hands', full_name: 'First owner', fake_percent: 31, ci_low: 25, ci_high: 37, grade: 'poor',
    confidence: 'audited', status: 'ok', states: [], follower_count: 520, computed_at: Date.now() - 5 * 86_400_000,
    first_seen: { follower_count: 500, at: Date.now() - 9 * 86_400_000, user_id: '111' } };
  await ext.evaluate((e) => chrome.storage.local.set({ history: { schema: 2, entries: { [e.username]: e } }, history_set_aside: [] }), mine);
  await tellBackground(ext, ['history', 'history_set_aside']);
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  const theirs = { ...mine, full_name: 'Second owner', fake_percent: 5, ci_low: 2, ci_high: 9, grade: 'good', confidence: 'instant',
    follower_count: 9000, computed_at: Date.now() - 86_400_000, first_seen: { follower_count: 9000, at: Date.now() - 86_400_000, user_id: '222' } };
  const file = path.join(downloads, 'changed-hands.json');
  fs.writeFileSync(file, JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [theirs] }));
  await (await popup.$('#import-file')).uploadFile(file);
  const message = await popup.waitForFunction(() => document.getElementById('message').textContent || null).then((h) => h.jsonValue());
  assert.equal(message, 'Imported 1 entry. For 1 name of the file, the entry here was of another account, which had the name before: ' +
    'it was kept aside (above), and goes back into the history when Fakemeter sees that account under its new name.');
  const stored = await ext.evaluate(() => chrome.storage.local.get(['history', 'history_set_aside']));
  assert.equal(stored.history.entries['changed.hands'].full_name, 'Second owner');
  assert.deepEqual(stored.history_set_aside.map((i) => [i.user_id, i.taken, i.value.full_name, i.value.first_seen.follower_count]),
    [['111', 'changed.hands', 'First owner', 500]]);
  await popup.waitForSelector('#aside:not([hidden])');
  assert.match(await popup.$eval('#aside-items', (e) => e.textContent), /^@changed\.hands now belongs to another account/);
  await screenshot(popup, 'popup-import-taken-aside');
  await popup.close();
});
