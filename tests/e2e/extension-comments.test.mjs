// Engagement authenticity in Chromium: with the comment analysis switched on in the options, an
// audit started from the panel also reads the comments of the last 6 posts (within the request
// budget), the background builds the comments document and the engine judges it; the panel's
// "Engagement authenticity" section shows the verdict, each signal against its organic
// reference, the reasons and text patterns, no commenter's name; the result survives a stopped
// worker; no comment text reaches any console. The stand-in's tattoo studio (suggested comments
// from a paid network, likes by subscription) gets a "likely bought engagement" verdict for its
// repeated texts; the organic bakery does not. In Dutch, the verdict, its grade and the reasons
// are Dutch. Switched off (the default), nothing of it runs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, overlayState, openPanel, clickPart, screenshot, PANEL } from './lib/index.mjs';
import { waitFor, storedAudit, auditRequests, userIdOf, startAudit, stopWorkers, extensionPage, auditDone as auditDoneIn } from './extension-support.mjs';

let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, { resetStandin: true, newTabs: true });

const auditDone = (username) => auditDoneIn(suite, username, { timeout: 90000 });
// The comment analysis rests on the posts' comments and the commenters checked in full, not on the
// followers checked in full: where a test is not about the default plan, 3 of those, not 15.
const FEW_FOLLOWERS = { auditFullSize: 3 };

// The comments section as plain data (runs in the page; the panel's shadow root is open).
const commentsSection = () => page.evaluate((host) => {
  const root = document.querySelector(host)?.shadowRoot;
  const sec = root?.querySelector('[part~="comments"]');
  if (!sec) return null;
  const text = (p) => sec.querySelector(`[part~="${p}"]`)?.textContent.trim() ?? null;
  return {
    text: sec.textContent,
    verdict: text('comments-verdict'),
    grade: sec.querySelector('[part~="comments-verdict"]')?.getAttribute('data-grade') ?? null,
    sentence: text('comments-verdict-text'),
    state: text('comments-state'),
    rows: Object.fromEntries([...sec.querySelectorAll('[part~="comments-signals"] tr')]
      .map((tr) => [tr.getAttribute('data-signal'), tr.textContent])),
    examples: [...sec.querySelectorAll('[part~="comments-examples"] li')].map((li) => li.textContent),
    // Each reason's words, without the severity said to screen readers alone (its own list below).
    reasons: [...sec.querySelectorAll('[part~="comments-reasons"] li')].map((li) => {
      const words = li.cloneNode(true);
      for (const hidden of words.querySelectorAll('.sr-only')) hidden.remove();
      return words.textContent;
    }),
    severities: [...sec.querySelectorAll('[part~="comments-reasons"] li .sr-only')].map((x) => x.textContent),
    markup: sec.querySelectorAll('script, img, a, iframe').length,
  };
}, PANEL);

// Every console message of the page and of the extension's worker, as text.
async function recordConsoles() {
  const seen = [];
  page.on('console', (m) => seen.push(m.text()));
  // The worker as it is now and after any restart.
  const listen = (t) => t.type() === 'service_worker' && t.worker().then((w) => w && w.on('console', (m) => seen.push(m.text())));
  for (const t of suite.session.browser.targets()) await listen(t);
  suite.session.browser.on('targetcreated', listen);
  return seen;
}

test('the organic bakery is not judged bought; the section says what it measured', async () => {
  const username = 'corner.bakery';
  await suite.resetExtension({ auditComments: true, ...FEW_FOLLOWERS });
  await startAudit(suite, page, username);
  const a = await auditDone(username);
  const r = a.commentAnalysis.report;
  assert.ok(['good', 'fair'].includes(r.grade), `${r.grade}: ${JSON.stringify(r.verdict)}`);
  const s = await waitFor(async () => { const x = await commentsSection(); return x && x.verdict && x; }, { what: 'comments section' });
  assert.doesNotMatch(s.verdict, /bought/i);
  assert.ok(!(await overlayState(page)).badgeNotes.some((n) => n.id === 'comments_bought'), 'no bought-comments chip on organic comments');
  assert.ok(Object.keys(s.rows).length >= 6, JSON.stringify(s.rows));
  // Each share of the comments says the count it rests on, as the engine counted it.
  const { timing, spam } = r.signals;
  assert.ok(s.reasons.some((x) => x.includes(`of the dated comments (${timing.early_comments} of ${timing.dated_comments}) came within 10 minutes`)),
    JSON.stringify(s.reasons));
  assert.ok(s.reasons.some((x) => x.includes(`(${spam.comments} of ${spam.of})`) && /spam/.test(x)), JSON.stringify(s.reasons));
  await page.evaluate((host) => document.querySelector(host).shadowRoot.querySelector('[part~="comments"]').scrollIntoView(), PANEL);
  await screenshot(page, 'comments-corner-bakery');
});

