// A back-off drawn by one audit holds every request, from any tab: a profile opened in another
// tab meanwhile said only "Instagram asked to slow down" for its first check, as if that profile
// had been refused. It says which audit Instagram asked to slow down, until when, and starts by
// itself when the hold ends.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useFreshPages, waitForOverlay, openPanel, BADGE, requestMatches } from './lib/index.mjs';
import { waitFor, startAudit, extensionPage, auditDone, storedEntry } from './extension-support.mjs';

// 20 pacing intervals of back-off after a 429: 8 s, time enough to open another profile meanwhile.
const PACING = 400;
let suite, page;
useFreshPages((s, p) => { suite = s; page = p; }, {
  options: { settings: { pacingMs: PACING, auditListSize: 50, auditFullSize: 2, auditPosts: 0 } },
  resetStandin: true,
});

const scheduler = async () => (await extensionPage(suite)).evaluate(() => chrome.storage.local.get('scheduler').then((o) => o.scheduler));

test('another tab\'s first check held by an audit\'s back-off names that audit and its end, and starts by itself then', async (t) => {
  const audited = 'lena.bakes', other = 'marco.travels';
  suite.standin.addFailure({ mode: 'rate_limit', match: '/followers/', after: 1, times: 1 });
  await startAudit(suite, page, audited);
  const held = await waitFor(async () => { const s = await scheduler(); return s && s.backoffUntil > Date.now() + 3000 && s; },
    { what: 'the audit\'s back-off' });
  const second = await suite.session.newPage();
  t.after(() => second.close());
  await second.goto(suite.standin.profileUrl(other));
  const waiting = await waitForOverlay(second, (s) => s.states.some((x) => x.state === 'rate_limited'), { what: 'the held check said' });
  const said = waiting.states.find((x) => x.state === 'rate_limited');
  // The badge says it short (the sentence, ~150 characters, filled a narrow header as an 11-line
  // column): the whole sentence is its tooltip, its screen-reader label and the panel's.
  assert.equal(said.where, 'badge');
  assert.match(said.text, /^Waiting until \d{1,2}:\d\d(\s[AP]M)? \(another profile's audit\)$/, `short on the badge: ${said.text}`);
  const whole = await second.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('[part~="state"]').title, BADGE);
  assert.match(whole, /during the audit of @lena\.bakes/, `names the audit in the tooltip: ${whole}`);
  assert.match(waiting.badgeAnnounced, /during the audit of @lena\.bakes/, 'and to a screen reader');
  await openPanel(second);
  const opened = await waitForOverlay(second, (s) => s.states.some((x) => x.where === 'panel' && x.state === 'rate_limited'), { what: 'the panel' });
  const inPanel = opened.states.find((x) => x.where === 'panel' && x.state === 'rate_limited');
  assert.equal(inPanel.text, whole, 'the panel says the sentence');
  assert.match(inPanel.text, /during the audit of @lena\.bakes/, `names the audit: ${inPanel.text}`);
  assert.match(said.text, /\d:\d\d/, 'says until when');
  assert.equal(said.retryAt, held.backoffUntil, 'until the back-off ends');
  assert.equal(inPanel.retryAt, held.backoffUntil);
  assert.doesNotMatch(inPanel.text, new RegExp(other.replace('.', '\\.')), 'not said of the profile opened');
  // No reload, no click: the check goes once the hold ends, and its report replaces the wait.
  await waitForOverlay(second, (s) => !s.states.some((x) => x.state === 'rate_limited') && !!(s.badgeLabel || s.badgeText),
    { what: 'the held check done', timeout: 30000 });
  const asked = suite.standin.log().filter((e) => e.path.includes('web_profile_info') && requestMatches(e, `username=${other}`));
  assert.equal(asked.length, 1, 'one request for the profile opened');
  assert.ok(asked[0].at >= held.backoffUntil - 50, `asked ${asked[0].at - held.backoffUntil} ms after the hold's end`);
});

// A server error on one post's likers held every request: another profile opened meanwhile said
// Instagram was not answering, though its profile endpoint was. A 5xx backs off its kind alone.
test('a 5xx on an audit\'s likers holds the likers alone: another tab\'s first check goes at once', async (t) => {
  const audited = 'likefarm.client', other = 'marco.travels';
  await (await suite.storage()).set({ settings: { ...suite.settings, auditPosts: 2, auditListSize: 25 } });
  suite.standin.addFailure({ mode: 'server_error', match: '/likers/' });
  await startAudit(suite, page, audited);
  await waitFor(() => suite.standin.log().some((e) => e.path.includes('/likers/') && e.status === 500), { what: 'a likers request answered 500' });
  // Its back-off stored (of the likers, or, as before, of every request).
  const held = await waitFor(async () => {
    const s = await scheduler();
    return s && ((s.kindWaits?.likers?.until ?? 0) > Date.now() || s.backoffUntil > Date.now()) && s;
  }, { what: 'the 500\'s back-off stored' });
  // The likers wait (not every request): until when.
  const likersUntil = held.kindWaits?.likers?.until ?? held.backoffUntil;
  const second = await suite.session.newPage();
  t.after(() => second.close());
  const opened = Date.now();
  await second.goto(suite.standin.profileUrl(other));
  const done = await waitForOverlay(second, (s) => !!(s.badgeLabel || s.badgeText) || s.states.some((x) => x.state === 'rate_limited'),
    { what: 'the check of another profile' });
  assert.ok(!done.states.some((x) => x.state === 'rate_limited'), `not held: ${JSON.stringify(done.states)}`);
  const asked = suite.standin.log().filter((e) => e.path.includes('web_profile_info') && requestMatches(e, `username=${other}`));
  assert.equal(asked.length, 1);
  assert.ok(asked[0].at < likersUntil, `asked ${asked[0].at - opened} ms after opening, before the likers' wait ended`);
  assert.ok(held.kindWaits.likers.until > Date.now(), 'the likers still wait');
});

// One post's likers answering 500 on every try stopped the whole audit: the scheduler held the
// likers alone, but the audit's one pending request was that post's, so no comment and no account
// was read while its waits doubled, and the panel said Instagram was not answering at all. The
// audit reads the rest meanwhile, says which part waits, and gives that post up at its second
// server error (it was tried four times, its waits doubling: ~3.5 minutes at the default pacing).
// The likers' wait (20 pacing intervals) is the window in which the comments and an account are to
// be read: 1.2 s at 60 ms pacing held three steps only on an idle machine (under load each took
// ~0.5 s, and the likers were asked again before any account); 200 ms gives 4 s.
test('one post\'s likers answering 500 for good: the rest is read meanwhile, the wait said as theirs, the post given up', async () => {
  const audited = 'likefarm.client', pacing = 200;
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: pacing, auditPosts: 2, auditListSize: 25, auditFullSize: 2,
                                                  auditEngagersFull: 2 } });
  const nodes = suite.standin.documentFor(audited).data.user.edge_owner_to_timeline_media.edges.map((e) => e.node);
  const post = nodes.slice().sort((a, b) => b.taken_at_timestamp - a.taken_at_timestamp)[0].id;
  suite.standin.addFailure({ mode: 'server_error', match: `/media/${post}/likers/` });
  // (A request of the test before's audit, in its tab still closing, can reach the stand-in after its reset.)
  const began = Date.now();
  await startAudit(suite, page, audited);
  const waiting = await waitForOverlay(page, (s) => s.states.some((x) => /likers of one post \(HTTP 500\)/.test(x.text)),
    { what: 'the likers\' wait said as theirs' });
  for (const x of waiting.states.filter((y) => y.state === 'rate_limited')) {
    assert.doesNotMatch(x.text, /not answering right now/, 'not said of the whole audit');
  }
  const a = await auditDone(suite, audited);
  const log = suite.standin.log().filter((e) => e.at >= began);
  const refused = log.filter((e) => e.path.includes(`/media/${post}/likers/`));
  assert.deepEqual(refused.map((e) => e.status), [500, 500], 'tried once, once more after the other post, then given up');
  assert.equal(a.likers.media.find((m) => m.id === post).failed, 'server');
  assert.equal(a.likers.givenUp, undefined, 'the post given up, not the likers');
  const other = log.filter((e) => e.path.includes('/likers/') && !e.path.includes(`/media/${post}/`));
  assert.ok(other.length === 1 && other[0].status === 200 && other[0].at < refused[1].at, 'the other post\'s likers read between its tries');
  // The comments and the accounts checked in full were read while the likers waited.
  const comments = log.filter((e) => e.path.includes('/comments/'));
  assert.equal(comments.length, 2, JSON.stringify(comments.map((e) => [e.path, e.status, e.at])));
  assert.ok(comments.every((e) => e.status === 200 && e.at < refused[1].at), 'both posts\' comments read before the second try');
  const accounts = log.filter((e) => e.path === '/api/v1/users/web_profile_info/' && !requestMatches(e, `username=${audited}`));
  assert.ok(accounts.some((e) => e.at < refused[1].at), 'accounts read in full before the second try');
  assert.equal(a.commenters.media.filter((m) => m.failed).length, 0);
  for (const src of ['followers', 'likers', 'commenters']) assert.ok(a.picks[src].every((u) => a.full[u]), `${src}: every pick read`);
  // No hammering: the likers' back-off (20 pacing intervals) held the next likers request.
  assert.ok(other[0].at - refused[0].at >= 20 * pacing - 50, `gap ${other[0].at - refused[0].at}`);
  // Said in the likers' row as today's per-post failures are.
  const s = await waitForOverlay(page, (st) => st.sources.likers && !st.cancel, { what: 'the likers row' });
  assert.match(s.sources.likers, /1 of these 2 posts could not be read \(Instagram answered with server errors\): the estimate is about the others\./);
});

