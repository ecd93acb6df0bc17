// The profile signals as numbers: each compares one thing the profile shows with the
// reference. No wording here (report.cpp writes the sentences).
#pragma once
#include <optional>

#include "reference.h"

namespace fm::prof {

// Expected log(1 + engagement per post) of a real account with log(1 + followers) = x:
// the data's line up to fit_max_followers, the published tiers' "average" band from
// kPersonReferenceMax on, a blend (linear in log followers) between the two, and never
// decreasing (the running maximum): the two references disagree in level (persons engage far
// more than the benchmarks' influencers) and a fake detector must not reward bought followers.
double expected_log_engagement(const Reference& ref, double x);
// The blend before the running maximum.
double blended_log_engagement(const Reference& ref, double x);

// The published tiers' level alone: log(1 + rate * followers) with the "average" band's
// midpoint as the rate, interpolated in log(followers) between tier midpoints.
double benchmark_log_engagement(const Reference& ref, double x);

// What a real account of log(1 + followers) = x is expected to engage, and how sure that is.
struct EngagementLevel {
  double mu = 0;                           // expected log(1 + engagement per post), before the residual
  double lenient = 0, strict = 0;          // the levels the interval's lower and upper ends use
  const Distribution* residual = nullptr;  // real accounts' spread around the level
  double b = 0.3;                          // elasticity of engagement to followers around this size
  bool large = false;                      // judged by the large accounts' data (large_reference.h)
};
EngagementLevel engagement_level(const Reference& ref, double x);

// Where the reference at this follower count comes from and how much it rests on.
struct TierSolidity {
  std::string level;    // "measured" | "thin" | "blended" | "benchmark" | "large_accounts"
  int n_real = 0;       // real accounts of the persons' data in this tier
  int n_large = 0;      // large accounts of the large-accounts data in this tier
  double data_max = 0;  // the persons' data reaches up to this many followers
  int year = 0;         // when the large-accounts data was collected
};
TierSolidity tier_solidity(const Reference& ref, double followers);
// Between the data's range and the first published tier's midpoint above it.
bool blended_zone(const Reference& ref, double followers);
// Within the large accounts' data range (and the large reference attached).
bool judged_as_large(const Reference& ref, double followers);

struct Engagement {
  double rate = 0;                                                // median (likes + comments) per post / followers
  double rate_low = 0, rate_high = 0, rate_coverage = 0;          // its interval (median_interval, stats.h)
  double percentile = 0.5;                                        // among real accounts of this size, in [0,1]
  double rate_q10 = 0, rate_q25 = 0, rate_q50 = 0, rate_q90 = 0;  // real accounts of this size
  // Implied unreachable (fake) share of the followers, 95% interval, in [0, 0.99].
  double share = 0, share_low = 0, share_high = 0;
  bool likes_adjusted = false;  // computed from organic likes after removing bought ones
  double organic_rate = 0;      // the engagement rate the point estimate used
};
// `organic_engagement`: when set (bought likes suspected), the point estimate uses it.
// `business`: brands engage less; nullopt when nobody said whether this is one: the lower end
// allows it, the point does not.
Engagement engagement_signal(const Reference& ref,
                             double followers,
                             double median_engagement,
                             std::optional<bool> business,
                             std::optional<double> organic_engagement = std::nullopt,
                             std::optional<double> lowest_engagement = std::nullopt);

struct BoughtLikes {
  double score = 0;              // weighted sum of the z-scores below, scaled to unit variance
  double threshold = 0;          // 5% of real reference accounts score above it
  bool flagged = false;          // above the threshold, on enough likes, with kMinBoughtPerPost or more bought
  bool enough_likes = true;      // median likes of kMinMedianLikesBought or more: below, never flagged
  bool enough_followers = true;  // kMinFollowersBought or more: below, never flagged (the ratio means nothing)
  double z_dispersion = 0, z_comments = 0, z_audience = 0, z_floor = 0;
  double organic_median_likes = 0;  // estimate if the likes carry a constant subscription
  double subscription_likes = 0;    // estimated likes added per post
};
// Needs kMinPostsBoughtLikes posts with likes (caller checks).
BoughtLikes bought_likes_signal(const Reference& ref, double followers, const PostStats& s);

// Weights of the bought-likes z-scores: dispersion, comments per like, likes vs audience,
// like floor. Likes out of line with the audience weigh double: the most direct evidence.
constexpr double kBoughtLikesWeights[4] = {1, 1, 2, 1};

// Persons' accounts (the data) are assumed to reach up to here; above, accounts are judged
// as influencers only (10k is the usual nano-influencer ceiling).
constexpr double kPersonReferenceMax = 10000;

// Followers never drop below this share of their likes' implied reach (the point and the lower end).
constexpr double kMaxShare = 0.99;
// Business and brand accounts engage less than the persons of the reference; we assume
// down to half as much (our assumption: no verified published ratio) for the point estimate
// and the lower end, while the upper end keeps the personal reference.
constexpr double kBusinessEngagementFactor = 0.5;

}  // namespace fm::prof
