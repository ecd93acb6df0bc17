// What an audit's per-source estimates say against each other (reports of api_estimate, already
// checked by parse_options).
#pragma once
#include "json_util.h"

namespace fm::prof {

// +1 when the engagers' (likers' or commenters') 95% interval lies wholly above the followers'
// (far more often fake: likes or comments from accounts that do not follow), -1 when wholly
// below (real engagement on a fake audience), 0 when the two overlap. Both samples are scored by
// the same model, so the doubt about which definition of fake holds moves them alike: they
// compare on their intervals under the known definitions where the reports give them
// (regime.known_definitions), the full intervals otherwise.
inline int engagers_apart(const json& followers, const json& engagers) {
  auto end = [](const json& a, const char* k) {
    auto r = a.find("regime");
    if (r != a.end() && r->is_object()) {
      auto kd = r->find("known_definitions");
      if (kd != r->end() && kd->is_object()) {
        auto v = kd->find(k);
        if (v != kd->end() && v->is_number()) return v->get<double>();
      }
    }
    return a[k].get<double>();
  };
  if (end(engagers, "ci_low") > end(followers, "ci_high")) return 1;
  if (end(engagers, "ci_high") < end(followers, "ci_low")) return -1;
  return 0;
}

}  // namespace fm::prof
