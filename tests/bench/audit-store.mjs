// What each step of an audit costs in storage: a whole default audit (followers, likers and
// commenters, the accounts checked in full) run through the background's real handlers
// (audit.start, then per request audit.next, audit.claim, audit.sent, audit.result, as a page's
// loop sends them), with storage.local in memory counting the bytes each step writes and reads
// (their JSON size: what the browser serialises) and the time spent copying them, and where they
// go: per handler and kind of key (audit:, auditpart:, doc:, scheduler...). Instagram's
// answers come from the stand-in's generators (tests/e2e/standin), without its server.
// Usage: node tests/bench/audit-store.mjs [username] [runs]   (prints one JSON line and a table)
import { installFakeChrome } from '../js/lib/fake-chrome.mjs';
import { fetchFileUrls } from '../js/lib/file-fetch.mjs';
import { findSeeded, seededDocument, PROFILE_IDS, commentSectionOf } from '../e2e/standin/profiles.mjs';
import { followerProfileInfo } from '../e2e/standin/followers.mjs';
import { followersPage, likersPage, commentsPage, userInfoDocument } from '../e2e/standin/engagers.mjs';

const username = process.argv[2] || 'lena.bakes';
const runs = Number(process.argv[3]) || 3;

const fake = installFakeChrome({ events: true });
// Counts what goes through storage.local: bytes written (set) and read (get), and the time the
// copies take (structuredClone, as the browser serialises).
const meter = { setBytes: 0, getBytes: 0, sets: 0, gets: 0, keysWritten: 0, copyMs: 0 };
const local = globalThis.chrome.storage.local;
const { get, set } = local;
local.get = async (key) => {
  const t = performance.now();
  const out = await get.call(local, key);
  meter.copyMs += performance.now() - t;
  meter.gets++;
  meter.getBytes += JSON.stringify(out).length;
  for (const [k, v] of Object.entries(out)) note('read', k, v);
  return out;
};
local.set = async (items) => {
  const t = performance.now();
  await set.call(local, items);
  meter.copyMs += performance.now() - t;
  meter.sets++;
  meter.keysWritten += Object.keys(items).length;
  meter.setBytes += JSON.stringify(items).length;
  for (const [k, v] of Object.entries(items)) note('written', k, v);
};
// The bytes by handler, way and kind of key ("audit.result read auditpart"), over the audit steps.
let handler = null;
const byKey = new Map();
function note(way, key, value) {
  if (!handler) return;
  const id = `${handler} ${way} ${key.replace(/:.*$/, '')}`;
  const n = byKey.get(id) || { items: 0, bytes: 0 };
  byKey.set(id, { items: n.items + 1, bytes: n.bytes + JSON.stringify(value).length });
}
// A handler of the audit's steps, its storage counted under its name.
const step = (name, ...args) => { handler = name; return handle[name](...args).finally(() => { handler = null; }); };
// A clock the bench moves on: the pacing's waits pass at once.
let clock = Date.parse('2026-12-06T12:00:00Z');
Date.now = () => clock;
globalThis.chrome.tabs = { sendMessage: async () => ({ holds: true }) };
fetchFileUrls();
const { contentHandlers: handle } = await import('../../extension/background/handlers.js');

// The stand-in's API answers (tests/e2e/standin/server.mjs api), for one seeded profile.
const profile = findSeeded(username);
const registry = new Map(), byPk = new Map();
const remember = (f) => { if (!registry.has(f.username)) registry.set(f.username, f); byPk.set(f.pk, f); };
const media = new Map();
seededDocument(profile).data.user.edge_owner_to_timeline_media.edges.forEach((e, index) => {
  const likes = e.node.edge_liked_by.count;
  media.set(e.node.id, { index, likes: likes < 0 ? null : likes, comments: e.node.edge_media_to_comment.count, takenAt: e.node.taken_at_timestamp });
});
const encodeCursor = (offset) => 'QVFE' + Buffer.from(`fm:${offset}`).toString('base64url');
const decodeCursor = (c) => Number(/^fm:(\d+)$/.exec(Buffer.from(c.slice(4), 'base64url').toString())[1]);
function answer(href) {
  const url = new URL(href);
  if (url.pathname === '/api/v1/users/web_profile_info/') {
    const f = registry.get(url.searchParams.get('username'));
    return f ? [200, followerProfileInfo(f)] : [404, { message: 'User not found', status: 'fail' }];
  }
  const info = /^\/api\/v1\/users\/(\d+)\/info\/$/.exec(url.pathname);
  if (info) return byPk.has(info[1]) ? [200, userInfoDocument(byPk.get(info[1]))] : [404, { status: 'fail' }];
  const mm = /^\/api\/v1\/media\/(\d+)(?:_\d+)?\/(likers|comments)\/$/.exec(url.pathname);
  if (mm) {
    const m = media.get(mm[1]);
    if (mm[2] === 'likers') return [200, likersPage(profile, m.index, m.likes, remember)];
    return [200, commentsPage(profile, m.index, m.comments, mm[1], remember, { takenAt: m.takenAt, section: commentSectionOf(profile) })];
  }
  if (/\/friendships\/\d+\/followers\/$/.test(url.pathname)) {
    const cursor = url.searchParams.get('max_id');
    return [200, followersPage(profile, { offset: cursor ? decodeCursor(cursor) : 0, count: Number(url.searchParams.get('count')) || 12,
                                          limited: !!profile.limitFollowers, encodeCursor, onUser: remember })];
  }
  return [404, { status: 'fail' }];
}

