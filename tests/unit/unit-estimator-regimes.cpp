// The audience estimator's regimes: score profiles (derivation, file format, the compiled-in
// copy), the likelihood weights, the posterior mixture, and the report's `regime` field.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "api.h"
#include "classifier.h"
#include "estimator/audience.h"
#include "estimator/regimes.h"
#include "estimator/report_json.h"
#include "estimator/student_t.h"
#include "estimator/two_phase.h"
#include "json_util.h"

using namespace fm;

namespace {
// Two kinds of audience with the same real accounts: "hard" fakes are missed 40% of the time
// (scored 0.2-0.3), "easy" fakes 5% of the time.
std::vector<ProfileSample> two_kinds() {
  std::vector<ProfileSample> rows;
  for (const char* src : {"hard", "easy"}) {
    bool hard = std::string(src) == "hard";
    for (int i = 0; i < 400; ++i) rows.push_back({src, false, 0.01 + 0.04 * (i % 10) / 10.0});
    for (int i = 0; i < 200; ++i) {
      bool missed = hard ? i % 5 < 2 : i % 20 == 0;
      rows.push_back({src, true, missed ? 0.2 + 0.1 * (i % 7) / 7.0 : 0.8 + 0.15 * (i % 9) / 9.0});
    }
  }
  return rows;
}

// Full probabilities of a sample of n at fake share pi, drawn evenly from one kind's accounts.
std::vector<double> sample_of(const std::vector<ProfileSample>& rows, const std::string& src, double pi, int n) {
  std::vector<double> fakes, reals, out;
  for (const auto& r : rows)
    if (r.source == src) (r.fake ? fakes : reals).push_back(r.p_full);
  int k = int(std::lround(pi * n));
  for (int i = 0; i < k; ++i) out.push_back(fakes[(size_t(i) * 7) % fakes.size()]);
  for (int i = k; i < n; ++i) out.push_back(reals[(size_t(i) * 3) % reals.size()]);
  return out;
}

FlaggedShare flagged_share(const std::vector<double>& p, double threshold, double N) {
  double k = 0;
  for (double v : p) k += v >= threshold;
  return simple_share(k, double(p.size()), N);
}

const RegimeFit& regime(const RegimeAverage& ra, const std::string& src) {
  for (const auto& r : ra.regimes)
    if (r.source == src) return r;
  FAIL("no regime " << src);
  return ra.regimes.front();
}
}  // namespace

TEST_CASE("[regimes] profiles carry each source's rates and score histograms") {
  ScoreProfiles p = build_profiles(two_kinds(), 0.5, "m1");
  REQUIRE(p.sources.size() == 2);
  for (const auto& s : p.sources) {
    CHECK(s.n_fake == 200);
    CHECK(s.n_real == 400);
    CHECK(s.fpr == 0);
    CHECK(s.tpr == doctest::Approx(s.source == "hard" ? 0.6 : 0.95));
    double sf = 0, sr = 0;
    for (int b = 0; b < kProfileBins; ++b) {
      CHECK(s.fake[b] > 0);  // smoothed: no bin impossible
      sf += s.fake[b], sr += s.real[b];
    }
    CHECK(sf == doctest::Approx(1));
    CHECK(sr == doctest::Approx(1));
  }
  // The file format round-trips and refuses what it cannot use.
  auto back = profiles_from_json(profiles_to_json(p));
  REQUIRE(back.ok());
  // Written to seven significant digits; the threshold exactly (it must match the model's).
  CHECK(back.value().sources[1].tpr == doctest::Approx(p.sources[1].tpr).epsilon(1e-6));
  for (size_t k = 0; k < p.edges.size(); ++k) CHECK(back.value().edges[k] == doctest::Approx(p.edges[k]).epsilon(1e-6));
  CHECK(back.value().threshold == p.threshold);
  json broken = profiles_to_json(p);
  broken["sources"][0]["fake"][3] = 0;
  auto bad = profiles_from_json(broken);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("sources[0]") != std::string::npos);
  CHECK_FALSE(profiles_from_text("{\"model_version\":\"x\"}").ok());
}

TEST_CASE("[regimes] the sample's scores pick the regime, and its rates correct the count") {
  auto rows = two_kinds();
  ScoreProfiles p = build_profiles(rows, 0.5, "m1");
  for (const char* src : {"hard", "easy"}) {
    auto s = sample_of(rows, src, 0.4, 300);
    RegimeAverage ra = average_over_regimes(p, s, binned_counts(p, s, 1e6), flagged_share(s, 0.5, 1e6).q, 1.96);
    CAPTURE(src);
    CHECK(regime(ra, src).weight > 0.95);
    CHECK(ra.regimes[size_t(ra.best)].source == src);
    CHECK(ra.combined.point == doctest::Approx(0.4).epsilon(0.05));
    CHECK(ra.combined.low < 0.4);
    CHECK(ra.combined.high > 0.4);
  }
  // The wrong regime's histograms would have been far off: "easy" on a "hard" audience.
  auto s = sample_of(rows, "hard", 0.4, 300);
  RegimeAverage ra = average_over_regimes(p, s, binned_counts(p, s, 1e6), flagged_share(s, 0.5, 1e6).q, 1.96);
  CHECK(regime(ra, "easy").estimate.point < 0.3);
}

