// web_profile_info answering {"data":{"user":null}} (HTTP 200): Instagram answers so for a name no
// one has, and also for a profile it shows but does not give out (restricted, age-gated, blocked in
// the viewer's region, or a rate limit). The badge said "This profile does not exist" beside the
// profile's own header, and its stored reading was marked gone. The background's instant.analyze
// tells them apart by what the content script saw on the page (pageShowsProfile): storage.local in
// memory, the background's handlers as the extension loads them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { fetchFileUrls } from './lib/file-fetch.mjs';
import { classifyResponse } from '../../extension/shared/instagram.js';
import { stateMessage } from '../../extension/shared/state-words.js';
import { translator, flatten } from '../../extension/shared/i18n.js';
import { clockTime } from '../../extension/shared/format.js';

const fake = installFakeChrome();
const { data } = fake;
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');
const { entryFromReport, putEntry, emptyHistory } = await import('../../extension/shared/history.js');

const username = 'lena.bakes';
const USER_NULL = JSON.stringify({ data: { user: null }, status: 'ok' });
const stored = () => entryFromReport({ username, full_name: 'Lena', status: 'ok', states: [], fake_percent: 18, ci_low: 6,
  ci_high: 44, confidence: 'instant', grade: 'fair', follower_count: 800, user_id: '1234', reasons: [] },
{ computedAt: Date.now() - 3 * 86400_000 }).entry;
const reset = () => {
  for (const k of Object.keys(data)) delete data[k];
  data.history = putEntry(emptyHistory(), stored());
};
const analyze = (over) => handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200,
  contentType: 'application/json', body: USER_NULL, ...over });

test('user:null is told from a 404 by the adapter: the page decides which it is', () => {
  assert.deepEqual(classifyResponse(200, 'application/json', USER_NULL), { kind: 'not_found', userNull: true });
  assert.deepEqual(classifyResponse(404, 'application/json', '{"message":"User not found","status":"fail"}'), { kind: 'not_found' });
});

test('user:null on a page that shows the profile: "could not be read", with a retry after a back-off; the stored reading is not marked gone', async () => {
  reset();
  const before = Date.now();
  const r = await analyze({ pageShowsProfile: true });
  assert.equal(r.state, 'unreadable', JSON.stringify(r));
  assert.ok(Number.isFinite(r.retryAt) && r.retryAt > before, `a retry time: ${r.retryAt}`);
  assert.match(r.detail, /"user":null/);
  assert.equal(data.history.entries[username].gone_at, undefined, 'not marked gone');
  // The retry waits for this profile alone: an answer about one profile backs nothing else off, the
  // next profile's check goes at once (unreadable-backoff.test.mjs).
  const begin = await handle['instant.begin']({ username: 'marco.travels' });
  assert.equal(begin.reason, 'now', `another profile's check is not held: ${JSON.stringify(begin)}`);
});

test('user:null on Instagram\'s "this page isn\'t available" (no header, no og tags): "does not exist", as before', async () => {
  for (const pageShowsProfile of [false, undefined]) {
    reset();
    const r = await analyze(pageShowsProfile === undefined ? {} : { pageShowsProfile });
    assert.equal(r.state, 'not_found', JSON.stringify(r));
    assert.ok(Number.isFinite(data.history.entries[username].gone_at), 'its reading marked gone');
  }
});

test('a 404 is "does not exist" whatever the page shows (only user:null is ambiguous)', async () => {
  reset();
  const r = await analyze({ status: 404, body: '{"message":"User not found","status":"fail"}', pageShowsProfile: true });
  assert.equal(r.state, 'not_found');
});

// users/<id>/info asked after such an answer (content/main.js askInstant: the page shows the
// profile) answering 404: still unread, the stored reading not marked gone. Asked after a refusal
// (rate limit) of web_profile_info, its 404 is no proof either: it marked the reading gone (the
// profile "deleted") on a profile that was only refused for now. Only web_profile_info itself says
// a profile is gone.
test('users/<id>/info "not found" after user:null on a page that shows the profile, or after a refusal: unread, not gone', async () => {
  const notFound = { endpoint: 'users_info', status: 404, body: '{"message":"User not found","status":"fail"}' };
  for (const over of [{ pageShowsProfile: true }, {}, { pageShowsProfile: false }]) {
    reset();
    const r = await analyze({ ...notFound, ...over });
    assert.equal(r.state, 'unreadable', JSON.stringify([over, r]));
    assert.match(r.detail, /^users_info answered "not found"/);
    assert.ok(Number.isFinite(r.retryAt), `a retry time: ${JSON.stringify(r)}`);
    assert.equal(data.history.entries[username].gone_at, undefined, `not marked gone: ${JSON.stringify(over)}`);
  }
  // web_profile_info's own 404 still marks it gone.
  reset();
  assert.equal((await analyze({ status: 404, body: '{"message":"User not found","status":"fail"}' })).state, 'not_found');
  assert.ok(Number.isFinite(data.history.entries[username].gone_at), 'its reading marked gone');
});

test('"could not be read" is said in every language, with the retry time or the next visit, never as "does not exist"', () => {
  const at = new Date(2026, 11, 6, 14, 5).getTime();
  for (const lang of ['en', 'de', 'fr', 'nl']) {
    const t = translator(flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${lang}/messages.json`, import.meta.url), 'utf8'))), {}, lang);
    const until = stateMessage(t, 'unreadable', at);
    const later = stateMessage(t, 'unreadable', null, null, null, 4);
    const time = clockTime(at, lang);
    assert.ok(until.includes(time), `${lang}: ${until}`);
    assert.ok(!later.includes(time), lang);
    for (const s of [until, later]) {
      assert.notEqual(s, t('stateNotFound'), lang);
      assert.notEqual(s, t('stateChanged'), `${lang}: a message of its own`);
      assert.doesNotMatch(s, /\$\d|\{/, `${lang}: all filled in: ${s}`);
    }
  }
});
