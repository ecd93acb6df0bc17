// The background's history handlers (handlers.js) over a stored history of renamed and taken-over
// names, with storage.local in memory: deleting an account forgets its audit under a former name
// that another account holds now, and that one only; importing a file whose @x is another account
// than the stored @x keeps the stored one aside (nothing the user had is lost), and an imported
// entry of an account kept here under another name joins that account's entry; the popup's wait
// names the audit that drew it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { at, entry, report } from './lib/history-fixtures.mjs';

const fake = installFakeChrome();
const { data } = fake;
const { privilegedHandlers: handle } = await import('../../extension/background/handlers.js');
const { putEntry, emptyHistory, exportJson } = await import('../../extension/shared/history.js');

const reset = (stored) => { for (const k of Object.keys(data)) delete data[k]; Object.assign(data, structuredClone(stored)); };
const historyOf = (...entries) => entries.reduce((h, e) => putEntry(h, e), emptyHistory());
// An audit's working state as stored (only what deleting reads: whose it is).
const audit = (username, userId) => ({ v: 1, username, userId, status: 'done', updatedAt: at(1) });

test('delete: the account\'s audit under a former name another account holds now goes; that account\'s entry, document and audit stay', async () => {
  // Account 111 audited as @old, renamed to @new (its entry moved, the audit's working state stayed
  // under @old); account 222 took @old since and was checked there.
  const renamed = { ...entry('new', 5, { id: '111' }), former_usernames: ['old'] };
  const stored = { history: historyOf(renamed, entry('old', 6, { id: '222' })), 'audit:old': audit('old', '111'),
                   'audit:new': audit('new', '111'), 'doc:old': '{"theirs":1}', docs: ['old'] };
  reset(stored);
  await handle['history.delete']({ usernames: ['new'] });
  assert.equal(data['audit:old'], undefined, 'the deleted account\'s audit under its former name');
  assert.equal(data['audit:new'], undefined);
  assert.deepEqual(Object.keys(data.history.entries), ['old'], 'the other account keeps its entry');
  assert.equal(data['doc:old'], '{"theirs":1}', 'and the document cached under the name it holds');
  assert.deepEqual(data.docs, ['old']);
  // The audit under @old is the other account's own: it stays.
  reset({ ...stored, 'audit:old': audit('old', '222') });
  await handle['history.delete']({ usernames: ['new'] });
  assert.deepEqual(data['audit:old'], audit('old', '222'));
  // No entry under the former name (as before): its audit and document go with the account.
  reset({ ...stored, history: historyOf(renamed) });
  await handle['history.delete']({ usernames: ['new'] });
  assert.deepEqual([data['audit:old'], data['doc:old'], data.docs], [undefined, undefined, []]);
});

// Delete all's question counted the audits by the results in the history: an audit still running,
// paused, or ended early with no result yet (stored under its name, or a former name of its account)
// was deleted unsaid. Every stored audit Delete all deletes is counted, once per profile.
test('the list counts, for Delete all, every profile with an audit stored, with a result yet or not', async () => {
  const running = (username, userId) => ({ ...audit(username, userId), status: 'running' });
  const renamed = { ...entry('new', 5, { id: '111' }), former_usernames: ['old'] };
  const audited = { ...entry('done', 5, { id: '333' }), confidence: 'audited', audit_at: at(5) };
  reset({ history: historyOf(entry('plain', 5, { id: '444' }), entry('paused', 5, { id: '555' }), renamed, audited),
          'audit:paused': { ...audit('paused', '555'), status: 'paused' }, 'audit:old': running('old', '111'),
          'audit:done': audit('done', '333') });
  const list = await handle['history.list']({ query: 'plain' });
  assert.deepEqual([list.total, list.audited], [4, 3], 'paused, renamed (its audit under @old) and done; not plain');
  // Another account's audit under a former name is not this one's.
  reset({ history: historyOf(renamed), 'audit:old': running('old', '999') });
  assert.equal((await handle['history.list']({ query: '' })).audited, 0);
});

