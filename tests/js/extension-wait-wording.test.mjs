// What the user reads while a request waits, and under a reading of the page's counts alone, in
// every shipped language: Fakemeter's own hourly cap is told as Fakemeter's (with its number),
// never as Instagram asking to slow down; such a reading says why only the counts were read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { auditWait } from '../../extension/content/states.js';
import { stateMessage, roughState, roughStateMessage, partWaitMessage, badgeStateShort, auditNotStartedMessage } from '../../extension/shared/state-words.js';
import { translator, flatten, SUPPORTED, roughExplainText } from '../../extension/shared/i18n.js';
import { classifyResponse, unavailableOf } from '../../extension/shared/instagram.js';
import { roughCauseOf } from '../../extension/shared/history.js';
import { emptySchedulerState, reserve, heldBy, onRateLimited, normalizeSchedulerState } from '../../extension/shared/scheduler.js';
import { DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { clockTime } from '../../extension/shared/format.js';
import { auditPlanText } from '../../extension/shared/plan-text.js';
import { auditPlan } from '../../extension/shared/audit.js';

const locale = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
const en = locale('en');
const tr = (lang) => translator(locale(lang), en, lang);
const retryAt = new Date(2026, 0, 5, 14, 5).getTime();
// The time as the extension's language writes it (not the browser's).
const timeIn = (lang) => clockTime(retryAt, lang);

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
    assert.ok(said.includes(timeIn(lang)), `${lang}: the time it goes on: ${said}`);
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

// Per language: the note under a reading of the counts, for each cause, must say (first) and
// must not say (the rest).
const ROUGH = {
  en: { login: /log in to Instagram/, slow: /asked to slow down/, down: /not answering right now/, later: /try again later/ },
  nl: { login: /log in bij Instagram/, slow: /rustiger aan/, down: /antwoordt op dit moment niet/, later: /probeer het later opnieuw/ },
  de: { login: /Melde dich bei Instagram an/, slow: /um eine Pause gebeten/, down: /antwortet gerade nicht/, later: /versuche es später erneut/ },
  fr: { login: /connectez-vous à Instagram/, slow: /demandé de ralentir/, down: /ne répond pas pour le moment/, later: /réessayez plus tard/ },
};

// The last profile endpoint's answer before the page's counts were used, as the content script
// has it (instant.analyze's state and `unavailable`), to the cause the note is worded from.
const causeOf = (status, contentType, body) => {
  const c = classifyResponse(status, contentType, body);
  return c.kind === 'logged_out' ? roughCauseOf('logged_out') : roughCauseOf('rate_limited', unavailableOf(c).unavailable);
};

test('a reading of the page\'s counts alone says why only they were read: logged out, rate limited, or Instagram not answering', () => {
  assert.deepEqual(Object.keys(ROUGH), SUPPORTED);
  const causes = {
    logged_out: causeOf(401, 'application/json', '{"message":"login_required","status":"fail"}'),
    rate_limited: causeOf(429, 'text/html', '<html>Too many</html>'),
    wait: causeOf(401, 'application/json', '{"message":"Please wait a few minutes before you try again.","status":"fail"}'),
    unavailable: causeOf(503, 'text/html', '<html>Sorry, something went wrong</html>'),
    no_connection: causeOf(0, '', ''),
  };
  assert.deepEqual(causes, { logged_out: 'logged_out', rate_limited: 'rate_limited', wait: 'rate_limited',
                             unavailable: 'unavailable', no_connection: 'unavailable' });
  for (const [lang, w] of Object.entries(ROUGH)) {
    const t = tr(lang);
    const note = (cause) => roughExplainText(t, cause);
    const says = (cause, yes, no) => {
      for (const re of yes) assert.match(note(cause), re, `${lang} ${cause}`);
      for (const re of no) assert.doesNotMatch(note(cause), re, `${lang} ${cause}`);
    };
    says('logged_out', [w.login], [w.slow, w.down]);
    says('rate_limited', [w.slow, w.later], [w.login, w.down]);
    says('unavailable', [w.down, w.later], [w.login, w.slow]);
    // Saved before the cause was kept: none of them claimed.
    says(null, [], [w.login, w.slow, w.down]);
    assert.notEqual(note(null), note('logged_out'), lang);
    // The badge's and the panel's lead: the state that says why, worded for the cause.
    const lead = (cause, retry) => roughStateMessage(t, roughState(cause), retry);
    assert.equal(lead('logged_out'), t('stateLoggedOut'), lang);
    assert.equal(lead('rate_limited'), stateMessage(t, 'rate_limited'), lang);
    assert.equal(lead('unavailable', { retryAt: null, unavailable: 503 }), stateMessage(t, 'rate_limited', null, 503), lang);
    assert.notEqual(lead('unavailable', { unavailable: 503 }), lead('rate_limited'), lang);
    // Stored without Instagram's status: still "not answering", never "slow down".
    assert.match(lead('unavailable'), w.down, lang);
    assert.doesNotMatch(lead('unavailable'), w.slow, lang);
  }
  assert.deepEqual(roughState('unavailable'), { state: 'rate_limited', cause: 'unavailable' });
  assert.equal(roughState(null), null);
});

// A back-off one audit drew holds another tab's first check of another profile: that check said
// "Instagram asked to slow down" as if its profile had been refused. The scheduler keeps whose
// audit drew the wait, and the held check names it, with the time it starts by itself.
test('a check held by the back-off of another profile\'s audit names that audit and when it starts, in every language', () => {
  const cfg = { ...DEFAULT_SETTINGS, hourlyCap: 200 };
  const ask = (s, who) => heldBy(reserve(s, 1, { ...cfg, interactive: true }), cfg, who);
  const limited = onRateLimited(emptySchedulerState(), 0, cfg, null, 'lena.bakes');
  assert.deepEqual(ask(limited, 'marco.travels'), { during: 'lena.bakes' });
  assert.deepEqual(ask(limited, 'lena.bakes'), {}, 'the audited profile\'s own check: its own refusal');
  assert.deepEqual(ask(onRateLimited(emptySchedulerState(), 0, cfg, 503, 'lena.bakes'), 'marco.travels'), { unavailable: 503, during: 'lena.bakes' });
  // A later refusal of a profile's check (no audit) decides the wait now: no audit is named.
  assert.deepEqual(ask(onRateLimited(limited, 10, cfg), 'marco.travels'), {});
  // Kept with the stored state (a restarted worker still names it).
  assert.equal(normalizeSchedulerState(JSON.parse(JSON.stringify(limited)), 5).backoffBy, 'lena.bakes');
  const words = {
    en: [/^Instagram asked Fakemeter to slow down during the audit of @lena\.bakes; this check waits and starts by itself at /,
         /^Instagram stopped answering \(HTTP 503\) during the audit of @lena\.bakes; /, /^Instagram could not be reached during the audit of @lena\.bakes /],
    nl: [/tijdens de controle van @lena\.bakes; deze controle wacht en begint vanzelf om /, /\(HTTP 503\) tijdens de controle van @lena\.bakes/, /niet bereikbaar tijdens de controle van @lena\.bakes/],
    de: [/während der Prüfung von @lena\.bakes um eine Pause gebeten; diese Prüfung wartet und startet von selbst um /, /@lena\.bakes nicht mehr geantwortet \(HTTP 503\)/, /während der Prüfung von @lena\.bakes nicht erreichbar/],
    fr: [/ralentir pendant l'audit de @lena\.bakes\u202f; cette vérification attend et démarre d'elle-même à /, /\(HTTP 503\) pendant l'audit de @lena\.bakes/, /injoignable pendant l'audit de @lena\.bakes/],
  };
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    const said = [null, 503, 0].map((unavailable) => stateMessage(t, 'rate_limited', retryAt, unavailable, null, null, false, 'lena.bakes'));
    said.forEach((text, i) => {
      assert.match(text, words[lang][i], `${lang}: ${text}`);
      assert.ok(text.endsWith(`${timeIn(lang)}.`), `${lang} says when: ${text}`);
    });
    // Fakemeter's own cap is said as its own, whoever's audit is running.
    assert.doesNotMatch(stateMessage(t, 'rate_limited', retryAt, null, 200, null, false, 'lena.bakes'), /lena/);
  }
});