TEST_CASE("[regimes] a census of scores is not a census of labels: the labels' own variance stays") {
  auto rows = two_kinds();
  ScoreProfiles p = build_profiles(rows, 0.5, "m1");
  // Nine accounts, every one of the audience: two score where "hard" finds missed fakes and real
  // accounts alike, so which of them is fake stays open even with nothing left unsampled.
  std::vector<double> s = {0.25, 0.22, 0.9, 0.02, 0.03, 0.02, 0.01, 0.04, 0.02};
  const double N = double(s.size());
  RegimeAverage no_labels = average_over_regimes(p, s, binned_counts(p, s, N), 0, 1.96);
  RegimeAverage labels = average_over_regimes(p, s, binned_counts(p, s, N), 0, 1.96, double(s.size()), N);
  const RegimeFit& h = regime(labels, "hard");
  CHECK(h.label_var > 0);
  CHECK(h.estimate.point == doctest::Approx(regime(no_labels, "hard").estimate.point));
  CHECK(labels.within.point == doctest::Approx(no_labels.within.point));
  CHECK(labels.within.high - labels.within.low > no_labels.within.high - no_labels.within.low + 0.02);
  // About one more or one fewer fake among nine: several points either way.
  CHECK(1.96 * std::sqrt(h.label_var) > 0.04);
  // A small part of a large audience: the labels' variance all but vanishes (sampling error rules).
  RegimeAverage large = average_over_regimes(p, s, binned_counts(p, s, 1e6), 0, 1.96, double(s.size()), 1e6);
  CHECK(regime(large, "hard").label_var < 1e-9);
  // An audience of unknown size: none.
  CHECK(
      regime(average_over_regimes(p, s, binned_counts(p, s, N), 0, 1.96, double(s.size()), kUnknownPopulation), "hard")
          .label_var == 0);
}

TEST_CASE("[regimes] a sample that cannot tell the regimes apart gets an interval spanning them") {
  auto rows = two_kinds();
  ScoreProfiles p = build_profiles(rows, 0.5, "m1");
  // Caught fakes and real accounts score alike in both kinds; a small sample with one
  // missed-fake score cannot tell the kinds apart, and they read it differently.
  std::vector<double> s;
  for (int i = 0; i < 2; ++i) s.push_back(0.9);
  s.push_back(0.25);
  for (int i = 0; i < 6; ++i) s.push_back(0.02);
  RegimeAverage ra = average_over_regimes(p, s, binned_counts(p, s, 1e6), flagged_share(s, 0.5, 1e6).q, 1.96);
  const RegimeFit &h = regime(ra, "hard"), &e = regime(ra, "easy");
  CAPTURE(h.weight);
  CAPTURE(h.estimate.point);
  CAPTURE(e.estimate.point);
  CHECK(h.weight > 0.15);
  CHECK(e.weight > 0.15);
  // The answer is the weighted mixture: its point between the two, its ends between theirs.
  double lo_pt = std::min(h.estimate.point, e.estimate.point), hi_pt = std::max(h.estimate.point, e.estimate.point);
  CHECK(ra.combined.point >= lo_pt - 1e-9);
  CHECK(ra.combined.point <= hi_pt + 1e-9);
  CHECK(ra.combined.low >= std::min(h.estimate.low, e.estimate.low) - 1e-6);
  CHECK(ra.combined.low <= std::max(h.estimate.low, e.estimate.low) + 1e-6);
  CHECK(ra.combined.high >= std::min(h.estimate.high, e.estimate.high) - 1e-6);
  CHECK(ra.combined.high <= std::max(h.estimate.high, e.estimate.high) + 1e-6);
  CHECK(ra.combined.high > hi_pt);
}

TEST_CASE("[regimes] the posterior mixture: one part is itself, two disjoint parts span both") {
  Prevalence a, b;
  a.point = 0.2, a.low = 0.15, a.high = 0.25;
  b.point = 0.6, b.low = 0.55, b.high = 0.65;
  Prevalence one = mix_estimates({{1.0, a}}, 1.96);
  CHECK(one.low == a.low);
  CHECK(one.high == a.high);
  Prevalence both = mix_estimates({{0.5, a}, {0.5, b}}, 1.96);
  CHECK(both.point == doctest::Approx(0.4));
  CHECK(both.low < 0.2);
  CHECK(both.high > 0.6);
  // A part with little weight barely moves the ends.
  Prevalence mostly_a = mix_estimates({{0.99, a}, {0.01, b}}, 1.96);
  CHECK(mostly_a.high < 0.3);
}

TEST_CASE("[regimes] recall resting on few fakes stretches the interval more upwards than downwards") {
  Prevalence p = correct_for_errors(simple_share(450, 1000, 1e9), TierRates{0.65, 0.015, 37, 329, 0, 0}, 1.96);
  CHECK(p.high - p.point > 1.2 * (p.point - p.low));
}

TEST_CASE("[regimes] estimate_audience averages over regimes when the profiles fit the threshold") {
  auto rows = two_kinds();
  ScoreProfiles p = build_profiles(rows, 0.5, "m1");
  AudienceInput in;
  in.total_followers = 100000;
  in.full.threshold = 0.5;
  in.full.rates = TierRates{0.95, 0.0, 200, 400, 0, 0};  // the model's own rates: "easy"
  in.lite.threshold = 0.5;
  in.lite.rates = TierRates{0.5, 0.05, 200, 400, 0, 0};
  for (double v : sample_of(rows, "hard", 0.5, 200)) {
    FollowerScore f;
    f.p_lite = 0.3;
    f.p_full = v;
    in.followers.push_back(f);
  }
  AudienceEstimate old = estimate_audience(in);
  CHECK_FALSE(old.regimes.has_value());
  in.profiles = &p;
  AudienceEstimate e = estimate_audience(in);
  REQUIRE(e.regimes.has_value());
  CHECK(e.regimes->regimes[size_t(e.regimes->best)].source == "hard");
  CHECK(std::fabs(e.estimate.point - 0.5) < 0.05);
  CHECK(std::fabs(old.estimate.point - 0.5) > 0.15);  // "easy" rates undercount hard fakes
  // Profiles for another threshold are not used.
  in.full.threshold = 0.6;
  AudienceEstimate other = estimate_audience(in);
  CHECK_FALSE(other.regimes.has_value());
  CHECK_FALSE(other.warnings.empty());
}

