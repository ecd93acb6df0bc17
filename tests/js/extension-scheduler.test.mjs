// The global request scheduler: pacing, the rolling hourly cap, back-off on 429.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptySchedulerState, reserve, heldBy, noteAnswer, claim, sent, release, onRateLimited, onSuccess, usedInLastHour, normalizeSchedulerState, capHold, countedTimes,
         waitOf, profileWait,
         HOUR_MS, BACKOFF_INTERVALS, MAX_BACKOFF_MS, SEND_CONFIRM_MS } from '../../extension/shared/scheduler.js';

const cfg = { pacingMs: 1500, hourlyCap: 200 };

test('consecutive reservations are at least the pacing interval apart', () => {
  let s = emptySchedulerState();
  const times = [];
  for (let i = 0; i < 10; i++) {
    const r = reserve(s, 1_000_000, cfg);  // all asked at the same moment (several tabs)
    s = r.state;
    times.push(r.at);
  }
  assert.equal(times[0], 1_000_000);
  for (let i = 1; i < times.length; i++) assert.equal(times[i] - times[i - 1], 1500);
});

test('a request asked for late goes at once', () => {
  let s = reserve(emptySchedulerState(), 0, cfg).state;
  const r = reserve(s, 10_000, cfg);
  assert.equal(r.at, 10_000);
  assert.equal(r.reason, 'now');
});

test('the hourly cap holds over every rolling hour', () => {
  const capCfg = { pacingMs: 10, hourlyCap: 5 };
  let s = emptySchedulerState();
  const times = [];
  for (let i = 0; i < 12; i++) { const r = reserve(s, 0, capCfg); s = r.state; times.push(r.at); }
  // Any window of an hour holds at most 5 slots.
  for (const start of times) assert.ok(times.filter((t) => t >= start && t < start + HOUR_MS).length <= 5);
  assert.equal(times[5], times[0] + HOUR_MS);
  let five = emptySchedulerState();
  for (let i = 0; i < 5; i++) five = reserve(five, 0, capCfg).state;
  assert.equal(reserve(five, 0, capCfg).reason, 'cap');
});

test('interactive requests skip pacing but count toward the cap', () => {
  let s = reserve(emptySchedulerState(), 1000, cfg).state;
  const r = reserve(s, 1001, { ...cfg, interactive: true });
  assert.equal(r.at, 1001);
  assert.equal(usedInLastHour(r.state, 2000), 2);
  // ...and do not push the next paced slot.
  assert.equal(reserve(r.state, 1002, cfg).at, 2500);
});

test('429 backs off exponentially, capped at an hour, reset by success', () => {
  let s = emptySchedulerState();
  const waits = [];
  for (let i = 0; i < 12; i++) { s = onRateLimited(s, 0, cfg); waits.push(s.backoffUntil); }
  assert.equal(waits[0], 1500 * BACKOFF_INTERVALS);
  assert.equal(waits[1], 2 * 1500 * BACKOFF_INTERVALS);
  assert.equal(waits[2], 4 * 1500 * BACKOFF_INTERVALS);
  assert.equal(waits.at(-1), MAX_BACKOFF_MS);
  const r = reserve(s, 10, cfg);
  assert.equal(r.at, MAX_BACKOFF_MS);
  assert.equal(r.reason, 'backoff');
  assert.equal(onSuccess(s).backoffLevel, 0);
  assert.equal(onRateLimited(onSuccess(s), MAX_BACKOFF_MS, cfg).backoffUntil, MAX_BACKOFF_MS + 1500 * BACKOFF_INTERVALS);
});

