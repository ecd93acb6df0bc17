#include "prevalence.h"
#include "sampling.h"

#include <algorithm>
#include <cmath>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
constexpr double kMinRateGap = 0.05;  // tpr - fpr below this: the classifier cannot correct a share

double clamp01(double v) { return std::min(1.0, std::max(0.0, v)); }
}  // namespace

void widen_in_quadrature(Prevalence& p, double low_half2, double high_half2) {
  p.low = std::max(0.0, p.point - std::sqrt((p.point - p.low) * (p.point - p.low) + low_half2));
  p.high = std::min(1.0, p.point + std::sqrt((p.high - p.point) * (p.high - p.point) + high_half2));
}

void wilson(double q, double n, double z, double& low, double& high) {
  q = clamp01(q);
  if (n <= 0) {
    low = 0, high = 1;
    return;
  }
  double z2n = z * z / n;
  double centre = (q + z2n / 2) / (1 + z2n);
  double half = z * std::sqrt(q * (1 - q) / n + z2n / (4 * n)) / (1 + z2n);
  low = clamp01(centre - half);
  high = clamp01(centre + half);
}

namespace {
// Regularised incomplete beta I_x(a, b) by its continued fraction (modified Lentz), on the side
// where it converges fast.
double incomplete_beta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  if (x > (a + 1) / (a + b + 2)) return 1 - incomplete_beta(1 - x, b, a);
  const double front =
      std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x)) / a;
  const double tiny = 1e-300;
  double c = 1, d = 1 - (a + b) * x / (a + 1);
  d = 1 / (std::fabs(d) < tiny ? tiny : d);
  double f = d;
  for (int m = 1; m <= 20000; ++m) {  // a cap only: near the limits it converges within tens of steps
    for (int odd = 0; odd < 2; ++odd) {
      double num = odd ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                       : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
      d = 1 + num * d;
      d = 1 / (std::fabs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (std::fabs(c) < tiny) c = tiny;
      f *= c * d;
    }
    if (std::fabs(c * d - 1) < 1e-12) break;
  }
  return front * f;
}

// The x where I_x(a, b) = p (it rises from 0 to 1 with x): bisection.
double inverse_incomplete_beta(double p, double a, double b) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 60; ++i) {
    double mid = 0.5 * (lo + hi);
    (incomplete_beta(mid, a, b) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}
}  // namespace

void exact_binomial(double k, double n, double z, double& low, double& high) {
  if (!(n > 0)) {
    low = 0, high = 1;
    return;
  }
  k = std::min(n, std::max(0.0, k));
  const double tail = 0.5 * std::erfc(std::fabs(z) / std::sqrt(2.0));  // alpha / 2
  low = k > 0 ? inverse_incomplete_beta(tail, k, n - k + 1) : 0;
  high = k < n ? inverse_incomplete_beta(1 - tail, k + 1, n - k) : 1;
}

FlaggedShare simple_share(double k, double n, double N) {
  FlaggedShare s;
  if (n <= 0) return FlaggedShare{0, 0.25, 0};
  s.q = clamp01(k / n);
  s.n_eff = effective_size(n, N);
  s.var = s.q * (1 - s.q) / s.n_eff;
  return s;
}

TwoPhaseShare regression_share(const std::vector<double>& x_all,
                               const std::vector<double>& x_sub,
                               const std::vector<double>& y_sub,
                               double N) {
  TwoPhaseShare out;
  double m = static_cast<double>(y_sub.size());
  double n = static_cast<double>(x_all.size());
  double k = 0;
  for (double y : y_sub) k += y;
  out.share = simple_share(k, m, N);
  double ybar = m > 0 ? k / m : 0;
  out.full_only_var = m > 1 ? ybar * (1 - ybar) * m / (m - 1) * (1 / m - 1 / std::max(N, m)) : 0.25;
  if (y_sub.size() != x_sub.size() || m < kMinSubsample || n <= m) return out;

  double xbar_m = 0, xbar_n = 0;
  for (double x : x_sub) xbar_m += x;
  for (double x : x_all) xbar_n += x;
  xbar_m /= m;
  xbar_n /= n;
  double sxx = 0, sxy = 0, syy = 0;
  for (size_t i = 0; i < y_sub.size(); ++i) {
    double dx = x_sub[i] - xbar_m, dy = y_sub[i] - ybar;
    sxx += dx * dx, sxy += dx * dy, syy += dy * dy;
  }
  if (sxx <= 1e-12 || syy <= 0) return out;  // all flags equal or no spread in lite: nothing to fit
  double b = sxy / sxx;
  double se2 = std::max(0.0, (syy - b * sxy) / (m - 2));  // residual variance around the fitted line
  double sy2 = syy / (m - 1);
  double d = xbar_n - xbar_m;
  // Double-sampling variance: what the whole lite sample pins down, what the residuals leave
  // to the subsample, and the slope's own uncertainty carried by the gap d between the means.
  double var = sy2 * (1 / n - 1 / N) + se2 * (1 / m - 1 / n) + d * d * se2 / sxx;
  out.slope = b;
  out.r2 = sxy * sxy / (sxx * syy);
  if (!(var < out.full_only_var)) return out;  // the lite tier does not help in this audience
  out.lite_used = true;
  out.share.q = clamp01(ybar + b * d);
  out.share.var = std::max(var, 1e-12);
  // Effective size: the simple random sample of full fetches with the same variance at ybar.
  out.share.n_eff = std::min(kCensusSize, std::max(m, ybar * (1 - ybar) / out.share.var));
  return out;
}

