#include "definitions.h"

#include <cmath>
#include <map>

namespace fm {

const std::vector<Design>& audit_designs() {
  static const std::vector<Design> d = {{"50 full", 50, 50}, {"200 full", 200, 200}, {"200 listed + 30 full", 200, 30}};
  return d;
}

const std::vector<Design>& extra_designs() {
  static const std::vector<Design> d = {{"50 listed + 18 full", 50, 18},     {"240 listed + 8 full", 240, 8},
                                        {"75 listed + 8 full", 75, 8},       {"240 listed + 7 full", 240, 7},
                                        {"50 listed + 3 full", 50, 3},       {"50 listed, none in full", 50, 0},
                                        {"200 listed, none in full", 200, 0}};
  return d;
}

const std::vector<double>& audience_shares() {
  static const std::vector<double> s = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
  return s;
}

DefinitionFit fit_definitions(const std::vector<OofRow>& rows,
                              double threshold,
                              const std::string& version,
                              const SimSettings& s,
                              int reps,
                              Rng& rng) {
  std::map<std::string, Pool> pools;
  for (const auto& r : rows) {
    Pool& p = pools[r.set];
    p.name = r.set;
    (r.fake ? p.fakes : p.reals).push_back(r.score);
  }
  // Every left-out audience's regimes (each one's estimate and likelihood) and its true share.
  std::vector<std::pair<double, RegimeAverage>> seen;
  AudienceInput in;
  in.total_followers = s.audience;
  in.newest_first = false;
  in.lite = s.lite;
  in.full = s.full;
  for (const auto& [left_out, pool] : pools) {
    if (pool.fakes.empty() || pool.reals.empty()) continue;
    std::vector<ProfileSample> fit;
    for (const auto& r : rows)
      if (r.set != left_out) fit.push_back({r.set, r.fake, *r.score.p_full, r.score.p_lite});
    ScoreProfiles profiles = build_profiles(fit, threshold, version);
    if (profiles.sources.size() < 2) continue;
    in.profiles = &profiles;
    for (const Design& d : audit_designs())
      for (double share : audience_shares())
        for (int rep = 0; rep < reps; ++rep) {
          draw_sample(pool, share, d.n, d.m, s.audience, rng, in.followers);
          AudienceEstimate e = estimate_audience(in);
          if (e.regimes) seen.push_back({std::round(share * s.audience) / s.audience, *e.regimes});
        }
  }
  DefinitionFit out;
  out.audiences = int(seen.size());
  if (seen.empty()) return out;
  // Mean absolute error and coverage (of the interval as reported, rounded to 0.1 point) at a
  // weighting and spread.
  auto judge = [&](double weighting, double spread, bool bound, double& mae, double& coverage) {
    mae = coverage = 0;
    for (auto& [truth, ra] : seen) {
      combine_regimes(ra, weighting, spread, bound, in.z);
      const Prevalence& c = ra.combined;
      mae += std::fabs(c.point - truth) / double(seen.size());
      double lo = std::round(c.low * 1000) / 1000, hi = std::round(c.high * 1000) / 1000;
      coverage += (lo <= truth + 1e-9 && truth <= hi + 1e-9) / double(seen.size());
    }
  };
  double cov = 0;
  judge(1, 1, true, out.mae_posterior, cov);
  out.mae = out.mae_posterior;
  for (double w : {0.0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5}) {
    double m = 0;
    judge(w, 1, true, m, cov);
    if (m < out.mae) out.mae = m, out.weighting = w;
  }
  double m = 0;
  judge(out.weighting, 0, false, m, out.coverage_without_spread);
  judge(out.weighting, 1, false, m, out.coverage_without_bound);
  judge(out.weighting, 1, true, m, out.coverage);
  return out;
}

}  // namespace fm