const { MAX_ASIDE, MAX_TAKEN } = await import('../../extension/shared/set-aside.js');
const { keptFor, takenItem } = await import('../../extension/shared/taken.js');
const { translator, flatten, SUPPORTED } = await import('../../extension/shared/i18n.js');
const fs = await import('node:fs');
const fileOf = (...entries) => exportJson(historyOf(...entries), at(30));
const aside = () => data.history_set_aside || [];

test('import: a file\'s newer @x of another account takes the name; the stored @x is set aside as a check does, and said', async () => {
  // Account 111 checked as @x (500 followers at first, audited since); the file has @x as account 222, later.
  let mine = putEntry(emptyHistory(), entry('x', 0, { id: '111', count: 500 }));
  mine = putEntry(mine, entry('x', 2, { id: '111', count: 520, confidence: 'audited', pct: 31 }));
  reset({ history: mine });
  const r = await handle['history.import']({ text: fileOf(entry('x', 5, { id: '222', count: 9000 })) });
  assert.deepEqual([r.imported, r.takenAside, r.otherOwner, r.joined, r.newerKept], [1, 1, 0, 0, 0]);
  assert.equal(data.history.entries.x.report.user_id, '222', 'the newer reading holds the name');
  assert.equal(data.history.entries.x.first_seen.follower_count, 9000, 'inheriting nothing');
  // Kept, not lost: as a taken item of account 111, findable by withRename's `kept` (keptFor).
  assert.deepEqual(aside().map((i) => [i.key, i.user_id, i.taken]), [['entries.x', '111', 'x']]);
  const kept = keptFor(aside(), '111')[0].entry;
  assert.deepEqual([kept.confidence, kept.fake_percent, kept.first_seen.follower_count], ['audited', 31, 500]);
});

test('import: a file\'s older @x of another account leaves the stored, newer @x as it is and is said not imported', async () => {
  const mine = historyOf(entry('x', 5, { id: '222', count: 9000 }));
  reset({ history: mine });
  const r = await handle['history.import']({ text: fileOf(entry('x', 1, { id: '111', count: 500 })) });
  assert.deepEqual([r.imported, r.takenAside, r.otherOwner, r.newerKept], [0, 0, 1, 0], 'not "a newer result of it was kept"');
  assert.deepEqual(data.history, JSON.parse(JSON.stringify(mine)));
  assert.deepEqual(aside(), []);
});

test('import: with the set-aside list full of taken names\' entries, a file\'s @x of another account is left out rather than push its oldest items out', async () => {
  const full = Array.from({ length: MAX_TAKEN }, (_, i) => takenItem(entry(`t${i}`, 0, { id: String(1000 + i) }), '1'))
    .map((i, n) => ({ ...i, at: n }));
  const mine = historyOf(entry('x', 0, { id: '111' }));
  reset({ history: mine, history_set_aside: full });
  const r = await handle['history.import']({ text: fileOf(entry('x', 5, { id: '222' }), entry('y', 5, { id: '333' })) });
  assert.deepEqual([r.imported, r.takenAside, r.otherOwner], [1, 0, 1]);
  assert.equal(data.history.entries.x.report.user_id, '111');
  assert.equal(data.history.entries.y.report.user_id, '333', 'the rest of the file goes in');
  assert.deepEqual(aside(), JSON.parse(JSON.stringify(full)));
});

test('import: a set-aside list full of unreadable items leaves room for the stored @x a file\'s newer @x displaces', async () => {
  const full = Array.from({ length: MAX_ASIDE }, (_, i) => ({ key: `history[${i}]`, reason: 'unreadable', at: i, value: i }));
  reset({ history: historyOf(entry('x', 0, { id: '111', count: 500 })), history_set_aside: full });
  const r = await handle['history.import']({ text: fileOf(entry('x', 5, { id: '222' })) });
  assert.deepEqual([r.imported, r.takenAside, r.otherOwner], [1, 1, 0]);
  assert.equal(data.history.entries.x.report.user_id, '222');
  assert.deepEqual(aside().slice(0, MAX_ASIDE), full, 'no unreadable item pushed out');
  assert.deepEqual(keptFor(aside(), '111').map((i) => i.entry.first_seen.follower_count), [500]);
});

