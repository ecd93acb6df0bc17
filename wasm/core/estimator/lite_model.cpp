#include "lite_model.h"

#include "sampling.h"

#include <algorithm>
#include <cmath>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
constexpr double kPi = 3.14159265358979323846;
// Variance of the lite estimate's error where the lite histograms do not hold: a uniform share's.
constexpr double kUnheldVar = 1.0 / 12;

double log_normal_density(double x, double var) { return -x * x / (2 * var) - 0.5 * std::log(2 * kPi * var); }

// How one follower in bin b moves the maximum-likelihood share at pi (its influence function).
double influence(const SourceProfile& s, int b, double pi, double info) {
  size_t k = size_t(b);
  double mix = pi * s.fake[k] + (1 - pi) * s.real[k];
  return info > 1e-12 ? (s.fake[k] - s.real[k]) / (mix * info) : 0;
}

std::vector<double> counts_of(const std::vector<int>& bins, double weight) {
  std::vector<double> c(kProfileBins, 0.0);
  for (int b : bins) c[size_t(b)] += weight;
  return c;
}

// The followers' bins: the same under every regime (the profiles share their bin edges).
struct Binned {
  std::vector<int> full, sub_lite, only;  // fetched: full and lite bin; listed only: lite bin
  double scale = 1;                       // effective size per follower (finite-population correction)
};

Binned bin_followers(const ScoreProfiles& p, const LiteModelInput& in) {
  Binned b;
  for (double v : in.sub_full) b.full.push_back(p.bin(v));
  for (double v : in.sub_lite) b.sub_lite.push_back(p.lite_bin(v));
  for (double v : in.lite_only) b.only.push_back(p.lite_bin(v));
  double n = double(b.full.size() + b.only.size());
  b.scale = n > 0 ? effective_size(n, std::max(in.total_followers, n)) / n : 1;
  return b;
}

LiteModelFit fit_binned(const Binned& b, const SourceProfile& s, double z, double spread, double q) {
  LiteModelFit fit;
  SourceProfile lite = s.lite();
  double m = double(b.full.size());
  std::vector<double> only = counts_of(b.only, b.scale), full = counts_of(b.full, b.scale);
  // The listed-only followers are worth at most what the lite histograms can tell: their counts
  // are discounted so that their information, n I, becomes 1 / (1/(n I) + histogram variance)
  // (at the untempered estimate). Untempered, a thousand listed followers would pin the share
  // down far tighter than labelled histograms of a few hundred accounts allow.
  double n_only = 0;
  for (double c : only) n_only += c;
  double pi0 = mixture_mle({{s, full}, {lite, only}});
  double kappa = 1 / (1 + n_only * mixture_info(lite, pi0) * mixture_hist_var(lite, pi0, spread));
  std::vector<double> tempered = only;
  for (double& c : tempered) c *= kappa;
  fit.joint = mixture_estimate({{s, full}, {lite, tempered, true}}, z, spread, q);

  // The fetched followers seen by each tier: the lite histograms hold if the two estimates
  // differ by no more than their paired noise and both histograms' uncertainty.
  double pf = mixture_mle(s, full), pl = mixture_mle(lite, counts_of(b.sub_lite, 1));
  fit.discrepancy = pl - pf;
  double info_f = mixture_info(s, pf), info_l = mixture_info(lite, pl);
  std::vector<double> d;
  double mean = 0;
  for (size_t i = 0; i < b.full.size() && i < b.sub_lite.size(); ++i) {
    d.push_back(influence(lite, b.sub_lite[i], pl, info_l) - influence(s, b.full[i], pf, info_f));
    mean += d.back() / m;
  }
  double var = 0;
  for (double v : d) var += (v - mean) * (v - mean);
  var = m > 1 ? var / (m - 1) / m : 1;
  double mid = (pf + pl) / 2;
  var = std::min(1.0, var + mixture_hist_var(s, mid, spread) + mixture_hist_var(lite, mid, spread));
  fit.discrepancy_sd = std::sqrt(var);
  double log_odds = log_normal_density(fit.discrepancy, var) - log_normal_density(fit.discrepancy, var + kUnheldVar);

  // The listed-only followers: the regime's lite mixture at the joint share against a free
  // histogram of their lite bins.
  double loglik_model = 0, loglik_free = 0;
  for (size_t k = 0; k < only.size(); ++k)
    if (only[k] > 0) {
      double mix = fit.joint.point * lite.fake[k] + (1 - fit.joint.point) * lite.real[k];
      loglik_model += only[k] * std::log(mix);
      loglik_free += only[k] * std::log(only[k] / n_only);
    }
  fit.misfit = 2 * (loglik_free - loglik_model);
  if (n_only > 1) log_odds += -fit.misfit / 2 + 0.5 * (kProfileBins - 1) * std::log(n_only);
  fit.trust = 1 / (1 + std::exp(-std::max(-700.0, std::min(700.0, log_odds))));
  return fit;
}
}  // namespace

bool lite_usable(const SourceProfile& s, double spread) {
  double info = mixture_info(s, 0.5);
  if (!(info > 0)) return false;
  double reference = mixture_hist_var(s, 0.5, spread) + 1 / (kReferenceFetches * info);
  return 4 * mixture_hist_var(s.lite(), 0.5, spread) < reference;
}

LiteModelFit fit_lite_model(const ScoreProfiles& p,
                            const SourceProfile& s,
                            const LiteModelInput& in,
                            double z,
                            double spread,
                            double q) {
  return fit_binned(bin_followers(p, in), s, z, spread, q);
}

double blend_lite_model(RegimeAverage& ra, const ScoreProfiles& p, const LiteModelInput& in, double z) {
  // How far the lite histograms agree with the full ones is read off the fetched followers: under
  // kMinSubsample of them (as for the regression) it cannot be (one account read "blended 40%").
  if (!p.has_lite || in.sub_full.size() < size_t(kMinSubsample) || in.lite_only.empty()) return 0;
  Binned binned = bin_followers(p, in);
  double mean_trust = 0;
  for (size_t i = 0; i < ra.regimes.size() && i < p.sources.size(); ++i) {
    RegimeFit& f = ra.regimes[i];
    const SourceProfile& s = p.sources[i];
    if (lite_usable(s, kKindSpread)) {
      LiteModelFit lm = fit_binned(binned, s, z, kKindSpread, f.estimate.q);
      f.lite_trust = lm.trust;
      f.estimate = mix_estimates({{lm.trust, lm.joint}, {1 - lm.trust, f.estimate}}, z);
      mean_trust += f.weight * lm.trust;
    }
  }
  combine_regimes(ra, p.definition_weighting, p.definition_spread, p.definition_bounds, z);
  return mean_trust;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
