// What an audit's per-source estimates say against each other (reports of api_estimate, already
// checked by parse_options).
#pragma once
#include "json_util.h"

namespace fm::prof {

// +1 when the engagers' (likers' or commenters') 95% interval lies wholly above the followers'
// (far more often fake: likes or comments from accounts that do not follow), -1 when wholly
// below (real engagement on a fake audience), 0 when the two overlap.
inline int engagers_apart(const json& followers, const json& engagers) {
  auto num = [](const json& a, const char* k) { return a[k].get<double>(); };
  if (num(engagers, "ci_low") > num(followers, "ci_high")) return 1;
  if (num(engagers, "ci_high") < num(followers, "ci_low")) return -1;
  return 0;
}

}  // namespace fm::prof
