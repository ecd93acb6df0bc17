// The engine's messages (reasons, notes, the badge, the comment analysis: ids with parameters) and
// their wording in every shipped language: every id the engine can write has a message in each
// _locales file, no message lacks its id, every language uses the same placeholders with known
// formats, and every message the engine gives on the fixtures words completely in every language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../../tools/cli/engine.mjs';
import { flatten, translator, SUPPORTED } from '../../extension/shared/i18n.js';
import { messageKey, word, reasonText, noteText, listedReasons, PLACEHOLDER, FORMATS } from '../../extension/shared/words.js';
import { RULES } from '../../extension/shared/rules.js';
import { percentNumber, percentText } from '../../extension/shared/format.js';
import { reportShapeError } from '../../extension/shared/report-shape.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const dict = (lang) => flatten(JSON.parse(read(`_locales/${lang}/messages.json`)));
// The namespaces of message ids (wasm/core/MESSAGES.md); error ids use other namespaces.
const NAMESPACES = ['state', 'engagement', 'likes', 'following', 'history', 'engagers', 'combined', 'sampling',
  'regime', 'breakdown', 'plan', 'badge', 'comments'];
const ID = new RegExp(`"((?:${NAMESPACES.join('|')})\\.[a-z0-9_]+)"`, 'g');

