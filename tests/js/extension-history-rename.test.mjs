// A profile renamed on Instagram keeps its history (history.js withRename, renamedTo, putEntry,
// former_usernames): its first count and reading go on under the new name, which says the old one;
// the old name then says where the account went; a name taken over by another account inherits
// nothing; and the field keeps the import, export and stored-schema rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { migrate, importJson, exportJson, exportCsv, putEntry, listEntries, emptyHistory, validateEntry,
         followerChange, currentCount, withGone, withLatestCount, withRename, renamedTo, CSV_COLUMNS, MAX_FORMER, overflow,
         MAX_ENTRIES } from '../../extension/shared/history.js';
import { translator, flatten, formerUsernamesText, renamedText } from '../../extension/shared/i18n.js';
import { at, locale, report, entry } from './lib/history-fixtures.mjs';


test('a renamed account\'s history goes on under the new name: first count, reading, former name; the old name says where it went', () => {
  let h = putEntry(emptyHistory(), entry('old.shop', 0, { count: 500 }));
  h = putEntry(h, entry('old.shop', 3, { count: 800 }));
  h = withGone(h, 'old.shop', at(5));  // its page checked once the name was gone, before the new one
  h = putEntry(h, entry('bystander', 4, { id: '777' }));
  // A check of the new name reads the same account (its id): the old entry moves.
  const moved = withRename(h, 'New.Shop', '4242');
  assert.deepEqual(moved.from, ['old.shop']);
  const e = moved.history.entries['new.shop'];
  assert.equal(moved.history.entries['old.shop'], undefined, 'one entry per account: the old name leaves');
  assert.deepEqual(Object.keys(moved.history.entries).sort(), ['bystander', 'new.shop']);
  assert.deepEqual(e.former_usernames, ['old.shop']);
  assert.equal(e.username, 'new.shop');
  assert.equal(e.report.username, 'new.shop', 'the report names the profile it is kept under');
  assert.deepEqual([e.fake_percent, e.follower_count, e.computed_at], [20, 800, at(3)], 'the last reading comes along');
  assert.deepEqual(e.first_seen, { follower_count: 500, at: at(0), user_id: '4242' });
  assert.equal(e.gone_at, undefined, 'the account lives on: not gone');
  assert.deepEqual(validateEntry(e).entry, e, 'a valid entry as stored');
  // The check's own reading then goes in: the first count and the former name stay with it, and
  // the then-and-now line compares with the account's first check.
  h = putEntry(moved.history, entry('new.shop', 9, { count: 2600 }));
  const now = h.entries['new.shop'];
  assert.deepEqual(now.first_seen, { follower_count: 500, at: at(0), user_id: '4242' });
  assert.deepEqual(now.former_usernames, ['old.shop']);
  assert.deepEqual(followerChange(now.first_seen, currentCount(now)), { from: 500, at: at(0), to: 2600 });
  // The old name, answered 404: no entry to mark gone there, but the account's new name is known.
  assert.equal(withGone(h, 'old.shop', at(10)), null);
  assert.equal(renamedTo(h, 'old.shop'), 'new.shop');
  assert.equal(renamedTo(h, 'OLD.Shop'), 'new.shop', 'names are not case-sensitive');
  assert.equal(renamedTo(h, 'never.seen'), null);
  // Searching the history for the old name finds the account.
  assert.deepEqual(listEntries(h, 'old.sh').map((x) => x.username), ['new.shop']);
  // Checked again under its new name: nothing else holds the id, nothing moves.
  assert.equal(withRename(h, 'new.shop', '4242'), null);
});

test('renamed twice, or kept under two old names: one entry, the earliest first count, the names newest first', () => {
  let h = putEntry(emptyHistory(), entry('first.name', 0, { count: 100 }));
  h = putEntry(h, entry('second.name', 5, { count: 300 }));   // from before renames were followed: two entries
  h = withRename(h, 'third.name', '4242').history;
  const e = h.entries['third.name'];
  assert.deepEqual(Object.keys(h.entries), ['third.name']);
  assert.deepEqual(e.former_usernames, ['second.name', 'first.name']);
  assert.deepEqual([e.follower_count, e.first_seen.follower_count], [300, 100]);
  // And on again: the names of the entry that moved come with it, the newest first.
  h = withRename(h, 'fourth.name', '4242').history;
  assert.deepEqual(h.entries['fourth.name'].former_usernames, ['third.name', 'second.name', 'first.name']);
  // Back to an old name: that name leaves the list (it is the current one).
  h = withRename(h, 'first.name', '4242').history;
  assert.deepEqual(h.entries['first.name'].former_usernames, ['fourth.name', 'third.name', 'second.name']);
  // At most MAX_FORMER, the newest kept.
  let many = putEntry(emptyHistory(), entry('n0', 0));
  for (let i = 1; i <= MAX_FORMER + 3; i++) many = withRename(many, `n${i}`, '4242').history;
  const last = many.entries[`n${MAX_FORMER + 3}`];
  assert.equal(last.former_usernames.length, MAX_FORMER);
  assert.equal(last.former_usernames[0], `n${MAX_FORMER + 2}`);
});

