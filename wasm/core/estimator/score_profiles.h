// Score profiles: per known source of labelled accounts (SRF's followers of influencers,
// Kaggle's fake/spam accounts, InstaFake's bought accounts), the full tier's out-of-fold error
// rates at its operating threshold (with the accounts they rest on) and how its calibrated
// probability falls for that source's fake and real accounts (binned).
//
// Why: each source labels a different kind of fake, and the full tier's recall differs between
// them (SRF ~0.65, Kaggle ~0.90). One pooled tpr/fpr corrects one kind of audience and biases
// the others; the estimator (regimes.h) instead weighs each source's rates by how well its score
// profile explains the sample at hand. Only the calibrated full probability is used: which
// fields a record lacks is an artefact of the data sets, not something a real audit shows.
//
// The lite tier's probability gets histograms of its own (lite bins), so that followers only
// listed, never fetched, can be explained the same way in a two-phase audit (lite_model.h).
//
// Derived from the trainer's out-of-fold predictions (build/train/oof.jsonl) by
// `eval-estimator --write-profiles` (scripts/eval-estimator), committed as
// models/score_profiles.json and compiled into the engine (builtin_score_profiles.cpp).
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "json_util.h"
#include "result.h"

namespace fm {

constexpr int kProfileBins = 8;

struct SourceProfile {
  std::string source;                                         // "srf", "kaggle", "instafake"
  double n_fake = 0, n_real = 0;                              // out-of-fold accounts behind the figures
  double tpr = 0, fpr = 0;                                    // full tier, at the profiles' threshold
  std::array<double, kProfileBins> fake{}, real{};            // P(bin | label); each sums to 1, no empty bin
  std::array<double, kProfileBins> lite_fake{}, lite_real{};  // the same for the lite probability
  // The lite histograms as a profile of their own, for the mixture functions.
  SourceProfile lite() const;
};

struct ScoreProfiles {
  std::string model_version;                     // the model whose probabilities these are
  double threshold = 0.5;                        // the full tier's operating threshold
  std::array<double, kProfileBins - 1> edges{};  // bin b holds p in [edges[b-1], edges[b])
  std::vector<SourceProfile> sources;
  bool has_lite = false;                              // lite histograms present
  std::array<double, kProfileBins - 1> lite_edges{};  // the same for the lite probability
  // How the known definitions of fake are combined (regimes.h): the power their likelihoods are
  // tempered to (1, the plain posterior, when not given), and the scale of the predictive interval
  // for a definition unlike them (1: the random-effects interval; 0, when not given: none).
  double definition_weighting = 1;
  double definition_spread = 0;
  // Whether the interval's upper end reaches what a definition stricter than every known one
  // could call fake (regimes.h; false when not given).
  bool definition_bounds = false;
  int bin(double p) const;
  int lite_bin(double p) const;
  // The lite histograms and bins as profiles of their own, for an audience with no follower
  // fetched in full: the regime average (regimes.h) then reads the lite probabilities.
  ScoreProfiles lite_view() const;
};

// One labelled account scored out of fold.
struct ProfileSample {
  std::string source;
  bool fake = false;
  double p_full = 0;
  std::optional<double> p_lite;  // lite histograms are built only when every row has it
};

// Bin edges are pooled quantiles of p_full (and of p_lite for the lite bins); each histogram is
// smoothed toward its label's pooled shape (a few accounts' worth) so a small source leaves no
// bin impossible.
ScoreProfiles build_profiles(const std::vector<ProfileSample>& rows,
                             double threshold,
                             const std::string& model_version);

json profiles_to_json(const ScoreProfiles& p);
Result<ScoreProfiles> profiles_from_json(const json& j);
Result<ScoreProfiles> profiles_from_text(const std::string& text);

// The committed profiles compiled into the engine (models/score_profiles.json).
const Result<ScoreProfiles>& builtin_score_profiles();

}  // namespace fm
