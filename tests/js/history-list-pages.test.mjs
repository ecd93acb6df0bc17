// The popup's history list in two parts (handlers.js historyList with a limit, list-rests.js): the
// first rows of the sorted, searched list with its counts, then the rest of the same read by the
// token it was kept under; together the whole list as one ask gives it, in its order. A rest no
// longer kept (taken, dropped, a worker restarted) is answered with the whole list read again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';
import { entry } from './lib/history-fixtures.mjs';

const fake = installFakeChrome();
const { data } = fake;
const { privilegedHandlers: handle } = await import('../../extension/background/handlers.js');
const { putEntry, emptyHistory } = await import('../../extension/shared/history.js');
const { listRests } = await import('../../extension/background/list-rests.js');
const { validateMessage } = await import('../../extension/shared/messages.js');

const list = (msg) => handle['history.list'](msg);
const names = (answer) => answer.entries.map((e) => e.username);
const historyOf = (...entries) => entries.reduce((h, e) => putEntry(h, e), emptyHistory());
// Seven profiles, checked on days 1..7 (newest: g); the search "ann" finds b, d and f.
const stored = () => historyOf(...['a', 'bann', 'c', 'dann', 'e', 'fann', 'g'].map((u, i) => entry(u, i + 1)));
const reset = (history) => { for (const k of Object.keys(data)) delete data[k]; data.history = structuredClone(history); };

test('the first rows newest first with every count, then the rest of the same list from where they ended', async () => {
  reset(stored());
  const whole = await list({ query: '' });
  const first = await list({ query: '', limit: 3 });
  assert.deepEqual(names(first), ['g', 'fann', 'e']);
  assert.deepEqual([first.total, first.matched, first.audited, first.from], [7, 7, 0, 0]);
  assert.equal(typeof first.rest, 'string');
  const rest = await list({ query: '', rest: first.rest });
  assert.equal(rest.from, 3);
  assert.deepEqual([...names(first), ...names(rest)], names(whole), 'one list, in the whole list\'s order');
  assert.ok(rest.entries.every((e) => e.report === undefined), 'no reports sent, as in the whole list');
});

test('a search: the first rows and the rest of what it finds; total counts the whole history', async () => {
  reset(stored());
  const first = await list({ query: 'ANN', limit: 2 });
  assert.deepEqual(names(first), ['fann', 'dann']);
  assert.deepEqual([first.total, first.matched], [7, 3]);
  assert.deepEqual(names(await list({ query: 'ANN', rest: first.rest })), ['bann']);
});

test('a limit at or past what is found leaves no rest', async () => {
  reset(stored());
  const first = await list({ query: 'ann', limit: 3 });
  assert.deepEqual([names(first).length, first.rest], [3, null]);
  const none = await list({ query: 'zzz', limit: 100 });
  assert.deepEqual([none.entries, none.rest, none.matched, none.total], [[], null, 0, 7]);
});

test('the rest is of the read the first rows came from: a change between the two asks neither repeats nor drops a row', async () => {
  reset(stored());
  const first = await list({ query: '', limit: 3 });
  // A newer profile comes first now and pushes the others down; the popup, told of the change,
  // draws again: until then, its two parts are one list.
  data.history = putEntry(data.history, entry('h', 8));
  const rest = await list({ query: '', rest: first.rest });
  assert.deepEqual([...names(first), ...names(rest)], ['g', 'fann', 'e', 'dann', 'c', 'bann', 'a']);
  const again = await list({ query: '', limit: 3 });
  assert.deepEqual(names(again), ['h', 'g', 'fann'], 'the next ask reads the history as it is now');
});

test('a rest taken already, unknown, or asked for another search: the whole list read again, from 0', async () => {
  reset(stored());
  const first = await list({ query: '', limit: 3 });
  await list({ query: '', rest: first.rest });
  data.history = putEntry(data.history, entry('h', 8));
  const again = await list({ query: '', rest: first.rest });
  assert.equal(again.from, 0);
  assert.deepEqual(names(again), ['h', 'g', 'fann', 'e', 'dann', 'c', 'bann', 'a'], 'the history as it is now');
  assert.deepEqual(names(await list({ query: '', rest: 'no-such-token' })).length, 8);
  const searched = await list({ query: 'ann', limit: 1 });
  const other = await list({ query: '', rest: searched.rest });
  assert.deepEqual([other.from, names(other).length], [0, 8], 'a rest of "ann" is not the rest of everything');
});

test('a limit that is not a positive integer is refused, saying what it must be; a rest with a limit too', async () => {
  reset(stored());
  for (const limit of [0, -1, 2.5, '3', null, NaN, Infinity]) {
    await assert.rejects(list({ query: '', limit }), /history\.list: limit must be a positive integer, not /, String(limit));
    assert.equal(validateMessage({ what: 'history.list', limit }, 'privileged').ok, false, `the message with ${limit}`);
  }
  await assert.rejects(list({ query: '', limit: 0 }), /not 0$/);
  await assert.rejects(list({ query: '', limit: '3' }), /not "3"$/);
  await assert.rejects(list({ query: '', limit: 3, rest: 'x' }), /a rest is asked without a limit/);
  assert.ok(validateMessage({ what: 'history.list', query: '', limit: 100 }, 'privileged').ok);
  assert.ok(validateMessage({ what: 'history.list', query: '', rest: crypto.randomUUID() }, 'privileged').ok);
  assert.equal(validateMessage({ what: 'history.list', rest: '<b>' }, 'privileged').ok, false);
});

test('rests kept: taken once, for their own search, the oldest dropped past the most kept, each dropped after its time', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let n = 0;
  const rests = listRests({ keptMs: 1000, max: 2, newToken: () => `t${++n}` });
  const a = rests.keep('', 3, ['x']);
  assert.equal(rests.take(a, 'other'), null, 'another search\'s');
  assert.deepEqual(rests.take(a, ''), { from: 3, entries: ['x'] });
  assert.equal(rests.take(a, ''), null, 'taken once');
  const b = rests.keep('', 1, ['b']);
  const c = rests.keep('', 1, ['c']);
  const d = rests.keep('', 1, ['d']);
  assert.equal(rests.take(b, ''), null, 'the oldest went');
  assert.equal(rests.size, 2);
  t.mock.timers.tick(999);
  assert.deepEqual(rests.take(c, ''), { from: 1, entries: ['c'] });
  t.mock.timers.tick(1);
  assert.equal(rests.take(d, ''), null, 'not asked for in its time');
  assert.equal(rests.size, 0);
});
