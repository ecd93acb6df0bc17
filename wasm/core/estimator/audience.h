// The audience estimate: from classified followers to the report's numbers.
// Pure: the caller scores the followers (api_estimate.cpp with the builtin model, the
// evaluation tool with out-of-fold probabilities) and passes the model's tier rates.
#pragma once
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "breakdown.h"
#include "prevalence.h"
#include "rate_shift.h"
#include "regimes.h"

namespace fm {

constexpr int kFollowersPerPage = 25;  // a followers-list request returns a few dozen users

// One sampled follower: lite probability always (a full record scored at lite tier too),
// full probability when its profile was fetched.
struct FollowerScore {
  double p_lite = 0;
  std::optional<double> p_full;
  std::optional<bool> is_private;
  std::optional<int64_t> follower_count, following_count;
};

struct TierSetting {
  TierRates rates;
  double threshold = 0.5;
};

struct TierModel;
// A model tier's threshold and cross-validated rates, widened by `shift` (rate_shift.h).
TierSetting tier_setting(const TierModel& t, RateShift shift);

struct AudienceInput {
  double total_followers = 0;  // N, at least the number of followers given; kUnknownPopulation: unread
  bool newest_first = true;    // the followers list serves newest first
  std::vector<FollowerScore> followers;
  TierSetting lite, full;
  double z = 1.959963984540054;  // 95%
  // Score profiles of the scoring model (regimes.h): with them the full tier's flags are
  // corrected with each known source's rates, weighed by how well the source explains the
  // sample. Without them (or for another model or threshold) the estimator falls back to the
  // adjusted count with the model's own cv rates (`full.rates`).
  const ScoreProfiles* profiles = nullptr;
};

// An audit design: how many followers to list and how many to fetch in full.
struct AuditPlan {
  bool possible = false;
  int lite_followers = 0, full_fetches = 0, requests = 0;
  // When not possible: the half-width (points) the classifier's error-rate uncertainty alone
  // gives, or -1 when the audience is too small instead.
  int rate_only_points = -1;
  // When not possible because the answer depends on which definition of fake holds: how many
  // points that doubt alone spans at one end (no audit size shrinks it), else -1.
  int definition_points = -1;
};

struct AudienceEstimate {
  Prevalence estimate;
  std::string method;
  int sample_size = 0, full_sample_size = 0, lite_sample_size = 0;
  std::optional<Prevalence> full_only;  // the full subsample alone (two-phase audits)
  std::optional<Prevalence> lite_only;  // the lite tier alone, corrected with its pooled rates
  std::optional<TwoPhaseShare> two_phase;
  std::optional<RegimeAverage> regimes;  // when the score profiles were used
  Breakdown breakdown;
  AuditPlan plan_5pt;
  std::vector<std::string> warnings;
  // Two-phase: how far apart (Welch standard errors of the lite log-odds) the fetched and the
  // listed-only accounts sit; 0 when either group is too small to say. Past 3 a warning says it;
  // on a real audience random picks reached 2 in 7% of draws, fetching the accounts with the most
  // followers 2.8 at the median (tools/research/pick_by_follower_count.mjs).
  double pick_gap = 0;
};

// The +/- points the audit plan aims at (requests_for_5pt).
constexpr double kPlanHalfWidth = 0.05;

AudienceEstimate estimate_audience(const AudienceInput& in);

// The cheapest design (pages of the followers list + full fetches) whose interval would be
// +/- half_width at fake share pi, given the full flag's variance sy2 in this audience and the
// share r2 of it the lite probability explains (0 when unknown).
AuditPlan plan_audit(double sy2, double r2, const TierRates& full, double pi, double N, double z, double half_width);

// The same for the mixture estimate under one regime: its information per follower at pi, the
// share r2 of the full score the lite tier explains, and the histograms' own uncertainty;
// extra_var, max_factor and min_full as plan_design's fixed_var, max_factor and min_full.
AuditPlan plan_audit_mixture(const SourceProfile& s,
                             double r2,
                             double pi,
                             double N,
                             double z,
                             double half_width,
                             double spread,
                             double extra_var = 0,
                             double max_factor = std::numeric_limits<double>::infinity(),
                             int min_full = 2);

// The same for the answer averaged over regimes (regimes.h), planned with the most probable
// regime's histograms: what no audit size shrinks counts too, namely how far the known
// definitions read this sample apart, the widening for a new definition, and the reach of a
// stricter and a more lenient one (each bound's share must come within half_width of the point).
AuditPlan plan_over_regimes(const RegimeAverage& ra,
                            const ScoreProfiles& p,
                            double r2,
                            double pi,
                            double N,
                            double z,
                            double half_width);

// The cheapest design whose estimate has variance unit_var * f + fixed_var <= (half_width / z)^2,
// f = (1 - r2)/m + r2/n - 1/N, with n followers listed (pages of kFollowersPerPage) and m of them
// fetched in full, f <= max_factor (a further share estimated on the same design) and m >=
// min_full (a further share near 0 or 1, whose exact limit needs that many fetched).
AuditPlan plan_design(double unit_var,
                      double r2,
                      double fixed_var,
                      double N,
                      double z,
                      double half_width,
                      double max_factor = std::numeric_limits<double>::infinity(),
                      int min_full = 2);

}  // namespace fm
