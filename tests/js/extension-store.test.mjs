// The background store against a fake chrome.storage.local with a byte quota: a full storage
// drops old full reports (keeping every entry's numbers) instead of losing the new result;
// the previous schema is migrated and written back once.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const data = {};
let quota = Infinity;
const size = () => JSON.stringify(data).length;
globalThis.chrome = {
  runtime: { getURL: (p) => `chrome-extension://test/${p}`, id: 'test' },
  i18n: { getUILanguage: () => 'en' },
  storage: {
    local: {
      async get(key) { return key in data ? { [key]: structuredClone(data[key]) } : {}; },
      async set(items) {
        const backup = structuredClone(data);
        Object.assign(data, structuredClone(items));
        if (size() > quota) {
          for (const k of Object.keys(data)) delete data[k];
          Object.assign(data, backup);
          throw new Error('QUOTA_BYTES quota exceeded');
        }
      },
      async remove(keys) { for (const k of [].concat(keys)) delete data[k]; },
    },
  },
};
const store = await import('../../extension/background/store.js');
const { entryFromReport } = await import('../../extension/shared/history.js');

function report(username, pct) {
  return { username, full_name: 'x', status: 'ok', states: [], fake_percent: pct, ci_low: pct - 1, ci_high: pct + 1,
    confidence: 'instant', grade: 'fair', follower_count: 10, reasons: [{ signal: 's', severity: 'low', text: 'y'.repeat(2000) }] };
}

test('a full storage drops old full reports, keeps every entry and saves the new one', async () => {
  for (const k of Object.keys(data)) delete data[k];
  quota = Infinity;
  for (let i = 0; i < 20; i++) await store.putHistoryEntry(entryFromReport(report(`user${i}`, 10 + i), { computedAt: i }).entry);
  quota = size() + 500;   // nearly full: the next full report (2 kB) does not fit as is
  const r = await store.putHistoryEntry(entryFromReport(report('newest', 42), { computedAt: 100 }).entry);
  assert.equal(r.shrunk, true);
  const h = await store.getHistory();
  assert.equal(Object.keys(h.entries).length, 21, 'no entry lost');
  assert.ok(h.entries.newest.report, 'the new result keeps its report');
  assert.equal(h.entries.user0.report, null, 'the oldest report was dropped');
  assert.equal(h.entries.user0.fake_percent, 10, 'but not its numbers');
  assert.ok(size() <= quota);
});

test('when even summaries do not fit, the quota error comes out (the caller reports it)', async () => {
  quota = 200;   // far too small for even the summaries
  await assert.rejects(store.putHistoryEntry(entryFromReport(report('another_one', 5), { computedAt: 200 }).entry), /quota/i);
  assert.equal((await store.getHistory()).entries.another_one, undefined);
});

test('schema 1 in storage is migrated and written back as schema 2', async () => {
  for (const k of Object.keys(data)) delete data[k];
  quota = Infinity;
  data.history = [{ u: 'old_one', pct: 30, lo: 20, hi: 40, t: 5 }];
  const h = await store.getHistory();
  assert.equal(h.entries.old_one.fake_percent, 30);
  assert.equal(data.history.schema, 2);
  assert.equal(data.history.entries.old_one.ci_high, 40);
});

test('the lock runs read-modify-writes one after another', async () => {
  const order = [];
  await Promise.all([1, 2, 3].map((n) => store.locked(async () => {
    order.push(`start${n}`);
    await new Promise((r) => setTimeout(r, 5));
    order.push(`end${n}`);
  })));
  assert.deepEqual(order, ['start1', 'end1', 'start2', 'end2', 'start3', 'end3']);
});
