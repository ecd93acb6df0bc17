// The engagement reference: what real accounts' recent posts look like, derived from the
// 700 real, non-automated accounts with per-post data (by the tools: derive_reference in
// tools/common/engagement_reference.h, written by tools/derive-engagement to
// models/engagement_reference.json and compiled into the engine), extended to large follower
// counts with published benchmarks (benchmarks.cpp).
#pragma once
#include <string>
#include <vector>

#include "post_stats.h"
#include "stats.h"

namespace fm::prof {

// A published engagement-rate band table for one follower tier, in percent of followers.
// The source's band edges: below `low` is "low", [avg_low, avg_high] is "average", above
// `high` is "high".
struct BenchmarkTier {
  double min_followers = 0, max_followers = 0;
  double low = 0, avg_low = 0, avg_high = 0, high = 0;
};

// A feature that drifts with the like level, kept as a line in log(1 + median likes) plus
// the distribution of real accounts' residuals around it.
struct Conditional {
  LineFit line;
  Distribution residual;
  double z(double x, double v) const { return residual.z(v - line.at(x)); }
};

// Real accounts per follower tier (how solid the reference is where an account sits).
struct DataTier {
  double min_followers = 0, max_followers = 0;
  int n = 0;
  double median_rate = 0;  // median engagement per post / followers
};

struct LargeReference;

struct Reference {
  std::string derived_from;
  int n_accounts = 0;  // accounts with at least kMinPostsEngagement posts with likes

  // Engagement: log(1 + median engagement per post) = line(log(1 + followers)) + residual,
  // fitted where the data is dense (up to fit_max_followers), then the published tiers.
  LineFit engagement_line;
  Distribution engagement_residual;
  double fit_max_followers = 0;
  std::vector<DataTier> data_tiers;
  std::vector<BenchmarkTier> benchmarks;
  std::string benchmark_source;

  // Bought likes: dispersion, comments per like and the like floor, against the like level.
  Conditional dispersion, comments, floor;
  int n_bought_likes = 0;             // accounts with >= kMinPostsBoughtLikes posts with likes
  double bought_likes_threshold = 0;  // score above which 5% of real reference accounts fall
  double floor_ratio_median = 0.5;    // median (1 + min likes) / (1 + median likes) of real accounts

  // Following and history.
  Distribution following_ratio;     // log((1 + following) / (1 + followers))
  Distribution following_count;     // following
  Distribution followers_per_post;  // log((1 + followers) / (1 + media count))

  // Large accounts (large_reference.h), when attached: above the persons' data they set the
  // engagement level's slope and spread and judge followers per post. Not owned.
  const LargeReference* large = nullptr;
};

constexpr int kMinPostsEngagement = 3;
constexpr int kMinPostsBoughtLikes = 6;
// Likes are whole numbers: on a few likes per post their spread, floor and ratio to comments are
// the counting's, not a subscription's (3 followers with 2-3 likes on every post read as bought).
// A subscription adds tens of likes to every post; below these the score says nothing.
constexpr double kMinMedianLikesBought = 10;
constexpr double kMinBoughtPerPost = 5;
// The score weighs likes against followers: on a handful of followers that ratio is meaningless
// (one follower with a steady 30 likes read "Likes look bought"). Below this, never flagged.
constexpr double kMinFollowersBought = 50;
// The narrowest the instant interval gets (as a share): a very engaged audience read 0.0-0.0% fake,
// a certainty engagement cannot give.
constexpr double kMinInstantWidth = 0.05;

json reference_to_json(const Reference& r);
Result<Reference> reference_from_text(const std::string& text);

// The reference compiled into this build (models/engagement_reference.json).
const Result<Reference>& builtin_reference();

// The published benchmark table and its citation (benchmarks.cpp).
const std::vector<BenchmarkTier>& published_benchmarks();
const char* published_benchmark_source();

}  // namespace fm::prof
