// The profile document an audit combines its estimates with (background/store.js putDoc) was
// dropped like any other once twelve newer profiles had been checked, whether or not its profile's
// audit was under way or could resume: an audit paused (or cancelled) while the user looked at
// other profiles, or running in one tab while another browsed, went on with no document, its
// report never made again, and it ended with the report of its last step before that, or none
// (nothing for the history). Making room for a write kept those under way already (dropOldestDoc). Through the background's handlers, storage.local in
// memory, the wasm engine as the extension loads it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS } from '../e2e/standin/profiles.mjs';
import { followersPage } from '../e2e/standin/engagers.mjs';

const fake = installFakeChrome();
const { data } = fake;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: false }) };
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const store = await import('../../extension/background/store.js');
const { mergedAudit, assembled, auditKeys } = await import('../../extension/background/audit-store.js');

const username = 'lena.bakes', id = PROFILE_IDS[username];
const profile = findSeeded(username);
const body = JSON.stringify(seededDocument(profile));
const tab = { tab: { id: 1 }, frameId: 0 };
const stored = () => mergedAudit(assembled(data[auditKeys(username)[0]], data), data[auditKeys(username)[1]]);

test('the document of a profile whose audit is under way or can resume stays while twelve other profiles are checked', async () => {
  await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts: [], profileSource: 'web_profile_info' }, tab);
  const step = await handle['audit.next']({ username }, tab);
  await handle['audit.pause']({ username }, tab);
  // The user looks at twelve other profiles meanwhile (each check keeps its document).
  for (let i = 0; i < 12; i++) await store.locked(() => store.putDoc(`other${i}`, '{}'));
  assert.ok(data[`doc:${username}`], 'the audited profile\'s document kept');
  assert.ok(data.docs.includes(username));
  assert.equal(data.docs.length, 12, 'still twelve kept: the oldest other one went instead');
  assert.equal(data['doc:other0'], undefined);
  // Back on the profile: its first answer makes the audit's report from that document.
  await handle['audit.next']({ username }, tab);
  assert.equal((await handle['audit.claim']({ username, id: step.id, audit: step.audit }, tab)).go, true);
  const page = JSON.stringify(followersPage(profile, { offset: 0, count: 25, encodeCursor: (o) => `c${o}` }));
  await handle['audit.result']({ username, id: step.id, audit: step.audit, status: 200, contentType: 'application/json', body: page }, tab);
  assert.ok(stored().report, 'the audit\'s report made');
  // Cancelled, it can resume where it stopped: its document stays for that.
  await handle['audit.cancel']({ username });
  for (let i = 12; i < 24; i++) await store.locked(() => store.putDoc(`other${i}`, '{}'));
  assert.ok(data[`doc:${username}`], 'kept for the resume');
  // Ended for good, its document is one like any other again.
  data[auditKeys(username)[0]] = { ...data[auditKeys(username)[0]], status: 'done' };
  await store.locked(() => store.putDoc('other24', '{}'));
  assert.equal(data[`doc:${username}`], undefined);
});

// Making room for a write (store.js withRoom: a cached document goes first) dropped the document of
// a profile whose audit can resume (cancelled, or stopped by a login or challenge page), as it
// kept only those under way: resumed, the audit went on without it, its report never made again.
// Another document goes instead; with none left to drop, the write says storage is full.
test('making room for a write keeps the document of a resumable audit: another goes, or storage is said full', async () => {
  for (const k of Object.keys(data)) delete data[k];
  await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  await handle['audit.start']({ username, userId: id, isPrivate: false, followerCount: 800, posts: [], profileSource: 'web_profile_info' }, tab);
  await handle['audit.next']({ username }, tab);
  await handle['audit.cancel']({ username });
  assert.equal(stored().status, 'cancelled');
  await store.locked(() => store.putDoc('other', JSON.stringify({ pad: 'x'.repeat(4000) })));
  assert.deepEqual(data.docs, [username, 'other'], 'the premise: the resumable audit\'s document is the oldest');
  // A write that fits once one document has gone.
  fake.quota = fake.size() + 1000;
  try {
    await store.locked(() => store.write({ big: 'y'.repeat(2500) }));
    assert.ok(data[`doc:${username}`], 'the resumable audit\'s document kept');
    assert.equal(data['doc:other'], undefined, 'the other one went instead');
    assert.ok(data.big);
    // Nothing left that may go: the write fails as storage full, the document still there.
    await assert.rejects(store.locked(() => store.write({ bigger: 'z'.repeat(50_000) })), (e) => store.isQuotaError(e));
    assert.ok(data[`doc:${username}`]);
  } finally {
    fake.quota = Infinity;
  }
});
