// Gradient-boosted regression trees over FeatureVector, with a learned default
// direction for unknown (NaN) inputs, as XGBoost does.
#pragma once
#include <cstdint>
#include <vector>

#include "account_features.h"
#include "json_util.h"
#include "result.h"

namespace fm {

// One tree in flat arrays; node 0 is the root. A node with feature < 0 is a leaf.
// `value` holds the leaf output, and for inner nodes the mean output below them,
// which lets a prediction be explained as per-feature contributions along its path.
struct Tree {
  std::vector<int16_t> feature;
  std::vector<double> threshold;  // go left when x < threshold
  std::vector<int32_t> left, right;
  std::vector<uint8_t> default_left;  // where NaN goes
  std::vector<double> value;
};

struct Ensemble {
  double base_score = 0.0;  // log-odds before the first tree
  std::vector<Tree> trees;
};

// The same trees packed for scoring: every node of every tree in one array, each tree's
// nodes in their Tree order with children as absolute indices. A score then walks one
// block of memory instead of six vectors per tree (the walk was a sixth of a wasm batch).
// A leaf points to itself (feature 0), so every tree can take the same number of steps.
struct PackedNode {
  double threshold;
  double value;
  int32_t left, right;
  int16_t feature;
  uint8_t default_left;
};
struct PackedEnsemble {
  double base_score = 0.0;
  std::vector<PackedNode> nodes;
  std::vector<int32_t> roots;  // one per tree, in tree order
  int depth = 0;               // of the deepest tree
};
PackedEnsemble pack_ensemble(const Ensemble& e);

// Raw margin (log-odds). When `contrib` is given (size kFeatureCount), adds each split
// feature's share of the margin along the path (Saabas attribution).
// Both forms give the same doubles: the Ensemble form packs and calls the packed one.
double predict_margin(const PackedEnsemble& e, const FeatureVector& x, double* contrib = nullptr);
double predict_margin(const Ensemble& e, const FeatureVector& x, double* contrib = nullptr);

// Limits on a model file, so a corrupt or hostile one costs bounded memory and time per score
// (a trained model has a few hundred trees of at most a few dozen nodes). Past one: "model.limit".
constexpr size_t kMaxTrees = 10'000;        // per ensemble
constexpr size_t kMaxTreeNodes = 1u << 15;  // per tree
// |base_score| and |value| of every node: real boosted trees stay within single digits, and
// this keeps any sum over kMaxTrees trees finite (an infinite margin would score NaN).
constexpr double kMaxAbsTreeValue = 1e6;

json ensemble_to_json(const Ensemble& e);
// Validates shape and node links so a corrupt model cannot index out of bounds or loop.
Result<Ensemble> ensemble_from_json(const json& j, const std::string& where);

}  // namespace fm
