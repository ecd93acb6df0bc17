// Stored history: schema migration from the previous layout, validation, export/import round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addAside, normalizeAside, asideSummary, exportAside, MAX_ASIDE, ASIDE_FORMAT } from '../../extension/shared/set-aside.js';
import { migrate, importJson, exportJson, exportCsv, putEntry, deleteEntries, listEntries, shrink, entryFromReport,
         emptyHistory, validateEntry, roughCauseOf, ROUGH_CAUSES, SCHEMA_VERSION, CSV_COLUMNS, followerChange, withLatestCount,
         currentCount, partialAuditReplaces, overflow, MAX_ENTRIES, csvFormat, reportOfEntry, entryUserId, withGone } from '../../extension/shared/history.js';
import { reportShapeError } from '../../extension/shared/report-shape.js';
import { translator, flatten, ageText } from '../../extension/shared/i18n.js';
import { word } from '../../extension/shared/words.js';
import { badgeLine } from '../../extension/shared/entry-words.js';
import fs from 'node:fs';
import { historyOf } from './lib/history-fixtures.mjs';

const locale = (l) => JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8'));

const v1 = [
  { u: 'anna', pct: 23.1, lo: 15, hi: 31.2, t: 1_790_000_000_000 },
  { u: 'bob.b', pct: 4, lo: 1, hi: 9, grade: 'good', t: 1_790_000_100_000 },
  { u: 'carl_', pct: null, lo: null, hi: null, t: 1_790_000_200_000 },
];

function report(username, pct) {
  return {
    username, full_name: `Name ${username}`, status: pct === null ? 'insufficient_data' : 'ok', states: pct === null ? ['no_posts'] : [],
    fake_percent: pct, ci_low: pct === null ? null : Math.max(0, pct - 5), ci_high: pct === null ? null : pct + 5,
    confidence: pct === null ? 'none' : 'instant', grade: pct === null ? 'unknown' : pct < 10 ? 'good' : 'fair',
    follower_count: 1234, reasons: [{ signal: 'engagement', severity: 'low', text: 'Engagement 0.4%' }],
  };
}

test('schema 1 history migrates to schema 2 without losing an entry', () => {
  const { history, migratedFrom, aside } = migrate(v1);
  const dropped = aside.map((i) => i.reason);
  assert.equal(migratedFrom, 1);
  assert.deepEqual(dropped, []);
  assert.equal(history.schema, SCHEMA_VERSION);
  assert.deepEqual(Object.keys(history.entries).sort(), ['anna', 'bob.b', 'carl_']);
  const anna = history.entries.anna;
  assert.equal(anna.fake_percent, 23.1);
  assert.equal(anna.ci_low, 15);
  assert.equal(anna.ci_high, 31.2);
  // Only the engine grades: an old entry without a grade gets none (its numbers are kept).
  assert.equal(anna.grade, 'unknown');
  assert.equal(anna.computed_at, 1_790_000_000_000);
  assert.equal(history.entries['bob.b'].grade, 'good');
  assert.equal(history.entries.carl_.grade, 'unknown');
  assert.equal(history.entries.carl_.confidence, 'none');
  // Migrating the result again changes nothing.
  assert.deepEqual(migrate(history).history, history);
  assert.equal(migrate(history).migratedFrom, null);
});

test('unreadable old entries are reported, not silently dropped', () => {
  const { history, aside } = migrate([...v1, { u: 'bad name', pct: 3, t: 1 }, { u: 'x', pct: 300, t: 1 }]);
  const dropped = aside.map((i) => i.reason);
  assert.equal(Object.keys(history.entries).length, 3);
  assert.equal(dropped.length, 2);
  assert.match(dropped[0], /history\[3\]\.username/);
  assert.match(dropped[1], /history\[4\]\.fake_percent/);
  assert.deepEqual(migrate(undefined).history, emptyHistory());
  assert.match(migrate({ weird: true }).aside[0].reason, /unknown layout/);
});

test('what the history cannot read is set aside as it was stored, with where and why', () => {
  const bad = [{ u: 'bad name', pct: 3, t: 1 }, { u: 'x', pct: 300, t: 1 }];
  const old = migrate([...v1, ...bad]);
  assert.deepEqual(old.aside.map((i) => [i.key, i.value]), [['history[3]', bad[0]], ['history[4]', bad[1]]]);
  // Schema 2: an entry of another shape whole; a report the overlay cannot draw on its own (the
  // entry keeps its numbers).
  const good = { ...migrate(v1).history.entries.anna, username: 'old.one' };
  const report = { username: 'old.one', reasons: [null] };
  const v2 = { schema: 2, entries: { 'old.one': { ...good, report }, broken: { username: 'broken', fake_percent: 'lots' } } };
  const m = migrate(v2);
  assert.deepEqual(Object.keys(m.history.entries), ['old.one']);
  assert.equal(m.history.entries['old.one'].report, null);
  assert.deepEqual(m.aside.map((i) => [i.key, i.value]), [['entries.old.one.report', report], ['entries.broken', v2.entries.broken]]);
  assert.match(m.aside[1].reason, /entries\.broken\.fake_percent must be a percentage/);
  // A history of a later schema (the extension went back a version) or of no known layout: whole.
  const later = { schema: 3, entries: { a: {} } };
  assert.deepEqual(migrate(later).aside.map((i) => i.value), [later]);
  assert.match(migrate(later).aside[0].reason, /schema 3 \(this version reads schema 2\)/);
  assert.deepEqual(migrate('text').aside.map((i) => [i.key, i.value]), [['history', 'text']]);
  assert.deepEqual(migrate(migrate(v1).history).aside, []);
});

test('set aside: kept once however often it is read again, the oldest go past the limit, downloaded whole', () => {
  const items = [{ key: 'entries.a', reason: 'entries.a.grade must be one of …', value: { username: 'a', grade: 9 } }];
  const list = addAside([], items, 1000);
  assert.deepEqual(list, [{ ...items[0], at: 1000 }]);
  assert.equal(addAside(list, items, 2000), null, 'the same item again: nothing new');
  const changed = addAside(list, [{ ...items[0], value: { username: 'a', grade: 10 } }], 3000);
  assert.equal(changed.length, 2, 'the same place with another value is another item');
  let many = [];
  for (let i = 0; i < MAX_ASIDE + 5; i++) many = addAside(many, [{ key: `k${i}`, reason: 'r', value: i }], i);
  assert.equal(many.length, MAX_ASIDE);
  assert.equal(many[0].key, 'k5');
  assert.deepEqual(normalizeAside([...list, { key: 3 }, null, { key: 'b', reason: 'r', at: 'x' }]), list);
  assert.deepEqual(normalizeAside({}), []);
  assert.deepEqual(asideSummary(list), { count: 1, items: [{ key: 'entries.a', reason: items[0].reason, at: 1000 }] });
  const doc = JSON.parse(exportAside(list, Date.parse('2026-12-05T00:00:00Z')));
  assert.deepEqual(doc, { format: ASIDE_FORMAT, exported_at: '2026-12-05T00:00:00.000Z', items: list });
});

test('export then re-import gives back the same history', () => {
  let h = migrate(v1).history;
  h = putEntry(h, entryFromReport(report('dora', 12.5), { computedAt: 1_790_000_300_000 }).entry);
  h = putEntry(h, entryFromReport(report('eve', null), { computedAt: 1_790_000_400_000, rough: false }).entry);
  const text = exportJson(h, 0);
  const back = importJson(text);
  assert.equal(back.count, 5);
  assert.deepEqual(back.history, h);
  assert.equal(exportJson(back.history, 0), text);
});