// Every message id written in the engine's C++ source (the files that make messages include
// message.h, directly or through wording.h; other files use dotted JSON paths in errors).
function idsInSource() {
  const ids = new Map();
  (function walk(dir) {
    for (const f of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const p = path.join(dir, f.name);
      if (f.isDirectory()) walk(p);
      else if (/\.(cpp|h)$/.test(f.name)) {
        const text = read(p);
        if (!/#include "(message|wording)\.h"/.test(text)) continue;
        for (const m of text.matchAll(ID)) if (!/\.(h|cpp)$/.test(m[1])) ids.set(m[1], p);  // not an #include
      }
    }
  })('wasm/core');
  return ids;
}
// A message's placeholders by name and kind (a percentage with its sign or without is one kind: a
// language puts the sign where it belongs, "23%" or "23 %"), each once: a language may write a count
// in more than one form of a plural select.
const placeholders = (text) => [...new Set([...text.matchAll(PLACEHOLDER)]
  .map((m) => `${m[1]}:${(m[2] || '').replace(/^pctn$/, 'pct')}`))].sort();

test('every message id the engine writes has its wording in every shipped language', () => {
  const ids = idsInSource();
  assert.ok(ids.size > 60, `found only ${ids.size} message ids in wasm/core`);
  for (const lang of SUPPORTED) {
    const d = dict(lang);
    for (const [id, where] of ids) {
      assert.ok(Object.hasOwn(d, messageKey(id)), `${id} (${where}) has no "${messageKey(id)}" in _locales/${lang}/messages.json`);
    }
  }
});

test('no message is left without an id the engine writes', () => {
  const keys = new Set([...idsInSource().keys()].map(messageKey));
  for (const key of Object.keys(dict('en')).filter((k) => k.startsWith(RULES.message_key_prefix))) {
    assert.ok(keys.has(key), `_locales/en has ${key}, but wasm/core writes no such message id: remove it`);
  }
});

test('every language fills the same placeholders, each with a known format', () => {
  const en = dict('en');
  for (const lang of SUPPORTED) {
    const d = dict(lang);
    for (const [key, text] of Object.entries(d)) {
      if (!key.startsWith(RULES.message_key_prefix)) continue;
      assert.deepEqual(placeholders(text), placeholders(en[key]), `${lang}: ${key} fills other placeholders than English`);
      for (const [, , format] of text.matchAll(PLACEHOLDER)) {
        if (format) assert.ok(FORMATS.includes(format), `${lang}: ${key} asks for an unknown format "${format}"`);
      }
    }
  }
});

// What the engine answers on the fixtures: profile reports with and without audits, estimates,
// comment analyses (each fixture, cut to two posts without the follower count, and to five
// comments of one post, so the notes of signals not measured come out too).
async function engineMessages() {
  const engine = await loadEngine();
  const estimates = fs.readdirSync(path.join(root, 'tests/fuzz/corpus/fuzz-estimate')).map((f) =>
    JSON.parse(engine.estimateAudience(read(`tests/fuzz/corpus/fuzz-estimate/${f}`)))).filter((r) => !r.error);
  const narrow = { fake_percent: 5, ci_low: 0, ci_high: 20, sample_size: 50, list_limited: true };
  const options = [{}, { audience: estimates[0] }, { audience: narrow, likers: { ...narrow, fake_percent: 60, ci_low: 45, ci_high: 75 } },
    { audience: { ...narrow, fake_percent: 50, ci_low: 35, ci_high: 65 }, commenters: narrow }];
  const dir = 'tests/fixtures/profiles';
  // The organic fixture with one post Instagram sent in a shape not read (left out, said).
  const odd = JSON.parse(read(`${dir}/organic.json`));
  odd.data.user.edge_owner_to_timeline_media.edges[0].node.is_video = 'no';
  // The same following 7,500, about as many as follow it: mass following said by its count.
  const mass = JSON.parse(read(`${dir}/organic.json`));
  mass.data.user.edge_follow.count = 7500;
  mass.data.user.edge_followed_by.count = 7900;
  const reports = fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.json')).map((f) => read(`${dir}/${f}`))
    .concat(JSON.stringify(odd), JSON.stringify(mass)).flatMap((text) => options.map((o) => JSON.parse(engine.analyzeProfile(text, JSON.stringify(o)))))
    .filter((r) => !r.error);
  const cdir = 'tests/fixtures/comments';
  const comments = fs.readdirSync(path.join(root, cdir)).filter((f) => f.endsWith('.json')).flatMap((f) => {
    const doc = JSON.parse(read(`${cdir}/${f}`));
    if (!doc.posts) return [doc];
    const thin = { ...doc, posts: doc.posts.slice(0, 2), follower_count: undefined };
    const few = { ...doc, posts: [{ ...doc.posts[0], comments: doc.posts[0].comments.slice(0, 5) }] };
    if (f !== 'organic.json') return [doc, thin, few];
    // The organic section with three scam comments under each post: the spam share said (8 of 88).
    const scams = ['I made $5,000 this week trading bitcoin with @crypto_mentor_ann, DM her now',
      'Thanks to @investwithmark I earn 3000 dollars weekly, message him on WhatsApp +1 555 0100',
      'Contact @forex_queen for investment, she helped me recover my lost funds', 'Earn money daily from home with crypto mining, DM @profit_pro'];
    const spammed = { ...doc, posts: doc.posts.map((p, i) => ({ ...p, comments: p.comments.map((c, j) => (j < 3 ? { ...c, text: scams[(i + j) % scams.length] } : c)) })) };
    return [doc, thin, few, spammed];
  }).map((d) => JSON.parse(engine.analyzeComments(JSON.stringify(d)))).filter((r) => !r.error);
  return { reports, estimates, comments };
}

// The history refuses reports of another shape (report-shape.js): every report the engine gives
// must pass, with and without audits, or checks would lose their reports.
test('every profile report the engine gives on the fixtures has the shape the history keeps', async () => {
  const { reports } = await engineMessages();
  for (const r of reports) assert.equal(reportShapeError(r, r.username), null, r.username);
  assert.ok(reports.some((r) => r.audience) && reports.some((r) => r.badge.notes.length && r.combined_notes.length));
});

test('every message the engine gives on the fixtures words completely in every language', async () => {
  const { reports, estimates, comments } = await engineMessages();
  assert.ok(reports.length > 40 && estimates.length > 3 && comments.length >= 8);
  const seen = new Set();
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    const check = (text, what) => {
      assert.ok(text.length > 0, `${lang}: ${what} is empty`);
      assert.ok(!/\{[a-z0-9_]+(:[a-z]+)?\}|\{[a-z0-9_]+\|/.test(text), `${lang}: ${what} keeps a placeholder: "${text}"`);
      assert.ok(!text.includes(RULES.message_key_prefix), `${lang}: ${what} is an untranslated key: "${text}"`);
    };
    for (const r of reports) {
      for (const reason of r.reasons) { seen.add(reason.id); check(reasonText(t, reason), reason.id); }
      check(word(t, r.badge.label), r.badge.label.id);
      for (const n of [...r.badge.notes, ...r.combined_notes]) { seen.add(n.id); check(word(t, n), n.id); }
    }
    for (const e of estimates) {
      for (const n of [e.sampling_note, e.regime.explanation, ...e.breakdown.notes, e.requests_for_5pt.note]) {
        seen.add(n.id);
        check(noteText(t, n), n.id);
      }
    }
    for (const c of comments) {
      for (const m of [c.grade_label, c.verdict, ...Object.values(c.signals).map((s) => s.note).filter(Boolean)]) {
        seen.add(m.id);
        check(word(t, m), m.id);
      }
      for (const reason of c.reasons) {
        seen.add(reason.id);
        for (const d of reason.details ?? []) seen.add(d.id);
        check(reasonText(t, reason), reason.id);
      }
    }
  }
  for (const id of ['state.posts_unreadable', 'engagers.likers_more_fake', 'engagers.commenters_more_real', 'combined.newest_only', 'badge.likes_bought',
    'likes.bought_high', 'history.sudden_days', 'following.mass', 'following.mass_count', 'sampling.newest', 'comments.verdict_two',
    'comments.verdict_insufficient', 'comments.recurring_pod', 'comments.templates', 'comments.spam', 'comments.timing', 'comments.note_few_posts',
    'comments.note_no_follower_count', 'comments.note_few_comments']) assert.ok(seen.has(id), `the fixtures never gave ${id}`);
});

// "followers ~56%" read as exact: each share a reason about the likers or commenters gives comes
// with its 95% interval ("~56% (41–70%)"), the one the comparison rests on (below).
test('a reason comparing the likers or commenters with the followers gives each share with its interval, in every language', async () => {
  const { reports } = await engineMessages();
  const reasons = reports.flatMap((r) => r.reasons).filter((x) => x.signal === 'engagers');
  const likers = reasons.find((x) => x.id === 'engagers.likers_more_fake');
  assert.ok(likers, 'the fixtures give likers far more often fake than the followers');
  assert.deepEqual([likers.params.fake_low, likers.params.fake_high, likers.params.followers_low, likers.params.followers_high], [45, 75, 0, 20]);
  // As the language writes a range of percentages: "(45–75%)", "(45–75 %)".
  const range = (lang, low, high) => `(${percentNumber(low, lang)}–${percentText(high, lang)})`;
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const reason of reasons) {
      const said = reasonText(t, reason);
      const low = (v) => said.includes(`${Intl.NumberFormat(lang).format(v)}–`);
      assert.ok(low(reason.params.fake_low) && low(reason.params.followers_low), `${lang} ${reason.id}: "${said}"`);
    }
    const said = reasonText(t, likers);
    for (const [low, high] of [[45, 75], [0, 20]]) assert.ok(said.includes(range(lang, low, high)), `${lang}: "${said}" lacks ${range(lang, low, high)}`);
  }
  // The fixtures give no known definitions' intervals: the full ones, and nothing said of them.
  assert.equal(likers.params.known, undefined);
  assert.match(reasonText(translator(dict('en'), {}, 'en'), likers), /likers ~60% fake \(45–75%\), followers ~5% \(0–20%\)\): /);
});

