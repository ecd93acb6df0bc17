// The command line's text for people says "range" where the extension does (plain-words.test.mjs
// bans "interval" from the extension's messages): "95% range 12% to 30%", not "95% interval", and so
// do the engine's texts it prints (the estimate's "Method:" line and warnings). Its
// JSON keeps the engine's field names (ci_low, interval_full_only), which are not words for people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { inProcess } from './lib/fakemeter.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
// In this process: the subject is the words, not the process (cli-*.test.mjs start it).
const run = inProcess;
const profile = path.join(root, 'tests', 'fixtures', 'profiles', 'organic.json');
const comments = path.join(root, 'tests', 'fixtures', 'comments', 'organic.json');
const real = (i) => JSON.stringify({ username: `anna.b${i}`, full_name: 'Anna B', has_profile_pic: true, media_count: 120 + i,
  follower_count: 300 + i, following_count: 280 + i, biography: 'climbing, coffee' });
const sample = Array.from({ length: 60 }, (_, i) => real(i)).join('\n') + '\n';

test('the text output and the help of profile, estimate and comments say "range", never "interval"', async () => {
  const outputs = {
    'profile text': await run(['profile', profile, '--format', 'text']),
    'estimate text': await run(['estimate', '--total', '5000', '--format', 'text', '-'], sample),
    'comments text': await run(['comments', comments, '--format', 'text']),
    'profile help': await run(['profile', '--help']),
    'estimate help': await run(['estimate', '--help']),
    'comments help': await run(['comments', '--help']),
  };
  for (const [name, r] of Object.entries(outputs)) {
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    // The estimate's "Method:" line and warnings are the engine's own texts (estimator/audience.cpp),
    // printed as they are: "range" there too.
    assert.doesNotMatch(r.stdout, /interval/i, `${name}: ${r.stdout}`);
  }
  assert.match(outputs['profile text'].stdout, /\(95% range [\d.]+% to [\d.]+%, instant\)/);
  assert.match(outputs['estimate text'].stdout, /^Fake followers: [\d.]+% {2}\(95% range [\d.]+% to [\d.]+%\)/);
  assert.match(outputs['estimate text'].stdout, /For a \+\/-5-point range: /);
  assert.match(outputs['comments text'].stdout, /Signals \(value, 95% range, evidence against organic sections\):/);
});
