// A username taken over by another account (taken.js, history.js displacedBy and withRename's
// `kept`, set-aside.js, store.js putHistoryEntry and moveRenamed): the entry of the account that
// had the name is kept aside, not overwritten, and comes back when that account is read under a
// new name (its first count, its audit's result, the taken name among its former ones); the page
// and popup of the name say where the earlier account went; storage too full loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { at, locale, report as plainReport } from './lib/history-fixtures.mjs';

const fake = installFakeChrome();
const { data } = fake;
const { size } = fake;
const store = await import('../../extension/background/store.js');
const { entryFromReport, putEntry, emptyHistory, withRename, displacedBy, followerChange, currentCount } =
  await import('../../extension/shared/history.js');
const { takenItem, keptFor, earlierOwner } = await import('../../extension/shared/taken.js');
const { normalizeAside, addAside, removeAside, asideSummary, MAX_ASIDE, MAX_TAKEN } = await import('../../extension/shared/set-aside.js');
const { translator, flatten, earlierOwnerText } = await import('../../extension/shared/i18n.js');

const report = (username, opts = {}) => plainReport(username, { reasons: [{ signal: 's', severity: 'low', text: 'y'.repeat(500) }], ...opts });
const entry = (username, n, opts) => entryFromReport(report(username, opts), { computedAt: at(n) }).entry;
const clear = () => { for (const k of Object.keys(data)) delete data[k]; fake.quota = Infinity; };

test('pure: the entry another account would replace is named, kept as an aside item of its account, and comes back under its new name', () => {
  // @a checked twice as account 111 (500 followers at first, audited since), then another account (222) took @a.
  let h = putEntry(emptyHistory(), entry('a', 0, { id: '111', count: 500 }));
  h = putEntry(h, entry('a', 2, { id: '111', count: 520, confidence: 'audited', pct: 31 }));
  const squatter = entry('a', 5, { id: '222', count: 40000 });
  const old = displacedBy(h, squatter);
  assert.equal(old, h.entries.a, 'the old owner\'s entry is what a check of the new one would replace');
  assert.equal(displacedBy(h, entry('a', 6, { id: '111' })), null, 'the same account replaces nothing of another');
  assert.equal(displacedBy(h, entry('a', 6, { id: null })), null, 'an id not known says nothing');
  assert.equal(displacedBy(h, entry('b', 6, { id: '222' })), null, 'nothing under the name');
  const item = takenItem(old, '222');
  assert.deepEqual([item.key, item.user_id, item.taken, item.value.report], ['entries.a', '111', 'a', null]);
  assert.match(item.reason, /^the name @a now belongs to another account \(id 222\): the entry of the account that had it \(id 111\) is kept here/);
  assert.deepEqual({ ...item.value, report: old.report }, old, 'the entry as it was, without its full report (numbers, result, first count)');
  // As stored and read back; the new owner's entry takes the name.
  const list = normalizeAside(JSON.parse(JSON.stringify(addAside([], [item], at(5)))));
  assert.deepEqual([list[0].user_id, list[0].taken], ['111', 'a']);
  h = putEntry(h, squatter);
  assert.equal(h.entries.a.first_seen.follower_count, 40000, 'the new owner starts afresh');
  // Account 111 read as @b: its entry comes back from the aside list, the history goes on from it.
  const kept = keptFor(list, '111');
  assert.equal(kept.length, 1);
  assert.deepEqual(keptFor(list, '222'), []);
  const moved = withRename(h, 'b', '111', kept.map((i) => i.entry));
  const b = moved.history.entries.b;
  assert.deepEqual(moved.from, [], 'nothing left the history itself');
  assert.equal(moved.displaced, null);
  assert.deepEqual([b.confidence, b.fake_percent, b.follower_count, b.former_usernames], ['audited', 31, 520, ['a']]);
  assert.deepEqual(b.first_seen, { follower_count: 500, at: at(0), user_id: '111' });
  assert.equal(moved.history.entries.a, h.entries.a, 'the new owner of @a keeps its own entry');
  const now = putEntry(moved.history, entry('b', 9, { id: '111', count: 900 })).entries.b;
  assert.deepEqual(followerChange(now.first_seen, currentCount(now)), { from: 500, at: at(0), to: 900 }, 'then and now from @a\'s first check');
  // Without what was kept aside (the old code), there was nothing to move.
  assert.equal(withRename(h, 'b', '111'), null);
});

test('pure: a rename onto a name another account held sets that one aside too; the account back under its own name takes it back', () => {
  let h = putEntry(emptyHistory(), entry('a', 0, { id: '111', count: 500 }));
  h = putEntry(h, entry('b', 1, { id: '555', count: 70000 }));
  const moved = withRename(h, 'b', '111');
  assert.equal(moved.displaced, h.entries.b, 'the earlier owner of @b leaves the name, for the caller to keep aside');
  assert.deepEqual(moved.from, ['a']);
  // @a back with its first owner (111) after another account (222) had it.
  let g = putEntry(emptyHistory(), entry('a', 0, { id: '111', count: 500 }));
  const list = addAside([], [takenItem(g.entries.a, '222')], at(3));
  g = putEntry(g, entry('a', 3, { id: '222', count: 9 }));
  const back = withRename(g, 'a', '111', keptFor(list, '111').map((i) => i.entry));
  assert.equal(back.displaced, g.entries.a, 'the second owner is set aside in turn');
  assert.deepEqual([back.history.entries.a.first_seen.follower_count, back.history.entries.a.former_usernames], [500, undefined]);
});

