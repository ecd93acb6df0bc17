// Whose estimate the headline (the report's fake_percent and interval: the badge, the panel, and
// from them the history, the popup and the CSV) is while an audit of the followers runs: the
// profile's instant one, or the audit's followers estimate. The engine takes the audit's as soon as
// there is one (profile/combine.h), and its first followers page alone, scored by the list tier
// with the definition of fake unknown, reads most of 0-100% (README, "How the estimate works",
// item 2): "≈2.6% fake (0–54%)" turned into "≈7.7% fake (0–100%)" before it narrowed. Neither
// interval is narrowed here, and each holds the truth as often as measured on its own (EVALUATION.md:
// the instant one in "The badge", the list alone in "the list alone"), so the one that says more
// stands until the other says as much:
//  - the audit's, once its interval is no wider than the profile's (it then says at least as
//    much), or lies apart from it (the followers show what the profile does not: neither may be
//    hidden, and the engine's report says the two disagree), or once the audit has ended: then its
//    answer stands, wide or not, as the evidence the user asked for (one ended early replaces a
//    stored result only where narrower: history.js partialAuditReplaces);
//  - else the profile's, with its interval, badge and notes; the audit's rows say what it read.
// The report keeps which (`headline`) and why, for the panel to say.
import { underWay } from './audit.js';

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const hasInterval = (r) => !!r && isNum(r.fake_percent) && isNum(r.ci_low) && isNum(r.ci_high);
const width = (r) => r.ci_high - r.ci_low;
const reading = (r) => ({ fake: r.fake_percent, low: r.ci_low, high: r.ci_high });

// {source: 'audit' | 'profile', why}: `instant` the profile's report alone, `followers` the audit's
// followers estimate, `ended` whether the audit has ended.
// why: 'ended' | 'no_profile_estimate' | 'disagree' | 'narrower' (the audit's) or 'none_checked' |
// 'wider' (the profile's: its interval narrower than the audit's so far, with no follower checked
// in full yet, or with some).
export function headlineSource(instant, followers, ended) {
  if (ended) return { source: 'audit', why: 'ended' };
  if (!hasInterval(instant)) return { source: 'audit', why: 'no_profile_estimate' };
  if (!hasInterval(followers)) return { source: 'audit', why: 'no_profile_estimate' };
  if (followers.ci_low > instant.ci_high || followers.ci_high < instant.ci_low) return { source: 'audit', why: 'disagree' };
  if (width(followers) <= width(instant)) return { source: 'audit', why: 'narrower' };
  return { source: 'profile', why: (followers.full_sample_size || 0) > 0 ? 'wider' : 'none_checked' };
}

// The badge while the profile's reading is the headline: the profile's, less its offer of an audit
// (one runs), but with what the audit's likers showed (a finding of their own, no interval of the
// followers): likes that look bought, or likers mostly real.
function heldBadge(instant, audited) {
  if (audited && audited.state === 'likes_bought') return audited;
  const b = instant || {};
  const notes = (b.notes || []).filter((n) => n.id !== 'badge.audit_offer');
  const likersReal = audited && audited.likes === 'real' && !(b.likes);
  return { ...b, offer_audit: false, notes: likersReal ? [...notes, ...audited.notes.filter((n) => n.id === 'badge.likers_real')] : notes,
           ...(likersReal ? { likes: 'real' } : {}) };
}

// The report to show: `audited` (the engine's, with the audit's estimates), with its headline the
// profile's (`instant`, the engine's report of the profile alone) where headlineSource says so.
// `audit`: the audit's state ({status, estimates}). Without a followers estimate, `audited` as it is.
export function headlineReport(audited, instant, audit) {
  const followers = audit && audit.estimates ? audit.estimates.followers : null;
  if (!followers) return audited;
  const pick = headlineSource(instant, followers, !underWay(audit.status));
  const headline = { ...pick, checked: followers.full_sample_size || 0, audit: reading(followers),
                     profile: hasInterval(instant) ? reading(instant) : null };
  if (pick.source === 'audit') return { ...audited, headline };
  return { ...audited, headline, fake_percent: instant.fake_percent, ci_low: instant.ci_low, ci_high: instant.ci_high,
           confidence: instant.confidence, grade: instant.grade, badge: heldBadge(instant.badge, audited.badge),
           combined_notes: instant.combined_notes || [] };
}
