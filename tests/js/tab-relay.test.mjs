// The background's relay of storage changes to the Instagram tabs (background/tab-relay.js): the
// tabs no longer listen to storage.onChanged, which handed each of them the whole history (up to
// 5,000 entries with their reports) twice per check; they get the keys they follow, and of the
// history only the entries whose reading changed, in the shape their handlers read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { changesForTabs, tabRelay, INSTAGRAM_TABS } from '../../extension/background/tab-relay.js';
import { newReadingOf, renamedNow, newerCountOf, entryAfter, READ_FIELDS } from '../../extension/shared/reading-change.js';
import { putEntry, withGone, withLatestCount, withRename, deleteEntries, shrink, MAX_ENTRIES } from '../../extension/shared/history.js';
import { STORAGE_CHANGED } from '../../extension/shared/messages.js';
import { writtenChanges, readingsOf } from '../../extension/background/written-changes.js';
import { at, entry, report, historyOf } from './lib/history-fixtures.mjs';

// A full history: MAX_ENTRIES profiles, each with its report (reasons to weigh something), each
// its own account.
const reasons = Array.from({ length: 6 }, (_, i) => ({ id: `reason.${i}`, severity: 'medium', params: { n: i } }));
const names = Array.from({ length: MAX_ENTRIES }, (_, i) => `profile.${i}`);
const full = historyOf(names.map((u, i) => entry(u, i % 300, { id: String(1000 + i), reasons })));
const storedAs = (h) => structuredClone(h);  // (storage hands out copies: no object is shared)
const change = (was, now) => ({ history: { oldValue: storedAs(was), newValue: storedAs(now) } });
const relayedNames = (c) => {
  const h = changesForTabs(c)?.history;
  return h ? [...new Set([...Object.keys(h.oldValue?.entries || {}), ...Object.keys(h.newValue?.entries || {})])].sort() : [];
};

// What a tab reads of a history change (content/main.js onHistoryChanged), for every name, is the
// same from the relayed change as from the whole one.
function readsAlike(c) {
  const relayed = changesForTabs(c) || {};
  const h = c.history;
  // (Every name the relayed change holds or names, and a sample of the others: renamedNow over the
  // whole history for all 5,000 took seconds.)
  const all = new Set(names.filter((_, i) => i % 250 === 0));
  for (const v of [relayed.history?.oldValue, relayed.history?.newValue]) for (const u of Object.keys(v?.entries || {})) all.add(u);
  for (const v of [h.oldValue, h.newValue]) for (const e of Object.values(v?.entries || {})) (e.former_usernames || []).forEach((n) => all.add(n));
  for (const u of all) {
    assert.deepEqual(newReadingOf(relayed, u), newReadingOf(c, u), `newReadingOf ${u}`);
    assert.equal(renamedNow(relayed, u), renamedNow(c, u), `renamedNow ${u}`);
  }
}

test('a history of 5,000 entries where one got a new reading: that entry alone goes to the tabs, old and new', () => {
  const now = putEntry(full, entry('profile.42', 400, { id: '1042', reasons }));
  const c = change(full, now);
  const out = changesForTabs(c);
  assert.deepEqual(Object.keys(out), ['history']);
  assert.deepEqual(Object.keys(out.history.newValue.entries), ['profile.42']);
  assert.deepEqual(Object.keys(out.history.oldValue.entries), ['profile.42']);
  assert.equal(out.history.newValue.schema, full.schema);
  assert.deepEqual(out.history.newValue.entries['profile.42'], c.history.newValue.entries['profile.42'], 'the entry as stored');
  assert.equal(newReadingOf(out, 'profile.42').computed_at, at(400));
  // A few kilobytes where the whole history was megabytes, twice.
  assert.ok(JSON.stringify(out).length * 500 < JSON.stringify(c).length, `${JSON.stringify(out).length} of ${JSON.stringify(c).length} characters`);
  readsAlike(c);
  // A first reading of a profile new to the history: it alone.
  assert.deepEqual(relayedNames(change(full, putEntry(full, entry('newcomer', 5, { id: '9' })))), ['newcomer']);
});

test('nothing goes to the tabs when no field a tab reads changed: a report dropped, an entry marked gone, a deletion', () => {
  assert.deepEqual(READ_FIELDS, ['username', 'computed_at', 'rough', 'former_usernames', 'latest_count']);
  const dropped = shrink(full, ['profile.7']);  // reports dropped for space, the named one's kept
  assert.notDeepEqual(dropped, full, 'reports were dropped');
  assert.equal(changesForTabs(change(full, dropped)), null, 'reports dropped');
  assert.equal(changesForTabs(change(full, withGone(full, 'profile.9', at(500)))), null, 'marked gone');
  assert.equal(changesForTabs(change(full, deleteEntries(full, ['profile.3', 'profile.4']))), null, 'entries deleted');
  assert.equal(changesForTabs(change(full, storedAs(full))), null, 'written again as it was');
  assert.equal(changesForTabs({ history: { oldValue: storedAs(full) } }), null, 'the history removed');
});