TEST_CASE("[regimes] a list alone (none fetched in full) is read by each definition's lite histograms") {
  // Lite scores: real accounts 0.1 in both kinds; "hard" fakes 0.45 (where the pooled lite
  // threshold misses them), "easy" fakes 0.9.
  std::vector<ProfileSample> rows;
  for (const char* src : {"hard", "easy"}) {
    bool hard = std::string(src) == "hard";
    for (int i = 0; i < 400; ++i)
      rows.push_back({src, false, 0.02 + 0.04 * (i % 10) / 10.0, 0.05 + 0.1 * (i % 10) / 10.0});
    for (int i = 0; i < 200; ++i)
      rows.push_back({src, true, 0.8 + 0.15 * (i % 9) / 9.0, (hard ? 0.4 : 0.85) + 0.1 * (i % 7) / 7.0});
  }
  ScoreProfiles p = build_profiles(rows, 0.5, "m1");
  REQUIRE(p.has_lite);
  AudienceInput in;
  in.total_followers = 100000;
  in.full.threshold = 0.5;
  in.full.rates = TierRates{0.95, 0.01, 200, 400, 0, 0};
  in.lite.threshold = 0.6;
  in.lite.rates = TierRates{0.5, 0.01, 400, 800, 0, 0};  // pooled: half of the fakes above 0.6
  for (int i = 0; i < 300; ++i) {
    FollowerScore f;
    bool fake = i % 2 == 0;
    f.p_lite = fake ? 0.4 + 0.1 * (i % 7) / 7.0 : 0.05 + 0.1 * (i % 10) / 10.0;  // "hard", 50% fake
    in.followers.push_back(f);
  }
  AudienceEstimate pooled = estimate_audience(in);  // no profiles: the pooled lite rates
  CHECK_FALSE(pooled.regimes.has_value());
  CHECK(pooled.estimate.high < 0.2);  // every hard fake under the lite threshold: read as ~0
  in.profiles = &p;
  AudienceEstimate e = estimate_audience(in);
  REQUIRE(e.regimes.has_value());
  CHECK(e.regimes->lite_tier);
  CHECK(e.regimes->regimes[size_t(e.regimes->best)].source == "hard");
  CHECK(e.estimate.low <= 0.5);
  CHECK(e.estimate.high >= 0.5);
  CHECK(e.method.find("lite tier only") != std::string::npos);
  // The point: halfway between the share flagged (none here: every fake under the lite threshold)
  // and the definitions' reading; the interval holds both readings.
  CHECK(e.estimate.point == doctest::Approx(0.5 * (0.0 + e.regimes->combined.point)));
  CHECK(e.estimate.low <= pooled.estimate.low);
  CHECK(e.estimate.high >= e.regimes->combined.high);
  // Profiles without lite histograms: the pooled rates, as before.
  ScoreProfiles full_only = p;
  full_only.has_lite = false;
  in.profiles = &full_only;
  CHECK_FALSE(estimate_audience(in).regimes.has_value());
}

TEST_CASE("[regimes] the report of a list alone says its scores are the list's, not a catch rate of the full tier") {
  std::string req = R"({"total_followers": 5000, "followers": [)";
  for (int i = 0; i < 60; ++i)
    req += std::string(i ? "," : "") +
           (i % 3 == 0
                ? R"({"username":"user)" + std::to_string(i) + R"(88127345","has_profile_pic":false,"full_name":""})"
                : R"({"username":"anna.b)" + std::to_string(i) +
                      R"(","full_name":"Anna B","has_profile_pic":true,"is_private":false})");
  req += "]}";
  auto parsed = parse_json(api_estimate(req), "answer");
  REQUIRE(parsed.ok());
  const json& r = parsed.value();
  REQUIRE_FALSE(r.contains("error"));
  CHECK(r["full_sample_size"] == 0);
  REQUIRE(r.contains("regime"));
  CHECK(r["regime"]["tier"] == "lite");
  std::string why = r["regime"]["explanation"]["id"].get<std::string>();
  CHECK(why.rfind("regime.lite", 0) == 0);
  CHECK_FALSE(r["regime"]["explanation"]["params"].contains("caught"));
  CHECK(r["ci_low"].get<double>() <= r["fake_percent"].get<double>());
  CHECK(r["fake_percent"].get<double>() <= r["ci_high"].get<double>());
}

TEST_CASE("[regimes] the compiled-in profiles describe the compiled-in model") {
  const auto& p = builtin_score_profiles();
  REQUIRE_MESSAGE(p.ok(), "models/score_profiles.json: " << (p.ok() ? "" : p.error().message));
  CHECK_MESSAGE(p.value().model_version == builtin_model().version,
                "models/score_profiles.json is for another model: run scripts/eval-estimator after retraining");
  CHECK(p.value().threshold == builtin_model().full.threshold);
  CHECK(p.value().sources.size() >= 2);
}

TEST_CASE("[regimes] api_estimate says which kind of audience the sample resembles") {
  std::string req = R"({"total_followers": 5000, "sampling": "random", "followers": [)";
  for (int i = 0; i < 80; ++i) {
    std::string rec =
        i % 3 == 0
            ? R"({"username":"user)" + std::to_string(i) +
                  R"(8812734","has_profile_pic":false,"media_count":0,"follower_count":2,"following_count":4000})"
            : R"({"username":"anna.b)" + std::to_string(i) +
                  R"(","full_name":"Anna B","has_profile_pic":true,"media_count":140,"follower_count":380,"following_count":290,"biography":"hi"})";
    req += (i ? "," : "") + rec;
  }
  req += "]}";
  auto parsed = parse_json(api_estimate(req), "answer");
  REQUIRE(parsed.ok());
  const json& r = parsed.value();
  REQUIRE_FALSE(r.contains("error"));
  REQUIRE(r.contains("regime"));
  REQUIRE(r["regime"]["resembles"].is_string());
  std::string why = r["regime"]["explanation"]["id"].get<std::string>();
  CHECK(why.rfind("regime.resembles", 0) == 0);
  CHECK(r["regime"]["explanation"]["params"]["kind"]["id"] ==
        "regime.kind_" + r["regime"]["resembles"].get<std::string>());
  double w = 0;
  for (const auto& g : r["regime"]["regimes"]) {
    w += g["weight"].get<double>();
    CHECK(g["ci_low"].get<double>() <= g["fake_percent"].get<double>());
  }
  CHECK(w == doctest::Approx(1).epsilon(0.01));
  CHECK(r["method"].get<std::string>().find("regimes") != std::string::npos);
}

