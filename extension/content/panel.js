// The panel opened from the badge: every number and reason of the report (the badge says only
// what the evidence carries; the panel keeps the rest), each audited source, and the audit.
import { el } from './dom.js';
import { stateNode, auditWait } from './states.js';
import { stateMessage, roughState, roughStateMessage, auditNotStartedMessage } from '../shared/state-words.js';
import { bugReport } from './bug-report.js';
import { intervalBar, breakdownChart, sparkline } from './charts.js';
import { badgeLabelText, auditRunning, auditFoundNone } from './badge-view.js';
import { noteText, estimateText, listedReasons } from '../shared/words.js';
import { rangeEndNotes } from '../shared/range-end-notes.js';
import { percentNumber, auditDay } from '../shared/format.js';
import { ageText, roughExplainText, followerChangeText, formerUsernamesText, renamedText, earlierOwnerText } from '../shared/i18n.js';
import { RULES } from '../shared/rules.js';
import { renderCommentsSection, commentsPlanText } from './panel-comments.js';
import { auditPlanText, leftOutText } from '../shared/plan-text.js';
import { resumable, followersRefusedBy, underWay, KIND_SERVER_ERRORS } from '../shared/audit.js';
import { renderRefusedAudit, stoppedText } from './panel-refused.js';
import { followersSourceText } from '../shared/source-words.js';
import { recheckAsk } from './panel-recheck.js';
import { recheckAsks } from '../shared/recheck.js';
import { isolated } from '../shared/shown-text.js';
import { reasonItem } from './reason-item.js';

const BUG_STATES = ['changed', 'engine_failed'];

// Whether two reports read the profile alike (the same estimate and interval).
const sameReading = (x, y) => !!(x && y && x.fake_percent === y.fake_percent && x.ci_low === y.ci_low && x.ci_high === y.ci_high);

// Whether the reading shown was computed after the audit ended (a re-check since).
const readSince = (model, audit) => {
  const at = new Date(model.computedAt).getTime(), ended = audit.progress.updatedAt;
  return Number.isFinite(at) && Number.isFinite(ended) && at > ended;
};

// How the reading above stands to an ended audit's own result, when it is not that result:
// 'earlier' (a re-check since replaced it), 'not_kept' (the audit ended before its plan without
// narrowing the result found before it, which stays), or null. Both were said of an audit stopped
// by a login page, where no re-check had happened.
function auditReadingApart(view) {
  const a = view.audit, model = view.model;
  if (!a || !a.report || auditRunning(a) || model.kind !== 'report' || sameReading(model.report, a.report)) return null;
  if (a.progress.status === 'done' || readSince(model, a)) return 'earlier';
  return ['cancelled', 'stopped'].includes(a.progress.status) ? 'not_kept' : null;
}

// What the reading rests on, in words. An audit's reading said "Audited: based on a sample of the
// followers" from its first step, as if done: while its audit runs it says the audit is under way,
// and ended before its plan (cancelled or stopped), that it rests on the part it read; also when
// that audit's state is no longer kept, from the stored entry (`endedEarly`: history.js
// auditEndedEarly, which the background answers with the entry as audit_partial).
export function confidenceKey(r, audit, endedEarly = false) {
  // The profile's own reading kept as the headline while its audit goes on (shared/headline.js).
  if (r.headline && r.headline.source === 'profile' && audit && underWay(audit.progress.status) && audit.report
      && sameReading(r, audit.report)) return 'confidenceAuditHeld';
  if (r.confidence === 'audited' && audit && audit.report && sameReading(r, audit.report)) {
    if (auditRunning(audit)) return 'confidenceAuditing';
    if (['cancelled', 'stopped'].includes(audit.progress.status)) return 'confidenceAuditEnded';
    if (audit.progress.status === 'done') return 'confidenceAudited';
  }
  if (r.confidence === 'audited' && endedEarly) return 'confidenceAuditEnded';
  return { instant: 'confidenceInstant', audited: 'confidenceAudited', none: 'confidenceNone' }[r.confidence] || 'confidenceNone';
}

