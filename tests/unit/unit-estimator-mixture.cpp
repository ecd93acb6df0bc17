// The mixture estimate under one regime (estimator/mixture.h) and the two-phase histogram
// (estimator/two_phase.h): samples drawn from known histograms land near the truth, intervals
// bracket it, the [0, 1] boundaries behave, and the histograms' own uncertainty widens.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "estimator/audience.h"
#include "estimator/mixture.h"
#include "estimator/two_phase.h"

using namespace fm;

namespace {
// A regime with well separated fakes and real accounts, and some overlap in the middle bins.
SourceProfile regime(double n_fake = 300, double n_real = 600) {
  SourceProfile s;
  s.source = "test";
  s.n_fake = n_fake, s.n_real = n_real;
  s.fake = {0.002, 0.002, 0.006, 0.04, 0.05, 0.1, 0.4, 0.4};
  s.real = {0.25, 0.25, 0.2, 0.15, 0.1, 0.04, 0.0098, 0.0002};
  s.tpr = 0.8, s.fpr = 0.01;
  return s;
}

// Expected counts of n followers at fake share pi (a sample exactly as the histograms say).
std::vector<double> expected_counts(const SourceProfile& s, double pi, double n) {
  std::vector<double> c(kProfileBins);
  for (size_t b = 0; b < c.size(); ++b) c[b] = n * (pi * s.fake[b] + (1 - pi) * s.real[b]);
  return c;
}

// A random sample of n followers at fake share pi, binned (splitmix64, fixed seed).
std::vector<double> random_counts(const SourceProfile& s, double pi, int n, uint64_t& state) {
  auto uniform = [&]() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return double((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0);
  };
  std::vector<double> c(kProfileBins, 0.0);
  for (int i = 0; i < n; ++i) {
    const auto& h = uniform() < pi ? s.fake : s.real;
    double u = uniform(), acc = 0;
    size_t b = 0;
    for (; b + 1 < h.size(); ++b)
      if ((acc += h[b]) > u) break;
    c[b] += 1;
  }
  return c;
}
}  // namespace

TEST_CASE("[mixture] the maximum-likelihood share of a sample that follows the histograms is the truth") {
  SourceProfile s = regime();
  for (double pi : {0.05, 0.2, 0.5, 0.8}) {
    CAPTURE(pi);
    auto c = expected_counts(s, pi, 400);
    CHECK(mixture_mle(s, c) == doctest::Approx(pi).epsilon(1e-4));
    Prevalence p = mixture_estimate(s, c, 1.96, 1, 0);
    CHECK(p.low < pi);
    CHECK(p.high > pi);
    CHECK(p.high - p.low < 0.25);
  }
}

TEST_CASE("[mixture] random samples: the interval brackets the truth about 95% of the time") {
  SourceProfile s = regime(1e6, 1e6);  // histograms known exactly: only sampling error is left
  uint64_t state = 20261130;
  for (double pi : {0.1, 0.4}) {
    int covered = 0, reps = 400;
    double abs_err = 0, abs_err_count = 0;
    for (int r = 0; r < reps; ++r) {
      auto c = random_counts(s, pi, 200, state);
      Prevalence p = mixture_estimate(s, c, 1.96, 0, 0);
      covered += p.low <= pi && pi <= p.high;
      abs_err += std::fabs(p.point - pi);
      // The adjusted count on the same sample: one bit per follower (the top two bins flagged).
      double q = (c[6] + c[7]) / 200, rg = std::min(1.0, std::max(0.0, (q - s.fpr) / (s.tpr - s.fpr)));
      abs_err_count += std::fabs(rg - pi);
    }
    CAPTURE(pi);
    CHECK(covered >= int(0.92 * reps));
    CHECK(covered <= int(0.985 * reps));
    // Where each score falls says more than which side of the threshold it falls.
    CHECK(abs_err < abs_err_count);
  }
}

TEST_CASE("[mixture] boundaries: no fake-like score gives exactly 0, no real-like score exactly 1") {
  SourceProfile s = regime();
  std::vector<double> only_real(kProfileBins, 0.0);
  only_real[0] = 60, only_real[1] = 70, only_real[2] = 50, only_real[3] = 20;
  Prevalence zero = mixture_estimate(s, only_real, 1.96, 1, 0);
  CHECK(zero.point == 0);
  CHECK(zero.low == 0);
  CHECK(zero.high > 0);
  CHECK(zero.high < 0.05);  // 200 followers without one fake-like score leave little room
  std::vector<double> only_fake(kProfileBins, 0.0);
  only_fake[6] = 100, only_fake[7] = 100;
  Prevalence one = mixture_estimate(s, only_fake, 1.96, 1, 0);
  CHECK(one.point == 1);
  CHECK(one.high == 1);
  CHECK(one.low < 1);
  CHECK(one.low > 0.9);
}

