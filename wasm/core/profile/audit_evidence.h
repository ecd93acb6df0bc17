// What an audit's per-source estimates say against each other (reports of api_estimate, already
// checked by parse_options).
#pragma once
#include "badge.h"
#include "json_util.h"

namespace fm::prof {

// One end ("ci_low" or "ci_high") of the interval two samples compare on: under the known
// definitions of fake where the report gives it (regime.known_definitions), else the full one. Both
// samples are scored by the same model, so the doubt about which definition of fake holds moves
// them alike and is left out of the comparison; the reason shows these ends, which it rests on
// (the full ones, which may overlap, stood beside "far more often").
inline const json* known_end(const json& a, const char* k) {
  auto r = a.find("regime");
  if (r == a.end() || !r->is_object()) return nullptr;
  auto kd = r->find("known_definitions");
  if (kd == r->end() || !kd->is_object()) return nullptr;
  auto v = kd->find(k);
  return v != kd->end() && v->is_number() ? &*v : nullptr;
}
inline double compared_end(const json& a, const char* k) {
  const json* v = known_end(a, k);
  return v ? v->get<double>() : a[k].get<double>();
}
// Whether both samples compare on the known definitions' intervals (the reason then says so).
inline bool compared_known(const json& a, const json& b) {
  return known_end(a, "ci_low") && known_end(a, "ci_high") && known_end(b, "ci_low") && known_end(b, "ci_high");
}

// +1 when the engagers' (likers' or commenters') 95% interval lies wholly above the followers'
// (far more often fake: likes or comments from accounts that do not follow), -1 when wholly
// below (real engagement on a fake audience), 0 when the two overlap; on compared_end's intervals.
inline int engagers_apart(const json& followers, const json& engagers) {
  if (compared_end(engagers, "ci_low") > compared_end(followers, "ci_high")) return 1;
  if (compared_end(engagers, "ci_high") < compared_end(followers, "ci_low")) return -1;
  return 0;
}

// Whether the engagers are mostly real on their own: the upper end of their full 95% interval
// (the definitions' doubt included) below half. Far below the followers is not enough: likers at
// 0-82% beside followers at 85-99% are less often fake, and could still be mostly fake.
inline bool engagers_mostly_real(const json& engagers) { return engagers["ci_high"].get<double>() < kPoorUpTo; }

// What the badge takes of the likers: +1 far more often fake than the followers, -1 far less and
// mostly real, 0 otherwise.
inline int likers_for_badge(const json& followers, const json& likers) {
  const int apart = engagers_apart(followers, likers);
  return apart < 0 && !engagers_mostly_real(likers) ? 0 : apart;
}

}  // namespace fm::prof
