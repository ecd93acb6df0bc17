// The background's history handlers (handlers.js) over a stored history of renamed and taken-over
// names, with storage.local in memory: deleting an account forgets its audit under a former name
// that another account holds now, and that one only; importing a file whose @x is another account
// than the stored @x keeps the stored one aside (nothing the user had is lost), and an imported
// entry of an account kept here under another name joins that account's entry; the popup's wait
// names the audit that drew it.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const data = {};
globalThis.chrome = {
  runtime: { getURL: (p) => `chrome-extension://test/${p}`, id: 'test' },
  i18n: { getUILanguage: () => 'en' },
  storage: {
    local: {
      async get(key) {
        if (key === null) return structuredClone(data);
        return key in data ? { [key]: structuredClone(data[key]) } : {};
      },
      async set(items) { Object.assign(data, structuredClone(items)); },
      async remove(keys) { for (const k of [].concat(keys)) delete data[k]; },
    },
  },
};
const { privilegedHandlers: handle } = await import('../../extension/background/handlers.js');
const { entryFromReport, putEntry, emptyHistory, exportJson } = await import('../../extension/shared/history.js');

const DAY = 24 * 3600 * 1000;
const at = (n) => 1_790_000_000_000 + n * DAY;

function report(username, { pct = 20, count = 1000, id = '4242', confidence = 'instant' } = {}) {
  return {
    username, full_name: 'Shop', status: 'ok', states: [], fake_percent: pct, ci_low: pct - 5, ci_high: pct + 5, confidence,
    grade: 'fair', follower_count: count, reasons: [], ...(id ? { user_id: id } : {}),
  };
}
const entry = (username, n, opts) => entryFromReport(report(username, opts), { computedAt: at(n) }).entry;
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
