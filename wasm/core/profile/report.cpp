#include "report.h"

#include <algorithm>
#include <cmath>

#include "account.h"
#include "combine.h"
#include "post_stats.h"
#include "signals.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

// "0.42%", "3.1%", "23%": as many digits as a person needs.
std::string pct(double share) {
  double v = share * 100;
  if (v != 0 && std::fabs(v) < 1) return fmt_num(v, 2) + "%";
  if (std::fabs(v) < 10) return fmt_num(std::round(v * 10) / 10, 3) + "%";
  return fmt_num(std::round(v), 6) + "%";
}

std::string thousands(double v) {
  std::string s = std::to_string(int64_t(std::llround(v)));
  int start = s[0] == '-' ? 1 : 0;
  for (int i = int(s.size()) - 3; i > start; i -= 3) s.insert(size_t(i), ",");
  return s;
}

// Rounds to `per_unit` steps per unit (10 -> one decimal) so the JSON shows 96.8, not 96.80000000000001.
double round_to(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

json reason(const char* signal, const char* severity, const std::string& text) {
  return json{{"signal", signal}, {"severity", severity}, {"text", text}};
}

int severity_rank(const std::string& s) {
  if (s == "high") return 0;
  if (s == "medium") return 1;
  if (s == "low") return 2;
  return 3;
}

// How a percentile among real accounts reads to a person.
std::string engagement_sentence(const Engagement& e) {
  std::string head = "Engagement " + pct(e.rate) + ": ";
  if (e.percentile < 0.10) return head + "9 in 10 real accounts of this size get more than " + pct(e.rate_q10);
  if (e.percentile < 0.25) return head + "3 in 4 real accounts of this size get more than " + pct(e.rate_q25);
  if (e.percentile > 0.90)
    return head + "higher than 9 in 10 real accounts of this size (they get up to " + pct(e.rate_q90) + ")";
  return head + "typical for real accounts of this size (half get more than " + pct(e.rate_q50) + ")";
}

Result<double> audience_number(const json& a,
                               const char* key,
                               double lo,
                               double hi,
                               const std::string& w = "options.audience") {
  auto v = read_number(a, key, w, lo, hi);
  if (!v) return make_error("profile.options", v.error().message);
  if (!v.value()) return make_error("profile.options", w + "." + key + " is missing");
  return *v.value();
}

// The engagers of the recent posts against the followers: intervals that do not overlap mean
// the likes (or comments) come from accounts unlike the audience, one way or the other. Both
// samples are scored by the same model, so the doubt about which definition of fake holds moves
// them alike: they compare on their intervals under the known definitions where the reports give
// them (regime.known_definitions), the full intervals otherwise.
void engagers_reason(json& reasons, const json& followers, const json& engagers, const char* who) {
  auto num = [](const json& a, const char* k) { return a[k].get<double>(); };
  auto end = [&](const json& a, const char* k) {
    auto r = a.find("regime");
    if (r != a.end() && r->is_object() && r->contains("known_definitions")) {
      const json& kd = (*r)["known_definitions"];
      if (kd.is_object() && kd.contains(k) && kd[k].is_number()) return kd[k].get<double>();
    }
    return num(a, k);
  };
  bool more = end(engagers, "ci_low") > end(followers, "ci_high");
  if (!more && end(engagers, "ci_high") >= end(followers, "ci_low")) return;
  reasons.push_back(reason(
      "engagers", more ? "high" : "medium",
      fill(more ? "The @ of the recent posts are far more often fake than the followers (@ ~@% fake, followers ~@%): "
                  "bought likes or comments from accounts that do not follow"
                : "The @ of the recent posts are mostly real, unlike the followers (@ ~@% fake, followers ~@%): real "
                  "engagement, perhaps paid, on bought followers",
           {who, who, fmt_num(num(engagers, "fake_percent"), 3), fmt_num(num(followers, "fake_percent"), 3)})));
}

}  // namespace

const char* grade_of(std::optional<double> fake_percent) {
  if (!fake_percent) return "unknown";
  if (*fake_percent < 10) return "good";
  if (*fake_percent < 25) return "fair";
  if (*fake_percent <= 50) return "poor";
  return "bad";
}

const char* grade_label(const std::string& grade) {
  if (grade == "good") return "Mostly real followers";
  if (grade == "fair") return "Some fake or inactive followers";
  if (grade == "poor") return "Many fake or inactive followers";
  if (grade == "bad") return "Mostly fake or inactive followers";
  return "Not enough data to judge";
}

