// The training run: per tier, a cross-validated hyper-parameter search, out-of-fold
// scores, Platt calibration, the operating threshold, the final model on all rows,
// and cross-data-set checks. Pure computation; main.cpp does the file I/O.
#pragma once
#include <string>
#include <vector>

#include "boost.h"
#include "datasets.h"
#include "metrics.h"
#include "model.h"

namespace fm::train {

constexpr int kFolds = 5;
constexpr uint64_t kFoldSeed = 20171129;  // any fixed value; this one is SRF's publication year

// How rows are weighted: every row alike, every data set with the same total weight, or
// SRF rows (real followers, what the extension audits) three times the others.
enum class Weighting { kRows, kSets, kSrf3 };
const char* weighting_name(Weighting w);

struct Candidate {
  BoostParams params;
  Weighting weighting = Weighting::kRows;
  double mean_auc = 0;          // mean over data sets of out-of-fold AUC
  std::vector<double> set_auc;  // in set_names() order
  double mean_log_loss = 0;     // of raw sigmoid(margin), mean over sets
  int nodes = 0;                // n_trees * (2^(depth+1)-1): the size bound used for ties
};

struct SetMetrics {
  std::string name;  // a data set or "pooled"
  int n = 0, n_fake = 0;
  double auc = 0, brier = 0;
  Confusion at_threshold;
};

struct CrossResult {
  std::string test_set;
  int n = 0;
  double auc = 0, brier = 0;
  Confusion at_half;  // raw sigmoid(margin) >= 0.5
};

struct TierRun {
  Tier tier = Tier::kFull;
  std::vector<Candidate> grid;  // every candidate tried, in search order
  Candidate chosen;
  std::vector<double> oof_margin, oof_prob;  // per sample
  Platt platt;
  double threshold = 0.5;
  TierStats stats;                  // on SRF out-of-fold scores at the threshold
  std::vector<SetMetrics> metrics;  // per set, then pooled
  std::vector<CrossResult> cross;
  BoostResult final_model;
  int final_nodes = 0;
  // The chosen settings without monotone constraints, same folds: what the constraints cost.
  std::vector<double> unconstrained_set_auc;
  double unconstrained_mean_auc = 0;
  // SRF out-of-fold at the loosest threshold whose FPR stays within SRF's published 3.7%.
  Confusion srf_at_published_fpr;
};

struct RunOptions {
  bool quick = false;  // a tiny grid, for tests and smoke runs
};

// Runs everything for one tier. `fold` from stratified_folds over (set, label).
TierRun run_tier(const std::vector<Sample>& samples, const std::vector<int>& fold, Tier tier, const RunOptions& opt);

// The model file contents from both tiers; version = content hash, so same data -> same bytes.
Model make_model(const TierRun& lite, const TierRun& full);

// The operating-threshold rule: the threshold with the highest accuracy on `prob` whose
// false-positive rate is at most `max_fpr`; ties go to the higher threshold.
double pick_threshold(const std::vector<double>& prob, const std::vector<int>& label, double max_fpr);

}  // namespace fm::train