// One post's likers answering 500 made the panel say "Instagram is not answering right now" and the
// badge "audit paused until …" while the audit's other requests were answered. A server error's
// wait of one kind alone (progress.retryOf) says which part waits, and whether the rest goes on.
test('a wait of one kind of request alone says which part waits, and is no pause while the rest goes on', () => {
  const progress = { retryAt, retryUnavailable: 500, retryOf: 'likers' };
  // The next request is another kind's: the rest goes on meanwhile.
  assert.deepEqual(auditWait(progress, { kind: 'comments' }), { retryAt, unavailable: 500, cap: null, of: 'likers', meanwhile: true });
  // The next request is the held one: the audit waits for it.
  assert.equal(auditWait(progress, { kind: 'likers', waitUntil: retryAt, held: { unavailable: 500 } }).meanwhile, false);
  // A wait of every request stays as it was said.
  assert.deepEqual(auditWait({ retryAt, retryUnavailable: 500, retryOf: null }, { kind: 'comments' }), { retryAt, unavailable: 500, cap: null });
  const words = {
    en: [/^Instagram is not answering for the likers of one post \(HTTP 500\); the audit goes on with the rest/,
         /^Instagram is not answering for the likers of one post \(HTTP 500\); nothing else can be read before, so the audit waits/],
    de: [/^Instagram antwortet nicht auf die Abfrage der Likes eines Beitrags \(HTTP 500\); die Prüfung macht mit dem Rest weiter/,
         /vorher lässt sich nichts anderes lesen/],
    fr: [/^Instagram ne répond pas pour les personnes qui ont aimé une publication \(HTTP 500\)\u202f; l'audit continue avec le reste/,
         /rien d'autre ne peut être lu avant/],
    nl: [/^Instagram antwoordt niet voor de likers van één bericht \(HTTP 500\); de controle gaat door met de rest/,
         /eerder valt niets anders te lezen/],
  };
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    const [goesOn, waits] = words[lang];
    const m = partWaitMessage(t, 'likers', 500, retryAt, true);
    assert.match(m, goesOn, lang);
    assert.ok(m.includes(timeIn(lang)), `${lang}: says when`);
    assert.match(partWaitMessage(t, 'likers', 500, retryAt, false), waits, lang);
    for (const of of ['page', 'likers', 'comments', 'profile']) {
      for (const meanwhile of [true, false]) {
        const text = partWaitMessage(t, of, 503, retryAt, meanwhile);
        assert.ok(text.includes('503') && text.includes(timeIn(lang)) && !/\$\d|undefined/.test(text), `${lang} ${of}: ${text}`);
        if (lang !== 'en') assert.notEqual(text, partWaitMessage(tr('en'), of, 503, retryAt, meanwhile), `${lang} ${of}: translated`);
      }
    }
  }
});

