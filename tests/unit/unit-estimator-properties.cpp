// Property tests of the audience estimate: the promises every report keeps, checked over many
// seeded random samples (the compiled-in model's rates and score profiles, probabilities drawn
// directly) rather than single examples. Statistical tables (EVALUATION.md) measure how good the
// estimate is; these catch plain logic faults at the edges (n = 0, 1, 2, a census, probabilities
// of exactly 0 or 1, every account one class).
#include <doctest/doctest.h>

#include <cmath>
#include <iomanip>
#include <string>
#include <vector>

#include "api.h"
#include "estimator/report_json.h"
#include "estimator_samples.h"
#include "json_util.h"

using namespace fm;
using namespace fm::props;

namespace {
// The first non-finite number anywhere in a report, by its path ("" when none).
std::string non_finite(const json& j, const std::string& path = "") {
  if (j.is_number_float() && !std::isfinite(j.get<double>())) return path.empty() ? "(root)" : path;
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it)
      if (auto bad = non_finite(it.value(), path + "." + it.key()); !bad.empty()) return bad;
  if (j.is_array())
    for (size_t i = 0; i < j.size(); ++i)
      if (auto bad = non_finite(j[i], path + "[" + std::to_string(i) + "]"); !bad.empty()) return bad;
  return "";
}

}  // namespace

TEST_CASE("[properties] every estimate lies in its range, within 0-100%, and the report has no NaN or inf") {
  Gen g(20261207);
  for (int it = 0; it < 1500; ++it) {
    int n = g.size();
    auto accs = g.sample(n);
    double N = g.population(n);
    AudienceInput in = input_of(accs, N);
    // Every third sample without score profiles: the adjusted count with the model's own rates,
    // the estimator's way for a model the compiled-in profiles do not describe.
    if (it % 3 == 2) in.profiles = nullptr;
    AudienceEstimate e = estimate_audience(in);
    INFO(describe(accs, N));
    INFO(std::setprecision(17) << e.estimate.low << " " << e.estimate.point << " " << e.estimate.high << " "
                               << e.estimate.q << " " << e.estimate.sampling_half << " " << e.estimate.rate_sd);
    REQUIRE(ordered(e.estimate));
    if (e.full_only) REQUIRE(ordered(*e.full_only));
    if (e.lite_only) REQUIRE(ordered(*e.lite_only));
    if (e.regimes) {
      REQUIRE(ordered(e.regimes->within));
      for (const auto& f : e.regimes->regimes) REQUIRE(ordered(f.estimate));
    }
    for (const BreakdownShare* s : {&e.breakdown.likely_fake, &e.breakdown.mass_followers, &e.breakdown.influencers,
                                    &e.breakdown.private_real, &e.breakdown.public_real})
      if (s->share) REQUIRE((0 <= s->low && s->low <= *s->share && *s->share <= s->high && s->high <= 1));
    json r = report_to_json(e, in, "m");
    REQUIRE_MESSAGE(non_finite(r).empty(), non_finite(r));
    REQUIRE(r["ci_low"].get<double>() <= r["fake_percent"].get<double>());
    REQUIRE(r["fake_percent"].get<double>() <= r["ci_high"].get<double>());
  }
}

TEST_CASE(
    "[properties] api_estimate: one to three followers, any population it accepts, a clear error for none or a "
    "population below the sample") {
  auto rec = [](int i, bool fake, bool full) {
    std::string r =
        fake
            ? R"({"username":"user)" + std::to_string(i) +
                  R"(8812734","has_profile_pic":false,"media_count":0,"follower_count":2,"following_count":4000})"
            : R"({"username":"anna.b)" + std::to_string(i) +
                  R"(","full_name":"Anna B","has_profile_pic":true,"media_count":140,"follower_count":380,"following_count":290})";
    if (!full) r.insert(1, R"("phase":"lite",)");
    return r;
  };
  for (int n : {1, 2, 3})
    for (int mask = 0; mask < (1 << (2 * n)); ++mask)  // each follower fake or not, fetched or not
      for (const std::string& pop :
           {std::string("null"), std::to_string(n), std::to_string(n + 1), std::string("100000000")}) {
        std::string req = R"({"population":)" + pop + R"(,"followers":[)";
        for (int i = 0; i < n; ++i) req += (i ? "," : "") + rec(i, mask >> (2 * i) & 1, mask >> (2 * i + 1) & 1);
        req += "]}";
        INFO(req);
        auto j = parse_json(api_estimate(req), "answer");
        REQUIRE(j.ok());
        const json& r = j.value();
        REQUIRE_FALSE(r.contains("error"));
        REQUIRE_MESSAGE(non_finite(r).empty(), non_finite(r));
        double lo = r["ci_low"].get<double>(), pt = r["fake_percent"].get<double>(), hi = r["ci_high"].get<double>();
        REQUIRE((0 <= lo && lo <= pt && pt <= hi && hi <= 100));
      }
  // No follower at all is refused, as is a population smaller than the sample, each saying so.
  auto none = parse_json(api_estimate(R"({"population":null,"followers":[]})"), "answer");
  REQUIRE(none.ok());
  CHECK(none.value()["error"]["id"] == "estimate.followers");
  auto j = parse_json(
      api_estimate(R"({"population":1,"followers":[)" + rec(0, true, true) + "," + rec(1, false, true) + "]}"),
      "answer");
  REQUIRE(j.ok());
  CHECK(j.value()["error"]["id"] == "estimate.total");
}
