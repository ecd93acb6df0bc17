#include "findings.h"

#include <algorithm>
#include <cmath>

#include "large_reference.h"
#include "message.h"
#include "report.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

// Rounds to `per_unit` steps per unit (10 -> one decimal) so the JSON shows 96.8, not 96.80000000000001.
double round_to(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

// The states that leave engagement unchecked.
void find_states(const Profile& p, Findings& f) {
  const PostStats& s = f.stats;
  // A profile not known to be private, with posts (or a post count nobody sent) its document
  // carries none of (users/<id>/info, the page's counts): its posts were not read, which is not
  // "no posts". Only a document that says so makes a profile private, and only a post count of 0
  // one without posts.
  const bool is_private = p.is_private.value_or(false);
  const bool unread = p.posts.empty() && !is_private && p.media_count != 0;
  if (unread) f.states.push_back("posts_unavailable");
  if (is_private && p.posts.empty()) f.states.push_back("private");
  if (p.posts.empty() && p.media_count == 0) f.states.push_back("no_posts");
  if (s.with_likes < kMinPostsEngagement && s.hidden_likes > 0) f.states.push_back("hidden_likes");
  const bool young = s.oldest && f.all_posts_seen && f.now >= s.oldest && f.now - s.oldest < kNewAccountSeconds;
  if (s.with_likes < kMinPostsEngagement && s.posts > 0 && young) f.states.push_back("new_account");
}

void find_engagement(const Reference& ref, Findings& f) {
  const PostStats& s = f.stats;
  if (s.with_likes >= kMinPostsBoughtLikes) f.bought = bought_likes_signal(ref, f.followers, s);
  f.views_betray = s.videos_with_views >= 2 && 2 * s.likes_above_views >= s.videos_with_views;
  f.likes_bought = (f.bought && f.bought->flagged) || f.views_betray;
  std::optional<double> organic, lowest;
  if (f.likes_bought && f.bought) {
    organic = f.bought->organic_median_likes + s.median_comments;
    lowest = std::max(0.0, s.median_likes - s.min_likes) + s.median_comments;
  }
  Engagement e = engagement_signal(ref, f.followers, s.median_engagement, f.business, organic, lowest);
  // Likes that look bought cannot vouch for the followers: what is left of them after the bought
  // part is a guess (20,000 followers with 6,000 likes a post read 0-0% fake on it).
  if (f.likes_bought) e.share_high = 1.0;
  // Engagement never rules out a few fakes: however high, its interval reaches kMinInstantWidth up.
  e.share_high = std::max(e.share_high, std::min(1.0, e.share_low + kMinInstantWidth));
  // The rate's own interval: the median's, over the same followers (a distribution-free one).
  e.rate_low = s.engagement_ci.low / f.followers;
  e.rate_high = s.engagement_ci.high / f.followers;
  e.rate_coverage = s.engagement_ci.coverage;
  f.engagement = e;
  f.tier = tier_solidity(ref, f.followers);
  json eng = params_json({{"rate", e.rate},
                          {"rate_low", e.rate_low},
                          {"rate_high", e.rate_high},
                          {"rate_coverage", round_to(e.rate_coverage, 1000)},
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
                          {"implied_high", round_to(e.share_high * 100, 10)}});
  eng["interval"] = "95%";
  eng["likes_adjusted_for_bought"] = e.likes_adjusted;
  eng["business_adjusted"] = flag_json(f.business);
  eng["reference"] =
      params_json({{"real_accounts_in_tier", f.tier.n_real}, {"large_accounts_in_tier", f.tier.n_large}});
  eng["reference"]["solidity"] = f.tier.level;
  f.signals["engagement"] = eng;
  json bl = params_json({{"videos_with_views", s.videos_with_views}, {"likes_above_views", s.likes_above_views}});
  bl["flagged"] = f.likes_bought;
  if (f.bought) {
    const BoughtLikes& b = *f.bought;
    bl.update(params_json({{"score", round_to(b.score, 1000)},
                           {"threshold", round_to(b.threshold, 1000)},
                           {"like_spread_sd_log", round_to(s.sd_log_likes, 10000)},
                           {"min_to_median_likes", std::exp(s.floor_log)},
                           // of real reference accounts score above the threshold
                           {"false_alarm_rate", 0.05}}));
    bl["comments_per_like"] = s.has_comment_ratio ? json(std::exp(s.comment_ratio_log)) : json(nullptr);
    bl["z"] = params_json({{"dispersion", round_to(b.z_dispersion, 100)},
                           {"comments", round_to(b.z_comments, 100)},
                           {"audience", round_to(b.z_audience, 100)},
                           {"floor", round_to(b.z_floor, 100)}});
    bl["estimated_bought_per_post"] = f.likes_bought ? json(std::round(b.subscription_likes)) : json(nullptr);
    if (!b.enough_likes) bl["median_likes_needed"] = kMinMedianLikesBought;  // too few likes to tell
    if (!b.enough_followers) bl["followers_needed"] = kMinFollowersBought;   // too few followers to judge by
  } else {
    bl["posts_needed"] = kMinPostsBoughtLikes;  // fewer posts with like counts than the score needs
  }
  f.signals["bought_likes"] = bl;
  f.instant = e.share * 100;
  f.instant_low = e.share_low * 100;
  f.instant_high = e.share_high * 100;
}

void find_following(const Profile& p, const Reference& ref, Findings& f) {
  if (!p.following || !p.followers) return;
  double fo = double(*p.following);
  double ratio_log = std::log((1 + fo) / (1 + f.followers));
  double pr = ref.following_ratio.cdf(ratio_log), pc = ref.following_count.cdf(fo);
  f.following = fo;
  f.following_ratio = (1 + fo) / (1 + f.followers);
  f.following_ratio_q95 = std::exp(ref.following_ratio.quantile(0.95));
  f.mass_following = (fo >= 1000 && pr >= 0.95) || fo >= 7000;
  f.signals["following"] = params_json({{"following", fo},
                                        {"followers", f.followers},
                                        {"ratio", f.following_ratio},
                                        {"ratio_percentile_among_real", round_to(pr, 1000)},
                                        {"count_percentile_among_real", round_to(pc, 1000)},
                                        {"real_ratio_q95", f.following_ratio_q95}});
  f.signals["following"]["mass_following"] = f.mass_following;
}

// Followers per post against real accounts: the persons' data, and from kPersonReferenceMax
// followers on also the large accounts of this size (the more lenient of the two judges: the
// persons' accounts are small, so almost any large account has more followers per post).
void find_history(const Profile& p, const Reference& ref, Findings& f) {
  if (!p.followers || !p.media_count) return;
  const PostStats& s = f.stats;
  f.media_count = double(*p.media_count);
  double per_post_log = std::log((1 + f.followers) / (1 + f.media_count));
  double pp = ref.followers_per_post.cdf(per_post_log);
  const bool large = ref.large && f.followers >= kPersonReferenceMax;
  if (large)
    pp = std::min(pp, ref.large->followers_per_post.residual.cdf(
                          per_post_log - ref.large->followers_per_post.line.at(std::log1p(f.followers))));
  double age_days = s.oldest && f.now > s.oldest ? double(f.now - s.oldest) / 86400 : 0;
  if (f.all_posts_seen && s.oldest) f.history_days = std::floor(age_days);
  f.sudden_audience =
      f.followers >= 1000 &&
      (pp >= 0.99 || (f.media_count <= 12 && f.all_posts_seen && age_days < 60 && f.followers >= 10000));
  json h = params_json({{"media_count", f.media_count},
                        {"followers_per_post", (1 + f.followers) / (1 + f.media_count)},
                        {"percentile_among_real", round_to(pp, 1000)}});
  h["reference"] = large ? "persons_and_large_accounts" : "persons";
  h["oldest_post_age_days"] = s.oldest ? json(std::floor(age_days)) : json(nullptr);
  h["all_posts_visible"] = f.all_posts_seen;
  h["sudden_audience"] = f.sudden_audience;
  f.signals["history"] = h;
}

}  // namespace

