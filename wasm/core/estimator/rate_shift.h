// How far a tier's error rates move between audiences of different origin.
//
// The model's cross-validated tpr/fpr are pooled over the training sets, but each source set
// (SRF's influencer followers, Kaggle, instafake) has its own rates at the same threshold:
// labels and account populations differ. An audit's audience is yet another origin, so the
// pooled rates carry an error no number of out-of-fold accounts removes. These standard
// deviations are the spread of the per-set rates around the pooled ones, measured on the
// trainer's out-of-fold predictions by `scripts/eval-estimator` (which prints them as
// "rate shift" and warns when these constants drift from what it measures).
#pragma once

namespace fm {

struct RateShift {
  double tpr_sd, fpr_sd;
};

constexpr RateShift kFullRateShift{0.0, 0.0};
constexpr RateShift kLiteRateShift{0.10, 0.05};

}  // namespace fm
