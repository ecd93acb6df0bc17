// UTF-8 handling for names and bios: validation and code-point level views.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fm {

bool utf8_valid(std::string_view s);
// Decodes valid UTF-8 into code points (invalid bytes become U+FFFD).
std::vector<uint32_t> utf8_decode(std::string_view s);
// Code points in valid-or-not UTF-8 (invalid bytes count one each, as utf8_decode maps them).
size_t utf8_length(std::string_view s);

inline bool is_ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }
// Letters in any script (approximation: ASCII letters plus every non-ASCII code point
// that is not a digit, punctuation or symbol block we know of).
bool is_letter(uint32_t c);

}  // namespace fm