// A check held by another profile's audit: its sentence (~150 characters) filled a narrow header as
// an 11-line column. The badge says it short, with the time (other waits are said short as theirs).
test('a check held by another profile\'s audit is said short on the badge, in every language', () => {
  const short = { en: /^Waiting until 2:05 PM \(another profile's audit\)$/, de: /^Wartet bis 14:05 \(Prüfung eines anderen Profils\)$/,
                  fr: /^Attente jusqu'à 14:05 \(audit d'un autre profil\)$/, nl: /^Wacht tot 14:05 \(controle van een ander profiel\)$/ };
  assert.deepEqual(Object.keys(short).sort(), [...SUPPORTED].sort());
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    for (const unavailable of [null, 0, 503]) {
      const whole = stateMessage(t, 'rate_limited', retryAt, unavailable, null, null, false, 'lena.bakes');
      assert.ok(whole.length > 100, `${lang}: the sentence is long: ${whole}`);
      const said = badgeStateShort(t, 'rate_limited', { retryAt, unavailable, during: 'lena.bakes' });
      assert.match(said, short[lang]);
      assert.ok(said.length <= 50, `${lang}: ${said}`);
    }
    // Its own waits, the cap's and a check given up are said short as theirs, never as another's audit.
    for (const other of [{ retryAt }, { retryAt, cap: 200, during: 'lena.bakes' }, { tries: 3, during: 'lena.bakes' }]) {
      assert.doesNotMatch(badgeStateShort(t, 'rate_limited', other), short[lang], `${lang}: ${JSON.stringify(other)}`);
    }
    // States that fit the badge keep their sentence there.
    assert.equal(badgeStateShort(t, 'not_found', { retryAt, during: 'lena.bakes' }), null);
  }
});

