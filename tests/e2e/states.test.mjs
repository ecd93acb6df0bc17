// Every state the overlay can be in shows its message and no invented number: private, no
// posts, hidden likes, logged out, rate-limited, Instagram not answering (503), not found, Instagram changed its JSON
// (truncated answer), challenge page, engine failed to load; a recent post in a shape not read
// (left out and said, not "changed"); and an audit that meets a 429 backs off and still finishes.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useSuite, launchBrowser, startStandin, waitForBadge, waitForOverlay, openPanel, clickPart, screenshot,
  extensionPath, extensionStorage, FAST_SETTINGS, NONEXISTENT, PANEL, seededByKind, cliRough, assertRough, countsFindings, reasonWords,
  REPO, cliProfile, expectedBadge } from './lib/index.mjs';

const MESSAGES = JSON.parse(fs.readFileSync(path.join(REPO, '_locales/en/messages.json'), 'utf8'));

const T = { timeout: 120_000 };
let suite, page;
useSuite((s, p) => { suite = s; page = p; });


// The audits here are about waiting and what is offered and said, not how many accounts are
// checked in full: a few per source (17 requests on a long list, against the default's 41).
const SMALL_AUDIT = { auditFullSize: 3, auditEngagersFull: 2 };

// Fresh storage (with `settings` over the suite's), the profile opened, the badge settled; returns the overlay state.
async function visit(username, settings = {}) {
  await suite.resetExtension(settings);
  await page.goto(suite.standin.profileUrl(username));
  return waitForBadge(page, { what: `badge on @${username}` });
}
function assertState(s, wanted, who) {
  const hit = s.states.find((x) => wanted.includes(x.state));
  assert.ok(hit, `${who}: one of ${wanted.join('/')} shown, got ${JSON.stringify(s.states)} / "${s.badgeFullText}"`);
  assert.ok(hit.text.length > 3, `${who}: the state has a message`);
  return hit;
}

for (const [kind, state] of [['private', 'private'], ['zero_posts', 'no_posts'], ['hidden_likes', 'hidden_likes']]) {
  test(`${kind} profile shows "${state}" with its message`, T, async () => {
    const p = seededByKind(kind);
    const s = await visit(p.username);
    assertState(s, [state], p.username);
    await screenshot(page, `state-${state}`, { element: 'header' });
  });
}

test('private profile: the audit is not offered as if it could run', T, async () => {
  const s = await visit(seededByKind('private').username);
  assert.ok(s.states.some((x) => x.state === 'private'));
  await openPanel(page);
  await waitForOverlay(page, (x) => x.panel && x.auditButton, { what: 'panel with its audit section' });
  // The audit section (the button and what is said beside it) must say that the audit needs
  // the user to follow the account: the button is offered, with that note.
  const section = await page.$eval(PANEL, (host) => {
    const button = host.shadowRoot.querySelector('[part~="audit-button"]');
    const sec = button.closest('section');
    return { disabled: button.disabled, text: [...sec.childNodes].filter((n) => n !== button).map((n) => n.textContent).join(' ') };
  });
  assert.ok(section.text.includes(MESSAGES.auditPrivateNote.message),
    `the audit section says "${MESSAGES.auditPrivateNote.message}": ${JSON.stringify(section)}`);
});

test('nonexistent profile: "not found", no number', T, async () => {
  const s = await visit(NONEXISTENT);
  assertState(s, ['not_found'], NONEXISTENT);
  assert.equal(s.badgeText, null);
});