double planned_half_width(double var_q, const TierRates& r, double pi, double z) {
  double gap = r.tpr - r.fpr;
  if (gap < kMinRateGap) return 1;
  pi = clamp01(pi);
  // The interval's upper side as correct_for_errors builds it: sampling by the delta method,
  // tpr by substitution, fpr by the delta method.
  double vt = r.tpr * (1 - r.tpr) / r.n_fake + r.shift_sd_tpr * r.shift_sd_tpr;
  double vf = r.fpr * (1 - r.fpr) / r.n_real + r.shift_sd_fpr * r.shift_sd_fpr;
  double gap_low = gap - z * std::sqrt(vt);
  double up_t = gap_low > kMinRateGap ? pi * (gap / gap_low - 1) : 1.0;
  double f_part = z * (1 - pi) * std::sqrt(vf) / gap;
  return std::sqrt(z * z * var_q / (gap * gap) + up_t * up_t + f_part * f_part);
}

Prevalence correct_for_errors(const FlaggedShare& s, const TierRates& r, double z) {
  Prevalence p;
  p.q = s.q;
  double gap = r.tpr - r.fpr;
  if (gap < kMinRateGap) {
    // A classifier that barely separates fakes from real accounts cannot say anything.
    p.informative = false;
    p.point = clamp01(s.q);
    p.low = 0, p.high = 1;
    return p;
  }
  double vt = r.tpr * (1 - r.tpr) / r.n_fake + r.shift_sd_tpr * r.shift_sd_tpr;
  double vf = r.fpr * (1 - r.fpr) / r.n_real + r.shift_sd_fpr * r.shift_sd_fpr;
  auto rate_sd = [&](double pi) {
    pi = clamp01(pi);
    return std::sqrt(pi * pi * vt + (1 - pi) * (1 - pi) * vf) / gap;
  };
  double ql, qh;
  wilson(s.q, s.n_eff, z, ql, qh);
  double pi = (s.q - r.fpr) / gap;
  double pil = (ql - r.fpr) / gap, pih = (qh - r.fpr) / gap;
  // Rate error at each end. fpr enters linearly (delta method); tpr divides, so its effect is
  // lopsided: a true tpr z sd lower stretches the share by gap / (gap - z sd), a higher one
  // shrinks it by gap / (gap + z sd). Substituting the shifted tpr keeps that asymmetry (the
  // symmetric delta method undercovers large shares when tpr rests on a few dozen fakes).
  double pic = clamp01(pi);
  double sd_t = std::sqrt(vt), f_part = z * (1 - pic) * std::sqrt(vf) / gap;
  double gap_low = gap - z * sd_t;
  double up_t = gap_low > kMinRateGap ? pic * (gap / gap_low - 1) : 1.0;
  double down_t = pic * (1 - gap / (gap + z * sd_t));
  double low = pi - std::sqrt((pi - pil) * (pi - pil) + down_t * down_t + f_part * f_part);
  double high = pi + std::sqrt((pih - pi) * (pih - pi) + up_t * up_t + f_part * f_part);
  p.sampling_half = (pih - pil) / 2;
  p.rate_sd = rate_sd(pi);
  p.point = clamp01(pi);
  p.low = std::min(p.point, clamp01(low));
  p.high = std::max(p.point, clamp01(high));
  return p;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
