// Which history changes carry a new reading of a profile for its other tabs (shared/reading-change.js
// newReadingOf): a tab on the profile went on showing the audit's result after another tab
// re-checked it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newReadingOf, followsReading, takesReading, renamedNow } from '../../extension/shared/reading-change.js';

const history = (entries) => ({ schema: 2, entries });
const entry = (over = {}) => ({ username: 'lena.bakes', computed_at: 1000, rough: false, confidence: 'instant', report: {}, ...over });

test('a new reading of the profile in the history is followed; other changes, and other profiles\', are not', () => {
  const was = history({ 'lena.bakes': entry({ confidence: 'audited' }), 'marco.travels': entry({ username: 'marco.travels' }) });
  const now = history({ ...was.entries, 'lena.bakes': entry({ computed_at: 2000 }) });
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: now } }, 'lena.bakes').computed_at, 2000);
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: now } }, 'marco.travels'), null, 'another profile: untouched');
  assert.equal(newReadingOf({ history: { newValue: now } }, 'lena.bakes').computed_at, 2000, 'a first reading');
  // The same reading written again (a follower count read beside an audit's result, marked gone,
  // its report dropped for space), a reading of the page's counts alone, a deletion: none.
  const later = history({ ...was.entries, 'lena.bakes': entry({ confidence: 'audited', latest_count: { follower_count: 9, at: 3 } }) });
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: later } }, 'lena.bakes'), null);
  const rough = history({ 'lena.bakes': entry({ computed_at: 2000, rough: true }) });
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: rough } }, 'lena.bakes'), null);
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: history({}) } }, 'lena.bakes'), null);
  assert.equal(newReadingOf({ history: { oldValue: was } }, 'lena.bakes'), null);
  assert.equal(newReadingOf({ 'audit:lena.bakes': { newValue: {} } }, 'lena.bakes'), null, 'no history change');
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: now } }, 'constructor'), null, 'no such entry');
  const odd = history(Object.fromEntries([['constructor', entry({ username: 'constructor', computed_at: 5 })]]));
  assert.equal(newReadingOf({ history: { oldValue: was, newValue: odd } }, 'constructor').computed_at, 5);
  // A history of an older shape (schema 1's bare array) names no entry.
  assert.equal(newReadingOf({ history: { oldValue: null, newValue: [{ u: 'lena.bakes', t: 1 }] } }, 'lena.bakes'), null);
});

// Which views of a tab take a newer stored reading (followsReading): a tab "retrying at …" (or
// showing a failed check) went on saying so after another tab of the profile read it, and then
// asked Instagram again.
const reading = entry({ computed_at: 5000 });
const report = (computedAt) => ({ model: { kind: 'report', computedAt, report: {} } });
const state = (s, over = {}) => ({ model: { kind: 'state', state: s, retryAt: null, ...over } });

test('a tab waiting on Instagram, or whose check failed, takes another tab\'s full reading; one with a result takes only a later one', () => {
  for (const s of ['rate_limited', 'changed', 'engine_failed', 'challenge', 'logged_out', 'storage_full', 'unreadable']) {
    assert.equal(followsReading(state(s), reading), true, s);
  }
  assert.equal(followsReading(state('rate_limited', { retryAt: 9000 }), reading), true, '"retrying at …": a retry pending');
  assert.equal(followsReading(state('rate_limited', { tries: 5 }), reading), true, 'no longer retried');
  assert.equal(followsReading(state('rate_limited', { cap: 200, retryAt: 9000 }), reading), true, 'held by the hourly cap');
  assert.equal(followsReading({ model: { kind: 'idle' } }, reading), true, 'not checked yet (automatic checks off)');
  // A result in view: a later reading only (its own check's entry is a moment older than its answer).
  assert.equal(followsReading(report(4000), reading), true);
  assert.equal(followsReading(report(5000), reading), false);
  assert.equal(followsReading(report(6000), reading), false);
});

test('a tab does not take a reading while its own check\'s request is out, an audit runs, or Instagram said what the profile is', () => {
  assert.equal(followsReading({ ...state('rate_limited'), asking: true }, reading), false, 'its own answer comes');
  assert.equal(followsReading({ ...state('rate_limited'), auditing: true }, reading), false, 'an audit runs in view');
  assert.equal(followsReading({ ...report(4000), auditing: true }, reading), false);
  assert.equal(followsReading({ model: { kind: 'loading' } }, reading), false, 'its own check under way');
  for (const s of ['private', 'not_found', 'renamed', 'no_posts', 'hidden_likes', 'new_account', 'insufficient', 'outdated', 'loading']) {
    assert.equal(followsReading(state(s), reading), false, s);
  }
  assert.equal(followsReading({ model: null }, reading), false);
  assert.equal(takesReading({}), false);
  // Only a full reading: not the page's counts alone, nor an entry without its report or time.
  for (const e of [null, undefined, 'x', entry({ computed_at: 5000, rough: true }), entry({ computed_at: 5000, report: null }),
    entry({ computed_at: 'soon' })]) {
    assert.equal(followsReading(state('rate_limited'), e), false, JSON.stringify(e));
  }
});