test('an audited result moves as it is, and keeps the count the new name\'s check read beside it', () => {
  let h = putEntry(emptyHistory(), entry('old.shop', 0, { count: 500 }));
  h = putEntry(h, entry('old.shop', 2, { count: 520, confidence: 'audited' }));
  h = withRename(h, 'new.shop', '4242').history;
  assert.equal(h.entries['new.shop'].confidence, 'audited');
  h = withLatestCount(h, report('new.shop', { count: 3000 }), at(8));
  const e = h.entries['new.shop'];
  assert.deepEqual([e.confidence, e.follower_count, e.latest_count.follower_count, e.first_seen.follower_count], ['audited', 520, 3000, 500]);
  assert.deepEqual(e.former_usernames, ['old.shop']);
});

test('a username taken over by another account inherits nothing of the previous owner\'s', () => {
  // @old.shop (id 4242) renamed to @new.shop; another account (id 999) takes @old.shop.
  let h = putEntry(emptyHistory(), entry('old.shop', 0, { count: 500 }));
  h = withRename(h, 'new.shop', '4242').history;
  assert.equal(withRename(h, 'old.shop', '999'), null, 'no entry holds the newcomer\'s id');
  h = putEntry(h, entry('old.shop', 6, { id: '999', count: 40000 }));
  const squatter = h.entries['old.shop'];
  assert.deepEqual(squatter.first_seen, { follower_count: 40000, at: at(6), user_id: '999' });
  assert.equal(squatter.former_usernames, undefined);
  assert.deepEqual(h.entries['new.shop'].first_seen.follower_count, 500, 'the renamed account keeps its own');
  // Gone again, it is the newcomer's entry that is marked gone, not a rename.
  assert.equal(withGone(h, 'old.shop', at(7)).entries['old.shop'].gone_at, at(7));
  // The old rule stays: a name's new owner never takes the first count of the old one.
  let g = putEntry(emptyHistory(), entry('taken', 0, { count: 300, id: '111' }));
  g = putEntry(g, { ...entry('taken', 1, { id: '111' }), former_usernames: ['earlier'] });
  g = putEntry(g, entry('taken', 4, { count: 45000, id: '222' }));
  assert.deepEqual(g.entries.taken.first_seen, { follower_count: 45000, at: at(4), user_id: '222' });
  assert.equal(g.entries.taken.former_usernames, undefined, 'nor the old owner\'s former names');
  // An entry under the new name of yet another account (the name's owner before) is replaced, not merged.
  let k = putEntry(emptyHistory(), entry('old.shop', 0, { count: 500 }));
  k = putEntry(k, entry('new.shop', 1, { count: 70000, id: '555' }));
  const r = withRename(k, 'new.shop', '4242');
  assert.deepEqual([r.history.entries['new.shop'].first_seen.follower_count, r.history.entries['new.shop'].follower_count], [500, 500]);
  // Entries naming no account (an id never read) never move: nobody can say they are the same.
  const noId = putEntry(emptyHistory(), entry('old.shop', 0, { id: null }));
  assert.equal(withRename(noId, 'new.shop', '4242'), null);
  assert.equal(withRename(h, 'new.shop', null), null);
  assert.equal(withRename(h, 'new.shop', 'x<1>'), null);
});