// Only a success ended a run of refusals, so a run broken off (the browser closed during a wait)
// made a refusal days later start at its old level. A refusal more than the longest back-off after
// the last wait ended starts anew, for the whole scheduler (429) and for a kind (5xx) alike.
test('a refusal long after the last wait ended starts a new run at the first level', () => {
  let s = emptySchedulerState();
  for (let i = 0; i < 4; i++) s = onRateLimited(s, 0, cfg);
  for (let i = 0; i < 4; i++) s = onRateLimited(s, 0, cfg, 500, 'x', 'likers');
  const ended = Math.max(s.backoffUntil, s.kindWaits.likers.until);
  const soon = ended + 60_000, later = ended + MAX_BACKOFF_MS + 1;
  assert.equal(onRateLimited(s, soon, cfg).backoffLevel, 5, 'within the gap: the same run');
  assert.equal(onRateLimited(s, later, cfg).backoffLevel, 1);
  assert.equal(onRateLimited(s, later, cfg).backoffUntil, later + 1500 * BACKOFF_INTERVALS);
  assert.equal(onRateLimited(s, soon, cfg, 500, 'x', 'likers').kindWaits.likers.level, 5);
  assert.equal(onRateLimited(s, later, cfg, 500, 'x', 'likers').kindWaits.likers.level, 1);
  assert.equal(onRateLimited(s, later, cfg, 500, 'x', 'likers').kindWaits.likers.until, later + 1500 * BACKOFF_INTERVALS);
});

test('no answer from Instagram backs off the same way, and the wait remembers why', () => {
  const a = onRateLimited(emptySchedulerState(), 0, cfg, 503);
  const b = onRateLimited(emptySchedulerState(), 0, cfg);
  assert.deepEqual({ ...a, backoffUnavailable: null }, b);  // same wait, same level
  assert.equal(a.backoffUnavailable, 503);
  assert.equal(b.backoffUnavailable, null);
  // The wait that decides `backoffUntil` names the cause: a later 429 is a rate limit again ...
  assert.equal(onRateLimited(a, 1000, cfg).backoffUnavailable, null);
  assert.equal(onRateLimited(b, 1000, cfg, 0).backoffUnavailable, 0);
  // ... but a failure whose wait ends sooner leaves the longer wait, and its cause, in place.
  const long = onRateLimited(onRateLimited(b, 0, cfg), 0, cfg);
  const after = onRateLimited(onSuccess(long), 0, cfg, 503);
  assert.deepEqual([after.backoffUntil, after.backoffUnavailable], [long.backoffUntil, null]);
});

