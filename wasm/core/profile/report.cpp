#include "report.h"

#include "audit_evidence.h"
#include "badge.h"
#include "combine.h"
#include "findings.h"
#include "size_optimized.h"
#include "wording.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

json flag_json(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }

namespace {

json profile_fields(const Profile& p) {
  return json{
      {"username", p.username},
      {"user_id", p.id.empty() ? json(nullptr) : json(p.id)},
      {"full_name", p.full_name.value_or("")},
      {"is_private", flag_json(p.is_private)},
      {"is_verified", flag_json(p.is_verified)},
      {"is_business", flag_json(p.is_business)},
      {"follower_count", p.followers ? json(*p.followers) : json(nullptr)},
      {"following_count", p.following ? json(*p.following) : json(nullptr)},
      {"media_count", p.media_count ? json(*p.media_count) : json(nullptr)},
  };
}

json posts_json(const Profile& p) {
  json posts = json::array();
  for (const Post& post : p.posts)
    posts.push_back({{"id", post.id.empty() ? json(nullptr) : json(post.id)},
                     {"likes", post.likes ? json(*post.likes) : json(nullptr)},
                     {"comments", post.comments ? json(*post.comments) : json(nullptr)},
                     {"views", post.views ? json(*post.views) : json(nullptr)},
                     {"taken_at", post.taken_at},
                     {"is_video", post.is_video},
                     {"comments_disabled", post.comments_disabled},
                     {"pinned", post.pinned},
                     {"collab", post.collab}});
  return posts;
}

}  // namespace

json analyze_profile(const Profile& p, const Reference& ref, const AnalysisOptions& opt, const std::string& engine) {
  Findings f = find_signals(p, ref, opt.now);
  json reasons = profile_reasons(f);
  Combined c = combine_estimates(f.instant, f.instant_low, f.instant_high, opt);
  int likers_apart = 0;
  if (opt.audience && opt.likers) {
    likers_apart = likers_for_badge(*opt.audience, *opt.likers);
    json r = engagers_reason(*opt.audience, *opt.likers, true);
    if (!r.is_null()) reasons.push_back(r);
  }
  if (opt.audience && opt.commenters) {
    json r = engagers_reason(*opt.audience, *opt.commenters, false);
    if (!r.is_null()) reasons.push_back(r);
  }

  BadgeEvidence ev;
  ev.found = f.found;
  ev.states = f.states;
  ev.fake = c.fake, ev.low = c.low, ev.high = c.high;
  ev.followers = opt.audience ? &*opt.audience : nullptr;
  ev.likes_bought = f.likes_bought;
  ev.likers_apart = likers_apart;
  ev.engagement_far_below = f.engagement && !f.likes_bought && f.instant_low && *f.instant_low > 0.5;
  ev.no_followers = p.followers && *p.followers == 0;
  ev.engagers_audited = opt.likers || opt.commenters;
  json badge = decide_badge(ev);

  json report = profile_fields(p);
  report["status"] = c.fake ? "ok" : "insufficient_data";
  report["states"] = f.states;
  report["fake_percent"] = c.fake ? json(*c.fake) : json(nullptr);
  report["ci_low"] = c.fake ? json(*c.low) : json(nullptr);
  report["ci_high"] = c.fake ? json(*c.high) : json(nullptr);
  report["confidence"] = c.confidence;
  report["grade"] = grade_of_badge(badge);
  report["badge"] = badge;
  report["reasons"] = by_severity(reasons);
  report["signals"] = f.signals;
  report["posts"] = posts_json(p);
  report["audience"] = c.audience;
  report["combined_notes"] = c.notes;
  report["engine"] = engine;
  return report;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
