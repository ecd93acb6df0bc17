// The background's memo of recent results (recent-results.js) and the profile readings it keeps
// (analysis.js analyzeDoc): a changed input (the document, the audit's samples, the second it is
// asked at) is worked out afresh, never answered from an earlier reading; an unchanged one is the
// engine's own answer, as a copy the caller may change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument } from '../e2e/standin/profiles.mjs';
import { recentResults } from '../../extension/background/recent-results.js';

installFakeChrome();
fetchFileUrls();
const { analyzeDoc } = await import('../../extension/background/analysis.js');
const { call } = await import('../../extension/background/engine.js');

test('recentResults: the same key is worked out once, another key afresh, the oldest goes past its size', async () => {
  const memo = recentResults(2);
  let runs = 0;
  const compute = (v) => async () => { runs++; return { v, list: [v] }; };
  assert.deepEqual(await memo.get('a', compute(1)), { v: 1, list: [1] });
  assert.deepEqual(await memo.get('a', compute(99)), { v: 1, list: [1] });
  assert.equal(runs, 1);
  assert.deepEqual(await memo.get('b', compute(2)), { v: 2, list: [2] });
  assert.equal(runs, 2);
  await memo.get('c', compute(3));          // 'a' is the oldest: it goes
  assert.deepEqual(await memo.get('a', compute(4)), { v: 4, list: [4] });
  assert.equal(runs, 4);
});

test('recentResults: a result handed out is a copy; one not to keep is worked out again', async () => {
  const memo = recentResults(4);
  const first = await memo.get('k', async () => ({ list: [1] }));
  first.list.push(2);
  assert.deepEqual(await memo.get('k', async () => ({ list: ['new'] })), { list: [1] });
  let runs = 0;
  const failing = async () => { runs++; return { error: { id: 'engine.crashed' } }; };
  await memo.get('e', failing, (r) => !r.error);
  await memo.get('e', failing, (r) => !r.error);
  assert.equal(runs, 2);
});

// The engine's answer for the same inputs, asked directly (no memo).
async function direct(text, options) {
  return call('analyzeProfile', text, JSON.stringify(options));
}

test('analyzeDoc: each changed input gives the engine\'s answer to it, an unchanged one the same answer', async () => {
  const realNow = Date.now;
  const at = Date.parse('2026-12-06T12:00:00Z');
  Date.now = () => at;
  try {
    const doc = seededDocument(findSeeded('lena.bakes'));
    const text = JSON.stringify(doc);
    const now = Math.floor(at / 1000);
    const alone = await analyzeDoc(text);
    assert.deepEqual(alone.report, await direct(text, { now }));
    alone.report.username = 'changed.by.a.caller';
    assert.deepEqual((await analyzeDoc(text)).report, await direct(text, { now }), 'the same inputs: the same answer, unchanged by a caller');
    // Another document (more followers): not the reading kept for the first.
    const more = structuredClone(doc);
    more.data.user.edge_followed_by.count += 5000;
    const moreText = JSON.stringify(more);
    const r2 = await analyzeDoc(moreText);
    assert.equal(r2.report.follower_count, doc.data.user.edge_followed_by.count + 5000);
    assert.deepEqual(r2.report, await direct(moreText, { now }));
    // Another second: the posts' ages differ, asked afresh.
    Date.now = () => at + 86_400_000;
    assert.deepEqual((await analyzeDoc(text)).report, await direct(text, { now: now + 86_400 }));
    Date.now = () => at;
    // With an audit's samples: not the reading alone.
    const followers = Array.from({ length: 40 }, (_, i) => ({ username: `f${i}`, followers: 10 + i, following: 300, posts: i % 3,
      has_profile_pic: i % 4 !== 0, is_private: false, is_verified: false, full_name: '', biography: '' }));
    const est = await call('estimateAudience', JSON.stringify({ source: 'followers', population: 820, sampling: 'newest_first',
                                                               followers, list_limited: false }));
    assert.ok(est && !est.error, JSON.stringify(est));
    const withSample = await analyzeDoc(text, { audience: est });
    assert.deepEqual(withSample.report, await direct(text, { now, audience: est }));
    assert.notDeepEqual(withSample.report, (await analyzeDoc(text)).report);
  } finally {
    Date.now = realNow;
  }
});
