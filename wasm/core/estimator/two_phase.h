// Two-phase sampling for the mixture estimate: every listed follower has a lite probability, a
// random subsample also a full one. The audience's histogram of full-tier scores (the score
// profiles' bins) is estimated by a double-sampling regression estimator per bin: the bin's
// share in the full subsample, corrected by its slope on the lite log-odds times the gap
// between the lite means of all listed followers and of the subsample. The slopes are fitted on
// the subsample of this audience, so the lite tier's worth is learned where it is used (on SRF
// followers it is weak, the slopes are near zero and nothing is gained); its calibration is
// never used.
// How much the lite tier narrowed the estimate is measured on the full probability itself (a
// calibrated stand-in for what the mixture estimates): the regression's variance, with the
// slope's own uncertainty, against the subsample's alone, each at the quantile its range is read
// with (the regression's Student's t at m - 2 degrees of freedom, the subsample's the normal
// one). The estimated histogram is then worth n_eff = S_y^2 / var simple random full fetches;
// where the regression does not beat the subsample alone, the subsample's own histogram is used
// (`lite_used` false).
#pragma once
#include <vector>

#include "score_profiles.h"

namespace fm {

struct TwoPhaseHistogram {
  std::vector<double> counts;       // effective counts per bin: the estimated histogram times n_eff
  std::vector<double> full_counts;  // the subsample alone, finite-population corrected
  double n_eff = 0, full_n_eff = 0;
  double slope = 0, r2 = 0;  // of the full probability on the lite log-odds, in the subsample
  bool lite_used = false;
};

// Simple random sample: counts per bin scaled to its effective size n / fpc.
std::vector<double> binned_counts(const ScoreProfiles& p, const std::vector<double>& p_full, double N);

// x_all: lite log-odds of every listed follower (subsample included); x_sub, p_sub: lite
// log-odds and full probability of the random full subsample; N: audience size; t_to_z: the
// quantile the regression's range is read with (Student's t at m - 2) over the subsample's (z).
TwoPhaseHistogram two_phase_histogram(const ScoreProfiles& p,
                                      const std::vector<double>& x_all,
                                      const std::vector<double>& x_sub,
                                      const std::vector<double>& p_sub,
                                      double N,
                                      double t_to_z);

// Squared correlation of y with x (0 when either has no spread).
double squared_correlation(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace fm
