// Comment text reduced to what the comment analysis compares: folded words and counts of
// letters, emoji, mentions and links. Text from a page is untrusted: this only reads it.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fm::cmt {

struct TextShape {
  // Words in order: lower case, accents and Arabic vowel marks removed, apostrophes dropped
  // ("J'adore" -> "jadore"), digits written as '0'. A mention becomes the word "@", a link
  // "url", a currency sign "$"; a hashtag gives "#" and then its word.
  std::vector<std::string> words;
  int letters = 0, digits = 0, emoji = 0, mentions = 0, links = 0, hashtags = 0;
  size_t code_points = 0;
};

TextShape text_shape(std::string_view text);

// Runs of one character collapsed to one ("niceee" -> "nice", "cool" -> "col"): elongated
// spellings and the plain word compare equal.
std::string squeeze(std::string_view word);

// The folded lower-case letter or digit for a code point, 0 for anything else (marks, signs,
// emoji, spaces). Latin letters lose their accents; Cyrillic, Greek and fullwidth Latin are
// lowered; Arabic letter variants are unified.
uint32_t fold_letter(uint32_t cp);
bool is_emoji(uint32_t cp);
// Combining marks and joiners: they belong to the character before them.
bool is_mark(uint32_t cp);

// Scripts written without spaces between words: a "word" of text_shape is then a phrase or a
// whole sentence, so what counts words counts these letters instead. The letters per word of a
// code point (0: a spaced script). Assumed, no labelled comments in these scripts: Han 2 (a
// Chinese word is 1-2 characters; translations run at about 1.5-2 characters per English
// word), Hiragana and Katakana 3 (a kana is a syllable), Thai and Lao 4 (their vowel and tone
// marks are code points of their own). Korean is written with spaces: Hangul counts as spaced.
int unspaced_letters_per_word(uint32_t cp);
// How many words a folded word of text_shape stands for: 1 in a spaced script; its letters of
// unspaced scripts divided by their letters per word, rounded up (a spaced-script run inside
// the same word, "iphone手机", adds 1 each).
size_t word_weight(std::string_view folded_word);

// Text safe to show as an example of a pattern: no control or direction characters, mentions
// and links masked (reports never name accounts), at most `max_chars` characters.
std::string example_text(std::string_view text, size_t max_chars = 80);

// UTF-8 encoding of one code point, appended.
void append_utf8(std::string& out, uint32_t cp);

}  // namespace fm::cmt
