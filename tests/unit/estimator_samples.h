// Seeded random samples for the estimator's property tests (unit-estimator-properties.cpp,
// unit-estimator-monotone.cpp, unit-estimator-widths.cpp, unit-estimator-few-fetched.cpp,
// unit-estimator-known-range.cpp): the compiled-in model's rates and score
// profiles, probabilities drawn directly, of the shapes the promises name (n = 1, 2, ..., every
// account one class, scores of exactly 0 or 1, none, some or all fetched in full, populations
// unknown, equal to the sample, a little or far larger).
#pragma once
#include <cmath>
#include <iomanip>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "estimator/audience.h"
#include "model.h"

namespace fm::props {
// One sampled account as the estimator sees it: lite probability, full one when fetched.
struct Acc {
  double lite = 0;
  double full = -1;  // < 0: listed only
};

inline AudienceInput input_of(const std::vector<Acc>& accs, double N, const ScoreProfiles* profiles = nullptr) {
  const Model& model = builtin_model();
  AudienceInput in;
  in.total_followers = N;
  in.lite = tier_setting(model.lite, kLiteRateShift);
  in.full = tier_setting(model.full, kFullRateShift);
  in.profiles = profiles ? profiles : &builtin_score_profiles().value();
  for (const Acc& a : accs) {
    FollowerScore f;
    f.p_lite = a.lite;
    if (a.full >= 0) f.p_full = a.full;
    in.followers.push_back(f);
  }
  return in;
}

inline AudienceEstimate run(const std::vector<Acc>& accs, double N, const ScoreProfiles* profiles = nullptr) {
  return estimate_audience(input_of(accs, N, profiles));
}

// Which way the estimate was worked out: a change of way is where its promises may bend.
inline std::string path_of(const AudienceEstimate& e) {
  if (e.full_sample_size == 0) return "list alone";
  if (e.full_sample_size == e.sample_size) return "all fetched";
  if (e.two_phase && e.two_phase->lite_used) return "two-phase regression";
  return e.full_sample_size < kListPointBelow ? "few fetched (list's point)" : "fetched alone";
}

// The compiled-in profiles with every source's histograms (full and lite) replaced by ones whose
// fake-to-real ratio rises from bin to bin, each source at its own steepness: there a higher
// score always says "more likely fake", which the measured histograms do not everywhere.
inline ScoreProfiles monotone_profiles() {
  ScoreProfiles p = builtin_score_profiles().value();
  double steep = 0.4;
  for (auto& s : p.sources) {
    steep += 0.15;
    auto fill = [&](std::array<double, kProfileBins>& fake, std::array<double, kProfileBins>& real, double k) {
      double sf = 0, sr = 0;
      for (int b = 0; b < kProfileBins; ++b)
        sf += fake[size_t(b)] = std::exp(k * b), sr += real[size_t(b)] = std::exp(-k * b);
      for (int b = 0; b < kProfileBins; ++b) fake[size_t(b)] /= sf, real[size_t(b)] /= sr;
    };
    fill(s.fake, s.real, steep);
    fill(s.lite_fake, s.lite_real, steep / 2);
  }
  return p;
}

// Random samples of the shapes the promises name: every account one class or a mix, scores
// anywhere or exactly 0 or 1, none, some or all fetched in full.
struct Gen {
  std::mt19937_64 rng;
  explicit Gen(uint64_t seed) : rng(seed) {}
  double uni() { return std::uniform_real_distribution<double>(0, 1)(rng); }
  int upto(int n) { return std::uniform_int_distribution<int>(0, n)(rng); }
  double score(bool fake, int style) {
    switch (style) {
      case 0: return uni();                                   // anywhere
      case 1: return fake ? 1.0 : 0.0;                        // exactly the ends
      case 2: return fake ? 0.7 + 0.3 * uni() : 0.3 * uni();  // clearly one class
      default: return uni() < 0.2 ? double(upto(1)) : uni();  // some exact ends among others
    }
  }
  int size() {
    static const int sizes[] = {1, 2, 3, 5, 8, 9, 12, 30, 60, 150, 400};
    return sizes[upto(10)];
  }
  std::vector<Acc> sample(int n) {
    int style = upto(3), classes = upto(2), fetch = upto(3);
    double fake_share = classes == 0 ? 0.0 : classes == 1 ? 1.0 : uni();
    double fetched = fetch == 0 ? 0.0 : fetch == 1 ? 1.0 : uni();
    std::vector<Acc> out;
    for (int i = 0; i < n; ++i) {
      bool fake = uni() < fake_share;
      Acc a;
      a.lite = score(fake, style);
      if (uni() < fetched) a.full = score(fake, style);
      out.push_back(a);
    }
    return out;
  }
  // The audience the sample was drawn from: unknown, exactly the sample, a little or far larger.
  double population(int n) {
    switch (upto(4)) {
      case 0: return kUnknownPopulation;
      case 1: return n;
      case 2: return n + 1 + upto(3);
      case 3: return 100.0 * n;
      default: return 1e9;
    }
  }
};

// A list of `n` (a few sizes from 6 to 240) with each account's full score drawn beside its lite
// one, and the audience it came from: fetched in full in its (random) order, the first m of it.
struct Listed {
  std::vector<Acc> accs;
  std::vector<double> fulls;
  double N = 0;
};

inline Listed listed(Gen& g) {
  static const int sizes[] = {6, 8, 12, 30, 60, 240};
  Listed l;
  int n = sizes[g.upto(5)], style = g.upto(3);
  double share = g.uni();
  for (int i = 0; i < n; ++i) {
    bool fake = g.uni() < share;
    l.accs.push_back(Acc{g.score(fake, style), -1});
    l.fulls.push_back(g.score(fake, style));
  }
  l.N = g.population(n);
  return l;
}

inline std::string describe(const std::vector<Acc>& accs, double N) {
  std::ostringstream s;
  s.precision(17);
  s << "N=" << N << " n=" << accs.size() << " [";
  for (const Acc& a : accs) s << a.lite << "/" << a.full << " ";
  return s.str() + "]";
}

inline bool ordered(const Prevalence& p) {
  return std::isfinite(p.point) && std::isfinite(p.low) && std::isfinite(p.high) && 0 <= p.low && p.low <= p.point &&
         p.point <= p.high && p.high <= 1 && std::isfinite(p.q) && std::isfinite(p.sampling_half) &&
         std::isfinite(p.rate_sd);
}

inline double width(const Prevalence& p) { return p.high - p.low; }

// Violations of "after is not below before" (sign -1: not above) over point, low and high, by
// the way the estimate was worked out before and after (path_of), each with its worst case.
struct Tally {
  struct Kind {
    int count = 0;
    double worst = 0;
    std::string example;
  };
  int cases = 0, violations = 0;
  std::map<std::string, Kind> kinds;
  // end_slack: how far an end may move the wrong way (the point none).
  void see(const AudienceEstimate& eb,
           const AudienceEstimate& ea,
           const std::string& what,
           int sign = 1,
           double end_slack = 0) {
    const Prevalence &before = eb.estimate, &after = ea.estimate;
    ++cases;
    double d = 0;
    const char* end = "";
    for (auto [b, a, name, slack] :
         {std::tuple{before.point, after.point, "point", 0.0}, std::tuple{before.low, after.low, "low", end_slack},
          std::tuple{before.high, after.high, "high", end_slack}}) {
      double drop = sign * (b - a) - slack;
      if (drop > d) d = drop, end = name;
    }
    if (d > 1e-6) {
      ++violations;
      Kind& k = kinds[path_of(eb) + " -> " + path_of(ea) + " (" + end + ")"];
      ++k.count;
      if (d > k.worst) {
        k.worst = d;
        std::ostringstream s;
        s << before.low << " " << before.point << " " << before.high << " -> " << after.low << " " << after.point << " "
          << after.high << " | " << what;
        k.example = s.str();
      }
    }
  }
  std::string summary() const {
    std::ostringstream s;
    s << violations << " of " << cases;
    for (const auto& [key, k] : kinds)
      s << "\n  " << key << ": " << k.count << ", worst " << k.worst * 100 << " points: " << k.example.substr(0, 600);
    return s.str();
  }
};

}  // namespace fm::props
