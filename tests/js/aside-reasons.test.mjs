// The reasons in the popup's "kept aside" list, in the popup's language: the history's checks give a
// reason as a code with values beside its English (history.js problem), the set-aside list keeps
// both, and the popup words the code from _locales (aside-words.js asideReasonText). An item kept
// before codes, or with a code this version has no words for, still reads, in its English.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { migrate, overflow, validateEntry, MAX_ENTRIES } from '../../extension/shared/history.js';
import { historyOf } from './lib/history-fixtures.mjs';
import { addAside, normalizeAside, asideSummary } from '../../extension/shared/set-aside.js';
import { asideReasonText } from '../../extension/shared/aside-words.js';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';

const root = path.resolve(import.meta.dirname, '../..');
const dicts = new Map();
const dict = (lang) => {
  if (!dicts.has(lang)) dicts.set(lang, flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8'))));
  return dicts.get(lang);
};
// Without the English fallback: each language's own words, or the key itself.
const tr = (lang) => translator(dict(lang), {}, lang);

const good = { username: 'kept.one', fake_percent: 12, ci_low: 5, ci_high: 30, grade: 'fair', confidence: 'instant', computed_at: 1_790_000_000_000 };
// One stored entry for each thing the checks find wrong, under the name it is kept under.
const broken = {
  'not.object': 'text',
  'bad.name': { ...good, username: 'bad name' },
  'bad.pct': { ...good, username: 'bad.pct', fake_percent: 'lots' },
  'bad.time': { ...good, username: 'bad.time', computed_at: 'yesterday' },
  'bad.grade': { ...good, username: 'bad.grade', grade: 'superb' },
  'bad.states': { ...good, username: 'bad.states', states: [1] },
  'bad.former': { ...good, username: 'bad.former', former_usernames: ['no way'] },
  'bad.report': { ...good, username: 'bad.report', report: { username: 'bad.report', reasons: 5 } },
};

// Every item the history can set aside: each entry above, a history of a later schema and of an
// unknown layout, and a profile past the history's limit; as the popup is sent them.
function shownItems() {
  const items = [...migrate({ schema: 2, entries: broken }).aside, ...migrate({ schema: 3 }).aside, ...migrate({ weird: true }).aside];
  const h = historyOf(Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ ...migrate([{ u: `user${i}`, pct: 10, t: 1_000_000 + i }]).history.entries[`user${i}`] })));
  items.push(...overflow(h).aside);
  return asideSummary(normalizeAside(addAside([], items, 1000))).items;
}

test('each reason kept aside carries a code with its values, and every language has words for every code', () => {
  const items = shownItems();
  assert.deepEqual(items.map((i) => i.why && i.why.code),
    ['not_object', 'username', 'percent', 'time', 'one_of', 'words', 'former', 'report_dropped', 'layout', 'layout_unknown', 'overflow']);
  assert.deepEqual(items.find((i) => i.why.code === 'percent').why.values, ['entries.bad.pct.fake_percent']);
  assert.deepEqual(items.find((i) => i.why.code === 'overflow').why.values, [MAX_ENTRIES, '@user0']);
  // A report refused at an import (not dropped) has its code too.
  assert.equal(validateEntry(broken['bad.report']).why.code, 'report');
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    for (const code of [...items.map((i) => i.why.code), 'report']) assert.ok(t.has(`asideWhy_${code}`), `${lang}: asideWhy_${code}`);
  }
});

test('the popup words each reason in its language, the place named as stored; in English as the history says it', () => {
  const items = shownItems();
  const en = tr('en');
  for (const i of items.filter((x) => x.why.code !== 'overflow')) assert.equal(asideReasonText(en, i), i.reason);
  const fr = tr('fr');
  const said = Object.fromEntries(items.map((i) => [i.why.code, asideReasonText(fr, i)]));
  assert.equal(said.percent, 'entries.bad.pct.fake_percent doit être un pourcentage (de 0 à 100) ou null');
  assert.equal(said.layout, 'l\'historique enregistré est au schéma 3 (cette version lit le schéma 2)\u202f; gardé à part en entier, un nouvel historique a été commencé');
  assert.equal(said.overflow, 'l\'historique garde au plus 5\u202f000 profils\u00a0: @user0, le moins récemment consulté, en est sorti (ses chiffres sont gardés ici)');
  assert.equal(said.former, 'entries.bad.former.former_usernames doit être une liste d\'au plus 20 noms d\'utilisateur Instagram');
  assert.match(asideReasonText(tr('de'), items[2]), /^entries\.bad\.pct\.fake_percent muss ein Prozentwert/);
  assert.match(asideReasonText(tr('nl'), items[2]), /^entries\.bad\.pct\.fake_percent moet een percentage/);
  // In no language but English does a reason read as the English one.
  for (const lang of SUPPORTED.filter((l) => l !== 'en')) {
    for (const i of items) assert.notEqual(asideReasonText(tr(lang), i), i.reason, `${lang}: ${i.why.code}`);
  }
});