TEST_CASE("[regimes] Student's t quantiles: exact for few degrees of freedom, the normal's in the limit") {
  CHECK(student_quantile(1.959964, 1) == doctest::Approx(12.706).epsilon(0.001));
  CHECK(student_quantile(1.959964, 2) == doctest::Approx(4.303).epsilon(0.001));
  CHECK(student_quantile(1.959964, 3) == doctest::Approx(3.182).epsilon(0.001));
  CHECK(student_quantile(1.959964, 4) == doctest::Approx(2.776).epsilon(0.001));
  CHECK(student_quantile(1.959964, 5) == doctest::Approx(2.571).epsilon(0.001));
  CHECK(student_quantile(1.959964, 28) == doctest::Approx(2.048).epsilon(0.002));
  CHECK(student_quantile(1.959964, 1e6) == doctest::Approx(1.96).epsilon(0.001));
  CHECK(student_quantile(-1.959964, 4) == doctest::Approx(-2.776).epsilon(0.001));
  CHECK(student_quantile(1.644854, 30) == doctest::Approx(1.697).epsilon(0.002));  // 90%: the expansion
}

namespace {
// Three regimes that read one sample as given: points and symmetric half-widths, and likelihoods.
RegimeAverage three_readings(double a, double b, double c, double half) {
  RegimeAverage ra;
  double pts[] = {a, b, c}, ll[] = {0.0, -2.0, -40.0};
  const char* names[] = {"one", "two", "three"};
  for (int k = 0; k < 3; ++k) {
    RegimeFit f;
    f.source = names[k];
    f.loglik = ll[k];
    f.estimate.point = pts[k];
    f.estimate.low = std::max(0.0, pts[k] - half);
    f.estimate.high = std::min(1.0, pts[k] + half);
    ra.regimes.push_back(f);
  }
  return ra;
}

// The report's `regime` field for a regime average, as the engine writes it.
json regime_report(const RegimeAverage& ra) {
  AudienceEstimate e;
  e.estimate = ra.combined;
  e.regimes = ra;
  return report_to_json(e, AudienceInput{}, "m")["regime"];
}
}  // namespace

TEST_CASE("[regimes] definitions that disagree widen the interval by the random-effects predictive half-width") {
  RegimeAverage ra = three_readings(0.10, 0.30, 0.50, 0.05);
  combine_regimes(ra, 1, 0, false, 1.96);
  Prevalence within = ra.combined;
  CHECK(ra.definition_half == 0);  // spread 0: the posterior mixture alone
  CHECK(ra.between_sd == doctest::Approx(0.2));
  combine_regimes(ra, 1, 1, false, 1.96);
  // K = 3: t with 1 degree of freedom, times sqrt(1 + 1/3), times the spread of the points.
  CHECK(ra.definition_half == doctest::Approx(12.706 * std::sqrt(4.0 / 3) * 0.2).epsilon(0.002));
  CHECK(ra.within.low == doctest::Approx(within.low));
  CHECK(ra.combined.point == doctest::Approx(within.point));
  CHECK(ra.combined.low == 0);  // clipped at 0
  CHECK(ra.combined.high == 1);
  // Definitions that agree leave the interval as it was.
  RegimeAverage agree = three_readings(0.2, 0.2, 0.2, 0.05);
  combine_regimes(agree, 1, 1, false, 1.96);
  CHECK(agree.definition_half == 0);
  CHECK(agree.combined.high == doctest::Approx(agree.within.high));
}

TEST_CASE("[regimes] the weighting tempers the likelihoods: 0 weighs the definitions alike, 1 is the posterior") {
  RegimeAverage ra = three_readings(0.10, 0.30, 0.50, 0.05);
  combine_regimes(ra, 0, 0, false, 1.96);
  for (const auto& f : ra.regimes) CHECK(f.weight == doctest::Approx(1.0 / 3));
  CHECK(ra.combined.point == doctest::Approx(0.3));
  combine_regimes(ra, 1, 0, false, 1.96);
  CHECK(ra.regimes[0].weight == doctest::Approx(1 / (1 + std::exp(-2.0) + std::exp(-40.0))));
  CHECK(ra.regimes[2].weight < 1e-15);
  combine_regimes(ra, 0.5, 0, false, 1.96);
  CHECK(ra.regimes[1].weight / ra.regimes[0].weight == doctest::Approx(std::exp(-1.0)));
}

TEST_CASE("[regimes] the profiles carry how the definitions are combined; old files mean the plain posterior") {
  ScoreProfiles p = build_profiles(two_kinds(), 0.5, "m1");
  CHECK(p.definition_weighting == 1);
  CHECK(p.definition_spread == 0);
  p.definition_weighting = 0.2;
  p.definition_spread = 1;
  auto back = profiles_from_json(profiles_to_json(p));
  REQUIRE(back.ok());
  CHECK(back.value().definition_weighting == doctest::Approx(0.2));
  CHECK(back.value().definition_spread == 1);
  json j = profiles_to_json(p);
  j["definition_weighting"] = 3;
  CHECK_FALSE(profiles_from_json(j).ok());
  const auto& built = builtin_score_profiles();
  REQUIRE(built.ok());
  CHECK_MESSAGE(built.value().definition_spread == 1, "the committed profiles must widen for a new definition");
  CHECK(built.value().sources.size() == 6);
}

