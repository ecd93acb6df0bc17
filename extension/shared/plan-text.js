import { numberText, clockTime } from './format.js';

// Without posts to read engagers of, the plan says why: the budget left none, the profile was
// read without its posts, the options ask for none, its recent posts have no likes or comments,
// or it has no recent posts. A profile with no followers (its count read as 0) is planned its
// posts' engagers alone, or nothing.
function noPostsKey(plan, postsUnread) {
  const seen = plan.seen || {};
  if (plan.asked && plan.asked.posts > 0) return 'auditPlanBudgetNoPosts';
  if (postsUnread) return 'auditPlanPostsUnread';
  if (seen.postsAsked === 0) return 'auditPlanPostsOff';
  return seen.posts > 0 ? 'auditPlanNoEngagement' : 'auditPlanNoPosts';
}

// The posts read passed over pinned posts (never read) or the profile's collaborations (read
// only where its own posts are too few), in words: for the plan and the likers' and commenters'
// rows (panel.js). `leftOut`: each source's {pinned, collab} (audit.js leftOutOf).
export function leftOutText(t, leftOut) {
  const most = (k) => Math.max(0, ...leftOut.filter(Boolean).map((x) => (Number.isSafeInteger(x[k]) ? x[k] : 0)));
  const out = [];
  if (most('pinned') > 0) out.push(t('postsLeftOutPinned', most('pinned')));
  if (most('collab') > 0) out.push(t('postsLeftOutCollab', most('collab')));
  return out;
}

// The audit plan in words, as the options page and the panel show it before an audit: what it
// reads and how many requests it may spend, and, when no follower is checked in full (an option),
// that only the list will be scored and its interval will span most of 0-100%; and what the
// budget cut of the sizes the options ask for (audit.js auditPlan). Likers and commenters are
// named only where the recent posts give them to read. `postsUnread`: the profile was read
// without its posts (Instagram's account-info fallback), which the plan says instead of "no
// recent posts".
export function auditPlanText(t, plan, { postsUnread = false } = {}) {
  const full = plan.followers.full + plan.likers.full + plan.commenters.full;
  const posts = plan.likers.posts || plan.commenters.posts;
  const which = plan.likers.posts && plan.commenters.posts ? 'auditPlan' : plan.likers.posts ? 'auditPlanLikers' : 'auditPlanCommenters';
  const noFollowers = plan.followers.pages === 0;
  // An audit of the engagers alone, the followers list being refused (audit.js auditPlan), or of a
  // profile with no followers.
  const engagers = plan.followersRefused ? 'auditPlanEngagers' : 'auditPlanNoFollowers';
  const text = noFollowers ? (posts ? t(engagers, posts, full, plan.requests, plan.budget) : t('auditPlanNothing'))
    : posts ? t(which, plan.followers.pages, posts, full, plan.requests, plan.budget)
      : t(noPostsKey(plan, postsUnread), plan.followers.pages, plan.followers.full, plan.requests, plan.budget);
  const parts = [text];
  if (plan.asked) {
    parts.push(t('auditPlanTrimmed', plan.budget, plan.followers.pages, plan.asked.pages, full, plan.asked.full));
  }
  if (plan.followers.full === 0 && plan.followers.pages > 0) parts.push(t('auditPlanListOnly'));
  // A collaboration it must read (too few of the profile's own posts): its engagers are the partner's audience too.
  const media = plan.media || {};
  const collabs = new Set([...(media.likers || []), ...(media.commenters || [])].filter((m) => m.collab === true).map((m) => m.id));
  if (collabs.size) parts.push(t('auditPlanCollab', collabs.size));
  // Which posts those are, where the read ones pass over pinned posts or a collaboration (else the
  // plan's "the last 3 posts" reads as the grid's first three).
  parts.push(...leftOutText(t, plan.leftOut ? [plan.leftOut.likers, plan.leftOut.commenters] : []));
  // What the requests cost in time at the pacing set (an audit read as instant took a minute).
  // More requests than the hourly cap allows take over an hour whatever the pacing (the options
  // said "about 6 minutes" of 257 under a cap of 200); where the panel says how the cap holds it
  // now (capHold), that says so.
  const hold = plan.capHold;
  const cap = hold ? hold.cap : plan.hourlyCap;
  const overCap = Number.isFinite(cap) && plan.requests > cap;
  if (Number.isFinite(plan.pacingMs) && plan.requests > 0 && !(overCap && hold)) {
    const minutes = Math.max(1, Math.round((plan.requests * plan.pacingMs) / 60000));
    const pace = numberText(plan.pacingMs / 1000, t.lang);
    parts.push(overCap ? t('auditPlanTimeOverCap', pace, cap, minutes) : t('auditPlanTime', pace, minutes));
  }
  // Fakemeter's own hourly cap holding part of it (content main.js plan: capHold).
  if (hold && plan.requests > 0) {
    parts.push(hold.until === null ? t('auditPlanCapOver', hold.cap, hold.left)
      : t('auditPlanCap', hold.cap, hold.left, clockTime(hold.until, t.lang)));
  }
  return parts.join(' ');
}