test('import: the history it is given stays as it was (the import writes into its own copy, in one pass)', async () => {
  const { entry } = await import('./lib/history-fixtures.mjs');
  // A stored history an import changes in every way: a newer reading, an account renamed since
  // (joining its entry), a name another account took (the stored one displaced), a new profile.
  let h = putEntry(emptyHistory(), entry('same', 0, { id: '1' }));
  h = putEntry(h, entry('old', 0, { id: '2', count: 300 }));
  h = putEntry(h, entry('taken', 0, { id: '3' }));
  const snap = (x) => JSON.parse(JSON.stringify(x));
  const before = snap(h), keys = Object.keys(h.entries);
  const file = exportJson([entry('same', 5, { id: '1' }), entry('new', 5, { id: '2' }), entry('taken', 5, { id: '4' }), entry('fresh', 5, { id: '5' })]
    .reduce((x, e) => putEntry(x, e), emptyHistory()), 0);
  const r = importJson(file, h);
  assert.deepEqual([r.count, r.joined, r.displaced.length], [4, 1, 1]);
  assert.deepEqual(Object.keys(r.history.entries), ['same', 'taken', 'fresh', 'new']);
  assert.deepEqual(snap(h), before, 'the stored history passed in is untouched');
  assert.deepEqual(Object.keys(h.entries), keys);
  assert.deepEqual(snap(r.displaced[0].entry), before.entries.taken, 'what left is the stored entry as it was');
});

test('a schema 1 export imports too', () => {
  const text = JSON.stringify({ format: 'fakemeter-history', schema: 1, entries: v1 });
  const r = importJson(text);
  assert.equal(r.count, 3);
  assert.deepEqual(r.history, migrate(v1).history);
});

test('a rough entry keeps why it is rough; one saved before that says no cause, and still loads', () => {
  assert.deepEqual(ROUGH_CAUSES, ['logged_out', 'rate_limited', 'unavailable']);
  assert.equal(roughCauseOf('logged_out'), 'logged_out');
  assert.equal(roughCauseOf(undefined), 'logged_out');
  assert.equal(roughCauseOf('rate_limited'), 'rate_limited');
  assert.equal(roughCauseOf('rate_limited', null), 'rate_limited');
  assert.equal(roughCauseOf('rate_limited', 503), 'unavailable');
  assert.equal(roughCauseOf('rate_limited', 0), 'unavailable');
  let h = emptyHistory();
  for (const [name, roughCause] of [['ann', 'rate_limited'], ['ben', 'unavailable'], ['cid', 'logged_out']]) {
    const built = entryFromReport(report(name, 20), { computedAt: 1_790_000_000_000, rough: true, roughCause });
    assert.equal(built.entry.rough_cause, roughCause);
    h = putEntry(h, built.entry);
  }
  // Through export and import (and storage) it stays.
  const back = importJson(exportJson(h), emptyHistory());
  assert.deepEqual(Object.fromEntries(Object.values(back.history.entries).map((e) => [e.username, e.rough_cause])),
    { ann: 'rate_limited', ben: 'unavailable', cid: 'logged_out' });
  // What is written now: a reading of the counts with a finding and no estimate.
  const none = entryFromReport(report('eve', null), { computedAt: 1_790_000_000_500, rough: true, roughCause: 'logged_out' });
  assert.equal(none.error, undefined);
  const eve = importJson(exportJson(putEntry(h, none.entry)), emptyHistory()).history.entries.eve;
  assert.deepEqual([eve.fake_percent, eve.confidence, eve.rough, eve.rough_cause], [null, 'rough', true, 'logged_out']);
  // Saved before the cause was kept: rough, with no cause claimed.
  const old = { ...entryFromReport(report('dan', 20), { computedAt: 1, rough: true }).entry };
  delete old.rough_cause;
  assert.deepEqual([validateEntry(old).entry.rough, validateEntry(old).entry.rough_cause], [true, null]);
  assert.equal(migrate({ schema: 2, entries: { dan: old } }).history.entries.dan.rough_cause, null);
  // Not rough, or a cause that is none of them: none.
  assert.equal(validateEntry({ ...old, rough: false, rough_cause: 'logged_out' }).entry.rough_cause, null);
  assert.equal(validateEntry({ ...old, rough_cause: 'banned' }).entry.rough_cause, null);
});

test('bad imports are rejected whole, naming the problem and its kind (for the popup to word)', () => {
  const refusal = (text) => { const r = importJson(text); return [r.kind, r.error]; };
  assert.deepEqual(refusal('{'), ['not_json', "import: not JSON (Expected property name or '}' in JSON at position 1)"]);
  assert.deepEqual(refusal('{"format":"other","entries":[]}'), ['not_history', 'import: "format" must be "fakemeter-history" (or "fakemeter-set-aside", the download of what is kept aside)']);
  assert.deepEqual(refusal('{"format":"fakemeter-history","schema":9,"entries":[]}'), ['newer', 'import: unknown schema 9']);
  assert.equal(importJson('{"format":"fakemeter-history","schema":"x","entries":[]}').kind, 'not_history');
  const h = migrate(v1).history;
  const doc = JSON.parse(exportJson(h));
  doc.entries[1].ci_high = 'lots';
  assert.equal(importJson(JSON.stringify(doc)).kind, 'entry');
  assert.match(importJson(JSON.stringify(doc)).error, /entries\[1\]\.ci_high/);
  // A time no date holds: refused on import (before, it broke the CSV export of the whole history).
  doc.entries[1].ci_high = 9;
  doc.entries[1].computed_at = 1e20;
  assert.match(importJson(JSON.stringify(doc)).error, /entries\[1\]\.computed_at must be a time in ms/);
});

// An old backup imported after checks since replaced the newer results, their reports with them,
// and said "Imported 1 entry.".
test('an import never replaces a newer result of the same profile, and says how many it kept', () => {
  const h = migrate(v1).history;
  const older = JSON.parse(exportJson(h));
  for (const e of older.entries) e.computed_at -= 86_400_000;
  older.entries[0].fake_percent = 80;
  const newer = putEntry(emptyHistory(), validateEntry({ username: 'dora', computed_at: 1, fake_percent: 3 }).entry);
  const r = importJson(JSON.stringify({ ...older, entries: [...older.entries, { username: 'dora', computed_at: 0, fake_percent: 90 }] }),
    putEntry(h, newer.entries.dora));
  assert.equal(r.newerKept, 4);
  assert.equal(r.count, 0);
  assert.deepEqual(Object.values(r.history.entries).map((e) => [e.username, e.fake_percent]).sort(),
    [['anna', 23.1], ['bob.b', 4], ['carl_', null], ['dora', 3]]);
  // A newer file's entries do replace older ones.
  const later = JSON.parse(exportJson(h));
  for (const e of later.entries) e.computed_at += 1000;
  later.entries[0].fake_percent = 30;
  const r2 = importJson(JSON.stringify(later), h);
  assert.deepEqual([r2.count, r2.newerKept, r2.history.entries.anna.fake_percent], [3, 0, 30]);
});

// A file naming a profile in another case kept "Lena.Bakes" beside "lena.bakes": two rows, and the
// page (which asks in lowercase) never found the imported one.
test('usernames are one profile whatever their case: an import merges them, the newer result kept', () => {
  const have = putEntry(emptyHistory(), validateEntry({ username: 'lena.bakes', computed_at: 2000, fake_percent: 3 }).entry);
  const file = { format: 'fakemeter-history', schema: SCHEMA_VERSION,
    entries: [{ username: 'Lena.Bakes', computed_at: 1000, fake_percent: 90 }, { username: 'Marco.Travels', computed_at: 5, fake_percent: 12 }] };
  const r = importJson(JSON.stringify(file), have);
  assert.deepEqual(Object.keys(r.history.entries).sort(), ['lena.bakes', 'marco.travels']);
  assert.deepEqual([r.history.entries['lena.bakes'].fake_percent, r.newerKept, r.count], [3, 1, 1]);
  // A stored history with both spellings (from before) keeps the newer of the two.
  const stored = { schema: SCHEMA_VERSION, entries: { 'Lena.Bakes': { username: 'Lena.Bakes', computed_at: 3000, fake_percent: 40 },
    'lena.bakes': { username: 'lena.bakes', computed_at: 2000, fake_percent: 3 } } };
  const m = migrate(stored).history;
  assert.deepEqual(Object.keys(m.entries), ['lena.bakes']);
  assert.equal(m.entries['lena.bakes'].fake_percent, 40);
});

