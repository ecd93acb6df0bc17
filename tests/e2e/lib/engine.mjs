// The reference answer: what `scripts/fakemeter profile <file>` (the CLI over the same wasm
// engine) says for a web_profile_info document.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { REPO } from './paths.mjs';
import { parseEstimate } from './overlay.mjs';

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

// Logged out, the badge shows what the CLI says of the og:description counts: a number marked
// rough when the counts give one, else no number.
export function assertRough(s, report, who) {
  if (report.fake_percent === null) {
    assert.equal(s.badgeText, null, `${who}: the counts give no estimate (${report.states}), so no number is shown`);
    return;
  }
  const shown = parseEstimate(s.badgeText);
  assert.ok(shown && Math.abs(shown.percent - report.fake_percent) <= (report.fake_percent < 10 ? 0.051 : 0.51),
    `${who}: badge ${s.badgeText} vs the CLI's ${report.fake_percent}%`);
  assert.notEqual(s.badgeFullText, s.badgeText, `${who}: the rough number carries a note`);
}
