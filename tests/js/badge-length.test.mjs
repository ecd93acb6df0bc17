// Everything the badge can show, measured in every language: each piece it draws (its label or
// state, each note, the audit's progress) is at most BADGE_TEXT_MAX characters. The badge sits
// beside the follower count, often in a narrow header: "Could not read this profile: Instagram
// answered without its data although the page shows it (…)" (266 characters) stood there as a
// column of a dozen lines. A sentence too long for it is said short, the whole sentence staying in
// the badge's tooltip, its screen-reader label and the panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fakeDocument } from './lib/fake-document.mjs';
import { translator, flatten, SUPPORTED } from '../../extension/shared/i18n.js';
import { stateMessage } from '../../extension/shared/state-words.js';

globalThis.document = fakeDocument();
const { renderBadge } = await import('../../extension/content/badge-view.js');

// The longest piece the badge shows well: the engine's own badge words (written for it) fit, in
// all four languages; a panel's sentence does not.
const BADGE_TEXT_MAX = 48;

const locale = (l) => flatten(JSON.parse(fs.readFileSync(new URL(`../../_locales/${l}/messages.json`, import.meta.url), 'utf8')));
const en = locale('en');
const tr = (lang) => translator(locale(lang), en, lang);
const at = new Date(2026, 0, 5, 14, 5).getTime();

function badgeElement() {
  const b = globalThis.document.createElement('div');
  b.dataset = {};
  b.classList = { add() {} };
  b.replaceChildren = () => { b.childNodes = []; };
  return b;
}

// The text of each piece the badge drew, its tooltip and its accessible label.
function drawn(t, view) {
  const b = badgeElement();
  renderBadge(b, { t, ...view });
  return { pieces: b.childNodes.map((n) => ({ text: n.textContent, title: n.attrs.title ?? null })), aria: b.attrs['aria-label'],
           tooltip: b.attrs.title ?? null };
}

const STATES = ['loading', 'private', 'no_posts', 'posts_unavailable', 'hidden_likes', 'logged_out', 'not_found', 'changed',
  'engine_failed', 'challenge', 'storage_full', 'new_account', 'insufficient', 'idle', 'outdated', 'unreadable', 'renamed'];

// Every state the badge can be in, with each kind of wait: {model, audit, change}.
function views() {
  const out = [];
  for (const state of STATES) {
    out.push({ model: { kind: 'state', state, renamedTo: 'a.much.longer.name' } });
    if (state === 'unreadable') {
      out.push({ model: { kind: 'state', state, retryAt: at } });
      out.push({ model: { kind: 'state', state, tries: 3, manual: false } });
    }
  }
  for (const unavailable of [null, 0, 503]) {
    for (const retryAt of [null, at]) {
      out.push({ model: { kind: 'state', state: 'rate_limited', retryAt, unavailable } });
      if (retryAt) out.push({ model: { kind: 'state', state: 'rate_limited', retryAt, unavailable, during: 'lena.bakes' } });
    }
    for (const manual of [false, true]) out.push({ model: { kind: 'state', state: 'rate_limited', unavailable, tries: 3, manual } });
  }
  for (const retryAt of [null, at]) out.push({ model: { kind: 'state', state: 'rate_limited', retryAt, cap: 200 } });
  // A reading of the page's counts alone, for each cause, waiting or given up.
  const report = { states: [], reasons: [], follower_count: 1234 };
  for (const roughCause of ['logged_out', 'rate_limited', 'unavailable']) {
    for (const retry of [null, { retryAt: at }, { retryAt: at, unavailable: 503 }, { tries: 3 }, { tries: 3, manual: true, unavailable: 0 }]) {
      out.push({ model: { kind: 'report', rough: true, roughCause, retry, report } });
    }
  }
  // The engine's labels and notes, at their widest numbers.
  const params = { fake: 100, low: 100, high: 100, n: 12345 };
  // A follower jump of +9,800% (a first check at 1,000, 99,000 now).
  const notes = Object.keys(en).filter((k) => /^msg_badge_(short_list|likers_real|audit_offer|likes_bought)$/.test(k))
    .map((k) => ({ id: k.slice(4).replace('_', '.'), params }));
  for (const key of Object.keys(en).filter((k) => k.startsWith('msg_badge_'))) {
    const label = { id: key.slice(4).replace('_', '.'), params };
    const badge = { state: /number|at_least/.test(key) ? 'number' : 'unclear', tone: 'neutral', label, notes };
    const audit = { progress: { status: 'running', listsDone: 12345, profilesDone: 12345, listsTarget: 12345, profilesTarget: 12345, sources: {} },
                    comments: { report: { grade: 'bad' } } };
    out.push({ model: { kind: 'report', report: { ...report, badge, states: ['private', 'no_posts', 'posts_unavailable', 'hidden_likes', 'new_account'] } },
               audit, change: { from: 1000, to: 99000, at } });
  }
  // A report saved before the engine decided the badge: its first state.
  for (const state of ['private', 'no_posts', 'posts_unavailable', 'hidden_likes', 'insufficient']) {
    out.push({ model: { kind: 'report', report: { ...report, states: [state] } } });
  }
  out.push({ model: { kind: 'idle' } }, { model: { kind: 'loading' } });
  return out;
}

test('every piece the badge shows is short, in every language; a long sentence stays in its tooltip and label', () => {
  const long = [];
  const longest = {};
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    for (const view of views()) {
      const { pieces, aria } = drawn(t, view);
      for (const { text, title } of pieces) {
        assert.doesNotMatch(text, /\$\d|\{|undefined/, `${lang}: ${text}`);
        if (!longest[lang] || [...text].length > [...longest[lang]].length) longest[lang] = text;
        if ([...text].length > BADGE_TEXT_MAX) long.push(`${lang} ${view.model.state || view.model.roughCause || view.model.kind}: ${text}`);
        // Said short: the sentence is the tooltip, and the screen reader hears it.
        if (title) assert.ok(aria.includes(title.replace(/[.…]+$/, '')), `${lang}: ${aria} says ${title}`);
      }
    }
  }
  // BADGE_LENGTHS=1 prints the longest piece in each language.
  if (process.env.BADGE_LENGTHS) console.log(JSON.stringify(longest));
  assert.deepEqual(long, []);
});

// The badge's short words for a state never drop the sentence: it is its tooltip and in its
// accessible label, as the panel says it.
test('a state said short on the badge keeps its whole sentence in the tooltip and the label', () => {
  for (const lang of SUPPORTED) {
    const t = tr(lang);
    const model = { kind: 'state', state: 'unreadable', retryAt: at };
    const { pieces, aria, tooltip } = drawn(t, { model });
    const whole = stateMessage(t, 'unreadable', at);
    assert.ok(whole.length > BADGE_TEXT_MAX, `${lang}: ${whole}`);
    assert.equal(pieces[0].title, whole, lang);
    // The pointer passes through the badge's words to the badge (overlay-style.js): its tooltip is theirs.
    assert.equal(tooltip, whole, lang);
    assert.ok([...pieces[0].text].length <= BADGE_TEXT_MAX, `${lang}: ${pieces[0].text}`);
    assert.ok(aria.includes(whole.replace(/[.…]+$/, '')), `${lang}: ${aria}`);
  }
});
