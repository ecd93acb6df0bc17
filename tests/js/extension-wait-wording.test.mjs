// What the user reads while a request waits, and under a rough estimate, in every shipped
// language: Fakemeter's own hourly cap is told as Fakemeter's (with its number), never as
// Instagram asking to slow down; a rough estimate says why only the page's counts were read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { stateMessage, auditWait } from '../../extension/content/states.js';
import { translator, flatten, SUPPORTED } from '../../extension/shared/i18n.js';
import { emptySchedulerState, reserve, heldBy, onRateLimited } from '../../extension/shared/scheduler.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';

const locale = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
const en = locale('en');
const tr = (lang) => translator(locale(lang), en, lang);
const retryAt = new Date(2026, 0, 5, 14, 5).getTime();
const time = new Date(retryAt).toLocaleTimeString();

// Per language: the cap said with its number (one and many), and the words of a rate limit.
const CAP = {
  en: [/^Fakemeter's own limit of 200 requests an hour to Instagram is reached \(it protects your account; the number is in Fakemeter's options\); it goes on at /,
       /limit of 1 request an hour/, /asked to slow down/],
  nl: [/^Fakemeters eigen grens van 200 verzoeken per uur aan Instagram is bereikt/, /grens van 1 verzoek per uur/, /rustiger aan/],
  de: [/^Fakemeters eigene Grenze von 200 Anfragen pro Stunde an Instagram ist erreicht/, /Grenze von 1 Anfrage pro Stunde/, /bittet um eine Pause/],
  fr: [/^La limite propre à Fakemeter, 200 requêtes par heure vers Instagram, est atteinte/, /Fakemeter, 1 requête par heure/, /demande de ralentir/],
};

test('a request held by Fakemeter\'s own hourly cap says so, with the cap from the settings, in every language', () => {
  assert.deepEqual(Object.keys(CAP), SUPPORTED);
  // The cap in force comes from the settings (200 unless the user changed it in the options).
  assert.equal(DEFAULT_SETTINGS.hourlyCap, 200);
  let s = emptySchedulerState();
  for (let i = 0; i < DEFAULT_SETTINGS.hourlyCap; i++) s = reserve(s, 0, { ...DEFAULT_SETTINGS, interactive: true }).state;
  const held = heldBy(reserve(s, 1, { ...DEFAULT_SETTINGS, interactive: true }), DEFAULT_SETTINGS);
  assert.deepEqual(held, { cap: 200 });
  for (const [lang, [many, one, limit]] of Object.entries(CAP)) {
    const t = tr(lang);
    const said = stateMessage(t, 'rate_limited', retryAt, held.unavailable, held.cap);
    assert.match(said, many, lang);
    assert.ok(said.includes(time), `${lang}: the time it goes on: ${said}`);
    assert.doesNotMatch(said, limit, lang);
    assert.doesNotMatch(said, /[{}$]/, `${lang}: every placeholder filled: ${said}`);
    assert.match(stateMessage(t, 'rate_limited', retryAt, null, 1), one, lang);
    // Without a time, still Fakemeter's limit; a rate limit still reads as one.
    const later = stateMessage(t, 'rate_limited', null, null, 200);
    assert.ok(later.includes('200') && !limit.test(later) && later !== said && !/[{}$]/.test(later), `${lang}: ${later}`);
    assert.match(stateMessage(t, 'rate_limited', retryAt), limit, lang);
  }
  assert.equal(stateMessage(tr('en'), 'rate_limited', null, null, 5),
    "Fakemeter's own limit of 5 requests an hour to Instagram is reached (it protects your account; the number is in Fakemeter's options); it goes on later.");
});

test('an audit\'s progress says the wait that decides it: its own back-off, or what holds its next slot', () => {
  const t = tr('en');
  const said = (w) => (w ? stateMessage(t, 'rate_limited', w.retryAt, w.unavailable, w.cap) : null);
  const pr = (retryAt = null, retryUnavailable = null) => ({ retryAt, retryUnavailable });
  assert.equal(auditWait(pr(), {}), null);
  // The next slot waits for the cap, later than any back-off of the audit's own.
  assert.match(said(auditWait(pr(), { waitUntil: retryAt, held: { cap: 12 } })), /^Fakemeter's own limit of 12 requests/);
  assert.match(said(auditWait(pr(retryAt - 1000, 503), { waitUntil: retryAt, held: { cap: 12 } })), /own limit of 12/);
  // The audit's own back-off ends last: it decides, worded by its cause.
  assert.match(said(auditWait(pr(retryAt + 1000, 503), { waitUntil: retryAt, held: { cap: 12 } })), /not answering right now \(HTTP 503\)/);
  assert.match(said(auditWait(pr(retryAt + 1000), { waitUntil: retryAt, held: { cap: 12 } })), /asked to slow down/);
  assert.deepEqual(auditWait(pr(retryAt, 0), {}), { retryAt, unavailable: 0, cap: null });
  // A slot held by a back-off another tab's request met (Instagram not answering).
  assert.match(said(auditWait(pr(), { waitUntil: retryAt, held: { unavailable: 502 } })), /HTTP 502/);
  // A slot from an audit stored before `held` was kept: told as before (a rate limit).
  assert.match(said(auditWait(pr(), { waitUntil: retryAt })), /asked to slow down/);
  assert.match(said(auditWait(pr(), { waitUntil: retryAt, held: {} })), /asked to slow down/);
});

test('a slot the cap holds is told as the cap from the scheduler to the sentence', () => {
  const cfg = { pacingMs: 10, hourlyCap: 2 };
  let s = onRateLimited(emptySchedulerState(), 0, cfg, 503);   // a short back-off, ended before the cap frees
  for (let i = 0; i < 2; i++) s = reserve(s, 0, { ...cfg, skipBackoff: true }).state;
  const r = reserve(s, 0, cfg);
  const w = auditWait({ retryAt: null, retryUnavailable: null }, { waitUntil: r.at, held: heldBy(r, cfg) });
  assert.match(stateMessage(tr('en'), 'rate_limited', w.retryAt, w.unavailable, w.cap), /^Fakemeter's own limit of 2 requests an hour/);
});