// Instagram asking to slow down (429) and not answering (503) back off alike; each says which.
// The badge says it short, the whole sentence its tooltip (and the panel's).
for (const [mode, said, short, shot] of [['rate_limit', /asked to slow down; retrying at/, /^Asked to slow down; retrying at/, 'state-rate_limited'],
  ['unavailable', /^Instagram is not answering right now \(HTTP 503\); trying again at/, /^No answer \(HTTP 503\); retrying at/, 'state-unavailable']]) {
  test(`instant fetch meeting "${mode}": "rate_limited" saying ${said}, no number`, T, async () => {
    // Every profile endpoint refuses (web_profile_info and its users/<id>/info fallback).
    suite.standin.addFailure({ mode, match: 'web_profile_info' });
    suite.standin.addFailure({ mode, match: '/info/' });
    try {
      const s = await visit('lena.bakes');
      const hit = assertState(s, ['rate_limited'], 'lena.bakes');
      assert.match(hit.said, said);
      assert.match(hit.text, short);
      assert.equal(s.badgeText, null);
      await screenshot(page, shot, { element: 'header' });
      // A wait is no bug: the panel offers no bug report, only the wait. With the test pacing the
      // check is tried again after 0.4 s, then twice as long each time: a panel once opened said
      // "Checking followers…" first (a try out, seen once beside other tests), so the wait is waited for.
      await openPanel(page);
      const inPanel = new RegExp(said.source.replace(/^\^/, ''));
      const panel = await waitForOverlay(page, (x) => x.panel && inPanel.test(x.panelText || ''), { what: 'panel with the wait' });
      assert.match(panel.panelText, inPanel);
      assert.ok(!panel.panelText.includes(MESSAGES.bugReportHint.message), panel.panelText);
    } finally {
      suite.standin.clearFailures();
    }
  });
}

test('truncated JSON: "could not read this profile" with details for a bug report', T, async () => {
  suite.standin.addFailure({ mode: 'truncated', match: 'web_profile_info' });
  try {
    const s = await visit('marco.travels');
    assertState(s, ['changed'], 'marco.travels');
    assert.equal(s.badgeText, null);
    await openPanel(page);
    const panel = await waitForOverlay(page, (x) => x.panel && x.panelText.length > 0, { what: 'panel with details' });
    assert.ok(panel.panelText.length > s.stateText.length, 'the panel adds details');
    await screenshot(page, 'state-changed');
  } finally {
    suite.standin.clearFailures();
  }
});

// Before, one such post made the whole profile "could not read this profile".
test('a recent post sent in a shape not read is left out and said; a profile mostly of them is a changed page', T, async () => {
  try {
    suite.standin.setBehaviour({ unreadablePosts: 1 });
    const s = await visit('marco.travels');
    const doc = suite.standin.documentFor('marco.travels');
    assert.equal(typeof doc.data.user.edge_owner_to_timeline_media.edges[0].node.edge_liked_by.count, 'string', 'served odd');
    const report = await cliProfile(doc);
    assert.ok(!report.error, JSON.stringify(report.error));
    assert.equal(s.badgeLabel, expectedBadge(report).label, 'the badge the CLI decides');
    assert.ok(!s.states.some((x) => x.state === 'changed'), JSON.stringify(s.states));
    await openPanel(page);
    const panel = await waitForOverlay(page, (x) => x.panel && /could not be read/.test(x.panelText || ''), { what: 'the reason in the panel' });
    const n = doc.data.user.edge_owner_to_timeline_media.edges.length;
    assert.match(panel.panelText, new RegExp(`1 of the ${n} recent posts could not be read and is left out: the engagement figures rest on the others`));
    suite.standin.setBehaviour({ unreadablePosts: Math.ceil(n / 2) });
    assertState(await visit('marco.travels'), ['changed'], 'marco.travels with half its posts unreadable');
  } finally {
    suite.standin.setBehaviour({});
  }
});

test('challenge page instead of JSON: a clear state, no number', T, async () => {
  suite.standin.addFailure({ mode: 'challenge', match: 'web_profile_info' });
  try {
    const s = await visit('urban.sketcher');
    assertState(s, ['challenge'], 'urban.sketcher');
    assert.equal(s.badgeText, null);
  } finally {
    suite.standin.clearFailures();
  }
});

test('logged out: says so, and shows exactly what the engine reads in the og:description counts (here nothing: the state alone)', T, async () => {
  suite.standin.setSession('logged_out');
  try {
    const s = await visit('fitqueen_daily');
    assertState(s, ['logged_out'], 'fitqueen_daily');
    await assertRough(s, await cliRough(page, 'fitqueen_daily'), 'fitqueen_daily');
    await screenshot(page, 'state-logged_out', { element: 'header' });
  } finally {
    suite.standin.setSession('logged_in');
  }
});

