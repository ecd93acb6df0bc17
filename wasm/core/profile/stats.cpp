#include "stats.h"

#include <algorithm>
#include <cmath>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

double quantile_sorted(const std::vector<double>& s, double p) {
  if (s.empty()) return 0;
  if (p <= 0) return s.front();
  if (p >= 1) return s.back();
  double i = p * double(s.size() - 1);
  size_t lo = size_t(std::floor(i));
  size_t hi = std::min(lo + 1, s.size() - 1);
  return s[lo] + (s[hi] - s[lo]) * (i - double(lo));
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return quantile_sorted(v, 0.5);
}

MedianInterval median_interval(const std::vector<double>& s) {
  MedianInterval m;
  const size_t n = s.size();
  if (n == 0) return m;
  // tail = P(B <= k - 1) and pmf = P(B = k - 1) for B ~ Binomial(n, 1/2); coverage = 1 - 2 tail.
  double pmf = std::pow(0.5, double(n)), tail = pmf;
  size_t k = 1;
  m.coverage = 1 - 2 * tail;
  for (;;) {
    pmf *= double(n - k + 1) / double(k);
    if (1 - 2 * (tail + pmf) < 0.95) break;
    tail += pmf;
    m.coverage = 1 - 2 * tail;
    ++k;
  }
  m.low = s[k - 1];
  m.high = s[n - k];
  return m;
}

double mean(const std::vector<double>& v) {
  if (v.empty()) return 0;
  double s = 0;
  for (double x : v) s += x;
  return s / double(v.size());
}

double stddev(const std::vector<double>& v) {
  if (v.size() < 2) return 0;
  double m = mean(v), s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / double(v.size()));
}

double normal_quantile(double p) {
  if (p <= 0) return -40;
  if (p >= 1) return 40;
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double lo = 0.02425, hi = 1 - lo;
  if (p < lo) {
    double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > hi) {
    double q = std::sqrt(-2 * std::log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  LineFit f;
  if (x.empty() || x.size() != y.size()) return f;
  double mx = mean(x), my = mean(y), sxy = 0, sxx = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
  }
  f.b = sxx > 0 ? sxy / sxx : 0;
  f.a = my - f.b * mx;
  return f;
}

double Distribution::quantile(double p) const {
  if (empty()) return 0;
  return quantile_sorted(q, p);
}

double Distribution::cdf(double v) const {
  if (empty()) return 0.5;
  double edge = 0.5 / (double(n) + 1);
  double p;
  if (v <= q.front()) {
    p = 0;
  } else if (v >= q.back()) {
    p = 1;
  } else {
    // First point above v, then interpolate between it and the one before.
    size_t hi = size_t(std::upper_bound(q.begin(), q.end(), v) - q.begin());
    size_t lo = hi - 1;
    double step = 1.0 / double(q.size() - 1);
    double frac = q[hi] > q[lo] ? (v - q[lo]) / (q[hi] - q[lo]) : 0.5;
    p = (double(lo) + frac) * step;
  }
  return std::clamp(p, edge, 1 - edge);
}

Distribution make_distribution(std::vector<double> values) {
  Distribution d;
  if (values.empty()) return d;
  std::sort(values.begin(), values.end());
  d.n = int(values.size());
  for (int i = 0; i < kDistributionPoints; ++i)
    d.q.push_back(quantile_sorted(values, double(i) / double(kDistributionPoints - 1)));
  return d;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
