// The demo (run by scripts/demo): every seeded profile of the stand-in opened in headless
// Chromium with the real extension; the instant badge, then an audit where the extension
// offers one, with the comment analysis switched on; a table of true fake share vs.
// Fakemeter's estimates, with a row per audited source (followers, likers, commenters: each
// against its own truth) and the comment verdict beside the comment section the stand-in
// simulates, and screenshots of each badge, panel and engagement authenticity section in
// demo-output/, and of each badge alone (demo-output/badges/), from which
// scripts/badge-pictures picks README's picture of each badge state. Last, @mila.gifted checked
// before and after its gift of followers arrives: the panel's follower count then and now.
// Usage: node tests/e2e/demo.mjs [--out DIR] [--no-audit] [--full-audit]
//   --full-audit  fetch every listed follower in full (the extension's largest audit; the
//                 sample, and so the table, is then the same on every run)
import fs from 'node:fs';
import path from 'node:path';
import { openSuite, waitForBadge, waitForOverlay, openPanel, clickPart, parseEstimate, screenshot,
  SEEDED, NONEXISTENT, PANEL, REPO, truth } from './lib/index.mjs';

const argOut = process.argv.indexOf('--out');
const outDir = argOut > 0 ? path.resolve(process.argv[argOut + 1]) : path.join(REPO, 'demo-output');
const audit = !process.argv.includes('--no-audit');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const fmtEst = (e) => (e ? `${e.percent}%` + (e.low !== null ? ` (${e.low}–${e.high}%)` : '') : '—');
// What the badge says: its label and notes, and its state and colour as the engine decided them.
const badgeSays = (s) => [s.badgeLabel || s.stateText, ...s.badgeNotes.map((n) => n.text)].filter(Boolean).join(' · ');
const badgeKind = (s) => (s.badgeState ? `${s.badgeState}/${s.badgeTone}` : `(${s.state})`);
const badgeDir = path.join(outDir, 'badges');
fs.mkdirSync(badgeDir, { recursive: true });
const pictures = [];  // {file, state, tone, profile, when}
async function badgePicture(page, s, name, when, profile) {
  const host = await page.$('[data-fakemeter="badge"]');
  if (!host) return;
  const file = await screenshot(page, name, { element: host, dir: badgeDir, padding: 6 });
  pictures.push({ file: path.relative(outDir, file), state: s.badgeState, tone: s.badgeTone, profile, when, says: badgeSays(s),
    notes: s.badgeNotes.map((n) => n.id) });
}
const shortState = (s) => s.states.map((x) => x.state).filter((v, i, a) => a.indexOf(v) === i).join(', ');

const fullAudit = process.argv.includes('--full-audit');
const suite = await openSuite({ settings: fullAudit
  ? { auditListSize: 200, auditFullSize: 200, auditEngagersFull: 100, auditBudget: 500, auditComments: true }
  : { auditComments: true } });
