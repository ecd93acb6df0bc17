#include "regimes.h"

#include <algorithm>
#include <cmath>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
double normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// CDF of a two-piece normal whose median is `point` and whose 2.5%/97.5% quantiles are the
// interval's ends: the regime's own interval, read as a distribution.
double piece_cdf(const Prevalence& e, double x, double z) {
  if (x < e.point) {
    double sd = (e.point - e.low) / z;
    return sd > 0 ? normal_cdf((x - e.point) / sd) : 0.0;
  }
  double sd = (e.high - e.point) / z;
  return sd > 0 ? normal_cdf((x - e.point) / sd) : 1.0;
}

double mixture_quantile(const std::vector<std::pair<double, Prevalence>>& parts, double prob, double z) {
  double lo = 0, hi = 1;
  for (int it = 0; it < 60; ++it) {
    double mid = (lo + hi) / 2, F = 0;
    for (const auto& [w, e] : parts) F += w * piece_cdf(e, mid, z);
    (F < prob ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}
}  // namespace

double regime_loglik(const SourceProfile& s, const std::vector<double>& counts, double pi) {
  return mixture_loglik(s, counts, pi);
}

Prevalence mix_estimates(const std::vector<std::pair<double, Prevalence>>& parts, double z) {
  Prevalence out;
  double wsum = 0;
  for (const auto& [w, e] : parts) wsum += w;
  if (parts.empty() || !(wsum > 0)) return out;
  std::vector<std::pair<double, Prevalence>> norm;
  out.point = out.q = out.sampling_half = out.rate_sd = 0;
  out.informative = true;
  for (const auto& [w, e] : parts) {
    double v = w / wsum;
    norm.push_back({v, e});
    out.point += v * e.point;
    out.q += v * e.q;
    out.sampling_half += v * e.sampling_half;
    out.rate_sd += v * e.rate_sd;
    out.informative = out.informative && e.informative;
  }
  if (norm.size() == 1) return norm[0].second;
  double tail = normal_cdf(-z);
  out.low = std::min(out.point, mixture_quantile(norm, tail, z));
  out.high = std::max(out.point, mixture_quantile(norm, 1 - tail, z));
  return out;
}

RegimeAverage average_over_regimes(const ScoreProfiles& p,
                                   const std::vector<double>& p_full,
                                   const std::vector<double>& counts,
                                   double q,
                                   double z) {
  RegimeAverage out;
  std::vector<double> evidence(kProfileBins, 0.0);
  for (double v : p_full) evidence[size_t(p.bin(v))] += 1;
  double top = -1e300;
  for (const auto& s : p.sources) {
    RegimeFit f;
    f.source = s.source;
    f.pi_ml = mixture_mle(s, evidence);
    f.loglik = mixture_loglik(s, evidence, f.pi_ml);
    f.rates = TierRates{s.tpr,
                        s.fpr,
                        s.n_fake,
                        s.n_real,
                        std::sqrt(kKindSpread * s.tpr * (1 - s.tpr) / s.n_fake),
                        std::sqrt(kKindSpread * s.fpr * (1 - s.fpr) / s.n_real)};
    f.estimate = mixture_estimate(s, counts, z, kKindSpread, q);
    top = std::max(top, f.loglik);
    out.regimes.push_back(f);
  }
  if (out.regimes.empty()) return out;
  double wsum = 0;
  for (auto& f : out.regimes) wsum += f.weight = std::exp(f.loglik - top);
  std::vector<std::pair<double, Prevalence>> parts;
  for (size_t i = 0; i < out.regimes.size(); ++i) {
    RegimeFit& f = out.regimes[i];
    f.weight /= wsum;
    if (out.best < 0 || f.weight > out.regimes[size_t(out.best)].weight) out.best = int(i);
    parts.push_back({f.weight, f.estimate});
  }
  out.combined = mix_estimates(parts, z);
  return out;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
