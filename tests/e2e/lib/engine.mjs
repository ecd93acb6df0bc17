// The reference answer: what `scripts/fakemeter profile <file>` (the CLI over the same wasm
// engine) says for a web_profile_info document.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from './paths.mjs';

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

// What the badge must say for a report (the engine's decision, worded from _locales/<lang>):
// {state, tone, label, notes}, and a reason's words, for comparing with the overlay.
import { flatten, translator } from '../../../extension/shared/i18n.js';
import { word, reasonText } from '../../../extension/shared/words.js';
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
