// The instant check tries again while Instagram refuses for now, at the back-off's times, and
// stops after a few tries; what the user reads then promises no time, only the next visit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { retryDecision, waitCause, MAX_INSTANT_RETRIES, MAX_RETRY_WAIT_MS } from '../../extension/shared/instant-retry.js';
import { emptySchedulerState, onRateLimited, reserve, MAX_BACKOFF_MS } from '../../extension/shared/scheduler.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { stateMessage } from '../../extension/shared/state-words.js';
import { translator, flatten, SUPPORTED } from '../../extension/shared/i18n.js';
import { clockTime } from '../../extension/shared/format.js';

const locale = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
const en = locale('en');
const tr = (lang) => translator(locale(lang), en, lang);

test('a retry goes at the back-off\'s time; none without a time, after the last try, or beyond the longest wait', () => {
  const now = 1_000_000;
  assert.deepEqual(retryDecision({ retryAt: now + 30_000, retries: 0, now }), { at: now + 30_000 });
  assert.deepEqual(retryDecision({ retryAt: now - 5, retries: 1, now }), { at: now }, 'a time already past: at once');
  assert.deepEqual(retryDecision({ retryAt: null, retries: 0, now }), { stop: 'none' }, 'logged out: no wait to retry after');
  assert.deepEqual(retryDecision({ retryAt: undefined, retries: 0, now }), { stop: 'none' });
  assert.deepEqual(retryDecision({ retryAt: now + 1, retries: MAX_INSTANT_RETRIES - 1, now }), { at: now + 1 });
  assert.deepEqual(retryDecision({ retryAt: now + 1, retries: MAX_INSTANT_RETRIES, now }), { stop: 'attempts' });
  assert.deepEqual(retryDecision({ retryAt: now + MAX_RETRY_WAIT_MS, retries: 0, now }), { at: now + MAX_RETRY_WAIT_MS });
  assert.deepEqual(retryDecision({ retryAt: now + MAX_RETRY_WAIT_MS + 1, retries: 0, now }), { stop: 'too_far' });
});

test('against the real back-off: every try waits it out, the waits grow, and the tries stop within about two hours', () => {
  // Each try: web_profile_info refuses, then its users/<id>/info fallback (two back-off steps).
  let s = emptySchedulerState();
  let now = 0;
  let retries = 0;
  const waits = [];
  for (;;) {
    assert.ok(retries <= MAX_INSTANT_RETRIES, `the tries stop: ${retries} retries, waits ${waits}`);
    const slot = reserve(s, now, { ...DEFAULT_SETTINGS, interactive: true });
    assert.ok(slot.at <= now, `try ${retries + 1} goes when due, not held again (${slot.at} > ${now})`);
    s = onRateLimited(onRateLimited(slot.state, now, DEFAULT_SETTINGS), now, DEFAULT_SETTINGS);
    const d = retryDecision({ retryAt: s.backoffUntil, retries, now });
    if (d.stop) { assert.equal(d.stop, 'attempts'); break; }
    assert.ok(d.at >= s.backoffUntil, 'never before the back-off lets a request go');
    waits.push(d.at - now);
    now = d.at;
    retries++;
  }
  assert.equal(retries, MAX_INSTANT_RETRIES);
  for (let i = 1; i < waits.length; i++) assert.ok(waits[i] > waits[i - 1], `waits grow: ${waits}`);
  assert.equal(waits.at(-1), MAX_BACKOFF_MS, `the last wait is the back-off's longest: ${waits}`);
  // The waits README.md states (default pacing, both endpoints refusing every try): 1, 4, 16, 60 min.
  assert.deepEqual(waits.map((w) => w / 60_000), [1, 4, 16, 60]);
  assert.ok(now <= 2 * 3600_000, `the last try within two hours of the first: ${now} ms`);
});

