// The report's estimate: the instant estimate from the profile alone, or, when a follower-sample
// estimate is given, the two combined. One unit of its own so the way they combine can change
// without touching the rest of the report.
#pragma once
#include <optional>
#include <string>

#include "json_util.h"
#include "report.h"

namespace fm::prof {

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
