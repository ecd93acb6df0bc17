// Disjoint sets over 0..n-1 (path halving); a set is named by its smallest member.
#pragma once
#include <cstddef>
#include <vector>

namespace fm::cmt {

struct UnionFind {
  std::vector<size_t> parent;
  explicit UnionFind(size_t n) : parent(n) {
    for (size_t i = 0; i < n; ++i) parent[i] = i;
  }
  size_t root(size_t i) {
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
  }
  void join(size_t a, size_t b) {
    a = root(a), b = root(b);
    if (a != b) parent[a < b ? b : a] = a < b ? a : b;
  }
};

}  // namespace fm::cmt