test('import: an entry of an account kept here under another name joins that account\'s entry, under its newest name', async () => {
  // Account 111: @old in the file (first checked with 300 followers), @new here since the rename.
  const mine = historyOf(entry('new', 5, { id: '111', count: 800 }));
  reset({ history: mine });
  let r = await handle['history.import']({ text: fileOf(entry('old', 1, { id: '111', count: 300 })) });
  assert.deepEqual([r.imported, r.joined], [1, 1]);
  assert.deepEqual(Object.keys(data.history.entries), ['new'], 'one entry per account');
  const e = data.history.entries.new;
  assert.deepEqual([e.follower_count, e.first_seen.follower_count, e.first_seen.at, e.former_usernames], [800, 300, at(1), ['old']],
    'the newest reading, the earliest first count, the file\'s name among the former ones');
  // A file newer than the history (renamed again since, read elsewhere): the entry goes on under the file's name.
  r = await handle['history.import']({ text: fileOf(entry('newest', 9, { id: '111', count: 950 })) });
  assert.deepEqual(Object.keys(data.history.entries), ['newest']);
  const n = data.history.entries.newest;
  assert.deepEqual([n.follower_count, n.first_seen.follower_count, n.former_usernames], [950, 300, ['new', 'old']]);
  // Another account holds the file's name here, newer: the account's entry stays where it is, the name a former one.
  reset({ history: historyOf(entry('new', 5, { id: '111' }), entry('old', 6, { id: '222' })) });
  r = await handle['history.import']({ text: fileOf(entry('old', 1, { id: '111' })) });
  assert.deepEqual([r.joined, r.takenAside, data.history.entries.old.report.user_id, data.history.entries.new.former_usernames],
    [1, 0, '222', ['old']]);
});

test('import: a backup made before a rename joins the account under its new name, not the old one, which stays "renamed"', async () => {
  const { renamedTo } = await import('../../extension/shared/history.js');
  // Account 111 audited as @old (day 2) and backed up; renamed @new since: the audited reading moved
  // there unchanged (same computed_at), a later look kept a count (day 5). The backup is that same reading under @old.
  const audited = { ...entry('new', 2, { id: '111', count: 600, confidence: 'audited' }), former_usernames: ['old'] };
  const looked = { ...audited, latest_count: { follower_count: 820, at: at(5) } };
  const backup = fileOf(entry('old', 2, { id: '111', count: 600, confidence: 'audited' }));
  for (const stored of [audited, looked]) {
    reset({ history: historyOf(stored) });
    const r = await handle['history.import']({ text: backup });
    assert.deepEqual([r.imported, r.joined], [1, 1]);
    assert.deepEqual(Object.keys(data.history.entries), ['new'], 'the account stays under the name it goes by');
    assert.deepEqual(data.history.entries.new.former_usernames, ['old']);
    assert.equal(renamedTo(data.history, 'old'), 'new', 'the old name\'s page says "Renamed, now @new", not "does not exist"');
  }
  // A backup of a look under @old after the one kept under @new (renamed back since): @old holds it.
  reset({ history: historyOf(looked) });
  await handle['history.import']({ text: fileOf(entry('old', 6, { id: '111', count: 830 })) });
  assert.deepEqual(Object.keys(data.history.entries), ['old']);
});

