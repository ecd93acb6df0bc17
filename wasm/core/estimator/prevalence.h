// The statistics of the audience estimate: from a sample of classified followers to the
// audience's fake share with a 95% interval. Pure numbers in, numbers out.
//
// With the score profiles compiled in, full-tier samples are estimated by the regime mixtures
// (regimes.h, mixture.h); the adjusted count here serves lite-only audits, the fallback for a
// model without matching profiles, and the flagged share the report shows.
// Method (why, in EVALUATION.md): adjusted classify-and-count (Rogan-Gladen). The share of
// followers the full tier flags at its operating threshold, q, relates to the true fake share
// pi through the classifier's cross-validated rates: q = fpr + (tpr - fpr) * pi, so
// pi = (q - fpr) / (tpr - fpr). Counting alone (q) is biased whenever pi differs from the
// training mix; the correction removes that bias when the rates hold for the audience.
//  - Sampling error: a Wilson interval for q at the sample's effective size (finite-population
//    correction included), mapped through the correction; Wilson stays sane at 0 of n.
//  - Rate error: tpr and fpr rest on n_fake / n_real out-of-fold accounts (binomial variance)
//    and may move between audiences of different origin (RateShift, see rate_shift.h).
//    fpr's part enters by the delta method, tpr's by substituting tpr -/+ z sd (it divides, so
//    its effect is lopsided); both are added in quadrature at each end of the interval.
//  - Which rates: the audience estimate averages over regimes (regimes.h), each with its own.
//  - Two-phase: the flagged share q is estimated by a double-sampling regression estimator:
//    full-tier flags y on the random full subsample, the lite probability x on every follower,
//    q = mean_m(y) + b * (mean_n(x) - mean_m(x)) with b fitted within this audience. The lite
//    tier is only an auxiliary variable whose worth (its correlation with the full flag) is
//    learned from the subsample at hand; where it predicts nothing, b ~ 0 and the estimate falls
//    back to the full subsample alone. Its calibration is never trusted.
#pragma once
#include <vector>

namespace fm {

// A tier's error rates as the estimator needs them.
struct TierRates {
  double tpr = 0, fpr = 0;        // cross-validated, pooled over the training sets
  double n_fake = 1, n_real = 1;  // out-of-fold accounts they rest on
  // Standard deviation of the rates across audiences of different origin (see rate_shift.h).
  double shift_sd_tpr = 0, shift_sd_fpr = 0;
};

// An estimate of the flagged share q at one tier, with its sampling variance.
struct FlaggedShare {
  double q = 0;      // estimated share of the audience the tier flags, in [0,1]
  double var = 0;    // sampling variance of q (finite-population corrected)
  double n_eff = 0;  // simple random full fetches this estimate is worth (for the Wilson interval)
};

// The fake share of the audience, as fractions in [0,1].
struct Prevalence {
  double point = 0, low = 0, high = 1;
  double q = 0;              // the flagged share it started from
  double sampling_half = 0;  // half-width the sampling error alone gives (on pi)
  double rate_sd = 0;        // standard deviation the rate uncertainty adds (at the point)
  bool informative = true;   // false when tpr - fpr is too small to correct anything
};

// Moves each end of `p` away from its point, in quadrature with the end's own distance from it:
// by a half-width whose square is `low_half2` below and `high_half2` above, kept within [0, 1].
void widen_in_quadrature(Prevalence& p, double low_half2, double high_half2);

// Flagged share of a simple random sample: k of n flagged, audience of N (N >= n).
FlaggedShare simple_share(double k, double n, double N);

// What a double-sampling regression estimator made of the subsample.
struct TwoPhaseShare {
  FlaggedShare share;
  double full_only_var = 0;      // variance the full subsample alone would have
  double slope = 0;              // fitted b
  double r2 = 0;                 // squared correlation of lite probability and full flag in the subsample
  bool lite_used = false;        // false when the lite tier did not reduce the variance here
  double lite_model_weight = 0;  // how far the lite tier's own histograms were trusted (lite_model.h)
};

// x_all: lite probability of every sampled follower (the subsample included), x_sub/y_sub:
// lite probability and full flag (0/1) of the random full subsample; N: audience size.
TwoPhaseShare regression_share(const std::vector<double>& x_all,
                               const std::vector<double>& x_sub,
                               const std::vector<double>& y_sub,
                               double N);

// Corrects a flagged share for the tier's error rates; z is the normal quantile (1.96 for 95%).
Prevalence correct_for_errors(const FlaggedShare& s, const TierRates& r, double z);

// Wilson score interval for a proportion q seen with effective size n.
void wilson(double q, double n, double z, double& low, double& high);

// Exact (Clopper-Pearson) interval for k successes in n trials (both may be fractional: effective
// counts), at the two-sided level the normal quantile z gives: it holds at least that level for
// any n, where Wilson's normal approximation is too narrow at the ends for few accounts (2 of 9:
// Wilson's lower end 7.6%, the exact one 2.8%; Jeffreys' 4.9%). The bounds for definitions beyond
// the known ones (regimes.h) say what no known definition rules out, so they take the exact one.
void exact_binomial(double k, double n, double z, double& low, double& high);

// Half-width (on pi) a design would give: variance of the flagged-share estimate var_q, the
// rates r, at fake share pi. Used to plan audits (requests for a +/-5-point interval).
double planned_half_width(double var_q, const TierRates& r, double pi, double z);

}  // namespace fm
