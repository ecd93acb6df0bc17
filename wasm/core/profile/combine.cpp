#include "combine.h"

#include <algorithm>
#include <cmath>

#include "account.h"
#include "message.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {
double round_to(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }
}  // namespace

Combined combine_estimates(std::optional<double> instant,
                           std::optional<double> instant_low,
                           std::optional<double> instant_high,
                           const AnalysisOptions& opt) {
  // ---- the estimate (instant, then combined with a follower sample when given)
  std::optional<double> fake = instant, lo = instant_low, hi = instant_high;
  std::string confidence = instant ? "instant" : "none";
  json audience = nullptr, notes = json::array();
  if (opt.audience) {
    const json& a = *opt.audience;
    double af = audience_number(a, "fake_percent", 0, 100).value();
    double al = audience_number(a, "ci_low", 0, 100).value();
    double ah = audience_number(a, "ci_high", 0, 100).value();
    int64_t n = read_int(a, "sample_size", "", 0, kMaxCount).value().value_or(0);
    audience = a;
    confidence = "audited";
    if (!instant) {
      fake = af, lo = al, hi = ah;
      notes.push_back(message("combined.sample_alone", {{"n", n}}));
    } else {
      // Precision weighting from each 95% interval's width: the sample's interval narrows as it
      // grows, so it dominates; the profile signals keep a say only while the sample is small.
      double sd_a = std::max(0.5, (ah - al) / 3.92), sd_i = std::max(0.5, (*instant_high - *instant_low) / 3.92);
      double wa = 1 / (sd_a * sd_a), wi = 1 / (sd_i * sd_i);
      double share_a = wa / (wa + wi);
      double c = (wa * af + wi * *instant) / (wa + wi);
      double sd = 1 / std::sqrt(wa + wi);
      fake = c;
      lo = std::max(0.0, c - 1.96 * sd);
      hi = std::min(100.0, c + 1.96 * sd);
      double weight = std::round(share_a * 100);
      notes.push_back(message(share_a >= 0.5 ? "combined.sample_dominant" : "combined.sample_minor",
                              {{"n", n}, {"sample_weight", weight}, {"profile_weight", 100 - weight}}));
      if (al > *instant_high || ah < *instant_low)
        notes.push_back(
            message("combined.disagree", {{"sample", round_to(af, 10)}, {"profile", round_to(*instant, 10)}}));
    }
    // The list Instagram shows may be short: say so wherever the headline uses it.
    auto limited = a.find("list_limited");
    if (limited != a.end() && limited->is_boolean() && limited->get<bool>())
      notes.push_back(message("combined.newest_only"));
  }
  if (fake) {
    *fake = round_to(*fake, 10);
    *lo = round_to(std::min(*lo, *fake), 10);
    *hi = round_to(std::max(*hi, *fake), 10);
  }
  return Combined{fake, lo, hi, confidence, audience, notes};
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
