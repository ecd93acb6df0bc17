// The reference answer: what `scripts/fakemeter profile <file>` (the CLI over the same wasm
// engine) says for a web_profile_info document.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { REPO } from './paths.mjs';
import { inProcess } from '../../js/lib/fakemeter.mjs';
import { flatten, translator } from '../../../extension/shared/i18n.js';
import { word, reasonText, findings } from '../../../extension/shared/words.js';

// extraArgs: further CLI arguments (e.g. ['--now', '1795000000']). The CLI's own `profile` command
// (tools/cli/profile.mjs, what scripts/fakemeter runs) is run in this process, its engine loaded
// once per test file: a process of its own per call cost ~0.4 s of CPU (node's start and the
// engine's), and the badge and overlay tests ask it once per seeded profile. FM_FAKEMETER (another
// build of the command line) is run as a process.
export function cliProfile(document, extraArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-cli-'));
  const file = path.join(dir, 'profile.json');
  fs.writeFileSync(file, JSON.stringify(document));
  const args = ['profile', ...extraArgs, file];
  const run = process.env.FM_FAKEMETER ? cliProcess(args) : cliHere(args);
  return run.finally(() => fs.rmSync(dir, { recursive: true, force: true })).then(({ failed, stdout, stderr }) => {
    if (failed && !stdout) throw new Error(`scripts/fakemeter profile failed: ${stderr}`);
    try { return JSON.parse(stdout); } catch { throw new Error(`scripts/fakemeter profile printed no JSON: ${stdout.slice(0, 200)} ${stderr}`); }
  });
}

function cliProcess(args) {
  return new Promise((resolve) => {
    execFile(process.env.FM_FAKEMETER, args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ failed: !!err, stdout, stderr: stderr || (err ? err.message : '') });
    });
  });
}

// As scripts/fakemeter runs a command (its dispatcher), in this process.
async function cliHere(args) {
  const { status, stdout, stderr } = await inProcess(args);
  return { failed: status !== 0, stdout, stderr };
}

// The reference for a logged-out profile page: what `scripts/fakemeter profile` says of the
// document the content script builds from the page's og:description counts (with the display
// name as it reads it from the English text, none from other languages).
export async function cliRough(page, username) {
  const { readOgDescription, profileDisplayName, profileDocFromPage } = await import('../../../extension/shared/instagram.js');
  const content = await page.$eval('meta[property="og:description"]', (m) => m.content);
  const { lang, title } = await page.evaluate(() => ({ lang: document.documentElement.lang, title: document.title }));
  const read = readOgDescription(content, lang);
  if (read.error) throw new Error(`cliRough: og:description of @${username} (lang "${lang}"): ${read.error}`);
  const name = profileDisplayName(username, { description: content, title });
  return cliProfile(JSON.parse(profileDocFromPage(username, name, read.counts)));
}

// Logged out, the badge says what the engine decides for the og:description counts. They never
// give an estimate (no posts): without a finding (a reason that is not a state or a reference)
// the extension shows its logged-out state instead of a report; with one, the same state with a
// note that the counts look unusual (the panel says how), and no offer of an audit.
export const countsFindings = (report) => findings(report.reasons);
export function assertRough(s, report, who) {
  assert.ok(!/\d\s*%/.test(s.badgeFullText || ''), `${who}: no percentage on the badge: "${s.badgeFullText}"`);
  assert.equal(report.fake_percent, null, `${who}: counts alone never give an estimate`);
  assert.ok(s.states.some((x) => x.state === 'logged_out'), `${who}: says logged out`);
  if (!countsFindings(report).length) {
    assert.equal(s.badgeState, 'status', `${who}: the counts give no finding (${report.states}): the logged-out state`);
    return;
  }
  assert.equal(s.badgeState, 'status', `${who}: the badge says why only the counts were read`);
  assert.ok(s.badgeNotes.some((n) => n.id === 'rough'), `${who}: the note that the counts look unusual`);
  assert.ok(!s.badgeNotes.some((n) => n.id === 'badge.audit_offer'), `${who}: no audit offered on the counts alone`);
}

// What the badge must say for a report (the engine's decision, worded from _locales/<lang>):
// {state, tone, label, notes}, and a reason's words, for comparing with the overlay.
const dictionaries = new Map();
export function localeWords(lang = 'en') {
  if (!dictionaries.has(lang)) {
    const text = fs.readFileSync(path.join(REPO, `_locales/${lang}/messages.json`), 'utf8');
    dictionaries.set(lang, translator(flatten(JSON.parse(text)), {}, lang));
  }
  return dictionaries.get(lang);
}
export function expectedBadge(report, lang = 'en') {
  const t = localeWords(lang);
  const b = report.badge;
  return { state: b.state, tone: b.tone, label: word(t, b.label), notes: b.notes.map((n) => word(t, n)) };
}
export function reasonWords(reason, lang = 'en') {
  return reasonText(localeWords(lang), reason);
}