test('the CSV export writes a time no date holds as empty instead of failing', () => {
  const h = putEntry(emptyHistory(), { ...validateEntry({ username: 'eve', computed_at: 5 }).entry, first_seen: { follower_count: 10, at: 1e20 } });
  assert.match(exportCsv(h), /\neve,/);
});

// A full report the panel would draw wrong, or fail to draw (a file edited, or of another tool),
// is refused on import, naming the field; one already stored is left out of its entry, whose
// numbers stay, and said. Reports of older engines (reasons as English text, no badge) stay.
test('a full report not of the engine\'s shape is refused on import, and left out of a stored entry with a note', () => {
  const good = entryFromReport(report('dora', 12.5), { computedAt: 1_790_000_300_000 }).entry;
  const h = putEntry(emptyHistory(), good);
  assert.deepEqual(migrate(h).aside, [], 'an older report (reasons as text) is of the shape');
  const bad = [
    [{ reasons: 5 }, /entries\[0\]\.report\.reasons must be a list of reasons/],
    [{ reasons: [null] }, /report\.reasons/],
    [{ reasons: [{ id: 'engagement.low', severity: 'high', params: 'x' }] }, /report\.reasons/],
    [{ badge: 'x' }, /report\.badge must be the badge/],
    [{ badge: { state: 5, tone: 'neutral' } }, /report\.badge/],
    [{ badge: { state: 'number', tone: 'good', label: { id: 'badge.number', params: {} }, notes: [3] } }, /report\.badge/],
    [{ fake_percent: 'a' }, /report\.fake_percent must be a percentage/],
    [{ ci_high: 250 }, /report\.ci_high/],
    [{ posts: {} }, /report\.posts must be a list/],
    [{ posts: [null] }, /report\.posts/],
    [{ states: [{}] }, /report\.states/],
    [{ audience: 3 }, /report\.audience/],
    [{ user_id: 5 }, /report\.user_id must be an id of digits/],
    [{ follower_count: -1 }, /report\.follower_count/],
    [{ combined_notes: 'no' }, /report\.combined_notes/],
    [{ username: 'someone.else' }, /report\.username must be the entry's username/],
  ];
  for (const [patch, error] of bad) {
    const doc = JSON.parse(exportJson(h, 0));
    doc.entries[0].report = { ...doc.entries[0].report, ...patch };
    assert.match(importJson(JSON.stringify(doc)).error, error, JSON.stringify(patch));
    const stored = { schema: SCHEMA_VERSION, entries: { dora: doc.entries[0] } };
    const m = migrate(stored);
    assert.equal(m.history.entries.dora.report, null, JSON.stringify(patch));
    assert.equal(m.history.entries.dora.fake_percent, 12.5, 'the numbers stay');
    assert.equal(m.aside.length, 1);
    assert.match(m.aside[0].reason, /^entries\.dora\.report\..*: the report was left out, the entry's numbers kept$/);
  }
  // Null and absent fields are unknown, not wrong; fields the overlay does not read are not checked.
  const doc = JSON.parse(exportJson(h, 0));
  doc.entries[0].report = { ...doc.entries[0].report, audience: null, badge: null, later_field: [1, 2] };
  assert.equal(importJson(JSON.stringify(doc)).count, 1);
});

test('CSV export quotes, and defuses spreadsheet formulas', () => {
  let h = emptyHistory();
  h = putEntry(h, entryFromReport({ ...report('mallory', 40), full_name: '=HYPERLINK("x","y"), "quoted"' }, { computedAt: 0 }).entry);
  const badge = { state: 'likes_bought', tone: 'likes', label: { id: 'badge.likes_bought', params: {} }, notes: [] };
  const comments = { grade: 'bad', score: 80, verdict: { id: 'comments.verdict_bad', params: {} } };
  h = putEntry(h, entryFromReport({ ...report('nina', 12), badge }, { computedAt: 1, comments }).entry);
  const csv = exportCsv(h);
  const [head, nina, row] = csv.trim().split('\r\n');
  const noSources = ','.repeat(20);  // former_usernames, the 18 per-source columns, audit_at
  assert.equal(nina, `nina,Name nina,,12,7,17,fair,instant,1234,1970-01-01T00:00:00.001Z,likes_bought,bad,1234,1970-01-01T00:00:00.001Z,,,${noSources}`);
  assert.equal(head, 'username,full_name,badge_words,fake_percent,ci_low,ci_high,grade,confidence,follower_count,computed_at,badge_state,engagement_grade,' +
    'first_follower_count,first_seen_at,latest_follower_count,latest_seen_at,gone_at,former_usernames,' +
    'followers_listed,followers_checked,followers_short_list,followers_fake_percent,followers_ci_low,followers_ci_high,' +
    'likers_posts,likers_listed,likers_checked,likers_fake_percent,likers_ci_low,likers_ci_high,' +
    'commenters_posts,commenters_listed,commenters_checked,commenters_fake_percent,commenters_ci_low,commenters_ci_high,audit_at');
  assert.equal(row, `mallory,"'=HYPERLINK(""x"",""y""), ""quoted""",,40,35,45,fair,instant,1234,1970-01-01T00:00:00.000Z,,,1234,1970-01-01T00:00:00.000Z,,,${noSources}`);
});

// After leading spaces too: a spreadsheet trimming them on import evaluated " =1+1".
test('CSV export defuses a formula behind leading spaces', () => {
  for (const name of [' =1+1', '\u00a0\u00a0+cmd', '\u3000@SUM(A1)']) {
    const one = exportCsv(putEntry(emptyHistory(), entryFromReport({ ...report('eve', 10), full_name: name }, { computedAt: 0 }).entry));
    assert.equal(one.trim().split('\r\n')[1].split(',')[1], `'${name}`, JSON.stringify(name));
  }
});

// A buyer vetting accounts reads the export: what the badge said in their words (also where it
// withheld the number kept in fake_percent), and each source an audit measured.
test('CSV export: the badge in words, the audit per source, and the spreadsheet conventions of the language', () => {
  const t = (lang) => translator(flatten(locale(lang)), flatten(locale('en')), lang);
  const unclear = { state: 'unclear', tone: 'neutral', label: { id: 'badge.unclear', params: {} }, notes: [] };
  const sources = {
    followers: { listed: 50, checked: 20, population: 12400, short_list: true, fake_percent: 31.5, ci_low: 18, ci_high: 46 },
    likers: { posts: 6, listed: 240, checked: 30, fake_percent: 12, ci_low: 5, ci_high: 22 },
  };
  let h = putEntry(emptyHistory(), entryFromReport({ ...report('vetted', 31.5), full_name: 'Hair; Tattoo', badge: unclear, confidence: 'audited' },
    { computedAt: 0, sources }).entry);
  h = putEntry(h, entryFromReport(report('plain', 4), { computedAt: 1 }).entry);
  // Cells of one line, quotes read (no line breaks in these cells).
  const cells = (line, sep) => [...line.matchAll(new RegExp(`(?:^|${sep})("(?:[^"]|"")*"|[^${sep}"]*)`, 'g'))]
    .map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
  const rows = (csv, sep) => csv.trim().split('\r\n').slice(1).map((r) => cells(r, sep));
  const col = (name) => CSV_COLUMNS.indexOf(name);
  const [plain, vetted] = rows(exportCsv(h, { t: t('en') }), ',');
  assert.equal(vetted[col('badge_words')], word(t('en'), unclear.label));
  assert.equal(vetted[col('badge_state')], 'unclear');
  assert.deepEqual(['listed', 'checked', 'short_list', 'fake_percent', 'ci_low', 'ci_high'].map((c) => vetted[col(`followers_${c}`)]),
    ['50', '20', 'true', '31.5', '18', '46']);
  assert.deepEqual(['posts', 'listed', 'checked', 'fake_percent'].map((c) => vetted[col(`likers_${c}`)]), ['6', '240', '30', '12']);
  assert.equal(vetted[col('commenters_fake_percent')], '');
  // An entry saved without a badge says none, as the popup's Result cell (the badge never said its
  // numbers); no audit, no source cells.
  assert.equal(plain[col('badge_words')], '');
  assert.equal(plain[col('fake_percent')], '4');
  assert.equal(plain[col('followers_listed')], '');
  // German: semicolons between columns and decimal commas; a name with a semicolon is quoted.
  const de = exportCsv(h, { t: t('de') });
  assert.ok(de.startsWith('username;full_name;badge_words;'));
  const deVetted = rows(de, ';')[1];
  assert.equal(deVetted.length, CSV_COLUMNS.length);
  assert.equal(deVetted[col('full_name')], 'Hair; Tattoo');
  assert.equal(deVetted[col('fake_percent')], '31,5');
  assert.equal(deVetted[col('followers_fake_percent')], '31,5');
  assert.equal(deVetted[col('badge_words')], word(t('de'), unclear.label));
  assert.match(de, /;"Hair; Tattoo";/);
  assert.deepEqual(csvFormat('fr'), { sep: ';', decimal: ',' });
  assert.deepEqual(csvFormat('en'), { sep: ',', decimal: '.' });
  // The sources go through the JSON export and storage's own reading; a source of another shape is
  // dropped, the others kept.
  assert.deepEqual(importJson(exportJson(h)).history.entries.vetted.sources, sources);
  assert.deepEqual(migrate(h).history.entries.vetted.sources, sources);
  const e = h.entries.vetted;
  assert.deepEqual(validateEntry({ ...e, sources: { ...sources, likers: { ...sources.likers, ci_low: 50 } } }).entry.sources,
    { followers: sources.followers });
  assert.equal(validateEntry({ ...e, sources: 'all of them' }).entry.sources, undefined);
  assert.equal(validateEntry({ ...e, sources: { followers: { ...sources.followers, listed: -1 } } }).entry.sources, undefined);
});

// A cell holding the other languages' separator split there in a spreadsheet set to it, and ran.
test('CSV cells holding any separator are quoted; fullwidth and zero-width-led formulas are defused', () => {
  const row = (name, lang) => {
    const t = translator({}, {}, lang);
    return exportCsv(putEntry(emptyHistory(), entryFromReport({ ...report('eve', 10), full_name: name }, { computedAt: 0 }).entry), { t })
      .split('\r\n')[1];
  };
  assert.ok(row('x;=1+1;', 'en').startsWith('eve,"x;=1+1;",'));
  assert.ok(row('x,=2+2,', 'de').startsWith('eve;"x,=2+2,";'));
  assert.ok(row('x\t=3+3\t', 'en').startsWith('eve,"x\t=3+3\t",'));
  for (const name of ['\uff1d1+1', '\u200b=1+1', '\u2060@SUM(1)', '\u200e-2+3']) {
    assert.ok(row(name, 'en').startsWith(`eve,'${name},`), JSON.stringify(name));
  }
});

test("CSV: a reading of the page's counts names the state the badge shows, not the engine's badge for the counts", () => {
  const noData = { state: 'no_data', tone: 'neutral', label: { id: 'badge.no_data', params: {} }, notes: [] };
  let h = emptyHistory();
  const causes = [['ann', 'logged_out'], ['ben', 'rate_limited'], ['cid', 'unavailable'], ['dan', null]];
  for (const [i, [name, roughCause]] of causes.entries()) {
    h = putEntry(h, entryFromReport({ ...report(name, null), badge: noData }, { computedAt: i, rough: true, roughCause }).entry);
  }
  const rows = exportCsv(h).trim().split('\r\n').slice(1).map((r) => r.split(','));
  const col = (name) => CSV_COLUMNS.indexOf(name);
  assert.deepEqual(rows.map((r) => [r[0], r[col('confidence')], r[col('badge_state')]]),
    [['dan', 'rough', 'counts_only'], ['cid', 'rough', 'rate_limited'], ['ben', 'rough', 'rate_limited'], ['ann', 'rough', 'logged_out']]);
});

// Display names are typed every way Unicode allows: decomposed (as macOS keyboards send "é"), in
// the "fancy" letters of name generators, with accents and vowel marks the searcher leaves out.
test('search finds a display name as it reads, whichever way its letters were typed', () => {
  let h = emptyHistory();
  const names = { 'jose.cafe': 'Jose\u0301 Caf\u00e9', 'fancy.maria': '\u{1d4dc}\u{1d4ea}\u{1d4fb}\u{1d4f2}\u{1d4ea} \u2728',
                  'cairo.photo': 'مُحَمَّد عبد الرحمن 🌙', 'istanbul.kedi': 'İstanbul Kedileri',
                  'hidden.marks': '\u200eZe\u200bro\u200d\u200cWi\u2060dth\ufeff' };
  for (const [i, [username, fullName]] of Object.entries(names).entries()) {
    h = putEntry(h, entryFromReport({ ...report(username, 10), full_name: fullName }, { computedAt: i }).entry);
  }
  const found = (q) => listEntries(h, q).map((e) => e.username);
  assert.deepEqual(found('Jos\u00e9'), ['jose.cafe'], 'composed é finds a decomposed one');
  assert.deepEqual(found('cafe\u0301'), ['jose.cafe'], 'decomposed é finds a composed one');
  assert.deepEqual(found('jose caf'), ['jose.cafe'], 'typed without the accent');
  assert.deepEqual(found('maria'), ['fancy.maria'], 'mathematical script letters read as the letters they show');
  assert.deepEqual(found('محمد'), ['cairo.photo'], 'Arabic typed without its vowel marks');
  assert.deepEqual(found('istanbul'), ['istanbul.kedi'], 'a dotted capital I');
  assert.deepEqual(found('🌙'), ['cairo.photo'], 'an emoji');
  assert.deepEqual(found('zerowidth'), ['hidden.marks'], 'zero-width spaces, joiners and direction marks in a name are not read');
  assert.deepEqual(found('xyz'), []);
});

test('list, search, delete and shrink', () => {
  let h = migrate(v1).history;
  assert.deepEqual(listEntries(h).map((e) => e.username), ['carl_', 'bob.b', 'anna']);
  assert.deepEqual(listEntries(h, 'BO').map((e) => e.username), ['bob.b']);
  h = deleteEntries(h, ['bob.b']);
  assert.deepEqual(Object.keys(h.entries).sort(), ['anna', 'carl_']);
  h = putEntry(h, entryFromReport(report('dora', 12.5), { computedAt: 5 }).entry);
  const small = shrink(h);
  assert.equal(small.entries.dora.report, null);
  assert.equal(small.entries.dora.fake_percent, 12.5);
  assert.equal(shrink(small), null);
});

test('an entry keeps what the badge said, also once its report is dropped for space, and takes nothing else', () => {
  const badge = { state: 'unclear', tone: 'neutral', label: { id: 'badge.unclear', params: {} },
                  notes: [{ id: 'badge.audit_offer', params: {} }], offer_audit: true, fake_percent: null };
  const e = entryFromReport({ ...report('dora', 27), badge }, { computedAt: 1_790_000_000_000 }).entry;
  assert.deepEqual(e.badge, { state: 'unclear', tone: 'neutral', label: badge.label, notes: badge.notes });
  // Shrinking drops reports; the badge stays beside the numbers.
  let h = putEntry(emptyHistory(), e);
  h = shrink(h, 0);
  assert.equal(h.entries.dora.report, null, 'the report was dropped');
  assert.deepEqual(h.entries.dora.badge.label, badge.label);
  // A stored entry from before the badge was kept takes it from its report, when it has one.
  const old = { ...e, badge: undefined };
  assert.deepEqual(validateEntry(old).entry.badge, e.badge);
  assert.equal(validateEntry({ ...old, report: null }).entry.badge, null);
  // Round trip through export and import.
  const back = importJson(exportJson(h)).history.entries.dora;
  assert.deepEqual(back.badge, h.entries.dora.badge);
  // An imported badge is untrusted: only message ids of the badge's own area, numbers as parameters.
  const evil = (b) => validateEntry({ ...old, report: null, badge: b }).entry.badge;
  assert.equal(evil({ ...badge, label: { id: 'comments.verdict_bad', params: {} } }), null, 'another area is refused');
  assert.equal(evil({ ...badge, label: { id: 'badge.number', params: { fake: '<img src=x onerror=alert(1)>' } } }), null);
  assert.equal(evil({ ...badge, state: 'x"><script>' }), null);
  assert.deepEqual(evil({ ...badge, notes: [{ id: 'badge.audit_offer' }, { id: 'popup.evil' }, 'text'] }).notes,
                   [{ id: 'badge.audit_offer', params: {} }]);
  assert.equal(evil({ ...badge, tone: 'red;}' }).tone, 'neutral');
});

test('the first exact follower count goes on from check to check; counts read off the page never start it', () => {
  const day = 24 * 3600 * 1000;
  const at = (n) => 1_790_000_000_000 + n * day;
  const check = (count, n, extra = {}) => entryFromReport({ ...report('gift.ed', 10), follower_count: count }, { computedAt: at(n), ...extra }).entry;
  // An entry saved before first_seen was kept: its own count and time stand in for it.
  const old = { ...check(800, 0) };
  delete old.first_seen;
  let h = putEntry(emptyHistory(), validateEntry(old).entry);
  assert.deepEqual(h.entries['gift.ed'].first_seen, { follower_count: 800, at: at(0) });
  h = putEntry(h, check(5800, 2));
  h = putEntry(h, check(5900, 9));
  assert.deepEqual(h.entries['gift.ed'].first_seen, { follower_count: 800, at: at(0) });
  assert.equal(h.entries['gift.ed'].follower_count, 5900);
  // A reading of the page's counts ("5.9K") keeps the first count but never becomes one.
  h = putEntry(h, check(5900, 10, { rough: true, roughCause: 'logged_out' }));
  assert.deepEqual(h.entries['gift.ed'].first_seen, { follower_count: 800, at: at(0) });
  let r = putEntry(emptyHistory(), check(5900, 10, { rough: true, roughCause: 'logged_out' }));
  assert.equal(r.entries['gift.ed'].first_seen, null);
  r = putEntry(r, check(6000, 11));
  assert.deepEqual(r.entries['gift.ed'].first_seen, { follower_count: 6000, at: at(11) });
  // An import brings its own first count: the earlier of the two wins.
  const imported = { ...check(7000, 20), first_seen: { follower_count: 300, at: at(-30) } };
  assert.deepEqual(putEntry(h, validateEntry(imported).entry).entries['gift.ed'].first_seen, { follower_count: 300, at: at(-30) });
  // What storage or an import holds of another shape is dropped, not trusted, and the entry loads.
  for (const bad of [{ follower_count: -1, at: 0 }, { follower_count: 1.5, at: 0 }, { follower_count: 5 }, 'many', [1, 2]]) {
    const v = validateEntry({ ...check(10, 0), first_seen: bad });
    assert.ok(v.entry, JSON.stringify(bad));
    assert.equal(v.entry.first_seen, null, JSON.stringify(bad));
  }
  // It survives export and import.
  const back = importJson(exportJson(h));
  assert.deepEqual(back.history.entries['gift.ed'].first_seen, { follower_count: 800, at: at(0) });
});

test("an audited result keeps the count a later look read beside it, until the next result; it survives export", () => {
  const at = (n) => 1_790_000_000_000 + n * 24 * 3600 * 1000;
  const audited = (count, n, userId) => entryFromReport({ ...report('vetted', 10), follower_count: count, confidence: 'audited',
    ...(userId ? { user_id: userId } : {}) }, { computedAt: at(n) }).entry;
  const check8000 = () => entryFromReport({ ...report('vetted', 10), follower_count: 8000 }, { computedAt: at(0) }).entry;
  let h = putEntry(emptyHistory(), check8000());
  h = putEntry(h, audited(8400, 3));
  assert.equal(h.entries.vetted.latest_count, undefined, 'none until a later look');
  assert.equal(currentCount(h.entries.vetted), 8400);
  const look = (count, extra = {}) => ({ ...report('vetted', 10), follower_count: count, ...extra });
  assert.equal(withLatestCount(putEntry(h, check8000()), look(12000), at(40)), null, 'only beside an audited result');
  h = withLatestCount(h, look(12000), at(40));
  const e = h.entries.vetted;
  assert.deepEqual(e.latest_count, { follower_count: 12000, at: at(40) });
  assert.equal(e.follower_count, 8400, 'the audit keeps its own count');
  assert.equal(e.confidence, 'audited');
  assert.deepEqual(e.first_seen, { follower_count: 8000, at: at(0) });
  assert.equal(currentCount(e), 12000);
  assert.deepEqual(followerChange(e.first_seen, currentCount(e)), { from: 8000, at: at(0), to: 12000 });
  // Export and import, and storage's own reading, keep it; a value of another shape is dropped.
  assert.deepEqual(importJson(exportJson(h)).history.entries.vetted.latest_count, e.latest_count);
  assert.deepEqual(migrate(h).history.entries.vetted.latest_count, e.latest_count);
  for (const bad of [{ follower_count: -3, at: 1 }, { follower_count: 5 }, 'lots']) {
    assert.equal(validateEntry({ ...e, latest_count: bad }).entry.latest_count, undefined, JSON.stringify(bad));
  }
  // The CSV says it beside the audit's own count.
  const row = exportCsv(h).trim().split('\r\n')[1].split(',');
  const col = (name) => CSV_COLUMNS.indexOf(name);
  assert.deepEqual([row[col('follower_count')], row[col('latest_follower_count')], row[col('latest_seen_at')]],
    ['8400', '12000', new Date(at(40)).toISOString()]);
  // No entry, no count, or another account under the username: nothing is kept.
  assert.equal(withLatestCount(h, { ...look(5), username: 'nobody' }, at(41)), null);
  assert.equal(withLatestCount(h, look(null), at(41)), null);
  const withId = putEntry(h, audited(8400, 3, '111'));
  assert.equal(withLatestCount(withId, look(9000, { user_id: '222' }), at(41)), null);
  assert.equal(withLatestCount(withId, look(9000, { user_id: '111' }), at(41)).entries.vetted.latest_count.follower_count, 9000);
  // The next result is its own latest count.
  h = putEntry(h, audited(12100, 42));
  assert.equal(h.entries.vetted.latest_count, undefined);
  assert.deepEqual(h.entries.vetted.first_seen, { follower_count: 8000, at: at(0) });
});

// A re-check of a result put the new reading in the entry's place whole: an audit's per-source
// rows and comment analysis went with it (the export, the popup), while the panel still showed the rows.
test('a reading of the profile alone put over an audit\'s result keeps that audit\'s rows and comments; a new audit replaces them', () => {
  const at = (n) => 1_790_000_000_000 + n * 24 * 3600 * 1000;
  const sources = { likers: { listed: 40, checked: 3, posts: 2, fake_percent: 12, ci_low: 4, ci_high: 30 },
                    commenters: { listed: 9, checked: 2, posts: 2, fake_percent: 20, ci_low: 5, ci_high: 52 } };
  const comments = { grade: 'poor', score: 61, verdict: { id: 'comments.verdict.bought', params: {} } };
  // An audit of the likers and commenters alone (the followers list refused): its result is no "audited" one.
  const audit = (n, over = {}) => entryFromReport({ ...report('shop', 20), user_id: '111' }, { computedAt: at(n), sources, comments, ...over }).entry;
  const check = (n, userId = '111') => entryFromReport({ ...report('shop', 25), user_id: userId }, { computedAt: at(n) }).entry;
  const h = putEntry(emptyHistory(), audit(1));
  assert.equal(h.entries.shop.confidence, 'instant');
  const rechecked = putEntry(h, check(3), { keepAudit: true }).entries.shop;
  assert.deepEqual([rechecked.fake_percent, rechecked.computed_at], [25, at(3)], 'the reading is the re-check\'s');
  assert.deepEqual(rechecked.sources, sources, 'the audit\'s rows stay');
  assert.deepEqual(rechecked.comments, comments, 'and its comment analysis');
  // They survive storage's own reading, the export and the CSV.
  assert.deepEqual(migrate(putEntry(h, check(3), { keepAudit: true })).history.entries.shop.sources, sources);
  assert.deepEqual(importJson(exportJson(putEntry(h, check(3), { keepAudit: true }))).history.entries.shop.sources, sources);
  const row = exportCsv(putEntry(h, check(3), { keepAudit: true })).trim().split('\r\n')[1].split(',');
  assert.equal(row[CSV_COLUMNS.indexOf('likers_fake_percent')], '12');
  // The same over an audited result (the followers' estimate its headline).
  const audited = putEntry(emptyHistory(), entryFromReport({ ...report('shop', 20), user_id: '111', confidence: 'audited' },
                                                         { computedAt: at(1), sources, comments }).entry);
  assert.deepEqual(putEntry(audited, check(4), { keepAudit: true }).entries.shop.sources, sources);
  // A new audit's result replaces them, also with none of its own (keepAudit is not asked for).
  // (audit_at: see the test below.)
  const again = putEntry(h, audit(5, { sources: null, comments: null })).entries.shop;
  assert.deepEqual([again.sources, again.comments], [undefined, null]);
  const other = { likers: { ...sources.likers, fake_percent: 25 } };
  assert.deepEqual(putEntry(h, audit(5, { sources: other })).entries.shop.sources, other);
  // Another account that took the name inherits nothing.
  const theirs = putEntry(h, check(6, '222'), { keepAudit: true }).entries.shop;
  assert.deepEqual([theirs.sources, theirs.comments], [undefined, null]);
});

test('a username taken over by another account starts its own first count; the same account keeps its own', () => {
  const at = (n) => 1_790_000_000_000 + n * 24 * 3600 * 1000;
  const check = (count, n, userId) => entryFromReport({ ...report('taken.name', 10), follower_count: count, user_id: userId },
    { computedAt: at(n) }).entry;
  let h = putEntry(emptyHistory(), check(300, 0, '111'));
  assert.deepEqual(h.entries['taken.name'].first_seen, { follower_count: 300, at: at(0), user_id: '111' });
  h = putEntry(h, check(900, 5, '111'));
  assert.deepEqual(h.entries['taken.name'].first_seen, { follower_count: 300, at: at(0), user_id: '111' }, 'same account');
  h = putEntry(h, check(45000, 9, '222'));
  assert.deepEqual(h.entries['taken.name'].first_seen, { follower_count: 45000, at: at(9), user_id: '222' }, 'another account');
  // A report that names no id (or an entry whose report was dropped) cannot tell: the count goes on.
  h = putEntry(h, { ...check(46000, 10, undefined), report: null });
  assert.deepEqual(h.entries['taken.name'].first_seen, { follower_count: 45000, at: at(9), user_id: '222' });
  // A count kept without an id (an entry from before ids were kept) takes the next report's.
  let g = putEntry(emptyHistory(), { ...check(70, 0, undefined), report: null });
  assert.deepEqual(g.entries['taken.name'].first_seen, { follower_count: 70, at: at(0) });
  g = putEntry(g, check(700, 3, '333'));
  assert.deepEqual(g.entries['taken.name'].first_seen, { follower_count: 70, at: at(0), user_id: '333' });
  // An id that is not digits is not kept.
  assert.deepEqual(validateEntry({ ...check(1, 0, '1'), first_seen: { follower_count: 5, at: 1, user_id: '<b>' } }).entry.first_seen,
    { follower_count: 5, at: 1 });
});

test('followerChange: a change of at least 1% and 10 followers, either way; less is drift', () => {
  const first = { follower_count: 1000, at: 5 };
  assert.deepEqual(followerChange(first, 1500), { from: 1000, at: 5, to: 1500 });
  assert.deepEqual(followerChange(first, 990), { from: 1000, at: 5, to: 990 });
  assert.equal(followerChange(first, 1009), null, 'under 1%');
  assert.equal(followerChange({ follower_count: 100, at: 5 }, 105), null, 'under 10 followers');
  assert.deepEqual(followerChange({ follower_count: 0, at: 5 }, 40), { from: 0, at: 5, to: 40 });
  assert.equal(followerChange(first, null), null, 'no count now');
  assert.equal(followerChange(null, 1500), null, 'no first count');
});


test('an audit that ended before its plan replaces the stored result only when its interval is narrower', () => {
  const instant = { fake_percent: 2.6, ci_low: 0, ci_high: 54, rough: false };
  assert.equal(partialAuditReplaces(instant, { ci_low: 0, ci_high: 100 }), false, 'a login page after a few lists');
  assert.equal(partialAuditReplaces(instant, { ci_low: 0, ci_high: 54 }), false, 'no narrower');
  assert.equal(partialAuditReplaces(instant, { ci_low: 5, ci_high: 40 }), true);
  assert.equal(partialAuditReplaces(null, { ci_low: 0, ci_high: 100 }), true, 'nothing stored');
  assert.equal(partialAuditReplaces({ ...instant, rough: true }, { ci_low: 0, ci_high: 100 }), true, 'the page counts alone say less');
  assert.equal(partialAuditReplaces({ fake_percent: null, ci_low: null, ci_high: null }, { ci_low: 0, ci_high: 100 }), true);
  assert.equal(partialAuditReplaces(instant, { ci_low: null, ci_high: null }), false, 'an audit with no interval');
});

test('past the limit the least recently looked at leave the history, each set aside with its numbers; an import never pushes the user\'s out', () => {
  const entry = (u, at, report = null) => ({ ...migrate([{ u, pct: 10, lo: 5, hi: 20, t: at }]).history.entries[u], report });
  const h = historyOf(Array.from({ length: MAX_ENTRIES }, (_, i) => entry(`user${i}`, 1_000_000 + i)));
  assert.deepEqual(overflow(h).aside, [], 'at the limit nothing leaves');
  const full = putEntry(h, entry('newcomer', 9_000_000, { username: 'newcomer' }));
  const o = overflow(full);
  assert.equal(Object.keys(o.history.entries).length, MAX_ENTRIES);
  assert.ok(o.history.entries.newcomer && !o.history.entries.user0);
  assert.deepEqual(o.aside.map((i) => [i.key, i.value.username, i.value.fake_percent, i.value.report]), [['entries.user0', 'user0', 10, null]]);
  assert.match(o.aside[0].reason, /^the history keeps at most 5000 profiles: @user0, the least recently looked at, left it/);
  // An audited result goes after the readings of the profile alone, and a count read since it is a
  // look: the oldest audited result, looked at yesterday, stays over a week-old reading.
  const auditedOld = { ...entry('user0', 1_000_000), confidence: 'audited', latest_count: { follower_count: 10, at: 8_000_000 } };
  const o2 = overflow(putEntry(putEntry(h, auditedOld), entry('newcomer', 9_000_000)));
  assert.deepEqual(o2.aside.map((i) => i.value.username), ['user1']);
  // An import into a full history pushes none of the user's profiles out (a file of 5,000 newer
  // ones pushed them all, beyond what can be kept aside): the file's new profiles are left out
  // instead, and said; one of the file replacing a profile the history has still goes in.
  const older = [entry('old.a', 5), entry('old.b', 6)];
  const r = importJson(JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: older }), h);
  assert.deepEqual([r.count, r.notImported, r.aside], [0, 2, []]);
  const newer = importJson(JSON.stringify({ format: 'fakemeter-history', schema: 2,
    entries: [entry('new.a', 9_999_999), entry('user7', 9_999_999)] }), h);
  assert.deepEqual([newer.count, newer.notImported, newer.aside], [1, 1, []]);
  assert.equal(Object.keys(newer.history.entries).length, MAX_ENTRIES);
  assert.equal(newer.history.entries.user7.computed_at, 9_999_999);
  assert.ok(newer.history.entries.user0 && !newer.history.entries['new.a']);
  // With room, the newest of the file go in first.
  const roomy = deleteEntries(h, ['user1', 'user2']);
  const some = importJson(JSON.stringify({ format: 'fakemeter-history', schema: 2,
    entries: [entry('f.old', 10), entry('f.mid', 20), entry('f.new', 30)] }), roomy);
  assert.deepEqual([some.count, some.notImported], [2, 1]);
  assert.ok(some.history.entries['f.new'] && some.history.entries['f.mid'] && !some.history.entries['f.old']);
});

