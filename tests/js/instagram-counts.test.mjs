// Counts as Instagram writes them in the viewer's language (og:description, logged out), with the
// page's lang attribute deciding a unit whose meaning differs between languages, and the display
// name beside them. Each row: what the page says, its lang, what must be read (null: refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readCount, parseCount, readOgDescription, parseOgDescription, profileDisplayName, pageLanguage }
  from '../../extension/shared/instagram.js';

// [count as written, page lang, value or null]
const COUNTS = [
  // Turkish: B (bin) is thousands, Mn millions; refused before (B) as a unit not known.
  ['12,5 B', 'tr', 12500], ['1,2 Mn', 'tr', 1200000], ['948', 'tr', 948], ['1.234', 'tr', 1234],
  // Danish: t. and mio.; Norwegian: k, t., mill.; Swedish: tn, mn.
  ['12,4 t.', 'da', 12400], ['1,2 mio.', 'da', 1200000], ['12,4 t', 'da', 12400],
  ['12,4k', 'nb', 12400], ['12,4 t.', 'nb', 12400], ['1,2 mill.', 'nb', 1200000], ['12,4 t.', 'no', 12400],
  ['24,3 tn', 'sv', 24300], ['1,2 mn', 'sv', 1200000],
  // Hungarian: E (ezer), M.
  ['12,5 E', 'hu', 12500], ['1,2 M', 'hu', 1200000],
  // Greek: χιλ. and εκ.
  ['3 χιλ.', 'el', 3000], ['1,2 εκ.', 'el', 1200000],
  // Polish, Czech, Finnish.
  ['12,4 tys.', 'pl', 12400], ['1,2 mln', 'pl', 1200000], ['12,4 tis.', 'cs', 12400], ['1,2 mil.', 'cs', 1200000],
  ['12,4 t.', 'fi', 12400], ['1,2 milj.', 'fi', 1200000],
  // Arabic: Arabic-Indic digits, its decimal mark, ألف and مليون; a direction mark around the number.
  ['١٢٫٥ ألف', 'ar', 12500], ['١٫٢ مليون', 'ar', 1200000], ['١٬٢٣٤', 'ar', 1234], ['\u200f٩٤٨\u200f', 'ar', 948],
  // Japanese 万 (10,000) and 億, Korean 만 and 천, Chinese 万/萬 and 亿/億: the comma groups thousands there.
  ['4,870万', 'ja', 48700000], ['1.2億', 'ja', 120000000], ['1.2만', 'ko', 12000], ['3.4천', 'ko', 3400],
  ['4,870万', 'zh-CN', 48700000], ['12.5萬', 'zh-TW', 125000], ['1.2亿', 'zh', 120000000], ['1,234', 'ja', 1234],
  // Indonesian rb and jt; Russian тыс. and млн; Ukrainian тис.
  ['12,5 rb', 'id', 12500], ['1,2 jt', 'id', 1200000], ['1,5 тыс.', 'ru', 1500], ['1,2 млн', 'ru', 1200000],
  ['52 тис.', 'uk', 52000], ['1,2 млн', 'uk', 1200000],
  // Portuguese mil and mi; Spanish mil, with or without its dot (the dotted one read as millions before).
  ['12,5 mil', 'pt-BR', 12500], ['1,2 mi', 'pt', 1200000], ['12,5 mil.', 'pt', 12500], ['12,5 mil.', 'es', 12500],
  ['12,5 mil', 'es', 12500], ['1,2 M', 'es', 1200000],
  // German, Dutch, English, French narrow spaces, Swiss apostrophes.
  ['12,4 Tsd.', 'de', 12400], ['1,2 Mio.', 'de', 1200000], ['1.234', 'de', 1234], ['12,5K', 'nl', 12500],
  ['48,7 mln', 'nl', 48700000], ['12.5K', 'en', 12500], ['1,234,567', 'en', 1234567], ['1\u202f234', 'fr', 1234],
  ['1,2 M', 'fr', 1200000], ['1\'234', 'de-CH', 1234], ['1\u2019234', 'de-CH', 1234],
  // Universal units read whatever the page's language says, or with none.
  ['12.5K', '', 12500], ['1,2 Mio.', '', 1200000], ['1,2 mln', '', 1200000],
  // Ambiguous without the page's language, or with another language's: refused.
  ['12,5 mil', '', null], ['1,2 mil.', '', null], ['12,5 mil.', 'en', null], ['12,5 B', '', null], ['12,5 B', 'en', null],
  ['12,4 t.', '', null], ['12,4 t.', 'de', null], ['12,5 E', '', null], ['3 χιλ.', '', null], ['١٢٫٥ ألف', '', null],
  ['4,870万', '', null], ['4,870万', 'en', null], ['1.2만', 'ja', null], ['1,2 mi', 'es', null],
  // Indonesian M is miliar (a billion) there, a million elsewhere: refused on an Indonesian page.
  ['1,2 M', 'id', null],
  // Vietnamese N (nghìn) and Tr (triệu), refused before as units not known; on another page, or
  // with no language, they are refused. Vietnamese T (tỷ) is Danish thousands: refused there too.
  ['24 N', 'vi', 24000], ['1,2 Tr', 'vi', 1200000], ['24 n', 'vi', 24000], ['12 nghìn', 'vi', 12000], ['1,2 triệu', 'vi', 1200000],
  ['1.234', 'vi', 1234], ['24 N', '', null], ['24 N', 'en', null], ['1,2 Tr', 'tr', null], ['1,2 T', 'vi', null],
  // Hindi and Indian English lakh (100,000) and crore (10,000,000), in Devanagari or Latin letters, on
  // any page (they mean the same wherever written); "करोड़" with its nukta composed or not; Hindi's
  // thousand; the Indian grouping of an exact count on a Hindi page only (elsewhere not by threes).
  ['1.2 लाख', 'hi', 120000], ['3 करोड़', 'hi', 30000000], ['3 कर\u094b\u095c', 'hi', 30000000], ['1.2 lakh', 'en', 120000],
  ['1.2 lakh', 'hi', 120000], ['2,5 crore', 'hi', 25000000], ['12 हज़ार', 'hi', 12000], ['1.2 लाख', '', 120000],
  ['12,34,567', 'hi', 1234567], ['1,234', 'hi', 1234], ['12,34,567', 'en', null], ['1,23,4567', 'hi', null],
  // Thai's number words, on a Thai page only.
  ['1.2 ล้าน', 'th', 1200000], ['12 พัน', 'th', 12000], ['1,234', 'th', 1234], ['1.2 ล้าน', 'en', null],
  // Not numbers as Instagram writes them: "1.234K" (grouping or decimal?), a comma decimal before 万,
  // mixed separators, decimals on an exact count.
  ['1.234K', 'en', null], ['1,2万', 'ja', null], ['1,234.567', 'en', null], ['1,5', 'de', null], ['12,34', 'de', null],
];

