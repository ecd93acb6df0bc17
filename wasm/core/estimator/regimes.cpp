#include "regimes.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "size_optimized.h"
#include "student_t.h"

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
  // Weights summing to 1 in floating point may not: parts all at 100% averaged to 100% + 1 ulp,
  // above the interval's clamped end.
  out.point = std::min(1.0, out.point);
  double tail = normal_cdf(-z);
  out.low = std::min(out.point, mixture_quantile(norm, tail, z));
  out.high = std::max(out.point, mixture_quantile(norm, 1 - tail, z));
  return out;
}

namespace {
// Mean over the evidence of p(1 - p), p the posterior probability that an account in the bin is
// fake under the regime's histograms at fake share pi.
double mean_label_variance(const SourceProfile& s, const std::vector<double>& evidence, double pi) {
  double n = 0, sum = 0;
  for (size_t b = 0; b < evidence.size() && b < size_t(kProfileBins); ++b) {
    double fake = pi * s.fake[b], all = fake + (1 - pi) * s.real[b];
    double post = all > 0 ? fake / all : 0;
    sum += evidence[b] * post * (1 - post);
    n += evidence[b];
  }
  return n > 0 ? sum / n : 0;
}
}  // namespace

RegimeAverage average_over_regimes(const ScoreProfiles& p,
                                   const std::vector<double>& p_full,
                                   const std::vector<double>& counts,
                                   double q,
                                   double z,
                                   double sampled,
                                   double audience) {
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
    if (sampled > 0 && std::isfinite(audience) && audience > 0)
      f.label_var = sampled * mean_label_variance(s, evidence, f.estimate.point) / (audience * audience);
    top = std::max(top, f.loglik);
    out.regimes.push_back(f);
  }
  if (out.regimes.empty()) return out;
  // The bins where some known definition finds its fakes at least as common as its real accounts
  // (possibly fake), and those where every one does (surely fake).
  constexpr size_t kBins = kProfileBins;
  std::array<bool, kBins> some{}, every{};
  every.fill(true);
  for (size_t b = 0; b < kBins; ++b)
    for (const auto& s : p.sources) {
      some[b] = some[b] || s.fake[b] >= s.real[b];
      every[b] = every[b] && s.fake[b] >= s.real[b];
    }
  double n = 0, possibly = 0, surely = 0;
  for (size_t b = 0; b < counts.size() && b < kBins; ++b) {
    n += counts[b];
    if (some[b]) possibly += counts[b];
    if (every[b]) surely += counts[b];
  }
  // Every known definition's own histograms put some of its fakes outside the possibly-fake bins
  // and some of its real accounts inside the surely-fake ones: a share of accounts in those bins is
  // not yet a share of fakes. The bounds allow for the most any known definition does of either
  // (its fakes' least mass in the possibly-fake bins, its real accounts' most in the surely-fake
  // ones); otherwise a few real commenters scoring like fakes would rule out 0% for all of them.
  double fake_in_possibly = 1, real_in_surely = 0;
  for (const auto& s : p.sources) {
    double f = 0, r = 0;
    for (size_t b = 0; b < kBins; ++b) {
      if (some[b]) f += s.fake[b];
      if (every[b]) r += s.real[b];
    }
    fake_in_possibly = std::min(fake_in_possibly, f);
    real_in_surely = std::max(real_in_surely, r);
  }
  // Their shares' exact limits (prevalence.h) at the effective size, but at no more than the
  // accounts sampled: which bin an account's score falls in is its own chance, whatever share of
  // the audience was sampled (as RegimeFit::label_var), so a census of nine commenters is nine.
  double unused = 0, at = sampled > 0 ? std::min(n, sampled) : n;
  out.reach_n = at;
  out.possibly_fake_share = n > 0 ? possibly / n : 0;
  exact_binomial(out.possibly_fake_share * at, at, z, unused, out.possibly_fake_high);
  if (fake_in_possibly > 0) out.possibly_fake_high = std::min(1.0, out.possibly_fake_high / fake_in_possibly);
  out.surely_fake_share = n > 0 ? surely / n : 0;
  exact_binomial(out.surely_fake_share * at, at, z, out.surely_fake_low, unused);
  if (real_in_surely < 1)
    out.surely_fake_low = std::max(0.0, (out.surely_fake_low - real_in_surely) / (1 - real_in_surely));
  double wsum = 0;
  for (auto& f : out.regimes) wsum += f.fit_weight = std::exp(f.loglik - top);
  for (size_t i = 0; i < out.regimes.size(); ++i) {
    RegimeFit& f = out.regimes[i];
    f.fit_weight /= wsum;
    if (out.best < 0 || f.fit_weight > out.regimes[size_t(out.best)].fit_weight) out.best = int(i);
  }
  combine_regimes(out, p.definition_weighting, p.definition_spread, p.definition_bounds, z);
  return out;
}

void combine_regimes(RegimeAverage& ra,
                     double definition_weighting,
                     double definition_spread,
                     bool definition_bounds,
                     double z) {
  double top = -1e300, wsum = 0;
  for (const auto& f : ra.regimes) top = std::max(top, f.loglik);
  for (auto& f : ra.regimes) wsum += f.weight = std::exp(definition_weighting * (f.loglik - top));
  std::vector<std::pair<double, Prevalence>> parts;
  double mean = 0, k = double(ra.regimes.size());
  for (auto& f : ra.regimes) {
    f.weight /= wsum;
    Prevalence e = f.estimate;
    widen_in_quadrature(e, z * z * f.label_var, z * z * f.label_var);
    parts.push_back({f.weight, e});
    mean += f.estimate.point / k;
  }
  ra.within = ra.combined = mix_estimates(parts, z);
  double ss = 0;
  for (const auto& f : ra.regimes) ss += (f.estimate.point - mean) * (f.estimate.point - mean);
  ra.between_sd = k > 1 ? std::sqrt(ss / (k - 1)) : 0;
  // The predictive interval for one more draw from the population of definitions: the spread of
  // the K known ones, the uncertainty of their mean, and Student's t for what K draws can say
  // about a spread (K - 2 degrees of freedom: the mean and the spread are both estimated).
  ra.definition_half =
      k > 2 ? definition_spread * student_quantile(z, k - 2) * std::sqrt(1 + 1 / k) * ra.between_sd : 0;
  Prevalence& c = ra.combined;
  const double half2 = ra.definition_half * ra.definition_half;
  widen_in_quadrature(c, half2, half2);
  ra.bound_sets_high = definition_bounds && ra.possibly_fake_high > c.high;
  if (ra.bound_sets_high) c.high = ra.possibly_fake_high;
  ra.bound_sets_low = definition_bounds && ra.surely_fake_low < c.low;
  if (ra.bound_sets_low) c.low = ra.surely_fake_low;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