Result<AnalysisOptions> parse_options(const std::string& text) {
  AnalysisOptions o;
  std::string t = text;
  if (t.find_first_not_of(" \t\r\n") == std::string::npos) return o;  // "" means no options
  if (t.size() > kMaxDocumentBytes)
    return make_error("profile.options", "the options are " + std::to_string(t.size()) + " bytes; the limit is " +
                                             std::to_string(kMaxDocumentBytes));
  if (text_depth(t, kMaxDepth) > kMaxDepth)
    return make_error("profile.options", "the options nest deeper than " + std::to_string(kMaxDepth) + " levels");
  auto j = parse_json(t, "the options");
  if (!j) return make_error("profile.options", j.error().message);
  if (!j.value().is_object())
    return make_error("profile.options",
                      "the options must be a JSON object, got " + std::string(j.value().type_name()));
  auto now = read_int(j.value(), "now", "options", 0, 32503680000LL);
  if (!now) return make_error("profile.options", now.error().message);
  o.now = now.value();
  // The followers' audit estimate and, as samples of their own, the likers' and commenters'.
  for (const char* key : {"audience", "likers", "commenters"}) {
    auto a = j.value().find(key);
    if (a == j.value().end() || a->is_null()) continue;
    const std::string w = std::string("options.") + key;
    if (!a->is_object() || a->contains("error"))
      return make_error("profile.options", w + " must be a report from estimateAudience");
    for (const char* k : {"fake_percent", "ci_low", "ci_high"}) {
      auto v = audience_number(*a, k, 0, 100, w);
      if (!v) return v.error();
    }
    auto n = read_int(*a, "sample_size", w, 0, kMaxCount);
    if (!n) return make_error("profile.options", n.error().message);
    if (!n.value()) return make_error("profile.options", w + ".sample_size is missing");
    (key[0] == 'a' ? o.audience : key[0] == 'l' ? o.likers : o.commenters) = *a;
  }
  return o;
}