test('readCount reads each language\'s units by the page\'s lang, and refuses what it leaves ambiguous', () => {
  for (const [text, lang, want] of COUNTS) {
    const r = readCount(text, lang);
    assert.equal(r.error ? null : r.value, want, `${JSON.stringify(text)} on a page in "${lang}": ${r.error || r.value}`);
    assert.equal(parseCount(text, lang), want, `parseCount ${JSON.stringify(text)} "${lang}"`);
  }
});

test('a refused count says what was not read and why, naming the page\'s language', () => {
  const cases = [
    ['1,2 mil.', '', /"mil\.".*thousands in Spanish and Portuguese, millions in Czech.*no language/],
    ['12,5 B', 'en', /"B".*English \("en"\).*thousands \(bin\) in Turkish/],
    // Not "read only where the language settles it; this page is in English", which English would.
    ['1.2B', 'en', /^the unit "B" is ambiguous on a page in English \("en"\): billions in English, yet no account has a billion followers/],
    ['1,2 M', 'id', /"M" is ambiguous on a page in Indonesian \("id"\).*miliar/],
    ['3 χιλ.', 'fr', /"χιλ\.".*Greek.*French \("fr"\)/],
    ['1,2 Mr', 'en', /"Mr" is read only on a page whose language settles it \(written in Turkish \("tr"\)\); this page is in English \("en"\)/],
    ['24 N', 'en', /"N" is read only on a page whose language settles it \(thousands \(nghìn\) in Vietnamese\); this page is in English/],
    ['1,2 T', 'vi', /"T" is ambiguous on a page in Vietnamese \("vi"\): .*billions \(tỷ\) in Vietnamese/],
    ['1.2 ล้าน', 'en', /"ล้าน" is read only on a page whose language settles it \(written in Thai \("th"\)\)/],
    ['1.234K', 'en', /"1\.234 K" is not an abbreviated count/],
    ['1,5', 'de', /"1,5" is not a count/],
  ];
  for (const [text, lang, re] of cases) assert.match(readCount(text, lang).error, re, `${text} "${lang}"`);
});