// The reading's notes on how the audit and the profile combine, as shown. The engine notes a short
// list ("the newest followers only") wherever the headline uses one; where that list held every
// follower (the same audit's followers note a census), the row below says they are the whole
// audience, and the note, which said the opposite above it, is left out.
export function combinedNotesShown(r, audit) {
  const notes = [r.combined_notes ?? r.combined_note].flat().filter(Boolean);
  const census = audit && audit.report && sameReading(r, audit.report)
    && audit.estimates?.followers?.sampling_note?.id === 'sampling.census';
  return census ? notes.filter((n) => n.id !== 'combined.newest_only') : notes;
}

// Whose estimate the headline is while an audit runs, and why, or that an ended audit's stands
// though wider than the profile's (shared/headline.js decides; the report keeps it as `headline`).
// Null where there is nothing to say: no audit of the followers, or an audit's reading that says
// more than the profile's did.
export function headlineText(t, r, audit) {
  const h = r && r.headline;
  if (!h || !h.audit || !h.profile || !audit) return null;
  const p = (v) => percentNumber(v, t.lang);
  const going = underWay(audit.progress.status);
  if (h.source === 'profile' && going) {
    return h.why === 'wider' ? t('headlineHeldWider', h.checked, p(h.audit.low), p(h.audit.high), p(h.profile.low), p(h.profile.high))
      : t('headlineHeldUnchecked', p(h.audit.low), p(h.audit.high), p(h.profile.low), p(h.profile.high));
  }
  if (h.source !== 'audit') return null;
  if (going && h.why === 'narrower') return t('headlineAuditNarrower', p(h.profile.low), p(h.profile.high));
  if (going && h.why === 'disagree') return t('headlineAuditApart', p(h.profile.low), p(h.profile.high));
  const wider = h.audit.high - h.audit.low > h.profile.high - h.profile.low;
  if (h.why === 'ended' && audit.progress.status === 'done' && wider) return t('headlineAuditStands', p(h.profile.low), p(h.profile.high));
  return null;
}

// The page states of a name with no profile behind it now.
const NO_PROFILE_STATES = ['renamed', 'not_found'];

// view = {t, model, audit, username, handlers, auditStorageFull, auditResuming, auditNotStarted, onClose}
export function renderPanel(p, view) {
  const { t, model } = view;
  p.replaceChildren();
  const head = el('div', { class: 'head' });
  head.append(el('h2', {}, t('panelTitle', view.username)));
  const close = el('button', { class: 'close', 'aria-label': t('close'), part: 'close' }, '×');
  close.addEventListener('click', () => view.onClose());
  head.append(close);
  p.append(head);

  if (model.kind === 'report') renderReport(p, view);
  else if (model.kind === 'state') {
    p.append(stateNode(t, model.state, { retryAt: model.retryAt, unavailable: model.unavailable, cap: model.cap, tries: model.tries,
                                         manual: model.manual, during: model.during,
                                         text: model.state === 'renamed' ? renamedText(t, model.renamedTo) : null }));
    // The page's counts were there but one is not read with certainty in the page's language
    // ("1,2 B" on a page that does not say it is Turkish): said, so the login is not the only why.
    // (The page's own text, isolated: shared/shown-text.js.)
    if (model.unread) p.append(el('p', { class: 'muted', part: 'counts-unread' }, t('countsUnread', isolated(model.unread))));
    // Details for a bug report only where one helps: a page Fakemeter could not read, or its
    // engine failing. A wait or a login is no bug.
    if (model.detail && BUG_STATES.includes(model.state)) {
      p.append(el('p', { class: 'muted' }, t('bugReportHint')));
      p.append(el('pre', { class: 'detail', part: 'detail' }, bugReport(model.detail, view.username)));
    }
  } else if (model.kind === 'idle') {
    const run = el('button', { part: 'run' }, t('badgeRun'));
    run.addEventListener('click', () => view.handlers.onRun());
    p.append(run);
  } else {
    p.append(stateNode(t, 'loading'));
  }
  // A name with no profile (renamed since, or gone) has no audit to start, resume or follow there;
  // only one still running under it (in this tab, when the rename came mid-audit) is shown.
  if (model.kind === 'state' && NO_PROFILE_STATES.includes(model.state) && !auditRunning(view.audit)) return;
  renderAuditSection(p, view);
}

