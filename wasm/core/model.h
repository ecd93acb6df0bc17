// The model file: one calibrated ensemble per tier, its operating threshold, and the
// cross-validated error rates the audience estimator corrects for.
#pragma once
#include <string>

#include "gbt.h"

namespace fm {

// Cross-validated behaviour of a tier at its operating threshold, from out-of-fold scores.
struct TierStats {
  double tpr = 0, fpr = 0;        // recall on fakes; share of real accounts flagged
  double n_fake = 0, n_real = 0;  // how many out-of-fold accounts those rates rest on
  double auc = 0;
};

struct TierModel {
  Ensemble ensemble;
  // `ensemble` packed for scoring, by pack_tiers(); the classifier repacks on the fly (slowly)
  // if someone changed the trees since.
  PackedEnsemble packed;
  double platt_a = 1.0, platt_b = 0.0;  // p = sigmoid(a * margin + b)
  double threshold = 0.5;               // on the calibrated probability
  TierStats cv;
};

struct Model {
  std::string version;  // e.g. "2026-11-29+<hash>", shown in bug reports
  TierModel lite, full;
  const TierModel& tier(Tier t) const { return t == Tier::kLite ? lite : full; }
};

// Packs both tiers' ensembles for scoring: call after building or changing a Model's trees.
void pack_tiers(Model& m);

constexpr const char* kModelFormat = "fakemeter-model";
constexpr int kModelFormatVersion = 1;
// Tree nodes over both tiers: bounds the work of one score (each node is visited at most
// once per tree walk) and the memory of a loaded model. See also gbt.h's limits.
constexpr size_t kMaxModelNodes = 100'000;
constexpr size_t kMaxModelVersionBytes = 200;  // the version is quoted in api_version()

Result<Model> model_from_text(const std::string& text);
json model_to_json(const Model& m);

// The model compiled into this build (models/model.json at build time).
const Model& builtin_model();
// The builtin model file's text, or an error if it did not load.
Result<bool> builtin_model_status();

inline double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace fm
