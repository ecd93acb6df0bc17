#include "templates.h"

#include <algorithm>

#include "generic.h"
#include "size_optimized.h"
#include "union_find.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

std::vector<uint32_t> trigrams(const TextShape& s) {
  std::string t = " ";
  size_t words = 0;
  for (const std::string& w : s.words) {
    if (w == "@") continue;  // whom a comment tags differs; the words around it are what repeat
    t += squeeze(w);
    t += ' ';
    ++words;
  }
  std::vector<uint32_t> out;
  if (words < kMinTemplateWords) return out;
  for (size_t i = 0; i + 3 <= t.size(); ++i) out.push_back(hash32(t.substr(i, 3)));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t i = 0, k = 0, both = 0;
  while (i < a.size() && k < b.size()) {
    if (a[i] < b[k]) ++i;
    else if (b[k] < a[i]) ++k;
    else ++both, ++i, ++k;
  }
  return double(both) / double(a.size() + b.size() - both);
}

std::vector<size_t> near_duplicate_groups(const std::vector<std::vector<uint32_t>>& grams,
                                          const std::vector<uint32_t>& authors) {
  const size_t n = grams.size();
  UnionFind sets(n);
  for (size_t i = 0; i < n; ++i) {
    const double ni = double(grams[i].size());
    for (size_t k = i + 1; k < n && ni > 0; ++k) {
      const double nk = double(grams[k].size());
      // Sets this different in size cannot overlap enough: skip the merge.
      if (authors[i] == authors[k] || std::min(ni, nk) < kTemplateSimilarity * std::max(ni, nk)) continue;
      if (sets.root(i) != sets.root(k) && jaccard(grams[i], grams[k]) >= kTemplateSimilarity) sets.join(i, k);
    }
  }
  std::vector<size_t> group(n);
  for (size_t i = 0; i < n; ++i) group[i] = sets.root(i);
  return group;
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
