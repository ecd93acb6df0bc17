#include "wording.h"

#include <cmath>
#include <cstring>

#include "audit_evidence.h"
#include "badge.h"
#include "message.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

// A share (0-1) as percent with four significant digits: the wording rounds it for people.
double percent(double share) {
  double v = share * 100;
  if (v == 0) return 0;
  double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(v))));
  return std::round(v * scale) / scale;
}
double round3(double v) { return std::round(v * 1000) / 1000; }

int severity_rank(const std::string& s) {
  if (s == "high") return 0;
  if (s == "medium") return 1;
  if (s == "low") return 2;
  return 3;
}

void states_reasons(const Findings& f, json& out) {
  const PostStats& s = f.stats;
  for (const std::string& st : f.states) {
    if (st == "not_found") out.push_back(reason("state.not_found", "info"));
    else if (st == "posts_unavailable") out.push_back(reason("state.posts_unavailable", "info"));
    else if (st == "private") out.push_back(reason("state.private", "info"));
    else if (st == "no_posts") out.push_back(reason("state.no_posts", "info"));
    else if (st == "hidden_likes")
      out.push_back(reason("state.hidden_likes", "info", {{"hidden", s.hidden_likes}, {"posts", s.posts}}));
    else if (st == "new_account")
      out.push_back(reason("state.new_account", "info", {{"days", (f.now - s.oldest) / 86400}}));
  }
}

// How a percentile among real accounts reads to a person, and the fake share it implies.
void engagement_reasons(const Findings& f, json& out) {
  const Engagement& e = *f.engagement;
  const char* sev = e.share >= 0.5 ? "high" : e.share >= 0.25 ? "medium" : e.share >= 0.1 ? "low" : "info";
  // An interval that reaches 0 is not conclusive on its own.
  if (e.share_low <= 0 && std::string(sev) == "high") sev = "medium";
  const char* id = "engagement.typical";
  double peers = e.rate_q50;
  if (e.percentile < 0.10) id = "engagement.far_below", peers = e.rate_q10;
  else if (e.percentile < 0.25) id = "engagement.below", peers = e.rate_q25;
  else if (e.percentile > 0.90) id = "engagement.above", peers = e.rate_q90;
  json details = json::array();
  // Too few posts for a 95% interval: the range of all of them, and what it covers, said.
  if (e.rate_coverage < 0.95)
    details.push_back(
        message("engagement.rate_range", {{"posts", f.stats.with_likes}, {"coverage", percent(e.rate_coverage)}}));
  if (e.likes_adjusted) details.push_back(message("engagement.organic", {{"rate", percent(e.organic_rate)}}));
  if (e.share >= 0.1)
    details.push_back(
        message("engagement.implied",
                {{"share", percent(e.share)}, {"low", percent(e.share_low)}, {"high", percent(e.share_high)}}));
  // The rate's interval and the posts it is the median of, said with it: a rate over 3 posts is not one over 12.
  out.push_back(reason(id, sev,
                       {{"rate", percent(e.rate)},
                        {"rate_low", percent(e.rate_low)},
                        {"rate_high", percent(e.rate_high)},
                        {"posts", f.stats.with_likes},
                        {"peers", percent(peers)}},
                       details));
  const TierSolidity& t = f.tier;
  if (t.level == "thin") out.push_back(reason("engagement.reference_thin", "info", {{"n", t.n_real}}));
  else if (t.level == "blended")
    out.push_back(reason("engagement.reference_blended", "info",
                         {{"n", t.n_real}, {"followers", f.followers}, {"data_max", t.data_max}}));
  else if (t.level == "benchmark")
    out.push_back(reason("engagement.reference_benchmark", "info", {{"n", t.n_real}, {"followers", f.followers}}));
  else if (t.level == "large_accounts")
    out.push_back(
        reason("engagement.reference_large", "info", {{"n", t.n_large}, {"followers", f.followers}, {"year", t.year}}));
  if (!f.business) out.push_back(reason("engagement.business_unknown", "info"));
  else if (*f.business) out.push_back(reason("engagement.business", "info"));
}

void likes_reasons(const Findings& f, json& out) {
  const PostStats& s = f.stats;
  if (f.bought) {
    const BoughtLikes& b = *f.bought;
    // Too few followers to weigh likes against: neither bought nor organic is said, only why.
    if (!b.enough_followers)
      out.push_back(
          reason("likes.few_followers", "info", {{"followers", f.followers}, {"needed", kMinFollowersBought}}));
    else if (b.flagged)
      out.push_back(reason(b.z_audience > 1.28 ? "likes.bought_high" : "likes.bought_few_comments", "high",
                           {{"min", s.min_likes},
                            {"median", s.median_likes},
                            {"spread", round3(s.sd_log_likes)},
                            {"per_post", std::round(b.subscription_likes)},
                            {"followers", f.followers},
                            {"score", round3(b.score)},
                            {"threshold", round3(b.threshold)}}));
    else if (b.enough_likes && b.score > b.threshold - 0.5)
      out.push_back(
          reason("likes.somewhat_uniform", "low", {{"score", round3(b.score)}, {"threshold", round3(b.threshold)}}));
    else
      out.push_back(reason("likes.organic", "info", {{"score", round3(b.score)}, {"threshold", round3(b.threshold)}}));
  }
  if (f.views_betray)
    out.push_back(reason("likes.views", "high", {{"above", s.likes_above_views}, {"videos", s.videos_with_views}}));
}

}  // namespace