json analyze_profile(const Profile& p, const Reference& ref, const AnalysisOptions& opt, const std::string& engine) {
  json report = {
      {"username", p.username},
      {"user_id", p.id.empty() ? json(nullptr) : json(p.id)},
      {"full_name", p.full_name},
      {"is_private", p.is_private},
      {"is_verified", p.is_verified},
      {"is_business", p.is_business},
      {"follower_count", p.followers ? json(*p.followers) : json(nullptr)},
      {"following_count", p.following ? json(*p.following) : json(nullptr)},
      {"media_count", p.media_count ? json(*p.media_count) : json(nullptr)},
  };
  json states = json::array();
  json reasons = json::array();
  json signals = json::object();
  json posts = json::array();
  for (const Post& post : p.posts) {
    posts.push_back({{"id", post.id.empty() ? json(nullptr) : json(post.id)},
                     {"likes", post.likes ? json(*post.likes) : json(nullptr)},
                     {"comments", post.comments ? json(*post.comments) : json(nullptr)},
                     {"views", post.views ? json(*post.views) : json(nullptr)},
                     {"taken_at", post.taken_at},
                     {"is_video", post.is_video}});
  }

  std::optional<double> instant, instant_low, instant_high;
  if (!p.found) {
    states.push_back("not_found");
    reasons.push_back(
        reason("profile", "info", "Instagram returned no user for this profile (deleted, blocked or renamed)"));
  } else {
    const double followers = double(p.followers.value_or(0));
    // Brands and shops, not creators: creators are the influencers the benchmarks describe.
    const bool business = p.is_business;
    PostStats s = post_stats(p.posts);
    const int64_t now = opt.now.value_or(s.newest);
    const bool all_posts_seen = p.media_count && *p.media_count <= int64_t(p.posts.size());
    signals["posts_read"] = {{"posts", p.posts.size()},
                             {"window", s.posts},
                             {"with_likes", s.with_likes},
                             {"hidden_likes", s.hidden_likes},
                             {"ignored_past_limit", p.posts_ignored}};

    // ---- not-enough-data states
    // A public profile with posts whose document carries none (users/<id>/info, the page's
    // counts): its posts were not read, which is not "no posts".
    const bool unread = p.posts.empty() && !p.is_private && p.media_count.value_or(0) > 0;
    const bool no_posts = p.posts.empty() && !unread && (!p.is_private || p.media_count.value_or(0) == 0);
    if (unread) {
      states.push_back("posts_unavailable");
      reasons.push_back(reason("profile", "info",
                               "Only the profile's counts were read, not its posts: engagement "
                               "cannot be checked"));
    }
    if (p.is_private && p.posts.empty()) {
      states.push_back("private");
      reasons.push_back(
          reason("profile", "info", "Private account: its posts are not visible, so engagement cannot be checked"));
    }
    if (no_posts) {
      states.push_back("no_posts");
      reasons.push_back(reason("profile", "info", "No posts to judge engagement by"));
    }
    if (s.with_likes < kMinPostsEngagement && s.hidden_likes > 0) {
      states.push_back("hidden_likes");
      reasons.push_back(reason("profile", "info",
                               "Like counts are hidden on " + std::to_string(s.hidden_likes) + " of the " +
                                   std::to_string(s.posts) + " recent posts"));
    }
    const bool young = s.oldest && all_posts_seen && now >= s.oldest && now - s.oldest < kNewAccountSeconds;
    if (s.with_likes < kMinPostsEngagement && s.posts > 0 && young) {
      states.push_back("new_account");
      reasons.push_back(reason("profile", "info",
                               "Brand-new account: its first post is " + std::to_string((now - s.oldest) / 86400) +
                                   ((now - s.oldest) / 86400 == 1 ? " day old" : " days old")));
    }

    // ---- engagement and bought likes
    if (s.with_likes >= kMinPostsEngagement && followers >= 1) {
      std::optional<BoughtLikes> bl;
      if (s.with_likes >= kMinPostsBoughtLikes) bl = bought_likes_signal(ref, followers, s);
      const bool views_betray = s.videos_with_views >= 2 && 2 * s.likes_above_views >= s.videos_with_views;
      const bool bought = (bl && bl->flagged) || views_betray;
      std::optional<double> organic, lowest;
      if (bought && bl) {
        organic = bl->organic_median_likes + s.median_comments;
        lowest = std::max(0.0, s.median_likes - s.min_likes) + s.median_comments;
      }
      Engagement e = engagement_signal(ref, followers, s.median_engagement, business, organic, lowest);
      if (bought && !bl) e.share_high = kMaxShare;  // likes untrustworthy, no way to size the bought part
      TierSolidity tier = tier_solidity(ref, followers);
      signals["engagement"] = {
          {"rate", e.rate},
          {"median_likes", s.median_likes},
          {"median_comments", s.median_comments},
          {"median_engagement", s.median_engagement},
          {"posts_used", s.with_likes},
          {"percentile_among_real", round_to(e.percentile, 1000)},
          {"real_rate_q10", e.rate_q10},
          {"real_rate_q50", e.rate_q50},
          {"real_rate_q90", e.rate_q90},
          {"implied_fake_share", round_to(e.share * 100, 10)},
          {"implied_low", round_to(e.share_low * 100, 10)},
          {"implied_high", round_to(e.share_high * 100, 10)},
          {"interval", "95%"},
          {"likes_adjusted_for_bought", e.likes_adjusted},
          {"business_adjusted", business},
          {"reference", {{"solidity", tier.level}, {"source", tier.source}, {"real_accounts_in_tier", tier.n_real}}}};
      const char* sev = e.share >= 0.5 ? "high" : e.share >= 0.25 ? "medium" : e.share >= 0.1 ? "low" : "info";
      // An interval that reaches 0 is not conclusive on its own.
      if (e.share_low <= 0 && std::string(sev) == "high") sev = "medium";
      std::string text = engagement_sentence(e);
      if (e.likes_adjusted) text += "; without the likes that look bought it would be about " + pct(e.organic_rate);
      if (e.share >= 0.1)
        text += "; that fits about " + pct(e.share) + " of the followers never seeing or liking posts (" +
                pct(e.share_low) + "-" + pct(e.share_high) + ")";
      reasons.push_back(reason("engagement", sev, text));
      if (tier.level != "measured")
        reasons.push_back(
            reason("engagement", "info", "Reference for " + thousands(followers) + " followers: " + tier.source));
      if (business)
        reasons.push_back(reason("engagement", "info",
                                 "Business or creator account: these engage less than persons, so the "
                                 "estimate allows engagement down to half the personal reference"));
      if (bl) {
        signals["bought_likes"] = {
            {"score", round_to(bl->score, 1000)},
            {"threshold", round_to(bl->threshold, 1000)},
            {"flagged", bought},
            {"like_spread_sd_log", round_to(s.sd_log_likes, 10000)},
            {"comments_per_like", s.has_comment_ratio ? json(std::exp(s.comment_ratio_log)) : json(nullptr)},
            {"min_to_median_likes", std::exp(s.floor_log)},
            {"z",
             {{"dispersion", round_to(bl->z_dispersion, 100)},
              {"comments", round_to(bl->z_comments, 100)},
              {"audience", round_to(bl->z_audience, 100)},
              {"floor", round_to(bl->z_floor, 100)}}},
            {"estimated_bought_per_post", bought ? json(std::round(bl->subscription_likes)) : json(nullptr)},
            {"videos_with_views", s.videos_with_views},
            {"likes_above_views", s.likes_above_views},
            {"false_alarm_rate", "5% of real reference accounts score above the threshold"}};
        if (bl->flagged) {
          reasons.push_back(reason("bought_likes", "high",
                                   "Likes look bought: " + thousands(s.min_likes) + "-" + thousands(s.median_likes) +
                                       " likes per post vary little (spread " + fmt_num(s.sd_log_likes, 2) + ") and " +
                                       (bl->z_audience > 1.28 ? "are high for " + thousands(followers) + " followers"
                                                              : std::string("fit few comments")) +
                                       "; score " + fmt_num(bl->score, 3) + " where 95% of real accounts stay under " +
                                       fmt_num(bl->threshold, 3) + "; about " + thousands(bl->subscription_likes) +
                                       " per post may be bought"));
        } else if (bl->score > bl->threshold - 0.5) {
          reasons.push_back(reason("bought_likes", "low",
                                   "Like counts are somewhat uniform (score " + fmt_num(bl->score, 3) +
                                       ", alarm above " + fmt_num(bl->threshold, 3) + ")"));
        } else {
          reasons.push_back(reason("bought_likes", "info",
                                   "Like counts vary like real accounts' (score " + fmt_num(bl->score, 3) +
                                       ", alarm above " + fmt_num(bl->threshold, 3) + ")"));
        }
      } else {
        signals["bought_likes"] = {
            {"flagged", bought},
            {"videos_with_views", s.videos_with_views},
            {"likes_above_views", s.likes_above_views},
            {"note", "fewer than " + std::to_string(kMinPostsBoughtLikes) + " posts with like counts"}};
      }
      if (views_betray)
        reasons.push_back(reason("bought_likes", "high",
                                 std::to_string(s.likes_above_views) + " of " + std::to_string(s.videos_with_views) +
                                     " videos have more likes than views"));
      instant = e.share * 100;
      instant_low = e.share_low * 100;
      instant_high = e.share_high * 100;
    } else if (s.with_likes >= kMinPostsEngagement) {
      reasons.push_back(reason("engagement", "info", "No followers, so no engagement rate"));
    } else if (s.with_likes > 0 && states.empty()) {
      reasons.push_back(
          reason("engagement", "info",
                 "Only " + std::to_string(s.with_likes) + " posts with like counts: too few to judge engagement"));
    }

    // ---- following
    if (p.following && p.followers) {
      double fo = double(*p.following);
      double ratio_log = std::log((1 + fo) / (1 + followers));
      double pr = ref.following_ratio.cdf(ratio_log), pc = ref.following_count.cdf(fo);
      bool mass = (fo >= 1000 && pr >= 0.95) || fo >= 7000;
      signals["following"] = {{"following", *p.following},
                              {"followers", *p.followers},
                              {"ratio", (1 + fo) / (1 + followers)},
                              {"ratio_percentile_among_real", round_to(pr, 1000)},
                              {"count_percentile_among_real", round_to(pc, 1000)},
                              {"real_ratio_q95", std::exp(ref.following_ratio.quantile(0.95))},
                              {"mass_following", mass}};
      if (mass)
        reasons.push_back(reason("following", fo >= 7000 ? "high" : "medium",
                                 "Follows " + thousands(fo) + " accounts, " + fmt_num((1 + fo) / (1 + followers), 2) +
                                     "x its followers: more than 19 in 20 real accounts (their 95th percentile is " +
                                     fmt_num(std::exp(ref.following_ratio.quantile(0.95)), 2) +
                                     "x); typical of follow-for-follow, whose followers rarely engage"));
    }

    // ---- history
    if (p.followers && p.media_count) {
      double media = double(*p.media_count);
      double per_post_log = std::log((1 + followers) / (1 + media));
      double pp = ref.followers_per_post.cdf(per_post_log);
      double age_days = s.oldest && now > s.oldest ? double(now - s.oldest) / 86400 : 0;
      bool sudden =
          followers >= 1000 && (pp >= 0.99 || (media <= 12 && all_posts_seen && age_days < 60 && followers >= 10000));
      signals["history"] = {{"media_count", *p.media_count},
                            {"followers_per_post", (1 + followers) / (1 + media)},
                            {"percentile_among_real", round_to(pp, 1000)},
                            {"oldest_post_age_days", s.oldest ? json(std::floor(age_days)) : json(nullptr)},
                            {"all_posts_visible", all_posts_seen},
                            {"sudden_audience", sudden}};
      if (sudden)
        reasons.push_back(reason("history", "high",
                                 thousands(followers) + " followers for " + thousands(media) + " posts" +
                                     (all_posts_seen && s.oldest ? " over " + fmt_num(std::floor(age_days), 6) +
                                                                       (std::floor(age_days) == 1 ? " day" : " days")
                                                                 : std::string()) +
                                     ": more followers per post than 99 in 100 real accounts; an audience without "
                                     "history is typical of bought followers or a bought account"));
    }
    if (p.is_verified) reasons.push_back(reason("profile", "info", "Verified account"));
  }

  // ---- the estimate (instant, then combined with a follower sample when given)
  std::optional<double> fake = instant, lo = instant_low, hi = instant_high;
  std::string confidence = instant ? "instant" : "none";
  json audience = nullptr, note = nullptr;
  if (opt.audience) {
    const json& a = *opt.audience;
    double af = audience_number(a, "fake_percent", 0, 100).value();
    double al = audience_number(a, "ci_low", 0, 100).value();
    double ah = audience_number(a, "ci_high", 0, 100).value();
    int64_t n = read_int(a, "sample_size", "", 0, kMaxCount).value().value_or(0);
    audience = a;
    confidence = "audited";
    if (!instant) {
      fake = af, lo = al, hi = ah;
      note = "Follower sample of " + std::to_string(n) + " alone: the profile gave no instant estimate";
    } else {
      CombinedEstimate c = combine_with_sample({*instant, *instant_low, *instant_high}, {af, al, ah}, n);
      fake = c.estimate.point, lo = c.estimate.low, hi = c.estimate.high;
      note = c.note;
    }
    // The list Instagram shows may be short: say so wherever the headline uses it.
    auto limited = a.find("list_limited");
    if (limited != a.end() && limited->is_boolean() && limited->get<bool>())
      note = note.get<std::string>() + "; it is the newest followers only (Instagram lists no more)";
  }
  if (opt.audience && opt.likers) engagers_reason(reasons, *opt.audience, *opt.likers, "likers");
  if (opt.audience && opt.commenters) engagers_reason(reasons, *opt.audience, *opt.commenters, "commenters");
  if (fake) {
    *fake = round_to(*fake, 10);
    *lo = round_to(std::min(*lo, *fake), 10);
    *hi = round_to(std::max(*hi, *fake), 10);
  }
  std::string grade = grade_of(fake);
  // Most severe first, keeping each severity's order: one pass per rank (a handful of reasons;
  // std::stable_sort over json objects cost the engine ~20 KB of code).
  json by_severity = json::array();
  for (int rank = 0; rank <= 3; ++rank)
    for (const json& r : reasons)
      if (severity_rank(r["severity"].get<std::string>()) == rank) by_severity.push_back(r);
  reasons = std::move(by_severity);
  report["status"] = fake ? "ok" : "insufficient_data";
  report["states"] = states;
  report["fake_percent"] = fake ? json(*fake) : json(nullptr);
  report["ci_low"] = fake ? json(*lo) : json(nullptr);
  report["ci_high"] = fake ? json(*hi) : json(nullptr);
  report["confidence"] = confidence;
  report["grade"] = grade;
  report["grade_label"] = grade_label(grade);
  report["reasons"] = reasons;
  report["signals"] = signals;
  report["posts"] = posts;
  report["audience"] = audience;
  report["combined_note"] = note;
  report["engine"] = engine;
  return report;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
