// The profile report: the signals (findings.cpp) turned into one instant estimate with an
// interval, reasons as message ids with their numbers (wording.cpp), and, when audit estimates
// are given, their combination (combine.cpp); the badge and grade decided from all of it
// (badge.cpp). This file assembles the report and reads its options.
#pragma once
#include <optional>

#include "profile.h"
#include "reference.h"

namespace fm::prof {

struct AnalysisOptions {
  std::optional<json> audience;            // a report from the audience estimator (the followers)
  std::optional<json> likers, commenters;  // the same for the recent posts' engagers
  std::optional<int64_t> now;              // unix seconds; default: the newest post's time
};

Result<AnalysisOptions> parse_options(const std::string& text);

// A checked number of an audience report in options (`w` names it in errors).
Result<double> audience_number(const json& a,
                               const char* key,
                               double lo,
                               double hi,
                               const std::string& w = "options.audience");

// The report object. `engine` is the version string to stamp in.
json analyze_profile(const Profile& p, const Reference& ref, const AnalysisOptions& opt, const std::string& engine);

// An account older than this is not "brand-new".
constexpr int64_t kNewAccountSeconds = 30LL * 86400;

}  // namespace fm::prof
