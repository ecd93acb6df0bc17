// README's badge table is the state table the engine and the browser tests use
// (tests/fixtures/badge-states.json), row for row, and README shows a picture of every state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../extension/shared/rules.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const table = JSON.parse(fs.readFileSync(path.join(root, 'tests/fixtures/badge-states.json'), 'utf8'));

test('README\'s badge table is the fixture\'s state table', () => {
  const a = readme.indexOf('<!-- badge-table:begin -->'), b = readme.indexOf('<!-- badge-table:end -->');
  assert.ok(a >= 0 && b > a, 'README has the badge-table markers');
  const rows = readme.slice(a, b).split('\n').filter((l) => /^\| `/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const want = table.states.map((s) => [`\`${s.state}\``, s.when, s.says, s.colour]);
  assert.deepEqual(rows, want, 'copy tests/fixtures/badge-states.json\'s states into README (state, when, says, colour)');
  assert.equal(table.max_width, RULES.badge_max_width, 'the table\'s width is the engine\'s');
});

test('README shows a picture of every badge state, taken from the demo', () => {
  for (const { state } of table.states) {
    const file = `docs/badges/${state}.png`;
    assert.ok(readme.includes(`](${file})`), `README shows ${file}`);
    const bytes = fs.readFileSync(path.join(root, file));
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG', `${file} is a PNG (scripts/badge-pictures)`);
  }
});