// A report of another shape was said in every other language as only "not in the form this
// version reads", where the English names what the field must be: the code carries that too.
test('a report of another shape is said with its field and what the field must be, in every language as in English', () => {
  const items = shownItems();
  const dropped = items.find((i) => i.why.code === 'report_dropped');
  assert.deepEqual(dropped.why.values, ['entries.bad.report.report.reasons', 'reasons']);
  assert.equal(asideReasonText(tr('en'), dropped), dropped.reason);
  assert.equal(asideReasonText(tr('fr'), dropped), 'entries.bad.report.report.reasons doit être une liste de raisons {id, severity, params}'
    + '\u00a0: le rapport a été laissé de côté, les chiffres de l\'entrée sont gardés');
  assert.equal(asideReasonText(tr('de'), dropped), 'entries.bad.report.report.reasons muss eine Liste von Gründen {id, severity, params} sein: '
    + 'Der Bericht wurde weggelassen, die Zahlen des Eintrags sind behalten');
  // Every field the report's check can find wrong: the report itself, its username, each field's kind.
  const bad = { status: 5, fake_percent: 'lots', ci_low: -1, ci_high: 101, follower_count: -1, following_count: 1.5, media_count: 'x',
    user_id: 'abc', full_name: 5, grade: 5, confidence: 5, states: [1], reasons: 5, combined_notes: [5], posts: [1],
    badge: { state: 'x' }, signals: [], audience: 5 };
  const reports = [[], { username: 'someone.else' }, ...Object.entries(bad).map(([k, v]) => ({ username: 'bad.report', [k]: v }))];
  const musts = new Set();
  for (const report of reports) {
    const r = validateEntry({ ...good, username: 'bad.report', report }, 'entries.bad.report');
    assert.equal(r.why.code, 'report', JSON.stringify(report));
    const [place, must] = r.why.values;
    musts.add(must);
    assert.equal(asideReasonText(tr('en'), { reason: r.error, why: r.why }), r.error, 'in English as the check says it');
    for (const lang of SUPPORTED) {
      const t = tr(lang);
      assert.ok(t.has(`reportMust_${must}`), `${lang}: reportMust_${must}`);
      const said = asideReasonText(t, { reason: r.error, why: r.why });
      assert.ok(said.startsWith(place) && said.includes(t(`reportMust_${must}`)), `${lang}: ${said}`);
    }
  }
  assert.equal(musts.size, 14, [...musts].join());
  // Kept before the field's kind had a code (its values the place alone): its English, which names it.
  const old = { reason: 'entries.x.report.grade must be a word or null', why: { code: 'report', values: ['entries.x.report.grade'] } };
  assert.equal(asideReasonText(tr('nl'), old), old.reason);
});

test('an item kept before reasons had codes, or of a code this version lacks, says its English reason; one still in place says so', () => {
  const fr = tr('fr');
  const old = normalizeAside([{ key: 'entries.x', reason: 'entries.x.fake_percent must be a percentage (0..100) or null', at: 1, value: {} }])[0];
  assert.equal(old.why, undefined);
  assert.equal(asideReasonText(fr, old), old.reason);
  const later = { key: 'entries.x', reason: 'what a later version found', why: { code: 'from_a_later_version', values: ['entries.x'] } };
  assert.equal(asideReasonText(fr, later), 'what a later version found');
  // A code of another shape in storage is dropped, the English kept.
  for (const why of [{ code: 'percent', values: 'x' }, { code: 'Percent!', values: [] }, { code: 'percent', values: [{}] }]) {
    const [item] = normalizeAside([{ key: 'entries.x', reason: 'English', at: 1, value: null, why }]);
    assert.equal(item.why, undefined, JSON.stringify(why));
    assert.equal(asideReasonText(fr, item), 'English');
  }
  const [held] = asideSummary([], [{ key: 'history', reason: 'English', why: { code: 'layout', values: [3, 2] } }]).items;
  assert.match(asideReasonText(fr, held), /^l'historique enregistré est au schéma 3 .*\(toujours à sa place\u00a0: /);
  assert.equal(asideReasonText(fr, { key: 'entries.a', reason: 'English', taken: 'a' }), fr('asideTaken', '@a'));
});
