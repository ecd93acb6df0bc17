// Fixed, seeded fold assignment: stratified by (data set, label) so every fold holds
// the same mix of sets and fakes, grouped by account so one account (a row repeated within a
// set, or the same account in two sets) never sits in a training and a test fold at once, and
// identical on every run and machine.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace fm::train {

// splitmix64: a tiny PRNG with a fixed algorithm (std::shuffle's is up to the library).
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next();
  // Uniform in [0, n).
  uint64_t below(uint64_t n);

 private:
  uint64_t s_;
};

// fold[i] in [0, k) for each row; `group[i]` is the stratum (e.g. "srf/1").
std::vector<int> stratified_folds(const std::vector<std::string>& group, int k, uint64_t seed);

// The same over groups: rows sharing `group[i]` share a fold; a group's stratum is its first
// row's `stratum[i]`.
std::vector<int> grouped_folds(const std::vector<std::string>& stratum,
                               const std::vector<std::string>& group,
                               int k,
                               uint64_t seed);

}  // namespace fm::train