test('set-aside: taken items keep their account and name through storage, are listed with the name, leave the list when taken back, and the cap holds', () => {
  const e = entry('a', 0, { id: '111' });
  const item = takenItem(e, '222');
  const list = addAside([{ key: 'history[0]', reason: 'unreadable', at: 1, value: 3 }], [item], at(1));
  assert.deepEqual(asideSummary(list).items.map((i) => i.taken ?? null), [null, 'a']);
  // Stored values of another shape are no taken item (and so never taken back), but stay aside.
  const odd = normalizeAside([{ ...item, at: 1, user_id: 'x<1>' }, { ...item, at: 1, taken: 'Bad Name!' }, { ...item, at: 1, value: { username: 3 } }]);
  assert.deepEqual(odd.map((i) => i.taken ?? null), [null, null, 'a']);
  assert.deepEqual(keptFor(odd, '111'), [], 'a value that is no entry is not brought back');
  assert.equal(removeAside(list, [{ ...list[1] }]).length, 1);
  assert.equal(removeAside(list, [takenItem(entry('z', 0, { id: '9' }), '1')]), null);
  let full = [];
  for (let i = 0; i < MAX_ASIDE + 5; i++) full = addAside(full, [takenItem(entry(`n${i}`, i, { id: String(1000 + i) }), '1')], i);
  assert.equal(full.length, MAX_TAKEN, 'at most MAX_TAKEN kept, the oldest going first');
  assert.equal(full[0].taken, 'n5');
});

test('set-aside: a flood of unreadable items pushes out no entry set aside for a taken name; taken names past their own cap push out older taken names only', () => {
  // Two accounts' entries set aside (their names taken), then far more unreadable items than the cap.
  let list = addAside([], [takenItem(entry('a', 0, { id: '111' }), '222'), takenItem(entry('b', 0, { id: '333' }), '444')], at(1));
  for (let i = 0; i < MAX_ASIDE + 50; i++) list = addAside(list, [{ key: `history[${i}]`, reason: 'unreadable', value: i }], at(2) + i);
  assert.deepEqual(list.filter((i) => i.taken).map((i) => i.taken), ['a', 'b'], 'the taken names\' entries stay');
  assert.deepEqual(keptFor(list, '111').map((i) => i.entry.username), ['a'], 'and still come back');
  const others = list.filter((i) => !i.taken);
  assert.equal(others.length, MAX_ASIDE, 'the other kinds keep their own cap');
  assert.equal(others[0].key, 'history[50]', 'the oldest of them going first');
  // Taken names past MAX_TAKEN: the oldest taken go, no unreadable item does.
  for (let i = 0; i < MAX_TAKEN + 3; i++) list = addAside(list, [takenItem(entry(`n${i}`, i, { id: String(1000 + i) }), '1')], at(3) + i);
  const taken = list.filter((i) => i.taken);
  assert.equal(taken.length, MAX_TAKEN);
  assert.deepEqual(taken.slice(0, 2).map((i) => i.taken), ['n3', 'n4'], 'a, b and the three oldest n* went');
  assert.equal(list.filter((i) => !i.taken).length, MAX_ASIDE, 'no unreadable item pushed out by taken ones');
  // Unreadable items past the cap again: still no taken one goes.
  list = addAside(list, [{ key: 'history', reason: 'schema 3', value: { schema: 3 } }], at(9));
  assert.deepEqual([list.filter((i) => i.taken).length, list.filter((i) => !i.taken).length, list.at(-1).key], [MAX_TAKEN, MAX_ASIDE, 'history']);
});

test('store: a check setting an entry aside keeps it with the list full of unreadable items, and unreadable items read later do not push it out', async () => {
  clear();
  data.history_set_aside = Array.from({ length: MAX_ASIDE }, (_, i) => ({ key: `history[${i}]`, reason: 'unreadable', at: i, value: i }));
  data.history = putEntry(emptyHistory(), entry('x', 0, { id: '111', count: 500 }));
  await store.putHistoryEntry(entry('x', 5, { id: '222', count: 9000 }));
  assert.deepEqual(keptFor(await store.getAside(), '111').map((i) => i.entry.first_seen.follower_count), [500]);
  // The stored history damaged since in many places: each read sets the damage aside.
  data.history = { schema: 2, entries: { ...data.history.entries, ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`bad${i}`, { username: 3, n: i }])) } };
  await store.getHistory();
  const list = await store.getAside();
  assert.equal(list.filter((i) => !i.taken).length, MAX_ASIDE);
  assert.deepEqual(keptFor(list, '111').map((i) => i.entry.username), ['x'], 'the account\'s only copy of its history is still there');
});

