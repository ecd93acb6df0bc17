// An audit whose page left the profile (another page of the app, a page loaded in its place, the tab
// closed): nothing runs it until the profile is open again, but it stayed 'running' in storage, so
// the popup and the profile's other pages said it ran. It is stored as paused (resumable), goes on
// where it was when a page of the profile runs it again, and is not paused while another page of
// the profile sends its request. Through the background's handlers (audit.start, audit.next,
// audit.claim, audit.pause, audit.status), storage.local in memory, the wasm engine as the extension
// loads it, and the tab a claim names answering whether its page still runs the audit (holders.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';

const { data } = installFakeChrome();
// Whether the page in a tab still runs the audit (holders.js asks it): per tab id.
const runsAudit = new Map();
globalThis.chrome.tabs = { sendMessage: async (tabId) => ({ holds: runsAudit.get(tabId) === true }) };
fetchFileUrls();
const { contentHandlers: handle, privilegedHandlers: privileged } = await import('../../extension/background/handlers.js');
const { resumable } = await import('../../extension/shared/audit.js');
const { validateMessage } = await import('../../extension/shared/messages.js');
const { SCHEDULER_KEY } = await import('../../extension/shared/scheduler.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const body = JSON.stringify(seededDocument(findSeeded(username)));
const tab = (n) => ({ tab: { id: n }, frameId: 0 });
const { mergedAudit, assembled, auditKeys } = await import('../../extension/background/audit-store.js');
// The audit as stored: its record, its lists' chunks and its step (audit-store.js).
const stored = () => mergedAudit(assembled(data[auditKeys(username)[0]], data), data[auditKeys(username)[1]]);

async function running() {
  for (const k of Object.keys(data)) if (k.startsWith('audit') && k.includes(username)) delete data[k];
  // No pacing left from the answers of an earlier test: each claims at once.
  delete data[SCHEDULER_KEY];
  runsAudit.clear();
  const checked = await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  const posts = checked.report.posts.map((p) => ({ id: p.id, likes: p.likes, comments: p.comments }));
  const start = (over = {}) => handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts,
                                                        profileSource: 'web_profile_info', ...over });
  await start({ fresh: true });
  const step = await handle['audit.next']({ username });
  assert.equal(step.action, 'fetch');
  return { step, start };
}

test('the page running an audit leaves the profile: stored and said as paused, resumable; a page of the profile goes on with it', async () => {
  const { step, start } = await running();
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(1))).go, true);
  const view = await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'paused', 'not "running" in storage');
  assert.equal(view.progress.status, 'paused');
  assert.ok(resumable(stored()), 'resumable');
  // What the popup reads (audit.status), as the profile's other pages read storage.
  assert.equal((await privileged['audit.status']({ username })).progress.status, 'paused');
  assert.equal(stored().pending.id, step.id, 'its next request kept');
  // The profile open again: the page's loop goes on with it, the same request first.
  const again = await handle['audit.next']({ username });
  assert.deepEqual([stored().status, again.action, again.id, again.url], ['running', 'fetch', step.id, step.url]);
  // Paused again and resumed by the panel's button (a page that runs no loop of it): it goes on, not anew.
  await handle['audit.pause']({ username }, tab(1));
  const startedAt = stored().startedAt;
  await start({});
  assert.deepEqual([stored().status, stored().startedAt], ['running', startedAt]);
  // A "New audit" over a paused one starts afresh.
  await handle['audit.pause']({ username }, tab(1));
  await new Promise((r) => setTimeout(r, 2));
  await start({ fresh: true });
  assert.equal(stored().status, 'running');
  assert.ok(stored().startedAt > startedAt, 'a new audit');
});

test('not paused while another page of the profile sends its request; paused once that page is gone', async () => {
  const { step } = await running();
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(2))).go, true);
  runsAudit.set(2, true);
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'running', 'tab 2 runs it: its answer must still be taken');
  assert.equal(stored().pending.claim.holder, '2:0');
  runsAudit.set(2, false);
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'paused', 'tab 2 runs it no more');
  await handle['audit.next']({ username });
  assert.equal(stored().status, 'running');
  // Only a running audit is paused: a cancelled or ended one stays as it is.
  await handle['audit.cancel']({ username });
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'cancelled');
});

