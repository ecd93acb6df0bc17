// How far a tier's error rates may move between the model's cross-validation audience and
// the audience at hand, as a standard deviation added to the rates' own binomial uncertainty.
//
// The model's cv rates are the trainer's SRF out-of-fold figures (real followers of
// influencers, what the extension audits). `scripts/eval-estimator` measures how far the other
// source sets sit from them ("rate shift" in EVALUATION.md: tpr ~0.17, fpr ~0.02 for the full
// tier). Those sets label other kinds of fake (spam, bought accounts the full tier catches more
// easily); allowing for that whole shift would make every interval 30+ points wide, so the
// allowance is 0 and the resulting bias on those audiences is reported in EVALUATION.md.
#pragma once

namespace fm {

struct RateShift {
  double tpr_sd, fpr_sd;
};

constexpr RateShift kFullRateShift{0.0, 0.0};
constexpr RateShift kLiteRateShift{0.10, 0.05};  // lite-only audits: its rates are weak and unstable

}  // namespace fm
