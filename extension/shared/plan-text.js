// The audit plan in words, as the options page and the panel show it before an audit: what it
// reads and how many requests it may spend, and, when no follower is checked in full (an option),
// that only the list will be scored and its interval will span most of 0-100%.
export function auditPlanText(t, plan) {
  const full = plan.followers.full + plan.likers.full + plan.commenters.full;
  const text = plan.likers.posts || plan.commenters.posts
    ? t('auditPlan', plan.followers.pages, plan.likers.posts || plan.commenters.posts, full, plan.requests, plan.budget)
    : t('auditPlanNoPosts', plan.followers.pages, plan.followers.full, plan.requests, plan.budget);
  return plan.followers.full === 0 && plan.followers.pages > 0 ? `${text} ${t('auditPlanListOnly')}` : text;
}