test('audit.pause is a message of the one shape; the pause is worded in every language', () => {
  assert.equal(validateMessage({ what: 'audit.pause', username: 'anna' }, 'content').ok, true);
  assert.equal(validateMessage({ what: 'audit.pause', username: 'anna', extra: 1 }, 'content').ok, false);
  const words = new Set();
  for (const lang of ['en', 'de', 'fr', 'nl']) {
    const messages = JSON.parse(fs.readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url)));
    const said = messages.auditPaused && messages.auditPaused.message;
    assert.ok(said && said.length > 20, `${lang}: auditPaused`);
    words.add(said);
  }
  assert.equal(words.size, 4, 'each language its own words');
});

// Another page of the profile (whose loop waits for its slot, the hourly cap perhaps: it takes the
// audit up only at its next step) still shows it running, with its Cancel button: the user's
// cancel stopped nothing, the audit stayed paused and went on at the next visit.
test('a paused audit is cancelled by Cancel: not left paused, to go on at the next visit', async () => {
  const { step } = await running();
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(1))).go, true);
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'paused');
  const view = await handle['audit.cancel']({ username });
  assert.equal(view.progress.status, 'cancelled');
  assert.deepEqual([stored().status, stored().pending], ['cancelled', null]);
  // Not taken up again by the next page of the profile: it waits for Resume.
  const next = await handle['audit.next']({ username });
  assert.equal(next.action, 'end');
  assert.equal(stored().status, 'cancelled');
});

// Two tabs of the profile: tab 1 runs the audit (it started it and sends its requests), tab 2
// follows it, its loop waiting on tab 1's claims. Tab 2 closing paused it, while it held no claim
// (between two steps): tab 1 took it back at its next step, a round trip and "paused" in the popup.
test('only the page that runs the audit pauses it: not a tab that followed it without a claim, unless the runner is gone', async () => {
  const { step } = await running();
  runsAudit.set(1, true);
  runsAudit.set(2, true);
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(1))).go, true);
  await handle['audit.result']({ username, id: step.id, status: 200, contentType: 'application/json',
                                 body: JSON.stringify({ users: [], next_max_id: null }) }, tab(1));
  assert.equal(stored().pending, null, 'between two steps: no claim held');
  await handle['audit.pause']({ username }, tab(2));
  assert.equal(stored().status, 'running', 'tab 2 never ran it');
  // Its next step handed out, not yet claimed: still tab 1's.
  const next = await handle['audit.next']({ username }, tab(2));
  await handle['audit.pause']({ username }, tab(2));
  assert.equal(stored().status, 'running', 'tab 2 asked the next step; tab 1 runs it still');
  // Tab 1 itself leaving pauses it.
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'paused');
  // Taken up by tab 2 (its loop's next step), which runs it from then on; tab 1 gone.
  await handle['audit.next']({ username }, tab(2));
  runsAudit.set(1, false);
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().status, 'running', 'tab 1 left it; tab 2 runs it now');
  await handle['audit.pause']({ username }, tab(2));
  assert.equal(stored().status, 'paused', 'tab 2, its runner, leaving');
  // The runner gone (its tab closed without a word), a page that followed it may pause it.
  await handle['audit.next']({ username }, tab(1));
  runsAudit.set(1, false);
  delete data[SCHEDULER_KEY];  // (the pacing after the first answer)
  assert.equal((await handle['audit.claim']({ username, id: next.id }, tab(1))).go, true);
  await handle['audit.result']({ username, id: next.id, status: 200, contentType: 'application/json',
                                 body: JSON.stringify({ users: [], next_max_id: null }) }, tab(1));
  await handle['audit.pause']({ username }, tab(3));
  assert.equal(stored().status, 'paused', 'tab 1, the runner, is gone');
});