// What the stand-in's comments are: a simulated section (its pattern) or a pool's texts.
const SECTIONS = { network: 'suggested (network)', organic: 'organic', pod: 'pod', 'pod+network': 'pod + network', bots: 'bots' };
// Each source's truth is about the posts an audit with these settings reads.
const truthOf = Object.fromEntries(truth(suite.settings).map((t) => [t.username, t]));
// "…: ~12% fake (5–22%)" in a source row -> {percent, low, high}
const sourceEstimate = (text) => {
  const m = /~([\d.]+)% fake \(([\d.]+)–([\d.]+)%\)/.exec(text || '');
  return m ? { percent: Number(m[1]), low: Number(m[2]), high: Number(m[3]) } : null;
};
const SOURCE_TRUTH = { followers: 'fake_share', likers: 'liker_fake_share', commenters: 'commenter_fake_share' };
const rows = [];
const GIFTED = 'mila.gifted', GIFTED_BEFORE = 300;
let thenAndNow = null;
try {
  const page = await suite.session.newPage();
  for (const p of [...SEEDED, { username: NONEXISTENT, kind: 'nonexistent', fakeShare: null }]) {
    const row = { profile: p.username, kind: p.kind, truth: p.fakeShare === null ? '—' : `${Math.round(p.fakeShare * 100)}%` };
    const sourceRows = [];
    await page.goto(suite.standin.profileUrl(p.username));
    const s = await waitForBadge(page, { what: `badge on @${p.username}` });
    row.instant = badgeSays(s);
    row.state = badgeKind(s);
    row.states = shortState(s);
    await screenshot(page, `${p.username}-badge`, { element: s.badgeInHeader ? 'header' : null, dir: outDir });
    await badgePicture(page, s, `${p.username}-instant`, 'instant', p.username);
    row.auditBadge = '';
    row.audited = '—';
    row.inside = '';
    row.requests = '';
    row.section = p.fakeShare === null ? '' : SECTIONS[truthOf[p.username].comment_pattern] || 'pool';
    row.comments = '';
    if (p.fakeShare !== null) {
      await openPanel(page);
      const canAudit = await page.$eval(`${PANEL} >>> [part~="audit-button"]`, (b) => !b.disabled).catch(() => false);
      if (audit && canAudit) {
        const before = suite.standin.log().length;
        await clickPart(page, PANEL, 'audit-button');
        // Started: shown running or ended, or it asked Instagram something (an audit refused at its
        // first request, as a private profile's, runs too briefly for a snapshot to see it running).
        const asked = () => suite.standin.log().slice(before).some((e) => e.kind === 'api');
        const end = await waitForOverlay(page, (x) => x.auditRunning || (x.progress !== null && x.progress === x.progressMax) || asked(),
          { what: 'audit started' }).then(() => waitForOverlay(page, (x) => x.progress !== null && !x.auditRunning,
          { timeout: 120_000, what: `audit of @${p.username}` }));
        const est = parseEstimate(end.panelEstimate);
        row.audited = est ? fmtEst(est) : `(${shortState(end) || 'no estimate'})`;
        row.auditBadge = `${badgeSays(end)} [${badgeKind(end)}]`;
        await badgePicture(page, end, `${p.username}-audited`, 'audited', p.username);
        if (est && est.low !== null) row.inside = est.low <= p.fakeShare * 100 && p.fakeShare * 100 <= est.high ? 'yes' : 'NO';
        row.requests = String(suite.standin.log().slice(before).filter((e) => e.kind === 'api').length);
        const c = await waitForOverlay(page, (x) => x.commentsVerdict || (x.commentsState && !/Reading/.test(x.commentsState)),
          { what: `comment verdict of @${p.username}` });
        row.comments = c.commentsVerdict || (/No comments were read/.test(c.commentsState) ? '(no comments read)' : `(${c.commentsState})`);
        // A row per source the audit sampled, against that source's own truth.
        for (const [source, key] of Object.entries(SOURCE_TRUTH)) {
          const e = sourceEstimate(end.sources[source]);
          if (!end.sources[source]) continue;
          const t = truthOf[p.username][key] * 100;
          const label = end.sources[source].split(':')[0].replace(/ \(.*$/, '');
          sourceRows.push({ profile: `  ${source}`, kind: label.slice(0, 40), truth: `${Math.round(t)}%`, instant: '',
            state: '', auditBadge: '', audited: e ? fmtEst(e) : '(no estimate yet)',
            inside: e ? (e.low <= t && t <= e.high ? 'yes' : 'NO') : '', requests: '', states: '', section: '', comments: '' });
        }
      } else if (!canAudit) {
        row.audited = '(audit not available)';
      }
      await screenshot(page, `${p.username}-panel`, { dir: outDir });
      // The panel scrolled to its engagement authenticity section.
      const section = await page.$(`${PANEL} >>> [part~="comments"]`);
      if (section) {
        await section.evaluate((e) => e.scrollIntoView());
        await screenshot(page, `${p.username}-comments`, { element: await page.$(`${PANEL} >>> .panel`), dir: outDir, padding: 4 });
      }
    }
    rows.push(row, ...sourceRows);
    process.stderr.write(`demo: @${p.username} done\n`);
  }
  // Then and now: a parent checks @mila.gifted while it has its 300 real followers; the gift of
  // 1,200 arrives; the panel's Re-check reads the profile again (a visit a day later would too).
  await suite.resetExtension();
  suite.standin.setFollowerCount(GIFTED, GIFTED_BEFORE);
  await page.goto(suite.standin.profileUrl(GIFTED));
  await waitForBadge(page, { what: `badge on @${GIFTED} before the gift` });
  suite.standin.setFollowerCount(GIFTED, null);
  await page.goto(suite.standin.profileUrl(GIFTED));
  await waitForBadge(page, { what: `badge on @${GIFTED} after the gift (the stored reading)` });
  await openPanel(page);
  await clickPart(page, PANEL, 'recheck');
  const after = await waitForOverlay(page, (x) => x.panel && x.followerChange, { what: `@${GIFTED}'s follower count then and now` });
  thenAndNow = after.followerChange;
  await screenshot(page, `${GIFTED}-then-and-now`, { dir: outDir });
  process.stderr.write(`demo: @${GIFTED} then and now done\n`);
} finally {
  await suite.close();
}

const cols = [['profile', 'profile'], ['kind', 'kind'], ['truth', 'true fake'], ['instant', 'instant badge'],
  ['state', 'state/colour'], ['auditBadge', 'badge after the audit'], ['audited', 'audited estimate (95% interval)'],
  ['inside', 'truth inside'], ['requests', 'audit requests'], ['section', 'comment section'], ['comments', 'comment verdict']];
const widths = cols.map(([k, h]) => Math.max(h.length, ...rows.map((r) => String(r[k]).length)));
const line = (vals) => vals.map((v, i) => String(v).padEnd(widths[i])).join('  ');
const table = [line(cols.map((c) => c[1])), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map(([k]) => r[k])))].join('\n');
console.log(table);
// The per-source intervals against their truth, in one line (each profile's headline repeats one of them).
let owner = '';
const judged = [];
for (const r of rows) {
  if (!r.profile.startsWith(' ')) owner = r.profile;
  else if (r.inside) judged.push({ who: `@${owner} ${r.profile.trim()}`, held: r.inside === 'yes' });
}
const missed = judged.filter((j) => !j.held).map((j) => j.who);
console.log(`\nPer-source 95% intervals holding the truth: ${judged.length - missed.length} of ${judged.length}` +
  (missed.length ? ` (missed: ${missed.join(', ')})` : ''));