// Every post's likers answering 500: the rest of the audit finished, but the likers' back-off
// doubled across the posts (each tried four times) before the audit could end: ~13 minutes at
// 300 ms pacing, hours at the default. After three server errors in a row the likers are given up
// for this audit, said in their row, with no estimate; the other sources and the headline stand.
test('every post\'s likers answering 500: the likers are left out after three server errors in a row, said in their row', async () => {
  const audited = 'likefarm.client', pacing = 60;
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: pacing, auditPosts: 3, auditListSize: 25, auditFullSize: 2,
                                                  auditEngagersFull: 2 } });
  suite.standin.addFailure({ mode: 'server_error', match: '/likers/' });
  const began = Date.now();
  await startAudit(suite, page, audited);
  const a = await auditDone(suite, audited);
  const log = suite.standin.log().filter((e) => e.at >= began);
  const likers = log.filter((e) => e.path.includes('/likers/'));
  assert.deepEqual(likers.map((e) => e.status), [500, 500, 500], 'each post asked once, then the likers given up');
  assert.equal(new Set(likers.map((e) => e.path)).size, 3);
  // No hammering: each try waited out the back-off the one before drew (20 pacing intervals, doubling).
  assert.ok(likers[1].at - likers[0].at >= 20 * pacing - 50 && likers[2].at - likers[1].at >= 40 * pacing - 50,
            `gaps ${likers[1].at - likers[0].at} ${likers[2].at - likers[1].at}`);
  assert.deepEqual(a.likers.givenUp, { status: 500 });
  assert.deepEqual(a.likers.media.map((m) => m.failed), ['server', 'server', 'server']);
  // The likers left out: no estimate, no accounts of theirs checked; the followers and commenters
  // read and estimated as ever, the followers' estimate the headline's audience.
  assert.equal(a.estimates.likers, null);
  assert.deepEqual(a.picks.likers, []);
  assert.ok(a.estimates.followers && a.estimates.commenters, 'followers and commenters estimated');
  assert.equal(a.commenters.media.filter((m) => m.failed).length, 0);
  for (const src of ['followers', 'commenters']) assert.ok(a.picks[src].length && a.picks[src].every((u) => a.full[u]), `${src}: every pick read`);
  assert.equal(a.report.confidence, 'audited');
  const entry = await storedEntry(suite, audited);
  assert.deepEqual(Object.keys(entry.sources).sort(), ['commenters', 'followers'], 'the stored result without the likers');
  assert.equal(entry.audit_at, entry.computed_at, 'an audit\'s result keeps its time as the audit\'s');
  assert.equal(entry.fake_percent, a.report.fake_percent);
  const s = await waitForOverlay(page, (st) => st.sources.likers && !st.cancel, { what: 'the likers row' });
  assert.match(s.sources.likers, /Instagram answered with server errors \(HTTP 500\) for the likers of 3 posts; this source was left out\./);
  assert.match(s.sources.followers, /fake/);
  assert.match(s.sources.commenters, /fake/);
});

