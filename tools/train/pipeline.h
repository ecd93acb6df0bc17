// The training run, per tier. Pure computation; main.cpp does the file I/O.
//  - fit_tier: one configuration on a set of rows: out-of-fold scores (grouped 5-fold CV),
//    Platt calibration, the operating threshold, and the model on all of them. The committed
//    model is fit_tier on every row with the committed hyper-parameters (fast, deterministic).
//  - evaluate_tier: the full evaluation that chooses those hyper-parameters. Every candidate is
//    judged leave-one-set-out (trained on the other sets, tested on the held-out one; rows of
//    accounts the held-out set also holds are left out of training), by the mean over the sets
//    of that AUC, then log loss; the chosen one is then run leave-one-set-out in full, each
//    held-out set judged with the calibration and threshold fitted on the other sets alone.
//    The full tier's choice must also reach 0.88 on every held-out set and keep its in-set
//    standard on SRF (accuracy >= 95% at FPR <= 3%, 5-fold), as far as the grid allows
//    (pipeline.cpp says in which order).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "boost.h"
#include "labelled_sets.h"
#include "metrics.h"
#include "model.h"

namespace fm::train {

using data::Sample;
using data::set_names;

constexpr int kFolds = 5;
constexpr uint64_t kFoldSeed = 20171129;  // any fixed value; this one is SRF's publication year

// How rows are weighted. The committed model: every set alike, its fakes and its real accounts each
// half of it. A set's fake share is an artefact of how it was collected (10% in SRF, 66% in
// Kaggle-complete), and which fields a record carries tells its set (only Parma has `verified`,
// only Kaggle-complete and Parma display names...): weighted so, no field's presence can stand in
// for a set's share. Every set alike with its own label mix (kSets) is kept for comparison.
enum class Weighting { kSets, kBalanced };
const char* weighting_name(Weighting w);
bool weighting_from_name(const std::string& name, Weighting& w);

// One tier's hyper-parameters: what the full evaluation chooses and models/train_params.json keeps.
struct Config {
  BoostParams params;  // monotone constraints included
  Weighting weighting = Weighting::kBalanced;
  // Leave out features whose direction disagrees between the training sets: one set's fakes
  // clearly higher (univariate AUC above 0.5 + kDirectionMargin), another's clearly lower.
  bool consistent_features = false;
  // SRF's share of the weight against each other set's (1: every set alike). SRF's rows are real
  // followers sampled from follower lists, the population the extension audits, so there is a
  // product reason to let them count more. The weights stay normalised to the number of rows, so
  // min child weight and lambda keep their scale. With SRF held out it changes nothing.
  double srf_weight = 1.0;
};
constexpr double kDirectionMargin = 0.1;

// Row weights over `rows` (1 elsewhere), summing to their number: each set among them with the
// same total weight, SRF's multiplied by c.srf_weight, and with kBalanced its fakes and its real
// accounts each half of it.
std::vector<double> row_weights(const std::vector<Sample>& s, const std::vector<int>& rows, const Config& c);

// fold[i] of every sample: grouped by account, stratified by (set, label).
std::vector<int> account_folds(const std::vector<Sample>& s, int k, uint64_t seed);

// The tier's features whose direction disagrees between the sets among `rows` (each set with at
// least 20 known values and both labels has its say), in feature order.
std::vector<int> inconsistent_features(const std::vector<Sample>& s, const std::vector<int>& rows, Tier tier);

// The tier's features fewer than kMinSetsKnown of the sets among `rows` carry at all: such a feature
// can only teach what those one or two sets are like (`verified`: Parma alone; the display name's
// digits: Kaggle's two sets), and on a record that has it (every real follower's) it would route
// the account down their branches. They are set aside.
constexpr int kMinSetsKnown = 3;
std::vector<int> scarce_features(const std::vector<Sample>& s, const std::vector<int>& rows, Tier tier);

struct SetMetrics {
  std::string name;  // a data set or "pooled"
  int n = 0, n_fake = 0;
  double auc = 0, brier = 0;
  double slope = 1;  // calibration slope: logistic regression of the label on the logit of p
  Confusion at_threshold;
};
SetMetrics set_metrics(const std::string& name,
                       const std::vector<double>& prob,
                       const std::vector<int>& label,
                       double threshold);

// One configuration fitted on a set of rows.
struct Fit {
  Config config;
  std::vector<int> rows;           // the training rows
  std::vector<int> masked;         // features set to unknown beyond the tier's (consistency rule)
  std::vector<double> oof_margin;  // per sample; NaN outside `rows`
  Platt platt;                     // on the out-of-fold margins
  double threshold = 0.5;          // on the calibrated probability
  std::string threshold_set;       // "srf" when SRF is among the rows, else "pooled"
  TierStats stats;                 // on that set's out-of-fold scores at the threshold
  BoostResult model;               // on every row
  int nodes = 0;
};
Fit fit_tier(const std::vector<Sample>& s,
             const std::vector<int>& fold,
             const std::vector<int>& rows,
             Tier tier,
             const Config& c);
// The fit's calibrated probability for a sample (its model, its masks).
double fit_probability(const Fit& f, const Sample& s, Tier tier);

// The committed model's run: fit_tier on every row, and what the report says about it.
struct TierRun {
  Tier tier = Tier::kFull;
  Fit fit;
  std::vector<double> oof_prob;     // calibrated out-of-fold probability per sample
  std::vector<SetMetrics> metrics;  // grouped 5-fold CV per set, then pooled
  // SRF out-of-fold at the loosest threshold whose FPR stays within SRF's published 3.7%.
  Confusion srf_at_published_fpr;
};
TierRun run_tier(const std::vector<Sample>& s, const std::vector<int>& fold, Tier tier, const Config& c);

// The full evaluation.
struct Candidate {
  Config config;
  std::vector<double> set_auc;  // leave-one-set-out, in set_names() order
  double mean_auc = 0, min_auc = 0;
  double mean_log_loss = 0;  // of raw sigmoid(margin), mean over held-out sets
  int nodes = 0;             // n_trees * (2^(depth+1)-1): the size bound used for ties
};
struct HeldOut {
  std::string set;
  Fit fit;                   // on the other sets' rows (accounts of `set` left out)
  std::vector<double> prob;  // per sample: the held-out set's rows, by fit; NaN elsewhere
  SetMetrics metrics;        // on the held-out set, at fit's calibration and threshold
};
// The full tier's selection at one SRF multiplier: its grid, the candidates checked against the
// in-set standard on SRF in preference order (with their figures), and whether one kept it.
struct SrfWeightTrial {
  double srf_weight = 1.0;
  std::vector<Candidate> grid;
  std::vector<std::pair<Candidate, SetMetrics>> checked;
  Candidate chosen;  // the one that kept the standard, else the first preferred
  bool kept = false;
};
struct TierEvaluation {
  Tier tier = Tier::kFull;
  std::vector<Candidate> grid;  // every candidate tried at the multiplier used, in search order
  Candidate chosen;
  // Full tier, when no candidate checked keeps the in-set standard on SRF: those checked, in
  // preference order, with their in-set SRF figures (5-fold, at the operating threshold).
  std::vector<std::pair<Candidate, SetMetrics>> set_aside;
  std::vector<SrfWeightTrial> srf_trials;  // the multipliers tried, in order
  std::vector<HeldOut> held_out;           // the chosen configuration, one per set
  // The chosen configuration without monotone constraints, and with every set alike but its own
  // label mix: leave-one-set-out AUC per set.
  std::vector<double> unconstrained_auc, set_weighted_auc;
};
struct RunOptions {
  bool quick = false;          // a tiny grid, for tests and smoke runs
  bool tiny_grid = false;      // the tiny grid with the full selection rules (tests of them)
  std::optional<Config> only;  // judge this configuration alone (no search)
  // The full tier's SRF multipliers, tried in this order until one's grid keeps both standards.
  std::vector<double> srf_weights = {1.0};
};
TierEvaluation evaluate_tier(const std::vector<Sample>& s,
                             const std::vector<int>& fold,
                             Tier tier,
                             const RunOptions& opt);

// The model file contents from both tiers; version = content hash, so same data -> same bytes.
Model make_model(const TierRun& lite, const TierRun& full);

// The operating-threshold rule: the threshold with the highest accuracy on `prob` whose
// false-positive rate is at most `max_fpr`; ties go to the higher threshold.
double pick_threshold(const std::vector<double>& prob, const std::vector<int>& label, double max_fpr);

// Both tiers' configurations as JSON (models/train_params.json) with the data fingerprint they
// were chosen on, and back.
json params_to_json(const Config& lite, const Config& full, const std::string& data_fingerprint);
struct Params {
  Config lite, full;
  std::string data_fingerprint;
};
Result<Params> params_from_json(const json& j);

}  // namespace fm::train
