// The fake share as a mixture weight. Each sampled follower is a draw from the audience, whose
// score distribution is a mixture of the known profiles (fake and real accounts of each known
// source, score_profiles.h) in unknown proportions; the fake share pi is the total weight of
// the fake profiles. Followers fetched in full contribute their joint (lite, full) score cell,
// lite-only followers their lite cell alone, so a two-phase sample is one likelihood: the full
// subsample shows which profiles' lite-to-full relation holds in this audience, and the lite
// tier counts only as far as that relation makes it informative.
//
// Point: maximum likelihood (EM over the profile weights). Interval: profile likelihood,
// {pi : 2 (l_max - l(pi)) <= z^2 * fpc}, with the other weights maximised at each pi; it is
// honest at the edges (an estimate of 0 gets a one-sided interval) and widens by itself when
// the profiles cannot be told apart by the sample at hand.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "score_profiles.h"

namespace fm {

// How many sampled followers fell in each score cell.
struct ScoreCounts {
  std::array<double, kJointCells> joint{};  // fetched in full: (lite bin, full bin)
  std::array<double, kLiteBins> lite{};     // lite only
  double total() const;
};

struct MixtureFit {
  double point = 0, low = 0, high = 1;
  double loglik = 0;
};

// One source's fit, and the sources weighed against each other.
struct SourceFit {
  std::string source;
  MixtureFit fit;
  double weight = 0;  // posterior probability that the audience looks like this source
};
struct SourcesFit {
  MixtureFit combined;
  std::vector<SourceFit> sources;
};

// The audience is taken to look like one known source (its fake and real profiles, mixed in
// an unknown proportion); each source is fitted alone and weighed by its likelihood (equal
// prior odds). Point: the weighted mean; interval: from the lowest to the highest end among
// the sources that carry at least kMinSourceWeight, so an ambiguous sample widens it.
constexpr double kMinSourceWeight = 0.05;
SourcesFit fit_by_source(const ScoreProfiles& p, const ScoreCounts& c, double fpc, double z);

// fpc: finite-population factor (N - n) / (N - 1) (1 for a sample from a huge audience).
MixtureFit fit_mixture(const ScoreProfiles& p, const ScoreCounts& c, double fpc, double z);

}  // namespace fm