// A live tab showing an audited result kept the follower count of when it drew it, beside a count
// another tab's look read since (only a page restored from the back-forward cache caught up).
test('a follower count read beside an audit\'s result brings its entry, and the tab reads it as newer than the one it shows', () => {
  const audited = putEntry(full, entryFromAudit('profile.11', 300));
  const counted = withLatestCount(audited, report('profile.11', { id: '1011', count: 3000 }), at(301));
  const c = change(audited, counted);
  assert.deepEqual(relayedNames(c), ['profile.11']);
  const relayed = changesForTabs(c);
  const entry = entryAfter(relayed, 'profile.11');
  assert.equal(entry.latest_count.follower_count, 3000);
  // As the background's write relays it (written-changes.js: READ_FIELDS of each entry alone).
  const written = writtenChanges({ history: counted }, [], { before: readingsOf(audited), after: readingsOf(counted) });
  assert.deepEqual(Object.keys(written.history.newValue.entries), ['profile.11']);
  assert.deepEqual(entryAfter(written, 'profile.11'), readOfEntry(c.history.newValue.entries['profile.11']));
  assert.deepEqual(newerCountOf({ model: { kind: 'report', computedAt: at(300) } }, entryAfter(written, 'profile.11')), entry.latest_count);
  const view = { model: { kind: 'report', computedAt: at(300) }, latestCount: null };
  assert.deepEqual(newerCountOf(view, entry), newerCountOf(view, c.history.newValue.entries['profile.11']));
  assert.equal(newerCountOf(view, entry).follower_count, 3000);
  assert.equal(newReadingOf(relayed, 'profile.11'), null, 'no new reading');
  readsAlike(c);
  // The same count written again (a copy of it): nothing.
  assert.equal(changesForTabs(change(counted, storedAs(counted))), null);
});

// An entry as the relay gives it: READ_FIELDS alone.
const readOfEntry = (e) => Object.fromEntries(READ_FIELDS.filter((f) => e[f] !== undefined).map((f) => [f, e[f]]));

function entryFromAudit(u, n) {
  return { ...entry(u, n, { id: String(1000 + Number(u.split('.')[1])), reasons }), confidence: 'audited' };
}

test('each field a tab reads brings its entry: a reading of the counts alone becoming full, a rename, its old name deleted', () => {
  // rough: the same time, a full reading where there was the page's counts alone.
  const rough = { ...full, entries: { ...full.entries, 'profile.5': { ...full.entries['profile.5'], rough: true } } };
  assert.deepEqual(relayedNames(change(rough, full)), ['profile.5']);
  readsAlike(change(rough, full));
  // A rename (withRename): the new name's entry, naming the old one (the old name's going is no
  // reading: its entry named no former name).
  const moved = withRename(full, 'renamed.shop', '1020').history;
  assert.equal(moved.entries['profile.20'], undefined);
  assert.deepEqual(relayedNames(change(full, moved)), ['renamed.shop']);
  assert.equal(renamedNow(changesForTabs(change(full, moved)), 'profile.20'), 'renamed.shop', 'the old name\'s page says where it went');
  readsAlike(change(full, moved));
  // Renamed again: the tab saying "Renamed, now @renamed.shop" follows it.
  const again = withRename(moved, 'third.name', '1020').history;
  assert.deepEqual(relayedNames(change(moved, again)), ['renamed.shop', 'third.name']);
  assert.equal(renamedNow(changesForTabs(change(moved, again)), 'profile.20'), 'third.name');
  readsAlike(change(moved, again));
  // The entry naming a former name deleted (from the popup): another entry naming it is what it names now.
  const older = { ...moved, entries: { ...moved.entries, 'profile.10': { ...moved.entries['profile.10'], former_usernames: ['profile.20'] } } };
  assert.deepEqual(relayedNames(change(older, deleteEntries(older, ['renamed.shop']))), ['profile.10', 'renamed.shop']);
  assert.equal(renamedNow(changesForTabs(change(older, deleteEntries(older, ['renamed.shop']))), 'profile.20'), 'profile.10');
  readsAlike(change(older, deleteEntries(older, ['renamed.shop'])));
  // An older entry naming the same former name gets a new reading, the newest of them now: it is
  // compared with the other (unchanged) one, which goes along.
  const later = putEntry(older, { ...entry('profile.10', 600, { id: '1010', reasons }) });
  assert.deepEqual(later.entries['profile.10'].former_usernames, ['profile.20']);
  assert.deepEqual(relayedNames(change(older, later)), ['profile.10', 'renamed.shop']);
  assert.equal(renamedNow(changesForTabs(change(older, later)), 'profile.20'), 'profile.10');
  readsAlike(change(older, later));
});

