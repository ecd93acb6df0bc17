#include "flat_json.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

#include "utf8.h"

namespace fm {

namespace {
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

struct Scanner {
  const std::string& s;
  size_t i = 0;
  void skip_ws() {
    while (i < s.size() && is_ws(s[i])) ++i;
  }
  // A string without escapes or control characters, valid UTF-8.
  bool string(std::string& out) {
    if (i >= s.size() || s[i] != '"') return false;
    size_t start = ++i;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') break;
      if (c == '\\' || c < 0x20) return false;
      ++i;
    }
    if (i >= s.size()) return false;
    out.assign(s, start, i - start);
    ++i;
    return utf8_valid(out);
  }
  bool literal(const char* word) {
    size_t k = 0;
    for (; word[k]; ++k)
      if (i + k >= s.size() || s[i + k] != word[k]) return false;
    i += k;
    return true;
  }
  // A number in JSON's grammar. Whole numbers that fit are kept exact (as nlohmann keeps them);
  // others are read with strtod, which is what nlohmann's lexer uses too.
  bool number(json& out) {
    size_t start = i;
    bool neg = false;
    if (i < s.size() && s[i] == '-') { neg = true; ++i; }
    size_t int_start = i;
    uint64_t v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + static_cast<uint64_t>(s[i] - '0');
      ++i;
    }
    size_t digits = i - int_start;
    if (digits == 0 || (digits > 1 && s[int_start] == '0')) return false;
    bool whole = true;
    if (i < s.size() && s[i] == '.') {
      whole = false;
      size_t f = ++i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == f) return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      whole = false;
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      size_t e = i;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
      if (i == e) return false;
    }
    if (whole && digits <= 18) {
      if (neg) out = -static_cast<int64_t>(v);
      else out = v;  // unsigned, as nlohmann stores non-negative integers
      return true;
    }
    if (whole) return false;  // huge integers: leave their overflow rules to the full parser
    std::string token(s, start, i - start);
    char* end = nullptr;
    double d = std::strtod(token.c_str(), &end);
    if (end != token.c_str() + token.size() || !std::isfinite(d)) return false;
    out = d;
    return true;
  }
  bool value(json& out) {
    if (i >= s.size()) return false;
    char c = s[i];
    if (c == '"') {
      std::string v;
      if (!string(v)) return false;
      out = std::move(v);
      return true;
    }
    if (c == 't') { out = true; return literal("true"); }
    if (c == 'f') { out = false; return literal("false"); }
    if (c == 'n') { out = nullptr; return literal("null"); }
    if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    return false;  // objects, arrays: the full parser
  }
};
}  // namespace

bool scan_flat_object(const std::string& text, json& out) {
  Scanner sc{text};
  out = json::object();
  sc.skip_ws();
  if (sc.i >= text.size() || text[sc.i] != '{') return false;
  ++sc.i;
  sc.skip_ws();
  if (sc.i < text.size() && text[sc.i] == '}') {
    ++sc.i;
  } else {
    std::string key;
    while (true) {
      sc.skip_ws();
      if (!sc.string(key)) return false;
      sc.skip_ws();
      if (sc.i >= text.size() || text[sc.i] != ':') return false;
      ++sc.i;
      sc.skip_ws();
      json v;
      if (!sc.value(v)) return false;
      out[key] = std::move(v);  // a repeated key keeps its last value, as nlohmann does
      sc.skip_ws();
      if (sc.i >= text.size()) return false;
      if (text[sc.i] == ',') { ++sc.i; continue; }
      if (text[sc.i] == '}') { ++sc.i; break; }
      return false;
    }
  }
  sc.skip_ws();
  return sc.i == text.size();
}

}  // namespace fm
