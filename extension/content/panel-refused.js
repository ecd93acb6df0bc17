// The panel's audit controls after Instagram refused the followers list (a private profile the
// viewer does not follow, or a public one whose list answers "not authorized"): "Audit followers"
// could only be refused again the same way, so the panel says why no audit of the followers is
// possible, offers what can still be read (the likers and commenters of a public profile's posts;
// a private profile's posts are as closed as its list) and trying the list again later (after
// following the profile, or once Instagram shows the list again).
import { el } from './dom.js';
import { auditPlanText } from '../shared/plan-text.js';
import { resumable, REFUSED_STOPS } from '../shared/audit.js';
import { commentsPlanText } from './panel-comments.js';

// What an audit's stop says (panel and live announcement). A refused followers list is said once,
// with the advice the controls below follow (auditRefused_*: try the list again later); the stop's
// own words (auditStopped_list_refused: "recheck the profile") came right before them, twice in a
// row with different advice.
export function stoppedText(t, reason) {
  return t(REFUSED_STOPS.includes(reason) ? `auditRefused_${reason}` : `auditStopped_${reason}`);
}

// `refused`: the stop reason (audit.js followersRefusedBy: private, list_refused).
export function renderRefusedAudit(sec, view, refused) {
  const { t, model } = view;
  const a = view.audit;
  const canAudit = model.kind === 'report' && !model.rough;
  let row = null;  // the row of buttons the retry joins, if any
  // The audit stopped at the refusal: said already, as its stop (stoppedText).
  const saidAsStop = a && a.progress.status === 'stopped' && a.progress.stopReason === refused;
  if (!saidAsStop) sec.append(el('p', { class: 'muted', part: 'audit-refused' }, t(`auditRefused_${refused}`)));
  if (canAudit && a && resumable(a.progress)) {
    // An audit of the engagers cancelled part-way goes on where it ended.
    const resume = el('button', { part: 'audit-engagers' }, t('auditResume'));
    resume.addEventListener('click', () => view.handlers.onAudit());
    // Side by side with trying the list again, below: one row (overlay-style.js .buttons).
    row = el('div', { class: 'buttons' });
    row.append(resume);
    sec.append(row);
  } else if (canAudit && refused === 'list_refused' && !model.report.details_dropped && view.handlers.plan) {
    const plan = view.handlers.plan({ followersRefused: refused });
    if (plan.requests > 0) {
      const btn = el('button', { part: 'audit-engagers' }, t('auditEngagers'));
      btn.addEventListener('click', () => view.handlers.onAuditEngagers());
      sec.append(btn);
      sec.append(el('p', { class: 'muted', part: 'audit-plan' }, auditPlanText(t, plan)));
      const comments = commentsPlanText(plan, t);
      if (comments) sec.append(el('p', { class: 'muted', part: 'comments-plan' }, comments));
    }
  }
  // The list may be shown again (the user follows the profile now, or Instagram's refusal passed):
  // the audit of the engagers goes on with the followers, with the options as they are now (audit.js retryFollowers).
  const retry = el('button', { part: 'audit-retry' }, t('auditRetryFollowers'));
  if (!canAudit) retry.disabled = true;
  retry.addEventListener('click', () => view.handlers.onAuditFollowersAgain());
  if (row) row.append(retry);
  else sec.append(retry);
}