// "Far more often fake" is decided on the intervals under the known definitions of fake (the doubt
// over the definition moves both samples alike); the reason showed the full intervals, which can
// overlap, beside it. It shows the ones it rests on, and says which they are, in every language.
test('a reason comparing the likers with the followers shows the intervals it rests on, apart, and says which they are', async () => {
  const engine = await loadEngine();
  const known = (a, lo, hi) => ({ ...a, regime: { known_definitions: { ci_low: lo, ci_high: hi } } });
  const sample = (f, lo, hi) => ({ fake_percent: f, ci_low: lo, ci_high: hi, sample_size: 50 });
  const options = { audience: known(sample(15, 0, 39), 5, 26), likers: known(sample(60, 35, 87), 45, 75) };
  const report = JSON.parse(engine.analyzeProfile(read('tests/fixtures/profiles/organic.json'), JSON.stringify(options)));
  const reason = report.reasons.find((x) => x.id === 'engagers.likers_more_fake');
  assert.ok(reason, JSON.stringify(report.reasons.map((x) => x.id)));
  const range = (lang, low, high) => `(${percentNumber(low, lang)}–${percentText(high, lang)})`;
  const which = { en: 'without the doubt over what counts as fake', de: 'ohne den Zweifel, was als unecht gilt',
    fr: 'sans le doute sur ce qui compte comme faux', nl: 'zonder de twijfel over wat als nep telt' };
  for (const lang of SUPPORTED) {
    const said = reasonText(translator(dict(lang), {}, lang), reason);
    for (const [low, high] of [[45, 75], [5, 26]]) assert.ok(said.includes(range(lang, low, high)), `${lang}: "${said}" lacks ${range(lang, low, high)}`);
    for (const [low, high] of [[35, 87], [0, 39]]) assert.ok(!said.includes(range(lang, low, high)), `${lang}: "${said}" shows ${range(lang, low, high)}`);
    assert.ok(said.includes(which[lang]), `${lang}: "${said}"`);
    // Saved by a build that gave the full intervals here (no \`known\`): they are not said to be
    // without the doubt, which was not true of them.
    const params = { ...reason.params };
    delete params.known;
    const before = reasonText(translator(dict(lang), {}, lang), { ...reason, params: { ...params, fake_low: 35, fake_high: 87, followers_low: 0, followers_high: 39 } });
    assert.ok(!before.includes(which[lang]) && before.includes(range(lang, 35, 87)), `${lang}: "${before}"`);
    assert.doesNotMatch(before, /[{};]/, `${lang}: "${before}"`);
  }
});

