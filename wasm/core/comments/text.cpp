#include "text.h"

#include "size_optimized.h"
#include "utf8.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {

// The base letter of U+00C0..U+024F and U+1E00..U+1EFF (Unicode's canonical decomposition,
// plus the usual Latin readings of letters without one, e.g. ø -> o, ł -> l); '.' where a code
// point has no ASCII base letter.
constexpr char kLatin1AndExtended[] =
    "aaaaaaaceeeeiiiidnooooo.ouuuuytsaaaaaaaceeeeiiiidnooooo.ouuuuyty"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkklllllll"
    "lllnnnnnn.nnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
    "bbbb...cc.ddd.eeeffg...ikkl..nnooo..pp.....ttttuu.vyyzz........."
    ".............aaiioouuuuuuuuuueaaaa.aggggkkoooo..j...gg..nnaa.a.o"
    "aaaaeeeeiiiioooorrrruuuusstt..hhn...zzaaeeooooooooyylntjdq.ccl.s"
    "z..b..eejj..rryy";
constexpr char kLatinAdditional[] =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwy.s..s.aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy......";

bool is_apostrophe(uint32_t c) { return c == '\'' || c == 0x2019 || c == 0x02BC; }
bool is_space(uint32_t c) { return c <= 0x20 || c == 0x85 || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) || c == 0x3000; }
bool is_username_char(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_';
}
// Punctuation of other scripts that is_letter would take for letters (Arabic comma and question
// mark, Hindi danda, CJK and fullwidth punctuation...).
bool is_other_punctuation(uint32_t c) {
  return c == 0x060C || c == 0x061B || c == 0x061F || (c >= 0x066A && c <= 0x066D) || c == 0x06D4 || c == 0x0589 ||
         c == 0x05BE || c == 0x05C0 || c == 0x05C3 || c == 0x0964 || c == 0x0965 || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20);
}
bool is_currency(uint32_t c) {
  return c == '$' || c == 0x20AC || c == 0xA3 || c == 0xA5 || c == 0x20B9 || c == 0x20BF || c == 0x20BD;
}
// Characters that could move a terminal's cursor or reorder text around them.
bool is_control(uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200E || c == 0x200F || c == 0x061C;
}

// "http://", "https://" or "www." (any case) at cps[i].
bool link_at(const std::vector<uint32_t>& cps, size_t i) {
  for (const char* p : {"https://", "http://", "www."}) {
    size_t k = 0;
    while (p[k] && i + k < cps.size() && (cps[i + k] | 0x20) == uint32_t(p[k] | 0x20)) ++k;
    if (!p[k]) return true;
  }
  return false;
}

}  // namespace

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += char(cp);
  } else if (cp < 0x800) {
    out += char(0xC0 | (cp >> 6));
    out += char(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18));
    out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F));
    out += char(0x80 | (cp & 0x3F));
  }
}

bool is_emoji(uint32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF && !(c >= 0x1F3FB && c <= 0x1F3FF)) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2B00 && c <= 0x2BFF) || (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) ||
         (c >= 0x25A0 && c <= 0x25FF) || c == 0xA9 || c == 0xAE || c == 0x203C || c == 0x2049 || c == 0x2122 ||
         c == 0x3030 || c == 0x303D;
}

bool is_mark(uint32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || (c >= 0x0483 && c <= 0x0489) || (c >= 0x064B && c <= 0x065F) || c == 0x0670 ||
         c == 0x0640 || (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x200B && c <= 0x200D) ||
         c == 0x2060 || (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE00 && c <= 0xFE0F) ||
         (c >= 0x1F3FB && c <= 0x1F3FF) || (c >= 0xE0000 && c <= 0xE007F);
}

uint32_t fold_letter(uint32_t c) {
  if (c < 0x80) {
    if (c >= '0' && c <= '9') return '0';
    if (c >= 'A' && c <= 'Z') return c + 32;
    return c >= 'a' && c <= 'z' ? c : 0;
  }
  if (c >= 0xC0 && c < 0x250) {
    if (c == 0xD7 || c == 0xF7) return 0;
    char b = kLatin1AndExtended[c - 0xC0];
    return b == '.' ? c : uint32_t(b);
  }
  if (c >= 0x1E00 && c < 0x1F00) {
    char b = kLatinAdditional[c - 0x1E00];
    return b == '.' ? c : uint32_t(b);
  }
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                           // Cyrillic capitals
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;                           // Ѐ..Џ
  if (c == 0x451) return 0x435;                                            // ё -> е
  if (c >= 0x391 && c <= 0x3A9) return c + 0x20;                           // Greek capitals
  if (c == 0x622 || c == 0x623 || c == 0x625 || c == 0x671) return 0x627;  // alef forms
  if (c == 0x629) return 0x647;                                            // teh marbuta -> heh
  if (c == 0x649) return 0x64A;                                            // alef maksura -> yeh
  if ((c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) || (c >= 0xFF10 && c <= 0xFF19)) return '0';
  if (c >= 0xFF21 && c <= 0xFF3A) return 'a' + (c - 0xFF21);  // fullwidth Latin
  if (c >= 0xFF41 && c <= 0xFF5A) return 'a' + (c - 0xFF41);
  // Mathematical alphanumerics (bold, italic, script... Latin), a favourite of spam.
  if (c >= 0x1D400 && c <= 0x1D6A3) return 'a' + (c - 0x1D400) % 52 % 26;
  if (c >= 0x1D7CE && c <= 0x1D7FF) return '0';
  if (c >= 0x24B6 && c <= 0x24E9) return 'a' + (c - 0x24B6) % 26;  // circled letters
  if (is_emoji(c) || is_mark(c) || is_space(c) || is_currency(c) || is_other_punctuation(c)) return 0;
  return is_letter(c) ? c : 0;
}