// The page left the profile with its request out (the pause is its own: it holds the claim); the
// answer arrives after. It was refused, and the same request asked again at the next visit.
test('a late answer of the paused audit\'s own step is taken, the audit staying paused; none of a cancelled or another audit', async () => {
  const { step, start } = await running();
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(1))).go, true);
  await handle['audit.pause']({ username }, tab(1));
  const requests = stored().requests;
  const page = { status: 200, contentType: 'application/json', body: JSON.stringify({ users: [{ pk: '9', username: 'someone.new' }], next_max_id: 'c2' }) };
  const view = await handle['audit.result']({ username, id: step.id, ...page }, tab(1));
  assert.equal(view.duplicate, undefined, 'taken');
  assert.deepEqual([stored().status, stored().pending, stored().requests], ['paused', null, requests + 1]);
  assert.equal(stored().followers.pagesDone, 1);
  // The next visit asks the next step, not this one again.
  const again = await handle['audit.next']({ username }, tab(1));
  assert.notEqual(again.id, step.id);
  assert.equal(stored().status, 'running');
  // A cancelled audit refuses its late answer.
  delete data[SCHEDULER_KEY];  // (the pacing after the first answer)
  assert.equal((await handle['audit.claim']({ username, id: again.id }, tab(1))).go, true);
  await handle['audit.cancel']({ username });
  // The request out is counted at the cancel (it went; its answer is refused): it was counted nowhere.
  assert.equal(stored().requests, requests + 2, 'the claimed request out counted at the cancel');
  assert.equal((await handle['audit.result']({ username, id: again.id, ...page }, tab(1))).duplicate, true);
  assert.deepEqual([stored().status, stored().requests], ['cancelled', requests + 2]);
  // Resumed, it asks the page again: that send counts too (at its answer).
  await start({});
  const resumed = await handle['audit.next']({ username }, tab(1));
  assert.equal(resumed.url, again.url, 'the same page asked again');
  delete data[SCHEDULER_KEY];
  assert.equal((await handle['audit.claim']({ username, id: resumed.id, audit: resumed.audit }, tab(1))).go, true);
  await handle['audit.result']({ username, id: resumed.id, audit: resumed.audit, ...page }, tab(1));
  assert.equal(stored().requests, requests + 3, 'two sends of that page, both counted');
  await handle['audit.cancel']({ username });
  // Another audit since, paused with a step of the same id no page claimed: the answer is not its.
  await start({ fresh: true });
  const other = await handle['audit.next']({ username }, tab(2));
  await handle['audit.pause']({ username }, tab(2));
  assert.equal(stored().status, 'paused');
  assert.equal((await handle['audit.result']({ username, id: other.id, ...page }, tab(1))).duplicate, true);
  assert.deepEqual([stored().status, stored().pending.id, stored().followers.pagesDone], ['paused', other.id, 0]);
});

// The page left the profile within the app with its request out, and the user came back before
// its answer: the same tab and document (the same holder), the earlier page's request still out.
// The returning page claimed the step again and sent it a second time: the first answer was taken,
// the second refused, one request of the budget wasted. It waits for the earlier answer now.
test('a page come back to its paused audit before its own late answer waits for that answer, sending nothing', async () => {
  const { step } = await running();
  runsAudit.set(1, true);
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit, attempt: 'a1' }, tab(1))).go, true);
  await handle['audit.pause']({ username }, tab(1));
  // Back on the profile: the new page's loop takes the audit up, the same step first.
  const back = await handle['audit.next']({ username }, tab(1));
  assert.deepEqual([stored().status, back.id], ['running', step.id]);
  const claim = await handle['audit.claim']({ username, id: step.id, audit: step.audit, attempt: 'a2', outstanding: true }, tab(1));
  assert.equal(claim.go, false, 'not sent again');
  assert.ok(Number.isInteger(claim.at), 'asked again later');
  assert.equal(stored().requests, 0, 'no second send counted');
  // The earlier page's answer arrives: taken, and the waiting claim finds its step answered.
  const page = { status: 200, contentType: 'application/json', body: JSON.stringify({ users: [{ pk: '9', username: 'someone.new' }], next_max_id: 'c2' }) };
  const view = await handle['audit.result']({ username, id: step.id, audit: step.audit, ...page }, tab(1));
  assert.equal(view.duplicate, undefined, 'taken');
  assert.deepEqual([stored().status, stored().requests, stored().followers.pagesDone], ['running', 1, 1]);
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit, attempt: 'a2', outstanding: true }, tab(1))).stale, true);
  // The message with `outstanding` is of the one shape.
  assert.equal(validateMessage({ what: 'audit.claim', username, id: 2, attempt: 'a2', outstanding: true }, 'content').ok, true);
  assert.equal(validateMessage({ what: 'audit.claim', username, id: 2, outstanding: 'yes' }, 'content').ok, false);
});