// renamedTo picks the newest of the entries naming an old name and, between two of one time, the
// first in the history's order: the relayed entries keep that order, or a tab was told of a new
// name the account did not go by (here @a.new named both before and after the change; the relayed
// entries, in the order they were found, named @b.new before it).
test('two entries of one time naming one former name: the relayed change names the one the whole history names', () => {
  const named = (u, former) => ({ ...entry(u, 7, { id: u === 'a.new' ? '71' : '72' }), former_usernames: former });
  const was = historyOf([named('a.new', ['old']), named('b.new', ['old'])]);
  const now = { ...was, entries: { ...was.entries, 'b.new': named('b.new', ['other']) } };
  const c = change(was, now);
  assert.equal(renamedNow(c, 'old'), null, 'the premise: the whole history names @a.new before and after');
  assert.equal(renamedNow(changesForTabs(c), 'old'), null);
  assert.deepEqual(Object.keys(changesForTabs(c).history.oldValue.entries), ['a.new', 'b.new'], 'in the history\'s order');
});

test('settings, the scheduler and an audit\'s record go as they are; the audit\'s chunks and steps, documents and the rest do not', () => {
  const c = {
    settings: { oldValue: { autoRun: true }, newValue: { autoRun: false } },
    scheduler: { newValue: { times: [1, 2] } },
    'audit:lena.bakes': { oldValue: { status: 'running' }, newValue: { status: 'done' } },
    'auditpart:lena.bakes:followers.lite:0': { newValue: [1, 2, 3] },
    'auditstep:lena.bakes': { newValue: { nextId: 3 } },
    'doc:lena.bakes': { newValue: { big: 'x'.repeat(1000) } },
    history_set_aside: { newValue: [] },
    instantslots: { newValue: {} },
  };
  assert.deepEqual(changesForTabs(c), { settings: c.settings, scheduler: c.scheduler, 'audit:lena.bakes': c['audit:lena.bakes'] });
  assert.equal(changesForTabs({ 'auditpart:x:full:0': { newValue: 1 } }), null);
});

// A fake tabs API: `open` tabs, each answering by `answer(tab)` (a function throwing: the send fails).
function fakeTabs(open, answer = () => ({})) {
  const sent = [], queries = [];
  return {
    sent, queries,
    async query(q) { queries.push(q); return open; },
    async sendMessage(id, message, options) { sent.push({ id, message, options }); return answer(open.find((t) => t.id === id)); },
  };
}

test('the relay sends to the Instagram tabs, once per change, in order; a tab with no content script is skipped unsaid, other failures are said', async () => {
  const warned = [];
  const tabs = fakeTabs([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4, discarded: true }], (t) => {
    if (t.id === 2) throw new Error('Could not establish connection. Receiving end does not exist.');
    if (t.id === 3) throw new Error('something else');
    return {};
  });
  const relay = tabRelay(tabs, { warn: (...a) => warned.push(a.join(' ')) });
  const now = putEntry(full, entry('profile.42', 400, { id: '1042', reasons }));
  const first = relay(change(full, now), 'local');
  const second = relay({ settings: { newValue: { autoRun: false } } }, 'local');
  await Promise.all([first, second]);
  assert.deepEqual(tabs.queries, [{ url: INSTAGRAM_TABS }, { url: INSTAGRAM_TABS }]);
  assert.equal(INSTAGRAM_TABS, 'https://www.instagram.com/*');
  assert.deepEqual(tabs.sent.map((s) => s.id), [1, 2, 3, 1, 2, 3], 'the discarded tab is not sent to; the history change first');
  assert.ok(tabs.sent.every((s) => s.message.what === STORAGE_CHANGED && s.options.frameId === 0));
  assert.deepEqual(Object.keys(tabs.sent[0].message.changes.history.newValue.entries), ['profile.42']);
  assert.deepEqual(tabs.sent[3].message.changes, { settings: { newValue: { autoRun: false } } });
  assert.equal(warned.length, 2, 'the tab with no receiver unsaid, the other failure said each time');
  assert.ok(warned.every((w) => /something else/.test(w)));
  // Nothing a tab follows, another area: no tab is asked about.
  await relay({ 'auditstep:x': { newValue: {} } }, 'local');
  await relay({ settings: { newValue: {} } }, 'session');
  assert.equal(tabs.queries.length, 2);
});
