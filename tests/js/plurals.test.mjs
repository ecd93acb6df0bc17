// Plural forms: every word that agrees with a count is a plural select ("{posts|post|posts}" in an
// engine message, "{$1|entry|entries}" in an extension string; wasm/core/MESSAGES.md). A count of
// 1 reads "1 post", French's 0 and 1 take the singular, every select lists the forms its language
// needs, and no message leaves a count beside a plural noun without a select.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { word } from '../../extension/shared/words.js';
import { PLURAL, pluralCategories, fillPlurals } from '../../extension/shared/format.js';
import { counted } from '../../tools/cli/words.mjs';
import { followersSourceText } from '../../extension/shared/source-words.js';

const root = path.resolve(import.meta.dirname, '../..');
const dict = (lang) => flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8')));
const tr = (lang) => translator(dict(lang), {}, lang);

test('plural categories: one and other in en, nl, de and fr; French counts 0 as one', () => {
  for (const lang of SUPPORTED) assert.deepEqual(pluralCategories(lang), ['one', 'other'], lang);
  const pick = (n, lang) => fillPlurals('{n|one|other}', () => n, lang);
  for (const lang of ['en', 'nl', 'de']) assert.deepEqual([0, 1, 2, 1.5].map((n) => pick(n, lang)), ['other', 'one', 'other', 'other']);
  assert.deepEqual([0, 1, 1.5, 2, 1e6].map((n) => pick(n, 'fr')), ['one', 'one', 'one', 'other', 'other']);
  assert.equal(pick('3–5', 'en'), 'other', 'a range takes the plural');
  assert.equal(fillPlurals('{n|one|other}', () => undefined, 'en'), '{n|one|other}', 'a select without its count stays visible');
});

// A representative message of each kind, as people read it for 0, 1 and 2.
const ENGINE = {
  en: ['Only 0 posts with like counts', 'Only 1 post with like counts', 'Only 2 posts with like counts'],
  nl: ['Maar 0 berichten met zichtbare likes', 'Maar 1 bericht met zichtbare likes', 'Maar 2 berichten met zichtbare likes'],
  de: ['Nur 0 Beiträge mit sichtbaren Likes', 'Nur 1 Beitrag mit sichtbaren Likes', 'Nur 2 Beiträge mit sichtbaren Likes'],
  fr: ['Seulement 0 publication avec', 'Seulement 1 publication avec', 'Seulement 2 publications avec'],
};
const UI = {
  en: ['Imported 0 entries.', 'Imported 1 entry.', 'Imported 2 entries.'],
  nl: ['0 items geïmporteerd.', '1 item geïmporteerd.', '2 items geïmporteerd.'],
  de: ['0 Einträge importiert.', '1 Eintrag importiert.', '2 Einträge importiert.'],
  fr: ['0 entrée importée.', '1 entrée importée.', '2 entrées importées.'],
};