function renderReport(p, view) {
  const { t, model } = view;
  const r = model.report;
  const text = estimateText(t, r);
  // A reading of the page's counts alone (findings, never an estimate) leads with why, as the
  // badge does: the login, or the wait and when the full check is tried again. The states of the
  // counts (posts not read) go without saying.
  const rough = model.rough ? roughState(model.roughCause) : null;
  const heading = text || (rough ? roughStateMessage(t, rough, model.retry)
                                 : stateMessage(t, (r.states || [])[0] || 'insufficient'));
  // Where the badge shows no number (the interval too wide to act on, a floor, a finding), the
  // panel leads with what the badge says, and the estimate follows, smaller: its big number
  // above "not a number to act on" read as the answer (a parent and a buyer both took it so).
  const finding = r.badge && r.badge.state !== 'number' && r.badge.label && r.badge.state !== 'no_data'
    ? badgeLabelText(t, r.badge, view.audit) : null;
  if (finding) p.append(el('div', { class: `estimate finding tone-${r.badge.tone}`, part: 'panel-finding' }, finding));
  p.append(el('div', { part: 'panel-estimate', class: finding ? 'estimate-aside' : `estimate grade-${r.grade || 'unknown'}` }, heading));
  p.append(el('div', { class: 'grade' }, t(`grade_${r.grade || 'unknown'}`)));
  // A number the badge does not show: say why (its interval is too wide to act on).
  if (text && r.badge && r.badge.state !== 'number' && typeof r.ci_low === 'number') {
    // After an audit, "an audit narrows it" would be no advice: a larger one does, up to the
    // doubt between definitions, which no sample removes.
    // A floor ("at least L% fake") is what the audit does say.
    // While the audit runs, its interval is what it has read so far, not "after the audit".
    // The profile alone never gives the badge a number, however narrow its interval: said as that
    // (a 96-100% from the profile read "wider than 40 points").
    // An audit that found its followers list empty is no advice either.
    const narrow = r.ci_high - r.ci_low <= RULES.badge_max_width;
    // (The profile's reading kept while the audit runs, too: "an audit narrows it" of one under way.)
    const held = !!r.headline && r.headline.source === 'profile' && auditRunning(view.audit);
    const key = r.badge.state === 'at_least' ? 'panelFloor'
      : held ? 'panelWideSoFar'
      : r.confidence === 'audited' ? (auditRunning(view.audit) ? 'panelWideSoFar' : 'panelWideAudited')
        : narrow ? 'panelProfileOnly' : auditFoundNone(view.audit, r.follower_count) ? 'panelWideNoFollowers' : 'panelWide';
    p.append(el('p', { class: 'muted', part: 'panel-wide' }, t(key, RULES.badge_max_width)));
  }
  if (model.rough) p.append(el('p', { class: 'muted', part: 'rough-note' }, roughExplainText(t, model.roughCause)));
  if (model.storageFull || model.storageShrunk) {
    p.append(el('p', { class: 'muted', part: 'storage-note' }, t(model.storageFull ? 'storageFull' : 'storageShrunk')));
  }
  // An audited result kept as its numbers only (its report dropped for space): said, not drawn as
  // a profile with no reasons and no posts.
  if (r.details_dropped) p.append(el('p', { class: 'muted', part: 'details-dropped' }, t('storageDetailsDropped')));
  // Each state in its own line, but the one already said as the heading.
  if (!rough) for (const s of r.states || []) if (text || stateMessage(t, s) !== heading) p.append(stateNode(t, s));

  if (typeof r.fake_percent === 'number') p.append(intervalBar(t, r));
  const conf = confidenceKey(r, view.audit, model.auditPartial === true);
  // (Not when it is the heading's own words: "Not enough data for an estimate." twice.)
  if (!rough && t(conf) !== heading) p.append(el('p', { class: 'muted' }, t(conf)));
  // The follower count then and now (overlay followerChange: never on the page's counts alone; on an
  // audit's result, the count a later look read is the one now), as the badge has it.
  const change = view.change;
  if (change) p.append(el('p', { class: 'muted', part: 'follower-change' }, followerChangeText(t, change)));
  // The history went on from the account's earlier names (renamed on Instagram): which.
  const former = formerUsernamesText(t, view.formerUsernames);
  if (former) p.append(el('p', { class: 'muted', part: 'former-usernames' }, former));
  // Another account had this name before (this one starts afresh): where its history went.
  const before = earlierOwnerText(t, view.earlier);
  if (before) p.append(el('p', { class: 'muted', part: 'earlier-owner' }, before));
  const combined = noteText(t, combinedNotesShown(r, view.audit));
  if (combined) p.append(el('p', { class: 'muted', part: 'combined-note' }, combined));
  // (On the counts alone, the note above says where they came from and why.)
  if (r.profile_source && !rough) {
    p.append(el('p', { class: 'muted', part: 'profile-source' }, t(`profileSource_${r.profile_source}`)));
  }

  const reasons = listedReasons(r.reasons, !!rough);
  if (reasons.length) {
    p.append(el('h3', {}, t('reasonsTitle')));
    const ul = el('ul', { class: 'reasons', part: 'reasons' });
    for (const reason of reasons.slice(0, 12)) {
      ul.append(reasonItem(t, reason, { 'data-reason': reason.id || '' }));
    }
    p.append(ul);
  }
  // After a re-check the reading above is the profile's alone, and these rows are the last audit's
  // (not where the reading is the audit's own, one that measured no followers included).
  const earlier = auditReadingApart(view) === 'earlier';
  const rows = view.audit && view.audit.estimates ? sourceRows(t, view.audit, earlier) : null;
  if (rows) p.append(rows);
  renderCommentsSection(p, view.audit, t);
  const audience = (view.audit && view.audit.estimate) || r.audience;
  if (audience && audience.breakdown) p.append(breakdownChart(t, audience));
  // Likes per recent post: pinned posts are no recent posts (the engine leaves them out too).
  const recent = Array.isArray(r.posts) ? r.posts.filter((x) => x && x.pinned !== true) : [];
  if (recent.some((x) => typeof x.likes === 'number')) p.append(sparkline(t, recent));

  const foot = el('div', { class: 'foot' });
  const when = model.computedAt ? new Date(model.computedAt) : new Date();
  foot.append(el('span', { class: 'muted', part: 'computed-at' },
                 t('computedAt', when.toLocaleString(t.lang), ageText(t, Date.now() - when.getTime()))));
  // On an audit's result the re-check asks first (panel-recheck.js): the question takes the button's place.
  const asking = view.askRecheck && recheckAsks(model, auditRunning(view.audit));
  if (!asking) {
    const recheck = el('button', { part: 'recheck' }, t('recheck'));
    recheck.addEventListener('click', () => (view.onRecheck ? view.onRecheck() : view.handlers.onRecheck()));
    foot.append(recheck);
  }
  p.append(foot);
  if (asking) p.append(recheckAsk(t, model, view.onRecheckAnswer));
  if (r.engine) p.append(el('p', { class: 'tiny' }, r.engine));
}

