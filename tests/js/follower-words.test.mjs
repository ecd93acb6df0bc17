// Where the followers count is no link, the badge goes into the header item whose text names
// followers: in every language counts.js reads, not only English, Dutch, French, Spanish and
// German (a Turkish page's badge was pinned to the viewport instead). Each row: the page's lang,
// its posts, followers and following items as Instagram words them; the badge must go into the
// followers item, never the following one. findAnchor runs on a stand-in for the DOM that has
// only what it reads: the header's items and the page's lang attribute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findAnchor } from '../../extension/content/anchor.js';
import { namesFollowers, FOLLOWER_WORDS } from '../../extension/shared/instagram.js';

// [lang, posts item, followers item, following item]
const HEADERS = [
  ['en', '78 posts', '1,234 followers', '56 following'],
  ['nl', '78 berichten', '1.234 volgers', '56 volgend'],
  ['fr', '78 publications', '1 234 abonnés', '56 abonnements'],
  ['es', '78 publicaciones', '1234 seguidores', '56 seguidos'],
  ['de', '78 Beiträge', '1.234 Follower', '56 Gefolgt'],
  ['tr', '3 gönderi', '10 B takipçi', '12 takip'],
  ['it', '78 post', '1.234 follower', '56 seguiti'],
  ['pt-BR', '78 publicações', '1.234 seguidores', '56 seguindo'],
  ['pl', '78 posty', '1234 obserwujących', '56 obserwowani'],
  ['pl', '78 posty', '1 obserwujący', '56 obserwowani'],
  ['sv', '78 inlägg', '1 234 följare', '56 följer'],
  ['da', '78 opslag', '1.234 følgere', '56 følger'],
  ['nb', '78 innlegg', '1 234 følgere', '56 følger'],
  ['no', '78 innlegg', '1 234 følgere', '56 følger'],
  ['fi', '78 julkaisua', '1 234 seuraajaa', '56 seurattua'],
  ['ru', '78 публикаций', '1 234 подписчика', '56 подписок'],
  ['ru', '78 публикаций', '12,4 тыс. подписчиков', '56 подписок'],
  ['uk', '78 дописів', '52 тис. підписників', '56 стежить'],
  ['ja', '投稿78件', 'フォロワー1,234人', '56人をフォロー中'],
  ['ko', '게시물 78', '팔로워 1,234', '팔로우 56'],
  ['zh-CN', '78 篇帖子', '4,870万 粉丝', '56 关注'],
  ['zh-TW', '78 則貼文', '1,234 位粉絲', '追蹤中 56 人'],
  ['ar', '78 منشور', '1,234 متابع', '56 يتابع'],
  ['ar', '78 منشور', '1,234 متابِع', '56 متابَع'],
  ['id', '78 kiriman', '1.234 pengikut', '56 mengikuti'],
  ['cs', '78 příspěvků', '1 234 sledujících', '56 sledovaných'],
  ['hu', '78 bejegyzés', '1234 követő', '56 követés'],
  ['el', '78 δημοσιεύσεις', '1.234 ακόλουθοι', '56 ακολουθείτε'],
  // Words as best known, unverified against Instagram's live pages in these languages (pages.js).
  ['sk', '78 príspevkov', '1 234 sledovateľov', '56 sledovaných'],
  ['sk', '78 príspevkov', '1 234 sledovatelia', '56 sledovaní'],
  ['hr', '78 objava', '1.234 pratitelja', '56 praćenja'],
  ['ro', '78 de postări', '1.234 de urmăritori', '56 de urmăriri'],
  ['vi', '78 bài viết', '1.234 người theo dõi', 'Đang theo dõi 56 người dùng'],
  ['th', 'โพสต์ 78 รายการ', 'ผู้ติดตาม 1,234 คน', 'กำลังติดตาม 56 คน'],
  ['hi', '78 पोस्ट', '1,234 फ़ॉलोअर्स', '56 फ़ॉलोइंग'],
  ['hi', '78 पोस्ट', '1,234 फॉलोअर्स', '56 फॉलो कर रहे हैं'],
  // The same words decomposed (NFD: "õ" as o and a tilde), or Hindi's "फ़" as its one code point.
  ['vi', '78 bài viết', '1.234 người theo dõi'.normalize('NFD'), 'Đang theo dõi 56'.normalize('NFD')],
  ['hi', '78 पोस्ट', '1,234 \u095eॉलोअर्स', '56 \u095eॉलोइंग'],
];

// A header of three items on a page in `lang`, shaped as findAnchor reads it.
function page(lang, texts) {
  const header = { textContent: texts.join(' ') };
  const items = texts.map((textContent) => ({ textContent, closest: () => header }));
  const doc = {
    ownerDocument: null,
    documentElement: { getAttribute: (a) => (a === 'lang' ? lang : null) },
    querySelectorAll: (sel) => (sel === 'header li' ? items : sel === 'header' ? [header] : []),
  };
  return { doc, items };
}

test('the badge goes into the followers item in every language the counts are read in', () => {
  for (const [lang, ...texts] of HEADERS) {
    const { doc, items } = page(lang, texts);
    const at = findAnchor('anna', doc);
    assert.ok(at && at.inside === items[1], `${lang}: "${texts[1]}" names followers; got ${at && at.inside ? `"${at.inside.textContent}"` : JSON.stringify(at)}`);
  }
});

test('a following or posts item never names followers on its language\'s page', () => {
  for (const [lang, posts, , following] of HEADERS) {
    assert.equal(namesFollowers(posts, lang), false, `${lang}: "${posts}"`);
    assert.equal(namesFollowers(following, lang), false, `${lang}: "${following}"`);
  }
});

// Bare Arabic "متابع" is also "following" (متابَع without its vowel mark): read only where the
// page says Arabic.
test('a word that also means following is read only on its own language\'s page', () => {
  assert.ok(!FOLLOWER_WORDS.includes('متابع'));
  assert.equal(namesFollowers('1,234 متابع', 'en'), false);
  assert.equal(namesFollowers('1,234 متابع', 'ar'), true);
  assert.equal(namesFollowers('1,234 متابِع', ''), true, 'the marked word on any page');
});

test('every follower word is in composed form (NFC), as the text it is looked for in', () => {
  for (const w of FOLLOWER_WORDS) assert.equal(w, w.normalize('NFC'), JSON.stringify(w));
});