console.log(`Then and now: @${GIFTED} checked at ${GIFTED_BEFORE} followers, then again once its gift of followers had arrived; ` +
  `the panel says: "${thenAndNow}"`);
console.log(`Stand-in: seeded profiles with known truth, followers drawn from distributions fitted to the labelled data.`);
console.log('Comment sections: simulated from stated assumptions (tests/e2e/standin/comment-patterns.mjs): "suggested (network)" ' +
  'is paid accounts posting the texts a business suggests, "pod" accounts commenting on every post within minutes; "pool" ' +
  'is each profile\'s commenters pool (its known fake share) writing organic remarks or, the fake ones, bot praise.');
console.log(`Audits: up to ${suite.settings.auditListSize} newest followers listed + ${suite.settings.auditFullSize} fetched in full ` +
  '(more when the list ends early: the follower pages left unread go to full fetches); ' +
  `likers and commenters of the last ${suite.settings.auditPosts} posts + ${suite.settings.auditEngagersFull} of each fetched in full; ` +
  `at most ${suite.settings.auditBudget} requests; ` +
  `the comment analysis on (the comments of the last 6 posts read and judged); ` +
  `paced at ${suite.settings.pacingMs} ms (test pacing; the extension's default is 1500 ms).` +
  (fullAudit ? '' : '\nThe full-fetch subsample is drawn at random per audit, so audited figures vary a little between runs (--full-audit fetches all).'));
console.log(`Screenshots: ${path.relative(process.cwd(), outDir) || '.'}/ (${fs.readdirSync(outDir).length} files)`);
fs.writeFileSync(path.join(outDir, 'results.txt'), table + '\n');
fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(rows, null, 2) + '\n');
fs.writeFileSync(path.join(badgeDir, 'badges.json'), JSON.stringify(pictures, null, 2) + '\n');