test('import wording: what happened to names that changed hands, in all four languages, with counts', () => {
  const dict = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
  const en = translator(dict('en'), {}, 'en');
  assert.equal(en('importedTakenAside', 1), 'For 1 name of the file, the entry here was of another account, which had the name before: ' +
    'it was kept aside (above), and goes back into the history when Fakemeter sees that account under its new name.');
  assert.match(en('importedOtherOwner', 2), /^2 entries of the file were not imported: another account holds their name here/);
  assert.match(en('importedJoined', 1), /^1 entry of the file was of an account kept here under another name \(renamed on Instagram\): it joined/);
  for (const l of SUPPORTED) {
    const t = translator(dict(l), {}, l);
    for (const key of ['importedTakenAside', 'importedOtherOwner', 'importedJoined']) {
      for (const n of [1, 2]) {
        const said = t(key, n);
        assert.ok(said && !/[{}$]/.test(said) && said.includes(String(n)), `${l} ${key} ${n}: ${said}`);
      }
    }
  }
});

// The set-aside list's download is for keeping and for Import JSON: it was refused there ('"format"
// must be "fakemeter-history"'), though its note said "download it to keep it".
test('import: the set-aside list\'s download goes back in through Import JSON; what could not be read stays out, said', async () => {
  const { takenItem } = await import('../../extension/shared/taken.js');
  const { overflow, MAX_ENTRIES } = await import('../../extension/shared/history.js');
  // Account 111's @x, taken by account 222 (kept aside without its full report); @y, past the history's limit; an unreadable entry.
  const taken = takenItem(entry('x', 1, { id: '111', count: 500, confidence: 'audited', pct: 31 }), '222');
  const over = overflow({ ...historyOf(entry('y', 0, { id: '333' })), entries: { ...Object.fromEntries(
    Array.from({ length: MAX_ENTRIES }, (_, i) => [`f${i}`, entry(`f${i}`, 2 + i / 1e4, { id: String(1000 + i) })])),
  y: entry('y', 0, { id: '333' }) } }).aside;
  assert.deepEqual(over.map((i) => i.key), ['entries.y']);
  const unreadable = { key: 'entries.z', reason: 'entries.z.fake_percent must be a percentage (0..100) or null', value: { username: 'z', fake_percent: 400 } };
  reset({ history: historyOf(entry('x', 3, { id: '222', count: 9000 })),
          history_set_aside: [taken, ...over, unreadable].map((i) => ({ ...i, at: at(4), value: i.value })) });
  const kinds = (await handle['history.aside']({})).kinds;
  assert.deepEqual(kinds, { taken: 1, numbers: 1, unreadable: 1 });
  const { text } = await handle['history.asideExport']({});
  assert.equal(JSON.parse(text).format, 'fakemeter-set-aside');
  reset({ history: historyOf(entry('x', 3, { id: '222', count: 9000 })) });
  const r = await handle['history.import']({ text });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.deepEqual([r.imported, r.notEntries, r.otherOwner], [1, 1, 1], '@y in; @z no entry; @x another account\'s name here, newer');
  assert.deepEqual(Object.keys(data.history.entries).sort(), ['x', 'y']);
  assert.equal(data.history.entries.x.report.user_id, '222');
  // Renamed since: account 111's entry under its new name takes the set-aside @x in ('joined').
  reset({ history: historyOf(entry('x', 3, { id: '222' }), entry('x.new', 5, { id: '111', count: 700 })) });
  const j = await handle['history.import']({ text });
  assert.equal(j.joined, 1);
  assert.deepEqual([data.history.entries['x.new'].first_seen.follower_count, data.history.entries['x.new'].former_usernames], [500, ['x']]);
  // An item naming an account and a taken name whose value is no entry: refused, its place named.
  const bad = JSON.parse(text);
  bad.items[0].value.fake_percent = 400;
  const refused = await handle['history.import']({ text: JSON.stringify(bad) });
  assert.equal(refused.error.id, 'history.import.entry');
  assert.match(refused.error.message, /items\[0\]\.value\.fake_percent must be a percentage/);
  // Neither a history nor a set-aside download: refused as before, naming both formats.
  const other = await handle['history.import']({ text: JSON.stringify({ format: 'something', entries: [] }) });
  assert.match(other.error.message, /"format" must be "fakemeter-history" \(or "fakemeter-set-aside"/);
});

test('set-aside wording: the note is true of each kind kept, and discarding says what is lost, in all four languages', async () => {
  const { asideNoteText, asideDiscardText } = await import('../../extension/shared/aside-words.js');
  const dict = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
  const en = translator(dict('en'), {}, 'en');
  const note = asideNoteText(en, 1, { taken: 1, numbers: 0, unreadable: 0 });
  assert.doesNotMatch(note, /as it was/, 'a taken name\'s entry is kept without its full report');
  assert.match(note, /not its full report/);
  assert.match(note, /back into the history by itself when Fakemeter sees that account under its new name/);
  assert.match(note, /Import JSON takes the profiles in it back into the history/);
  const damaged = asideNoteText(en, 2, { taken: 0, numbers: 0, unreadable: 2 });
  assert.match(damaged, /The 2 items that could not be read are kept as they were\./);
  assert.doesNotMatch(damaged, /Import JSON/);
  const confirm = asideDiscardText(en, 3, { taken: 2, numbers: 1, unreadable: 0 });
  assert.match(confirm, /^Discard the 3 items kept aside\? They cannot be brought back\./);
  assert.match(confirm, /2 are entries of accounts whose names other accounts took, the only copy of their history here/);
  assert.match(confirm, /1 of them the history had no room for|One of them the history had no room for/);
  assert.match(confirm, /download first/);
  assert.doesNotMatch(asideDiscardText(en, 1, { taken: 0, numbers: 0, unreadable: 1 }), /only copy|download first/);
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), dict('en'), lang);
    for (const k of [{ taken: 1, numbers: 1, unreadable: 1 }, { taken: 3, numbers: 2, unreadable: 4 }]) {
      for (const text of [asideNoteText(t, 3, k), asideDiscardText(t, 3, k)]) {
        assert.doesNotMatch(text, /\$\d|\{|\}|undefined/, `${lang}: ${text}`);
      }
    }
    assert.notEqual(asideDiscardText(t, 1, { taken: 1, numbers: 0, unreadable: 0 }), t('asideDiscardConfirm', 1), `${lang}: the loss is said`);
  }
});