// A report kept in the history from before the engine gave those intervals: its reason words as it
// did then, never with a placeholder showing.
test('a reason about the likers saved without its intervals words without them, in every language', () => {
  const saved = { id: 'engagers.likers_less_fake', signal: 'engagers', severity: 'medium', params: { fake: 30, followers: 93, high: 82 } };
  for (const lang of SUPPORTED) {
    const said = reasonText(translator(dict(lang), {}, lang), saved);
    assert.doesNotMatch(said, /[{}]|–/, `${lang}: "${said}"`);
  }
  assert.equal(reasonText(translator(dict('en'), {}, 'en'), saved), 'The likers of the recent posts are less often fake than the followers '
    + '(likers ~30% fake, followers ~93%), but their own range, with the doubt over what counts as fake, reaches 82%: not enough to call them mostly real.');
});

// "Every user-facing number carries its uncertainty and its reasons": a share of comments said
// without the count it rests on ("31% within 10 minutes", "12% look like spam") and an engagement
// rate without the posts it is the median of read as exact. Each names them, in every language.
test('the comments\' timing and spam shares and the engagement rate name the counts they rest on, in every language', async () => {
  const { reports, comments } = await engineMessages();
  const reasons = comments.flatMap((c) => c.reasons);
  const timing = reasons.filter((x) => x.id === 'comments.timing');
  const spam = reasons.filter((x) => x.id === 'comments.spam' || x.id === 'comments.spam_none');
  const engaged = reports.filter((r) => r.signals && r.signals.engagement);
  assert.ok(timing.length && spam.some((x) => x.id === 'comments.spam') && spam.some((x) => x.id === 'comments.spam_none') && engaged.length,
    'the fixtures give the timing, spam and engagement reasons');
  for (const c of comments) {
    const r = c.reasons.find((x) => x.id === 'comments.timing');
    if (r) assert.deepEqual([r.params.early, r.params.dated], [c.signals.timing.early_comments, c.signals.timing.dated_comments]);
    const s = c.reasons.find((x) => x.signal === 'spam');
    if (s) assert.deepEqual([s.params.count, s.params.total], [c.signals.spam.comments, c.signals.spam.of]);
  }
  const rates = engaged.map((r) => [r, r.reasons.find((x) => /^engagement\.(far_below|below|typical|above)$/.test(x.id))]);
  for (const [r, reason] of rates) assert.equal(reason.params.posts, r.signals.engagement.posts_used, r.username);
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    const n = (v) => Intl.NumberFormat(lang).format(v);
    const of = { en: 'of', de: 'von', fr: 'sur', nl: 'van' }[lang];
    for (const r of timing) assert.ok(reasonText(t, r).includes(`(${n(r.params.early)} ${of} ${n(r.params.dated)})`), `${lang}: "${reasonText(t, r)}"`);
    for (const r of spam) {
      const count = r.id === 'comments.spam' ? n(r.params.count) : '0';
      assert.ok(reasonText(t, r).includes(`(${count} ${of} ${n(r.params.total)})`), `${lang}: "${reasonText(t, r)}"`);
    }
    for (const [, r] of rates) assert.match(reasonText(t, r), new RegExp(`(\\(|; )\\S+ ${n(r.params.posts)} \\S+\\)`), `${lang}: "${reasonText(t, r)}"`);
  }
  const en = translator(dict('en'), {}, 'en');
  assert.match(reasonText(en, timing[0]), /^\S+% of the dated comments \(\d+ of \d+\) came within 10 minutes/);
  assert.match(reasonText(en, rates[0][1]), /^Engagement \S+% \(\S+–\S+%; over \d+ posts?\): /);
});

