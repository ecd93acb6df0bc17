// The stand-in itself: it must answer as the contract and instagram-web.md say, or every
// extension test built on it proves nothing. Plain HTTPS requests plus one browser without
// the extension for the page script, CSP and SPA navigation.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { startStandin, launchBrowser, SEEDED, NONEXISTENT, APP_ID, seededByKind, followLink, controlClient } from './lib/index.mjs';
import { makeFollower } from './standin/followers.mjs';
import { DIST } from './standin/sample.mjs';
import { nameSimilarity } from './standin/name-similarity.mjs';

// The probability a quantile table (at DIST.quantile_probs, linear between points) puts below x.
function fromTableCdf(table, x) {
  const probs = DIST.quantile_probs;
  if (x <= table[0]) return 0;
  for (let i = 1; i < table.length; i++) {
    if (x <= table[i]) return probs[i - 1] + (probs[i] - probs[i - 1]) * (table[i] > table[i - 1] ? (x - table[i - 1]) / (table[i] - table[i - 1]) : 1);
  }
  return 1;
}


let standin, cookie;

// GET on the stand-in as www.instagram.com; resolves {status, headers, body}. `fresh`: on a new
// connection (node, unlike a browser, does not resend a request whose reused connection closed).
function get(path, headers = {}, { fresh = false } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request({ host: '127.0.0.1', port: standin.port, path, servername: 'www.instagram.com', agent: fresh ? false : undefined,
      rejectUnauthorized: false, headers: { host: 'www.instagram.com', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
const api = (path, extra = {}, opts = {}) => get(path, { cookie, 'x-ig-app-id': APP_ID, ...extra }, opts);

before(async () => {
  standin = await startStandin();
  const page = await get(`/${SEEDED[0].username}/`);
  cookie = page.headers['set-cookie'].map((c) => c.split(';')[0]).join('; ');
});
after(() => standin.close());

test('profile page has a strict CSP, og:description and sets the session cookie', async () => {
  const res = await get('/marco.travels/');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-security-policy'], /script-src 'self'/);
  assert.doesNotMatch(res.headers['content-security-policy'], /unsafe-eval|wasm-unsafe-eval/);
  assert.match(res.body, /<meta property="og:description" content="24.3K Followers, 612 Following, 412 Posts - See Instagram photos and videos from Marco Rossi \(@marco.travels\)">/);
  assert.ok(res.headers['set-cookie'].some((c) => /^sessionid=[0-9a-f]+;/.test(c)));
});

test('JSON endpoints need the session cookie and the app id header', async () => {
  assert.equal((await get('/api/v1/users/web_profile_info/?username=lena.bakes', { 'x-ig-app-id': APP_ID })).status, 401);
  const noHeader = await get('/api/v1/users/web_profile_info/?username=lena.bakes', { cookie });
  assert.equal(noHeader.status, 400);
  const ok = await api('/api/v1/users/web_profile_info/?username=lena.bakes');
  assert.equal(ok.status, 200);
  const user = JSON.parse(ok.body).data.user;
  assert.equal(user.edge_followed_by.count, 820);
  assert.equal(user.edge_owner_to_timeline_media.edges.length, 12);
});

test('a nonexistent name answers 404 on the page and the API', async () => {
  assert.equal((await get(`/${NONEXISTENT}/`)).status, 404);
  assert.equal((await api(`/api/v1/users/web_profile_info/?username=${NONEXISTENT}`)).status, 404);
});

test('followers list: newest first, pages capped at 25, cursor absent on the last page, followers fetchable', async () => {
  const p = seededByKind('zero_posts'); // 150 followers -> 6 full pages
  const id = JSON.parse((await api(`/api/v1/users/web_profile_info/?username=${p.username}`)).body).data.user.id;
  const seen = [];
  let cursor = null, pages = 0;
  do {
    const res = await api(`/api/v1/friendships/${id}/followers/?count=50&search_surface=follow_list_page${cursor ? `&max_id=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    const body = JSON.parse(res.body);
    assert.ok(body.users.length <= 25);
    seen.push(...body.users);
    cursor = body.next_max_id;
    pages++;
  } while (cursor);
  assert.equal(pages, 6);
  assert.equal(seen.length, 150);
  assert.equal(seen[0].username, makeFollower(p, 0).username, 'first entry is follower 0 (newest)');
  const anon = seen.find((u) => u.has_anonymous_profile_picture);
  assert.ok(anon && anon.profile_pic_url.includes('44884218_345707102882519_2446069589734326272_n') && !('profile_pic_id' in anon));
  const full = JSON.parse((await api(`/api/v1/users/web_profile_info/?username=${seen[3].username}`)).body).data.user;
  assert.equal(full.username, seen[3].username);
  assert.equal(typeof full.edge_followed_by.count, 'number');
  assert.equal((await api(`/api/v1/friendships/${id}/followers/?count=25&max_id=bogus`)).status, 400);
});

test('a private profile\'s followers list is refused unless the viewer follows it', async () => {
  const p = seededByKind('private');
  const id = JSON.parse((await api(`/api/v1/users/web_profile_info/?username=${p.username}`)).body).data.user.id;
  assert.equal((await api(`/api/v1/friendships/${id}/followers/?count=25`)).status, 400);
  standin.setFollowsPrivate(true);
  try {
    assert.equal((await api(`/api/v1/friendships/${id}/followers/?count=25`)).status, 200);
  } finally {
    standin.setFollowsPrivate(false);
  }
});

test('followers carry the profile\'s known fake share and the fitted class statistics', () => {
  for (const p of SEEDED) {
    let fakes = 0;
    for (let i = 0; i < 200; i++) fakes += makeFollower(p, i).fake ? 1 : 0;
    assert.equal(fakes / 200, Math.round(p.fakeShare * 20) / 20, p.username);
  }
  // Each record comes from one labelled set's fit of its class: medians of the counts sit near
  // that set's fitted medians, and the share following 4x as many as follow it (the engine's
  // strongest feature) near that set's fitted share, per class and set.
  const p = seededByKind('bought_40');
  const rows = Array.from({ length: 6000 }, (_, i) => makeFollower(p, i));
  const at = (table, q) => table[DIST.quantile_probs.indexOf(q)];
  for (const cls of ['fake', 'real']) {
    for (const [set, fitted] of Object.entries(DIST.classes[cls].sets)) {
      const sub = rows.filter((r) => r.fake === (cls === 'fake') && r.set === set);
      assert.ok(sub.length > 150, `${cls} ${set}: ${sub.length} records`);
      const med = (k) => sub.map((r) => r[k]).sort((a, b) => a - b)[sub.length >> 1];
      for (const [field, table] of [['follower_count', fitted.followers], ['following_count', fitted.following]]) {
        const m = med(field), target = at(table, 0.5);
        assert.ok(m >= target * 0.6 - 2 && m <= target * 1.6 + 2, `${cls} ${set} ${field}: median ${m} vs fitted ${target}`);
      }
      const ratio = (r) => Math.log1p(r.following_count) - Math.log1p(r.follower_count);
      const cut = Math.log(4);
      const fittedShare = 1 - fromTableCdf(fitted.log_follow_ratio, cut);
      const share = sub.filter((r) => ratio(r) > cut).length / sub.length;
      assert.ok(Math.abs(share - fittedShare) < 0.05 + 0.2 * fittedShare,
        `${cls} ${set}: ${(100 * share).toFixed(1)}% follow 4x as many as follow them vs fitted ${(100 * fittedShare).toFixed(1)}%`);
    }
  }
  // Real accounts' usernames spell their display names about as often as the fitted similarity says.
  const reals = rows.filter((r) => !r.fake && r.full_name && r.full_name !== r.username);
  const sims = reals.map((r) => nameSimilarity(r.full_name, r.username)).sort((a, b) => a - b);
  const fittedMedian = at(DIST.classes.real.name_username_similarity, 0.5);
  assert.ok(Math.abs(sims[sims.length >> 1] - fittedMedian) < 0.15, `name-username similarity: median ${sims[sims.length >> 1]} vs fitted ${fittedMedian}`);
  // Same index -> same follower (determinism).
  assert.deepEqual(makeFollower(p, 1234), makeFollower(p, 1234));
});

test('failure modes: 429 after a burst, truncated JSON, challenge page, login_required, slow', async () => {
  const url = '/api/v1/users/web_profile_info/?username=lena.bakes';
  try {
    standin.addFailure({ mode: 'rate_limit', after: 3, times: 2 });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await api(url)).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 200]);
    standin.clearFailures();

    standin.addFailure({ mode: 'truncated', times: 1 });
    const cut = await api(url);
    assert.throws(() => JSON.parse(cut.body));
    standin.addFailure({ mode: 'challenge', times: 1 });
    const ch = await api(url);
    assert.match(ch.headers['content-type'], /text\/html/);
    standin.addFailure({ mode: 'login_required', times: 1 });
    assert.deepEqual(JSON.parse((await api(url)).body), { message: 'login_required', status: 'fail' });
    standin.addFailure({ mode: 'slow', delayMs: 300, times: 1 });
    const t0 = performance.now();
    assert.equal((await api(url)).status, 200);
    assert.ok(performance.now() - t0 >= 290);
    assert.throws(() => standin.addFailure({ mode: 'explode' }), /mode must be one of/);
  } finally {
    standin.clearFailures();
  }
  const logged = standin.log().filter((e) => e.path === '/api/v1/users/web_profile_info/' && e.failure);
  assert.deepEqual(logged.slice(-6).map((e) => e.failure), ['rate_limit', 'rate_limit', 'truncated', 'challenge', 'login_required', 'slow']);
  assert.equal(logged.at(-1).headers['x-ig-app-id'], APP_ID);
});

test('no connection: the matching request gets no HTTP answer (the socket is dropped), per profile, `times` times', async () => {
  const url = (u) => `/api/v1/users/web_profile_info/?username=${u}`;
  const fresh = (u) => api(url(u), {}, { fresh: true });
  try {
    standin.addFailure({ mode: 'no_connection', match: 'username=lena.bakes', times: 2 });
    for (let i = 0; i < 2; i++) await assert.rejects(fresh('lena.bakes'), { code: 'ECONNRESET' }, `drop ${i + 1}`);
    // Another profile answers meanwhile; while a drop is still due, no connection is kept open.
    standin.addFailure({ mode: 'no_connection', match: 'username=lena.bakes', times: 1 });
    const other = await fresh('marco.travels');
    assert.equal(other.status, 200);
    assert.equal(other.headers.connection, 'close');
    await assert.rejects(fresh('lena.bakes'), { code: 'ECONNRESET' });
    assert.equal((await fresh('lena.bakes')).status, 200, 'answers again once the rule is spent');
  } finally {
    standin.clearFailures();
  }
  const dropped = standin.log().filter((e) => e.failure === 'no_connection');
  assert.equal(dropped.length, 3);
  assert.ok(dropped.every((e) => e.status === 0 && e.search === '?username=lena.bakes'));
});

test('control endpoint switches modes over plain HTTP on its own port', async () => {
  const post = (path, body) => fetch(standin.controlUrl + path, { method: 'POST', body: JSON.stringify(body) });
  assert.equal((await post('/session', { mode: 'logged_out' })).status, 200);
  try {
    const res = await api('/api/v1/users/web_profile_info/?username=lena.bakes');
    assert.equal(res.status, 401);
    assert.deepEqual(JSON.parse(res.body), { message: 'login_required', status: 'fail' });
    assert.match((await get('/lena.bakes/')).body, /og:description/);
  } finally {
    await post('/session', { mode: 'logged_in' });
  }
  assert.equal((await post('/failures', { mode: 'nope' })).status, 400);
  const log = await (await fetch(standin.controlUrl + '/log')).json();
  assert.ok(log.length > 0 && 'headers' in log[0]);
});

test('in Chromium: the page script renders the header, inline script is blocked, SPA navigation re-renders', async () => {
  const session = await launchBrowser({ standin, extension: false });
  try {
    const page = await session.newPage();
    await page.goto(standin.profileUrl('megastar'));
    await page.waitForSelector('header a[href$="/followers/"]');
    const header = await page.evaluate(() => ({
      h2: document.querySelector('header h2').textContent,
      followers: document.querySelector('header a[href$="/followers/"] span').textContent,
      title: document.querySelector('header a[href$="/followers/"] span').title,
    }));
    assert.deepEqual(header, { h2: 'megastar', followers: '48.7M', title: '48,700,000' });
    // The page's CSP must refuse inline script, as Instagram's does.
    const blocked = await page.evaluate(() => new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.head.append(s);
    }));
    assert.match(blocked, /script-src/);
    const loads = [];
    page.on('load', () => loads.push(1));
    await followLink(page, '/xss_tester/');
    await page.waitForFunction(() => document.getElementById('react-root').dataset.rendered === '/xss_tester/');
    const after = await page.evaluate(() => ({ path: location.pathname, h1: document.querySelector('header h1').textContent,
      injected: document.querySelectorAll('main img, main script, main b').length, pwned: window.__fmPwned ?? null }));
    assert.deepEqual(after, { path: '/xss_tester/', h1: '<img src=x onerror="window.__fmPwned=1">Eve <b>Bold</b>', injected: 0, pwned: null });
    assert.equal(loads.length, 0, 'navigation happened without a page load');
  } finally {
    await session.close();
  }
});

