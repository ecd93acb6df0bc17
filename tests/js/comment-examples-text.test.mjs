// The comment texts the panel's "Text patterns" list shows (content/panel-comments.js examples):
// written by others, so shown within their own line. A letter under 72 stacked accents (the
// engine keeps 80 characters of a text, marks included) drew them up over the lines above it in
// Chromium, the section's heading included (the line box does not grow for them): at most
// MAX_MARKS marks stay on a character, and every script's own sequences are kept whole.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator } from '../../extension/shared/i18n.js';
import { MAX_MARKS } from '../../extension/shared/shown-text.js';
import { fakeDocument, all } from './lib/fake-document.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const dict = (lang) => flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8')));

async function examples(texts) {
  const { renderCommentsSection } = await import('../../extension/content/panel-comments.js');
  const container = globalThis.document.createElement('div');
  // (Three examples of each kind at most.)
  const kind = (from) => ({ measured: true, value: 0.2, evidence: 'none', comments: 4, of: 20,
    examples: texts.slice(from, from + 3).map((text) => ({ text, comments: 3, accounts: 2 })) });
  const signals = { templates: kind(0), spam: kind(3) };
  const report = { status: 'ok', grade: 'fair', grade_label: 'Fair', verdict: 'x', signals,
    read: { posts: 6, posts_with_comments: 6, comments: 20, commenters: 20, owner_replies_left_out: 0 } };
  renderCommentsSection(container, { progress: { status: 'done' }, comments: { report } }, translator(dict('en'), dict('en'), 'en'));
  return all(container).filter((n) => n.tag === 'li' && n.childNodes.length && !n.attrs.class).map((n) => n.textContent);
}

test('a comment text of stacked accents shows at most three on a letter; scripts\' own mark sequences stay whole', async (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const zalgo = `Z${'\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308'.repeat(9)}!`;
  const kept = ['Vie\u0323\u0302t Nam', '\u0915\u093c\u093f\u0902 ok', '1\uFE0F\u20E3 \u{1F468}\u200D\u{1F469}\u200D\u{1F467} \u{1F44D}\u{1F3FD}', 'caf\u00e9 <b>x</b>'];
  const [shown, ...rest] = await examples([zalgo, ...kept]);
  assert.equal(MAX_MARKS, 3);
  assert.equal(shown, `repeated: “\u2068Z\u0301\u0302\u0303!\u2069” (3 comments by 2 accounts)`);
  assert.deepEqual(rest, kept.map((k, i) => `${i < 2 ? 'repeated' : 'spam'}: “\u2068${k}\u2069” (3 comments by 2 accounts)`));
});

// The comments' reasons say how grave each is to a screen reader, as the panel's own reasons do
// (panel.js): the severity was an aria-label on the bare dot, which no screen reader reads.
test('each reason of the comments says its severity in words a screen reader reads; the dot is hidden from it', async (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const { renderCommentsSection } = await import('../../extension/content/panel-comments.js');
  const reasons = [{ severity: 'high', text: 'Many repeated texts.' }, { severity: 'info', text: 'Compared with organic sections.' }];
  for (const lang of ['en', 'de']) {
    const container = globalThis.document.createElement('div');
    const report = { status: 'ok', grade: 'poor', grade_label: 'Poor', verdict: 'x', reasons,
      read: { posts: 6, posts_with_comments: 6, comments: 20, commenters: 20, owner_replies_left_out: 0 } };
    renderCommentsSection(container, { progress: { status: 'done' }, comments: { report } }, translator(dict(lang), dict('en'), lang));
    const list = all(container).find((n) => n.attrs.part === 'comments-reasons');
    const items = list.childNodes;
    assert.equal(items.length, 2);
    // What is read: the text, less what is aria-hidden (a label on a bare span counts for nothing).
    const read = (n) => (n.nodeType === 3 ? n.data : n.attrs['aria-hidden'] === 'true' ? '' : n.childNodes.map(read).join(''));
    const words = lang === 'en' ? ['strong concern: ', 'information: '] : ['starkes Bedenken: ', 'Information: '];
    items.forEach((li, i) => assert.ok(read(li).startsWith(words[i]), `${lang}: ${JSON.stringify(read(li))}`));
    assert.ok(items.every((li) => all(li).some((n) => n.attrs.class === 'dot' && n.attrs['aria-hidden'] === 'true')));
  }
});

// Text of others among the panel's words is isolated (U+2068 ... U+2069), its own bidirectional
// controls dropped: a comment or a page's count text holding U+202E (right-to-left override), left
// open, turned the rest of the panel's sentence around it backwards, numbers included.
test('a comment text and the page\'s unread count text are isolated from the panel\'s words, their bidi controls dropped', async (t) => {
  const saved = globalThis.document;
  const doc = fakeDocument();
  const createElement = doc.createElement;
  // (What the panel's drawing asks of an element beyond the fake's.)
  doc.createElement = (tag) => Object.assign(createElement(tag), { addEventListener() {}, replaceChildren(...c) { this.childNodes = c; } });
  globalThis.document = doc;
  t.after(() => { globalThis.document = saved; });
  const [comment] = await examples(['\u202Enice \u05E9\u05DC\u05D5\u05DD 12\u2069\u202C']);
  assert.equal(comment, 'repeated: “\u2068nice \u05E9\u05DC\u05D5\u05DD 12\u2069” (3 comments by 2 accounts)');
  const { renderPanel } = await import('../../extension/content/panel.js');
  const p = doc.createElement('div');
  const view = { t: translator(dict('en'), dict('en'), 'en'), username: 'lena.bakes', handlers: {}, onClose() {},
    model: { kind: 'state', state: 'logged_out', unread: '\u202E10 B' } };
  renderPanel(p, view);
  const unread = all(p).find((n) => n.attrs.part === 'counts-unread');
  assert.ok(unread, 'the counts-unread line');
  assert.match(unread.textContent, /what “\u206810 B\u2069” stands for in the page's language, and reads no count/);
});