// "Engagement 0.56% (over 12 posts)" read as exact: the rate is a median over a few posts, and says
// its 95% interval (the median's, from order statistics, computed by the engine: signals.engagement
// rate_low/rate_high), in every language; over too few posts for 95% it says what its range covers.
test('the engagement rate gives its interval from the engine, in every language, and over few posts what it covers', async () => {
  const { reports } = await engineMessages();
  const rated = reports.filter((r) => r.signals && r.signals.engagement).map((r) =>
    [r.signals.engagement, r.reasons.find((x) => /^engagement\.(far_below|below|typical|above)$/.test(x.id))]);
  assert.ok(rated.length > 0);
  // The reason's percentages are the signals' shares, to four significant digits.
  const pct = (v) => Number((v * 100).toPrecision(4));
  for (const [s, reason] of rated) {
    assert.ok(s.rate_low <= s.rate && s.rate <= s.rate_high && s.rate_coverage >= 0.95, JSON.stringify(s));
    assert.deepEqual([reason.params.rate_low, reason.params.rate_high], [pct(s.rate_low), pct(s.rate_high)]);
  }
  const engine = await loadEngine();
  const doc = JSON.parse(read('tests/fixtures/profiles/organic.json'));
  const media = doc.data.user.edge_owner_to_timeline_media;
  media.edges = media.edges.slice(0, 4);
  const few = JSON.parse(engine.analyzeProfile(JSON.stringify(doc), '{}'));
  assert.equal(few.signals.engagement.rate_coverage, 0.875);
  const reason = few.reasons.find((x) => /^engagement\.(far_below|below|typical|above)$/.test(x.id));
  const detail = (reason.details || []).find((d) => d.id === 'engagement.rate_range');
  assert.deepEqual(detail && detail.params, { posts: 4, coverage: 87.5 });
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const [, r] of [...rated, [null, reason]]) {
      const said = reasonText(t, r);
      assert.ok(said.includes(`(${percentNumber(r.params.rate_low, lang)}–${percentText(r.params.rate_high, lang)}${lang === 'fr' ? '\u202f' : ''}; `), `${lang}: "${said}"`);
    }
    assert.ok(reasonText(t, reason).includes(percentText(87.5, lang)), `${lang}: "${reasonText(t, reason)}"`);
    // Saved before the interval (with its posts, or before those too): words as it did then.
    for (const params of [{ rate: 2.5, posts: 12, peers: 2 }, { rate: 2.5, peers: 2 }]) {
      const saved = reasonText(t, { id: 'engagement.below', signal: 'engagement', severity: 'low', params });
      assert.doesNotMatch(saved, /[{}|–]|\(\s*\)/, `${lang}: "${saved}"`);
    }
  }
  const en = translator(dict('en'), {}, 'en');
  assert.match(reasonText(en, reason), /^Engagement \S+% \(\S+–\S+%; over 4 posts\): .* With 4 posts the rate's range runs from the lowest to the highest of their rates, and even that holds the account's typical rate only 88% of the time, not 95%\./);
  assert.match(reasonText(en, { id: 'engagement.below', params: { rate: 2.5, posts: 12, peers: 2 } }), /^Engagement 2\.5% \(over 12 posts\): 3 in 4/);
});