test('profiles named "__proto__" or "constructor" are entries like any other, kept across a read and a save', () => {
  let h = emptyHistory();
  assert.equal(h.entries.constructor, undefined, 'an absent "constructor" is no entry');
  for (const u of ['__proto__', 'constructor', 'anna']) h = putEntry(h, { ...migrate([{ u: 'anna', pct: 10, lo: 5, hi: 20, t: 1 }]).history.entries.anna, username: u });
  assert.deepEqual(Object.keys(h.entries).sort(), ['__proto__', 'anna', 'constructor']);
  const stored = JSON.parse(JSON.stringify(h));
  const back = migrate(stored);
  assert.deepEqual(back.aside, []);
  assert.deepEqual(Object.keys(back.history.entries).sort(), ['__proto__', 'anna', 'constructor']);
  assert.equal(back.history.entries.__proto__.fake_percent, 10);
  assert.deepEqual(listEntries(back.history, '').map((e) => e.username).sort(), ['__proto__', 'anna', 'constructor']);
  assert.deepEqual(Object.keys(deleteEntries(back.history, ['__proto__']).entries).sort(), ['anna', 'constructor']);
  assert.deepEqual(JSON.parse(exportJson(back.history)).entries.map((e) => e.username).sort(), ['__proto__', 'anna', 'constructor']);
});