test('logged out on counts that say something (10,000 followers on 3 posts): the finding is shown, and a later visit signed in reads the profile', T, async () => {
  const username = seededByKind('bought_account').username;
  suite.standin.setSession('logged_out');
  try {
    const s = await visit(username);
    const counts = await cliRough(page, username);
    assert.ok(countsFindings(counts).some((x) => x.id === 'history.sudden'), JSON.stringify(counts.reasons));
    await assertRough(s, counts, username);
    await openPanel(page);
    const p = await waitForOverlay(page, (x) => x.panelText && x.panelText.includes(MESSAGES.roughExplain.message),
      { what: 'panel saying why only the counts were read' });
    assert.ok(p.panelEstimate.includes(MESSAGES.stateLoggedOut.message), `the panel leads with the login: ${p.panelEstimate}`);
    for (const r of countsFindings(counts)) assert.ok(p.panelText.includes(reasonWords(r)), `panel gives "${reasonWords(r)}"`);
    // Said once: no "posts not read" state or reason, no claim that Instagram refused.
    assert.ok(!p.panelText.includes(MESSAGES.msg_state_posts_unavailable.message), p.panelText);
    assert.equal(p.profileSource, null);
    assert.ok(await page.$eval(PANEL, (host) => host.shadowRoot.querySelector('[part~="audit-button"]').disabled),
      'the audit cannot start on the counts alone');
    await screenshot(page, 'panel-logged_out-counts');
    // The popup's history says what the badge said.
    const popup = await suite.session.newPage();
    await popup.goto(`chrome-extension://${suite.session.extensionId}/extension/ui/popup.html`);
    await popup.waitForFunction(() => document.querySelectorAll('#rows tr').length === 1);
    const row = await popup.$eval('#rows tr', (tr) => ({ result: tr.cells[1].textContent, state: tr.cells[1].dataset.state }));
    await popup.close();
    assert.deepEqual(row, { result: `${MESSAGES.stateLoggedOut.message} · ${MESSAGES.roughEstimate.message}`, state: 'status' });
  } finally {
    suite.standin.setSession('logged_in');
  }
  // Signed in again, the next visit does not stop at the stored reading of the counts.
  suite.standin.clearLog();
  await page.goto(suite.standin.profileUrl(username));
  const full = await waitForOverlay(page, (x) => x.badgeState && x.badgeState !== 'status' &&
    !x.badgeNotes.some((n) => n.id === 'rough'), { what: 'the full report after signing in' });
  assert.ok(!full.states.some((x) => x.state === 'logged_out'));
  assert.ok(suite.standin.log().some((e) => e.kind === 'api' && e.path.includes('web_profile_info') && e.status === 200));
});

test('an audit that meets 429 waits (back-off), then finishes', T, async () => {
  const p = seededByKind('bought_40');
  await visit(p.username, SMALL_AUDIT);
  suite.standin.addFailure({ mode: 'rate_limit', match: '/followers/', after: 2, times: 1 });
  try {
    await openPanel(page);
    await clickPart(page, PANEL, 'audit-button');
    const end = await waitForOverlay(page, (s) => s.progress !== null && !s.auditRunning && s.progress === s.progressMax,
      { timeout: 90_000, what: 'audit finished after a 429' });
    const api = suite.standin.log().filter((e) => e.kind === 'api' && e.path.includes('/followers/'));
    const i = api.findIndex((e) => e.status === 429);
    assert.ok(i >= 0, 'a 429 was served');
    const wait = api[i + 1].at - api[i].at;
    const minBackoff = FAST_SETTINGS.pacingMs * 10;
    assert.ok(wait >= minBackoff, `next follower request ${wait} ms after the 429 (back-off, >= ${minBackoff} ms)`);
    assert.equal(api[i + 1].search, api[i].search, 'the same page is asked again');
    assert.ok(end.panelEstimate);
  } finally {
    suite.standin.clearFailures();
  }
});

