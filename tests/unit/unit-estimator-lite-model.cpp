// The lite tier as a model in two-phase audits (estimator/lite_model.h): profiles carry lite
// histograms, the joint estimate narrows the interval where an audience follows them, and an
// audience whose listed followers the lite histograms cannot explain falls back to double
// sampling. Also the several-part mixture estimate it rests on (estimator/mixture.h).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "estimator/audience.h"
#include "estimator/lite_model.h"
#include "estimator/mixture.h"
#include "estimator/sampling.h"
#include "json_util.h"

using namespace fm;

namespace {
constexpr std::array<double, kProfileBins - 1> kEdges = {0.01, 0.02, 0.03, 0.05, 0.1, 0.3, 0.95};
constexpr std::array<double, kProfileBins - 1> kLiteEdges = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7};

// One regime whose lite tier separates well (sharp) or hardly at all (weak).
ScoreProfiles profiles(bool sharp_lite, double n_fake = 300, double n_real = 600) {
  SourceProfile s;
  s.source = "test";
  s.n_fake = n_fake, s.n_real = n_real;
  s.tpr = 0.8, s.fpr = 0.01;
  s.fake = {0.002, 0.002, 0.006, 0.04, 0.05, 0.1, 0.4, 0.4};
  s.real = {0.25, 0.25, 0.2, 0.15, 0.1, 0.04, 0.0098, 0.0002};
  if (sharp_lite) {
    s.lite_fake = {0.01, 0.02, 0.04, 0.08, 0.15, 0.2, 0.25, 0.25};
    s.lite_real = {0.3, 0.25, 0.2, 0.1, 0.07, 0.04, 0.03, 0.01};
  } else {
    s.lite_fake = {0.11, 0.12, 0.12, 0.13, 0.13, 0.13, 0.13, 0.13};
    s.lite_real = {0.13, 0.13, 0.13, 0.13, 0.12, 0.12, 0.12, 0.12};
  }
  ScoreProfiles p;
  p.model_version = "m1";
  p.threshold = 0.5;
  p.edges = kEdges;
  p.lite_edges = kLiteEdges;
  p.has_lite = true;
  p.sources.push_back(s);
  return p;
}

struct Draw {
  uint64_t state;
  double uniform() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return double((z ^ (z >> 31)) >> 11) * (1.0 / 9007199254740992.0);
  }
  // A probability inside a bin drawn from histogram h (bins bounded by edges, 0 and 1).
  double value(const std::array<double, kProfileBins>& h, const std::array<double, kProfileBins - 1>& edges) {
    double u = uniform(), acc = 0;
    size_t b = 0;
    for (; b + 1 < h.size(); ++b)
      if ((acc += h[b]) > u) break;
    double lo = b == 0 ? 0 : edges[b - 1], hi = b + 1 < h.size() ? edges[b] : 1;
    return lo + (hi - lo) * (0.25 + 0.5 * uniform());
  }
};

// n listed followers at fake share pi, m of them fetched in full. `lite_of_reals`: the lite
// histogram the audience's real followers actually follow (the regime's, or another).
AudienceInput audience(const ScoreProfiles& p,
                       double pi,
                       int n,
                       int m,
                       Draw& d,
                       const std::array<double, kProfileBins>* lite_of_reals = nullptr) {
  const SourceProfile& s = p.sources[0];
  AudienceInput in;
  in.total_followers = 1e6;
  in.newest_first = false;
  in.full.threshold = p.threshold;
  in.profiles = &p;
  for (int i = 0; i < n; ++i) {
    bool fake = d.uniform() < pi;
    FollowerScore f;
    const auto& lite_h = fake ? s.lite_fake : (lite_of_reals ? *lite_of_reals : s.lite_real);
    f.p_lite = d.value(lite_h, p.lite_edges);
    double full = d.value(fake ? s.fake : s.real, p.edges);
    if (i < m) f.p_full = full;
    in.followers.push_back(f);
  }
  return in;
}