// [og:description, lang, [followers, following, posts] or a pattern of the refusal]
const DESCRIPTIONS = [
  ['12,5 B Takipçi, 1.480 Takip, 230 Gönderi - Instagram\'da x (@a)', 'tr', [12500, 1480, 230]],
  ['1,2 mio. følgere, 7.500 følger, 300 opslag - x (@a)', 'da', [1200000, 7500, 300]],
  ['12,4 t. følgere, 56 følger, 78 innlegg - x (@a)', 'nb', [12400, 56, 78]],
  ['24,3 tn följare, 612 följer, 412 inlägg - x (@a)', 'sv', [24300, 612, 412]],
  ['12,5 E követő, 56 követés, 78 bejegyzés - x (@a)', 'hu', [12500, 56, 78]],
  ['3 χιλ. ακόλουθοι, 5 ακολουθεί, 3 δημοσιεύσεις - x (@a)', 'el', [3000, 5, 3]],
  ['12,4 tys. obserwujących, 56 obserwowanych, 78 postów - x (@a)', 'pl', [12400, 56, 78]],
  ['1,2 mil. sledujících, 7 500 sledovaných, 300 příspěvků – x (@a)', 'cs', [1200000, 7500, 300]],
  ['12,4 t. seuraajaa, 56 seurattavaa, 78 julkaisua - x (@a)', 'fi', [12400, 56, 78]],
  ['١٢٫٥ ألف متابع، ٥٦ متابَع، ٧٨ منشور - x (@a)', 'ar', [12500, 56, 78]],
  ['4,870万 位粉丝, 120 正在关注, 230 篇帖子 - x (@a)', 'zh-CN', [48700000, 120, 230]],
  ['フォロワー1.2万人、フォロー中56人、投稿78件 - x (@a)', 'ja', [12000, 56, 78]],
  ['팔로워 1.2만명, 팔로잉 56명, 게시물 78개 - x (@a)', 'ko', [12000, 56, 78]],
  ['12,5 rb Pengikut, 56 Mengikuti, 78 Postingan - x (@a)', 'id', [12500, 56, 78]],
  ['1,5 тыс. подписчиков, 56 подписок, 78 публикаций - x (@a)', 'ru', [1500, 56, 78]],
  ['52 тис. підписників, 1480 стежить, 230 дописів - x (@a)', 'uk', [52000, 1480, 230]],
  ['12,5 mil seguidores, 1.002 seguindo, 78 publicações - x (@a)', 'pt-BR', [12500, 1002, 78]],
  ['12,5 mil. seguidores, 1.002 seguidos, 78 publicaciones - x (@a)', 'es', [12500, 1002, 78]],
  ['1,2 Mio. Follower, 56 Gefolgt, 78 Beiträge - x (@a)', 'de', [1200000, 56, 78]],
  ['1\u202f234 abonnés, 56 abonnements, 78 publications - x (@a)', 'fr', [1234, 56, 78]],
  ['1.234 volgers, 56 volgend, 78 berichten - x (@a)', 'nl', [1234, 56, 78]],
  ['48.7M Followers, 310 Following, 2,140 Posts - x (@a)', 'en', [48700000, 310, 2140]],
  // Thai and Vietnamese put the noun first (or not); Vietnamese abbreviates N and Tr; Hindi writes
  // lakh and crore. Forms from the CLDR and the languages' usage, not seen on a live page.
  ['ผู้ติดตาม 1,234 คน, กำลังติดตาม 56 คน, โพสต์ 78 รายการ - x (@a)', 'th', [1234, 56, 78]],
  ['ผู้ติดตาม 1.2 ล้าน คน, กำลังติดตาม 56 คน, โพสต์ 78 รายการ - x (@a)', 'th', [1200000, 56, 78]],
  ['1.234 người theo dõi, 5 đang theo dõi, 3 bài viết - x (@a)', 'vi', [1234, 5, 3]],
  ['24 N người theo dõi, 5 đang theo dõi, 3 bài viết - x (@a)', 'vi', [24000, 5, 3]],
  ['Người theo dõi: 1,2 Tr, Đang theo dõi: 56, Bài viết: 78 - x (@a)', 'vi', [1200000, 56, 78]],
  ['1.2 लाख फ़ॉलोअर्स, 56 फ़ॉलोइंग, 78 पोस्ट - x (@a)', 'hi', [120000, 56, 78]],
  ['3 करोड़ फ़ॉलोअर्स, 1.2 हज़ार फ़ॉलोइंग, 78 पोस्ट - x (@a)', 'hi', [30000000, 1200, 78]],
  ['1.2 lakh followers, 56 following, 78 posts - x (@a)', 'en', [120000, 56, 78]],
  // Refused, each with the count and the reason.
  ['12,5 mil. seguidores, 1.002 seguidos, 78 publicaciones - x', '', /the followers count: the unit "mil\."/],
  ['1,2 B takipçi, 5 takip, 3 gönderi - x', 'en', /the followers count: the unit "B"/],
  ['1,2 M pengikut, 5 mengikuti, 3 postingan - x', 'id', /the followers count: the unit "M" is ambiguous/],
  ['948 Takipçi, 12,5 B Takip, 3 Gönderi - x', '', /the following count: the unit "B"/],
  ['フォロワー1.2万人、フォロー中56人、投稿78件 - x', 'en', /the followers count: .* does not start with a count/],
  ['24 N người theo dõi, 5 đang theo dõi, 3 bài viết - x', 'en', /the followers count: the unit "N" is read only/],
  ['1,2 T người theo dõi, 5 đang theo dõi, 3 bài viết - x', 'vi', /the followers count: the unit "T" is ambiguous/],
  // A number word of another language is refused, not taken for the noun (12 read unscaled).
  ['12 ล้าน followers, 5 following, 3 posts - x', 'en', /the followers count: the unit "ล้าน" is read only/],
  ['١٢ مليون متابع، ٥٦ متابَع، ٧٨ منشور - x', 'fr', /the followers count: the unit "مليون" is read only/],
  ['See Instagram photos and videos', 'en', /no followers, following and posts counts/],
];