test('a seeded profile\'s follower count can be set (before a gift arrives): its documents and page say it, reset undoes it', async () => {
  const id = JSON.parse((await api('/api/v1/users/web_profile_info/?username=mila.gifted')).body).data.user.id;
  standin.setFollowerCount('mila.gifted', 300);
  try {
    const doc = JSON.parse((await api('/api/v1/users/web_profile_info/?username=mila.gifted')).body);
    assert.equal(doc.data.user.edge_followed_by.count, 300);
    assert.equal(doc.data.user.edge_owner_to_timeline_media.edges.length > 0, true, 'the rest of the document is its own');
    assert.equal(JSON.parse((await api(`/api/v1/users/${id}/info/`)).body).user.follower_count, 300);
    assert.match((await get('/mila.gifted/')).body, /content="300 Followers, /);
    assert.equal(standin.documentFor('mila.gifted').data.user.edge_followed_by.count, 300);
    assert.throws(() => standin.setFollowerCount('no.such.profile', 5), /not a seeded profile/);
    assert.throws(() => standin.setFollowerCount('mila.gifted', -1), /whole number/);
    standin.setFollowerCount('mila.gifted', null);
    assert.equal(standin.documentFor('mila.gifted').data.user.edge_followed_by.count, 1500);
    standin.setFollowerCount('mila.gifted', 300);
    standin.reset();
    assert.equal(JSON.parse((await api('/api/v1/users/web_profile_info/?username=mila.gifted')).body).data.user.edge_followed_by.count, 1500);
  } finally {
    standin.setFollowerCount('mila.gifted', null);
  }
});

test('a seeded profile can be renamed (same id, its old name 404s), over the control port too; reset undoes it', async () => {
  const id = JSON.parse((await api('/api/v1/users/web_profile_info/?username=lena.bakes')).body).data.user.id;
  standin.renameProfile('lena.bakes', 'lena.bakes.studio');
  try {
    const doc = JSON.parse((await api('/api/v1/users/web_profile_info/?username=lena.bakes.studio')).body);
    assert.deepEqual([doc.data.user.id, doc.data.user.username], [id, 'lena.bakes.studio']);
    assert.equal(JSON.parse((await api(`/api/v1/users/${id}/info/`)).body).user.username, 'lena.bakes.studio');
    assert.equal((await api('/api/v1/users/web_profile_info/?username=lena.bakes')).status, 404);
    assert.equal((await get('/lena.bakes/')).status, 404);
    assert.match((await get('/lena.bakes.studio/')).body, /\(@lena\.bakes\.studio\)/);
    assert.equal(standin.documentFor('lena.bakes'), null);
    assert.throws(() => standin.renameProfile('no.such.profile', 'x'), /not a seeded profile/);
    assert.throws(() => standin.renameProfile('lena.bakes', 'mila.gifted'), /another profile's name/);
    assert.throws(() => standin.renameProfile('lena.bakes', 'Bad Name'), /lowercase username/);
    standin.reset();
    assert.equal((await api('/api/v1/users/web_profile_info/?username=lena.bakes')).status, 200);
    const control = controlClient(standin.controlUrl);
    await control.renameProfile('lena.bakes', 'lena.renamed');
    assert.equal((await api('/api/v1/users/web_profile_info/?username=lena.renamed')).status, 200);
    await control.renameProfile('lena.bakes', null);
    assert.equal((await api('/api/v1/users/web_profile_info/?username=lena.renamed')).status, 404);
  } finally {
    standin.renameProfile('lena.bakes', null);
  }
});

// The browser tests count an audit's requests from this log (extension-support.mjs auditRequests):
// only that audit's own. Another profile checked while it ran (in another tab, or moved to within
// the app), and that profile's audit, were counted as its requests: any web_profile_info but the
// profile's own, any post's likers or comments, any account's users/<id>/info.
test('the log says whose audit each request can be: an audit\'s requests are told from another profile\'s check and audit', async () => {
  const { auditRequests } = await import('./extension-support.mjs');
  standin.clearLog();
  const asked = (username) => {
    const id = standin.documentFor(username).data.user.id;
    const post = standin.documentFor(username).data.user.edge_owner_to_timeline_media.edges[0].node.id;
    return { id, followers: `/api/v1/friendships/${id}/followers/?count=12`, likers: `/api/v1/media/${post}/likers/` };
  };
  const own = {};
  for (const username of ['lena.bakes', 'marco.travels']) {
    const a = asked(username);
    // The profile's own check, by name and by id: no audit's.
    await api(`/api/v1/users/web_profile_info/?username=${username}`);
    await api(`/api/v1/users/${a.id}/info/`);
    const users = JSON.parse((await api(a.followers)).body).users;
    await api(a.likers);
    // Two accounts its list named, fetched in full by name and by id.
    const byName = `/api/v1/users/web_profile_info/?username=${users[0].username}`, byId = `/api/v1/users/${users[1].pk}/info/`;
    assert.equal((await api(byName)).status, 200);
    assert.equal((await api(byId)).status, 200);
    own[username] = { id: a.id, paths: [a.followers, a.likers, byName, byId] };
  }
  for (const [username, { id, paths }] of Object.entries(own)) {
    assert.deepEqual(auditRequests(standin, username, id).map((e) => e.path + e.search), paths, username);
  }
});