// Accounts fetched in full answering 500, every one: each had its three tries and the next its
// own, the profile back-off doubling across them to an hour. After three server errors in a row
// the full checks end, the estimate resting on the accounts checked before, said in the row.
test('every account\'s profile answering 500 after two: the full checks end after three in a row, the estimate on the two checked', async () => {
  const audited = 'lena.bakes', pacing = 60;
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: pacing, auditPosts: 0, auditListSize: 25, auditFullSize: 5 } });
  await page.bringToFront();
  await page.goto(suite.standin.profileUrl(audited));
  await waitForOverlay(page, (s) => !!(s.badgeLabel || s.badgeText), { what: 'the first check' });
  // From here every account's profile: the audit's picks (the profile's own check is done).
  suite.standin.addFailure({ mode: 'server_error', match: 'web_profile_info', after: 2 });
  const began = Date.now();
  await startAudit(suite, page, audited, { navigate: false });
  const a = await auditDone(suite, audited);
  const accounts = suite.standin.log().filter((e) => e.at >= began && e.path === '/api/v1/users/web_profile_info/');
  assert.deepEqual(accounts.map((e) => e.status), [200, 200, 500, 500, 500], 'two read, the third tried three times, no more asked');
  assert.ok(accounts[4].at - accounts[3].at >= 40 * pacing - 50, 'each try after the back-off the one before drew');
  assert.deepEqual(a.profilesGivenUp.status, 500);
  assert.equal(a.picks.followers.filter((u) => a.full[u]).length, 2);
  assert.ok(a.estimates.followers, 'the followers estimated');
  const s = await waitForOverlay(page, (st) => st.sources.followers && !st.cancel, { what: 'the followers row' });
  assert.match(s.sources.followers, /Instagram answered with server errors \(HTTP 500\) when one account was asked for in full; the estimate rests on the 2 checked before\./);
  assert.match(s.sources.followers, /2 other accounts picked to check were not asked for, after 3 server errors in a row\./);
});