test('readOgDescription reads og:description in many languages by the page\'s lang, or says which count it refused and why', () => {
  for (const [content, lang, want] of DESCRIPTIONS) {
    const r = readOgDescription(content, lang);
    if (Array.isArray(want)) {
      const [followers, following, posts] = want;
      assert.deepEqual(r, { counts: { followers, following, posts } }, `${content} "${lang}"`);
      assert.deepEqual(parseOgDescription(content, lang), r.counts);
    } else {
      assert.match(r.error || '', want, `${content} "${lang}"`);
      assert.match(r.error, /^og:description: /, 'the refusal names where');
      assert.equal(parseOgDescription(content, lang), null);
    }
  }
});

test('a refused og:description count comes with the count as the page wrote it, for the user to read', () => {
  for (const [content, lang, text] of [
    ['12,5 mil. seguidores, 1.002 seguidos, 78 publicaciones - x', '', '12,5 mil.'],
    ['948 Takipçi, 12,5 B Takip, 3 Gönderi - x', 'en', '12,5 B'],
    ['4,870万 位粉丝, 120 正在关注, 230 篇帖子 - x', 'en', '4,870万'],
    ['1,5 Follower, 56 Gefolgt, 78 Beiträge - x', 'de', '1,5'],
    ['x'.repeat(60) + ', 1, 2 - x', 'en', 'x'.repeat(40)],
    // Its own digits (Arabic-Indic here, refused on a page that does not say it is Arabic).
    ['\u200f١٢٫٥ ألف متابع، ٥٦ متابَع، ٧٨ منشور - x', 'fr', '١٢٫٥ ألف'],
    ['フォロワー4,870万人、フォロー中56人、投稿78件 - x', 'ko', '4,870万'],
  ]) {
    assert.equal(readOgDescription(content, lang).text, text, content);
  }
  assert.equal(readOgDescription('See Instagram photos and videos', 'en').text, undefined, 'no count, nothing to quote');
});