// A read of the history writes it back without an entry it copied aside (store.js getHistory): the
// popup's list, read outside the store's lock, wrote that back over a delete made meanwhile, and
// the deleted profile came back. Every interleaving of the two (by microtask steps: the fake
// storage answers in promises, no timer) leaves the delete in place.
test('a list read while a damaged entry is copied aside never undoes a delete made meanwhile', async () => {
  const stored = historyOf(entry('a', 5), entry('b', 6));
  stored.entries.broken = { username: 'broken', fake_percent: 'lots', computed_at: 5 };
  const steps = async (k) => { for (let i = 0; i < k; i++) await null; };
  const undone = [];
  for (let k = 0; k < 40; k++) {
    for (const listFirst of [true, false]) {
      reset({ history: stored });
      const list = async (d) => { await steps(d); return handle['history.list']({ query: '' }); };
      const del = async (d) => { await steps(d); return handle['history.delete']({ usernames: ['b'] }); };
      await Promise.all(listFirst ? [list(0), del(k)] : [del(0), list(k)]);
      const names = Object.keys(data.history.entries);
      if (names.join() !== 'a') undone.push(`${listFirst ? 'delete' : 'list'} after ${k} steps: ${names}`);
    }
  }
  assert.deepEqual(undone, []);
});

// The CSV said "audited" of an audit cancelled half-way while the panel said "Audit ended before its
// plan": a buyer filtering on confidence took its estimate, resting on the part read, for a finished
// audit's. Cancelled (or stopped) before its plan, the row says audit-partial; finished, audited.
test('CSV export: an audit cancelled before its plan is audit-partial, a finished one audited', async () => {
  const { newAudit } = await import('../../extension/shared/audit.js');
  const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
  const { CSV_COLUMNS } = await import('../../extension/shared/history.js');
  const audited = (username, id, status) => ({
    ...newAudit({ username, userId: id, isPrivate: false, followerCount: 1000, posts: [], settings: DEFAULT_SETTINGS, now: at(1), seed: 7 }),
    status, report: report(username, { id, confidence: 'audited', pct: 30 }) });
  // The finished audit's result not in the history yet (its profile's reading alone is): the
  // export's look saves it (handlers.js keepEndedAudits).
  reset({ history: historyOf(entry('finished', 0, { id: '222' })),
          'audit:halfway': audited('halfway', '111', 'running'), 'audit:finished': audited('finished', '222', 'done') });
  // "Cancel" on each: the running audit is cancelled; the finished one stays done, the history as it is.
  assert.equal((await handle['audit.cancel']({ username: 'halfway' })).progress.status, 'cancelled');
  assert.equal((await handle['audit.cancel']({ username: 'finished' })).progress.status, 'done');
  const { text } = await handle['history.export']({ format: 'csv' });
  const rows = Object.fromEntries(text.trim().split('\r\n').slice(1).map((line) => line.split(','))
    .map((cells) => [cells[0], cells[CSV_COLUMNS.indexOf('confidence')]]));
  assert.deepEqual(rows, { halfway: 'audit-partial', finished: 'audited' });
  // Kept through the JSON export and its import.
  assert.equal(data.history.entries.halfway.audit_partial, true);
  const back = await handle['history.import']({ text: (await handle['history.export']({ format: 'json' })).text });
  assert.equal(back.error, undefined);
  assert.equal(data.history.entries.halfway.audit_partial, true);
  assert.equal(data.history.entries.finished.audit_partial, undefined);
});