// An audited result whose full report was dropped for space still stands for a report (made of what
// it kept); the account it is about is known from its report or its first count.
test('reportOfEntry and entryUserId: an audited result without its report, and whose account it is', () => {
  const badge = { state: 'number', tone: 'fair', label: { id: 'badge.number', params: { fake: 20, low: 10, high: 30 } }, notes: [] };
  const full = putEntry(emptyHistory(), entryFromReport({ ...report('vetted', 20), confidence: 'audited', user_id: '4242', badge },
    { computedAt: 5 }).entry).entries.vetted;
  assert.equal(reportOfEntry(full), full.report);
  assert.equal(entryUserId(full), '4242');
  const dropped = shrink(putEntry(emptyHistory(), full)).entries.vetted;
  assert.equal(dropped.report, null);
  const r = reportOfEntry(dropped);
  assert.deepEqual([r.fake_percent, r.ci_low, r.ci_high, r.confidence, r.user_id, r.badge, r.details_dropped], [20, 15, 25, 'audited', '4242', badge, true]);
  assert.equal(reportShapeError(r, 'vetted'), null, 'drawn like any report');
  assert.equal(entryUserId(dropped), '4242', 'from its first count');
  // An instant reading without its report is checked again instead; no entry, nothing.
  const instant = shrink(putEntry(emptyHistory(), entryFromReport(report('plain', 5), { computedAt: 1 }).entry)).entries.plain;
  assert.equal(reportOfEntry(instant), null);
  assert.equal(reportOfEntry(null), null);
  assert.equal(entryUserId(null), null);
});

