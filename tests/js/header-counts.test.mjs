// A reading of the page's counts (content/main.js runRough) where og:description does not serve,
// none on the page or another profile's after a move within the app: the header's counts
// (content/header-counts.js), read through counts.js in the page's language, the followers count
// from the element the badge anchors to. Before, such a page gave no reading at all. The DOM
// here has only what findAnchor and the reader use: header items in order, their text, a count's
// title, the followers link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHeaderCounts } from '../../extension/content/header-counts.js';
import { readHeaderCount } from '../../extension/shared/instagram.js';

// A header of items (each [text, {title, href}]) on a page in `lang`.
function page(lang, items) {
  const header = { textContent: items.map(([t]) => t).join(' ') };
  const links = [];
  const lis = items.map(([textContent, { title = '', href = '' } = {}]) => {
    const li = { textContent, closest: (sel) => (sel === 'li' ? li : header),
                 querySelector: (sel) => (sel === '[title]' && title ? { getAttribute: () => title } : null) };
    if (href) {
      const a = { textContent, getAttribute: (k) => (k === 'href' ? href : null), closest: (sel) => (sel === 'li' ? li : header),
                  querySelector: li.querySelector };
      links.push(a);
    }
    return li;
  });
  lis.forEach((li, i) => { li.previousElementSibling = lis[i - 1] || null; li.nextElementSibling = lis[i + 1] || null; });
  const doc = {
    ownerDocument: null,
    documentElement: { getAttribute: (a) => (a === 'lang' ? lang : null) },
    querySelectorAll: (sel) => (sel === 'header li' ? lis : sel === 'header' ? [header] : sel.includes('followers/') ? links : []),
  };
  return doc;
}

test('the header\'s counts, table-driven: followers from the badge\'s element, posts and following beside it', () => {
  const rows = [
    // [lang, items, counts]
    ['en', [['78 posts'], ['1,234 followers'], ['56 following']], { posts: 78, followers: 1234, following: 56 }],
    ['en', [['78 posts'], ['12.5K followers', { title: '12,480' }], ['56 following']], { posts: 78, followers: 12480, following: 56 }],
    ['en', [['78 posts'], ['12.5K followers', { href: '/anna/followers/' }], ['56 following']], { posts: 78, followers: 12500, following: 56 }],
    ['nl', [['78 berichten'], ['12,5K volgers'], ['56 volgend']], { posts: 78, followers: 12500, following: 56 }],
    ['tr', [['3 gönderi'], ['10 B takipçi'], ['12 takip']], { posts: 3, followers: 10000, following: 12 }],
    ['de', [['78 Beiträge'], ['1,2 Mio. Follower'], ['56 Gefolgt']], { posts: 78, followers: 1_200_000, following: 56 }],
    ['ja', [['投稿78件'], ['フォロワー1,234人'], ['56人をフォロー中']], { posts: 78, followers: 1234, following: 56 }],
    // Thai and Vietnamese put the word first (or, Vietnamese, not); Vietnamese abbreviates N (nghìn)
    // and Tr (triệu); Hindi writes lakh and crore. Refused before (no reading); the forms are the
    // CLDR's and the languages' usage, unverified against a live page.
    ['th', [['โพสต์ 78 รายการ'], ['ผู้ติดตาม 1,234 คน'], ['กำลังติดตาม 56 คน']], { posts: 78, followers: 1234, following: 56 }],
    ['th', [['โพสต์ 78 รายการ'], ['ผู้ติดตาม 1.2 ล้าน คน'], ['กำลังติดตาม 56 คน']], { posts: 78, followers: 1_200_000, following: 56 }],
    ['vi', [['78 bài viết'], ['1.234 người theo dõi'], ['Đang theo dõi 56 người dùng']], { posts: 78, followers: 1234, following: 56 }],
    ['vi', [['Bài viết: 78'], ['Người theo dõi: 1,2 Tr'], ['Đang theo dõi: 56']], { posts: 78, followers: 1_200_000, following: 56 }],
    ['vi', [['78 bài viết'], ['24 N người theo dõi'], ['56 đang theo dõi']], { posts: 78, followers: 24000, following: 56 }],
    ['hi', [['78 पोस्ट'], ['1.2 लाख फ़ॉलोअर्स'], ['56 फ़ॉलोइंग']], { posts: 78, followers: 120_000, following: 56 }],
    ['hi', [['78 पोस्ट'], ['3 करोड़ फ़ॉलोअर्स'], ['56 फ़ॉलोइंग']], { posts: 78, followers: 30_000_000, following: 56 }],
    ['hi', [['78 posts'], ['1.2 lakh followers'], ['56 following']], { posts: 78, followers: 120_000, following: 56 }],
    // A count beside it that does not read is left unknown, not guessed.
    ['en', [['1,234 followers'], ['56 following']], { posts: null, followers: 1234, following: 56 }],
    ['en', [['many posts'], ['1,234 followers'], ['56 following']], { posts: null, followers: 1234, following: 56 }],
  ];
  for (const [lang, items, counts] of rows) {
    assert.deepEqual(readHeaderCounts('anna', page(lang, items), null, lang), { counts }, `${lang}: ${JSON.stringify(items)}`);
  }
});

test('no reading from a header that is not this profile\'s, has no followers item, or whose followers count is ambiguous', () => {
  // Another profile's header (its count links name it): the page left, still drawn.
  const other = readHeaderCounts('anna', page('en', [['78 posts'], ['1,234 followers', { href: '/bob/followers/' }], ['56 following']]), null, 'en');
  assert.match(other.error, /no followers count of @anna/);
  assert.match(readHeaderCounts('anna', page('en', [['78 posts']]), null, 'en').error, /no followers count/);
  // "1,2 mil" is thousands in Spanish, millions in Czech: an English page does not settle it.
  const mil = readHeaderCounts('anna', page('en', [['78 posts'], ['1,2 mil followers'], ['56 following']]), null, 'en');
  assert.match(mil.error, /^the header's followers count: .*mil/);
  assert.equal(mil.text, '1,2 mil');
  // Vietnamese T (tỷ, billions) is Danish thousands: refused with the reason, on a Vietnamese page too.
  const ty = readHeaderCounts('anna', page('vi', [['78 bài viết'], ['1,2 T người theo dõi'], ['56 đang theo dõi']]), null, 'vi');
  assert.match(ty.error, /^the header's followers count: the unit "T" is ambiguous on a page in Vietnamese/);
  assert.equal(ty.text, '1,2 T');
  // N is Vietnamese only: an English page does not read it.
  assert.match(readHeaderCounts('anna', page('en', [['78 posts'], ['24 N người theo dõi'], ['56 following']]), null, 'en').error,
    /the unit "N" is read only on a page whose language settles it/);
  assert.deepEqual(readHeaderCounts('anna', page('es', [['78 posts'], ['1,2 mil seguidores'], ['56 seguidos']]), null, 'es'),
    { counts: { posts: 78, followers: 1200, following: 56 } });
});

test('readHeaderCount reads one header count as og:description\'s parts are read', () => {
  assert.deepEqual(readHeaderCount('1,234', 'en'), { value: 1234 });
  assert.deepEqual(readHeaderCount('10 B takipçi', 'tr-TR'), { value: 10000 });
  assert.ok(readHeaderCount('10 B takipçi', 'en').error);
  assert.ok(readHeaderCount(null).error);
});