int unspaced_letters_per_word(uint32_t c) {
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0x20000 && c <= 0x3FFFF))
    return 2;  // Han
  if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F))
    return 3;                                 // Hiragana, Katakana (halfwidth too)
  return c >= 0x0E00 && c <= 0x0EFF ? 4 : 0;  // Thai, Lao
}

size_t word_weight(std::string_view word) {
  // Twelfths of a word (12 / letters per word is whole for 2, 3 and 4), so that a Japanese
  // run mixing Han and kana is counted as one.
  size_t spaced_runs = 0, twelfths = 0;
  bool in_spaced = false;
  for (uint32_t c : utf8_decode(word)) {
    const int per = unspaced_letters_per_word(c);
    if (per) twelfths += size_t(12 / per);
    else spaced_runs += !in_spaced;
    in_spaced = !per;
  }
  return spaced_runs + (twelfths + 11) / 12;
}

TextShape text_shape(std::string_view text) {
  TextShape s;
  std::vector<uint32_t> cps = utf8_decode(text);
  s.code_points = cps.size();
  std::string word;
  auto flush = [&] {
    if (!word.empty()) s.words.push_back(std::move(word));
    word.clear();
  };
  for (size_t i = 0; i < cps.size(); ++i) {
    uint32_t c = cps[i];
    const bool at_start = word.empty();
    if (c == '@' && i + 1 < cps.size() && is_username_char(cps[i + 1])) {
      flush();
      while (i + 1 < cps.size() && is_username_char(cps[i + 1])) ++i;
      s.words.push_back("@");
      ++s.mentions;
      continue;
    }
    if (at_start && (c == 'h' || c == 'H' || c == 'w' || c == 'W') && link_at(cps, i)) {
      while (i + 1 < cps.size() && !is_space(cps[i + 1])) ++i;
      s.words.push_back("url");
      ++s.links;
      continue;
    }
    if (c == '#' && i + 1 < cps.size() && (fold_letter(cps[i + 1]) || cps[i + 1] == '_')) {
      flush();
      s.words.push_back("#");
      ++s.hashtags;
      continue;  // the hashtag's word follows as a word of its own
    }
    if (is_mark(c) || (is_apostrophe(c) && !at_start && i + 1 < cps.size() && fold_letter(cps[i + 1]))) continue;
    uint32_t f = fold_letter(c);
    if (f) {
      if (f == '0') ++s.digits;
      else ++s.letters;
      append_utf8(word, f);
      continue;
    }
    flush();
    if (is_emoji(c)) ++s.emoji;
    else if (is_currency(c)) s.words.push_back("$");
  }
  flush();
  return s;
}

std::string squeeze(std::string_view word) {
  std::string out;
  uint32_t last = 0;
  for (uint32_t c : utf8_decode(word)) {
    if (c != last) append_utf8(out, c);
    last = c;
  }
  return out;
}

std::string example_text(std::string_view text, size_t max_chars) {
  std::vector<uint32_t> cps = utf8_decode(text);
  std::string out;
  size_t shown = 0, i = 0;
  bool gap = false;  // whitespace or a control character since the last character shown
  for (; i < cps.size() && shown < max_chars; ++i) {
    uint32_t c = cps[i];
    if (is_space(c) || is_control(c)) {
      gap = !out.empty();
      continue;
    }
    if (gap) out += ' ', ++shown;
    if (c == '@' && i + 1 < cps.size() && is_username_char(cps[i + 1])) {
      while (i + 1 < cps.size() && is_username_char(cps[i + 1])) ++i;
      out += "@\xE2\x80\xA6";  // "@…": who was mentioned stays out of the report
      shown += 2;
    } else if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') &&
               (i == 0 || is_space(cps[i - 1]) || is_control(cps[i - 1])) && link_at(cps, i)) {
      while (i + 1 < cps.size() && !is_space(cps[i + 1])) ++i;
      out += "[link]";
      shown += 6;
    } else {
      append_utf8(out, c);
      ++shown;
    }
    gap = false;
  }
  while (i < cps.size() && (is_space(cps[i]) || is_control(cps[i]))) ++i;
  if (i < cps.size()) out += "\xE2\x80\xA6";  // the text goes on
  return out;
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