// Ids start at 1 in every audit: a page whose request was out when its audit was cancelled and a
// new one started (by the popup, or another tab's "New audit") held a step with the id of the new
// audit's first step. Its answer was taken as that step's (the old audit's followers page filling
// the new audit), and its claim took the new step. The step names its audit now (audit.next's
// `audit`), and a step of another audit is refused, running or paused.
test('a step of an audit cancelled and started anew is refused by the new audit, though its id is the same', async () => {
  const { step, start } = await running();
  assert.ok(Number.isInteger(step.audit), 'the step names its audit');
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab(1))).go, true);
  await handle['audit.cancel']({ username });
  await new Promise((r) => setTimeout(r, 2));
  await start({ fresh: true });
  const fresh = await handle['audit.next']({ username }, tab(2));
  assert.equal(fresh.id, step.id, 'the same id');
  assert.notEqual(fresh.audit, step.audit, 'another audit');
  const page = { status: 200, contentType: 'application/json', body: JSON.stringify({ users: [{ pk: '9', username: 'someone.old' }], next_max_id: 'c2' }) };
  // The old step's claim and answer: refused, nothing of it in the new audit.
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab(1))).stale, true);
  assert.equal((await handle['audit.result']({ username, id: step.id, audit: step.audit, ...page }, tab(1))).duplicate, true);
  assert.deepEqual([stored().requests, stored().followers.pagesDone, stored().pending.id], [0, 0, fresh.id]);
  // Paused, the same.
  assert.equal((await handle['audit.claim']({ username, id: fresh.id, audit: fresh.audit }, tab(2))).go, true);
  await handle['audit.pause']({ username }, tab(2));
  assert.equal((await handle['audit.result']({ username, id: step.id, audit: step.audit, ...page }, tab(2))).duplicate, true);
  assert.deepEqual([stored().status, stored().requests], ['paused', 0]);
  // The new audit's own step is taken.
  const view = await handle['audit.result']({ username, id: fresh.id, audit: fresh.audit, ...page }, tab(2));
  assert.equal(view.duplicate, undefined);
  assert.deepEqual([stored().requests, stored().followers.pagesDone], [1, 1]);
});

// "New audit" over a paused audit whose request a page had claimed (sent; its answer, still to
// come, is refused by the new audit): that request was in no count shown, the paused audit's record
// replaced before its answer counted it. It counts in the new audit, against its budget, as a Cancel
// counts it in the cancelled one.
test('a new audit over a paused one whose request is out counts that request; its late answer is refused, counted once', async () => {
  const { step, start } = await running();
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab(1))).go, true);
  await handle['audit.pause']({ username }, tab(1));
  await new Promise((r) => setTimeout(r, 2));
  const view = await start({ fresh: true });
  assert.equal(stored().status, 'running');
  assert.notEqual(stored().startedAt, step.audit, 'a new audit');
  assert.equal(stored().requests, 1, 'the paused audit\'s request out is counted');
  assert.equal(view.progress.requests, 1, 'and said');
  const page = { status: 200, contentType: 'application/json', body: JSON.stringify({ users: [{ pk: '9', username: 'someone.old' }], next_max_id: 'c2' }) };
  assert.equal((await handle['audit.result']({ username, id: step.id, audit: step.audit, ...page }, tab(1))).duplicate, true);
  assert.deepEqual([stored().requests, stored().followers.pagesDone], [1, 0], 'its answer refused, not counted twice');
  // The new audit's own requests count as ever.
  const fresh = await handle['audit.next']({ username }, tab(1));
  delete data[SCHEDULER_KEY];
  assert.equal((await handle['audit.claim']({ username, id: fresh.id, audit: fresh.audit }, tab(1))).go, true);
  await handle['audit.result']({ username, id: fresh.id, audit: fresh.audit, ...page }, tab(1));
  assert.deepEqual([stored().requests, stored().followers.pagesDone], [2, 1]);
  // A paused audit whose request no page claimed (none went) counts nothing in the new one.
  await handle['audit.pause']({ username }, tab(1));
  await handle['audit.next']({ username }, tab(1));
  await handle['audit.pause']({ username }, tab(1));
  assert.equal(stored().pending.claim, undefined);
  await new Promise((r) => setTimeout(r, 2));
  await start({ fresh: true });
  assert.equal(stored().requests, 0);
});

