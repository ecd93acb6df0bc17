#!/usr/bin/env node
// README's picture of each badge state, taken from the demo's screenshots: scripts/demo saves every
// badge alone (demo-output/badges/, listed in badges.json with the state, colour and notes it
// showed); this picks, for each state of the state table (tests/fixtures/badge-states.json), the
// picture that says most (the most notes: a number beside the likes finding shows both findings;
// the first of equals) and copies it to docs/badges/<state>.png.
// Usage: node tools/badge-pictures/main.mjs [DEMO_OUTPUT_DIR]   (default demo-output)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const demo = path.resolve(process.argv[2] || path.join(root, 'demo-output'));
const listFile = path.join(demo, 'badges', 'badges.json');
if (!fs.existsSync(listFile)) {
  console.error(`badge-pictures: ${path.relative(root, listFile)} is missing: run scripts/demo first`);
  process.exit(1);
}
const pictures = JSON.parse(fs.readFileSync(listFile, 'utf8'));
const table = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/badge-states.json'), 'utf8'));
const out = path.join(root, 'docs', 'badges');
fs.mkdirSync(out, { recursive: true });
const chosen = [];
const missing = [];
for (const { state } of table.states) {
  const candidates = pictures.filter((p) => p.state === state);
  const pick = candidates.reduce((best, p) => ((p.notes || []).length > (best.notes || []).length ? p : best), candidates[0]);
  if (!pick) { missing.push(state); continue; }
  fs.copyFileSync(path.join(demo, pick.file), path.join(out, `${state}.png`));
  chosen.push(`${state}: @${pick.profile} (${pick.when}, ${pick.tone}): ${pick.says}`);
}
console.log(chosen.join('\n'));
if (missing.length) {
  console.error(`badge-pictures: the demo showed no badge in state ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`badge-pictures: ${chosen.length} pictures in ${path.relative(root, out)}/`);