test('switched off (the default): the plan says so, 3 comments pages are read and nothing is judged', async () => {
  const username = 'inkwell.tattoo';
  // A small audit (nothing judged, whatever is checked in full): 3 followers and 2 of each engager list.
  await suite.resetExtension({ ...FEW_FOLLOWERS, auditEngagersFull: 2 });
  await page.goto(suite.standin.profileUrl(username));
  await openPanel(page);
  await waitForOverlay(page, (st) => /Comment authenticity is off/.test(st.panelText || ''), { what: 'the plan says comments are off' });
  await clickPart(page, PANEL, 'audit-button');
  const a = await auditDone(username);
  assert.equal(a.commentAnalysis, null);
  const reqs = auditRequests(suite.standin, username, userIdOf(suite.standin, username));
  assert.equal(reqs.filter((e) => e.path.includes('/comments/')).length, 3);
  await waitForOverlay(page, (st) => st.sources.commenters && !st.cancel, { what: 'audit shown as done' });
  assert.equal(await commentsSection(), null);
});

test('in Dutch: the comment verdict, its grade and the reasons in Dutch, numbers as Dutch writes them', async () => {
  const username = 'inkwell.tattoo';
  await suite.resetExtension({ auditComments: true, language: 'nl', ...FEW_FOLLOWERS });
  await startAudit(suite, page, username);
  const a = await auditDone(username);
  assert.ok(a.commentAnalysis.report, JSON.stringify(a.commentAnalysis));
  const s = await waitFor(async () => { const x = await commentsSection(); return x && x.verdict && x.reasons.length && x; },
    { what: 'comments section' });
  assert.match(s.verdict, /^(Zeer w|W)aarschijnlijk gekochte interactie$/);
  assert.match(s.sentence, /^(Zeer w|W)aarschijnlijk gekochte interactie: \d+ reacties van \d+ accounts herhalen elkaar bijna woord voor woord \(\d+% van \d+ langere reacties; herhaalde teksten: \d+/);
  assert.ok(s.reasons.length >= 6, JSON.stringify(s.reasons));
  // Each says how grave it is to a screen reader, in Dutch.
  assert.equal(s.severities.length, s.reasons.length);
  for (const x of s.severities) assert.match(x, /^(informatie|kleine zorg|zorg|grote zorg): $/, x);
  assert.match(s.reasons[0], /^\d+ reacties van \d+ accounts herhalen elkaar/);
  assert.ok(s.reasons.some((x) => /^Reageerders die op nepaccounts lijken: ongeveer \d+(,\d)?% \(/.test(x)), JSON.stringify(s.reasons));
  assert.ok(s.reasons.some((x) => /\d,\d reacties per 100 likes/.test(x)), `a decimal comma: ${JSON.stringify(s.reasons)}`);
  const { timing } = a.commentAnalysis.report.signals;
  assert.ok(s.reasons.some((x) => x.includes(`van de gedateerde reacties (${timing.early_comments} van ${timing.dated_comments}) kwam binnen 10 minuten`)),
    JSON.stringify(s.reasons));
  // No English sentence left in the verdict or the reasons.
  for (const x of [s.sentence, ...s.reasons]) assert.doesNotMatch(x, /\b(the|comments|within|looks?|organic|posts)\b/, x);
  // In a 360 px window at 200% zoom (180 px wide) the signals' table stays within the panel's
  // line: its two columns were 23 px wider than the Dutch panel's, which scrolled sideways.
  await page.setViewport({ width: 180, height: 640 });
  const fit = await page.$eval(PANEL, (h) => {
    const panel = h.shadowRoot.querySelector('.panel');
    const line = panel.getBoundingClientRect().left + panel.clientLeft + panel.clientWidth - parseFloat(getComputedStyle(panel).paddingRight);
    const table = panel.querySelector('[part~="comments-signals"]').getBoundingClientRect();
    return { tableRight: Math.round(table.right), lineRight: Math.round(line), scrollWidth: panel.scrollWidth, clientWidth: panel.clientWidth };
  });
  assert.ok(fit.tableRight <= fit.lineRight && fit.scrollWidth <= fit.clientWidth, `the table is wider than the panel: ${JSON.stringify(fit)}`);
});

// The signals' names go above their values by the section's width in em of its text: at 240 px
// whatever the font size, German at a 20 px font size (its text 16.25 px) stuck 12 px past the
// panel's line in a 320 px window, and at 24 px scrolled the panel sideways at 360 and 320.
test('in German at a 20 and 24 px font size the signals\' table stays within the panel\'s line', async () => {
  const username = 'inkwell.tattoo';
  await suite.resetExtension({ auditComments: true, language: 'de', ...FEW_FOLLOWERS });
  await startAudit(suite, page, username);
  await auditDone(username);
  await waitFor(async () => { const x = await commentsSection(); return x && x.verdict && x.reasons.length && x; }, { what: 'comments section' });
  const cdp = await page.createCDPSession();
  try {
    const seen = [];
    for (const [standard, width] of [[16, 320], [20, 400], [20, 320], [24, 360], [24, 320]]) {
      await cdp.send('Page.setFontSizes', { fontSizes: { standard } });
      await page.setViewport({ width, height: 640 });
      seen.push(await page.$eval(PANEL, (h, at) => {
        const panel = h.shadowRoot.querySelector('.panel');
        const line = panel.getBoundingClientRect().left + panel.clientLeft + panel.clientWidth - parseFloat(getComputedStyle(panel).paddingRight);
        const table = panel.querySelector('[part~="comments-signals"]');
        return { at, font: getComputedStyle(panel).fontSize, stacked: getComputedStyle(table).display === 'block',
                 fits: Math.round(table.getBoundingClientRect().right) <= Math.round(line) && panel.scrollWidth <= panel.clientWidth };
      }, `${standard}/${width}`));
    }
    assert.deepEqual(seen.map((x) => x.font), ['13px', '16.25px', '16.25px', '19.5px', '19.5px']);
    assert.ok(seen.every((x) => x.fits), `the table is wider than the panel's line: ${JSON.stringify(seen)}`);
    // At the default size the two columns stay where they fit (a 320 px window, as before).
    assert.equal(seen[0].stacked, false);
  } finally {
    await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 } });
    await cdp.detach();
  }
});

