// An account's audit follows it when Instagram renames it (store.moveFormerAudit, through the
// page's stored-reading handler, handlers.js cached).
// The audit under the old name held what the moved entry does not: whether it can resume, its rows,
// that Instagram refused the followers list; so the new name offered "Audit followers" again and
// the old name a disabled "Resume audit".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { at, entry } from './lib/history-fixtures.mjs';

const fake = installFakeChrome();
const { data } = fake;
// The tabs whose page runs an audit now (holders.js asks them); a closed tab answers nothing.
const runsAudit = new Set();
globalThis.chrome.tabs = { sendMessage: async (tabId) => {
  if (!runsAudit.has(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
  return { holds: true };
} };
const { contentHandlers: handle, privilegedHandlers: privileged } = await import('../../extension/background/handlers.js');
const { putEntry, emptyHistory } = await import('../../extension/shared/history.js');
const { newAudit } = await import('../../extension/shared/audit.js');
const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');

const reset = (stored) => { for (const k of Object.keys(data)) delete data[k]; Object.assign(data, structuredClone(stored)); };
const historyOf = (...entries) => entries.reduce((h, e) => putEntry(h, e), emptyHistory());
const POSTS = [{ id: '11', likes: 120, comments: 9 }, { id: '12', likes: 80, comments: 2 }];
// An audit of account `userId` under `username`, as stored, with `over` (status, stop, time).
const audit = (username, userId, over = {}) => ({
  ...newAudit({ username, userId, isPrivate: false, followerCount: 1000, posts: POSTS, settings: DEFAULT_SETTINGS, now: at(1), seed: 7 }),
  report: { username, user_id: userId }, ...over });
const stopped = { status: 'stopped', stopReason: 'challenge', updatedAt: at(2) };
// Account 111, checked as @old, seen since as @new (its entry moved there).
const renamed = { ...entry('new', 5, { id: '111' }), former_usernames: ['old'] };

test('rename: a stopped, resumable audit under the old name moves to the new one, its own name in it; the old name shows none', async () => {
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', stopped) });
  const r = await handle['profile.cached']({ username: 'new' });
  assert.equal(r.audit && r.audit.progress.status, 'stopped', 'the new name offers it (Resume)');
  assert.equal(data['audit:old'], undefined);
  assert.deepEqual([data['audit:new'].username, data['audit:new'].report.username, data['audit:new'].userId], ['new', 'new', '111']);
  const left = await handle['profile.cached']({ username: 'old' });
  assert.equal(left.audit, null);
  // Where the name's account went (a page saying "Renamed, now @..." restored from the back-forward
  // cache follows it: content/main.js catchUp); none for a name in use.
  assert.equal(left.renamedTo, 'new');
  assert.equal((await handle['profile.cached']({ username: 'new' })).renamedTo, null);
});

test('rename: an audit running under the old name stays there (its tab writes there) and moves once it has ended', async () => {
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', { status: 'running' }) });
  assert.equal((await handle['profile.cached']({ username: 'new' })).audit, null);
  assert.equal(data['audit:old'].status, 'running');
  assert.equal((await handle['profile.cached']({ username: 'old' })).audit.progress.status, 'running', 'the tab running it follows it');
  data['audit:old'] = { ...data['audit:old'], ...stopped };
  assert.equal((await handle['profile.cached']({ username: 'new' })).audit.progress.status, 'stopped');
  assert.equal(data['audit:old'], undefined);
});

test('rename: another account\'s audit is never moved, nor over a newer audit of this account; what stays is not shown on the old name', async () => {
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '222', stopped) });
  assert.equal((await handle['profile.cached']({ username: 'new' })).audit, null);
  assert.equal(data['audit:old'].userId, '222');
  const newer = audit('new', '111', { status: 'done', updatedAt: at(4) });
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', stopped), 'audit:new': newer });
  assert.equal((await handle['profile.cached']({ username: 'new' })).audit.progress.status, 'done');
  // (Its record as it was: the look saved its result and marked it so, resultSettled, nothing else.)
  const { readAudit } = await import('../../extension/background/audit-store.js');
  const { resultSettled, ...kept } = await readAudit(globalThis.chrome.storage.local, 'new');
  assert.equal(resultSettled, newer.updatedAt);
  assert.deepEqual([kept.userId, kept.username, kept.status, kept.updatedAt, kept.startedAt], [newer.userId, 'new', 'done', newer.updatedAt, newer.startedAt]);
  assert.equal((await handle['profile.cached']({ username: 'old' })).audit, null, 'nothing to act on under a name the account left');
});