test('what the name\'s page and popup say: the earlier account moved (its new name), or kept aside; never of the account itself', () => {
  let h = putEntry(emptyHistory(), entry('a', 0, { id: '222' }));
  const aside = addAside([], [takenItem(entry('a', 0, { id: '111' }), '222')], at(1));
  assert.deepEqual(earlierOwner(h, aside, 'a', '222'), { aside: true });
  assert.equal(earlierOwner(h, [], 'a', '222'), null);
  assert.equal(earlierOwner(h, aside, 'a', '111'), null, 'the account kept aside is no earlier owner of its own name');
  h = putEntry(h, { ...entry('b', 2, { id: '111' }), former_usernames: ['a'] });
  assert.deepEqual(earlierOwner(h, [], 'A', '222'), { movedTo: 'b' });
  assert.equal(earlierOwner(h, [], 'a', '111'), null);
  const want = {
    en: ['Another account had this name before; it is now @b, and its history moved there.', 'kept aside', '@a now belongs to another account'],
    de: ['Ein anderes Konto hatte diesen Namen vorher; es heißt jetzt @b, und sein Verlauf ist dorthin umgezogen.', 'beiseitegelegt', '@a gehört jetzt einem anderen Konto'],
    fr: ['Un autre compte portait ce nom auparavant\u202f; il s\'appelle maintenant @b, et son historique l\'a suivi.', 'gardé à part', '@a appartient maintenant à un autre compte\u00a0:'],
    nl: ['Een ander account had deze naam eerder; het heet nu @b, en zijn geschiedenis is meeverhuisd.', 'apart bewaard', '@a is nu van een ander account'],
  };
  for (const [lang, [moved, aside2, item]] of Object.entries(want)) {
    const t = translator(flatten(locale(lang)), {}, lang);
    assert.equal(earlierOwnerText(t, { movedTo: 'b' }), moved, lang);
    assert.ok(earlierOwnerText(t, { aside: true }).includes(aside2), `${lang}: ${earlierOwnerText(t, { aside: true })}`);
    assert.ok(t('asideTaken', '@a').startsWith(item), `${lang}: ${t('asideTaken', '@a')}`);
    assert.equal(earlierOwnerText(t, null), null);
  }
});

test('store: a check of the name\'s new owner keeps the old owner\'s entry aside; the old owner read under a new name takes it back', async () => {
  clear();
  await store.putHistoryEntry(entry('a', 0, { id: '111', count: 500 }));
  await store.putHistoryEntry(entry('a', 5, { id: '222', count: 40000 }));
  assert.equal(data.history.entries.a.report.user_id, '222', 'the new owner has the name');
  const aside = await store.getAside();
  assert.deepEqual(aside.map((i) => [i.key, i.user_id, i.taken, i.value.first_seen.follower_count]), [['entries.a', '111', 'a', 500]]);
  // The same account again adds nothing aside.
  await store.putHistoryEntry(entry('a', 6, { id: '222', count: 40001 }));
  assert.equal((await store.getAside()).length, 1);
  const b = await store.moveRenamed('b', '111');
  assert.deepEqual([b.username, b.former_usernames, b.first_seen.follower_count], ['b', ['a'], 500]);
  assert.deepEqual(await store.getAside(), [], 'it left the aside list');
  assert.equal(data.history.entries.a.report.user_id, '222');
  assert.equal(await store.moveRenamed('b', '111'), null, 'once moved, nothing more to move');
});

test('store: storage too full to keep the old owner\'s entry aside saves nothing and says so; a failed move keeps the item aside', async () => {
  clear();
  await store.putHistoryEntry(entry('a', 0, { id: '111', count: 500 }));
  // Its full report dropped for space already: nothing left to make room from.
  data.history.entries.a.report = null;
  const before = structuredClone(data);
  fake.quota = size() + 50;   // no room for the aside item
  await assert.rejects(store.putHistoryEntry(entry('a', 5, { id: '222', count: 40000 })), /QUOTA_BYTES/);
  assert.deepEqual(data, before, 'the old owner\'s entry stays where it was, nothing written');
  // Room made for the aside item (the old entry's report dropped), not for the new owner's entry:
  // the old one is both aside and in place, and kept once when the save is tried again.
  clear();
  await store.putHistoryEntry(entry('a', 0, { id: '111', count: 500 }));
  fake.quota = size() + 600;
  await assert.rejects(store.putHistoryEntry(entry('a', 5, { id: '222', count: 40000 })), /quota/i);
  assert.equal(data.history.entries.a.first_seen.user_id, '111', 'still in place');
  assert.equal((await store.getAside()).length, 1);
  fake.quota = Infinity;
  await store.putHistoryEntry(entry('a', 5, { id: '222', count: 40000 }));
  assert.equal((await store.getAside()).length, 1, 'not kept twice');
  // Too little room to save the move back (no report left to drop): the item stays aside.
  data.history.entries.a.report = null;
  fake.quota = size() + 10;
  await assert.rejects(store.moveRenamed('b', '111'), /quota/i);
  assert.equal((await store.getAside()).length, 1, 'still kept aside');
  assert.equal(data.history.entries.b, undefined);
  fake.quota = Infinity;
});
