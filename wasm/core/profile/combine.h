// The instant estimate (engagement and the other profile signals) combined with a follower
// sample's estimate.
//
// They do not measure the same thing: the sample counts fake accounts, engagement counts
// followers who never see or like the posts (inactive real followers too), and ordinary
// engagement cannot tell 0% from 30% fake followers (the instant estimate's intervals span 55-85
// points on real accounts). No labelled audience measures how one predicts the other, so the
// profile signals are not allowed to narrow the sample's interval or move its point: weighting
// them in as if they measured fake accounts gave intervals that excluded the labelled share
// (39.5% labelled fake read as 13%, 4-22%). Where the two disagree (their intervals do not
// overlap) one of them sees something the other does not, and the interval spans both.
#pragma once
#include <cstdint>
#include <string>

namespace fm::prof {

struct Estimate {
  double point = 0, low = 0, high = 100;  // percent
};

struct CombinedEstimate {
  Estimate estimate;
  bool disagree = false;
  std::string note;
};

// `instant`: the profile's instant estimate; `sample`: the audit's, from `n` followers.
CombinedEstimate combine_with_sample(const Estimate& instant, const Estimate& sample, int64_t n);

}  // namespace fm::prof