struct Summary {
  double abs_err = 0, width = 0, trust = 0, covered = 0;
  int reps = 0;
  void add(const AudienceEstimate& e, double pi) {
    abs_err += std::fabs(e.estimate.point - pi);
    width += e.estimate.high - e.estimate.low;
    covered += e.estimate.low <= pi && pi <= e.estimate.high;
    trust += e.two_phase ? e.two_phase->lite_model_weight : 0;
    ++reps;
  }
};

// The same audiences with and without the lite histograms in the profiles.
std::pair<Summary, Summary> compare(bool sharp, double pi, const std::array<double, kProfileBins>* lite_of_reals) {
  ScoreProfiles with = profiles(sharp), without = with;
  without.has_lite = false;
  Summary a, b;
  Draw d{42};
  for (int rep = 0; rep < 60; ++rep) {
    AudienceInput in = audience(with, pi, 200, 30, d, lite_of_reals);
    a.add(estimate_audience(in), pi);
    in.profiles = &without;
    b.add(estimate_audience(in), pi);
  }
  return {a, b};
}
}  // namespace

TEST_CASE("[lite-model] a regime's lite histograms are used only where they are sharp and rest on enough accounts") {
  CHECK(lite_usable(profiles(true).sources[0], 1));
  CHECK_FALSE(lite_usable(profiles(false).sources[0], 1));
  CHECK_FALSE(lite_usable(profiles(true, 3, 3).sources[0], 1));
}

TEST_CASE("[lite-model] an audience that follows the lite histograms: trusted, narrower, still covering") {
  auto [lite, ds] = compare(true, 0.3, nullptr);
  CHECK(lite.trust / lite.reps > 0.6);
  CHECK(lite.width < 0.85 * ds.width);
  CHECK(lite.abs_err < ds.abs_err);
  CHECK(lite.covered / lite.reps >= 0.9);
  CHECK(ds.trust == 0);  // profiles without lite histograms: double sampling only
}

TEST_CASE("[lite-model] listed followers the lite histograms cannot explain send the audit back to double sampling") {
  // The audience's real followers look fake to the lite tier (as SRF's real followers do to
  // the Kaggle regime): trusting the lite histograms would read them as fakes.
  ScoreProfiles p = profiles(true);
  std::array<double, kProfileBins> fake_looking = p.sources[0].lite_fake;
  auto [lite, ds] = compare(true, 0.1, &fake_looking);
  CHECK(lite.trust / lite.reps < 0.1);
  CHECK(std::fabs(lite.abs_err - ds.abs_err) / lite.reps < 0.01);
  // Trusted outright, the joint estimate alone would be far off.
  Draw d{7};
  AudienceInput in = audience(p, 0.1, 200, 30, d, &fake_looking);
  LiteModelInput lm;
  lm.total_followers = in.total_followers;
  for (const auto& f : in.followers) {
    if (f.p_full) lm.sub_full.push_back(*f.p_full), lm.sub_lite.push_back(f.p_lite);
    else lm.lite_only.push_back(f.p_lite);
  }
  LiteModelFit fit = fit_lite_model(p, p.sources[0], lm, 1.96, 1, 0);
  CHECK(fit.joint.point > 0.4);
  CHECK(fit.trust < 0.01);
  CHECK(std::fabs(fit.discrepancy) > 2 * fit.discrepancy_sd);
}

TEST_CASE("[lite-model] weak lite histograms leave the double-sampling estimate as it was") {
  auto [lite, ds] = compare(false, 0.3, nullptr);
  CHECK(lite.trust == 0);
  CHECK(lite.abs_err == doctest::Approx(ds.abs_err));
  CHECK(lite.width == doctest::Approx(ds.width));
}

