// Near-duplicate comments: the same or nearly the same text (a template, lightly edited),
// found by the overlap of character trigrams of the folded words.
#pragma once
#include <cstdint>
#include <vector>

#include "text.h"

namespace fm::cmt {

// Shorter comments repeat by chance ("love this so much" aside, real people rarely write the
// same four words under a post). Words as word_weight counts them: in Chinese, Japanese and
// Thai by letters, 7 Han characters, 10 kana or 13 Thai letters making four ("太好看了" is 2).
constexpr size_t kMinTemplateWords = 4;
// Trigram overlap (Jaccard) from which two comments count as one template: a word or two
// changed, emoji and punctuation ignored.
constexpr double kTemplateSimilarity = 0.5;

// Hashes of the character trigrams of the folded, squeezed words, mentions left out (sorted,
// no repeats); empty for comments with fewer than kMinTemplateWords such words. Words of
// scripts without spaces give runs of code points instead (two Han characters, three others).
std::vector<uint32_t> trigrams(const TextShape& s);
double jaccard(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b);

// Groups near-duplicates: returns each item's group (the smallest index in it). Two items join
// when their trigram overlap reaches kTemplateSimilarity and their authors differ (one person
// repeating themselves is not a template). Items with no trigrams stay alone. Candidates come
// from MinHash banding, so a pair right at the threshold is found 96% of the time, one at 0.6
// overlap or more over 99% (templates.cpp); identical texts always.
std::vector<size_t> near_duplicate_groups(const std::vector<std::vector<uint32_t>>& grams,
                                          const std::vector<uint32_t>& authors);

}  // namespace fm::cmt
