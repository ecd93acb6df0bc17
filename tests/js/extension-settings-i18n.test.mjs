// Settings normalisation, and that every string the extension uses exists in every shipped locale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { normalizeSettings, DEFAULT_SETTINGS } from '../../extension/shared/settings.js';
import { translator, flatten, resolveLanguage, SUPPORTED, STATE_CHIPS, followerChangeText } from '../../extension/shared/i18n.js';
import { percentNumber, percentText, countText, numberText } from '../../extension/shared/format.js';

const root = path.resolve(import.meta.dirname, '../..');
const locale = (l) => JSON.parse(fs.readFileSync(path.join(root, `_locales/${l}/messages.json`), 'utf8'));

test('settings: defaults, clamping, bad values ignored', () => {
  assert.deepEqual(normalizeSettings(undefined), DEFAULT_SETTINGS);
  assert.equal(DEFAULT_SETTINGS.pacingMs >= 1500, true);
  const s = normalizeSettings({ pacingMs: 50, hourlyCap: 1e9, auditListSize: 'x', language: 'it', autoRun: false, auditFullSize: 5000 });
  assert.equal(s.pacingMs, 50);
  assert.equal(s.hourlyCap, 2000);
  assert.equal(s.auditListSize, DEFAULT_SETTINGS.auditListSize);
  assert.equal(s.language, 'auto');
  assert.equal(s.autoRun, false);
  assert.equal(s.auditFullSize, s.auditListSize);  // clamped to 200, then to the list it is drawn from
  assert.equal(normalizeSettings({ auditBudget: 0 }).auditBudget, 1);
  assert.equal(normalizeSettings({ auditPosts: 50 }).auditPosts, 12);
  assert.equal(normalizeSettings({ pacingMs: 1 }).pacingMs, 20);
  // A request not answered within answerTimeoutMs is given up: 30 s unless a test shortens it,
  // never so short that an ordinary answer could miss it, nor so long that a check seems stuck.
  assert.equal(DEFAULT_SETTINGS.answerTimeoutMs, 30000);
  assert.equal(normalizeSettings({ answerTimeoutMs: 1 }).answerTimeoutMs, 500);
  assert.equal(normalizeSettings({ answerTimeoutMs: 1e7 }).answerTimeoutMs, 120000);
  assert.equal(normalizeSettings({ answerTimeoutMs: 'soon' }).answerTimeoutMs, 30000);
});

test('every shipped language has the same keys as English, and every key the code uses exists', () => {
  const en = locale('en');
  assert.deepEqual(SUPPORTED, ['en', 'nl', 'de', 'fr']);
  for (const lang of SUPPORTED.filter((l) => l !== 'en')) {
    const other = locale(lang);
    assert.deepEqual(Object.keys(other).sort(), Object.keys(en).sort(), lang);
    for (const [k, v] of Object.entries(other)) {
      assert.ok(v.message.length > 0, `${lang}: ${k}`);
      // The same substitutions in every language (a plural select names its substitution again).
      const subs = (text) => [...new Set(text.match(/\$\d/g) || [])].sort();
      assert.deepEqual(subs(v.message), subs(en[k].message), `${lang}: ${k}`);
    }
  }
  const used = new Set();
  const walk = (dir) => {
    for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory() && f.name !== 'engine') walk(p);
      else if (/\.(js|html)$/.test(f.name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const m of text.matchAll(/\bt\('([A-Za-z_]+)'/g)) used.add(m[1]);
        for (const m of text.matchAll(/data-i18n(?:-label|-placeholder)?="([A-Za-z_]+)"/g)) used.add(m[1]);
      }
    }
  };
  walk(path.join(root, 'extension'));
  const states = ['loading', 'private', 'no_posts', 'hidden_likes', 'logged_out', 'rate_limited', 'not_found', 'changed', 'engine_failed', 'outdated'];
  for (const g of ['good', 'fair', 'poor', 'bad', 'unknown']) used.add(`grade_${g}`);
  for (const c of STATE_CHIPS) used.add(`chip_${c}`);  // t(`chip_${state}`): the states with a short chip
  assert.ok(used.size > 60, `found ${used.size} keys in use`);
  for (const k of used) assert.ok(Object.hasOwn(en, k), `missing in _locales/en: ${k}`);
  assert.ok(states.length);
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  for (const m of JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)) {
    for (const lang of SUPPORTED) assert.ok(locale(lang)[m[1]], `${lang}: ${m[1]}`);
  }
});

