// K-fold evaluation of the tools: a tiny deterministic generator (same sequence on every
// platform, so committed evaluations reproduce), a seeded fold assignment, and the training part
// of a fold.
#pragma once
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace fm::data {

struct Lcg {
  uint64_t s;
  double next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return double(s >> 11) / double(1ULL << 53);
  }
};

// Fold (0..folds-1) of each of n items: a seeded shuffle dealt round-robin.
inline std::vector<int> seeded_folds(size_t n, int folds, uint64_t seed) {
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  Lcg shuffle{seed};
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[size_t(shuffle.next() * double(i))]);
  std::vector<int> fold(n);
  for (size_t k = 0; k < n; ++k) fold[order[k]] = int(k % size_t(folds));
  return fold;
}

// The items outside fold k: what a model or reference judging fold k is derived from.
template <typename T>
std::vector<T> outside_fold(const std::vector<T>& items, const std::vector<int>& fold, int k) {
  std::vector<T> out;
  for (size_t i = 0; i < items.size(); ++i)
    if (fold[i] != k) out.push_back(items[i]);
  return out;
}

}  // namespace fm::data
