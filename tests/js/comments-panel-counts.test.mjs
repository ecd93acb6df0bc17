// The panel's comment signals (content/panel-comments.js): each share says the count it rests on,
// as the reasons do ("5 of 88"), in one bracket with its range ("25% (16–37%; 12 of 48)", not
// "25% (16–37%) (12 of 48)"), in every language; a report saved before the signals carried
// their counts shows its shares as it did, with no placeholder. In the browser:
// tests/e2e/extension-comments.test.mjs (the tattoo studio).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { fakeDocument, all } from './lib/fake-document.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const dict = (lang) => flatten(JSON.parse(fs.readFileSync(path.join(root, `_locales/${lang}/messages.json`), 'utf8')));
const tr = (lang) => translator(dict(lang), dict('en'), lang);

// The signals as the engine's report gives them (wasm/core/comments/report.cpp), counts included.
const signals = () => ({
  templates: { measured: true, value: 0.25, interval: [0.16, 0.37], evidence: 'strong', comments: 12, of_longer_comments: 48,
    reference: { median: 0.02, p95: 0.08 } },
  generic_comments: { measured: true, value: 0.3, interval: [0.22, 0.39], evidence: 'none', comments: 27, emoji_only: 9, of: 90,
    reference: { median: 0.3, p95: 0.5 } },
  timing: { measured: true, value: 0.1, interval: [0.05, 0.19], evidence: 'none', window_minutes: 10, early_comments: 8,
    dated_comments: 80, reference: { organic: 0.15 } },
  spam: { measured: true, value: 0.0556, interval: [0.02, 0.12], evidence: 'none', comments: 5, of: 90, reference: { median: 0.01, p95: 0.05 } },
  commenter_accounts: { measured: true, value: 21.5, interval: [12.1, 33.4], evidence: 'weak', commenters: 1234,
    reference: { organic_max_percent: 15 } },
  comments_per_like: { measured: true, value: 0.042, interval: [0.03, 0.06], evidence: 'none', posts_used: 6,
    reference: { min_followers: 1000, max_followers: 10000, median: 0.03, p95: 0.08 } },
});
const report = (s) => ({ status: 'ok', grade: 'fair', grade_label: 'Fair', verdict: 'x', signals: s,
  read: { posts: 6, posts_with_comments: 6, comments: 90, commenters: 70, owner_replies_left_out: 0 } });

async function rows(lang, s) {
  const { renderCommentsSection } = await import('../../extension/content/panel-comments.js');
  const container = globalThis.document.createElement('div');
  renderCommentsSection(container, { progress: { status: 'done' }, comments: { report: report(s) } }, tr(lang));
  return Object.fromEntries(all(container).filter((n) => n.tag === 'tr').map((n) => [n.attrs['data-signal'], n.textContent]));
}

test('each share of the comments says the count it rests on, in every language', async (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const en = await rows('en', signals());
  assert.match(en.templates, /^Same text from several accounts25% \(16–37%; 12 of 48\) · /);
  assert.match(en.generic_comments, /30% \(22–39%; 27 of 90\) · /);
  assert.match(en.timing, /10% \(5–19%; 8 of 80\) · /);
  assert.match(en.spam, /5\.6% \(2–12%; 5 of 90\) · /);
  assert.match(en.commenter_accounts, /22% \(12–33%; of 1,234 commenters\) · /);
  // A rate, not a share: the posts it is the median of.
  assert.match(en.comments_per_like, /4\.2 \(3–6; over 6 posts\) · /);
  // One bracket after each value, never two.
  for (const [name, text] of Object.entries(en)) assert.doesNotMatch(text, /\) \(/, `${name}: ${text}`);
  const one = await rows('en', { commenter_accounts: { ...signals().commenter_accounts, commenters: 1 },
    comments_per_like: { ...signals().comments_per_like, posts_used: 1 } });
  assert.match(one.commenter_accounts, /; of 1 commenter\) · /);
  assert.match(one.comments_per_like, /; over 1 post\) · /);
  // Without an interval, the count alone in the bracket.
  const bare = await rows('en', { templates: { ...signals().templates, interval: null } });
  assert.match(bare.templates, /25% \(12 of 48\) · /);
  const words = { de: ['von', '1.234 Kommentierenden'], fr: ['sur', '1\u202f234 commentateurs'], nl: ['van', '1.234 reageerders'] };
  const posts = { de: 'über 6 Beiträge', fr: 'sur 6 publications', nl: 'over 6 berichten' };
  // French: a narrow no-break space before the semicolon.
  const join = { de: '; ', fr: '\u202f; ', nl: '; ' };
  for (const lang of SUPPORTED.filter((l) => l !== 'en')) {
    const [of, commenters] = words[lang];
    const got = await rows(lang, signals());
    const j = join[lang];
    assert.ok(got.templates.includes(`%${j}12 ${of} 48) · `), `${lang}: ${got.templates}`);
    assert.ok(got.timing.includes(`%${j}8 ${of} 80) · `), `${lang}: ${got.timing}`);
    assert.ok(got.commenter_accounts.includes(`%${j}${of} ${commenters}) · `), `${lang}: ${got.commenter_accounts}`);
    assert.ok(got.comments_per_like.includes(`${j}${posts[lang]}) · `), `${lang}: ${got.comments_per_like}`);
    for (const [name, text] of Object.entries(got)) assert.doesNotMatch(text, /\) \(/, `${lang} ${name}: ${text}`);
  }
});

test('a report saved before the signals carried their counts shows its shares without them, no placeholder', async (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const s = signals();
  delete s.templates.of_longer_comments;
  delete s.generic_comments.comments;
  delete s.timing.early_comments;
  delete s.timing.dated_comments;
  delete s.spam.of;
  delete s.commenter_accounts.commenters;
  delete s.comments_per_like.posts_used;
  for (const lang of SUPPORTED) {
    const got = await rows(lang, s);
    for (const [name, text] of Object.entries(got)) {
      assert.doesNotMatch(text, /\$\d|undefined|null|NaN|\{/, `${lang} ${name}: ${text}`);
      // (Comments per 100 likes: a rate, without "%".)
      assert.match(text, name === 'comments_per_like' ? /\d\) · / : /%\) · /, `${lang} ${name}: the share and its interval, then the evidence: ${text}`);
    }
  }
});

test('the shares and their ranges carry the percent sign as each language writes it (no-break space in German and French)', async (t) => {
  const saved = globalThis.document;
  globalThis.document = fakeDocument();
  t.after(() => { globalThis.document = saved; });
  const sign = { en: '%', nl: '%', de: '\u00a0%', fr: '\u00a0%' };
  for (const lang of SUPPORTED) {
    const got = await rows(lang, signals());
    const p = sign[lang];
    assert.ok(got.templates.includes(`25${p} (16–37${p}`), `${lang}: ${got.templates}`);
    assert.ok(got.timing.includes(`10${p} (5–19${p}`), `${lang}: ${got.timing}`);
    // The references too: "half up to 2%".
    assert.ok(got.templates.includes(` 2${p}, `), `${lang}: ${got.templates}`);
    assert.ok(got.timing.includes(` 15${p} `), `${lang}: ${got.timing}`);
    // Never a bare "%" glued to a number where the language spaces it.
    if (p !== '%') assert.doesNotMatch(got.templates + got.timing + got.spam, /\d%/, `${lang}`);
  }
});