// "Engagement 25% (18–28%) (over 12 posts)" read as two afterthoughts; the comments table says
// "25% (16–37%; 12 of 48)". The rate's range and the posts it rests on share one bracket, in every
// language (French: U+202F before ";"); a reason saved without either keeps what it has.
test('the engagement rate says its range and its posts in one bracket, in every language', () => {
  const params = { rate: 25, rate_low: 18, rate_high: 28, posts: 12, peers: 21 };
  const want = {
    en: 'Engagement 25% (18–28%; over 12 posts): ',
    nl: 'Betrokkenheid 25% (18–28%; over 12 berichten): ',
    de: 'Engagement 25\u00a0% (18–28\u00a0%; über 12 Beiträge): ',
    fr: 'Engagement 25\u00a0% (18–28\u00a0%\u202f; sur 12 publications)\u00a0: ',
  };
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const id of ['engagement.far_below', 'engagement.below', 'engagement.typical', 'engagement.above']) {
      const said = reasonText(t, { id, signal: 'engagement', severity: 'info', params });
      assert.ok(said.startsWith(want[lang]), `${lang} ${id}: "${said}"`);
      assert.doesNotMatch(said, /\) \(/, `${lang} ${id}: one bracket, not two: "${said}"`);
      const noRange = reasonText(t, { id, params: { rate: 25, posts: 12, peers: 21 } });
      assert.ok(noRange.startsWith(want[lang].replace(/18–28(\u00a0)?%(\u202f)?; /, '')), `${lang} ${id}: "${noRange}"`);
      const noPosts = reasonText(t, { id, params: { rate: 25, rate_low: 18, rate_high: 28, peers: 21 } });
      assert.match(noPosts, /^\S+ 25(\u00a0)?% \(18–28(\u00a0)?%\)(\u00a0)?: /, `${lang} ${id}: "${noPosts}"`);
    }
  }
});

// The notes by the interval's ends ("An estimated 45% of the sampled accounts score where … takes
// the interval's upper end to 83%") said "the sampled accounts" without how many: 13 listed, or the
// 11 of them checked in full. Each names the count its limit rests on, in every language.
test('the notes on the interval\'s ends name how many sampled accounts they rest on, in every language', async () => {
  const { estimates } = await engineMessages();
  const notes = estimates.flatMap((e) => [e.regime.stricter_note, e.regime.lenient_note].filter(Boolean).map((note) => [e, note]));
  assert.ok(notes.length >= 5 && notes.some(([, n]) => n.id === 'regime.lenient_reach_zero') && notes.some(([, n]) => n.id === 'regime.stricter_reach_few'));
  for (const [e, note] of notes) {
    assert.ok(Number.isInteger(note.params.n) && note.params.n >= 1 && note.params.n <= e.sample_size, `${note.id}: n ${note.params.n} of ${e.sample_size}`);
  }
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const [, note] of notes) assert.ok(noteText(t, note).includes(` (${Intl.NumberFormat(lang).format(note.params.n)}) `), `${lang}: "${noteText(t, note)}"`);
  }
  const saved = { id: 'regime.stricter_reach', params: { share: 45.5, high: 83.4 } };
  assert.match(noteText(translator(dict('en'), {}, 'en'), saved), /^An estimated 46% of the sampled accounts score where/);
});