test('translator substitutes and falls back', () => {
  const t = translator(flatten(locale('nl')), flatten(locale('en')), 'nl');
  assert.equal(t('badgeEstimateNoInterval', 23), '≈23% nep');
  assert.equal(t.lang, 'nl');
  assert.equal(translator(flatten(locale('en')))('badgeEstimateNoInterval', 23), '≈23% fake');
  assert.equal(translator({}, { a: 'A $1' })('a', 'x'), 'A x');
  assert.equal(t('no_such_key'), 'no_such_key');
  assert.equal(resolveLanguage('auto', 'nl-BE'), 'nl');
  assert.equal(resolveLanguage('auto', 'fr-BE'), 'fr');
  assert.equal(resolveLanguage('auto', 'it'), 'en');
  assert.equal(resolveLanguage('en', 'nl'), 'en');
});

// The sign never starts a line of its own: the locale files' own percentages keep it to their number
// by a no-break space, as the formatted ones do (German wrote ordinary spaces: the badge's "≈45 %
// unecht" could break before the sign at 320 px).
test('German and French locale strings keep the percent sign to its number (no ordinary space before it)', () => {
  for (const lang of ['de', 'fr']) {
    const loose = Object.entries(locale(lang)).filter(([, v]) => / %/.test(v.message)).map(([k]) => k);
    assert.deepEqual(loose, [], `${lang}: an ordinary space before % in ${loose.join(', ')}`);
  }
});

// "Die Spanne" is feminine: the panel's notes on the 95% range said "sein unteres Ende", "Es wird
// schmaler" and "macht es schmaler" of it (found reading the German panel of an audited profile).
test('German: the panel\'s notes on the 95% range (die Spanne) refer to it as sie and ihr', () => {
  const de = locale('de');
  const notes = ['panelWide', 'panelWideSoFar', 'panelWideAudited', 'panelFloor'];
  for (const key of notes) {
    assert.match(de[key].message, /^Die 95-%-Spanne /, key);
    assert.doesNotMatch(de[key].message, /\b(sein|seine|seinem|seinen)\b|\bEs wird\b|\bmacht es\b/, key);
  }
  assert.match(de.panelFloor.message, /doch schon ihr unteres Ende/);
  assert.match(de.panelWideSoFar.message, /Sie wird schmaler/);
  for (const key of ['panelWide', 'panelWideAudited']) assert.match(de[key].message, /macht sie schmaler/, key);
});

// The comment analysis runs within an audit only, and its commenters' share, too uncertain, said
// "an audit's commenter sample narrows it" right after the audit whose sample that was (found
// reading an audited tattoo studio's engagement section). The remedy is a larger audit, named as
// the panel names it, with the option it takes.
test('the commenters\' share too uncertain to judge points to a larger audit and its option, not to an audit, in every language', () => {
  const larger = { en: 'a larger audit', nl: 'een grotere controle', de: 'eine größere Prüfung', fr: 'un audit plus grand' };
  assert.deepEqual(Object.keys(larger).sort(), [...SUPPORTED].sort());
  for (const [lang, words] of Object.entries(larger)) {
    const m = locale(lang);
    const text = m.msg_comments_accounts_uncertain.message;
    assert.ok(text.toLowerCase().includes(words.toLowerCase()), `${lang}: ${text}`);
    assert.ok(text.includes(m.optEngagersFull.message), `${lang} names the option "${m.optEngagersFull.message}": ${text}`);
  }
});

test('numbers as people read them, in each language (format.js)', () => {
  assert.equal(percentNumber(23.1), '23');
  assert.equal(percentNumber(4.25), '4.3');
  assert.equal(percentNumber(0), '0');
  assert.equal(percentNumber(0.42), '0.42');
  assert.equal(percentNumber(null), '?');
  assert.equal(percentNumber(4.25, 'nl'), '4,3');
  assert.equal(percentText(23.1), '23%');
  // German and French put a no-break space before the sign (U+00A0, whatever the ICU version: format.js).
  assert.equal(percentText(4.25, 'de'), '4,3\u00a0%');
  assert.equal(percentText(4.25, 'fr'), '4,3\u00a0%');
  assert.equal(countText(48_700_000), '48,700,000');
  assert.equal(countText(48_700_000, 'nl'), '48.700.000');
  assert.equal(numberText(1.9236), '1.92');
  assert.equal(numberText(-0.405), '\u22120.405');
});