// Why a source's posts could not be read, in words: one cause alone, or each with its count
// (audit.js progressOf: a post failed before causes were kept counts as gone).
function failureWords(t, src) {
  const causes = Object.entries(src.postsFailedWhy).filter(([cause]) => cause !== 'unasked');
  return causes.map(([cause, n]) => (causes.length > 1 ? t('postFailureCount', n, t(`postFailure_${cause}`)) : t(`postFailure_${cause}`)))
    .join(t('listSeparator'));
}

// One row per sampled source: who it is, how many were listed and checked, its estimate;
// each source's sampling note names the population its estimate is about. Null when no source
// has a row. `earlier`: the reading shown above is a re-check since the audit, which is said.
export function sourceRows(t, audit, earlier = false) {
  const src = audit.progress.sources;
  const p = (v) => percentNumber(v, t.lang);
  const box = el('div', { class: 'sources', part: 'sources' });
  const muted = (part, text) => el('p', { class: 'muted', part }, text);
  const addRow = (part, ...lines) => {
    const row = el('div', { class: 'source', part });
    row.append(...lines);
    box.append(row);
    return row;
  };
  // A post whose list could not be read is not in the sample: said, with why. Posts not asked for,
  // their source given up after server errors in a row (audit.js giveUpSource), were not tried:
  // said apart, not as "could not be read" (of the posts asked).
  const postsFailed = (key) => {
    const unasked = src[key].postsFailedWhy.unasked || 0;
    const tried = src[key].postsFailed - unasked;
    return [...(tried > 0 ? [muted(`posts-failed-${key}`, t('sourcePostsFailed', tried, src[key].posts - unasked, failureWords(t, src[key])))] : []),
            ...(unasked > 0 ? [muted(`unasked-${key}`, t('sourceServerUnasked', unasked, KIND_SERVER_ERRORS))] : [])];
  };
  box.append(el('h3', {}, t('sourcesTitle')));
  // Which audit, by its day (the popup says it alike, "from the audit of 3 Dec"): beside a re-check
  // of today, rows with no date read as today's. The rows are this audit's own, so its day is
  // when it ended (progress.updatedAt).
  if (earlier) {
    const at = audit.progress.updatedAt;
    box.append(muted('sources-earlier', Number.isFinite(at) ? t('sourcesEarlierOn', auditDay(at, t.lang)) : t('sourcesEarlier')));
  }
  const f = src.followers;
  // Posts read that are no "last N" (pinned ones or a collaboration passed over): "the N posts read", said which below.
  const passedOver = (x) => !!(x.postsLeftOut && (x.postsLeftOut.pinned || x.postsLeftOut.collab));
  const who = {
    followers: followersSourceText(t, f),
    likers: t(passedOver(src.likers) ? 'sourceLikersRead' : 'sourceLikers', src.likers.posts, src.likers.listed, src.likers.checked),
    commenters: t(passedOver(src.commenters) ? 'sourceCommentersRead' : 'sourceCommenters', src.commenters.posts,
                  src.commenters.listed, src.commenters.checked),
  };
  for (const key of ['followers', 'likers', 'commenters']) {
    if (key !== 'followers' && !src[key].listed && src[key].posts > 0) {
      // Likers or commenters none of whose posts could be read: the row says so (it was left out,
      // and with it any word of why the audit has nothing on them).
      // Given up after Instagram's server errors in a row (audit.js giveUpSource): said as that,
      // with the posts not asked for.
      if (src[key].givenUp && src[key].postsFailed >= src[key].posts) {
        const why = src[key].postsFailedWhy;
        addRow(`source-${key}`, el('p', {}, who[key]),
               muted(`given-up-${key}`, t(key === 'likers' ? 'sourceServerGivenUpLikers' : 'sourceServerGivenUpCommenters',
                                          src[key].givenUp.status, why.server || 0)),
               ...(why.unasked ? [muted(`unasked-${key}`, t('sourceServerUnasked', why.unasked, KIND_SERVER_ERRORS))] : []));
        continue;
      }
      if (src[key].postsFailed >= src[key].posts) {
        addRow(`source-${key}`, el('p', {}, who[key]),
               muted(`posts-failed-${key}`, t('sourceNoneRead', src[key].posts, failureWords(t, src[key]))));
        continue;
      }
      // Likers or commenters of posts read whose lists named no one: said, not left out.
      if (src[key].posts >= src[key].postsTarget) {
        addRow(`source-${key}`, el('p', {}, who[key]), muted(`listed-none-${key}`, t('sourceListedNone', src[key].posts - src[key].postsFailed)),
               ...(src[key].postsFailed > 0 ? postsFailed(key) : []));
        continue;
      }
    }
    // Not one page read, Instagram answering the list with server errors in a row (audit.js
    // endFollowersList): said, the source left out.
    if (key === 'followers' && f.serverCut && !f.listed) {
      addRow('source-followers', el('p', {}, who.followers),
             muted('server-cut', t('sourceServerCutNone', f.serverCut.status, KIND_SERVER_ERRORS)));
      continue;
    }
    // Not read at all, Instagram having refused the list (an audit of the engagers alone): said.
    if (key === 'followers' && f.refused && !f.listed) {
      addRow('source-followers', el('p', { part: 'followers-refused' }, t('sourceFollowersRefused')));
      continue;
    }
        // A followers list that came back empty (its pages read, nobody on them): said, not left out.
    if (key === 'followers' && !f.listed && audit.progress.pagesDone > 0
        && (audit.progress.phase !== 'followers' || audit.progress.status !== 'running')) {
      addRow('source-followers', el('p', { part: 'followers-none' }, t('sourceFollowersNone')));
      continue;
    }
    if (!src[key].listed) continue;
    const est = audit.estimates[key];
    const row = addRow(`source-${key}`, el('p', {}, est ? t('sourceEstimate', who[key], p(est.fake_percent), p(est.ci_low), p(est.ci_high))
      : t('sourcePending', who[key])));
    const note = est ? noteText(t, est.sampling_note) : '';
    if (note) row.append(muted(undefined, note));
    // A collaboration read (the profile's own posts were too few): its engagers are the partner's audience too.
    if (src[key].postsCollab > 0) {
      row.append(muted(`posts-collab-${key}`, t(key === 'likers' ? 'sourceCollabLikers' : 'sourceCollabCommenters', src[key].postsCollab)));
    }
    // The posts read passed over pinned posts or a collaboration: said, the engine's note naming "the last N posts".
    if (key !== 'followers') {
      for (const [i, text] of leftOutText(t, [src[key].postsLeftOut]).entries()) row.append(muted(`posts-left-out-${key}-${i}`, text));
    }
    // Entries of the list that could not be read were left out of the sample (lists.js): said,
    // since an estimate about the rest is not quite about the list Instagram showed.
    if (src[key].skipped > 0) row.append(muted(`skipped-${key}`, t('sourceSkipped', src[key].skipped)));
    if (src[key].postsFailed > 0) row.append(...postsFailed(key));
    // Posts planned but not read when the audit ended (cancelled, stopped, or out of budget; a post
    // put behind the others was among them): the row's posts are fewer than the plan's, said.
    if (key !== 'followers' && !auditRunning(audit) && src[key].posts < src[key].postsTarget) {
      row.append(muted(`posts-unread-${key}`, t('sourcePostsUnread', src[key].postsTarget - src[key].posts, src[key].postsTarget)));
    }
    // A post read whose list named no one gave the sample none of its accounts: said.
    if (src[key].postsEmpty > 0) row.append(muted(`posts-empty-${key}`, t('sourcePostsEmpty', src[key].postsEmpty, src[key].posts)));
    // A later followers page Instagram refused or sent unreadable ended the list there.
    if (key === 'followers' && src.followers.cutShort) row.append(muted('cut-short', t('sourceCutShort', src.followers.listed)));
    // Or answered it with server errors in a row (audit.js endFollowersList).
    if (key === 'followers' && f.serverCut) row.append(muted('server-cut', t('sourceServerCut', f.serverCut.status, KIND_SERVER_ERRORS, f.listed)));
    // A later page that named only followers already read ended the list there.
    if (key === 'followers' && src.followers.repeated) row.append(muted('repeated', t('sourceRepeated', src.followers.listed)));
    // Picks that could not be read in full are no checks: said, with how many.
    if (src[key].unread > 0) row.append(muted(`unread-${key}`, t('sourceUnread', src[key].unread)));
    // The full checks given up after server errors in a row (audit.js giveUpProfiles): the estimate
    // rests on the accounts checked before (the list alone when none), the picks left said.
    const gaveUp = src[key].profilesGivenUp;
    if (gaveUp && gaveUp.refused + gaveUp.unasked > 0) {
      row.append(muted(`profiles-server-${key}`, src[key].checked > 0
        ? t('sourceProfilesServer', gaveUp.status, gaveUp.refusedAll, src[key].checked)
        : t('sourceProfilesServerNone', gaveUp.status, gaveUp.refusedAll)));
      if (gaveUp.unasked > 0) row.append(muted(`profiles-unasked-${key}`, t('sourceProfilesUnasked', gaveUp.unasked, KIND_SERVER_ERRORS)));
    }
    // No account of this source fetched in full: say that only the list was scored, and why the
    // interval spans so much (the engine's regime explanation for the list alone).
    if (est && est.regime && est.regime.tier === 'lite') {
      const lite = noteText(t, est.regime.explanation);
      if (lite) row.append(muted(`list-only-${key}`, lite));
    }
    // Why an end reaches so far, when a stricter or a more lenient definition of fake sets it.
    // Each names the end shown, or says it is the list's own reading's (shared/range-end-notes.js).
    for (const { part, text } of rangeEndNotes(t, est)) if (text) row.append(muted(`${part}-${key}`, text));
  }
  // An audit started on a profile read without its posts (the account-info fallback) read no
  // likers or commenters: said, with what would include them.
  // No post to read the likers and commenters of: why.
  const own = audit.progress.ownProfileUnread;
  if (!src.likers.postsTarget && !src.commenters.postsTarget) {
    if (own) {
      // The profile's own data refused when it started (a result kept without its posts): what
      // failed, and that the audit went on with the followers alone.
      addRow('source-engagers-unread', muted(undefined, Number.isInteger(own.status) && own.status >= 500
        ? t('sourceOwnProfileServer', own.status) : t('sourceOwnProfileUnread')));
    } else if (audit.progress.profileSource === 'users_info') {
      addRow('source-engagers-unread', muted(undefined, t('sourceEngagersUnread')));
    }
  }
  // No source to show (the audit stopped before any list was read): no heading of its own.
  return box.querySelector('.source') ? box : null;
}

