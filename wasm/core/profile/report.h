// The profile report (its JSON fields: wasm/README.md): the signals turned into one
// instant estimate with an interval, a grade, sentences with their numbers, and, when a
// follower-sample estimate is given, the combination of both.
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

// The report object. `engine` is the version string to stamp in.
json analyze_profile(const Profile& p, const Reference& ref, const AnalysisOptions& opt, const std::string& engine);

// Grade of a fake share in percent (<10 good, 10-25 fair, 25-50 poor, >50 bad).
const char* grade_of(std::optional<double> fake_percent);
const char* grade_label(const std::string& grade);

// An account older than this is not "brand-new".
constexpr int64_t kNewAccountSeconds = 30LL * 86400;

}  // namespace fm::prof
