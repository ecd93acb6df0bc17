// Instagram changed its JSON (valid JSON, another shape): the engine's profile.* error shows
// as "could not read this profile", no number, and the panel offers the details a bug report
// needs (the engine's error id and message, the profile, extension and engine versions, the
// browser, the time). The same for an audit stopped by a followers page of another shape.
// The changed answers are served by intercepting the page's requests (the stand-in keeps the
// real shape).
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useFreshPages, waitForBadge, waitForOverlay, clickPart, BADGE, PANEL, REPO, cliProfile } from './lib/index.mjs';

const EN = JSON.parse(fs.readFileSync(path.join(REPO, '_locales/en/messages.json'), 'utf8'));
const en = (key) => EN[key].message;
const VERSION = JSON.parse(fs.readFileSync(path.join(REPO, 'manifest.json'), 'utf8')).version;

let suite, page;
// (Its requests intercepted: puppeteer's network tracking on, lib/browser.mjs.)
useFreshPages((s, p) => { suite = s; page = p; }, { newTabs: true, options: { network: true } });

// Answers requests whose URL contains `match` with `body` (JSON); everything else goes through.
async function serveChanged(match, body) {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.isInterceptResolutionHandled()) return;
    if (req.url().includes(match)) req.respond({ status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
    else req.continue();
  });
}

const details = () => page.$$eval(PANEL, (hosts) => [...hosts[0].shadowRoot.querySelectorAll('[part~="detail"]')].map((e) => e.textContent));

test('web_profile_info in a new shape: "could not read this profile", no number, and details for a bug report', async () => {
  const doc = structuredClone(suite.standin.documentFor('marco.travels'));
  doc.data.user.follower_count = doc.data.user.edge_followed_by.count;   // renamed field
  delete doc.data.user.edge_followed_by;
  await serveChanged('/api/v1/users/web_profile_info/?username=marco.travels', doc);
  await page.goto(suite.standin.profileUrl('marco.travels'));
  const s = await waitForBadge(page);
  assert.equal(s.state, 'changed');
  assert.equal(s.stateText, en('badgeChanged'));
  assert.equal(s.stateTitle, en('stateChanged'), 'the whole sentence is the badge\'s tooltip');
  assert.equal(s.badgeText, null, 'no number');

  await clickPart(page, BADGE, 'badge');
  await page.waitForSelector(PANEL);
  const panel = await waitForOverlay(page, (x) => x.panel && x.panelText.includes(en('bugReportHint')), { what: 'bug-report details' });
  assert.equal(panel.panelEstimate, null, 'no number in the panel either');
  const [text] = await details();
  const lines = text.split('\n');
  assert.match(lines[0], /^profile\.shape: .*edge_followed_by\.count is missing/, 'the engine\'s error id and message');
  assert.ok(lines.includes('profile: @marco.travels'), text);
  const engine = (await cliProfile(suite.standin.documentFor('lena.bakes'))).engine;
  assert.ok(lines.includes(`Fakemeter ${VERSION} · ${engine}`), `versions in ${JSON.stringify(lines)}`);
  assert.ok(lines.some((l) => /^browser: Mozilla\/5\.0 .*Chrome\//.test(l)), text);
  assert.ok(lines.some((l) => /^time: \d{4}-\d\d-\d\dT/.test(l)), text);
});

test('a followers page in a new shape stops the audit with "changed" and details for a bug report', async () => {
  const userId = suite.standin.documentFor('marco.travels').data.user.id;
  await serveChanged(`/api/v1/friendships/${userId}/followers/`, { status: 'ok', followers: [] });
  await page.goto(suite.standin.profileUrl('marco.travels'));
  await waitForBadge(page);
  await clickPart(page, BADGE, 'badge');
  await page.waitForSelector(PANEL);
  await clickPart(page, PANEL, 'audit-button');
  const stopped = await waitForOverlay(page, (x) => x.panel && !x.auditRunning && x.panelText.includes(en('bugReportHint')), { what: 'audit stopped with details' });
  assert.ok(stopped.states.some((x) => x.state === 'changed'), JSON.stringify(stopped.states));
  assert.ok(stopped.panelEstimate, 'the instant estimate stays');
  const text = (await details()).join('\n');
  assert.match(text, /followers/i, 'the detail names the followers list');
  assert.ok(text.includes('profile: @marco.travels') && text.includes(`Fakemeter ${VERSION} · `), text);
});
