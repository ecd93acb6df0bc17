// Checked reading of untrusted JSON. nlohmann is built with JSON_NOEXCEPTION,
// where at()/get<T>() on the wrong type aborts, so every read goes through here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "nlohmann/json.hpp"
#include "result.h"

namespace fm {

using json = nlohmann::json;

// Parses text without throwing; a syntax error becomes an Error naming the byte offset.
Result<json> parse_json(const std::string& text, const std::string& what);

// Serialises without aborting on invalid UTF-8 (replaced by U+FFFD).
std::string dump_json(const json& j, int indent = -1);

// Nesting depth of a parsed document (1 for a scalar).
int json_depth(const json& j, int stop_at = 1000);

// Field readers: absent or null -> std::nullopt; wrong type -> Error naming `where.key`.
Result<std::optional<bool>> read_bool(const json& obj, const char* key, const std::string& where);
Result<std::optional<int64_t>> read_int(const json& obj, const char* key, const std::string& where,
                                        int64_t min_value, int64_t max_value);
Result<std::optional<double>> read_number(const json& obj, const char* key, const std::string& where,
                                          double min_value, double max_value);
Result<std::optional<std::string>> read_string(const json& obj, const char* key,
                                               const std::string& where, size_t max_bytes);

// Compact number formatting for messages and reports ("0.25", "12", "1.5e+12").
std::string fmt_num(double v, int precision = 4);

}  // namespace fm
