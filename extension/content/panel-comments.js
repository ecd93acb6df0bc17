// The panel's "Engagement authenticity" section: what the comments of the recent posts say,
// from the engine's comment analysis an audit ran (when the user switched it on). The verdict
// and grade, each signal's value with its 95% interval and the count it rests on against its
// organic reference, the reasons, and examples of text patterns with their counts. Never a
// commenter's name: the report holds counts and texts only. Every string is set as text, never as markup; comment
// text comes from the page and is shown, never logged.
import { el } from './dom.js';
import { percentNumber, percentText, countText } from '../shared/format.js';
import { noteText } from '../shared/words.js';
import { underWay } from '../shared/audit.js';
import { isolated } from '../shared/shown-text.js';
import { reasonItem } from './reason-item.js';

const STYLE = `
.comments table { width: 100%; border-collapse: collapse; font-size: calc(12em / 13); margin: 4px 0; }
.comments th { text-align: left; font-weight: 600; padding: 3px 4px 3px 0; vertical-align: top; }
.comments td { padding: 3px 0; vertical-align: top; }
.comments tr + tr { border-top: 1px solid var(--line); }
.comments .ref { color: var(--muted); display: block; }
.comments .ev-strong { color: var(--bad); } .comments .ev-weak { color: var(--poor); }
.comments .verdict { font-size: calc(16em / 13); font-weight: 700; margin: 6px 0 2px; }
.comments .grade-good { color: var(--good); } .comments .grade-fair { color: var(--fair); }
.comments .grade-poor { color: var(--poor); } .comments .grade-bad { color: var(--bad); }
.comments .grade-unknown { color: var(--unknown); }
.comments .examples { margin: 0; padding-left: 16px; font-size: calc(12em / 13); }
.comments .examples li { margin: 2px 0; word-break: break-word; }
/* In a narrow panel (a 360 px window at 200% zoom leaves it 148 px) the signals' two columns did not
   fit: the table grew wider than the panel (in German by 85 px) and the panel scrolled sideways.
   There each signal's name goes above its value. In em of the section's own size (13 px at the
   default font size: 240 px), as the table's text: at 240 px a 20 px font size left the German
   table 12 px past the line in a 320 px window, 24 px scrolled the panel sideways at 360. */
.comments { container-type: inline-size; }
@container (max-width: calc(240em / 13)) {
  .comments table, .comments tbody, .comments tr, .comments th, .comments td { display: block; }
  .comments th { padding-bottom: 0; }
}
`;

// Fewer posts with comments than this, and the verdict comes with a caution.
const FEW_POSTS = 4;

const num = (v) => typeof v === 'number' && Number.isFinite(v);
// Numbers in the translator's language (t.lang), without a sign, as the messages place it.
const fmtPercent = (t, v) => percentNumber(v, t.lang || 'en');
// A share with the language's percent sign, as every other number shown ("12%", "12\u00a0%"):
// German and French put a no-break space before it.
const pct = (t, share) => percentText(share * 100, t.lang || 'en');
const hasInterval = (interval) => Array.isArray(interval) && num(interval[0]) && num(interval[1]);
// A share and its interval, ["12%", "8–17%"]; no interval when it is unknown.
const shareText = (t, value, interval) => [pct(t, value), hasInterval(interval)
  ? `${fmtPercent(t, interval[0] * 100)}–${pct(t, interval[1])}` : null];
const perHundred = (t, v) => percentNumber(v * 100, t.lang || 'en');
// The counts a share rests on, as the reasons give them: "5 of 88"; the commenters a share of
// them was estimated over: "of 88 commenters". Nothing from a report saved without them.
const countOf = (t, part, whole) => (num(part) && num(whole) ? t('commentsCount', part, whole) : null);

// A signal's value, its interval and the count it rests on, as one clause: "25% (16–37%; 12 of
// 48)" ("25% (16–37%) (12 of 48)" read as two afterthoughts); "25% (12 of 48)" without an interval.
function valueText(t, how, s) {
  const [value, interval] = how.value(t, s);
  const inside = [interval, how.count ? how.count(t, s) : null].filter(Boolean);
  return inside.length ? `${value} (${inside.join(t('commentsBracketJoin'))})` : value;
}

