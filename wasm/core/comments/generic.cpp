#include "generic.h"

#include <algorithm>

#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {
bool has(const std::vector<uint32_t>& sorted, uint32_t h) {
  return std::binary_search(sorted.begin(), sorted.end(), h);
}

// "hahaha", "jajaja", "kkkk", "xaxa", "хаха": one or two letters repeated.
bool is_laughter(const std::string& w) {
  if (w.size() < 4) return false;
  for (const char* set : {"ha", "ja", "k", "xa", "he", "\xD1\x85\xD0\xB0"})  // the last: Cyrillic "ха"
    if (w.find_first_not_of(set) == std::string::npos) return true;
  return false;
}

void sort_unique(std::vector<uint32_t>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}
}  // namespace

uint32_t hash32(const std::string& s) {
  uint32_t h = 2166136261u;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

GenericLexicon make_lexicon(const std::vector<std::string>& learned_texts) {
  GenericLexicon lex;
  for (const std::string& w : text_shape(generic_word_list()).words) lex.words.push_back(hash32(squeeze(w)));
  for (const std::string& t : learned_texts) lex.texts.push_back(hash32(t));
  sort_unique(lex.words);
  sort_unique(lex.texts);
  return lex;
}

std::string generic_key(const TextShape& s) {
  std::string key;
  for (const std::string& w : s.words) {
    if (!key.empty()) key += ' ';
    key += squeeze(w);
  }
  return key;
}

bool is_generic(const TextShape& s, const GenericLexicon& lex) {
  if (s.mentions > 0 || s.links > 0) return false;
  if (s.words.empty()) return s.code_points > 0;
  if (s.words.size() > kMaxGenericWords) return false;
  bool all_listed = true;
  for (const std::string& w : s.words)
    if (!has(lex.words, hash32(squeeze(w))) && !is_laughter(w)) all_listed = false;
  return all_listed || has(lex.texts, hash32(generic_key(s)));
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