test('ageText: a time ahead of the clock has no age ("just now" said of a result dated tomorrow)', () => {
  const t = translator(flatten(locale('en')), {}, 'en');
  assert.equal(ageText(t, -86_400_000), "dated ahead of this device's clock");
  assert.equal(ageText(t, -30_000), 'just now');
  assert.equal(ageText(t, 3 * 3600_000), t('ageHours', 3));
});

test('an import takes a time ahead of now as now, and keeps counts only when they are whole and not negative', () => {
  const e = { ...entryFromReport(report('ahead', 10), { computedAt: 0 }).entry, computed_at: 8e15 };
  const doc = (x) => JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [x] });
  assert.equal(importJson(doc(e), emptyHistory(), 5000).history.entries.ahead.computed_at, 5000);
  assert.equal(importJson(doc(e), emptyHistory()).history.entries.ahead.computed_at, 8e15, 'without a now, as it was');
  for (const bad of [-5, 2.5]) assert.equal(validateEntry({ ...e, follower_count: bad }).entry.follower_count, null, String(bad));
  assert.equal(validateEntry({ ...e, status: 'x'.repeat(500) }).entry.status.length, 40);
});

// A username Instagram says names no profile now (deleted, renamed): the popup and the CSV went on
// showing its old reading as the profile's. The entry keeps the reading, marked gone since then;
// a later reading of the name replaces it whole.
test('an entry whose profile is gone keeps its reading, said gone in the popup\'s words and the CSV; a new reading replaces it', () => {
  const en = translator(flatten(locale('en')), {}, 'en');
  const badge = { state: 'unclear', tone: 'neutral', label: { id: 'badge.unclear', params: {} }, notes: [] };
  let h = putEntry(emptyHistory(), entryFromReport({ ...report('gone.name', 12), badge }, { computedAt: 1 }).entry);
  assert.equal(withGone(h, 'nobody', 5), null, 'no entry, nothing to mark');
  const at = Date.UTC(2026, 11, 6);
  h = withGone(h, 'gone.name', at);
  const e = h.entries['gone.name'];
  assert.deepEqual([e.gone_at, e.fake_percent, e.badge.state], [at, 12, 'unclear'], 'the reading is kept');
  // Kept through a round trip (export, import); a time no date can hold is dropped.
  assert.equal(importJson(exportJson(h), emptyHistory()).history.entries['gone.name'].gone_at, at);
  assert.equal(validateEntry({ ...e, gone_at: 1e300 }).entry.gone_at, undefined);
  const line = badgeLine(en, e);
  assert.equal(line.state, 'not_found');
  assert.equal(line.text, 'No longer on Instagram (since Dec 6, 2026); before: Unclear from the profile alone');
  const csv = exportCsv(h, { t: en }).trim().split('\r\n');
  assert.ok(csv[0].split(',').includes('gone_at'));
  assert.match(csv[1], /^gone\.name,Name gone\.name,"No longer on Instagram \(since Dec 6, 2026\); before: Unclear from the profile alone",.*,2026-12-06T00:00:00\.000Z,/);
  // Gone without a badge this version can word (saved before badges were kept): still said gone,
  // with its numbers as what it read before (its Result cell was left empty).
  const bare = withGone(putEntry(emptyHistory(), entryFromReport(report('old.name', 12), { computedAt: 1 }).entry), 'old.name', at);
  assert.match(exportCsv(bare, { t: en }).trim().split('\r\n')[1], /"No longer on Instagram \(since Dec 6, 2026\); before: ≈12% fake \(7–17%\)"/);
  // Read again (the name taken, or the account back): the new entry has no mark.
  h = putEntry(h, entryFromReport({ ...report('gone.name', 30), badge }, { computedAt: at + 1 }).entry);
  assert.equal(h.entries['gone.name'].gone_at, undefined);
});

