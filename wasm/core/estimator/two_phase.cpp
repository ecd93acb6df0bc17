#include "two_phase.h"

#include "sampling.h"

#include <algorithm>
#include <cmath>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

std::vector<double> binned_counts(const ScoreProfiles& p, const std::vector<double>& p_full, double N) {
  std::vector<double> c(kProfileBins, 0.0);
  for (double v : p_full) c[size_t(p.bin(v))] += 1;
  if (p_full.empty()) return c;
  double scale = effective_size(double(p_full.size()), N) / double(p_full.size());
  for (double& v : c) v *= scale;
  return c;
}

double squared_correlation(const std::vector<double>& x, const std::vector<double>& y) {
  size_t n = std::min(x.size(), y.size());
  if (n < 3) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) mx += x[i], my += y[i];
  mx /= double(n), my /= double(n);
  double sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < n; ++i) {
    double dx = x[i] - mx, dy = y[i] - my;
    sxx += dx * dx, syy += dy * dy, sxy += dx * dy;
  }
  return sxx > 1e-12 && syy > 1e-12 ? sxy * sxy / (sxx * syy) : 0;
}

TwoPhaseHistogram two_phase_histogram(const ScoreProfiles& p,
                                      const std::vector<double>& x_all,
                                      const std::vector<double>& x_sub,
                                      const std::vector<double>& p_sub,
                                      double N,
                                      double t_to_z) {
  TwoPhaseHistogram out;
  double m = double(p_sub.size()), n = double(x_all.size());
  N = std::max(N, n);
  out.full_counts = binned_counts(p, p_sub, N);
  out.counts = out.full_counts;
  out.full_n_eff = out.n_eff = p_sub.empty() ? 0 : effective_size(m, N);
  if (x_sub.size() != p_sub.size() || m < kMinSubsample || n <= m) return out;

  double xbar_m = 0, xbar_n = 0, ybar = 0;
  for (double x : x_sub) xbar_m += x;
  for (double x : x_all) xbar_n += x;
  for (double y : p_sub) ybar += y;
  xbar_m /= m, xbar_n /= n, ybar /= m;
  double sxx = 0, sxy = 0, syy = 0;
  for (size_t i = 0; i < p_sub.size(); ++i) {
    double dx = x_sub[i] - xbar_m, dy = p_sub[i] - ybar;
    sxx += dx * dx, sxy += dx * dy, syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 1e-12) return out;  // no spread in lite or in full: nothing to fit
  double b = sxy / sxx, d = xbar_n - xbar_m;
  double se2 = std::max(0.0, (syy - b * sxy) / (m - 2));
  double sy2 = syy / (m - 1);
  // Double-sampling variance of the regression estimate of the mean full probability: what the
  // whole listed sample pins down, what the residuals leave to the subsample, and the slope's
  // own uncertainty carried by the gap d between the lite means.
  double var = sy2 * (1 / n - 1 / N) + se2 * (1 / m - 1 / n) + d * d * se2 / sxx;
  double var_full = sy2 * (1 / m - 1 / N);
  out.slope = b;
  out.r2 = sxy * sxy / (sxx * syy);
  // The lite tier does not help in this audience where its range, read with Student's t at m - 2
  // degrees of freedom (audience.cpp), is no narrower than the subsample's alone at z.
  if (!(t_to_z * t_to_z * var < var_full)) return out;

  // The same regression for every bin's indicator: its share in the subsample plus its slope
  // times d. The slopes sum to zero, so the shares still sum to one; a negative share (a slope
  // extrapolated too far) is clipped and the rest renormalised.
  std::vector<double> h(kProfileBins, 0.0), sxb(kProfileBins, 0.0);
  std::vector<int> bins;
  for (double v : p_sub) bins.push_back(p.bin(v));
  for (size_t i = 0; i < bins.size(); ++i) {
    h[size_t(bins[i])] += 1 / m;
    sxb[size_t(bins[i])] += x_sub[i] - xbar_m;
  }
  double sum = 0;
  for (size_t k = 0; k < h.size(); ++k) sum += h[k] = std::max(0.0, h[k] + sxb[k] / sxx * d);
  if (!(sum > 0)) return out;
  out.lite_used = true;
  out.n_eff = std::min(kCensusSize, std::max(out.full_n_eff, sy2 / std::max(var, 1e-12)));
  for (size_t k = 0; k < h.size(); ++k) out.counts[k] = h[k] / sum * out.n_eff;
  return out;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
