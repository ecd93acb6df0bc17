// Which history changes carry a new reading of a profile for its other tabs (shared/reading-change.js
// newReadingOf): a tab on the profile went on showing the audit's result after another tab
// re-checked it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newReadingOf } from '../../extension/shared/reading-change.js';

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