// A tab told the profile is not found kept saying so when another tab of it read the profile in
// full later (the name back in use, Instagram's 404 passed): the later reading takes its place; a
// reading made before the tab was told (`at`: overlay.js setState) does not outrank what Instagram
// said. A private profile is shown as a report (its states say private): a later reading takes its
// place as any report's does.
test('a tab told the profile is not found takes a reading made after it was told, never one made before; a private one\'s report a later one', () => {
  const gone = (at) => state('not_found', { at });
  assert.equal(followsReading(gone(4000), reading), true, 'told before the reading');
  assert.equal(followsReading(gone(5000), reading), false, 'told as the reading was made');
  assert.equal(followsReading(gone(6000), reading), false, 'told after the reading');
  assert.equal(followsReading(state('not_found'), reading), false, 'no time it was told: stays');
  assert.equal(followsReading({ ...gone(4000), asking: true }, reading), false, 'its own check\'s answer comes');
  assert.equal(followsReading(gone(4000), entry({ computed_at: 5000, rough: true })), false, 'the counts alone');
  const privateReport = { model: { kind: 'report', computedAt: 4000, report: { states: ['private'] } } };
  assert.equal(followsReading(privateReport, reading), true, 'a private profile\'s report');
  // What else Instagram said of the profile stays, whenever the reading.
  assert.equal(followsReading(state('outdated', { at: 4000 }), reading), false, 'outdated');
});

// A tab told "Renamed, now @new", "no posts" or "too new" kept saying so when another tab read the
// profile later. Each is what the profile was when the tab was told: a reading made after it takes
// its place (the old name in use again; posts since; older now), one made before does not.
test('"renamed", "no posts" and "too new" give way to a reading made after the tab was told, never one made before', () => {
  for (const s of ['renamed', 'no_posts', 'new_account']) {
    assert.equal(followsReading(state(s, { at: 4000, renamedTo: 'new.shop' }), reading), true, `${s}: told before the reading`);
    assert.equal(followsReading(state(s, { at: 6000 }), reading), false, `${s}: told after`);
    assert.equal(followsReading(state(s), reading), false, `${s}: no time it was told`);
    assert.equal(followsReading({ ...state(s, { at: 4000 }), asking: true }, reading), false, `${s}: its own answer comes`);
  }
  // As they reach a tab today, "no posts" and "too new" are a report's states: a later reading
  // already took their place, an earlier one does not.
  for (const s of ['no_posts', 'new_account']) {
    const shown = (computedAt) => ({ model: { kind: 'report', computedAt, report: { states: [s] } } });
    assert.equal(followsReading(shown(4000), reading), true, s);
    assert.equal(followsReading(shown(6000), reading), false, s);
  }
});

test('"Renamed, now @new" follows the account when it is renamed again; other changes name no new name', () => {
  const named = (username, formers, at = 1000) => entry({ username, former_usernames: formers, computed_at: at });
  const was = history({ 'new.shop': named('new.shop', ['old.shop']) });
  const again = history({ 'newer.shop': named('newer.shop', ['new.shop', 'old.shop'], 2000) });
  assert.equal(renamedNow({ history: { oldValue: was, newValue: again } }, 'old.shop'), 'newer.shop');
  assert.equal(renamedNow({ history: { oldValue: was, newValue: again } }, 'OLD.shop'), 'newer.shop', 'names are not case-sensitive');
  assert.equal(renamedNow({ history: { newValue: was } }, 'old.shop'), 'new.shop', 'a first rename');
  // The same name (a new reading of @new.shop), another name's, a history emptied or damaged: none.
  const reread = history({ 'new.shop': named('new.shop', ['old.shop'], 3000) });
  assert.equal(renamedNow({ history: { oldValue: was, newValue: reread } }, 'old.shop'), null);
  assert.equal(renamedNow({ history: { oldValue: was, newValue: again } }, 'other.shop'), null);
  assert.equal(renamedNow({ history: { oldValue: was, newValue: history({}) } }, 'old.shop'), null);
  assert.equal(renamedNow({ history: { oldValue: was, newValue: { entries: { x: null } } } }, 'old.shop'), null);
  assert.equal(renamedNow({ 'audit:old.shop': { newValue: {} } }, 'old.shop'), null, 'no history change');
});