// After a re-check the popup and the exports showed the last audit's rows and engagement grade
// beside the newer reading with no word of when that audit was: a buyer comparing numbers could
// not tell which were older. audit_at keeps the audit's time with what is kept.
test('what a re-check keeps of an audit keeps that audit\'s time: stored, exported (CSV and JSON), re-imported', () => {
  const at = (n) => 1_790_000_000_000 + n * 24 * 3600 * 1000;
  const sources = { likers: { listed: 40, checked: 3, posts: 2, fake_percent: 12, ci_low: 4, ci_high: 30 } };
  const comments = { grade: 'poor', score: 61, verdict: { id: 'comments.verdict.bought', params: {} } };
  const audit = (n, over = {}) => entryFromReport({ ...report('shop', 20), user_id: '111', confidence: 'audited' },
    { computedAt: at(n), sources, comments, audit: true, ...over }).entry;
  const check = (n, userId = '111') => entryFromReport({ ...report('shop', 25), user_id: userId }, { computedAt: at(n) }).entry;
  assert.equal(audit(1).audit_at, at(1), 'an audit\'s result: its own time');
  assert.equal(check(1).audit_at, undefined, 'a check of the profile alone: none');
  const h = putEntry(emptyHistory(), audit(1));
  const once = putEntry(h, check(3), { keepAudit: true });
  assert.deepEqual([once.entries.shop.computed_at, once.entries.shop.audit_at], [at(3), at(1)]);
  // A second re-check keeps the audit's time, not the first re-check's.
  const twice = putEntry(once, check(5), { keepAudit: true });
  assert.deepEqual([twice.entries.shop.computed_at, twice.entries.shop.audit_at], [at(5), at(1)]);
  // Through storage's reading and the JSON export and import.
  assert.equal(migrate(twice).history.entries.shop.audit_at, at(1));
  const doc = JSON.parse(exportJson(twice));
  assert.equal(doc.entries[0].audit_at, at(1));
  assert.equal(importJson(JSON.stringify(doc)).history.entries.shop.audit_at, at(1));
  // The CSV: beside computed_at (the reading's), the audit's time of the source columns and engagement grade.
  const row = exportCsv(twice).trim().split('\r\n')[1].split(',');
  assert.equal(row[CSV_COLUMNS.indexOf('audit_at')], new Date(at(1)).toISOString());
  assert.equal(row[CSV_COLUMNS.indexOf('computed_at')], new Date(at(5)).toISOString());
  assert.equal(row[CSV_COLUMNS.indexOf('engagement_grade')], 'poor');
  // An entry kept before audit_at was (an audit's result: its computed_at was the audit's).
  const older = putEntry(emptyHistory(), { ...audit(1), audit_at: undefined });
  assert.equal(putEntry(older, check(3), { keepAudit: true }).entries.shop.audit_at, at(1));
  // A new audit's result: its own time; another account that took the name, and a time no date can hold: none.
  assert.equal(putEntry(twice, audit(7)).entries.shop.audit_at, at(7));
  assert.equal(putEntry(twice, check(6, '222'), { keepAudit: true }).entries.shop.audit_at, undefined);
  assert.equal(validateEntry({ ...audit(1), audit_at: 'yesterday' }).entry.audit_at, undefined);
  assert.equal(exportCsv(putEntry(emptyHistory(), check(1))).trim().split('\r\n')[1].split(',')[CSV_COLUMNS.indexOf('audit_at')], '');
});