json reason(const char* id, const char* severity, std::initializer_list<Param> params, json details) {
  const char* dot = std::strchr(id, '.');
  json r = message(id, params);
  r["signal"] = std::string(id, dot ? size_t(dot - id) : std::strlen(id));
  r["severity"] = severity;
  if (!details.empty()) r["details"] = std::move(details);
  return r;
}

json profile_reasons(const Findings& f) {
  json out = json::array();
  states_reasons(f, out);
  if (!f.found) return out;
  const PostStats& s = f.stats;
  // Said, since what follows rests on the other posts only.
  if (f.posts_unreadable)
    out.push_back(
        reason("state.posts_unreadable", "info", {{"unreadable", f.posts_unreadable}, {"posts", f.posts_sent}}));
  if (f.engagement) {
    engagement_reasons(f, out);
    likes_reasons(f, out);
  } else if (f.no_followers) {
    out.push_back(reason("engagement.no_followers", "info"));
  } else if (s.with_likes > 0 && f.states.empty()) {
    out.push_back(reason("engagement.too_few_posts", "info", {{"posts", s.with_likes}}));
  }
  if (s.fresh > 0) out.push_back(reason("engagement.fresh_posts", "info", {{"posts", s.fresh}}));
  if (s.pinned > 0) out.push_back(reason("engagement.pinned_posts", "info", {{"posts", s.pinned}}));
  // With no followers a ratio ("7,500x its followers") is a multiple of nothing: said as that.
  // Following 7,000 or more is found whatever the ratio; below the real accounts' 95th percentile
  // the ratio is no finding, and saying it ("0.006x its followers: more than 19 in 20 real
  // accounts") contradicted itself: such an account is said by its count alone.
  if (f.mass_following && f.followers == 0)
    out.push_back(reason("following.mass_no_followers", "high", {{"following", f.following}}));
  else if (f.mass_following && f.following >= 7000 && f.following_ratio < f.following_ratio_q95)
    out.push_back(reason("following.mass_count", "high", {{"following", f.following}}));
  else if (f.mass_following)
    out.push_back(reason(
        "following.mass", f.following >= 7000 ? "high" : "medium",
        {{"following", f.following}, {"ratio", round3(f.following_ratio)}, {"q95", round3(f.following_ratio_q95)}}));
  if (f.sudden_audience && f.history_days)
    out.push_back(reason("history.sudden_days", "high",
                         {{"followers", f.followers}, {"posts", f.media_count}, {"days", *f.history_days}}));
  else if (f.sudden_audience)
    out.push_back(reason("history.sudden", "high", {{"followers", f.followers}, {"posts", f.media_count}}));
  if (f.verified) out.push_back(reason("state.verified", "info"));
  return out;
}

json engagers_reason(const json& followers, const json& engagers, bool likers) {
  int apart = engagers_apart(followers, engagers);
  if (apart == 0) return nullptr;
  // Real engagers beside followers whose own interval still reaches a clean audience (below
  // "some fake"): real accounts engage, and no more is known. "Real engagement, perhaps paid, on
  // bought followers" read as an accusation on a child's clean account of classmates.
  const bool followers_unclear = apart < 0 && followers["ci_low"].get<double>() < kGoodBelow;
  // Far below the followers is "mostly real" only where the engagers' own interval says so.
  const bool mostly_real = engagers_mostly_real(engagers);
  const char* id = apart > 0           ? (likers ? "engagers.likers_more_fake" : "engagers.commenters_more_fake")
                   : !mostly_real      ? (likers ? "engagers.likers_less_fake" : "engagers.commenters_less_fake")
                   : followers_unclear ? (likers ? "engagers.likers_real" : "engagers.commenters_real")
                                       : (likers ? "engagers.likers_more_real" : "engagers.commenters_more_real");
  const char* severity = apart > 0 ? "high" : followers_unclear && mostly_real ? "info" : "medium";
  // Each share with the 95% interval the comparison above rests on (compared_end: without the doubt
  // about the definition of fake, which moves both alike; the text says so): a share alone
  // ("followers ~56%") read as exact, and the full intervals the rows give could overlap beside
  // "far more often fake".
  json r = reason(id, severity,
                  {{"fake", engagers["fake_percent"].get<double>()},
                   {"fake_low", compared_end(engagers, "ci_low")},
                   {"fake_high", compared_end(engagers, "ci_high")},
                   {"followers", followers["fake_percent"].get<double>()},
                   {"followers_low", compared_end(followers, "ci_low")},
                   {"followers_high", compared_end(followers, "ci_high")}});
  // "less often fake, but with that doubt their interval reaches {high}": the full interval's end
  // (engagers_mostly_real; the name its reports have kept).
  if (apart < 0 && !mostly_real) r["params"]["high"] = engagers["ci_high"].get<double>();
  // `known`: those intervals are the known definitions' (the text says so only then): a reason saved
  // by builds that gave the full intervals here, or one falling back to them, words without it.
  if (compared_known(engagers, followers)) r["params"]["known"] = 1;
  return r;
}

// One pass per rank (a handful of reasons; std::stable_sort over json objects cost the engine
// ~20 KB of code).
json by_severity(const json& reasons) {
  json out = json::array();
  for (int rank = 0; rank <= 3; ++rank)
    for (const json& r : reasons)
      if (severity_rank(r["severity"].get<std::string>()) == rank) out.push_back(r);
  return out;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