TEST_CASE("[mixture] histograms resting on few labelled accounts widen the interval") {
  auto c = expected_counts(regime(), 0.5, 400);
  Prevalence many = mixture_estimate(regime(5000, 5000), c, 1.96, 1, 0);
  Prevalence few = mixture_estimate(regime(37, 329), c, 1.96, 1, 0);
  CHECK(few.high - few.low > 1.2 * (many.high - many.low));
  CHECK(mixture_hist_var(regime(37, 329), 0.5, 1) > 2 * mixture_hist_var(regime(37, 329), 0.5, 0) - 1e-12);
  // At share 0 the fake histogram does not matter, only the real one.
  CHECK(mixture_hist_var(regime(37, 1e9), 0, 0) < 1e-9);
}

TEST_CASE("[mixture] finite-population correction: a census leaves only the histograms' uncertainty") {
  SourceProfile s = regime();
  std::vector<double> p_full;
  for (int i = 0; i < 300; ++i) p_full.push_back(0.001 + 0.1 * (i % 7) / 7);
  for (int i = 0; i < 100; ++i) p_full.push_back(0.99);
  ScoreProfiles p;
  p.edges = {0.01, 0.02, 0.03, 0.05, 0.1, 0.3, 0.95};
  p.sources.push_back(s);
  Prevalence sample = mixture_estimate(s, binned_counts(p, p_full, 1e7), 1.96, 0, 0);
  Prevalence census = mixture_estimate(s, binned_counts(p, p_full, 400), 1.96, 0, 0);
  CHECK(census.point == doctest::Approx(sample.point));
  CHECK(census.high - census.low < 0.5 * (sample.high - sample.low));
  CHECK(census.sampling_half < 1e-3);
}

TEST_CASE("[two-phase] the listed followers' lite scores correct the subsample's histogram where lite predicts") {
  ScoreProfiles p;
  p.edges = {0.01, 0.02, 0.03, 0.05, 0.1, 0.3, 0.95};
  // 400 listed followers, 25% fakes (full 0.99, lite log-odds +2), the rest real (full 0.015,
  // lite -2); the subsample of 40 happens to hold 40% fakes.
  std::vector<double> x_all, x_sub, p_sub, noise_sub;
  for (int i = 0; i < 400; ++i) x_all.push_back(i < 100 ? 2.0 : -2.0);
  for (int i = 0; i < 40; ++i) {
    bool fake = i < 16;
    x_sub.push_back(fake ? 2.0 : -2.0);
    p_sub.push_back(fake ? 0.99 : 0.015);
    noise_sub.push_back(i % 2 ? 2.0 : -2.0);  // a lite tier unrelated to the full scores
  }
  // (1.0: regression and subsample compared at one quantile; at 40 fetched t(38) is within 3% of z.)
  TwoPhaseHistogram good = two_phase_histogram(p, x_all, x_sub, p_sub, 1e6, 1.0);
  REQUIRE(good.lite_used);
  double total = 0;
  for (double v : good.counts) total += v;
  CHECK(good.counts[7] / total == doctest::Approx(0.25).epsilon(0.01));  // the listed share, not the subsample's 40%
  CHECK(good.n_eff > 2 * good.full_n_eff);
  CHECK(good.r2 > 0.99);
  TwoPhaseHistogram weak = two_phase_histogram(p, x_all, noise_sub, p_sub, 1e6, 1.0);
  CHECK_FALSE(weak.lite_used);
  CHECK(weak.counts == weak.full_counts);
  CHECK(weak.full_counts[7] == doctest::Approx(16).epsilon(0.01));
}

TEST_CASE("[mixture] the +/-5 plan: cheaper where lite explains the full score, unreachable on poor histograms") {
  SourceProfile s = regime(2000, 2000);
  AuditPlan full_only = plan_audit_mixture(s, 0, 0.2, 1e7, 1.96, 0.05, 1);
  AuditPlan two_phase = plan_audit_mixture(s, 0.8, 0.2, 1e7, 1.96, 0.05, 1);
  REQUIRE(full_only.possible);
  REQUIRE(two_phase.possible);
  CHECK(two_phase.requests < full_only.requests);
  CHECK(two_phase.lite_followers > two_phase.full_fetches);
  // The plan's own design reaches +/-5 by the planner's formula.
  double n_eff = 1 / ((1 - 0.8) / two_phase.full_fetches + 0.8 / two_phase.lite_followers);
  CHECK(mixture_planned_half_width(s, 0.2, n_eff, 1.96, 1) <= 0.0501);
  // Even a lite tier that explains nearly everything needs enough full fetches to fit its slope.
  AuditPlan near_perfect = plan_audit_mixture(s, 0.999, 0.2, 1e7, 1.96, 0.05, 1);
  REQUIRE(near_perfect.possible);
  CHECK(near_perfect.full_fetches >= 8);
  AuditPlan hopeless = plan_audit_mixture(regime(5, 5), 0, 0.5, 1e7, 1.96, 0.05, 1);
  CHECK_FALSE(hopeless.possible);
  CHECK(hopeless.rate_only_points >= 0);  // unreachable because of the histograms' own uncertainty
}