test('rename: an audit stored in parts (its lists in chunks: audit-store.js) moves whole; neither name keeps a part of the one before', async () => {
  const { auditWrite, readAudit } = await import('../../extension/background/audit-store.js');
  const lite = (p, n) => Array.from({ length: n }, (_, i) => ({ username: `${p}${i}` }));
  const withLists = (a, n) => ({ ...a, followers: { ...a.followers, lite: lite('f', n) }, full: Object.fromEntries(lite('f', n).map((r) => [r.username, r])) });
  // Another account's audit under the new name, with longer lists, gives way.
  reset({ history: historyOf(renamed), ...auditWrite(withLists(audit('old', '111', stopped), 30), null).items,
          ...auditWrite(withLists(audit('new', '222', { status: 'done', updatedAt: at(1) }), 80), null).items });
  assert.ok(data['auditpart:old:followers.lite:1'] && data['auditpart:new:followers.lite:3'], 'stored in parts');
  assert.equal((await handle['profile.cached']({ username: 'new' })).audit.progress.status, 'stopped');
  const moved = await readAudit(globalThis.chrome.storage.local, 'new');
  assert.deepEqual([moved.userId, moved.followers.lite.length, Object.keys(moved.full).length], ['111', 30, 30]);
  assert.deepEqual(Object.keys(data).filter((k) => k.includes(':old')), [], 'nothing of it under the old name');
  assert.deepEqual(Object.keys(data).filter((k) => k.startsWith('auditpart:new:')).sort(),
                   ['auditpart:new:followers.lite:0', 'auditpart:new:followers.lite:1', 'auditpart:new:full:0', 'auditpart:new:full:1'],
                   'no chunk of the audit that gave way');
});

// The popup's look at the tab's profile, as popup.js showCurrent asks it: its entry (history.get),
// then its audit (audit.status). It showed no audit under the new name until a page of the profile
// had looked (profile.cached moved it).
const popupLook = async (username) => {
  await privileged['history.get']({ username });
  return privileged['audit.status']({ username });
};

test('rename: the popup\'s look at the new name brings the audit over as a page\'s look does; one running stays', async () => {
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', stopped) });
  const r = await popupLook('new');
  assert.equal(r.missing, undefined, 'the moved audit, not none');
  assert.deepEqual([r.progress.status, r.userId], ['stopped', '111']);
  assert.equal(data['audit:old'], undefined);
  assert.equal(data['audit:new'].username, 'new');
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', { status: 'running' }) });
  assert.equal((await popupLook('new')).missing, true, 'its tab writes under the old name until it ends');
  assert.equal(data['audit:old'].status, 'running');
});

// Its tab closed while the worker was stopped, its pause lost: running in storage with no page
// running it. It moves as a paused one (the popup's look and a page's); not while a page runs it.
test('rename: an audit left running under the old name by a closed tab moves, paused; one a page runs stays', async () => {
  const runner = { status: 'running', runner: '5:0' };
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', runner) });
  runsAudit.add(5);
  assert.equal((await popupLook('new')).missing, true, 'tab 5 runs it under the old name');
  assert.equal(data['audit:old'].status, 'running');
  runsAudit.delete(5);
  const r = await popupLook('new');
  assert.deepEqual([r.missing, r.progress && r.progress.status], [undefined, 'paused'], 'no page runs it: moved, paused');
  assert.equal(data['audit:old'], undefined);
  assert.deepEqual([data['audit:new'].username, data['audit:new'].status], ['new', 'paused']);
  // A page's look at the new name does the same.
  reset({ history: historyOf(renamed), 'audit:old': audit('old', '111', runner) });
  assert.equal((await handle['profile.cached']({ username: 'new' })).audit.progress.status, 'paused');
  assert.equal(data['audit:old'], undefined);
});

// The popup asks audit.status at each step of an audit running while it is open (and at each change
// of the scheduler), and a page looks (profile.cached) at each visit: each read the whole history
// (up to 5,000 entries, some MB) once more whenever an audit was stored under the name, to tell
// whether its result was saved, and audit.status once more again for a moved audit (in node, 5,000
// entries: the status about 75 ms against 0). One read per look, none for the status.
test('a look at a profile with an audit reads the history once; the popup\'s audit.status reads none', async () => {
  const local = globalThis.chrome.storage.local;
  const get = local.get;
  let reads = 0;
  local.get = async (key) => {
    if (key === null || [].concat(key).includes('history')) reads++;
    return get.call(local, key);
  };
  try {
    const saved = { ...renamed, audit_at: at(3) };
    for (const [what, a, h] of [['running', { status: 'running', updatedAt: at(2) }, renamed], ['done, saved', { status: 'done', updatedAt: at(2) }, saved]]) {
      reset({ history: historyOf(h), 'audit:new': audit('new', '111', a) });
      reads = 0;
      await privileged['history.get']({ username: 'new' });
      assert.equal(reads, 1, `${what}: history.get`);
      assert.equal((await privileged['audit.status']({ username: 'new' })).progress.status, a.status);
      assert.equal(reads, 1, `${what}: audit.status reads no history`);
      await handle['profile.cached']({ username: 'new' });
      assert.equal(reads, 2, `${what}: a page's look`);
    }
  } finally {
    local.get = get;
  }
});
