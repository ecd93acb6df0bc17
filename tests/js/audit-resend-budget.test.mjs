// A request a page claims again (the same tab reloaded, or another tab of the profile taking over a
// closed tab's claim) is sent to Instagram a second time, and both sends count among the audit's
// requests: the count is what was sent. The budget holds all the same: a second send the budget
// cannot pay for is not made; the request is given up, its first send counted, and the audit ends
// at its budget. Before, a budget of 1 read "2 of at most 1". Through the background's handlers,
// storage.local in memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
// Every tab asked (holders.js) says its page runs no audit now: a closed tab's claim is free at once.
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { SCHEDULER_KEY } = await import('../../extension/shared/scheduler.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
const { mergedAudit, assembled, auditKeys } = await import('../../extension/background/audit-store.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const tab = (n) => ({ tab: { id: n }, frameId: 0 });
const stored = () => mergedAudit(assembled(data[auditKeys(username)[0]], data), data[auditKeys(username)[1]]);
const PAGE = { status: 200, contentType: 'application/json', body: JSON.stringify({ users: [{ pk: '9', username: 'someone.new' }], next_max_id: 'c2' }) };

// A fresh audit of @lena.bakes with a budget of `budget`, its first request handed out.
async function running(budget) {
  for (const k of Object.keys(data)) if (k.startsWith('audit') && k.includes(username)) delete data[k];
  delete data[SCHEDULER_KEY];
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: budget };
  const checked = await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  const posts = checked.report.posts.map((p) => ({ id: p.id, likes: p.likes, comments: p.comments }));
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts, profileSource: 'web_profile_info', fresh: true }, tab(1));
  const step = await handle['audit.next']({ username }, tab(1));
  assert.equal(step.action, 'fetch');
  return step;
}
const claim = (step, n, attempt) => {
  delete data[SCHEDULER_KEY];  // no pacing between the claims: the budget alone decides
  return handle['audit.claim']({ username, id: step.id, audit: step.audit, attempt }, tab(n));
};

test('budget 1: the request claimed again after a reload is not sent a second time; the audit ends at 1 of at most 1', async () => {
  try {
    const step = await running(1);
    assert.equal((await claim(step, 1, 'a1')).go, true, 'the first send');
    // The tab reloaded with the request out: its new page claims the step again.
    const again = await claim(step, 1, 'a2');
    assert.equal(again.go, false, 'no second send: the budget has no room for it');
    assert.ok(stored().requests <= stored().budget, `${stored().requests} of at most ${stored().budget}`);
    const end = await handle['audit.next']({ username }, tab(1));
    assert.deepEqual([end.action, end.progress.requests, end.progress.budget, end.progress.budgetReached], ['end', 1, 1, true]);
    // The first page's answer, should it come after all, is refused: nothing counted twice.
    await handle['audit.result']({ username, id: step.id, audit: step.audit, ...PAGE }, tab(1));
    assert.equal(stored().requests, 1);
  } finally {
    delete data.settings;
  }
});

test('budget 1: a closed tab\'s claim taken over by another tab is not sent again past the budget', async () => {
  try {
    const step = await running(1);
    assert.equal((await claim(step, 1, 'a1')).go, true);
    assert.equal((await claim(step, 2, 'b1')).go, false);
    const end = await handle['audit.next']({ username }, tab(2));
    assert.deepEqual([end.action, end.progress.requests, end.progress.budgetReached], ['end', 1, true]);
  } finally {
    delete data.settings;
  }
});

test('with room in the budget the request claimed again is sent again and counted twice, never past the budget', async () => {
  try {
    const step = await running(3);
    assert.equal((await claim(step, 1, 'a1')).go, true);
    assert.equal((await claim(step, 1, 'a2')).go, true, 'sent again: the budget pays for both sends');
    await handle['audit.result']({ username, id: step.id, audit: step.audit, ...PAGE }, tab(1));
    assert.equal(stored().requests, 2, 'both sends counted');
    const next = await handle['audit.next']({ username }, tab(1));
    assert.equal(next.action, 'fetch', 'one request of the budget left');
    assert.equal((await claim(next, 1, 'a3')).go, true);
    assert.equal((await claim(next, 2, 'b1')).go, false, 'a second send of the last request would pass the budget');
    const end = await handle['audit.next']({ username }, tab(2));
    assert.deepEqual([end.action, end.progress.requests, end.progress.budget], ['end', 3, 3]);
  } finally {
    delete data.settings;
  }
});