const snapshot = () => ({ ...meter });
const diff = (a, b) => Object.fromEntries(Object.keys(a).map((k) => [k, b[k] - a[k]]));

async function oneAudit() {
  for (const k of Object.keys(fake.data)) delete fake.data[k];
  // Paced to nothing: the bench measures storage, not the pacing.
  fake.data.settings = { pacingMs: 20, hourlyCap: 2000 };
  clock += 3_600_000;
  const body = JSON.stringify(seededDocument(profile));
  const checked = await handle['instant.analyze']({ username, endpoint: 'web_profile_info', status: 200, contentType: 'application/json', body });
  const posts = checked.report.posts.map((p) => ({ id: p.id, likes: p.likes, comments: p.comments }));
  await handle['audit.start']({ username, userId: PROFILE_IDS[username], isPrivate: false, followerCount: profile.followers, posts,
                                profileSource: 'web_profile_info', fresh: true });
  const before = snapshot();
  const cpu0 = process.cpuUsage();
  const steps = [];
  for (;;) {
    const s0 = snapshot();
    const next = await step('audit.next', { username });
    if (next.action !== 'fetch') break;
    clock = Math.max(clock + 20, next.at || 0);
    let claim;
    for (let i = 0; i < 5 && !(claim = await step('audit.claim', { username, id: next.id }, { tab: { id: 1 }, frameId: 0 })).go; i++) clock = claim.at;
    if (!claim.go) throw new Error(`claim refused: ${JSON.stringify(claim)}`);
    await step('audit.sent', { username, id: next.id });
    const [status, json] = answer(next.url);
    await step('audit.result', { username, id: next.id, status, contentType: 'application/json', body: JSON.stringify(json) });
    steps.push(diff(s0, snapshot()));
  }
  const cpu = process.cpuUsage(cpu0);
  const total = diff(before, snapshot());
  const audit = (await get.call(local, null));
  const auditBytes = Object.entries(audit).filter(([k]) => k.startsWith('audit')).reduce((n, [, v]) => n + JSON.stringify(v).length, 0);
  return { requests: steps.length, total, cpuMs: (cpu.user + cpu.system) / 1000, auditBytes, status: audit[`audit:${username}`]?.status };
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await oneAudit());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r = results[0];
const per = (k) => median(results.map((x) => x.total[k] / x.requests));
const out = {
  username, runs, requests: r.requests, status: r.status, storedAuditBytes: r.auditBytes,
  // (Summed over the runs, so per request: divided by runs x requests.)
  byKey: Object.fromEntries([...byKey].map(([k, v]) => [k, Math.round(v.bytes / (runs * r.requests))])),
  perRequest: { bytesWritten: Math.round(per('setBytes')), bytesRead: Math.round(per('getBytes')), sets: +per('sets').toFixed(2),
                gets: +per('gets').toFixed(2), keysWritten: +per('keysWritten').toFixed(2), storageCopyMs: +per('copyMs').toFixed(3),
                cpuMs: +median(results.map((x) => x.cpuMs / x.requests)).toFixed(2) },
};
console.log(JSON.stringify(out));
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;
console.log(`audit of @${username}: ${out.requests} requests, stored audit ${kb(out.storedAuditBytes)} (${out.status}); per request (median of ${runs}):`);
console.log(`  written ${kb(out.perRequest.bytesWritten)} in ${out.perRequest.sets} sets (${out.perRequest.keysWritten} keys), read ${kb(out.perRequest.bytesRead)} in ${out.perRequest.gets} gets`);
console.log(`  storage copies ${out.perRequest.storageCopyMs} ms, background CPU ${out.perRequest.cpuMs} ms (engine included)`);
console.log('  where (bytes per request, by handler, way and kind of key; 100 B and more):');
for (const [k, b] of Object.entries(out.byKey).sort((x, y) => y[1] - x[1])) if (b >= 100) console.log(`    ${k.padEnd(36)} ${kb(b)}`);