// An entry saved before audit_partial was kept, of an audit cancelled before its plan, said
// "audited" in the CSV and "Audited" in the panel, and so did any entry whose audit's state was
// dropped (for room, or deleted): the state says it while it is kept (derived on read, for the
// CSV and the page alike), the stored mark once it is gone.
test('an early-ended audit\'s reading is audit-partial in the CSV and the page from its state or its mark, either alone', async () => {
  const { newAudit } = await import('../../extension/shared/audit.js');
  const { DEFAULT_SETTINGS } = await import('../../extension/shared/settings.js');
  const { CSV_COLUMNS } = await import('../../extension/shared/history.js');
  const { contentHandlers } = await import('../../extension/background/handlers.js');
  const running = { ...newAudit({ username: 'halfway', userId: '111', isPrivate: false, followerCount: 1000, posts: [], settings: DEFAULT_SETTINGS, now: at(1), seed: 7 }),
    status: 'running', report: report('halfway', { id: '111', confidence: 'audited', pct: 30 }) };
  reset({ 'audit:halfway': running });
  await handle['audit.cancel']({ username: 'halfway' });
  const confidence = async () => {
    const { text } = await handle['history.export']({ format: 'csv' });
    return text.trim().split('\r\n')[1].split(',')[CSV_COLUMNS.indexOf('confidence')];
  };
  const page = async () => (await contentHandlers['profile.cached']({ username: 'halfway' })).entry.audit_partial === true;
  // Saved before the mark was kept: its state tells.
  delete data.history.entries.halfway.audit_partial;
  assert.deepEqual([await confidence(), await page()], ['audit-partial', true]);
  assert.equal(data.history.entries.halfway.audit_partial, undefined, 'derived on read, the stored entry as it was');
  // Its state gone: the mark tells.
  const state = data['audit:halfway'];
  delete data['audit:halfway'];
  data.history.entries.halfway.audit_partial = true;
  assert.deepEqual([await confidence(), await page()], ['audit-partial', true]);
  // Neither: nothing tells, and the reading is as it was saved.
  delete data.history.entries.halfway.audit_partial;
  assert.deepEqual([await confidence(), await page()], ['audited', false]);
  // A state of another audit (another reading, or one that finished) says nothing of this reading.
  data['audit:halfway'] = { ...state, report: { ...state.report, ci_high: state.report.ci_high + 1 } };
  assert.deepEqual([await confidence(), await page()], ['audited', false]);
  data['audit:halfway'] = { ...state, status: 'done' };
  assert.deepEqual([await confidence(), await page()], ['audited', false]);
});
