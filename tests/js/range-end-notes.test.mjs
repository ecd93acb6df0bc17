// The notes on why the range's ends reach so far name the end shown, or say they are the list's own
// reading's. With 1-7 accounts fetched in full and the lite tier set aside, the engine's point is the
// list's own reading and the range holds it and the fetched accounts' own (estimator/audience.cpp,
// kListPointBelow), while its regimes, and so the notes, are the list's: "takes the range's lower end
// to 41%" stood beside a range reaching down to 0%. Over seeded audiences, 0 to 12 fetched, in every
// shipped language, each note as the panel words it (shared/range-end-notes.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../tools/cli/engine.mjs';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { percentText } from '../../extension/shared/format.js';
import { rangeEndNotes } from '../../extension/shared/range-end-notes.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tr = (lang) => translator(flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8'))), {}, lang);

// A seeded generator (no Math.random: the same audiences every run).
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
function audience(rnd) {
  const n = 6 + Math.floor(rnd() * 200), botShare = rnd();
  const real = (i) => ({ username: `anna.b${i}`, full_name: 'Anna B', has_profile_pic: rnd() < 0.9, media_count: Math.floor(rnd() * 300),
    follower_count: Math.floor(50 + rnd() * 900), following_count: Math.floor(50 + rnd() * 900),
    biography: rnd() < 0.6 ? 'hiking, coffee' : '', is_private: rnd() < 0.4 });
  const bot = (i) => ({ username: rnd() < 0.7 ? `user${i}88127345` : `b.o${i}`, full_name: rnd() < 0.5 ? '' : 'Bo T',
    has_profile_pic: rnd() < 0.3, media_count: Math.floor(rnd() * 5), follower_count: Math.floor(rnd() * 30),
    following_count: Math.floor(500 + rnd() * 6000), is_private: rnd() < 0.2 });
  return { total: n + Math.floor(rnd() * 20000), accounts: Array.from({ length: n }, (_, i) => (rnd() < botShare ? bot(i) : real(i))) };
}
const lite = (r) => ({ phase: 'lite', username: r.username, full_name: r.full_name || '', has_profile_pic: r.has_profile_pic,
  is_private: r.is_private, is_verified: false });

const ENDS = { stricter: ['stricter_note', 'high', 'ci_high'], lenient: ['lenient_note', 'low', 'ci_low'] };

test("every note on a range's end names the end shown, or says it is the list's own reading's", async () => {
  const engine = await loadEngine();
  const langs = SUPPORTED.map((lang) => ({ lang, t: tr(lang) }));
  const rnd = rng(20261207);
  const seen = { shown: 0, list: 0 };
  for (let s = 0; s < 120; s++) {
    const { total, accounts } = audience(rnd);
    for (let m = 0; m <= Math.min(12, accounts.length); m++) {
      const r = JSON.parse(engine.estimateAudience(JSON.stringify({ total_followers: total,
        followers: accounts.map((a, i) => (i < m ? a : lite(a))) })));
      assert.ok(!r.error, JSON.stringify(r.error));
      for (const { lang, t } of langs) {
        const notes = rangeEndNotes(t, r);
        assert.equal(notes.length, ['stricter_note', 'lenient_note'].filter((k) => r.regime && r.regime[k]).length);
        for (const { part, reading, text } of notes) {
          const [note, param, end] = ENDS[part];
          const named = r.regime[note].params[param];
          const where = `${lang}, audience ${s}, ${m} fetched, ${part}: ${text} (range ${r.ci_low}-${r.ci_high})`;
          if (reading === 'shown') {
            assert.equal(named, r[end], `names ${named} as the range's end, the end shown is ${r[end]}: ${where}`);
          } else {
            assert.equal(reading, 'list', where);
            // Only where the list's reading is the point's and the range holds the fetched ones' too.
            assert.equal(r.regime.tier, 'lite', where);
            assert.ok(r.full_sample_size <= 7, where);
            assert.ok(text.includes(percentText(named, lang)) && text.includes(percentText(r[end], lang)), where);
          }
          assert.doesNotMatch(text, /\{[a-z_]+(:[a-z]+)?\}/, `a placeholder left: ${where}`);
          if (lang === 'en') seen[reading]++;
        }
      }
    }
  }
  // Both kinds were met (the seeds reach the case this guards).
  assert.ok(seen.shown > 100 && seen.list > 100, JSON.stringify(seen));
});

// And the panel's source row says so (content/panel.js sourceRows): the note from 6cc83da's case,
// 1 of 107 fetched in full, the list's lower end at 65% and the range shown reaching down to 0%.
test("the panel's source row names the end shown beside the list's own", async (t) => {
  const { fakeDocument } = await import('./lib/fake-document.mjs');
  const saved = globalThis.document;
  const doc = fakeDocument();
  const createElement = doc.createElement;
  const all = (n) => [n, ...(n.childNodes || []).flatMap(all)];
  // (What the panel's drawing asks of an element beyond the fake's.)
  doc.createElement = (tag) => Object.assign(createElement(tag), { addEventListener() {}, replaceChildren(...c) { this.childNodes = c; },
    querySelector(sel) { return all(this).find((n) => n.attrs && n.attrs.class === sel.slice(1)) || null; } });
  globalThis.document = doc;
  t.after(() => { globalThis.document = saved; });
  const { sourceRows } = await import('../../extension/content/panel.js');
  const none = { listed: 0, posts: 0, postsTarget: 0, postsFailed: 0, postsFailedWhy: {} };
  const est = { fake_percent: 30, ci_low: 0, ci_high: 100, full_sample_size: 1,
    regime: { tier: 'lite', lenient_note: { id: 'regime.lenient_reach', params: { share: 78, n: 107, low: 64.9 } } } };
  const audit = { progress: { status: 'done', sources: { followers: { listed: 107, checked: 1 }, likers: none, commenters: none } },
    estimates: { followers: est } };
  for (const lang of SUPPORTED) {
    const said = all(sourceRows(tr(lang), audit)).filter((n) => n.attrs && n.attrs.part === 'lenient-followers').map((n) => n.textContent);
    assert.equal(said.length, 1, lang);
    assert.ok(said[0].includes(percentText(65, lang)) && said[0].includes(percentText(0, lang)), `${lang}: ${said[0]}`);
    assert.equal(said[0], rangeEndNotes(tr(lang), est)[0].text, lang);
    assert.equal(rangeEndNotes(tr(lang), est)[0].reading, 'list', lang);
  }
});
