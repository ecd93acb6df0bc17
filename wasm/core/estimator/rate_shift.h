// How far a tier's error rates may move between the audience they were measured on and the
// audience at hand, as a standard deviation added to the rates' own binomial uncertainty, for the
// corrections that use one set of rates: the lite tier alone, and the full tier's fallback when no
// matching score profiles are compiled in. (With the profiles, the full tier's rates come per
// regime, regimes.h, and that file's kKindSpread plays this part.)
#pragma once

namespace fm {

struct RateShift {
  double tpr_sd, fpr_sd;
};

constexpr RateShift kFullRateShift{0.0, 0.0};
constexpr RateShift kLiteRateShift{0.10, 0.05};  // lite-only audits: its rates are weak and unstable

}  // namespace fm
