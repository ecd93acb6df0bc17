// Sampling facts every estimator here shares.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>

namespace fm {

// The effective size of a census: no sampling error left.
constexpr double kCensusSize = 1e12;
// Fewer full fetches than this cannot fit a lite-to-full slope worth trusting (two-phase): m - 2
// degrees of freedom for its residual, Student's t widening what so few cannot pin down. Held out,
// 7 fetched of 240 read with it kept their coverage and narrowed by 2-8 points (EVALUATION.md).
constexpr int kMinSubsample = 4;
// Fewer full fetches than this, read without the lite tier (too few for its slope, or it did not
// predict here), are mostly their chance: the point is the list's own reading of every listed
// follower, the range holds both (audience.cpp). One more fetched then keeps the point within the
// range before (tests/unit/unit-estimator-few-fetched.cpp), as it did not from 4 to 7 read alone.
constexpr int kListPointBelow = 8;

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
