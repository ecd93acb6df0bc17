// The background's memory of a send's answer (background/answer-once.js): one run per key while it
// runs and for KEEP_MS after its answer; then, or for another key, a run afresh. A clock the test sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerOnce, KEEP_MS } from '../../extension/background/answer-once.js';

test('a key is run once: a second call gets the same answer, in progress and given, until KEEP_MS after it was given', async () => {
  let t = 1000;
  const once = answerOnce(() => t);
  let runs = 0;
  let finish;
  const run = () => { runs++; return new Promise((r) => { finish = r; }); };
  const a = once('content 7/0 id-aaaaaaaa', run);
  t += 10 * KEEP_MS;  // however long it runs, it is not forgotten while it runs
  const b = once('content 7/0 id-aaaaaaaa', run);
  assert.equal(a, b);
  await new Promise((r) => setImmediate(r));
  assert.equal(runs, 1);
  finish({ n: 1 });
  assert.deepEqual(await b, { n: 1 });
  t += KEEP_MS;
  assert.deepEqual(await once('content 7/0 id-aaaaaaaa', () => ({ n: 2 })), { n: 1 }, 'kept KEEP_MS after');
  assert.deepEqual(await once('content 7/0 id-bbbbbbbb', () => ({ n: 3 })), { n: 3 }, 'another key runs');
  t += 1;
  assert.deepEqual(await once('content 7/0 id-aaaaaaaa', () => ({ n: 4 })), { n: 4 }, 'forgotten after KEEP_MS: run afresh');
  assert.equal(runs, 1);
});

test('a run that fails gives the same failure to the retry', async () => {
  const once = answerOnce(() => 0);
  let runs = 0;
  const run = () => { runs++; throw new Error('boom'); };
  await assert.rejects(once('k-aaaaaaaa', run), /boom/);
  await assert.rejects(once('k-aaaaaaaa', run), /boom/);
  assert.equal(runs, 1);
});
