// A re-check on an audit's result asks first, saying what it replaces (shared/recheck.js), in
// every language (it replaced "Still unclear after the audit" with "Unclear from the profile
// alone" without a word).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { translator, flatten, SUPPORTED } from '../../extension/shared/i18n.js';
import { recheckAsks, recheckQuestion } from '../../extension/shared/recheck.js';

const locale = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
const en = locale('en');
const tr = (lang) => translator(locale(lang), en, lang);

const audited = { confidence: 'audited', fake_percent: 31.2, ci_low: 18, ci_high: 46.4 };
const report = (r) => ({ kind: 'report', report: r, computedAt: Date.UTC(2026, 11, 3, 12), rough: false });

test('only an audit\'s result in view, its audit not running, asks before a re-check', () => {
  assert.equal(recheckAsks(report(audited)), true);
  assert.equal(recheckAsks(report(audited), true), false, 'while the audit runs its estimate is what it has read so far');
  assert.equal(recheckAsks(report({ ...audited, confidence: 'instant' })), false, 'the profile alone: nothing to lose');
  // An audit of the likers and commenters alone is replaced by the daily check without asking (README).
  assert.equal(recheckAsks(report({ ...audited, confidence: 'none', fake_percent: null })), false);
  assert.equal(recheckAsks({ ...report(audited), rough: true }), false);
  assert.equal(recheckAsks({ kind: 'state', state: 'rate_limited' }), false);
  assert.equal(recheckAsks({ kind: 'loading' }), false);
});

test('the question gives the audit\'s estimate, its interval and its date, and what replaces it, in each language', () => {
  const at = Date.UTC(2026, 11, 3, 12);
  assert.equal(recheckQuestion(tr('en'), audited, at),
    'The audit\'s estimate (31%, 18–46%, from Dec 3) is replaced by a reading of the profile alone, which cannot measure the followers; ' +
    'the audit\'s rows stay. A new audit measures the followers again.');
  assert.match(recheckQuestion(tr('de'), audited, at), /^Die Schätzung der Prüfung \(31\u00a0%, 18–46\u00a0%, vom 3\. Dez\.\) wird /);
  assert.match(recheckQuestion(tr('fr'), audited, at), /^L'estimation de l'audit \(31\u00a0%, 18–46\u00a0%, du 3 déc\.\) est remplacée .*abonnés\u202f; les lignes/);
  assert.match(recheckQuestion(tr('nl'), audited, at), /^De schatting van de controle \(31%, 18–46%, van 3 dec\.?\) wordt vervangen/);
  // Below 10 a decimal, as everywhere else; in Dutch and German with a comma.
  assert.match(recheckQuestion(tr('nl'), { ...audited, fake_percent: 4.25, ci_low: 0.5 }, at), /\(4,3%, 0,5–46%/);
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    if (lang !== 'en') assert.notEqual(t('recheckKeepAudit'), en.recheckKeepAudit, `${lang}: "Keep the audit" in its own words`);
    assert.doesNotMatch(recheckQuestion(t, audited, at), /\$\d|\?/, `${lang}: every number filled in`);
  }
  // Another year's audit says its year.
  assert.match(recheckQuestion(tr('en'), audited, Date.UTC(2024, 4, 9, 12)), /from May 9, 2024\)/);
});