TEST_CASE("[mixture] several parts: an empty part changes nothing, and the joint share lies between the parts'") {
  ScoreProfiles p = profiles(true);
  const SourceProfile& s = p.sources[0];
  std::vector<double> full(kProfileBins), lite(kProfileBins), none(kProfileBins, 0.0);
  for (size_t b = 0; b < full.size(); ++b) {
    full[b] = 100 * (0.2 * s.fake[b] + 0.8 * s.real[b]);
    lite[b] = 300 * (0.4 * s.lite_fake[b] + 0.6 * s.lite_real[b]);
  }
  Prevalence one = mixture_estimate(s, full, 1.96, 1, 0.1);
  Prevalence with_empty = mixture_estimate({{s, full}, {s.lite(), none}}, 1.96, 1, 0.1);
  CHECK(with_empty.point == doctest::Approx(one.point));
  CHECK(with_empty.low == doctest::Approx(one.low));
  CHECK(with_empty.high == doctest::Approx(one.high));
  CHECK(one.point == doctest::Approx(0.2).epsilon(1e-3));
  Prevalence joint = mixture_estimate({{s, full}, {s.lite(), lite}}, 1.96, 1, 0.1);
  CHECK(joint.point > 0.21);
  CHECK(joint.point < 0.39);
}

TEST_CASE("[lite-model] score profiles keep their lite histograms through JSON, all or nothing") {
  ScoreProfiles p = profiles(true);
  auto back = profiles_from_json(profiles_to_json(p));
  REQUIRE(back.ok());
  CHECK(back.value().has_lite);
  CHECK(back.value().lite_edges == p.lite_edges);
  CHECK(back.value().sources[0].lite_fake == p.sources[0].lite_fake);
  json older = profiles_to_json(p);
  older.erase("lite_edges");
  older["sources"][0].erase("lite_fake");
  older["sources"][0].erase("lite_real");
  auto old_back = profiles_from_json(older);
  REQUIRE(old_back.ok());
  CHECK_FALSE(old_back.value().has_lite);
  json half = profiles_to_json(p);
  half["sources"][0].erase("lite_real");
  auto bad = profiles_from_json(half);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("sources[0]") != std::string::npos);
  CHECK(bad.error().message.find("lite_real") != std::string::npos);
  json unsorted = profiles_to_json(p);
  unsorted["lite_edges"][3] = 0.05;
  auto bad_edges = profiles_from_json(unsorted);
  REQUIRE_FALSE(bad_edges.ok());
  CHECK(bad_edges.error().message.find("lite_edges must increase") != std::string::npos);
}

TEST_CASE("[lite-model] build_profiles derives lite histograms only when every row has a lite probability") {
  std::vector<ProfileSample> rows;
  for (int i = 0; i < 100; ++i) rows.push_back({"a", i % 4 == 0, i % 4 == 0 ? 0.9 : 0.05, i % 4 == 0 ? 0.7 : 0.2});
  ScoreProfiles p = build_profiles(rows, 0.5, "m1");
  REQUIRE(p.has_lite);
  const SourceProfile& s = p.sources[0];
  CHECK(s.lite_fake[size_t(p.lite_bin(0.7))] > 0.5);
  CHECK(s.lite_real[size_t(p.lite_bin(0.2))] > 0.5);
  rows.push_back({"a", false, 0.05, std::nullopt});
  CHECK_FALSE(build_profiles(rows, 0.5, "m1").has_lite);
}

// One account fetched in full read "blended with the joint estimate ... 40% here": how far the
// lite histograms agree with the full ones cannot be read off under kMinSubsample fetched.
TEST_CASE("[lite-model] not trusted on fewer fetched accounts than the regression needs") {
  ScoreProfiles p = profiles(true);
  Draw d{7};
  double few = 0, enough = 0;
  for (int rep = 0; rep < 20; ++rep) {
    AudienceEstimate e1 = estimate_audience(audience(p, 0.3, 200, 1, d));
    AudienceEstimate e5 = estimate_audience(audience(p, 0.3, 200, kMinSubsample - 1, d));
    AudienceEstimate e30 = estimate_audience(audience(p, 0.3, 200, 30, d));
    few += (e1.two_phase ? e1.two_phase->lite_model_weight : 0) + (e5.two_phase ? e5.two_phase->lite_model_weight : 0);
    enough += e30.two_phase ? e30.two_phase->lite_model_weight : 0;
  }
  CHECK(few == 0);
  CHECK(enough > 0);
}
