// extension/shared/rules.js is the engine's rules() as the extension and the CLI import them:
// it must be exactly what the engine says now (regenerate with node tools/rules/write-rules.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadEngine } from '../../tools/cli/engine.mjs';
import { RULES } from '../../extension/shared/rules.js';
import { rulesModule, RULES_FILE } from '../../tools/rules/write-rules.mjs';
import { FOLLOWERS_PAGE_SIZE, DEFAULT_AVATAR_MARK } from '../../extension/shared/instagram.js';
import { MAX_ARG_BYTES } from '../../tools/cli/engine.mjs';

test('rules.js is the engine\'s rules(), as generated', async () => {
  const engine = await loadEngine();
  const rules = JSON.parse(engine.rules());
  assert.deepEqual(RULES, rules, 'extension/shared/rules.js is stale: run node tools/rules/write-rules.mjs');
  assert.equal(fs.readFileSync(RULES_FILE, 'utf8'), rulesModule(rules), 'rules.js was edited by hand: regenerate it');
});

test('the extension and the CLI take the shared values from rules.js', () => {
  assert.equal(FOLLOWERS_PAGE_SIZE, RULES.followers_page_size);
  assert.equal(DEFAULT_AVATAR_MARK, RULES.default_avatar_mark);
  assert.equal(MAX_ARG_BYTES, RULES.limits.json_bytes);
  assert.deepEqual(RULES.grades, { good_below: 10, fair_below: 25, poor_up_to: 50 });
  assert.equal(RULES.badge_max_width, RULES.grades.poor_up_to - RULES.grades.good_below);
});
