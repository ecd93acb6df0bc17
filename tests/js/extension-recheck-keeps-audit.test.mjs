// A re-check of a profile (the background's instant.analyze, the panel's "Recheck" or a visit's
// check of a day-old reading) whose stored result came from an audit that is not "audited" (the
// likers and commenters alone, the followers list refused) replaced the history entry whole: the
// audit's per-source rows and comment analysis were gone from the export, the popup and later
// visits, while the panel still drew the rows from the audit's state. storage.local in memory, the
// wasm engine as the extension loads it (its .wasm read from disk), a stand-in profile document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const fake = installFakeChrome();
const { data } = fake;
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { entryFromReport, putEntry, emptyHistory, exportJson, importJson } = await import('../../extension/shared/history.js');

const username = 'lena.bakes';
const body = JSON.stringify(seededDocument(findSeeded(username)));
const id = PROFILE_IDS[username];
const sources = { likers: { listed: 40, checked: 3, posts: 3, fake_percent: 12, ci_low: 4, ci_high: 30 },
                  commenters: { listed: 9, checked: 2, posts: 3, fake_percent: 20, ci_low: 5, ci_high: 52 } };
const comments = { grade: 'fair', score: 30, verdict: { id: 'comments.verdict.organic', params: {} } };
const stored = (confidence) => entryFromReport({ username, full_name: 'Lena', status: 'ok', states: [], fake_percent: 18, ci_low: 6,
  ci_high: 44, confidence, grade: 'fair', follower_count: 800, user_id: id, reasons: [] }, { computedAt: Date.now() - 3 * 86400_000,
  sources, comments }).entry;
const reset = (entry) => {
  for (const k of Object.keys(data)) delete data[k];
  data.history = putEntry(emptyHistory(), entry);
};
const recheck = () => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });

test('a re-check of an audit\'s result that is not "audited" keeps the audit\'s rows and comment analysis in the history', async () => {
  const before = stored('instant');
  reset(before);
  const r = await recheck();
  assert.ok(r.report, `a report: ${JSON.stringify(r).slice(0, 300)}`);
  const e = data.history.entries[username];
  assert.equal(e.computed_at > Date.now() - 60_000, true, 'the reading is the re-check\'s');
  assert.notEqual(e.ci_low, 6);
  assert.deepEqual(e.sources, sources, 'the audit\'s rows stay');
  assert.deepEqual(e.comments, comments, 'and its comment analysis');
  assert.equal(e.audit_at, before.computed_at, 'and when that audit was (the popup and the exports say it)');
  // The export has them.
  assert.deepEqual(importJson(exportJson(data.history)).history.entries[username].sources, sources);
});

test('a re-check from the panel of an audited result keeps them too', async () => {
  reset(stored('audited'));
  await recheck();
  const e = data.history.entries[username];
  assert.equal(e.confidence, 'instant', 'the re-check\'s reading');
  assert.deepEqual([e.sources, e.comments], [sources, comments]);
});