test('what held a request back: the cap (its number from the settings), Instagram not answering, or neither', () => {
  const capCfg = { pacingMs: 10, hourlyCap: 3 };
  let s = emptySchedulerState();
  for (let i = 0; i < 3; i++) s = reserve(s, 0, capCfg).state;
  const capped = reserve(s, 0, capCfg);
  assert.equal(capped.reason, 'cap');
  assert.deepEqual(heldBy(capped, capCfg), { cap: 3 });
  assert.deepEqual(heldBy(reserve(s, 0, { ...capCfg, interactive: true }), capCfg), { cap: 3 });
  // A back-off: after Instagram did not answer its status, after a rate limit nothing.
  const down = onRateLimited(emptySchedulerState(), 0, cfg, 503);
  assert.deepEqual(heldBy(reserve(down, 1, cfg), cfg), { unavailable: 503 });
  assert.deepEqual(heldBy(reserve(onRateLimited(emptySchedulerState(), 0, cfg, 0), 1, cfg), cfg), { unavailable: 0 });
  assert.deepEqual(heldBy(reserve(onRateLimited(emptySchedulerState(), 0, cfg), 1, cfg), cfg), {});
  // The cap decides when it frees a slot later than the back-off ends.
  let full = onRateLimited(emptySchedulerState(), 0, cfg, 503);
  for (let i = 0; i < 3; i++) full = reserve(full, 0, { ...capCfg, skipBackoff: true }).state;
  assert.deepEqual(heldBy(reserve(full, 0, capCfg), capCfg), { cap: 3 });
  // Slots paced behind one the cap pushed an hour ahead (several tabs' audits) wait for the cap
  // too, not for "Instagram asked to slow down"; likewise behind a back-off's slot. Once an
  // answer arrives (the pushed slot is used), plain pacing is plain again.
  let tabs = emptySchedulerState();
  for (const t of [0, 100, 200]) tabs = reserve(tabs, t, { ...capCfg, interactive: true }).state;
  const chain = [];
  for (const t of [1000, 1001, 1002]) { const r = reserve(tabs, t, capCfg); tabs = r.state; chain.push([r.reason, heldBy(r, capCfg)]); }
  assert.deepEqual(chain, [['cap', { cap: 3 }], ['cap', { cap: 3 }], ['cap', { cap: 3 }]]);
  const reloaded = normalizeSchedulerState(JSON.parse(JSON.stringify(tabs)));
  assert.deepEqual(heldBy(reserve(reloaded, 1003, capCfg), capCfg), { cap: 3 }, 'kept across a worker restart');
  const afterDown = reserve(reserve(down, 1, cfg).state, 2, cfg);
  assert.equal(afterDown.reason, 'backoff');
  assert.deepEqual(heldBy(afterDown, cfg), { unavailable: 503 });
  const answered = noteAnswer(reserve(down, 1, cfg).state, down.backoffUntil + 5);
  assert.equal(reserve(answered, down.backoffUntil + 6, cfg).reason, 'pacing');
  // Pacing, or no wait at all: nothing to tell.
  const paced = reserve(reserve(emptySchedulerState(), 1000, cfg).state, 1000, cfg);
  assert.equal(paced.reason, 'pacing');
  assert.deepEqual(heldBy(paced, cfg), {});
  assert.deepEqual(heldBy(reserve(emptySchedulerState(), 0, cfg), cfg), {});
  // Scheduler state stored before any of this loads and holds back the same way.
  const stored = normalizeSchedulerState({ lastSlot: 5, ledger: [1, 2, 3], backoffUntil: 0, backoffLevel: 0 });
  assert.deepEqual(heldBy(reserve(stored, 10, capCfg), capCfg), { cap: 3 });
});

test('a released future slot frees its place; a past one stays counted', () => {
  const T = 1_000_000;
  let s = emptySchedulerState();
  const a = reserve(s, T, cfg); s = a.state;
  const b = reserve(s, T, cfg); s = b.state;
  assert.equal(b.at, T + 1500);
  const freed = release(s, b.at, T + 100);
  assert.equal(freed.ledger.length, 1);
  assert.equal(reserve(freed, T + 100, cfg).at, T + 1500);
  assert.equal(release(s, a.at, T + 100).ledger.length, 2);
  // Cancelled while its page waited to send it (never claimed): a due slot is given back too.
  assert.equal(release(s, a.at, T + 100, { unsent: true }).ledger.length, 1);
});

test('stored state is normalised', () => {
  assert.deepEqual(normalizeSchedulerState(null), emptySchedulerState());
  const s = normalizeSchedulerState({ lastSlot: 5, ledger: [3, 'x', 1], backoffUntil: 'no', backoffLevel: -1 });
  assert.deepEqual(s, { lastSlot: 5, lastSlotHeld: null, ledger: [1, 3], backoffUntil: 0, backoffLevel: 0, backoffUnavailable: null,
                       backoffBy: null, kindWaits: {}, lastSent: 0, sending: null });
  assert.equal(normalizeSchedulerState({ lastSlotHeld: 'cap' }).lastSlotHeld, 'cap');
  assert.equal(normalizeSchedulerState({ lastSlotHeld: 'pacing' }).lastSlotHeld, null);
  assert.equal(normalizeSchedulerState({ backoffUnavailable: 503 }).backoffUnavailable, 503);
  assert.equal(normalizeSchedulerState({ backoffUnavailable: 'x' }).backoffUnavailable, null);
  assert.equal(normalizeSchedulerState({ backoffBy: 'lena.bakes' }).backoffBy, 'lena.bakes');
  assert.equal(normalizeSchedulerState({ backoffBy: 7 }).backoffBy, null);
  assert.deepEqual(normalizeSchedulerState({ sending: { key: 'a#1', at: 7 } }).sending, { key: 'a#1', at: 7 });
  assert.equal(normalizeSchedulerState({ sending: { key: 3, at: 7 } }).sending, null);
});

