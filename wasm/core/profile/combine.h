// The report's estimate: the instant estimate from the profile alone, or, when a follower-sample
// estimate is given, the two combined.
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
#include <optional>
#include <string>

#include "json_util.h"
#include "report.h"

namespace fm::prof {

struct Estimate {
  double point = 0, low = 0, high = 100;  // percent
};

struct CombinedEstimate {
  Estimate estimate;
  bool disagree = false;  // the two intervals do not overlap (said in words; the interval stays the sample's)
};

// The numbers alone: `instant` is the profile's instant estimate, `sample` the audit's.
CombinedEstimate combine_with_sample(const Estimate& instant, const Estimate& sample);

struct Combined {
  std::optional<double> fake, low, high;  // percent, rounded to 0.1; the interval holds the point
  std::string confidence;                 // "instant" | "audited" | "none"
  json audience = nullptr;                // the follower sample's report, when given
  json notes = json::array();             // how the two were combined (messages)
};

Combined combine_estimates(std::optional<double> instant,
                           std::optional<double> instant_low,
                           std::optional<double> instant_high,
                           const AnalysisOptions& opt);

}  // namespace fm::prof