test('the page\'s language is its lang attribute\'s language', () => {
  for (const [attr, want] of [['pt-BR', 'pt'], ['en', 'en'], ['zh-Hant-TW', 'zh'], ['no', 'nb'], ['nn-NO', 'nb'], ['', ''],
    [' de ', 'de'], ['x', ''], [null, ''], ['deutsch', '']]) {
    assert.equal(pageLanguage(attr), want, String(attr));
  }
});

// [og:description, og:title, name]
const NAMES = [
  ['1,234 Followers, 56 Following, 78 Posts - See Instagram photos and videos from Anna Bell (@anna)', '', 'Anna Bell'],
  ['1.234 volgers, 56 volgend, 78 berichten - Bekijk Instagram-foto\u2019s en -video\u2019s van Anna Bell (@anna)', '', 'Anna Bell'],
  ['1.234 Follower, 56 Gefolgt, 78 Beiträge – Sieh dir Instagram-Fotos und -Videos von Anna Bell (@anna) an', '', 'Anna Bell'],
  ['1 234 abonnés, 56 abonnements, 78 publications - Voir les photos et vidéos Instagram de Anna de Paris (@anna)', '', 'Anna de Paris'],
  ['12,5 mil seguidores, 1.002 seguidos, 78 publicaciones - Ver fotos y videos de Instagram de Ana (@anna)', '', 'Ana'],
  ['12,5 mil seguidores, 1.002 seguindo, 78 publicações - Veja as fotos e vídeos do Instagram de Ana (@anna)', '', 'Ana'],
  // An unknown wording: the title's name part, in any language; else nothing.
  ['12,5 B Takipçi, 56 Takip, 78 Gönderi - Anna (@anna) Instagram fotoğraflarını ve videolarını keşfet', 'Anna Bell (@anna) • Instagram fotoğrafları ve videoları', 'Anna Bell'],
  ['フォロワー1.2万人、フォロー中56人、投稿78件 - Anna(@anna)さんのInstagram写真と動画', '', ''],
  // Another profile's description or title (a move within the app) names no one here.
  ['1,234 Followers - See Instagram photos and videos from Bob (@bob)', 'Bob (@bob) • Instagram photos and videos', ''],
  ['', '(@anna) • Instagram photos and videos', ''],
];

test('the display name comes from og:description in each known wording, else og:title\'s name part, never other text', () => {
  for (const [description, title, want] of NAMES) {
    assert.equal(profileDisplayName('anna', { description, title }), want, description || title);
  }
  assert.equal(profileDisplayName('anna', {}), '');
  assert.equal(profileDisplayName('anna', { description: null, title: 42 }), '');
});