test('the next paced request waits a full interval after the previous answer', () => {
  const T = 1_000_000;
  let s = reserve(emptySchedulerState(), T, cfg).state;   // sent at T
  s = noteAnswer(s, T + 700);                              // answered 700 ms later
  assert.equal(reserve(s, T + 700, cfg).at, T + 2200);
  assert.equal(noteAnswer(s, T).lastSlot, T + 700, 'an older answer changes nothing');
});

test('a claim lets a request go only a full interval after the previous one went', () => {
  const T = 1_000_000;
  let s = emptySchedulerState();
  let c = claim(s, T, cfg, 'a#1');
  assert.equal(c.go, true);
  s = sent(c.state, T, 'a#1');
  c = claim(s, T + 1000, cfg, 'b#1');          // a late timer in another tab
  assert.deepEqual([c.go, c.at], [false, T + 1500]);
  c = claim(s, T + 1500, cfg, 'b#1');
  assert.equal(c.go, true);
  s = onRateLimited(sent(c.state, T + 1500, 'b#1'), T + 1600, cfg);
  assert.equal(claim(s, T + 3100, cfg, 'a#2').go, false, 'a back-off holds claims too');
});

// Pacing is what Instagram sees: a request claimed at T but sent at T + 300 (the tab was busy)
// pushes the next one, from any tab, to T + 300 + pacing, not T + pacing.
test('pacing counts from when the claimed request was sent, not from the claim', () => {
  const T = 1_000_000;
  let c = claim(emptySchedulerState(), T, cfg, 'a#1');
  assert.equal(c.go, true);
  let s = c.state;
  // Until tab A says its request went, tab B may not go, however long ago A claimed.
  c = claim(s, T + 1500, cfg, 'b#1');
  assert.deepEqual([c.go, c.at], [false, T + 3000], 'an unconfirmed claim holds the others');
  s = sent(s, T + 300, 'a#1');
  assert.equal(s.sending, null);
  c = claim(s, T + 1500, cfg, 'b#1');
  assert.deepEqual([c.go, c.at], [false, T + 1800], 'a full interval after A went');
  assert.equal(claim(s, T + 1800, cfg, 'b#1').go, true);
  // A repeated or late confirmation never moves the pacing earlier.
  assert.equal(sent(s, T + 100, 'a#1').lastSent, T + 300);
});

test('the same request may claim again (a lost reply); a vanished tab holds the others only so long', () => {
  const T = 1_000_000;
  const s = claim(emptySchedulerState(), T, cfg, 'a#1').state;
  assert.equal(claim(s, T + 10, cfg, 'a#1').go, true, 'its own claim again');
  const late = T + SEND_CONFIRM_MS;
  const c = claim(s, late, cfg, 'b#1');
  assert.equal(c.go, true, 'an unconfirmed claim expires');
  assert.equal(claim(s, late - 1, cfg, 'b#1').go, false);
  assert.equal(claim(s, late - 1, cfg, 'b#1').at, late, 'retry no later than the expiry');
});

test('a fallback request may skip a back-off, but still counts toward the cap', () => {
  const cfg = { pacingMs: 1000, hourlyCap: 2 };
  let s = onRateLimited(emptySchedulerState(), 0, cfg);
  assert.ok(s.backoffUntil > 0);
  const held = reserve(s, 10, { ...cfg, interactive: true });
  assert.equal(held.reason, 'backoff');
  const fallback = reserve(s, 10, { ...cfg, interactive: true, skipBackoff: true });
  assert.equal(fallback.at, 10);
  s = reserve(fallback.state, 10, { ...cfg, interactive: true, skipBackoff: true }).state;
  assert.equal(reserve(s, 10, { ...cfg, interactive: true, skipBackoff: true }).reason, 'cap');
});