// The same with a budget of 1: the request taken over counted against the new audit's budget ended
// it at once, "budget reached", having asked nothing of its own. The options promise a budget per
// audit, and that request was the replaced audit's (within its budget): it is counted, and said,
// beside the new audit's own budget, which is still the new audit's to spend.
test('a new audit over a paused one whose request is out still makes its own requests with a budget of 1', async () => {
  const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
  data.settings = { ...DEFAULT_SETTINGS, auditBudget: 1 };
  try {
    const { step, start } = await running();
    assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab(1))).go, true);
    await handle['audit.pause']({ username }, tab(1));
    await new Promise((r) => setTimeout(r, 2));
    const view = await start({ fresh: true });
    const fresh = await handle['audit.next']({ username }, tab(1));
    assert.deepEqual([fresh.action, fresh.progress.budgetReached], ['fetch', false], 'its own first step goes');
    assert.deepEqual([view.progress.requests, view.progress.budget, view.progress.takenOver], [1, 2, 1],
      'the request taken over counted and said, beside a budget of 1 of its own');
    delete data[SCHEDULER_KEY];
    assert.equal((await handle['audit.claim']({ username, id: fresh.id, audit: fresh.audit }, tab(1))).go, true);
    const page = { status: 200, contentType: 'application/json', body: JSON.stringify({ users: [{ pk: '9', username: 'someone.new' }], next_max_id: 'c2' }) };
    await handle['audit.result']({ username, id: fresh.id, audit: fresh.audit, ...page }, tab(1));
    const end = await handle['audit.next']({ username }, tab(1));
    assert.deepEqual([end.action, end.progress.budgetReached, stored().requests], ['end', true, 2], 'then its budget of 1 is spent');
  } finally {
    delete data.settings;
  }
});

// A tab closed while the worker was stopped: its page's audit.pause woke no one and was lost, and
// the audit stayed 'running' with no page running it; the popup said it ran. The popup's look
// asks the pages the audit names (holders.js) and says it paused once they are gone; never while
// its page runs it, nor while a page that holds its request's claim is there.
test('a running audit whose tab closed without its pause: the popup reads it paused; not while a page runs it', async () => {
  const { step } = await running();
  await handle['audit.next']({ username }, tab(4));
  runsAudit.set(4, true);
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(4))).go, true);
  assert.equal((await privileged['audit.status']({ username })).progress.status, 'running', 'tab 4 runs it');
  assert.equal(stored().status, 'running');
  // Tab 4 closes with its request out, the worker stopped (no audit.pause arrives).
  runsAudit.delete(4);
  const view = await privileged['audit.status']({ username });
  assert.equal(view.progress.status, 'paused', 'no page runs it');
  assert.equal(stored().status, 'paused');
  assert.equal(stored().pending.id, step.id, 'its request kept, for the next page to take over');
  // The profile open again in tab 5: it goes on from there, and is not paused while tab 5 runs it.
  const again = await handle['audit.next']({ username }, tab(5));
  runsAudit.set(5, true);
  assert.deepEqual([stored().status, again.id], ['running', step.id]);
  assert.equal((await handle['audit.claim']({ username, id: step.id }, tab(5))).go, true);
  assert.equal((await privileged['audit.status']({ username })).progress.status, 'running');
  assert.equal(stored().status, 'running');
});