test('a wait names its cause for machines: Fakemeter\'s cap, no connection, no answer, slow down', () => {
  assert.equal(waitCause({ cap: 200 }), 'cap');
  assert.equal(waitCause({ cap: 200, unavailable: 0 }), 'cap', 'the cap holds the request, whatever came before');
  assert.equal(waitCause({ unavailable: 0 }), 'no_connection');
  assert.equal(waitCause({ unavailable: 503 }), 'unavailable');
  assert.equal(waitCause({ unavailable: null }), 'rate_limited');
  assert.equal(waitCause(), 'rate_limited');
});

// Per language: the stop said for each cause, with the tries (one and many) and no time.
const STOPPED = {
  en: [/^Instagram still asked to slow down after 4 tries; Fakemeter will try again when you open this profile again\.$/,
       /after 1 try;/, /^Instagram still did not answer \(HTTP 503\) after 4 tries/, /^Still no answer from Instagram after 4 tries/],
  nl: [/^Instagram vroeg na 4 pogingen nog steeds.*als je dit profiel weer opent\.$/, /na 1 poging /, /niet \(HTTP 503\)/, /nog steeds geen antwoord van Instagram/],
  de: [/^Instagram bat nach 4 Versuchen noch immer um eine Pause; .*wieder öffnest\.$/, /nach 1 Versuch /, /nicht \(HTTP 503\)/, /noch immer keine Antwort von Instagram/],
  fr: [/^Instagram demandait encore de ralentir après 4 essais\u202f; .*rouvrirez ce profil\.$/, /après 1 essai\u202f/, /\(HTTP 503\) après 4 essais/, /Toujours pas de réponse d'Instagram/],
};

test('once the tries stop, the words say so and name no time, for each cause, in every language', () => {
  assert.deepEqual(Object.keys(STOPPED), SUPPORTED);
  const at = new Date(2026, 0, 5, 14, 5).getTime();
  for (const [lang, [slow, one, http, none]] of Object.entries(STOPPED)) {
    const t = tr(lang);
    const time = clockTime(at, lang);  // as the extension's language writes it
    const said = [stateMessage(t, 'rate_limited', at, null, null, 4), stateMessage(t, 'rate_limited', at, 503, null, 4),
      stateMessage(t, 'rate_limited', at, 0, null, 4)];
    assert.match(said[0], slow, lang);
    assert.match(stateMessage(t, 'rate_limited', null, null, null, 1), one, lang);
    assert.match(said[1], http, lang);
    assert.match(said[2], none, lang);
    assert.equal(new Set(said).size, 3, `${lang}: each cause its own words`);
    for (const s of said) {
      assert.ok(!s.includes(time), `${lang}: no time promised: ${s}`);
      assert.doesNotMatch(s, /[{}$]/, `${lang}: every placeholder filled: ${s}`);
    }
    // While a retry is due, the time is said.
    assert.ok(stateMessage(t, 'rate_limited', at, 0).includes(time), lang);
  }
});

// With automatic checks off a later visit checks nothing by itself: the stop promises no visit.
const VISIT = { en: /open this profile again/, nl: /weer opent/, de: /wieder öffnest/, fr: /rouvrirez/ };
const ASK = { en: /only when you ask\.$/, nl: /als je erom vraagt\.$/, de: /wenn du es verlangst\.$/, fr: /si vous le demandez\.$/ };

test('with automatic checks off, the stop says only a check by hand tries again, for each cause, in every language', () => {
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    const manual = [null, 503, 0].map((u) => stateMessage(t, 'rate_limited', null, u, null, 4, true));
    const auto = [null, 503, 0].map((u) => stateMessage(t, 'rate_limited', null, u, null, 4, false));
    for (let i = 0; i < 3; i++) {
      assert.doesNotMatch(manual[i], VISIT[lang], `${lang}: ${manual[i]}`);
      assert.match(manual[i], ASK[lang], `${lang}: ${manual[i]}`);
      assert.match(auto[i], VISIT[lang], `${lang}: ${auto[i]}`);
      // The same cause and count as the automatic wording: only the promise differs.
      const head = (s) => s.slice(0, s.lastIndexOf(';'));
      assert.equal(head(manual[i]), head(auto[i]), lang);
      assert.doesNotMatch(manual[i], /[{}$]/, `${lang}: every placeholder filled`);
    }
  }
});