TEST_CASE("[regimes] the report says how far the definitions disagree, and that the sample cannot tell them apart") {
  RegimeAverage ra = three_readings(0.10, 0.30, 0.50, 0.05);
  for (auto& f : ra.regimes) f.rates = TierRates{0.8, 0.02, 100, 100, 0, 0};
  combine_regimes(ra, 1, 1, false, 1.96);
  ra.best = 0;
  json g = regime_report(ra);
  CHECK(g["between_definitions"]["spread"] == doctest::Approx(20.0));
  CHECK(g["between_definitions"]["lowest"] == doctest::Approx(10.0));
  CHECK(g["between_definitions"]["highest"] == doctest::Approx(50.0));
  CHECK(g["between_definitions"]["half_width"].get<double>() > 50);
  CHECK(g["regimes"][0]["fit_weight"].is_number());
  const json& why = g["explanation"];
  CHECK(why["id"] == "regime.resembles_spans");
  CHECK(why["params"]["lowest"] == doctest::Approx(10.0));
  CHECK(why["params"]["highest"] == doctest::Approx(50.0));
  CHECK(why["params"]["half"].get<double>() > 50);
  CHECK(why["params"]["known"] == 3);
  RegimeAverage agree = three_readings(0.2, 0.2, 0.2, 0.05);
  for (auto& f : agree.regimes) f.rates = TierRates{0.8, 0.02, 100, 100, 0, 0};
  combine_regimes(agree, 1, 1, false, 1.96);
  agree.best = 0;
  json calm = regime_report(agree)["explanation"];
  CHECK(calm["id"] != "regime.resembles_spans");
}

namespace {
// Two hand-made definitions over 8 bins (edges 0.1 ... 0.7): both find real accounts in bins 0-4
// and fakes in bins 6-7; "strict" also finds its fakes in bin 5 as often as its real accounts
// there, "lenient" finds real accounts there.
ScoreProfiles strict_and_lenient() {
  ScoreProfiles p;
  p.model_version = "m";
  p.threshold = 0.5;
  for (int b = 0; b < kProfileBins - 1; ++b) p.edges[size_t(b)] = 0.1 * (b + 1);
  SourceProfile strict, lenient;
  strict.source = "strict", lenient.source = "lenient";
  strict.fake = {0.01, 0.01, 0.01, 0.01, 0.01, 0.25, 0.35, 0.35};
  strict.real = {0.30, 0.25, 0.20, 0.10, 0.09, 0.04, 0.01, 0.01};
  lenient.fake = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.44, 0.50};
  lenient.real = {0.30, 0.20, 0.15, 0.10, 0.10, 0.13, 0.01, 0.01};
  for (SourceProfile* s : {&strict, &lenient}) s->n_fake = s->n_real = 200, s->tpr = 0.8, s->fpr = 0.02;
  p.sources = {strict, lenient};
  p.definition_spread = 1;
  return p;
}

// n scores: `in_bin5` of them at 0.55 (bin 5), the rest at 0.05 (bin 0).
std::vector<double> scores_with_bin5(int n, int in_bin5) {
  std::vector<double> v(size_t(n), 0.05);
  for (int i = 0; i < in_bin5; ++i) v[size_t(i)] = 0.55;
  return v;
}
}  // namespace

TEST_CASE("[regimes] a definition stricter than the known ones bounds the upper end, not the point") {
  ScoreProfiles p = strict_and_lenient();
  std::vector<double> s = scores_with_bin5(50, 10);
  std::vector<double> counts(kProfileBins, 0.0);
  for (double v : s) counts[size_t(p.bin(v))] += 1;
  RegimeAverage off = average_over_regimes(p, s, counts, 0, 1.96);
  // Bin 5 is possibly fake (strict: fakes 0.25 >= real 0.04); 10 of 50 fall there.
  CHECK(off.possibly_fake_share == doctest::Approx(0.2));
  // The exact (Clopper-Pearson) upper end for 10 of 50 at z = 1.96, 0.3372, over the least of
  // their fakes either known definition puts in the possibly-fake bins (0.95 each: a stricter
  // definition's fakes, too, may score elsewhere).
  CHECK(off.possibly_fake_high == doctest::Approx(0.3372 / 0.95).epsilon(0.001));
  CHECK_FALSE(off.bound_sets_high);
  CHECK(off.combined.high < off.possibly_fake_high);
  p.definition_bounds = true;
  RegimeAverage on = average_over_regimes(p, s, counts, 0, 1.96);
  CHECK(on.bound_sets_high);
  CHECK(on.combined.high == doctest::Approx(on.possibly_fake_high));
  CHECK(on.combined.point == doctest::Approx(off.combined.point));
  // Nothing in the surely-fake bins (6-7): the lenient bound is 0 and may only lower the low end.
  CHECK(on.surely_fake_share == 0);
  CHECK(on.combined.low == doctest::Approx(std::min(off.combined.low, on.surely_fake_low)));
  // Nothing in a possibly-fake bin: the bound is the sampling limit alone (0 of 50), so adjusted.
  std::vector<double> clean = scores_with_bin5(50, 0);
  std::vector<double> clean_counts(kProfileBins, 0.0);
  clean_counts[0] = 50;
  RegimeAverage c = average_over_regimes(p, clean, clean_counts, 0, 1.96);
  CHECK(c.possibly_fake_share == 0);
  CHECK(c.possibly_fake_high == doctest::Approx((1 - std::pow(0.025, 1.0 / 50)) / 0.95).epsilon(0.001));
  // Where the bound sets the upper end, the report says so and why.
  on.best = 0;
  json r = regime_report(on);
  CHECK(r["stricter_definition"]["possibly_fake_percent"] == doctest::Approx(20.0));
  CHECK(r["stricter_definition"]["sets_ci_high"] == true);
  REQUIRE(r.contains("stricter_note"));
  CHECK(r["stricter_note"]["id"] == "regime.stricter_reach");
  CHECK(r["stricter_note"]["params"]["high"] == doctest::Approx(35.5));
  // It names the accounts its limit rests on ("the sampled accounts" were 50 here).
  CHECK(r["stricter_note"]["params"]["n"] == 50);
  CHECK_FALSE(regime_report(off).contains("stricter_note"));
  // With none of the sample in those bins the reach is the sample's smallness: said so ("0% of the
  // accounts checked … could all be called fake" contradicted itself on a sample of one).
  if (c.bound_sets_high) {
    c.best = 0;
    json rc = regime_report(c);
    REQUIRE(rc.contains("stricter_note"));
    CHECK(rc["stricter_note"]["id"] == "regime.stricter_reach_few");
    CHECK_FALSE(rc["stricter_note"]["params"].contains("share"));
  }
  RegimeAverage one =
      average_over_regimes(p, scores_with_bin5(1, 0), std::vector<double>{1, 0, 0, 0, 0, 0, 0, 0}, 0, 1.96);
  REQUIRE(one.bound_sets_high);
  one.best = 0;
  CHECK(regime_report(one)["stricter_note"]["id"] == "regime.stricter_reach_few");
  CHECK(regime_report(one)["stricter_note"]["params"]["n"] == 1);
  // 200 checked, none there: their exact limit reaches 2% (0 of 200 over 0.95), within the +/- 5
  // points the audit plan aims at, so no "too few were checked" (it said so).
  std::vector<double> many(kProfileBins, 0.0);
  many[0] = 200;
  RegimeAverage big = average_over_regimes(p, scores_with_bin5(200, 0), many, 0, 1.96);
  CHECK(big.possibly_fake_high == doctest::Approx((1 - std::pow(0.025, 1.0 / 200)) / 0.95).epsilon(0.001));
  if (!big.bound_sets_high) {  // the regimes' own upper end may already reach past it: set it by the bound
    big.bound_sets_high = true;
    big.combined.high = big.possibly_fake_high;
  }
  big.best = 0;
  json rb = regime_report(big);
  CHECK(rb["stricter_note"]["id"] == "regime.stricter_reach_small");
  CHECK(rb["stricter_note"]["params"]["high"] == doctest::Approx(1.9));
  // 50 checked reach 7.6%: more than 5 points above the estimate, too few by the plan's measure.
  REQUIRE(c.bound_sets_high);
  CHECK(regime_report(c)["stricter_note"]["id"] == "regime.stricter_reach_few");
}