Findings find_signals(const Profile& p, const Reference& ref, std::optional<int64_t> now) {
  Findings f;
  f.found = p.found;
  if (!p.found) {
    f.states.push_back("not_found");
    return f;
  }
  f.followers = double(p.followers.value_or(0));
  // Brands and shops, not creators: creators are the influencers the benchmarks describe.
  f.business = p.is_business;
  f.verified = p.is_verified.value_or(false);
  f.stats = post_stats(p.posts, now);
  const PostStats& s = f.stats;
  f.now = now.value_or(s.newest);
  f.all_posts_seen = p.media_count && *p.media_count <= int64_t(p.posts.size());
  f.signals["posts_read"] = params_json({{"posts", p.posts.size()},
                                         {"window", s.posts},
                                         {"with_likes", s.with_likes},
                                         {"hidden_likes", s.hidden_likes},
                                         {"pinned", s.pinned},
                                         {"ignored_past_limit", p.posts_ignored},
                                         {"unreadable", p.posts_unreadable}});
  f.posts_unreadable = p.posts_unreadable;
  f.posts_sent = p.posts.size() + p.posts_unreadable;
  find_states(p, f);
  if (s.with_likes >= kMinPostsEngagement && f.followers >= 1) find_engagement(ref, f);
  else if (s.with_likes >= kMinPostsEngagement) f.no_followers = true;
  find_following(p, ref, f);
  find_history(p, ref, f);
  return f;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
