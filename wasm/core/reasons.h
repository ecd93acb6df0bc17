// Plain-language reasons for one account's score, from per-feature contributions.
#pragma once
#include <string>
#include <vector>

#include "account_features.h"

namespace fm {

// Picks the features that moved the score most (in the direction of the verdict first)
// and describes each with its value (counts and ratios read from the record itself), e.g. "username ends in 4 digits
// (fake-like)".
std::vector<std::string> explain(const Account& a,
                                 const FeatureVector& x,
                                 const double* contrib,
                                 bool verdict_fake,
                                 size_t max_reasons = 3);

}  // namespace fm