// The panel's and the popup's waits said "retrying at 14:05:37" while the badge said "paused until
// 14:05" of the same wait: every place says hour and minute alike, in the extension's language
// (format.js clockTime: never seconds, even for a wait of 30 s).
test('every wait names its time as the badge does: hour and minute, no seconds, in every language', () => {
  const at = new Date(2026, 0, 5, 14, 5, 37).getTime();
  const plan = { ...auditPlan(DEFAULT_SETTINGS, []), followers: { pages: 2, full: 20 }, requests: 22, capHold: { cap: 200, left: 5, until: at } };
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    const time = clockTime(at, lang);
    assert.match(time, /^\d{1,2}[:.]05( [AP]M)?$/, `${lang}: ${time}`);
    const said = {
      rateLimited: stateMessage(t, 'rate_limited', at),
      unavailable: stateMessage(t, 'rate_limited', at, 503),
      cap: stateMessage(t, 'rate_limited', at, null, 200),
      during: stateMessage(t, 'rate_limited', at, null, null, null, false, 'other.shop'),
      part: partWaitMessage(t, 'likers', 500, at, true),
      badgeDuring: badgeStateShort(t, 'rate_limited', { retryAt: at, during: 'other.shop' }),
      badgePaused: t('badgeAuditPaused', time),
      plan: auditPlanText(t, plan),
    };
    for (const [where, text] of Object.entries(said)) {
      assert.ok(text.includes(time), `${lang} ${where} names ${time}: ${text}`);
      assert.doesNotMatch(text, /\d[:.]\d\d[:.]\d\d/, `${lang} ${where}: no seconds: ${text}`);
    }
  }
});

// "Audit followers" on a result stored without an account id, the profile's read for it failing,
// did nothing and said nothing. Said now in every language: a server error with its status and
// when to try again (or later, with no time), anything else as the id not read just now.
test('an audit that could not start says so: a server error with its status and time, else the id not read', () => {
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    const server = auditNotStartedMessage(t, { state: 'rate_limited', unavailable: 503, retryAt });
    const serverLater = auditNotStartedMessage(t, { unavailable: 500 });
    const other = auditNotStartedMessage(t, { state: 'rate_limited', retryAt });
    for (const s of [server, serverLater, other]) {
      assert.ok(s && !/\$\d|\{/.test(s), `${lang}: filled in: ${s}`);
      assert.ok(s.includes(t('auditButton')), `${lang}: names the button: ${s}`);
    }
    assert.ok(server.includes('503') && server.includes(timeIn(lang)), `${lang}: ${server}`);
    assert.ok(serverLater.includes('500') && !serverLater.includes(timeIn(lang)), `${lang}: ${serverLater}`);
    assert.ok(!/\d{3}/.test(other), `${lang}: no status for a rate limit: ${other}`);
    assert.equal(auditNotStartedMessage(t, {}), auditNotStartedMessage(t, { unavailable: 0 }), `${lang}: no answer at all is no server error`);
  }
});