// An audit's own request budget: its budget less the requests of the audit it replaced counted in
// it (audit.js takeOver).
const ownBudget = (progress) => progress.budget - (progress.takenOver || 0);

function renderAuditSection(p, view) {
  const { t, model } = view;
  const sec = el('section', { class: 'audit', 'aria-label': t('auditTitle') });
  sec.append(el('h3', {}, t('auditTitle')));
  const a = view.audit;
  // A paused audit this page takes up again: said so, with Cancel, as a running one (overlay.js setResuming).
  const resuming = a && a.progress.status === 'paused' ? view.auditResuming : null;
  const running = auditRunning(a) || resuming === 'starting';
  // One it could not: why, and Resume tries again (whatever the reading in view).
  const resumeFailed = !!resuming && typeof resuming === 'object';
  if (a) {
    const pr = a.progress;
    const total = Math.max(1, pr.listsTarget + pr.profilesTarget);
    const done = pr.listsDone + pr.profilesDone;
    const bar = el('progress', { part: 'progress', max: String(total), value: String(done),
      'aria-valuemin': '0', 'aria-valuemax': String(total), 'aria-valuenow': String(done),
      'aria-label': t('auditProgressAria') });
    sec.append(bar);
    sec.append(el('p', { class: 'muted', part: 'progress-text' },
                  t('auditProgress', pr.listsDone, pr.listsTarget, pr.profilesDone, pr.profilesTarget, pr.requests, pr.budget)));
    // A request of the audit this one replaced, still out when it started, is counted here beside
    // its own budget (audit.js takeOver): said, as "at most" counts it.
    const own = ownBudget(pr);
    if (pr.takenOver) sec.append(el('p', { class: 'muted', part: 'taken-over' }, t('auditTakenOver', pr.takenOver, own)));
    if (pr.budgetReached) sec.append(el('p', { class: 'muted' }, t('auditBudgetReached', own)));
    // Whose estimate the reading above is, the profile's or the audit's, and why (of this audit's reading alone).
    const whose = model.kind === 'report' && sameReading(model.report, a.report) ? headlineText(t, model.report, a) : null;
    if (whose) sec.append(el('p', { class: 'muted', part: 'audit-headline' }, whose));
    // Instagram not answering, or Fakemeter's own hourly cap (rather than Instagram asking to
    // slow down), is said as such while its wait holds.
    // Only a running audit goes on at that time: a cancelled or stopped one keeps its last wait unsaid.
    const wait = running ? auditWait(pr, a) : null;
    if (wait && wait.retryAt > Date.now()) sec.append(stateNode(t, 'rate_limited', wait));
    // Said as what stopped the audit then, not as the page's state now (the user may have logged in since).
    if (pr.status === 'stopped') sec.append(stateNode(t, pr.stopReason, { text: stoppedText(t, pr.stopReason) }));
    if (pr.status === 'stopped' && pr.stopDetail) {
      sec.append(el('p', { class: 'muted' }, t('bugReportHint')));
      sec.append(el('pre', { class: 'detail', part: 'detail' }, bugReport(pr.stopDetail, view.username)));
    }
    if (pr.status === 'cancelled') sec.append(el('p', { class: 'muted' }, t('auditCancelled')));
    if (resuming === 'starting') sec.append(el('p', { class: 'muted', part: 'audit-resuming' }, t('auditResuming')));
    else if (resumeFailed) {
      sec.append(el('p', { class: 'muted', part: 'audit-resume-failed' }, t('auditResumeFailed')));
      const f = resuming.failed;
      if (f && f.state) sec.append(stateNode(t, f.state, { unavailable: f.unavailable }));
    } else if (pr.status === 'paused') sec.append(el('p', { class: 'muted', part: 'audit-paused' }, t('auditPaused')));
    // Ended before its plan without narrowing what was found before it: the result above is that
    // one, kept; the rows are this audit's.
    if (auditReadingApart(view) === 'not_kept') {
      sec.append(el('p', { class: 'muted', part: 'audit-not-kept' }, t('auditNotKept')));
    }
    if (pr.status === 'done') sec.append(el('p', { class: 'muted' }, t('auditDone')));
  }
  if (view.auditStorageFull) sec.append(el('p', { class: 'muted', part: 'storage-note' }, t('storageAuditStopped')));
  if (view.auditNotStarted) sec.append(el('p', { class: 'muted', part: 'audit-not-started' }, auditNotStartedMessage(t, view.auditNotStarted)));
  if (running) {
    const cancel = el('button', { part: 'cancel' }, t('cancel'));
    cancel.addEventListener('click', () => view.handlers.onCancel());
    sec.append(cancel);
  } else if (a && followersRefusedBy(a.progress)) {
    renderRefusedAudit(sec, view, followersRefusedBy(a.progress));
  } else {
    const canAudit = model.kind === 'report' && !model.rough;
    // What the audit will read, before it starts: nothing at all (no followers, no engagers) leaves
    // nothing to start.
    // (Not of a result kept without its posts: the audit reads the profile first.)
    const plan = canAudit && !a && view.handlers.plan && !model.report.details_dropped ? view.handlers.plan() : null;
    const btn = el('button', { part: 'audit-button' }, a && resumable(a.progress) ? t('auditResume') : t('auditButton'));
    if (!(canAudit || resumeFailed) || (plan && plan.requests === 0)) btn.disabled = true;
    btn.addEventListener('click', () => view.handlers.onAudit());
    // The buttons side by side in a row of their own (overlay-style.js .buttons: a gap, no margin).
    const row = el('div', { class: 'buttons' });
    row.append(btn);
    sec.append(row);
    // Resume goes on with the plan the audit started with; a new one follows the options now.
    if (canAudit && a && resumable(a.progress)) {
      const fresh = el('button', { part: 'audit-new' }, t('auditNew'));
      fresh.addEventListener('click', () => view.handlers.onAuditNew());
      row.append(fresh);
      sec.append(el('p', { class: 'muted', part: 'resume-note' }, t('auditResumeNote', ownBudget(a.progress))));
    }
    if (plan) {
      const postsUnread = model.report.profile_source === 'users_info';
      sec.append(el('p', { class: 'muted', part: 'audit-plan' }, auditPlanText(t, plan, { postsUnread })));
      const comments = plan.requests > 0 ? commentsPlanText(plan, t) : null;
      if (comments) sec.append(el('p', { class: 'muted', part: 'comments-plan' }, comments));
    }
    // Not once an audit has read the list (the user follows the account): it plainly worked.
    if (model.kind === 'report' && (model.report.states || []).includes('private') && !(a && a.progress.sources.followers.listed > 0)) {
      sec.append(el('p', { class: 'muted' }, t('auditPrivateNote')));
    }
  }
  p.append(sec);
}