// Last in this file: it stops the worker, after which the harness's worker handle (the other
// tests' reset) is not to be relied on.
test('the tattoo studio: comments read within the budget, judged "likely bought engagement" for its repeated texts', async () => {
  const username = 'inkwell.tattoo';
  // Paced slower than the other tests, so the worker can be stopped between the comments and the end.
  await suite.resetExtension({ auditComments: true, pacingMs: 250 });
  const consoles = await recordConsoles();
  await page.goto(suite.standin.profileUrl(username));
  await openPanel(page);
  const plan = await waitForOverlay(page, (st) => st.panelText && /comments of the last 6 posts/.test(st.panelText),
    { what: 'the plan says the comments will be judged' });
  assert.match(plan.panelText, /at most 44 requests \(budget 45\)/);
  await clickPart(page, PANEL, 'audit-button');
  // Judged once the last comments page is in; the worker stopped then loses nothing of it.
  const judged = await waitFor(async () => {
    const x = await storedAudit(suite, username);
    return x && x.commentAnalysis && x.commentAnalysis.at && x;
  }, { what: 'comments judged', timeout: 60000 });
  assert.equal(judged.status, 'running', 'judged before the audit ends (the commenters in full come after)');
  await stopWorkers(suite);
  const a = await auditDone(username);
  assert.ok(a.commentAnalysis.at > judged.commentAnalysis.at, 'judged again at the end, with the full records');

  // Requests: one audit, within the budget; 6 comments pages, 3 likers pages.
  const reqs = auditRequests(suite.standin, username, userIdOf(suite.standin, username));
  assert.equal(reqs.filter((e) => e.path.includes('/comments/')).length, 6);
  assert.equal(reqs.filter((e) => e.path.endsWith('/likers/')).length, 3);
  assert.equal(a.requests, reqs.length);
  assert.ok(reqs.length <= 45, `${reqs.length} requests`);

  // Stored with the audit: the engine's report.
  const r = a.commentAnalysis.report;
  assert.ok(r, JSON.stringify(a.commentAnalysis));
  assert.ok(['comments.grade_poor', 'comments.grade_bad'].includes(r.grade_label.id), JSON.stringify(r.grade_label));
  assert.equal(r.read.posts, 6);
  assert.ok(r.read.owner_replies_left_out > 0, 'the studio\'s own replies are left out');
  assert.ok(r.signals.commenter_accounts.full_records > 0, 'the commenters fetched in full went with the document');
  assert.equal(r.reasons[0].signal, 'templates');
  assert.equal(r.reasons[0].severity, 'high');
  assert.ok(!a.commenters.lite.some((x) => x.username === username), 'the studio is no commenter of its own');

  // The panel: verdict, signals against references, reasons, text patterns; no commenter named.
  const s = await waitFor(async () => { const x = await commentsSection(); return x && x.verdict && x; }, { what: 'comments section' });
  assert.match(s.verdict, /likely bought engagement/i);
  assert.ok(['poor', 'bad'].includes(s.grade), s.grade);
  // The badge says it too (it sat far down the panel while the badge said only "Still unclear").
  const badge = await waitForOverlay(page, (st) => st.badgeNotes.some((n) => n.id === 'comments_bought'), { what: 'the badge says bought comments' });
  assert.deepEqual(badge.badgeNotes.filter((n) => n.id === 'comments_bought').map((n) => n.text), ['comments look bought']);
  assert.match(s.sentence, /^(Very l|L)ikely bought engagement: \d+ comments by \d+ accounts repeat one another nearly word for word/);
  assert.match(s.reasons[0], /^\d+ comments by \d+ accounts repeat one another nearly word for word/);
  assert.match(s.rows.templates, /Same text from several accounts[\d.]+% \([\d.]+–[\d.]+%; \d+ of \d+\) · well beyond organicreal comment sections: half up to [\d.]+%, 95 in 100 up to [\d.]+%/);
  // Each share says the count it rests on, as the engine counted it.
  const { templates: tp, timing: tm, commenter_accounts: ca } = r.signals;
  assert.ok(s.rows.templates.includes(`%; ${tp.comments} of ${tp.of_longer_comments}) · `) && s.rows.timing.includes(`%; ${tm.early_comments} of ${tm.dated_comments}) · `)
    && s.rows.commenter_accounts.includes(`%; of ${ca.commenters} commenters) · `), JSON.stringify(s.rows));
  assert.match(s.rows.recurring_commenters, /on at least 4 of 6 posts/);
  assert.match(s.rows.comments_per_like, /Comments per 100 likes/);
  // A rate, not a share: the posts it is the median of, as the engine counted them.
  const pl = r.signals.comments_per_like;
  assert.ok(pl.measured && s.rows.comments_per_like.includes(`; over ${pl.posts_used} post${pl.posts_used === 1 ? '' : 's'}) · `), s.rows.comments_per_like);
  assert.match(s.text, /\d+ comments by \d+ accounts on the last 6 posts \(the owner's \d+ replies left out\)/);
  assert.ok(s.examples.some((x) => /^repeated: “.+” \(\d+ comments by \d+ accounts\)$/.test(x)), JSON.stringify(s.examples));
  assert.equal(s.markup, 0);
  const commenters = a.commenters.lite.map((x) => x.username);
  assert.ok(commenters.length > 20);
  for (const name of commenters) assert.ok(!s.text.includes(name), `${name} named in the panel`);
  await page.evaluate((host) => document.querySelector(host).shadowRoot.querySelector('[part~="comments"]').scrollIntoView(), PANEL);
  await screenshot(page, 'comments-inkwell-tattoo');

  // The history keeps the verdict in brief.
  const ext = await extensionPage(suite);
  const history = await waitFor(async () => {
    const h = await ext.evaluate(() => chrome.storage.local.get('history').then((o) => o.history));
    return h && h.entries[username];
  }, { what: 'history entry' });
  assert.equal(history.comments.grade, r.grade);
  assert.deepEqual(history.comments.verdict, r.verdict, 'the verdict as its message, worded when shown');

  // Kept in storage: the section comes back on the next visit.
  await page.goto(suite.standin.profileUrl(username));
  await openPanel(page);
  const again = await waitFor(async () => { const x = await commentsSection(); return x && x.verdict && x; }, { what: 'comments section on a revisit' });
  assert.equal(again.verdict, s.verdict);

  // Comment text never reaches a console (page or worker).
  const texts = a.commenters.comments.map((c) => c.text).filter((x) => x.length >= 8);
  for (const line of consoles) for (const x of texts) assert.ok(!line.includes(x), `comment text in a console: ${line.slice(0, 80)}`);

  // The popup's history row says it, beside what the badge said.
  const popup = await suite.session.newPage();
  await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
  await popup.waitForSelector('#rows[data-shown]');
  const row = await popup.$$eval('#rows tr', (trs, u) => {
    const tr = trs.find((x) => x.cells[0].textContent === u);
    const eng = tr && tr.querySelector('.engagement');
    return tr && { engagement: eng ? eng.textContent : null, grade: eng ? eng.className : null };
  }, username);
  assert.match(row.engagement, /^Engagement authenticity: (Very l|L)ikely bought engagement$/);
  assert.match(row.grade, new RegExp(`grade-${r.grade}`));
  await popup.close();
});