// Reports kept in the history from before those counts: their reasons word as they did then.
test('the timing, spam and engagement reasons saved without their counts word as before, in every language', () => {
  const saved = [
    { id: 'comments.timing', signal: 'timing', severity: 'medium', params: { share: 62.5, minutes: 10, posts: 3, organic: 20 } },
    { id: 'comments.spam', signal: 'spam', severity: 'high', params: { share: 12, count: 5, median: 1, high: 4 } },
    { id: 'comments.spam_none', signal: 'spam', severity: 'info', params: { share: 0, count: 0, median: 1, high: 4 } },
    { id: 'engagement.typical', signal: 'engagement', severity: 'info', params: { rate: 2.5, peers: 2 } },
  ];
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const r of saved) assert.doesNotMatch(reasonText(t, r), /[{}|]|\(\s*\)/, `${lang}: "${reasonText(t, r)}"`);
    assert.ok(reasonText(t, saved[1]).includes(' (5) '), `${lang}: the spam count stays: "${reasonText(t, saved[1])}"`);
  }
  const en = translator(dict('en'), {}, 'en');
  assert.deepEqual(saved.map((r) => reasonText(en, r).split(/[;:]/)[0]), ['63% of the dated comments came within 10 minutes of posting (on 3 posts at least a day old)',
    '12% of the comments (5) look like spam or scams', 'No comment looks like spam or a scam', 'Engagement 2.5%']);
});

test('a reading of the page\'s counts lists its findings without its states; any other report lists every reason', () => {
  const reasons = [{ id: 'history.sudden', signal: 'history', severity: 'high' },
    { id: 'state.posts_unavailable', signal: 'state', severity: 'info' }];
  assert.deepEqual(listedReasons(reasons, true).map((r) => r.id), ['history.sudden']);
  assert.deepEqual(listedReasons(reasons, false), reasons);
  assert.deepEqual(listedReasons(undefined, true), []);
});

// The "how this was worked out" texts say what their numbers mean, not the model's terms: "(62% of
// the fit)" and "(score 0.41, alarm above 0.6)" meant little to an ordinary reader.
test('the likes score and the closest labelled set say what their numbers mean, in every language', () => {
  const JARGON = /of the fit|alarm|der Anpassung|de l'ajustement|van de fit|alerte/i;
  const ids = ['likes.somewhat_uniform', 'likes.organic', 'regime.resembles', 'regime.resembles_agree',
    'regime.resembles_spans', 'regime.lite', 'regime.lite_spans', 'regime.lite_few'];
  const params = { score: 0.41, threshold: 0.6, fit: 62, caught: 80, lowest: 10, highest: 30, half: 4, known: 6,
    kind: { id: 'regime.kind_srf' } };
  for (const lang of SUPPORTED) {
    const t = translator(dict(lang), {}, lang);
    for (const id of ids) {
      const said = word(t, { id, params });
      assert.doesNotMatch(said, JARGON, `${lang} ${id}: "${said}"`);
      if (id.startsWith('likes.')) assert.match(said, /0[.,]41\b.*0[.,]6\b.*5\s?%/u, `${lang} ${id}: "${said}"`);
      else assert.match(said, /62\s?%/u, `${lang} ${id}: "${said}"`);
    }
  }
  assert.equal(word(translator(dict('en'), {}, 'en'), { id: 'likes.organic', params }),
               'Like counts vary like real accounts\': they score 0.41 for how evenly they run; above 0.6, which only 5% of real accounts reach, they would look bought.');
});