test('a count of 0, 1 and 2 in an engine message and an extension string, in every language', () => {
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    [0, 1, 2].forEach((n, i) => {
      const said = word(t, { id: 'engagement.too_few_posts', params: { posts: n } });
      assert.ok(said.startsWith(ENGINE[lang][i]), `${lang} ${n}: "${said}"`);
      assert.equal(t('imported', n), UI[lang][i], `${lang} ${n}`);
    });
  }
  // Several selects in one message, a verb among them, and a form that holds its count.
  const en = tr('en');
  assert.equal(word(en, { id: 'likes.views', params: { above: 1, videos: 1 } }), '1 of 1 video has more likes than views.');
  assert.equal(word(en, { id: 'likes.views', params: { above: 2, videos: 5 } }), '2 of 5 videos have more likes than views.');
  assert.equal(en('sourceLikers', 1, 40, 20), 'People who liked the last post: 40 listed, 20 checked');
  assert.equal(en('sourceLikers', 6, 40, 20), 'People who liked the last 6 posts: 40 listed, 20 checked');
  const fr = tr('fr');
  assert.equal(word(fr, { id: 'likes.views', params: { above: 1, videos: 3 } }), '1 vidéo sur 3 a plus de j\'aime que de vues.');
  assert.equal(fr('commentsExample', 'X', 'super', 0, 1), 'X\u00a0: «\u00a0super\u00a0» (0 commentaire de 1 compte)');
  assert.equal(fr('commentsExample', 'X', 'super', 2, 2), 'X\u00a0: «\u00a0super\u00a0» (2 commentaires de 2 comptes)');
  assert.match(word(tr('de'), { id: 'state.new_account', params: { days: 1 } }), /ist 1 Tag alt\.$/);
  assert.match(word(tr('de'), { id: 'state.new_account', params: { days: 3 } }), /ist 3 Tage alt\.$/);
  // A number as `num` writes it: 1.0004 reads "1", so "1 point"; 1.5 reads "1.5 points" (French: "1,5 point").
  const spans = (t, half) => word(t, { id: 'regime.resembles_spans',
    params: { kind: 'x', fit: 50, caught: 80, lowest: 10, highest: 20, half, known: 3 } });
  assert.match(spans(en, 1.0004), /±1 point on top/);
  assert.match(spans(en, 1.5), /±1\.5 points on top/);
  assert.match(spans(fr, 1.5), /±1,5 point en plus/);
});

// The plural selects of a message: {name, forms}.
const selects = (text) => [...text.matchAll(PLURAL)].map((m) => ({ name: m[1], forms: m[2].slice(1).split('|') }));

