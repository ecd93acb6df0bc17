#include "folds.h"

#include <map>
#include <unordered_map>

namespace fm::train {

uint64_t Rng::next() {
  uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t Rng::below(uint64_t n) {
  // Rejection sampling: no modulo bias.
  uint64_t limit = UINT64_MAX - UINT64_MAX % n;
  uint64_t v;
  do v = next();
  while (v >= limit);
  return v % n;
}

std::vector<int> stratified_folds(const std::vector<std::string>& group, int k, uint64_t seed) {
  std::map<std::string, std::vector<int>> strata;  // ordered: same order every run
  for (size_t i = 0; i < group.size(); ++i) strata[group[i]].push_back(static_cast<int>(i));
  std::vector<int> fold(group.size(), 0);
  Rng rng(seed);
  int offset = 0;  // continue the round-robin across strata so fold sizes stay even
  for (auto& [name, rows] : strata) {
    for (size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.below(i)]);
    for (size_t i = 0; i < rows.size(); ++i) fold[rows[i]] = static_cast<int>((offset + i) % k);
    offset = static_cast<int>((offset + rows.size()) % k);
  }
  return fold;
}

std::vector<int> grouped_folds(const std::vector<std::string>& stratum,
                               const std::vector<std::string>& group,
                               int k,
                               uint64_t seed) {
  std::unordered_map<std::string, size_t> index;  // group -> its position among the groups
  std::vector<std::string> group_stratum;
  std::vector<size_t> of_row(group.size());
  for (size_t i = 0; i < group.size(); ++i) {
    auto [it, fresh] = index.emplace(group[i], group_stratum.size());
    if (fresh) group_stratum.push_back(stratum[i]);
    of_row[i] = it->second;
  }
  const auto per_group = stratified_folds(group_stratum, k, seed);
  std::vector<int> fold(group.size());
  for (size_t i = 0; i < group.size(); ++i) fold[i] = per_group[of_row[i]];
  return fold;
}

}  // namespace fm::train
