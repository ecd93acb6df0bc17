// Sampling facts every estimator here shares.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>

namespace fm {

// The effective size of a census: no sampling error left.
constexpr double kCensusSize = 1e12;
// Fewer full fetches than this cannot fit a lite-to-full slope worth trusting (two-phase).
constexpr int kMinSubsample = 8;

// The audience size when nobody could read it: an endless one, so no finite-population
// correction narrows the interval (the widest case any known size could give).
constexpr double kUnknownPopulation = std::numeric_limits<double>::infinity();

// A simple random sample of n from an audience of N is worth n / ((N - n) / (N - 1)) samples
// from an endless one (finite-population correction); all of it: a census.
inline double effective_size(double n, double N) {
  if (N <= n) return kCensusSize;
  double f = N > 1 && !std::isinf(N) ? (N - n) / (N - 1) : 1;
  return std::min(kCensusSize, n / f);
}

}  // namespace fm