// Problems with the plural selects of one language's strings: a select with other than the forms its
// language needs or with an empty form, or one on a count the message never writes.
export function selectProblems(strings, lang) {
  const problems = [];
  const needs = pluralCategories(lang).length;
  for (const [key, text] of Object.entries(strings)) {
    for (const { name, forms } of selects(text)) {
      if (forms.length !== needs) problems.push(`${lang}: ${key}: {${name}|...} has ${forms.length} forms, ${lang} needs ${needs} (${pluralCategories(lang).join('|')})`);
      if (forms.some((f) => f.trim() === '')) problems.push(`${lang}: ${key}: {${name}|...} has an empty form`);
      // French's 'one' form is read for 0 too: "1 entrée" there said 1 of none ("(1 dans l'échantillon)").
      if (forms.some((f) => /(^|[^\d.,$])1(?![\d.,])/.test(f))) problems.push(`${lang}: ${key}: {${name}|...} writes its count as a literal 1`);
      const written = name.startsWith('$')
        ? text.replace(/\{\$\d\|/g, '{|').includes(name)
        : new RegExp(`\\{${name}:(count|num)\\}`).test(text);
      if (!written) problems.push(`${lang}: ${key}: {${name}|...} selects on a count the message does not write`);
    }
  }
  return problems;
}

// Words that end the stretch after a count where a word agreeing with it could stand (an article or
// a preposition starts another phrase: "up to 3 counting the comments not read").
const STOP = {
  en: ['the', 'a', 'its', 'their', 'of', 'on', 'in', 'by', 'for', 'to', 'from', 'with', 'and', 'or', 'at'],
  nl: ['de', 'het', 'een', 'zijn', 'hun', 'van', 'op', 'in', 'voor', 'met', 'en', 'of', 'als', 'tot'],
  de: ['der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'sein', 'seine', 'ihr', 'ihre', 'dieser', 'von', 'unter', 'in', 'für', 'mit', 'und', 'oder', 'wenn'],
  fr: ['le', 'la', 'les', 'un', 'une', 'son', 'sa', 'ses', 'leur', 'leurs', 'des', 'de', 'du', 'sur', 'en', 'pour', 'avec', 'et', 'ou', 'dans'],
};
// Plural nouns besides those the selects themselves list (their plural forms' words).
const NOUNS = {
  en: ['posts', 'followers', 'accounts', 'comments', 'replies', 'entries', 'days', 'requests', 'pages', 'points', 'minutes', 'videos', 'profiles'],
  nl: ['berichten', 'volgers', 'accounts', 'reacties', 'antwoorden', 'items', 'dagen', 'verzoeken', "pagina's", 'punten', 'minuten', 'profielen'],
  de: ['beiträge', 'beiträgen', 'konten', 'kommentare', 'kommentaren', 'antworten', 'einträge', 'tage', 'tagen', 'anfragen', 'seiten', 'punkte', 'minuten', 'profile'],
  fr: ['publications', 'abonnés', 'comptes', 'commentaires', 'réponses', 'entrées', 'jours', 'requêtes', 'pages', 'points', 'minutes', 'vidéos', 'profils'],
};
const COUNT = /\{([a-z0-9_]+):(?:count|num)\}|(\$\d)/g;

// Counts with a plural noun beside them and no select on that count: "{posts:count} posts",
// "$1 dernières publications". A count that ends a range ("{min:count}–{max:count} followers") takes
// the plural whatever it is.
export function bareCounts(strings, lang) {
  const nouns = new Set(NOUNS[lang]);
  for (const text of Object.values(strings)) {
    for (const { forms } of selects(text)) {
      const single = new Set(forms[0].toLowerCase().split(/\s+/));
      for (const w of forms.at(-1).toLowerCase().split(/\s+/)) if (!single.has(w) && /^[\p{L}']+$/u.test(w)) nouns.add(w);
    }
  }
  for (const w of STOP[lang]) nouns.delete(w);
  const problems = [];
  for (const [key, text] of Object.entries(strings)) {
    const selected = new Set(selects(text).map((s) => s.name));
    for (const m of text.matchAll(COUNT)) {
      const name = m[1] ?? m[2];
      if (selected.has(name) || /[–-]$/.test(text.slice(0, m.index))) continue;
      const after = text.slice(m.index + m[0].length).split(/[{$.,;:()–—/+%…“”«»"!?·]/)[0];
      const words = [];
      for (const w of after.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 4)) {
        if (STOP[lang].includes(w)) break;
        words.push(w.replace(/^[dl]'/, ''));
      }
      const noun = words.find((w) => nouns.has(w));
      if (noun) problems.push(`${lang}: ${key}: "${m[0]}" stands before "${noun}" without a plural select on it`);
    }
  }
  return problems;
}

test('every plural select in every locale lists the forms its language needs, on a count the message writes', () => {
  let n = 0;
  for (const lang of SUPPORTED) {
    const d = dict(lang);
    n += Object.values(d).reduce((a, text) => a + selects(text).length, 0);
    assert.deepEqual(selectProblems(d, lang), []);
  }
  assert.ok(n > 300, `found only ${n} plural selects`);
  // Planted mistakes are caught: a select short of a form, one on a count the message lacks.
  assert.equal(selectProblems({ a: '{n:count} {n|post}' }, 'en').length, 1);
  assert.equal(selectProblems({ a: '{n:count} {m|post|posts}' }, 'en').length, 1);
  assert.equal(selectProblems({ a: '$2 {$1|post|posts}' }, 'fr').length, 1);
  assert.equal(selectProblems({ a: '{n|la dernière|les {n:count} dernières}' }, 'fr').length, 0);
  assert.equal(selectProblems({ a: '({$3|1 dans l\'échantillon|$3 dans l\'échantillon})' }, 'fr').length, 1);
  assert.equal(selectProblems({ a: '{$3|$3 minute|$3 minutes}, 1,5 s' }, 'fr').length, 0);
});

test('no count in any locale stands before a plural noun without a plural select', () => {
  for (const lang of SUPPORTED) assert.deepEqual(bareCounts(dict(lang), lang), []);
  // Planted mistakes are caught, in both kinds of message; a range and a separate phrase are not.
  const en = dict('en');
  assert.equal(bareCounts({ ...en, bad: 'Only {posts:count} posts with like counts' }, 'en').length, 1);
  assert.equal(bareCounts({ ...en, bad: 'Imported $1 entries.' }, 'en').length, 1);
  const fr = dict('fr');
  assert.equal(bareCounts({ ...fr, bad: 'sur les $1 dernières publications' }, 'fr').length, 1);
  assert.equal(bareCounts({ ...fr, bad: '{n:count} vrais comptes' }, 'fr').length, 1);
  assert.equal(bareCounts({ ...en, ok: '{min:count}–{max:count} followers' }, 'en').length, 0);
  assert.equal(bareCounts({ ...en, ok: 'Up to {high:count} counting the comments not read.' }, 'en').length, 0);
  assert.equal(bareCounts({ ...en, bad: 'The history keeps at most $1 profiles.' }, 'en').length, 1);
  assert.equal(bareCounts({ ...en, ok: 'Lists $1/$2 · profiles $3/$4' }, 'en').length, 0, 'labels of a progress line');
});

test("the CLI's own English lines agree with their counts", () => {
  assert.equal(counted(1, 'post', 'posts'), '1 post');
  assert.equal(counted(0, 'post', 'posts'), '0 posts');
  assert.equal(counted(12345, 'follower', 'followers', '12,345'), '12,345 followers');
});

test('whole-number substitutions in extension strings take the language grouping; text stays as given', () => {
  const want = { en: 'Imported 12,400 entries.', nl: '12.400 items geïmporteerd.', de: '12.400 Einträge importiert.' };
  for (const [lang, text] of Object.entries(want)) assert.equal(tr(lang)('imported', 12400), text, lang);
  assert.match(tr('fr')('imported', 12400), /^12\u202f400 entrées importées\.$/);
  assert.equal(tr('en')('imported', '12400'), 'Imported 12400 entries.', 'a string the caller formatted is kept');
  assert.equal(tr('en')('imported', 2.5), 'Imported 2.5 entries.', 'only whole numbers are grouped');
});

// Two of three posts given up read "2 von diesen 3 Beiträgen konnte nicht gelesen werden" (and
// French and Dutch alike): the verb agrees with how many could not be read.
test('posts that could not be read: the verb agrees with their count in every language', () => {
  const want = { en: [/^1 of these 3 posts could not/, /^2 of these 3 posts could not/],
                 de: [/^1 von diesen 3 Beiträgen konnte nicht/, /^2 von diesen 3 Beiträgen konnten nicht/],
                 fr: [/^1 de ces 3 publications n'a pas pu être lue/, /^2 de ces 3 publications n'ont pas pu être lues/],
                 nl: [/^1 van deze 3 berichten kon niet/, /^2 van deze 3 berichten konden niet/] };
  for (const [lang, [one, two]] of Object.entries(want)) {
    assert.match(tr(lang)('sourcePostsFailed', 1, 3, 'x'), one, lang);
    assert.match(tr(lang)('sourcePostsFailed', 2, 3, 'x'), two, lang);
  }
});

test('followers read before a list was cut short or went round: article and verb agree with one', () => {
  const one = { de: /mit dem einen zuvor gelesenen/, nl: /met de ene die (al|eerder) gelezen (was|is)/ };
  const many = { de: /mit den 25 zuvor gelesenen/, nl: /met de 25 die (al|eerder) gelezen (waren|zijn)/ };
  for (const lang of Object.keys(one)) {
    for (const key of ['sourceCutShort', 'sourceRepeated']) {
      assert.match(tr(lang)(key, 1), one[lang], `${lang} ${key}`);
      assert.match(tr(lang)(key, 25), many[lang], `${lang} ${key}`);
    }
  }
});

// The import's and the progress line's counts, each at 1 and at many, in every language: the words
// beside them agree ("the 1 least recently looked at was set aside" read as a digit standing for a
// noun; a French 0 took the 'one' form's literal "1").
test('import results, the progress line and the lists cut short agree with 1 and with many, in every language', () => {
  const want = {
    en: { setAside: [/at most 5,000 profiles: the one least recently looked at was kept aside, with its numbers/,
                     /at most 5,000 profiles: the 3 least recently looked at were kept aside, with their numbers/],
          notImported: [/: 1 entry of the file was not imported \(the file still has it\)/, /: 3 entries of the file were not imported \(the file still has them\)/],
          progress: [/· 1 of at most 1 request$/, /· 3 of at most 45 requests$/],
          cut: [/with the one read before\.$/, /with the 3 read before\.$/] },
    de: { setAside: [/höchstens 5\.000 Profile: das am längsten nicht angesehene wurde mit seinen Zahlen/,
                     /höchstens 5\.000 Profile: die 3 am längsten nicht angesehenen wurden mit ihren Zahlen/],
          notImported: [/: 1 Eintrag der Datei wurde nicht importiert \(die Datei enthält ihn/, /: 3 Einträge der Datei wurden nicht importiert \(die Datei enthält sie/],
          progress: [/· 1 von höchstens 1 Anfrage$/, /· 3 von höchstens 45 Anfragen$/],
          cut: [/mit dem einen zuvor gelesenen/, /mit den 3 zuvor gelesenen/] },
    fr: { setAside: [/au plus 5\u202f000 profils\u00a0: le moins récemment consulté a été gardé à part, avec ses chiffres/,
                     /au plus 5\u202f000 profils\u00a0: les 3 moins récemment consultés ont été gardés à part, avec leurs chiffres/],
          notImported: [/\u00a0: 1 entrée du fichier n'a pas été importée \(le fichier la contient/, /\u00a0: 3 entrées du fichier n'ont pas été importées \(le fichier les contient/],
          progress: [/· 1 requête sur au plus 1$/, /· 3 requêtes sur au plus 45$/],
          cut: [/avec l'abonné lu avant\.$/, /avec les 3 abonnés lus avant\.$/] },
    nl: { setAside: [/hooguit 5\.000 profielen: het langst niet bekeken item is met zijn cijfers/,
                     /hooguit 5\.000 profielen: de 3 langst niet bekeken items zijn met hun cijfers/],
          notImported: [/: 1 item uit het bestand is niet geïmporteerd \(het bestand bevat het nog\)/, /: 3 items uit het bestand zijn niet geïmporteerd \(het bestand bevat ze nog\)/],
          progress: [/· 1 van hoogstens 1 verzoek$/, /· 3 van hoogstens 45 verzoeken$/],
          cut: [/met de ene die eerder gelezen is\.$/, /met de 3 die eerder gelezen zijn\.$/] },
  };
  for (const [lang, w] of Object.entries(want)) {
    const t = tr(lang);
    [1, 3].forEach((n, i) => {
      assert.match(t('importedSetAside', 5000, n), w.setAside[i], `${lang} ${n}`);
      assert.match(t('importedNotImported', 5000, n), w.notImported[i], `${lang} ${n}`);
      assert.match(t('auditProgress', 1, 2, 3, 4, n, n === 1 ? 1 : 45), w.progress[i], `${lang} ${n}`);
      assert.match(t('sourceRepeated', n), w.cut[i], `${lang} ${n}`);
    });
  }
  // The cap, were it ever 1, agrees too; a count of none in French says none.
  assert.match(tr('en')('importedNotImported', 1, 2), /^The history keeps at most 1 profile and is full/);
  assert.match(tr('fr')('breakdownLegend', 'Probablement faux', '3 %', 0), /\(0 dans l'échantillon\)$/);
  assert.match(tr('fr')('importedOtherOwner', 0), /^0 entrée du fichier n'a pas été importée/);
  assert.match(tr('en')('sourceCutShort', 1), /went on with the one read before\.$/);
  assert.match(tr('nl')('asideDiscardTaken', 1), /weggegooid komt het niet terug/);
});

// French takes its 'one' form for 0, so a singular that leaves the number out ("le plus récent", the
// newest one) is said of none where a count can be 0. Read from the callers, the one such count is
// the followers read, in the followers' row of an audit whose list Instagram answered with server
// errors from its first page (panel.js; "Followers: 0 newest of 12,400 listed" in English). The other
// singulars without their number are shown only for 1 or more: the engine's sampling notes and the
// short-list chip (an estimate needs at least one follower: api_estimate refuses an empty list),
// sourceRepeated and sourceCutShort (a row with followers listed), asideDiscardTaken and the other
// set-aside and import lines (only when their count is not 0), the posts' and accounts' rows (each
// after a check that there are some).
test('the followers row with none read says none, in every language; one and many as before', () => {
  const want = {
    en: ['Followers: none read of 12,400 listed', 'Followers: none read (the follower count could not be read)',
         'Followers: 1 newest of 12,400 listed', 'Followers: 25 newest of 12,400 listed'],
    de: ['Follower: keiner gelesen von 12.400', 'Follower: keiner gelesen (die Followerzahl konnte nicht gelesen werden)',
         'Follower: der neueste von 12.400', 'Follower: die 25 neuesten von 12.400'],
    fr: ['Abonnés\u00a0: aucun lu sur 12\u202f400 listés', "Abonnés\u00a0: aucun lu (le nombre d'abonnés n'a pas pu être lu)",
         'Abonnés\u00a0: le plus récent sur 12\u202f400 listés', 'Abonnés\u00a0: les 25 plus récents sur 12\u202f400 listés'],
    nl: ['Volgers: geen gelezen van 12.400', 'Volgers: geen gelezen (het aantal volgers was niet te lezen)',
         'Volgers: de nieuwste 1 van 12.400 bekeken', 'Volgers: de nieuwste 25 van 12.400 bekeken'],
  };
  assert.deepEqual(Object.keys(want).sort(), [...SUPPORTED].sort());
  for (const [lang, [none, noneUnknown, one, many]] of Object.entries(want)) {
    const t = tr(lang);
    assert.equal(followersSourceText(t, { listed: 0, population: 12400, limited: false }), none, lang);
    assert.equal(followersSourceText(t, { listed: 0, population: null, limited: false }), noneUnknown, lang);
    assert.equal(followersSourceText(t, { listed: 1, population: 12400, limited: false }), one, lang);
    assert.equal(followersSourceText(t, { listed: 25, population: 12400, limited: false }), many, lang);
  }
  // Why the row needs words of its own for none: the heading for some, given 0, says the newest one.
  assert.equal(tr('fr')('sourceFollowers', 0, '12\u202f400'), 'Abonnés\u00a0: le plus récent sur 12\u202f400 listés');
  assert.match(followersSourceText(tr('en'), { listed: 0, population: 1, limited: false }), /^Followers: none read of 1 listed$/);
  assert.match(followersSourceText(tr('fr'), { listed: 0, population: 1, limited: false }), /^Abonnés\u00a0: aucun lu sur 1 listé$/);
});

// A list that held every follower the profile counts (a child's account of 40 under Instagram's
// short list of 50, a small account paged to its end) is the whole audience: its row said
// "50 newest of 50 listed (Instagram shows no more)" above the note "These are all 50 of the
// account's followers" (found driving a short list over a profile of 50).
test('the followers row of a list that held all the followers says all, not the newest', () => {
  const want = {
    en: ['Followers: the only one listed', 'Followers: all 50 listed'],
    nl: ['Volgers: de enige bekeken', 'Volgers: alle 50 bekeken'],
    de: ['Follower: der einzige', 'Follower: alle 50'],
    fr: ['Abonnés\u00a0: le seul, listé', 'Abonnés\u00a0: tous les 50, listés'],
  };
  assert.deepEqual(Object.keys(want).sort(), [...SUPPORTED].sort());
  for (const [lang, [one, all]] of Object.entries(want)) {
    const t = tr(lang);
    assert.equal(followersSourceText(t, { listed: 1, population: 1, limited: false }), one, lang);
    for (const limited of [true, false]) {
      assert.equal(followersSourceText(t, { listed: 50, population: 50, limited }), all, `${lang} limited ${limited}`);
      // More listed than the count read before the list (followers gained meanwhile): all of them too.
      assert.equal(followersSourceText(t, { listed: 50, population: 40, limited }), all, `${lang} 50 of 40`);
    }
  }
  // One short of the count: still the newest, and the short list said.
  assert.equal(followersSourceText(tr('en'), { listed: 50, population: 51, limited: true }), 'Followers: 50 newest of 51 listed (Instagram shows no more)');
});