// "Delete all" asked "… with their audits?" of a history holding no audit: it says what is stored.
test('the question before Delete all counts the profiles and says audits only of those holding one, in every language', async () => {
  const { holdsAudit } = await import('../../extension/shared/history.js');
  const auditedCount = (history) => Object.values(history.entries).filter(holdsAudit).length;
  const { deleteAllQuestion } = await import('../../extension/shared/entry-words.js');
  const at = 1_790_000_000_000;
  const plain = (u) => migrate([{ u, pct: 10, lo: 5, hi: 20, t: at }]).history.entries[u];
  let h = putEntry(putEntry(emptyHistory(), plain('anna')), plain('bob.b'));
  assert.equal(auditedCount(h), 0);
  const sources = { followers: { listed: 50, checked: 20, population: 900, short_list: false, fake_percent: 30, ci_low: 10, ci_high: 50 } };
  const withAudit = putEntry(h, { ...plain('anna'), confidence: 'audited', sources, audit_at: at });
  assert.equal(auditedCount(withAudit), 1);
  // A re-check of the profile alone keeps the audit's rows beside its reading: still an audit stored.
  assert.equal(auditedCount(putEntry(withAudit, { ...plain('anna'), computed_at: at + 1 }, { keepAudit: true })), 1);
  const en = translator(flatten(locale('en')), {}, 'en');
  assert.equal(deleteAllQuestion(en, 2, 0), 'Delete all 2 profiles in the history? This cannot be undone: export the history first to keep a copy.');
  assert.equal(deleteAllQuestion(en, 1, 0), 'Delete the one profile in the history? This cannot be undone: export the history first to keep a copy.');
  assert.equal(deleteAllQuestion(en, 2, 1), 'Delete all 2 profiles in the history, 1 of them with an audit? This cannot be undone: export the history first to keep a copy.');
  assert.equal(deleteAllQuestion(en, 2, 2), 'Delete all 2 profiles in the history, with their audits? This cannot be undone: export the history first to keep a copy.');
  assert.equal(deleteAllQuestion(en, 1, 1), 'Delete the one profile in the history, with its audit? This cannot be undone: export the history first to keep a copy.');
  const audit = { fr: /audit/, de: /Prüfung/, nl: /controle/, en: /audit/ };
  for (const lang of ['en', 'fr', 'de', 'nl']) {
    const t = translator(flatten(locale(lang)), {}, lang);
    assert.doesNotMatch(deleteAllQuestion(t, 3, 0), audit[lang], `${lang}: no audit stored, none said`);
    assert.match(deleteAllQuestion(t, 3, 3), audit[lang], lang);
    const some = deleteAllQuestion(t, 3, 2);
    assert.match(some, audit[lang], lang);
    assert.match(some, /\b3\b.*\b2\b/, `${lang}: both counts: ${some}`);
  }
});

// audit_partial says what an audited reading rests on: a re-check of the profile alone replaces
// the reading (its confidence "instant") and the mark goes with it; on no other reading is it kept.
test('an audit ended before its plan is marked on its reading only, until a re-check replaces it', () => {
  const partial = entryFromReport({ ...report('halfway', 30), confidence: 'audited' }, { computedAt: 1, audit: true, partial: true }).entry;
  assert.equal(partial.audit_partial, true);
  assert.equal(entryFromReport({ ...report('done', 30), confidence: 'audited' }, { computedAt: 1, audit: true }).entry.audit_partial, undefined);
  const rechecked = putEntry(putEntry(emptyHistory(), partial), entryFromReport(report('halfway', 25), { computedAt: 2 }).entry,
    { keepAudit: true }).entries.halfway;
  assert.deepEqual([rechecked.confidence, rechecked.audit_partial], ['instant', undefined]);
  assert.equal(validateEntry({ ...rechecked, audit_partial: true }).entry.audit_partial, undefined, 'not on an instant reading');
  const col = CSV_COLUMNS.indexOf('confidence');
  assert.equal(exportCsv(putEntry(emptyHistory(), partial)).split('\r\n')[1].split(',')[col], 'audit-partial');
});