// The clock moved back a day after a finished audit: the stored slot, send and ledger a day ahead
// held every request until the clock caught up, said as "Instagram asked to slow down".
test('stored times the clock can no longer have given are brought back to now', () => {
  const now = 1_800_000_000_000, day = 24 * HOUR_MS;
  const raw = { lastSlot: now + day, lastSlotHeld: 'cap', ledger: [now - 60_000, now + day], backoffUntil: now + day, backoffLevel: 2,
                lastSent: now + day, sending: { key: 'a:1', at: now + day } };
  const s = normalizeSchedulerState(raw, now);
  assert.deepEqual([s.lastSlot, s.lastSlotHeld, s.ledger, s.backoffUntil, s.lastSent, s.sending.at],
    [now, null, [now - 60_000, now], now, now, now]);
  assert.equal(s.backoffLevel, 2);
  // A request reserved now goes at the pacing, not a day later.
  const r = reserve(s, now, { pacingMs: 1500, hourlyCap: 200 });
  assert.ok(r.at <= now + 1500, `${r.at - now} ms ahead`);
  assert.equal(claim({ ...s, sending: null }, now + 1500, { pacingMs: 1500 }, 'b:1').go, true);
  // Times a running scheduler does give stay as they are; without `now` nothing is touched.
  const fine = { ...raw, lastSlot: now + HOUR_MS, ledger: [now + HOUR_MS], backoffUntil: now + 60_000, lastSent: now - 1000, sending: null };
  const kept = normalizeSchedulerState(fine, now);
  assert.deepEqual([kept.lastSlot, kept.ledger, kept.backoffUntil, kept.lastSent], [now + HOUR_MS, [now + HOUR_MS], now + 60_000, now - 1000]);
  assert.equal(normalizeSchedulerState(raw).lastSlot, now + day);
});

// The plan said "about 1 minute" of an audit the hourly cap then held for most of an hour.
test('capHold: room for all, or how many go now and when the last of the rest can go', () => {
  const now = 10 * HOUR_MS;
  // 190 of 200 counted: 10 left; the 45-request audit's 35th extra waits for the 35th oldest to age out.
  const times = Array.from({ length: 190 }, (_, i) => now - HOUR_MS + 1000 * (i + 1));
  assert.equal(capHold(times, 200, 10, now), null, 'ten fit');
  assert.deepEqual(capHold(times, 200, 45, now), { left: 10, until: times[34] + HOUR_MS });
  // Read a while ago: what aged out since no longer counts.
  assert.equal(capHold(times, 200, 45, now + 100 * 1000), null, '100 aged out: 110 left');
  assert.deepEqual(capHold(times, 200, 45, now + 20 * 1000), { left: 30, until: times[34] + HOUR_MS }, "20 aged out: 30 left, the same last one");
  // More than the cap on its own: over an hour, no time promised.
  assert.deepEqual(capHold([], 40, 45, now), { left: 40, until: null });
  // The counted times are the ledger's last hour, reservations ahead included.
  const state = { ...emptySchedulerState(), ledger: [now - 2 * HOUR_MS, now - 5, now + 500] };
  assert.deepEqual(countedTimes(state, now), [now - 5, now + 500]);
});