// A followers page answering 500 was asked again without end (the list is what the audit is about).
test('the followers list\'s next page answering 500: the list ends after three in a row with the followers read, said in its row', async () => {
  const audited = 'lena.bakes', pacing = 60;
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: pacing, auditPosts: 0, auditListSize: 75, auditFullSize: 2 } });
  suite.standin.addFailure({ mode: 'server_error', match: '/followers/', after: 1 });
  const began = Date.now();
  await startAudit(suite, page, audited);
  const a = await auditDone(suite, audited);
  const pages = suite.standin.log().filter((e) => e.at >= began && e.path.includes('/followers/'));
  assert.deepEqual(pages.map((e) => e.status), [200, 500, 500, 500]);
  assert.deepEqual([a.followers.ended, a.followers.serverCut], [true, { status: 500 }]);
  assert.ok(a.estimates.followers && a.picks.followers.every((u) => a.full[u]), 'the followers read estimated and checked');
  const s = await waitForOverlay(page, (st) => st.sources.followers && !st.cancel, { what: 'the followers row' });
  assert.match(s.sources.followers, new RegExp(`Instagram answered the next page of the list with server errors \\(HTTP 500\\), 3 times in a row: the audit went on with the ${a.followers.lite.length} read before\\.`));
});

// The likers given up after some posts were read: the row said "could not be read" of the posts
// simply not asked for. Those tried say why they failed, the others that they were not asked.
test('likers given up after a post was read: the posts tried "could not be read", the one not asked said apart', async () => {
  const audited = 'likefarm.client', pacing = 60;
  await (await suite.storage()).set({ settings: { ...suite.settings, pacingMs: pacing, auditPosts: 5, auditListSize: 25, auditFullSize: 2,
                                                  auditEngagersFull: 2 } });
  const nodes = suite.standin.documentFor(audited).data.user.edge_owner_to_timeline_media.edges.map((e) => e.node);
  const posts = nodes.slice().sort((a, b) => b.taken_at_timestamp - a.taken_at_timestamp).map((n) => n.id);
  for (const id of posts.slice(1, 4)) suite.standin.addFailure({ mode: 'server_error', match: `/media/${id}/likers/` });
  await startAudit(suite, page, audited);
  const a = await auditDone(suite, audited);
  assert.deepEqual(a.likers.givenUp, { status: 500 });
  assert.deepEqual(Object.fromEntries(a.likers.media.map((m) => [m.id, m.failed || 'read'])),
                   { [posts[0]]: 'read', [posts[1]]: 'server', [posts[2]]: 'server', [posts[3]]: 'server', [posts[4]]: 'unasked' });
  const s = await waitForOverlay(page, (st) => st.sources.likers && !st.cancel, { what: 'the likers row' });
  assert.match(s.sources.likers, /3 of these 4 posts could not be read \(Instagram answered with server errors\): the estimate is about the others\./);
  assert.match(s.sources.likers, /The other post was not asked for: after 3 server errors in a row for these lists/);
  assert.doesNotMatch(s.sources.likers, /of these 5 posts could not be read/);
});