// A signal's value ([value, interval or null]), the count it rests on, and its organic reference,
// in words (the reference null when the report gives none).
const SIGNALS = {
  recurring_commenters: {
    label: (t) => t('commentsSignalRecurring'),
    value: (t, s) => {
      const hi = Array.isArray(s.interval) ? s.interval[1] : null;
      return [t('commentsValueRecurring', num(hi) && hi !== s.value ? `${s.value}–${hi}` : s.value, s.min_posts, s.of_posts), null];
    },
    reference: (t, r) => (num(r.organic_max) ? t('commentsRefRecurring', r.organic_max) : null),
  },
  templates: {
    label: (t) => t('commentsSignalTemplates'),
    value: (t, s) => shareText(t, s.value, s.interval),
    count: (t, s) => countOf(t, s.comments, s.of_longer_comments),
    reference: (t, r) => sharesRef(t, r),
  },
  generic_comments: {
    label: (t) => t('commentsSignalGeneric'),
    value: (t, s) => shareText(t, s.value, s.interval),
    count: (t, s) => countOf(t, s.comments, s.of),
    reference: (t, r) => sharesRef(t, r),
  },
  timing: {
    label: (t, s) => t('commentsSignalTiming', s.window_minutes ?? 10),
    value: (t, s) => shareText(t, s.value, s.interval),
    count: (t, s) => countOf(t, s.early_comments, s.dated_comments),
    reference: (t, r) => (num(r.organic) ? t('commentsRefTiming', pct(t, r.organic)) : null),
  },
  spam: {
    label: (t) => t('commentsSignalSpam'),
    value: (t, s) => shareText(t, s.value, s.interval),
    count: (t, s) => countOf(t, s.comments, s.of),
    reference: (t, r) => sharesRef(t, r),
  },
  commenter_accounts: {
    label: (t) => t('commentsSignalAccounts'),
    value: (t, s) => [t('commentsValueFake', fmtPercent(t, s.value)),
      hasInterval(s.interval) ? t('commentsRangeFake', fmtPercent(t, s.interval[0]), fmtPercent(t, s.interval[1])) : null],
    count: (t, s) => (num(s.commenters) ? t('commentsCountCommenters', s.commenters) : null),
    reference: (t, r) => (num(r.organic_max_percent) ? t('commentsRefAccounts', fmtPercent(t, r.organic_max_percent)) : null),
  },
  comments_per_like: {
    label: (t) => t('commentsSignalPerLike'),
    value: (t, s) => [perHundred(t, s.value), hasInterval(s.interval) ? `${perHundred(t, s.interval[0])}–${perHundred(t, s.interval[1])}` : null],
    // A rate, no share: the posts it is the median of.
    count: (t, s) => (num(s.posts_used) ? t('commentsCountPosts', s.posts_used) : null),
    reference: (t, r) => (num(r.median) && num(r.p95)
      ? t('commentsRefPerLike', perHundred(t, r.median), perHundred(t, r.p95), countText(r.min_followers || 0, t.lang || 'en')) : null),
  },
};
const sharesRef = (t, r) => (num(r.median) && num(r.p95) ? t('commentsRefShares', pct(t, r.median), pct(t, r.p95)) : null);

function signalsTable(t, signals) {
  const table = el('table', { part: 'comments-signals' });
  const evidence = { strong: t('commentsEvidenceStrong'), weak: t('commentsEvidenceWeak'), none: t('commentsEvidenceNone') };
  for (const [name, how] of Object.entries(SIGNALS)) {
    const s = signals[name];
    if (!s || typeof s !== 'object') continue;
    const tr = el('tr', { 'data-signal': name });
    tr.append(el('th', { scope: 'row' }, how.label(t, s)));
    const td = el('td');
    if (s.measured && num(s.value)) {
      td.append(el('span', { class: `ev-${s.evidence}` }, `${valueText(t, how, s)} · ${evidence[s.evidence] || ''}`));
      const ref = how.reference(t, s.reference || {});
      if (ref) td.append(el('span', { class: 'ref' }, ref));
    } else {
      td.append(el('span', {}, t('commentsNotMeasured')));
      const note = noteText(t, s.note);
      if (note) td.append(el('span', { class: 'ref' }, note));
    }
    tr.append(td);
    table.append(tr);
  }
  return table;
}