// A server error on one request (one post's likers answering 500) held every request of every
// tab: another profile's check said Instagram was not answering, which its endpoint was. A 5xx
// backs off its kind of request alone; a rate limit or no answer at all still holds them all.
test('a server error backs off its kind of request alone; rate limits and no answer hold every request', () => {
  const T = 1_000_000;
  const down = onRateLimited(emptySchedulerState(), T, cfg, 500, 'anna', 'likers');
  const wait = 1500 * BACKOFF_INTERVALS;
  // Another profile's check, and a followers page, go at once (the page at its pacing).
  const check = reserve(down, T + 1, { ...cfg, interactive: true, kind: 'profile' });
  assert.deepEqual([check.at, check.reason, heldBy(check, cfg, 'marco')], [T + 1, 'now', {}]);
  assert.equal(reserve(down, T + 1, { ...cfg, kind: 'followers' }).at, T + 1);
  assert.deepEqual(claim(down, T + 1, cfg, 'x#1', 'profile').go, true);
  // The likers wait out their own back-off, said as Instagram not answering them (during anna's audit).
  const likers = reserve(down, T + 1, { ...cfg, kind: 'likers' });
  assert.deepEqual([likers.at, likers.reason, heldBy(likers, cfg, 'marco')], [T + wait, 'backoff', { unavailable: 500, during: 'anna' }]);
  assert.equal(reserve(likers.state, T + 2, { ...cfg, kind: 'followers' }).at, T + 2, 'a held likers slot pushes no other request');
  assert.deepEqual([claim(down, T + 1, cfg, 'y#1', 'likers').go, claim(down, T + 1, cfg, 'y#1', 'likers').at], [false, T + wait]);
  assert.deepEqual(waitOf(down, 'likers'), { until: T + wait, unavailable: 500, by: 'anna' });
  assert.equal(waitOf(down, 'profile').until, 0);
  // Its own level: a second 5xx doubles it; an answer of that kind resets it, not the others'.
  const again = onRateLimited(down, T + wait, cfg, 502, 'anna', 'likers');
  assert.equal(waitOf(again, 'likers').until, T + wait + 2 * wait);
  assert.equal(onSuccess(again, 'likers').kindWaits.likers.level, 0);
  assert.equal(onSuccess(again, 'profile').kindWaits.likers.level, 2);
  assert.equal(again.backoffLevel, 0, 'no rate-limit level from a server error');
  // Kept across a worker restart.
  assert.deepEqual(normalizeSchedulerState(JSON.parse(JSON.stringify(again)), T).kindWaits, again.kindWaits);
  // A rate limit, or no answer at all (no connection), still holds every kind.
  for (const status of [null, 0]) {
    const all = onRateLimited(emptySchedulerState(), T, cfg, status, 'anna', 'likers');
    assert.equal(reserve(all, T + 1, { ...cfg, interactive: true, kind: 'profile' }).at, T + wait, `status ${status}`);
  }
});

// The popup's "why not checked yet" line reads the wait a profile's check is under: it names the
// audit that drew it when that is another profile's, as the page and badge do (heldBy).
test('profileWait: the wait a profile check is under, naming the audit that drew it when another profile\'s', () => {
  const T = 5_000_000;
  const wait = cfg.pacingMs * BACKOFF_INTERVALS;
  assert.equal(profileWait(emptySchedulerState(), T, 'marco'), null, 'no wait');
  const limited = onRateLimited(emptySchedulerState(), T, cfg, null, 'anna');
  assert.deepEqual(profileWait(limited, T + 1, 'marco'), { retryAt: T + wait, unavailable: null, during: 'anna' });
  assert.deepEqual(profileWait(limited, T + 1, 'anna'), { retryAt: T + wait, unavailable: null }, 'its own audit: no "during"');
  assert.equal(profileWait(limited, T + wait, 'marco'), null, 'over once it ends');
  // A profile's own check drew it: nobody's audit to name.
  assert.deepEqual(profileWait(onRateLimited(emptySchedulerState(), T, cfg, 0), T + 1, 'marco'), { retryAt: T + wait, unavailable: 0 });
  // A server error on profile requests during an audit: that kind's wait, with its status and audit.
  const down = onRateLimited(emptySchedulerState(), T, cfg, 503, 'anna', 'profile');
  assert.deepEqual(profileWait(down, T + 1, 'marco'), { retryAt: T + wait, unavailable: 503, during: 'anna' });
  // The likers' server error holds no profile check.
  assert.equal(profileWait(onRateLimited(emptySchedulerState(), T, cfg, 503, 'anna', 'likers'), T + 1, 'marco'), null);
});
