// The reference answer: what `scripts/fakemeter profile <file>` (the CLI over the same wasm
// engine) says for a web_profile_info document.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { REPO } from './paths.mjs';
import { flatten, translator } from '../../../extension/shared/i18n.js';
import { word, reasonText } from '../../../extension/shared/words.js';

// extraArgs: further CLI arguments (e.g. ['--now', '1795000000']).
export function cliProfile(document, extraArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-cli-'));
  const file = path.join(dir, 'profile.json');
  fs.writeFileSync(file, JSON.stringify(document));
  const args = ['profile', ...extraArgs, file];
  return new Promise((resolve, reject) => {
    execFile(process.env.FM_FAKEMETER || path.join(REPO, 'scripts/fakemeter'), args, { encoding: 'utf8' }, (err, stdout, stderr) => {
      fs.rmSync(dir, { recursive: true, force: true });
      if (err && !stdout) return reject(new Error(`scripts/fakemeter profile failed: ${stderr || err.message}`));
      try { resolve(JSON.parse(stdout)); } catch { reject(new Error(`scripts/fakemeter profile printed no JSON: ${stdout.slice(0, 200)} ${stderr}`)); }
    });
  });
}

// The reference for a logged-out profile page: what `scripts/fakemeter profile` says of the
// document the content script builds from the page's og:description counts (with the display
// name as it reads it from the English text, none from other languages).
export async function cliRough(page, username) {
  const { parseOgDescription, profileDocFromPage } = await import('../../../extension/shared/instagram.js');
  const content = await page.$eval('meta[property="og:description"]', (m) => m.content);
  const og = parseOgDescription(content);
  if (!og) throw new Error(`cliRough: og:description of @${username} has no counts: ${content}`);
  const name = /from (.*) \(@/.exec(content);
  return cliProfile(JSON.parse(profileDocFromPage(username, name ? name[1] : '', og)));
}

// Logged out, the badge says what the engine decides for the og:description counts: without an
// estimate (counts alone rarely give one) the extension shows its logged-out state instead of a
// report; with one, the engine's badge. Never a number from the profile alone.
export function assertRough(s, report, who) {
  assert.ok(!/\d\s*%/.test(s.badgeFullText || ''), `${who}: no percentage on the badge: "${s.badgeFullText}"`);
  if (report.fake_percent === null) {
    assert.equal(s.badgeState, 'status', `${who}: the counts give no estimate (${report.states}): the logged-out state`);
    assert.ok(s.states.some((x) => x.state === 'logged_out'), `${who}: says logged out`);
    return;
  }
  const want = expectedBadge(report);
  assert.equal(s.badgeState, want.state, `${who}: badge state for the rough counts`);
  assert.equal(s.badgeLabel, want.label, `${who}: badge label for the rough counts`);
  assert.notEqual(want.state, 'number', `${who}: counts alone never give the badge a number`);
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
