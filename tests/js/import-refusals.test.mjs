// Why Import JSON refused a file, in the popup's language: the sentence was translated, but the
// detail after it (which entry, which field, what it must be) stayed in English in brackets. The
// refusal gives the detail as a code with its values too (history.js importJson, problem), and the
// popup words it (problem-words.js importRefusalText): English only for a code this version lacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importJson, jsonPlace, SCHEMA_VERSION } from '../../extension/shared/history.js';
import { importRefusalText } from '../../extension/shared/problem-words.js';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';

const root = path.resolve(import.meta.dirname, '../..');
const dict = (lang) => flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8')));
// Without the English fallback: each language's own words, or the key itself.
const tr = (lang) => translator(dict(lang), {}, lang);

const good = { username: 'ok_user', computed_at: 1 };
const history = (entries, extra = {}) => JSON.stringify({ format: 'fakemeter-history', schema: SCHEMA_VERSION, entries, ...extra });
const asideFile = (items) => JSON.stringify({ format: 'fakemeter-set-aside', items });
// One file for each refusal the import makes, and the code of its detail.
const FILES = {
  json_at: '{"format": "fakemeter-history",\n "schema": 2',
  json_empty: '  \n',
  format: JSON.stringify({ format: 'something-else', entries: [] }),
  list: JSON.stringify({ format: 'fakemeter-history', schema: SCHEMA_VERSION, entries: {} }),
  schema: history([], { schema: 99 }),
  username: history([good, { username: 'bad name', computed_at: 1 }]),
  percent: history([{ ...good, fake_percent: 'lots' }]),
  report: history([{ ...good, report: { username: 'ok_user', grade: 5 } }]),
  not_object: asideFile([5]),
  string: asideFile([{ key: 5 }]),
  account_id: asideFile([{ key: 'entries.x', taken: 'x', user_id: 'abc', value: {} }]),
};
const refusal = (text) => {
  const r = importJson(text);
  assert.ok(r.error, text);
  return { id: `history.import.${r.kind}`, message: r.error, detail: r.error, why: r.why };
};

test('each refusal gives its detail as a code, and every language has words for it', () => {
  for (const [code, text] of Object.entries(FILES)) {
    const e = refusal(text);
    assert.equal(e.why.code, code, text);
    for (const lang of SUPPORTED) {
      const said = importRefusalText(tr(lang), e, 5);
      if (lang !== 'en') assert.ok(!said.includes(e.detail.replace(/^import: /, '')) && !said.includes('must be'), `${lang}, ${code}: ${said}`);
      assert.ok(!/asideWhy_|importWhy_|reportMust_|\$\d/.test(said), `${lang}, ${code}: ${said}`);
    }
  }
});

test('the refusal is worded whole in the popup\'s language, the places as the file has them', () => {
  const say = (lang, code) => importRefusalText(tr(lang), refusal(FILES[code]), 5);
  assert.equal(say('en', 'username'), 'An entry of this file cannot be read: nothing was imported. (entries[1].username must be an Instagram username)');
  assert.equal(say('de', 'username'), 'Ein Eintrag dieser Datei ist nicht lesbar: nichts wurde importiert. (entries[1].username muss ein Instagram-Benutzername sein)');
  assert.equal(say('fr', 'report'), 'Une entrée de ce fichier est illisible\u00a0: rien n\'a été importé. (entries[0].report.grade doit être un mot ou null)');
  assert.equal(say('nl', 'schema'), 'Deze geschiedenis komt van een nieuwere Fakemeter: werk de extensie bij om haar te importeren. Er is niets geïmporteerd. (onbekend schema 99 (deze versie leest schema 2))');
  assert.equal(say('de', 'json_at'), 'Diese Datei ist kein JSON: nichts wurde importiert. (kein JSON mehr ab Zeile 2, Spalte 13)');
  assert.equal(say('fr', 'format'), `${tr('fr')('importRefused_not_history')} («\u00a0format\u00a0» doit être «\u00a0fakemeter-history\u00a0» (ou «\u00a0fakemeter-set-aside\u00a0», le téléchargement des éléments gardés à part))`);
  // In English the detail reads as the check's own English.
  for (const code of ['username', 'percent', 'report', 'format', 'list', 'not_object', 'string', 'account_id']) {
    const e = refusal(FILES[code]);
    assert.ok(importRefusalText(tr('en'), e, 5).endsWith(`(${e.detail.replace(/^import: /, '')})`), code);
  }
});

test('a file the parser places nowhere is said not to be JSON, no more; Firefox\'s place is read as Chromium\'s', () => {
  const csv = refusal('username,fake_percent\nlena.bakes,12\n');
  assert.equal(csv.why, null);
  for (const lang of SUPPORTED) assert.equal(importRefusalText(tr(lang), csv, 5), tr(lang)('importRefused_not_json'));
  assert.deepEqual(jsonPlace('{\n "a": tru }', new SyntaxError('JSON.parse: unexpected keyword at line 2 column 7 of the JSON data')),
    { code: 'json_at', values: [2, 7] });
  assert.deepEqual(jsonPlace('{"a":1', new SyntaxError('Expected \',\' or \'}\' after property value in JSON at position 6')), { code: 'json_at', values: [1, 7] });
});

test('a detail of a code this version has no words for is said in its English; the size limit as before', () => {
  const later = { id: 'history.import.entry', detail: 'import: entries[0].mood must be cheerful', why: { code: 'from_a_later_version', values: ['entries[0].mood'] } };
  assert.equal(importRefusalText(tr('fr'), later, 5), `${tr('fr')('importRefused_entry')} (import: entries[0].mood must be cheerful)`);
  assert.equal(importRefusalText(tr('de'), { id: 'history.import.too_large' }, 5), tr('de')('importTooLarge', 5));
  assert.equal(importRefusalText(tr('nl'), new Error('something else')), 'something else');
});

// Export CSV's file given to Import JSON (vetting accounts in one browser, importing them in
// another) was told only "This file is not JSON": nothing said that the CSV export is not the file
// to import, nor which is. A file named .csv, or starting as the CSV export does, is said to be
// that, with the buttons named by their labels in each language.
test('Export CSV\'s file given to Import JSON says it is the CSV export, which does not import, and which file does', () => {
  const text = '\uFEFFusername,full_name,badge_words,fake_percent\nlena.bakes,Lena,x,12\n';
  const e = refusal(text);
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    for (const file of [{ name: 'fakemeter-history.csv', text: 'whatever' }, { name: 'export', text }]) {
      const said = importRefusalText(t, e, 5, file);
      for (const button of ['exportCsv', 'exportJson', 'importJson']) assert.ok(said.includes(t(button)), `${lang}: "${said}" names no "${t(button)}"`);
      assert.notEqual(said, t('importRefused_not_json'), lang);
    }
    // Any other file that is no JSON: as before.
    assert.equal(importRefusalText(t, e, 5, { name: 'notes.txt', text: 'hello' }), t('importRefused_not_json'));
  }
  assert.equal(importRefusalText(tr('en'), e, 5, { name: 'fakemeter-history.csv', text }),
    'This is the file Export CSV saves, for spreadsheets: Import JSON takes what Export JSON saves. Nothing was imported.');
});
