// Synthetic audiences from out-of-fold accounts, and the three estimators judged on them.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "estimator/score_profiles.h"
#include "oof.h"
#include "profile/badge.h"

namespace fm {

// splitmix64: small, seeded, the same sequence on every platform.
struct Rng {
  uint64_t state;
  uint64_t next();
  size_t below(size_t n);  // uniform in [0, n)
  double uniform();        // uniform in [0, 1)
};

// Accounts of one source set, split by label.
struct Pool {
  std::string name;
  std::vector<FollowerScore> fakes, reals;
};

struct MethodStats {
  double abs_err = 0, err = 0, covered = 0, width = 0;
  // The badge's floor ("at least L% fake": an interval wider than 40 points whose lower end L is
  // 25% or more, profile/badge.h), and those whose L lies above the truth.
  double floors = 0, false_floors = 0;
  int reps = 0;
  double mae() const { return 100 * abs_err / reps; }
  double bias() const { return 100 * err / reps; }
  double coverage() const { return 100 * covered / reps; }
  double mean_width() const { return 100 * width / reps; }
  void add(double truth, double point, double low, double high);
};

struct CellResult {
  double share = 0;
  int n = 0, m = 0;                                      // followers sampled, of which fetched in full
  MethodStats naive, srf, ours, ours_full_only, pooled;  // pooled: adjusted count with the model's cv rates only
  MethodStats srf_xfit;    // the same with the SRF rates of the other half of the folds (the old method, cross-fitted)
  double true_weight = 0;  // mean posterior weight of the audience's own source
  double floor = 0;        // perfect-classifier MAE, points
  std::vector<AuditPlan> plans;   // ours: design for +/-5 planned from each sample
  std::vector<int> doubt_points;  // samples whose +/-5 the doubt between definitions rules out: its points
};

struct SimSettings {
  double audience = 5000;  // N, the profile's follower count
  int reps = 400;
  TierSetting lite, full;  // the model's thresholds and rates
};

// Cross-fitting: audiences are drawn from one half of the folds and judged with score profiles
// (regime rates and histograms) built from the other half, so no sampled account shaped the
// profiles that explain it.
struct Half {
  const Pool* pool = nullptr;
  const ScoreProfiles* profiles = nullptr;  // null: only the pooled adjusted count
};

// One sample of an audience of N at fake share `share` drawn from `pool`, sampled at random: n
// followers, m of them fetched in full (the others keep only their lite probability). The
// audience's members are independent draws from the pool given their label.
void draw_sample(const Pool& pool, double share, int n, int m, double N, Rng& rng, std::vector<FollowerScore>& out);

// One cell: `reps` audiences of size N at fake share `share` from `pool`, each sampled
// at random (n followers, m of them fetched in full; m == n for full-only cells).
// Repetitions alternate between the halves.
CellResult run_cell(const std::vector<Half>& halves, double share, int n, int m, const SimSettings& s, Rng& rng);

}  // namespace fm
