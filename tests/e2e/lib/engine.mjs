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