test('engine failed to load: "engine_failed" with its message', T, async () => {
  // A copy of the packaged extension whose wasm is garbage.
  const src = extensionPath();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-broken-ext-'));
  fs.cpSync(src, dir, { recursive: true });
  const wasm = path.join(dir, 'extension/engine/fakemeter_engine.wasm');
  assert.ok(fs.existsSync(wasm), `engine at ${wasm}`);
  fs.writeFileSync(wasm, 'not wasm');
  const standin = await startStandin();
  const session = await launchBrowser({ standin, extension: dir });
  try {
    await (await extensionStorage(session)).set({ settings: FAST_SETTINGS });
    const p = await session.newPage();
    await p.goto(standin.profileUrl('lena.bakes'));
    const s = await waitForBadge(p);
    assertState(s, ['engine_failed'], 'broken engine');
    assert.equal(s.badgeText, null);
    await screenshot(p, 'state-engine_failed', { element: 'header' });
  } finally {
    await session.close();
    await standin.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Found with extreme profiles: a profile of no followers was offered an audit of them (and its plan
// read 4 pages of followers); a jump from none was never on the badge; an estimate from the profile
// alone at 96-100% said "wider than 40 points"; a state said as the panel's heading was said again
// below it; one visible like count drew an empty chart.
test('extreme values: no followers, a jump from none, a narrow profile-only estimate, one like count', T, async () => {
  const username = 'lena.bakes';
  try {
    suite.standin.setFollowerCount(username, 0);
    let s = await visit(username, SMALL_AUDIT);
    assert.ok(!s.badgeNotes.some((n) => n.id === 'badge.audit_offer'), `no audit offered: ${JSON.stringify(s.badgeNotes)}`);
    await openPanel(page);
    s = await waitForOverlay(page, (x) => x.auditPlan, { what: 'the plan' });
    assert.match(s.auditPlan, /^This profile has no followers to read\. An audit reads who liked or commented on the last \d posts/);
    // Its audit reads the likers and commenters alone; the reading in view is that audit's own.
    await clickPart(page, PANEL, 'audit-button');
    s = await waitForOverlay(page, (x) => x.panelText && /Audit complete/.test(x.panelText), { what: 'the audit done', timeout: 90_000 });
    assert.doesNotMatch(s.panelText, /the re-check since/);
    // The gift arrives: "+500", not nothing (a rise from none has no percentage); and an audit is
    // offered again, the earlier one having had no followers to read.
    suite.standin.setFollowerCount(username, 500);
    await clickPart(page, PANEL, 'recheck');
    s = await waitForOverlay(page, (x) => x.badgeNotes.some((n) => n.id === 'follower_jump'), { what: 'the jump chip' });
    assert.equal(s.badgeNotes.find((n) => n.id === 'follower_jump').text, 'followers +500 since your first check');
    assert.ok(s.badgeNotes.some((n) => n.id === 'badge.audit_offer'), `the audit offered again: ${JSON.stringify(s.badgeNotes)}`);

    // 100,000 followers, no likes: the profile alone reads it far below, in a narrow interval.
    suite.standin.setFollowerCount(username, 100_000);
    suite.standin.setLikeCounts(username, Array(12).fill(0));
    s = await visit(username);
    await openPanel(page);
    s = await waitForOverlay(page, (x) => x.panelText && /%/.test(x.panelEstimate || ''), { what: 'the estimate' });
    const shown = await page.evaluate(() => {
      const root = document.querySelector('[data-fakemeter="panel"]').shadowRoot;
      return { wide: root.querySelector('[part~="panel-wide"]')?.textContent || null };
    });
    const [lo, hi] = (s.panelEstimate.match(/\(([\d.]+)–([\d.]+)%\)/) || []).slice(1).map(Number);
    assert.ok(hi - lo <= 40, `a narrow interval to test with: ${s.panelEstimate}`);
    assert.equal(shown.wide, MESSAGES.panelProfileOnly.message, 'said as from the profile alone');

    // One like count visible of twelve: a dot, and the chart's label says which posts.
    suite.standin.setFollowerCount(username, null);
    suite.standin.setLikeCounts(username, [-1, -1, -1, -1, 120, -1, -1, -1, -1, -1, -1, -1]);
    await visit(username);
    await openPanel(page);
    const chart = await page.waitForFunction(() => {
      const svg = document.querySelector('[data-fakemeter="panel"]')?.shadowRoot?.querySelector('svg.spark');
      return svg && { label: svg.getAttribute('aria-label'), dots: svg.querySelectorAll('circle').length,
                      lines: svg.querySelectorAll('polyline').length };
    }, { timeout: 15_000 }).then((h) => h.jsonValue());
    assert.deepEqual(chart, { label: 'Likes on 1 of the last 12 posts (hidden on the others), from 120 to 120', dots: 1, lines: 0 });
    // The state the heading says is not said again below it.
    const text = (await waitForOverlay(page, (x) => x.panelText, { what: 'panel text' })).panelText;
    const heading = MESSAGES.stateHiddenLikes.message;
    assert.equal(text.split(heading).length - 1, 1, `"${heading}" once: ${text}`);
  } finally {
    suite.standin.setFollowerCount(username, null);
    suite.standin.setLikeCounts(username, null);
  }
});
