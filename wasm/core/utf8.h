// UTF-8 handling for names and bios: validation and code-point level views.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace fm {

bool utf8_valid(const std::string& s);
// Decodes valid UTF-8 into code points (invalid bytes become U+FFFD).
std::vector<uint32_t> utf8_decode(const std::string& s);

inline bool is_ascii_digit(uint32_t c) { return c >= '0' && c <= '9'; }
// Letters in any script (approximation: ASCII letters plus every non-ASCII code point
// that is not a digit, punctuation or symbol block we know of).
bool is_letter(uint32_t c);

}  // namespace fm
