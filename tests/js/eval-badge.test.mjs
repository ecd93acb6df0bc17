// The badge evaluation (scripts/eval-badge): its held-out part is deterministic and must be what
// EVALUATION.md holds; its stand-in part runs end to end on a few audits, and the committed section
// is a full run (200 audits per row) meeting the coverage target.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const section = () => {
  const text = fs.readFileSync(path.join(root, 'EVALUATION.md'), 'utf8');
  const a = text.indexOf('<!-- badge:begin -->'), b = text.indexOf('<!-- badge:end -->');
  assert.ok(a >= 0 && b > a, 'EVALUATION.md has the badge section markers');
  return text.slice(a, b);
};

test('EVALUATION.md holds what build/native/eval-badge says on the held-out accounts', () => {
  const tool = path.join(root, 'build/native/eval-badge');
  assert.ok(fs.existsSync(tool), `${tool} is missing: build the native tree (scripts/build --native-only)`);
  const out = execFileSync(tool, { cwd: root, encoding: 'utf8' }).trim();
  assert.ok(section().includes(out), 'the badge section is stale: run scripts/eval-badge');
  // Untouched real accounts: no red badge from the profile alone (target <= 1 in 20).
  const row = /\| 0% bought \| (\d+) \| ([\d.]+)% \|/.exec(out);
  assert.ok(row && Number(row[2]) === 0, 'the profile alone gives no number');
});

test('the stand-in part runs on a few audits, and the committed one is a full run meeting the target', () => {
  const out = execFileSync('node', [path.join(root, 'tools/eval-badge/standin.mjs'), '--reps', '2'], { encoding: 'utf8' });
  const rows = out.split('\n').filter((l) => /^\| \d+% \| \d+% \| 2 \|/.test(l));
  assert.equal(rows.length, 8, out);
  const committed = section();
  const full = committed.split('\n').filter((l) => /^\| \d+% \| \d+% \| 200 \|/.test(l));
  assert.equal(full.length, 8, 'every row of the committed stand-in table is 200 audits');
  const holds = /that number's 95% interval holds the true share in ([\d.]+)% of them \(target >= 90%: (met|\*\*not met\*\*)/
    .exec(committed);
  assert.ok(holds, 'the committed section states the numbers\' coverage against the target');
  assert.equal(holds[2] === 'met', Number(holds[1]) >= 90, 'the target\'s verdict follows the figure');
  assert.ok(Number(holds[1]) >= 90, `numbers after an audit hold the truth >= 90% of the time: ${holds[1]}`);
});
