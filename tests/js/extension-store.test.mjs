// The background store against a fake chrome.storage.local with a byte quota: a full storage
// drops old full reports (keeping every entry's numbers) instead of losing the new result;
// the previous schema is migrated and written back once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './lib/fake-chrome.mjs';

const fake = installFakeChrome();
const { data } = fake;
const { size } = fake;
const store = await import('../../extension/background/store.js');
const { entryFromReport } = await import('../../extension/shared/history.js');

function report(username, pct) {
  return { username, full_name: 'x', status: 'ok', states: [], fake_percent: pct, ci_low: pct - 1, ci_high: pct + 1,
    confidence: 'instant', grade: 'fair', follower_count: 10, reasons: [{ signal: 's', severity: 'low', text: 'y'.repeat(2000) }] };
}

test('a full storage drops old full reports, keeps every entry and saves the new one', async () => {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  for (let i = 0; i < 20; i++) await store.putHistoryEntry(entryFromReport(report(`user${i}`, 10 + i), { computedAt: i }).entry);
  fake.quota = size() + 500;   // nearly full: the next full report (2 kB) does not fit as is
  const r = await store.putHistoryEntry(entryFromReport(report('newest', 42), { computedAt: 100 }).entry);
  assert.equal(r.shrunk, true);
  const h = await store.getHistory();
  assert.equal(Object.keys(h.entries).length, 21, 'no entry lost');
  assert.ok(h.entries.newest.report, 'the new result keeps its report');
  assert.equal(h.entries.user0.report, null, 'the oldest report was dropped');
  assert.equal(h.entries.user0.fake_percent, 10, 'but not its numbers');
  assert.ok(size() <= fake.quota);
});

test('when even summaries do not fit, the quota error comes out (the caller reports it)', async () => {
  fake.quota = 200;   // far too small for even the summaries
  await assert.rejects(store.putHistoryEntry(entryFromReport(report('another_one', 5), { computedAt: 200 }).entry), /quota/i);
  assert.equal((await store.getHistory()).entries.another_one, undefined);
});

