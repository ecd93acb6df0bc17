// Score profiles: how the classifier's probabilities fall for fake and for real accounts of
// each known source of accounts, jointly at the lite and the full tier. The audience
// estimator explains a follower sample as a mixture of these profiles (mixture.h).
//
// Evaluated as an alternative to the adjusted count (EVALUATION.md, "score mixture"): the
// evaluation builds them from the trainer's out-of-fold predictions. The engine does not ship
// them: on SRF's follower audiences the mixture's intervals did not hold their coverage.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "json_util.h"
#include "result.h"

namespace fm {

constexpr int kLiteBins = 4, kFullBins = 8;
constexpr int kJointCells = kLiteBins * kFullBins;

struct ScoreProfile {
  std::string source;  // "srf", "kaggle", "instafake"
  bool fake = false;
  double accounts = 0;                     // how many out-of-fold accounts it rests on
  std::array<double, kJointCells> joint{};  // P(lite bin, full bin), lite-major; sums to 1
  double lite(int a) const {
    double s = 0;
    for (int b = 0; b < kFullBins; ++b) s += joint[a * kFullBins + b];
    return s;
  }
};

struct ScoreProfiles {
  std::string model_version;
  std::array<double, kLiteBins - 1> lite_edges{};  // bin a holds p in [edge[a-1], edge[a])
  std::array<double, kFullBins - 1> full_edges{};
  std::vector<ScoreProfile> profiles;
  int lite_bin(double p) const;
  int full_bin(double p) const;
};

// One labelled, out-of-fold scored account.
struct ProfileSample {
  std::string source;
  bool fake = false;
  double p_lite = 0, p_full = 0;
};

// Bin edges are pooled quantiles; each profile is smoothed toward its label's pooled shape
// (a few accounts' worth), so a small source does not put zero mass where it saw nobody.
ScoreProfiles build_profiles(const std::vector<ProfileSample>& rows, const std::string& model_version);

json profiles_to_json(const ScoreProfiles& p);
Result<ScoreProfiles> profiles_from_json(const json& j);

}  // namespace fm