TEST_CASE("[regimes] exact binomial limits") {
  double low = 0, high = 0;
  exact_binomial(10, 50, 1.96, low, high);  // reference values for 10 of 50
  CHECK(low == doctest::Approx(0.1003).epsilon(0.002));
  CHECK(high == doctest::Approx(0.3372).epsilon(0.002));
  exact_binomial(0, 20, 1.96, low, high);
  CHECK(low == 0);
  CHECK(high == doctest::Approx(1 - std::pow(0.025, 1.0 / 20)).epsilon(0.001));
  exact_binomial(20, 20, 1.96, low, high);
  CHECK(low == doctest::Approx(std::pow(0.025, 1.0 / 20)).epsilon(0.001));
  CHECK(high == 1);
  // Large samples: as Wilson's (the continued fraction converges there too).
  double wl = 0, wh = 0;
  exact_binomial(20000, 100000, 1.96, low, high);
  wilson(0.2, 100000, 1.96, wl, wh);
  CHECK(low == doctest::Approx(wl).epsilon(0.001));
  CHECK(high == doctest::Approx(wh).epsilon(0.001));
  exact_binomial(3.5, 10.5, 1.96, low, high);  // effective counts may be fractional: between 3 of
  CHECK(low > 0.067);                          // 10 (0.067-0.652) and 4 of 11 (0.109-0.692)
  CHECK(low < 0.109);
  CHECK(high > 0.652);
  CHECK(high < 0.692);
  CHECK(low < 1.0 / 3);
  CHECK(high > 1.0 / 3);
}

TEST_CASE("[regimes] one account among nine that scores like a fake does not rule out 0%") {
  // Every commenter of a few posts: nine accounts, one of them in bin 6, where both definitions
  // find fakes far more common, yet where each also puts some of its real accounts. Counted as a
  // sure fake, it would set the lower end above 0 for a group of nine real accounts.
  ScoreProfiles p = strict_and_lenient();
  p.definition_bounds = true;
  std::vector<double> s(9, 0.05);
  s[0] = 0.65;
  std::vector<double> counts(kProfileBins, 0.0);
  for (double v : s) counts[size_t(p.bin(v))] += 1;
  // A census (nine of nine): the bound is still taken at nine accounts, not at the effectively
  // endless size the finite-population correction gives the sample.
  RegimeAverage ra = average_over_regimes(p, s, counts, 0, 1.96, 9, 9);
  CHECK(ra.surely_fake_share == doctest::Approx(1.0 / 9));
  double exact_low = 0, unused = 0;
  exact_binomial(1, 9, 1.96, exact_low, unused);
  CHECK(exact_low == doctest::Approx(0.0028).epsilon(0.02));  // 1 - 0.975^(1/9)
  CHECK(ra.surely_fake_low == 0);                             // below the 2% of real accounts there
  CHECK(ra.combined.low == 0);
  // The more real accounts a known definition puts there, the lower the bound: at 10% (lenient's
  // real accounts in bins 6-7) even two of nine leave 0% open.
  p.sources[1].real = {0.30, 0.20, 0.15, 0.10, 0.05, 0.10, 0.05, 0.05};
  s[1] = 0.65;
  counts.assign(kProfileBins, 0.0);
  for (double v : s) counts[size_t(p.bin(v))] += 1;
  RegimeAverage two = average_over_regimes(p, s, counts, 0, 1.96, 9, 9);
  exact_binomial(2, 9, 1.96, exact_low, unused);
  CHECK(exact_low == doctest::Approx(0.0281).epsilon(0.02));
  CHECK(two.surely_fake_low == 0);
  CHECK(two.combined.low == 0);
}

