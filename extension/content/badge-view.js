// The badge: what the engine decided it may say (report.badge: a state, a tone, a label and
// notes, all messages), worded in the user's language. A number appears only in the "number"
// state and a floor in "at_least"; other states name the strongest finding or why there is none,
// in their own colour.
import { el } from './dom.js';
import { stateNode, auditWait } from './states.js';
import { stateMessage, roughState, roughStateMessage, roughStateShort, badgeStateShort } from '../shared/state-words.js';
import { word, estimateText } from '../shared/words.js';
import { ageText, STATE_CHIPS, renamedText } from '../shared/i18n.js';
import { percentNumber, percentText, countText, clockTime } from '../shared/format.js';
import { followersRefusedBy } from '../shared/audit.js';

// The report state a no-data label stands for ("badge.state_private" -> "private").
function labelState(id) {
  if (id === 'badge.not_found') return 'not_found';
  return id.startsWith('badge.state_') ? id.slice('badge.state_'.length) : null;
}

// A report saved before the engine decided the badge: its numbers, without a colour claim.
function legacyBadge(r) {
  const primary = (r.states || []).find((s) => s !== 'new_account') || 'insufficient';
  return { state: typeof r.fake_percent === 'number' ? 'number' : 'no_data', tone: 'neutral', legacy: true, primary, notes: [] };
}

const PAUSE_SAID_MS = 60_000;

export const auditRunning = (audit) => !!(audit && audit.progress.status === 'running');

// The badge's label in words. While the audit runs, its interval is what the audit has read so
// far, not "after the audit" (the badge and the panel say it alike).
export function badgeLabelText(t, badge, audit) {
  const soFar = badge.label.id === 'badge.unclear_audited' && auditRunning(audit);
  return soFar ? t('badgeUnclearSoFar', percentNumber(badge.label.params.low, t.lang), percentNumber(badge.label.params.high, t.lang))
    : word(t, badge.label);
}

// An audit that stopped at a profile's followers list refused (private, or turned private since it
// was read), or one of the engagers alone made after that: offering "audit to measure" again
// would promise what the list just refused.
const auditRefused = (audit) => !!(audit && followersRefusedBy(audit.progress));
// An audit that finished having read its followers list empty, at no fewer followers than the
// profile has now: "audit to measure" would offer the same again. (Not one that read no page: a
// profile of no followers then; nor once followers have come since.)
export function auditFoundNone(audit, followerCount) {
  if (!audit || audit.progress.status !== 'done' || audit.progress.pagesDone === 0) return false;
  const f = audit.progress.sources.followers;
  return f.listed === 0 && !(Number.isSafeInteger(followerCount) && Number.isSafeInteger(f.population) && followerCount > f.population);
}

// A reading of the page's counts alone (they never give an estimate; it is kept only when they
// show something): why only the counts, as the state badge says it (logged out, or the wait and
// its retry), and that the counts look unusual (the panel says how).
function roughBadge(b, t, model, chip) {
  const r = model.retry || {};
  b.dataset.badgeState = 'status';
  b.dataset.tone = 'neutral';
  b.classList.add('tone-neutral');
  const why = roughStateMessage(t, chip, model.retry);
  // While it is tried again, the wait's own cause (e.g. no connection rather than any no answer).
  // Said short; the sentence is the tooltip (and in the label, the panel).
  const node = stateNode(t, chip.state, { cause: model.retry ? null : chip.cause, unavailable: r.unavailable, retryAt: r.retryAt,
                                          tries: r.tries, text: roughStateShort(t, chip, model.retry) });
  node.setAttribute('title', why);
  b.append(node);
  const note = t('roughEstimate');
  b.append(el('span', { part: 'badge-note', class: 'chip chip-rough', 'data-note': 'rough' }, note));
  if (model.cached) b.append(el('span', { class: 'note' }, ageText(t, Date.now() - model.computedAt)));
  return `${why} · ${note}`;
}

