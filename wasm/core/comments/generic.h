// Generic comments: text that could stand under any post (emoji only, short praise, "nice
// pic", "love this" in many languages), told apart from comments about the post itself.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "text.h"

namespace fm::cmt {

// Longer comments say something of their own, whatever their words.
constexpr size_t kMaxGenericWords = 8;

// The word list (generic_words.cpp): words separated by spaces.
const char* generic_word_list();

// 32-bit FNV-1a of a string: lexicon entries and text patterns are compared by it.
uint32_t hash32(const std::string& s);

struct GenericLexicon {
  std::vector<uint32_t> words;  // hashes of the list's words, folded and squeezed; sorted
  std::vector<uint32_t> texts;  // hashes of whole comments learned from data (generic_key form); sorted
};
// The word list plus the learned texts.
GenericLexicon make_lexicon(const std::vector<std::string>& learned_texts);

// A comment's words squeezed and joined by single spaces ("Niceee pic!!" -> "nice pic").
std::string generic_key(const TextShape& s);

// True for text without words (emoji, punctuation), laughter, and short comments made only
// of the list's words or equal to a learned text; never for comments with a mention or link.
bool is_generic(const TextShape& s, const GenericLexicon& lex);

}  // namespace fm::cmt