TEST_CASE("[regimes] a definition more lenient than the known ones bounds the lower end, not the point") {
  ScoreProfiles p = strict_and_lenient();
  // 20 of 50 in bin 6, where both definitions find fakes far more common than real accounts.
  std::vector<double> s(50, 0.05);
  for (int i = 0; i < 20; ++i) s[size_t(i)] = 0.65;
  std::vector<double> counts(kProfileBins, 0.0);
  for (double v : s) counts[size_t(p.bin(v))] += 1;
  RegimeAverage fit = average_over_regimes(p, s, counts, 0, 1.96);
  CHECK(fit.surely_fake_share == doctest::Approx(0.4));
  // The exact lower end for 20 of 50 (0.2641), less the most of their real accounts either known
  // definition puts in the surely-fake bins (0.02 each): such accounts are not all fakes.
  CHECK(fit.surely_fake_low == doctest::Approx((0.2641 - 0.02) / 0.98).epsilon(0.002));
  // Regimes that divide by their recall read higher than the surely-fake share: the bound moves
  // the lower end down to it, and only with the bounds on.
  RegimeAverage ra = three_readings(0.60, 0.62, 0.64, 0.05);
  ra.surely_fake_share = 0.4, ra.surely_fake_low = 0.2761;
  combine_regimes(ra, 1, 0, false, 1.96);
  Prevalence off = ra.combined;
  CHECK_FALSE(ra.bound_sets_low);
  REQUIRE(off.low > 0.2761);
  combine_regimes(ra, 1, 0, true, 1.96);
  CHECK(ra.bound_sets_low);
  CHECK(ra.combined.low == doctest::Approx(0.2761));
  CHECK(ra.combined.point == doctest::Approx(off.point));
  CHECK(ra.combined.high == doctest::Approx(off.high));
  for (auto& f : ra.regimes) f.rates = TierRates{0.8, 0.02, 100, 100, 0, 0};
  ra.best = 0;
  json r = regime_report(ra);
  CHECK(r["lenient_definition"]["surely_fake_percent"] == doctest::Approx(40.0));
  CHECK(r["lenient_definition"]["sets_ci_low"] == true);
  REQUIRE(r.contains("lenient_note"));
  CHECK(r["lenient_note"]["id"] == "regime.lenient_reach");
  CHECK(r["lenient_note"]["params"]["low"] == doctest::Approx(27.6));
  combine_regimes(ra, 1, 0, false, 1.96);
  CHECK_FALSE(regime_report(ra).contains("lenient_note"));
  // Taken to 0% (a small sample): the note says 0%, not "0% or below" (regime.lenient_reach did).
  ra.surely_fake_low = 0;
  combine_regimes(ra, 1, 0, true, 1.96);
  REQUIRE(ra.bound_sets_low);
  json z = regime_report(ra);
  REQUIRE(z.contains("lenient_note"));
  CHECK(z["lenient_note"]["id"] == "regime.lenient_reach_zero");
  CHECK(z["lenient_note"]["params"]["low"] == doctest::Approx(0.0));
}

TEST_CASE("[regimes] the profiles say whether the bounds for other definitions are on; the committed ones say yes") {
  ScoreProfiles p = strict_and_lenient();
  CHECK_FALSE(profiles_from_json(profiles_to_json(p)).value().definition_bounds);
  p.definition_bounds = true;
  auto back = profiles_from_json(profiles_to_json(p));
  REQUIRE(back.ok());
  CHECK(back.value().definition_bounds);
  json j = profiles_to_json(p);
  j["definition_bounds"] = 1;
  auto bad = profiles_from_json(j);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("definition_bounds") != std::string::npos);
  const auto& built = builtin_score_profiles();
  REQUIRE(built.ok());
  CHECK(built.value().definition_bounds);
}

TEST_CASE("[regimes] the +/-5 plan counts what no audit size shrinks: the definitions' spread and the bounds") {
  ScoreProfiles p = strict_and_lenient();
  const double z = 1.96, N = 1e7;
  // Definitions that read the sample alike: the plan is the most probable regime's own.
  RegimeAverage agree = three_readings(0.2, 0.2, 0.2, 0.05);
  combine_regimes(agree, 1, 1, false, z);
  agree.best = 0;
  AuditPlan same = plan_over_regimes(agree, p, 0, 0.2, N, z, 0.05);
  AuditPlan own = plan_audit_mixture(p.sources[0], 0, 0.2, N, z, 0.05, kKindSpread);
  REQUIRE(own.possible);
  REQUIRE(same.possible);
  CHECK(same.requests == own.requests);
  CHECK(same.definition_points == -1);

  // Definitions 20 points apart: no audit size reaches +/-5, and the plan says by how much.
  RegimeAverage apart = three_readings(0.10, 0.30, 0.50, 0.05);
  combine_regimes(apart, 1, 0, false, z);
  apart.best = 0;
  double mean = 0, var = 0;
  for (const auto& f : apart.regimes) mean += f.weight * f.estimate.point;
  for (const auto& f : apart.regimes) var += f.weight * std::pow(f.estimate.point - mean, 2);
  AuditPlan none = plan_over_regimes(apart, p, 0, 0.2, N, z, 0.05);
  CHECK_FALSE(none.possible);
  CHECK(none.definition_points == std::lround(z * std::sqrt(var) * 100));
  CHECK(none.definition_points >= 5);
  // With the widening for a new definition on top, the doubt reaches past 100 points: capped.
  combine_regimes(apart, 1, 1, false, z);
  CHECK(plan_over_regimes(apart, p, 0, 0.2, N, z, 0.05).definition_points == 100);

  // A stricter definition's reach 10 points above the point rules +/-5 out whatever the sample.
  p.definition_bounds = true;
  agree.surely_fake_share = 0.20;  // the lenient one's reach sits at the point
  agree.possibly_fake_share = 0.30;
  AuditPlan beyond = plan_over_regimes(agree, p, 0, 0.2, N, z, 0.05);
  CHECK_FALSE(beyond.possible);
  CHECK(beyond.definition_points == 10);
  // 3 points above: reachable, but only with enough followers that its upper limit stays within 5.
  agree.possibly_fake_share = 0.23;
  AuditPlan near = plan_over_regimes(agree, p, 0, 0.2, N, z, 0.05);
  REQUIRE(near.possible);
  CHECK(near.requests > own.requests);
  double f = 1.0 / near.full_fetches - 1 / N;  // r2 = 0: every follower fetched in full
  CHECK(z * std::sqrt(0.23 * 0.77 * f) <= 0.02 + 1e-9);

  // The report words the unreachable plan with the doubt's points.
  AudienceEstimate e;
  e.plan_5pt = beyond;
  json r = report_to_json(e, AudienceInput{}, "m")["requests_for_5pt"];
  CHECK(r["requests"].is_null());
  CHECK(r["note"]["id"] == "plan.definitions");
  CHECK(r["note"]["params"]["points"] == 10);
}