test('schema 1 in storage is migrated and written back as schema 2', async () => {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
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

test('a write that does not fit drops cached documents first, then finished audits, then old reports; never a running or resumable audit or the result being saved', async () => {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  for (let i = 0; i < 10; i++) await store.putHistoryEntry(entryFromReport(report(`user${i}`, 10 + i), { computedAt: i }).entry);
  await store.putDoc('user8', 'd'.repeat(3000));
  await store.putDoc('user9', 'd'.repeat(3000));
  data['audit:user9'] = { username: 'user9', status: 'cancelled', lite: 'a'.repeat(1000) };
  fake.quota = size() + 500;
  // An audit write needing ~3 kB: the oldest document goes, nothing else.
  await store.saveAuditAndScheduler({ username: 'user7', status: 'running', lite: 'x'.repeat(2500) }, null);
  assert.equal(data['doc:user8'], undefined, 'the oldest cached document made room');
  assert.ok(data['doc:user9'], 'the newer one stayed');
  assert.deepEqual(data.docs, ['user9']);
  assert.ok(Object.values(data.history.entries).every((e) => e.report), 'no report dropped while a document could go');
  // The next one needs more than documents can give (user7's own document is kept): old reports go.
  await store.putDoc('user7', 'd'.repeat(100));
  const r = await store.write({ 'audit:user7': { username: 'user7', status: 'running', lite: 'x'.repeat(9000) } });
  assert.equal(r.shrunk, true);
  assert.equal(data.history.entries.user0.report, null);
  assert.equal(data.history.entries.user0.fake_percent, 10, 'numbers kept');
  assert.ok(data['doc:user7'], "the audit's own document stays");
  assert.equal(data['audit:user9'].lite.length, 1000, 'a resumable audit is never dropped');
  // Finished audits (their results in the history) go before any report: the one updated longest ago first.
  for (const e of Object.values(data.history.entries)) if (!e.report) e.report = { username: e.username };
  data['audit:old'] = { username: 'old', status: 'done', updatedAt: 1, lite: 'o'.repeat(3000) };
  data['audit:newer'] = { username: 'newer', status: 'stopped', updatedAt: 2, lite: 'n'.repeat(3000) };
  data['audit:running'] = { username: 'running', status: 'running', updatedAt: 0, lite: 'r'.repeat(3000) };
  // Stopped by a login page, updated before any other: the panel offers to resume it, so it stays.
  data['audit:login'] = { username: 'login', status: 'stopped', stopReason: 'logged_out', updatedAt: 0, lite: 'l'.repeat(3000) };
  fake.quota = size() + 500;
  const room = await store.write({ 'audit:user7': { username: 'user7', status: 'running', lite: 'x'.repeat(11500) } });
  assert.equal(room.shrunk, false, 'no report dropped');
  assert.equal(data['audit:old'], undefined, 'the oldest finished audit made room');
  assert.ok(data['audit:newer'] && data['audit:running'] && data['audit:user9'], 'the newer finished, the running and the resumable stay');
  assert.ok(data['audit:login'], 'an audit stopped by a login page (resumable) stays');
  assert.ok(Object.values(data.history.entries).every((e) => e.report), 'every report kept');
  // Saving a new result never drops its own report: with nothing else to drop, the quota error comes out.
  for (const e of Object.values(data.history.entries)) e.report = null;
  delete data['audit:newer'];
  fake.quota = size() + 100;
  await assert.rejects(store.putHistoryEntry(entryFromReport(report('user10', 1), { computedAt: 50 }).entry), /quota/i);
  assert.equal(data.history.entries.user10, undefined);
});

test('an unreadable entry copied aside leaves the stored history: discarded, it does not come back at the next read', async () => {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  await store.putHistoryEntry(entryFromReport(report('user0', 10), { computedAt: 1 }).entry);
  data.history.entries.broken = { username: 'broken', fake_percent: 'lots', computed_at: 5 };
  const h = await store.getHistory();
  assert.deepEqual(Object.keys(h.entries), ['user0']);
  assert.equal(data.history.entries.broken, undefined, 'written back without it once its copy is kept');
  assert.deepEqual((await store.getAside()).map((i) => i.key), ['entries.broken']);
  await store.clearAside();
  await store.getHistory();
  assert.deepEqual(await store.getAside(), [], 'the discard holds');
  assert.deepEqual(Object.keys(data.history.entries), ['user0']);
});

test('what storage is too full to copy aside stays where it is: no save writes over it; discarding it keeps the readable entries', async () => {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  for (let i = 0; i < 3; i++) await store.putHistoryEntry(entryFromReport(report(`user${i}`, 10 + i), { computedAt: i }).entry);
  // One entry damaged in storage, too large to copy aside in what is left.
  data.history.entries.broken = { username: 'broken', fake_percent: 'lots', computed_at: 5, blob: 'z'.repeat(20_000) };
  fake.quota = size() + 1000;
  const h = await store.getHistory();
  assert.deepEqual(Object.keys(h.entries).sort(), ['user0', 'user1', 'user2']);
  assert.deepEqual(store.heldItems().map((i) => i.key), ['entries.broken']);
  await assert.rejects(store.putHistoryEntry(entryFromReport(report('newest', 42), { computedAt: 100 }).entry), /QUOTA_BYTES/);
  assert.ok(data.history.entries.broken, 'not written over');
  await store.clearAside();
  assert.deepEqual(Object.keys(data.history.entries).sort(), ['user0', 'user1', 'user2'], 'the readable entries kept');
  assert.deepEqual(store.heldItems(), []);
  await store.putHistoryEntry(entryFromReport(report('newest', 42), { computedAt: 100 }).entry);
  assert.ok(data.history.entries.newest, 'saved once the room is free');
  // A whole history of a later schema held in place is removed when discarded.
  fake.quota = Infinity;
  data.history = { schema: 3, entries: { a: { blob: 'z'.repeat(20_000) } } };
  fake.quota = size() + 1000;
  await store.getHistory();
  assert.deepEqual(store.heldItems().map((i) => i.key), ['history']);
  await store.clearAside();
  assert.equal(data.history, undefined);
  fake.quota = Infinity;
});

// An audit stopped before its plan, its entry saved before audit_partial was kept: only its stored
// state told that the entry's reading rests on part of the audit (history.js auditEndedEarly).
// Dropped for room, the entry read "audited", as if the audit had read all it planned.
test('a stopped audit dropped for room first marks its history entry as ended early; a finished one does not', async () => {
  const { auditEndedEarly } = await import('../../extension/shared/history.js');
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  const audited = (u, pct) => ({ ...report(u, pct), confidence: 'audited' });
  for (const [u, pct] of [['stopped.one', 20], ['done.one', 30]]) {
    await store.putHistoryEntry(entryFromReport(audited(u, pct), { computedAt: 1, audit: true }).entry);
  }
  const result = (u) => { const e = data.history.entries[u]; return { fake_percent: e.fake_percent, ci_low: e.ci_low, ci_high: e.ci_high }; };
  data['audit:stopped.one'] = { username: 'stopped.one', status: 'stopped', stopReason: 'changed', updatedAt: 1, report: result('stopped.one'), lite: 's'.repeat(3000) };
  data['audit:done.one'] = { username: 'done.one', status: 'done', updatedAt: 2, report: result('done.one'), lite: 'd'.repeat(3000) };
  assert.equal(data.history.entries['stopped.one'].audit_partial, undefined, 'saved as before audit_partial was kept');
  assert.equal(auditEndedEarly(data.history.entries['stopped.one'], data['audit:stopped.one']), true, 'told by its state');
  // An audit write needing ~2.5 kB: the stopped audit (updated first) goes.
  fake.quota = size() + 500;
  await store.saveAuditAndScheduler({ username: 'other', status: 'running', lite: 'x'.repeat(2500) }, null);
  assert.equal(data['audit:stopped.one'], undefined, 'dropped for room');
  assert.equal(data.history.entries['stopped.one'].audit_partial, true, 'its entry says it ended early');
  assert.equal(auditEndedEarly(data.history.entries['stopped.one']), true, 'also without its state');
  // A history save that needs the room: the done audit goes, and its entry stays "audited"; the
  // history saved keeps the mark of the one dropped before.
  fake.quota = size() + 200;
  await store.putHistoryEntry(entryFromReport(report('newest', 42), { computedAt: 100 }).entry);
  assert.equal(data['audit:done.one'], undefined, 'dropped for room');
  assert.equal(data.history.entries['done.one'].audit_partial, undefined, 'a done audit read its plan');
  assert.equal(data.history.entries['stopped.one'].audit_partial, true);
  assert.ok(data.history.entries.newest);
  fake.quota = Infinity;
});

// The history save that makes room by dropping a stopped audit writes the mark with it.
test('a history save that drops a stopped audit for room saves its entry marked as ended early', async () => {
  for (const k of Object.keys(data)) delete data[k];
  fake.quota = Infinity;
  await store.putHistoryEntry(entryFromReport({ ...report('stopped.two', 20), confidence: 'audited' }, { computedAt: 1, audit: true }).entry);
  const e = data.history.entries['stopped.two'];
  data['audit:stopped.two'] = { username: 'stopped.two', status: 'stopped', stopReason: 'changed', updatedAt: 1,
                                report: { fake_percent: e.fake_percent, ci_low: e.ci_low, ci_high: e.ci_high }, lite: 's'.repeat(3000) };
  fake.quota = size() + 500;
  await store.putHistoryEntry(entryFromReport(report('newest', 42), { computedAt: 100 }).entry);
  assert.equal(data['audit:stopped.two'], undefined, 'dropped for room');
  assert.equal(data.history.entries['stopped.two'].audit_partial, true, 'its entry says it ended early');
  assert.ok(data.history.entries.newest.report, 'the new reading saved');
  fake.quota = Infinity;
});
