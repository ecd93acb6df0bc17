#include "templates.h"

#include <algorithm>
#include <cstdint>

#include "generic.h"
#include "size_optimized.h"
#include "union_find.h"
#include "utf8.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

std::vector<uint32_t> trigrams(const TextShape& s) {
  std::string t = " ";
  std::vector<uint32_t> out;
  size_t words = 0;
  for (const std::string& w : s.words) {
    if (w == "@") continue;  // whom a comment tags differs; the words around it are what repeat
    const std::string q = squeeze(w);
    words += word_weight(q);
    std::vector<uint32_t> cps = utf8_decode(q);
    if (std::none_of(cps.begin(), cps.end(), unspaced_letters_per_word)) {
      t += q;
      t += ' ';
      continue;
    }
    // A "word" of a script written without spaces is a phrase. Its letters are 3 bytes each in
    // UTF-8, so byte trigrams would be little more than single letters, which any two comments
    // share (Thai and kana have under 100). Code points instead, about a word's worth at a time
    // (what a trigram of letters is in spaced scripts): two Han characters, three of the others.
    cps.insert(cps.begin(), ' ');
    cps.push_back(' ');
    for (size_t i = 0; i + 2 <= cps.size(); ++i) {
      const size_t n = std::min(cps.size() - i, size_t(unspaced_letters_per_word(cps[i]) == 2 ? 2 : 3));
      std::string g;
      for (size_t k = 0; k < n; ++k) append_utf8(g, cps[i + k]);
      out.push_back(hash32(g));
    }
  }
  if (words < kMinTemplateWords) return {};
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
  // Copies first: items with the same trigrams form one class, joined at once when two
  // authors wrote them; only one item per class is compared with the others below. Items are
  // sorted by a hash of their trigrams (an item whose set differs from its run's first, a hash
  // collision, becomes a class of its own).
  std::vector<uint64_t> by_text;  // set hash << 32 | item
  for (size_t i = 0; i < n; ++i) {
    uint32_t h = 2166136261u;
    for (uint32_t t : grams[i]) h = (h ^ t) * 16777619u;
    if (!grams[i].empty()) by_text.push_back(uint64_t(h) << 32 | i);
  }
  std::sort(by_text.begin(), by_text.end());
  std::vector<size_t> first;           // one item of each class
  std::vector<uint32_t> class_author;  // its author, or kMany when the class has several
  constexpr uint32_t kMany = 0xFFFFFFFFu;
  std::vector<size_t> class_of(n, SIZE_MAX);
  for (size_t a = 0, b = 0; a < by_text.size(); a = b) {
    while (b < by_text.size() && by_text[b] >> 32 == by_text[a] >> 32) ++b;
    const size_t r0 = size_t(by_text[a] & 0xFFFFFFFFu), rc = first.size();
    first.push_back(r0);
    class_author.push_back(authors[r0]);
    size_t other = r0;
    for (size_t x = a; x < b; ++x) {
      const size_t i = size_t(by_text[x] & 0xFFFFFFFFu);
      if (grams[i] != grams[r0]) {
        class_of[i] = first.size();
        first.push_back(i), class_author.push_back(authors[i]);
      } else {
        class_of[i] = rc;
        if (authors[i] != authors[r0]) other = i;
      }
    }
    if (other == r0) continue;  // one author's copies are no template by themselves
    class_author[rc] = kMany;
    for (size_t x = a; x < b; ++x) {
      const size_t i = size_t(by_text[x] & 0xFFFFFFFFu);
      if (class_of[i] == rc) sets.join(i, authors[i] != authors[r0] ? r0 : other);
    }
  }
  std::vector<char> linked(first.size(), 0);  // joined with another class
  // Then the classes' near-duplicates. Comparing every pair grows with the square of the
  // comments (3,500 real ones took seconds); MinHash banding finds the candidates instead:
  // kBands bands of kRows minimum hashes each, a pair is compared when one band agrees in
  // full, which happens with probability 1 - (1 - J^kRows)^kBands for overlap J (0.96 at
  // J = 0.5, over 0.99 from J = 0.6, 0.02 at J = 0.1). Deterministic: fixed hash seeds.
  constexpr int kBands = 24, kRows = 3;
  std::vector<uint64_t> postings;  // band key (band index mixed in) << 32 | class, sorted
  for (size_t c = 0; c < first.size(); ++c) {
    const std::vector<uint32_t>& g = grams[first[c]];
    for (int band = 0; band < kBands; ++band) {
      uint32_t key = 2166136261u ^ uint32_t(band);
      for (int row = 0; row < kRows; ++row) {
        const uint32_t seed = uint32_t(band * kRows + row) * 0x9E3779B9u + 0x7F4A7C15u;
        uint32_t least = 0xFFFFFFFFu;
        for (uint32_t h : g) {
          uint32_t x = (h ^ seed) * 0x85EBCA6Bu;
          x ^= x >> 13;
          x *= 0xC2B2AE35u;
          least = std::min(least, x ^ (x >> 16));
        }
        key = (key ^ least) * 16777619u;
      }
      postings.push_back(uint64_t(key) << 32 | c);
    }
  }
  std::sort(postings.begin(), postings.end());
  for (size_t a = 0, b = 0; a < postings.size(); a = b) {
    while (b < postings.size() && postings[b] >> 32 == postings[a] >> 32) ++b;
    for (size_t x = a; x < b; ++x) {
      const size_t c = size_t(postings[x] & 0xFFFFFFFFu), i = first[c];
      for (size_t y = x + 1; y < b; ++y) {
        const size_t d = size_t(postings[y] & 0xFFFFFFFFu), k = first[d];
        const double ni = double(grams[i].size()), nk = double(grams[k].size());
        // One author repeating itself is no template; sets this different in size cannot overlap enough.
        if ((class_author[c] == class_author[d] && class_author[c] != kMany) ||
            std::min(ni, nk) < kTemplateSimilarity * std::max(ni, nk))
          continue;
        if (sets.root(i) != sets.root(k) && jaccard(grams[i], grams[k]) >= kTemplateSimilarity)
          sets.join(i, k), linked[c] = linked[d] = 1;
      }
    }
  }
  // A class of one author's copies joins as a whole once its text matched another author's.
  for (size_t i = 0; i < n; ++i)
    if (class_of[i] != SIZE_MAX && linked[class_of[i]]) sets.join(i, first[class_of[i]]);
  std::vector<size_t> group(n);
  for (size_t i = 0; i < n; ++i) group[i] = sets.root(i);
  return group;
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