function reportBadge(b, t, model, audit, change) {
  const chip = model.rough ? roughState(model.roughCause) : null;
  if (chip) return roughBadge(b, t, model, chip);
  const r = model.report;
  const badge = r.badge && typeof r.badge === 'object' ? r.badge : legacyBadge(r);
  b.dataset.badgeState = badge.state;
  b.dataset.tone = badge.tone;
  b.classList.add(`tone-${badge.tone}`);
  // A number, or a floor ("at least L% fake"): a figure in its grade's colour.
  const figure = badge.state === 'number' || badge.state === 'at_least';
  let label;
  if (badge.legacy) {
    label = badge.state === 'number' ? estimateText(t, r) : stateMessage(t, badge.primary);
    const short = badge.state === 'number' ? null : badgeStateShort(t, badge.primary);
    const node = badge.state === 'number' ? el('span', { part: 'badge-text badge-label', class: 'badge-text' }, label)
      : stateNode(t, badge.primary, { text: short });
    if (short) node.setAttribute('title', label);
    b.append(node);
  } else {
    label = badgeLabelText(t, badge, audit);
    const state = labelState(badge.label.id);
    if (figure) b.append(el('span', { part: 'badge-text badge-label', class: 'badge-text' }, label));
    else if (state) {
      const node = stateNode(t, state, { text: label });
      node.setAttribute('part', 'state badge-label');
      b.append(node);
    } else b.append(el('span', { part: 'badge-label', class: `badge-finding finding-${badge.state}` }, label));
  }
  const notes = [];
  for (const note of badge.notes || []) {
    // Nor on the page's counts alone: an audit needs the profile data that was refused.
    // Nor while the audit it offers runs ("audit to measure" beside "auditing 3/41").
    if (note.id === 'badge.audit_offer' && (auditRefused(audit) || auditFoundNone(audit, r.follower_count) || model.rough || auditRunning(audit))) continue;
    const text = word(t, note);
    notes.push(text);
    b.append(el('span', { part: 'badge-note', class: `chip chip-${note.id.replace(/\W/g, '-')}`, 'data-note': note.id }, text));
  }
  if (figure) {
    for (const s of r.states || []) if (STATE_CHIPS.includes(s)) b.append(stateNode(t, s, { short: true }));
  }
  // A reading of the counts saved without its cause (before causes were kept).
  if (model.rough) b.append(el('span', { class: 'note', part: 'badge-note', 'data-note': 'rough' }, t('roughEstimate')));
  // The audit's comment analysis found bought engagement: said on the badge, beside whatever the
  // followers show (it sat far down the panel while the badge said only "Still unclear").
  const comments = audit && audit.comments && audit.comments.report;
  if (comments && ['poor', 'bad'].includes(comments.grade)) {
    const text = t('badgeCommentsBought');
    notes.push(text);
    b.append(el('span', { part: 'badge-note', class: `chip chip-comments-bought tone-${comments.grade}`, 'data-note': 'comments_bought' }, text));
  }
  // Followers jumped since the user's first check (a gift or a purchase arriving at once): said on
  // the badge, since a newest-first sample may hold all of the newcomers or none of them.
  const jump = jumpText(t, change);
  if (jump) {
    notes.push(jump);
    b.append(el('span', { part: 'badge-note', class: 'chip chip-follower-jump', 'data-note': 'follower_jump' }, jump));
  }
  if (model.cached) b.append(el('span', { class: 'note' }, ageText(t, Date.now() - model.computedAt)));
  return [label, ...notes].join(' · ');
}

// A rise in followers of at least half since the user's first check (and at least 100), in
// words ("followers +333% since your first check"; from none, the count: "+500"), or null.
export const JUMP_SHARE = 0.5, JUMP_MIN = 100;
function jumpText(t, change) {
  if (!change || change.from < 0) return null;
  const diff = change.to - change.from;
  if (diff < JUMP_MIN || diff < JUMP_SHARE * change.from) return null;
  return t('badgeFollowerJump', change.from === 0 ? `+${countText(diff, t.lang)}` : `+${percentText((100 * diff) / change.from, t.lang)}`);
}

// Draws the badge for the overlay's model; returns its accessible label.
// `change`: the follower count at the user's first check and now (history.js followerChange), or null.
export function renderBadge(b, { t, model, audit, change = null }) {
  b.replaceChildren();
  b.removeAttribute('title');
  b.className = 'badge';
  delete b.dataset.badgeState;
  delete b.dataset.tone;
  let label;
  if (model.kind === 'report') {
    label = reportBadge(b, t, model, audit, change);
  } else if (model.kind === 'state') {
    // Not found is a state of the badge table; the others are the extension's own (loading, rate-limited, ...).
    // A name the account no longer has, its history moved to the new one, is no deleted profile.
    b.dataset.badgeState = ['not_found', 'renamed'].includes(model.state) ? model.state : 'status';
    b.dataset.tone = 'neutral';
    b.classList.add('tone-neutral');
    const renamed = model.state === 'renamed';
    label = renamed ? renamedText(t, model.renamedTo)
      : stateMessage(t, model.state, model.retryAt, model.unavailable, model.cap, model.tries, model.manual, model.during);
    // A sentence too long for the badge is said short there, whole in its tooltip (and label, panel).
    const short = renamed ? null : badgeStateShort(t, model.state, model);
    const node = stateNode(t, model.state, { retryAt: model.retryAt, unavailable: model.unavailable, cap: model.cap, tries: model.tries,
                                             manual: model.manual, during: model.during,
                                             text: renamed ? renamedText(t, model.renamedTo, { short: true }) : short });
    if (short) node.setAttribute('title', label);
    b.append(node);
  } else if (model.kind === 'idle') {
    b.append(el('span', { class: 'badge-text' }, t('badgeRun')));
    label = t('badgeRun');
  } else {
    b.append(stateNode(t, 'loading'));
    label = t('stateLoading');
  }
  if (audit && audit.progress.status === 'running') {
    const p = audit.progress;
    // Held for more than a minute (Fakemeter's hourly cap, Instagram's back-off): "auditing 32/41"
    // read as busy for the hour it waited.
    const wait = auditWait(p, audit);
    // A wait of one kind alone while the rest goes on is no pause (panel: which part waits).
    const paused = wait && !wait.meanwhile && wait.retryAt - Date.now() > PAUSE_SAID_MS;
    b.append(el('span', { class: 'note', part: 'badge-progress' }, paused
      ? t('badgeAuditPaused', clockTime(wait.retryAt, t.lang))
      : t('badgeAuditing', p.listsDone + p.profilesDone, p.listsTarget + p.profilesTarget)));
  }
  // The pointer passes through the badge's words (overlay-style.js): a tooltip of one is the badge's.
  const tip = [...b.childNodes].find((n) => n.nodeType === 1 && n.getAttribute('title'));
  if (tip) b.setAttribute('title', tip.getAttribute('title'));
  // One full stop between the label and the hint, whether or not the label ends with its own.
  b.setAttribute('aria-label', `${t('extName')}: ${label.replace(/[.…]+$/, '')}. ${t('badgeOpenHint')}`);
  return label;
}