// The repeated and generic texts and the spam, each with how often and by how many accounts.
function examples(t, signals) {
  const items = [];
  for (const [name, label] of [['templates', t('commentsExamplesTemplates')], ['generic_comments', t('commentsExamplesGeneric')],
    ['spam', t('commentsExamplesSpam')]]) {
    const list = signals[name] && Array.isArray(signals[name].examples) ? signals[name].examples : [];
    for (const x of list.slice(0, 3)) {
      if (typeof x.text !== 'string') continue;
      items.push(t('commentsExample', label, isolated(x.text), x.comments ?? 1, x.accounts ?? 1));
    }
  }
  if (!items.length) return null;
  const ul = el('ul', { class: 'examples', part: 'comments-examples' });
  for (const text of items) ul.append(el('li', {}, text));
  return ul;
}

function reasons(t, list) {
  const ul = el('ul', { class: 'reasons', part: 'comments-reasons' });
  for (const reason of list.slice(0, 8)) {
    // Its severity said in words, as the profile's reasons (reason-item.js).
    ul.append(reasonItem(t, reason));
  }
  return ul;
}

// Renders the section into `container` for an audit view ({progress, comments}); nothing when
// the audit did not read comments for this analysis.
export function renderCommentsSection(container, view, t) {
  const analysis = view && view.comments;
  if (!analysis) return;
  const sec = el('section', { class: 'comments', part: 'comments', 'aria-label': t('commentsTitle') });
  sec.append(el('style', {}, STYLE), el('h3', {}, t('commentsTitle')));
  const report = analysis.report;
  if (!report) {
    // (Paused: still to go on, once its profile is open again.)
    const running = !!view.progress && underWay(view.progress.status);
    const key = analysis.error ? 'commentsFailed' : running ? 'commentsPending' : 'commentsNone';
    sec.append(el('p', { class: 'muted', part: 'comments-state' }, t(key, analysis.error ? analysis.error.id : '')));
    container.append(sec);
    return;
  }
  const grade = ['good', 'fair', 'poor', 'bad'].includes(report.grade) ? report.grade : 'unknown';
  // The grade and verdict are messages worded in the user's language; an analysis stored before
  // they were messages carries English text, shown as it is.
  sec.append(el('div', { class: `verdict grade-${grade}`, part: 'comments-verdict', 'data-grade': grade },
    noteText(t, report.grade_label)));
  sec.append(el('p', { part: 'comments-verdict-text' }, noteText(t, report.verdict)));
  const read = report.read || {};
  sec.append(el('p', { class: 'muted', part: 'comments-read' },
    t('commentsRead', read.comments ?? 0, read.commenters ?? 0, read.posts ?? 0, read.owner_replies_left_out ?? 0)));
  // Fewer than 4 posts with comments: the signals that follow accounts across posts need 3 and
  // say less (at "2 of 3", 28% of simulated organic sections read "likely bought"; the engine now
  // asks 3 of 3 there: tools/research/comment_posts.mjs).
  if (report.status === 'ok' && read.posts_with_comments < FEW_POSTS) {
    sec.append(el('p', { class: 'muted', part: 'comments-few-posts' }, t('commentsFewPosts', read.posts_with_comments)));
  }
  if (report.status === 'ok' && report.signals) sec.append(signalsTable(t, report.signals));
  if (Array.isArray(report.reasons) && report.reasons.length) {
    sec.append(el('h4', {}, t('commentsReasonsTitle')), reasons(t, report.reasons));
  }
  const ex = report.signals ? examples(t, report.signals) : null;
  if (ex) sec.append(el('h4', {}, t('commentsExamplesTitle')), ex);
  sec.append(el('p', { class: 'tiny' }, t('commentsNote')));
  container.append(sec);
}

// A line for the audit plan shown before an audit starts: whether (and from how many posts) it
// will judge the comments.
export function commentsPlanText(plan, t) {
  if (!plan.comments) return t('commentsPlanOff');
  return plan.commenters.posts ? t('commentsPlanOn', plan.commenters.posts) : null;
}
