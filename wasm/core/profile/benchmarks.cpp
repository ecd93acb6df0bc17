// Published Instagram engagement-rate bands by follower tier, used above the follower counts
// the real-account data covers (its accounts are small: median about 350 followers).
//
// Source: The Social Cat, "Instagram Engagement Rate Calculator", benchmark table
// "Instagram Engagement Rate Benchmark", https://thesocialcat.com/instagram-engagement-rate-calculator
// (read through a stored copy of the page; the page states no date, sample size or method).
// Bands per tier, engagement rate in percent: Low < a, Below average a-b, Average b-c,
// Above average c-d, High > d. The 500k-1M row is printed as "Above average 1.13 - 1.46%"
// but "High > 2.46%"; we take 2.46 as the upper edge, as in the other rows.
// No published row above 1M followers was verified; the 500k-1M row is reused there.
// These are influencer accounts (with whatever fake followers they have), not the private
// persons of the real-account data, so the two references are not the same population.
#include "reference.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

const std::vector<BenchmarkTier>& published_benchmarks() {
  static const std::vector<BenchmarkTier> t = {
      {1000, 5000, 1.72, 3.38, 4.42, 7.97},     {5000, 10000, 0.62, 1.25, 1.62, 3.54},
      {10000, 50000, 0.39, 0.84, 1.11, 2.61},   {50000, 100000, 0.32, 0.75, 1.01, 2.47},
      {100000, 500000, 0.41, 0.87, 1.14, 2.63}, {500000, 1000000, 0.46, 0.88, 1.13, 2.46},
  };
  return t;
}

const char* published_benchmark_source() {
  return "The Social Cat, Instagram Engagement Rate Benchmark by follower tier, "
         "https://thesocialcat.com/instagram-engagement-rate-calculator (no date, sample size or method "
         "stated; bands as printed)";
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