// A sample of one read "the interval reaches ±164 points further" (a Kaggle-complete account
// fetched in full): the widening in words is at most the whole scale.
TEST_CASE("[regimes] the widening for an unknown definition is said as at most 100 points") {
  const std::string rec = R"({"username":"its_the_stig","full_name":"T","biography":".","has_profile_pic":true,)"
                          R"("follower_count":202,"following_count":472,"media_count":8,"is_private":true})";
  auto parsed = parse_json(
      api_estimate(R"({"total_followers": 500, "sampling": "newest_first", "followers": [)" + rec + "]}"), "answer");
  REQUIRE(parsed.ok());
  const json& r = parsed.value();
  REQUIRE_FALSE(r.contains("error"));
  const json& params = r["regime"]["explanation"]["params"];
  REQUIRE(params.contains("half"));
  CHECK(params["half"].get<double>() > 50.0);
  CHECK(params["half"].get<double>() <= 100.0);
}

// Found on real audiences run through the CLI: the wording beside the numbers said what they did not.
TEST_CASE(
    "[regimes] no claim that the definitions agree where a stricter or lenient one sets an end; no empty lenient "
    "note") {
  RegimeAverage ra = three_readings(0.02, 0.02, 0.021, 0.02);
  for (auto& f : ra.regimes) f.rates = TierRates{0.8, 0.02, 100, 100, 0, 0};
  combine_regimes(ra, 1, 1, false, 1.96);
  ra.best = 0;
  REQUIRE(ra.definition_half > 0);
  REQUIRE(ra.definition_half < 0.02);
  CHECK(regime_report(ra)["explanation"]["id"] == "regime.resembles_agree");
  // The stricter bound takes the upper end to 52%: the width is no longer the sample's size alone.
  ra.possibly_fake_share = 0.3, ra.possibly_fake_high = 0.52;
  combine_regimes(ra, 1, 1, true, 1.96);
  REQUIRE(ra.bound_sets_high);
  json r = regime_report(ra);
  CHECK(r["explanation"]["id"] == "regime.resembles");
  CHECK(r.contains("stricter_note"));
  // None of the sample where every definition finds fakes: the lenient bound is 0 and the low end
  // was next to 0; "an estimated 0% … takes the lower end to 0%" is not said.
  RegimeAverage low = three_readings(0.004, 0.004, 0.004, 0.003);
  low.surely_fake_share = 0, low.surely_fake_low = 0;
  low.possibly_fake_share = 0.004, low.possibly_fake_high = 0.001;
  combine_regimes(low, 1, 1, true, 1.96);
  REQUIRE(low.bound_sets_low);
  low.best = 0;
  json rl = regime_report(low);
  CHECK(rl["lenient_definition"]["sets_ci_low"] == true);
  CHECK_FALSE(rl.contains("lenient_note"));
  CHECK(rl["explanation"]["id"] == "regime.resembles");
}

// A sample with no possibly-fake account (or all surely fake) has a bound of variance 0, whose exact
// limit still needs fetches: the plan asked for 26 of them, which then read 0-14%.
TEST_CASE("[regimes] the +/-5 plan fetches enough for a bound at 0 or 100% to come within the half-width") {
  ScoreProfiles p = strict_and_lenient();
  p.definition_bounds = true;
  const double z = 1.96, N = 1e5;
  for (double point : {0.0, 1.0}) {
    RegimeAverage ra = three_readings(point, point, point, 0.01);
    combine_regimes(ra, 1, 1, false, z);
    ra.best = 0;
    ra.possibly_fake_share = ra.surely_fake_share = point;
    AuditPlan plan = plan_over_regimes(ra, p, 0.9, point, N, z, 0.05);
    REQUIRE(plan.possible);
    CHECK(plan.full_fetches >= int(std::ceil(z * z / 0.05)));
    // With that many fetched, none (or all) of them reaches past 5 points no more.
    double low = 0, high = 0;
    exact_binomial(point * plan.full_fetches, plan.full_fetches, z, low, high);
    CHECK((point == 0 ? high : 1 - low) <= 0.05);
  }
}

// A bound whose room within the half-width is nearly nil (a surely-fake share of 0 with the point
// a hair under 5%) asks for z^2 / room fetches in full: beyond what an int counts, converted it was
// undefined (in practice INT_MIN, so no fetches asked) and the plan said +/-5 was reachable where,
// with a little more room, it was not. Less room never makes the plan possible.
TEST_CASE("[regimes] the +/-5 plan with a bound's room nearly nil is as unreachable as with a little more") {
  ScoreProfiles p = strict_and_lenient();
  p.definition_bounds = true;
  const double z = 1.96, N = 1e5;
  for (double room : {1e-6, 1e-9, 1e-12}) {
    double point = 0.05 - room;
    RegimeAverage ra = three_readings(point, point, point, 0.01);
    combine_regimes(ra, 1, 0, false, z);
    ra.best = 0;
    ra.surely_fake_share = 0;
    ra.possibly_fake_share = point;
    AuditPlan plan = plan_over_regimes(ra, p, 0.9, point, N, z, 0.05);
    CHECK_MESSAGE(!plan.possible, "room ", room, ": ", plan.requests, " requests, ", plan.full_fetches, " fetched");
  }
}
