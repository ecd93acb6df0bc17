// Gradient-boosted trees for logistic loss, grown level by level with exact greedy
// splits (the data sets are a few thousand rows) and a learned default side for NaN.
// Output is an fm::Ensemble, scored by the engine's own fm::predict_margin.
#pragma once
#include <array>
#include <cstdint>
#include <vector>

#include "account_features.h"
#include "gbt.h"

namespace fm::train {

struct BoostParams {
  int n_trees = 200;
  int max_depth = 3;
  double eta = 0.1;               // shrinkage
  double min_child_weight = 1.0;  // minimum hessian sum in a child
  double lambda = 1.0;            // L2 on leaf values
  double gamma = 0.0;             // minimum gain to split
  // Per feature: +1 = the fake score may only rise with the value, -1 = only fall, 0 = free.
  // Unknown (NaN) values are not constrained; they follow the learned default side.
  std::array<int8_t, kFeatureCount> monotone{};
};

struct TrainSet {
  const std::vector<FeatureVector>* x = nullptr;  // all rows; `rows` picks the training ones
  const std::vector<double>* y = nullptr;         // 0/1 labels
  const std::vector<double>* w = nullptr;         // row weights
  std::vector<int> rows;
};

struct BoostResult {
  Ensemble ensemble;
  std::array<double, kFeatureCount> gain{};  // total split gain per feature
};

// Deterministic: no randomness, ties go to the lower feature index and lower threshold.
BoostResult train_boost(const TrainSet& data, const BoostParams& p);

// One tree's output for x (same rules as fm::predict_margin).
double tree_output(const Tree& t, const FeatureVector& x);

// Rounds to `digits` significant digits, so the model file stays small and the
// metrics are computed with exactly the numbers written.
double round_sig(double v, int digits);

}  // namespace fm::train