test('former_usernames: kept through export and import, checked on import with the entry and field named, and in the CSV', () => {
  let h = putEntry(emptyHistory(), entry('old.shop', 0));
  h = withRename(h, 'new.shop', '4242').history;
  h = withRename(h, 'newer.shop', '4242').history;
  const back = importJson(exportJson(h, 0));
  assert.deepEqual(back.history, h, 'round trip');
  assert.deepEqual(migrate(h).history, h, 'as stored');
  // A file's names are lowercased as its usernames are; its own name and repeats are dropped.
  const doc = (former) => JSON.stringify({ format: 'fakemeter-history', schema: 2, entries: [{ ...h.entries['newer.shop'], former_usernames: former }] });
  assert.deepEqual(importJson(doc(['Old.Shop', 'old.shop', 'newer.shop'])).history.entries['newer.shop'].former_usernames, ['old.shop']);
  assert.equal(importJson(doc([])).history.entries['newer.shop'].former_usernames, undefined);
  for (const bad of ['old.shop', [3], ['bad name'], ['<b>'], Array.from({ length: MAX_FORMER + 1 }, (_, i) => `n${i}`), null]) {
    const r = importJson(doc(bad));
    assert.equal(r.kind, 'entry', JSON.stringify(bad));
    assert.match(r.error, /entries\[0\]\.former_usernames must be a list of at most 20 Instagram usernames/, JSON.stringify(bad));
  }
  // A stored entry of that kind is set aside whole, with where and why; the others stay.
  const stored = { schema: 2, entries: { ...h.entries, 'odd.one': { ...h.entries['newer.shop'], username: 'odd.one', former_usernames: 'x' } } };
  const m = migrate(stored);
  assert.deepEqual(Object.keys(m.history.entries), ['newer.shop']);
  assert.deepEqual(m.aside.map((i) => i.key), ['entries.odd.one']);
  assert.match(m.aside[0].reason, /entries\.odd\.one\.former_usernames/);
  // The CSV: the names, newest first, separated by spaces; empty for an account never renamed.
  h = putEntry(h, entry('plain', 1, { id: '1' }));
  const rows = exportCsv(h).trim().split('\r\n').map((r) => r.split(','));
  const col = CSV_COLUMNS.indexOf('former_usernames');
  assert.equal(rows[0][col], 'former_usernames');
  const byName = Object.fromEntries(rows.slice(1).map((r) => [r[0], r[col]]));
  assert.deepEqual(byName, { 'newer.shop': 'new.shop old.shop', plain: '' });
});

test('a history stored before former names were kept loads unchanged, and a rename adds no entry (the 5,000 limit holds)', () => {
  const old = { schema: 2, entries: { 'a.shop': { ...entry('a.shop', 0), first_seen: undefined } } };
  delete old.entries['a.shop'].first_seen;
  const m = migrate(old);
  assert.deepEqual(m.aside, []);
  assert.equal('former_usernames' in m.history.entries['a.shop'], false);
  let full = emptyHistory();
  for (let i = 0; i < MAX_ENTRIES; i++) full.entries[`p${i}`] = entry(`p${i}`, 0, { id: String(10_000 + i) });
  full = withRename(full, 'renamed.p0', '10000').history;
  assert.equal(Object.keys(full.entries).length, MAX_ENTRIES);
  assert.deepEqual(overflow(putEntry(full, entry('renamed.p0', 2, { id: '10000' }))).aside, []);
});

test('names such as "__proto__" move like any other, in a map without a prototype', () => {
  let h = putEntry(emptyHistory(), entry('__proto__', 0, { count: 10 }));
  h = withRename(h, 'constructor', '4242').history;
  assert.deepEqual(Object.keys(h.entries), ['constructor']);
  assert.deepEqual(h.entries.constructor.former_usernames, ['__proto__']);
  assert.equal(Object.getPrototypeOf(h.entries), null);
  assert.equal(renamedTo(h, '__proto__'), 'constructor');
  assert.deepEqual(migrate(JSON.parse(JSON.stringify(h))).history.entries.constructor.former_usernames, ['__proto__']);
});

test('the words: "Formerly @old" and the old name\'s page, in every language', () => {
  const want = { en: ['Formerly @b.b, @a.a', 'renamed to @new.shop'], de: ['Früher @b.b, @a.a', 'in @new.shop umbenannt'],
    fr: ['Anciennement @b.b, @a.a', 'renommé @new.shop'], nl: ['Voorheen @b.b, @a.a', 'heet nu @new.shop'] };
  for (const [lang, [former, renamed]] of Object.entries(want)) {
    const t = translator(flatten(locale(lang)), {}, lang);
    assert.equal(formerUsernamesText(t, ['b.b', 'a.a']), former, lang);
    assert.ok(renamedText(t, 'new.shop').includes(renamed), `${lang}: ${renamedText(t, 'new.shop')}`);
    assert.equal(formerUsernamesText(t, []), null);
    assert.ok(renamedText(t, 'new.shop', { short: true }).endsWith('@new.shop'), lang);
  }
});
