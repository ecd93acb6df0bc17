// Where things are: the repo, the extension to load, the artifacts folder.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ARTIFACTS = path.join(REPO, 'tests/e2e/artifacts');
export const CHROMIUM = process.env.FM_CHROMIUM || '/usr/bin/chromium';

// The unpacked extension: FM_EXTENSION if set, else dist/extension/ (written by scripts/package),
// else the repo root (where manifest.json lives for unpacked development). null when none exists.
export function extensionPath() {
  const candidates = [process.env.FM_EXTENSION, path.join(REPO, 'dist/extension'), REPO].filter(Boolean);
  return candidates.find((dir) => fs.existsSync(path.join(dir, 'manifest.json'))) || null;
}
