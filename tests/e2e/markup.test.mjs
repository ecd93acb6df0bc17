// The badge finds its place on the page variants Instagram serves: Dutch words and number
// styles, a followers count that is not a link (the list-item fallback), no counts list at
// all (the fixed-position last resort); logged out in Dutch reads the localised og:description.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useSuite, waitForBadge, cliProfile, cliRough, assertRough, screenshot, expectedBadge, BADGE } from './lib/index.mjs';

const T = { timeout: 120_000 };
let suite, page;
useSuite((s, p) => { suite = s; page = p; });

async function visit(username, variant) {
  suite.standin.setPageVariant(variant);
  await suite.resetExtension();
  await page.goto(suite.standin.profileUrl(username));
  await page.waitForFunction((u) => document.getElementById('react-root').dataset.rendered === `/${u}/`, {}, username);
  return waitForBadge(page, { what: `badge on @${username} (${JSON.stringify(variant)})` });
}
const where = () => page.evaluate((sel) => {
  const host = document.querySelector(sel);
  let fixed = false;
  for (let n = host; n; n = n.parentElement) if (getComputedStyle(n).position === 'fixed') fixed = true;
  return { inLi: !!host.closest('li'), liText: host.closest('li')?.textContent ?? null, inHeader: !!host.closest('header'), fixed };
}, BADGE);
test('Dutch page: badge after the "volgers" link, saying what the CLI decides', T, async () => {
  const s = await visit('marco.travels', { lang: 'nl' });
  const header = await page.$eval('header a[href$="/followers/"]', (a) => a.textContent);
  assert.match(header, /24,3K volgers/);
  assert.ok(s.badgeAfterFollowers);
  const report = await cliProfile(suite.standin.documentFor('marco.travels'));
  assert.equal(s.badgeLabel, expectedBadge(report).label);
  await screenshot(page, 'variant-nl', { element: 'header' });
});

test('followers count without a link: the badge goes into the list item that names followers', T, async () => {
  for (const lang of ['en', 'nl']) {
    const s = await visit('lena.bakes', { lang, followersLink: false });
    assert.ok(s.badgeLabel, `${lang}: the badge shows its verdict`);
    const w = await where();
    assert.ok(w.inLi && /followers|volgers/.test(w.liText), `${lang}: badge inside the followers item: ${JSON.stringify(w)}`);
  }
  await screenshot(page, 'variant-no-link', { element: 'header' });
});

test('no counts list at all: a fixed-position badge still shows its verdict', T, async () => {
  const s = await visit('fitqueen_daily', { counts: false });
  assert.ok(s.badgeLabel, 'the badge shows its verdict');
  const w = await where();
  assert.ok(w.fixed && !w.inLi, `fixed-position badge: ${JSON.stringify(w)}`);
  await screenshot(page, 'variant-no-counts');
});

test('logged out, Dutch page: the localised og:description counts give exactly what the engine reads in them, with the logged-out state', T, async () => {
  suite.standin.setSession('logged_out');
  try {
    const s = await visit('xss_tester', { lang: 'nl' });
    const og = await page.$eval('meta[property="og:description"]', (m) => m.content);
    assert.match(og, /^1\.900 volgers, 350 volgend, 40 berichten - Bekijk/);
    assert.ok(s.states.some((x) => x.state === 'logged_out' && x.text), JSON.stringify(s.states));
    await assertRough(s, await cliRough(page, 'xss_tester'), 'xss_tester (nl)');
  } finally {
    suite.standin.setSession('logged_in');
    suite.standin.setPageVariant({});
  }
});
