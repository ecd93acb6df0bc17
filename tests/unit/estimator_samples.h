// Seeded random samples for the estimator's property tests (unit-estimator-properties.cpp,
// unit-estimator-monotone.cpp, unit-estimator-widths.cpp): the compiled-in model's rates and score
// profiles, probabilities drawn directly, of the shapes the promises name (n = 1, 2, ..., every
// account one class, scores of exactly 0 or 1, none, some or all fetched in full, populations
// unknown, equal to the sample, a little or far larger).
#pragma once
#include <cmath>
#include <iomanip>
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

inline AudienceInput input_of(const std::vector<Acc>& accs, double N) {
  const Model& model = builtin_model();
  AudienceInput in;
  in.total_followers = N;
  in.lite = tier_setting(model.lite, kLiteRateShift);
  in.full = tier_setting(model.full, kFullRateShift);
  in.profiles = &builtin_score_profiles().value();
  for (const Acc& a : accs) {
    FollowerScore f;
    f.p_lite = a.lite;
    if (a.full >= 0) f.p_full = a.full;
    in.followers.push_back(f);
  }
  return in;
}

inline AudienceEstimate run(const std::vector<Acc>& accs, double N) { return estimate_audience(input_of(accs, N)); }

// Random samples of the shapes the promises name: every account one class or a mix, scores
// anywhere or exactly 0 or 1, none, some or all fetched in full.
struct Gen {
  std::mt19937_64 rng;
  explicit Gen(uint64_t seed) : rng(seed) {}
  double uni() { return std::uniform_real_distribution<double>(0, 1)(rng); }
  int upto(int n) { return std::uniform_int_distribution<int>(0, n)(rng); }
  double score(bool fake, int style) {
    switch (style) {
      case 0: return uni();                                  // anywhere
      case 1: return fake ? 1.0 : 0.0;                       // exactly the ends
      case 2: return fake ? 0.7 + 0.3 * uni() : 0.3 * uni();  // clearly one class
      default: return uni() < 0.2 ? double(upto(1)) : uni();   // some exact ends among others
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

// Worst violation of "after is not below before" (sign -1: not above) over point, low and high.
struct Tally {
  int cases = 0, violations = 0;
  double worst = 0;
  std::string example;
  void see(const Prevalence& before, const Prevalence& after, const std::string& what, int sign = 1) {
    ++cases;
    double d = 0;
    const char* end = "";
    for (auto [b, a, name] : {std::tuple{before.point, after.point, "point"}, std::tuple{before.low, after.low, "low"},
                              std::tuple{before.high, after.high, "high"}}) {
      double drop = sign * (b - a);
      if (drop > d) d = drop, end = name;
    }
    if (d > 1e-6) {
      ++violations;
      if (d > worst) {
        worst = d;
        std::ostringstream s;
        s << end << " moved the wrong way by " << d * 100 << " points: " << before.low << " " << before.point << " "
          << before.high << " -> " << after.low << " " << after.point << " " << after.high << " | " << what;
        example = s.str();
      }
    }
  }
};

}  // namespace fm::props
