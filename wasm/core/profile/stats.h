// Small robust statistics for the profile signals: quantiles, straight-line fits, and
// empirical distributions stored as quantile tables. Pure functions, no allocation tricks.
#pragma once
#include <vector>

namespace fm::prof {

// Linear-interpolated quantile of an already sorted, non-empty vector (p in [0,1]).
double quantile_sorted(const std::vector<double>& sorted, double p);
double median(std::vector<double> v);  // empty -> 0

// A distribution-free 95% interval for the median of sorted values x_(1) <= ... <= x_(n), no
// parameter fitted: (x_(k), x_(n+1-k)) for the largest k whose coverage,
// P(k <= Binomial(n, 1/2) <= n - k), is 95% or more (12 values: x_(3) to x_(10), 96.1%). Under 6
// values not even the full range covers 95%: it is that range, with the coverage it has (5 values:
// 93.75%, 3: 75%). Empty: all 0. Exact for the post window's few values (2^-n underflows past 1000).
struct MedianInterval {
  double low = 0, high = 0, coverage = 0;
};
MedianInterval median_interval(const std::vector<double>& sorted);
double mean(const std::vector<double>& v);
double stddev(const std::vector<double>& v);  // population sd; fewer than 2 values -> 0

// Inverse of the standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9).
double normal_quantile(double p);

struct LineFit {
  double a = 0, b = 0;  // y = a + b * x
  double at(double x) const { return a + b * x; }
};
LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y);

// An empirical distribution kept as its quantiles at p = 0, 1/(K-1), ..., 1, plus the number
// of observations it came from (which bounds how far into the tails it can speak).
struct Distribution {
  std::vector<double> q;  // non-decreasing
  int n = 0;
  bool empty() const { return q.size() < 2 || n == 0; }
  double quantile(double p) const;
  // P(X <= v), interpolated, kept within [0.5/(n+1), 1 - 0.5/(n+1)] so a z-score stays finite.
  double cdf(double v) const;
  // How unusual v is, as a standard normal score (positive = high).
  double z(double v) const { return normal_quantile(cdf(v)); }
};
constexpr int kDistributionPoints = 41;  // every 2.5%
Distribution make_distribution(std::vector<double> values);

}  // namespace fm::prof
