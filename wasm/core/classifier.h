// Per-account scoring: the probability that an account is fake, and why.
#pragma once
#include <string>
#include <vector>

#include "model.h"

namespace fm {

struct Classification {
  double fake_probability = 0;
  bool is_fake = false;  // at the tier's operating threshold
  Tier tier = Tier::kLite;
  std::vector<std::string> reasons;  // strongest first, each saying which way it pushes
};

// Scores at the tier the record allows (see pick_tier).
Classification classify(const Model& m, const Account& a);
// Scores at a given tier; asking for full on a lite-only record is allowed (unknowns stay NaN).
Classification classify_at(const Model& m, const Account& a, Tier tier);
// Calibrated probability only (no reasons): the hot path of audits and evaluation.
double fake_probability(const Model& m, const FeatureVector& x, Tier tier);

}  // namespace fm
