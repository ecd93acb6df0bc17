// Checked reading of untrusted JSON. nlohmann is built with JSON_NOEXCEPTION,
// where at()/get<T>() on the wrong type aborts, so every read goes through here.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>

#include "nlohmann/json.hpp"
#include "result.h"

namespace fm {

using json = nlohmann::json;

// Limits every parse enforces before nlohmann sees the text (a cheap byte scan), so no
// entry point can be made to recurse deeply or build an unbounded document:
// - depth: Instagram's deepest document (web_profile_info) nests about 10 levels; nlohmann's
//   dump, copy and compare recurse, so thousands of levels would overflow the stack.
// - bytes and values: the wasm heap stops at 256 MB and a parsed value costs up to ~100 bytes
//   (empty objects are the worst case); 1M values stays well under the ceiling.
constexpr int kMaxJsonDepth = 64;
constexpr size_t kMaxJsonBytes = 32u << 20;   // 32 MiB
constexpr size_t kMaxJsonValues = 1'000'000;  // scalars, arrays and objects counted together

// Walks JSON text byte by byte as its structure goes, without parsing it: calls
// visit(i, c, in_string) for each byte in order, in_string telling whether the byte lies within
// a string literal (after its opening quote, up to and including its closing one), so brackets
// and commas inside strings can be told apart. Stops early when visit returns false.
template <typename Visit>
void walk_json_text(const std::string& text, Visit visit) {
  bool in_string = false, escaped = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool inside = in_string;
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    }
    if (!visit(i, c, inside)) return;
  }
}

// Parses text without throwing; a syntax error becomes an Error naming the byte offset
// (id "json.parse"); past a limit above, "json.depth" or "json.size" naming the limit.
// A NUL byte is a syntax error (nlohmann would stop reading there and accept the prefix).
// Half of a surrogate pair escaped alone ("\ud83c": a text cut mid-emoji) reads as U+FFFD.
Result<json> parse_json(const std::string& text, const std::string& what);

// Serialises without aborting on invalid UTF-8 (replaced by U+FFFD).
std::string dump_json(const json& j, int indent = -1);

// Nesting depth of a parsed document (1 for a scalar).
int json_depth(const json& j, int stop_at = 1000);

// Field readers: absent or null -> std::nullopt; wrong type -> Error naming `where.key`.
Result<std::optional<bool>> read_bool(const json& obj, const char* key, const std::string& where);
Result<std::optional<int64_t>> read_int(const json& obj,
                                        const char* key,
                                        const std::string& where,
                                        int64_t min_value,
                                        int64_t max_value);
Result<std::optional<double>> read_number(const json& obj,
                                          const char* key,
                                          const std::string& where,
                                          double min_value,
                                          double max_value);
Result<std::optional<std::string>> read_string(const json& obj,
                                               const char* key,
                                               const std::string& where,
                                               size_t max_bytes);

// 10^0 .. 10^22: every one is exactly a double (number reading and formatting rely on that).
inline constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// Appends a number exactly as nlohmann's dump writes it (shortest round-trip form).
void append_json_number(std::string& out, double v);
// Appends a quoted, escaped JSON string (invalid UTF-8 replaced).
void append_json_string(std::string& out, const std::string& s);

// Compact number formatting for messages and reports ("0.25", "12", "1.5e+12").
std::string fmt_num(double v, int precision = 4);

// `text` with each '@' replaced by the next of `args` in turn (one call per sentence keeps
// wording in one literal and the engine small).
std::string fill(const char* text, std::initializer_list<std::string> args);

}  // namespace fm
