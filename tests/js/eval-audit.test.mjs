// The audit-source evaluation (scripts/eval-audit) runs end to end on a few audits, and the
// committed EVALUATION.md section is a full run of it (200 audits per cell, every source and
// share, within the request budget).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const rows = (text) => text.split('\n').filter((l) => /^\| (followers|likers|commenters)/.test(l));

test('scripts/eval-audit runs the extension\'s audit on stand-in profiles and scores every source', () => {
  const out = execFileSync('node', [path.join(root, 'tools/eval-audit/main.mjs'), '--reps', '2'], { encoding: 'utf8' });
  const r = rows(out);
  assert.equal(r.length, 3 * 7, out);
  for (const line of r) {
    const cells = line.split('|').map((c) => c.trim());
    assert.match(cells[3], /^\d+\.\d$/, line);              // the engagers' own truth, mean over the audits
    assert.ok(Math.abs(Number(cells[3]) - Number(cells[2])) < 10, line);  // near the pool's share
    assert.equal(cells[4], '2', line);                       // audits in the cell
    assert.match(cells[9], /^\d+(\.\d)?%$/, line);           // coverage
  }
  const requests = /at most (\d+) \(target <= 45\)/.exec(out);
  assert.ok(requests && Number(requests[1]) <= 45, out);
});

test('EVALUATION.md holds a full run: 200 audits in every cell, requests within the budget', () => {
  const text = fs.readFileSync(path.join(root, 'EVALUATION.md'), 'utf8');
  const a = text.indexOf('<!-- audit:begin -->'), b = text.indexOf('<!-- audit:end -->');
  assert.ok(a >= 0 && b > a, 'the audit section markers are there');
  const r = rows(text.slice(a, b));
  assert.equal(r.length, 21, 'every source at every share');
  for (const line of r) assert.equal(line.split('|')[4].trim(), '200', line);
  const requests = /at most (\d+) \(target <= 45\)/.exec(text.slice(a, b));
  assert.ok(requests && Number(requests[1]) <= 45);
});