test('the follower count then and now, in each language: signed change, share, the date and how long ago', () => {
  const at = Date.UTC(2026, 11, 1, 12);
  const now = at + 2 * 24 * 3600 * 1000;
  const want = {
    en: /^Followers: 8,400 at your first check \(Dec 1, 2026, 2 days ago\), 12,400 now: \+4,000 \(\+48%\)\.$/,
    nl: /^Volgers: 8\.400 bij je eerste controle \(1 dec\.? 2026, 2 dagen geleden\), nu 12\.400: \+4\.000 \(\+48\s?%\)\.$/,
    de: /^Follower: 8\.400 bei deiner ersten Prüfung \(1\. Dez\. 2026, vor 2 Tagen\), jetzt 12\.400: \+4\.000 \(\+48\s%\)\.$/,
    fr: /^Abonnés\u00a0: 8\s400 lors de votre première vérification \(1 déc\. 2026, il y a 2 jours\), 12\s400 maintenant\u00a0: \+4\s000 \(\+48\s%\)\.$/,
  };
  for (const lang of SUPPORTED) {
    const t = translator(flatten(locale(lang)), flatten(locale('en')), lang);
    const text = followerChangeText(t, { from: 8400, at, to: 12400 }, now);
    assert.match(text, want[lang], `${lang}: ${text}`);
    const down = followerChangeText(t, { from: 12400, at, to: 8400 }, now);
    assert.match(down, /−4[.,\s\u202f\u00a0]?000 \(−32(,3)?\s?%\)/u, `${lang}: ${down}`);
    const fromNone = followerChangeText(t, { from: 0, at, to: 40 }, now);
    assert.ok(!/\$\d/.test(fromNone) && fromNone.includes('40'), `${lang}: ${fromNone}`);
  }
});


// A file Import JSON refuses as no history: the message names both files it takes, Export JSON's
// and the set-aside list's download (it named Export JSON alone, though that download imports too),
// by the buttons' own labels in each language; so does the set-aside note's Import JSON.
test('the import refusal and the set-aside note name the buttons by their labels, in every language', () => {
  for (const lang of SUPPORTED) {
    const t = translator(flatten(locale(lang)), {}, lang);
    const refusal = t('importRefused_not_history');
    for (const button of ['importJson', 'exportJson', 'asideDownload']) {
      assert.ok(refusal.includes(t(button)), `${lang}: "${refusal}" names no "${t(button)}"`);
    }
    assert.ok(t('asideNoteImport').includes(t('importJson')), `${lang}: "${t('asideNoteImport')}" names no "${t('importJson')}"`);
  }
});

// The list of what left the history without the user deleting it (set-aside.js) had two names in
// English ("kept aside" in the popup's note, "set aside" in the import's messages) and in Dutch
// ("apart bewaard", "apart gezet"), French ("gardé à part", "mis à part") and German in part
// ("liegt beiseite"): one list, one name per language, the one that says it is kept.
test('what is kept aside has one name in each language, in every string', () => {
  const term = { en: /kept aside/, de: /beiseitegelegt/, fr: /gardé[^.]{0,40}à part/, nl: /apart bewaard/ };
  const other = { en: /\bset[ -]aside\b/i, de: /\b(liegt|liegen) beiseite\b/, fr: /\b(mis|mise|mises|mettre) à part\b/i, nl: /\bapart (ge)?zet/ };
  for (const lang of SUPPORTED) {
    const messages = Object.entries(locale(lang)).map(([k, v]) => [k, v.message]);
    for (const [key, text] of messages) assert.doesNotMatch(text, other[lang], `${lang} ${key}`);
    for (const key of ['asideNote', 'asideNoteNumbers', 'importedSetAside', 'importedTakenAside', 'importedOtherOwner', 'importRefused_not_history']) {
      const text = locale(lang)[key].message;
      assert.match(text, term[lang], `${lang} ${key}: ${text}`);
    }
  }
});

// The options' language list names each language in itself ("Deutsch", "Français"): a screen reader
// reading the page in the user's language said those names with its voice and rules (WCAG 3.1.2)
// unless each option says its language.
test('the options page names each supported language in itself, marked with its lang', () => {
  const html = fs.readFileSync(path.join(root, 'extension/ui/options.html'), 'utf8');
  for (const lang of SUPPORTED) {
    const option = new RegExp(`<option value="${lang}"([^>]*)>`).exec(html);
    assert.ok(option, `no option for ${lang}`);
    assert.match(option[1], new RegExp(`\\blang="${lang}"`), `the ${lang} option says no lang`);
  }
});
