#include "flat_json.h"

#include <cmath>
#include <cstdlib>
#include <string>

#include "utf8.h"

namespace fm {

namespace {
bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

// Clinger's fast path: a decimal of at most 15 significant digits times 10^e with |e| <= 22
// is one correctly rounded IEEE operation on two exact doubles, so it equals strtod's
// answer; strtod itself goes through emulated long double in wasm. Anything else: false.
bool fast_decimal(std::string_view t, double& out) {
  size_t i = 0;
  bool neg = i < t.size() && t[i] == '-';
  if (neg) ++i;
  uint64_t m = 0;
  int sig = 0, exp10 = 0;
  bool frac = false;
  for (; i < t.size() && t[i] != 'e' && t[i] != 'E'; ++i) {
    if (t[i] == '.') {
      frac = true;
      continue;
    }
    int d = t[i] - '0';
    if (m == 0 && d == 0) {  // leading zeros are not significant
      if (frac) --exp10;
      continue;
    }
    if (++sig > 15) return false;
    m = m * 10 + static_cast<uint64_t>(d);
    if (frac) --exp10;
  }
  if (i < t.size()) {  // exponent: the grammar was checked by the caller
    ++i;
    bool eneg = t[i] == '-';
    if (t[i] == '+' || t[i] == '-') ++i;
    int e = 0;
    for (; i < t.size(); ++i) {
      e = e * 10 + (t[i] - '0');
      if (e > 1000) return false;
    }
    exp10 += eneg ? -e : e;
  }
  double v = static_cast<double>(m);
  if (m == 0) exp10 = 0;
  if (exp10 < -22 || exp10 > 22) return false;
  v = exp10 < 0 ? v / kPow10[-exp10] : v * kPow10[exp10];
  out = neg ? -v : v;
  return true;
}

namespace {

struct Scanner {
  std::string_view s;
  size_t i = 0;
  void skip_ws() {
    while (i < s.size() && is_ws(s[i])) ++i;
  }
  // A string without escapes or control characters, valid UTF-8.
  bool string(std::string_view& out) {
    if (i >= s.size() || s[i] != '"') return false;
    size_t start = ++i;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == '"') break;
      if (c == '\\' || c < 0x20) return false;
      ++i;
    }
    if (i >= s.size()) return false;
    out = s.substr(start, i - start);
    ++i;
    return utf8_valid(out);
  }
  bool literal(std::string_view word) {
    if (s.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  }
  // A number in JSON's grammar. Whole numbers that fit are kept exact (as nlohmann keeps them);
  // others are read with strtod, which is what nlohmann's lexer uses too.
  bool number(FlatValue& out) {
    size_t start = i;
    bool neg = false;
    if (i < s.size() && s[i] == '-') {
      neg = true;
      ++i;
    }
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
      if (neg) {
        out.kind = FlatValue::Kind::kInt;
        out.i = -static_cast<int64_t>(v);
      } else {
        out.kind = FlatValue::Kind::kUint;
        out.u = v;
      }
      return true;
    }
    if (whole) return false;  // huge integers: leave their overflow rules to the full parser
    if (fast_decimal(s.substr(start, i - start), out.d)) {
      out.kind = FlatValue::Kind::kDouble;
      return true;
    }
    std::string token(s.substr(start, i - start));
    char* end = nullptr;
    double d = std::strtod(token.c_str(), &end);
    if (end != token.c_str() + token.size() || !std::isfinite(d)) return false;
    out.kind = FlatValue::Kind::kDouble;
    out.d = d;
    return true;
  }
  bool value(FlatValue& out) {
    if (i >= s.size()) return false;
    char c = s[i];
    if (c == '"') {
      out.kind = FlatValue::Kind::kString;
      return string(out.s);
    }
    if (c == 't') {
      out.kind = FlatValue::Kind::kBool;
      out.b = true;
      return literal("true");
    }
    if (c == 'f') {
      out.kind = FlatValue::Kind::kBool;
      out.b = false;
      return literal("false");
    }
    if (c == 'n') {
      out.kind = FlatValue::Kind::kNull;
      return literal("null");
    }
    if (c == '-' || (c >= '0' && c <= '9')) return number(out);
    return false;  // objects, arrays: the full parser
  }
};
}  // namespace

bool scan_flat_object(std::string_view text, FlatObject& out) {
  Scanner sc{text};
  out.size = 0;
  sc.skip_ws();
  if (sc.i >= text.size() || text[sc.i] != '{') return false;
  ++sc.i;
  sc.skip_ws();
  if (sc.i < text.size() && text[sc.i] == '}') {
    ++sc.i;
  } else {
    while (true) {
      if (out.size == FlatObject::kMaxMembers) return false;
      FlatMember& m = out.members[out.size++];
      sc.skip_ws();
      if (!sc.string(m.key)) return false;
      sc.skip_ws();
      if (sc.i >= text.size() || text[sc.i] != ':') return false;
      ++sc.i;
      sc.skip_ws();
      if (!sc.value(m.value)) return false;
      sc.skip_ws();
      if (sc.i >= text.size()) return false;
      if (text[sc.i] == ',') {
        ++sc.i;
        continue;
      }
      if (text[sc.i] == '}') {
        ++sc.i;
        break;
      }
      return false;
    }
  }
  sc.skip_ws();
  return sc.i == text.size();
}

json flat_to_json(const FlatObject& obj) {
  json out = json::object();
  for (size_t k = 0; k < obj.size; ++k) {
    const FlatValue& v = obj.members[k].value;
    json& slot = out[std::string(obj.members[k].key)];
    switch (v.kind) {
      case FlatValue::Kind::kNull: slot = nullptr; break;
      case FlatValue::Kind::kBool: slot = v.b; break;
      case FlatValue::Kind::kInt: slot = v.i; break;
      case FlatValue::Kind::kUint: slot = v.u; break;
      case FlatValue::Kind::kDouble: slot = v.d; break;
      case FlatValue::Kind::kString: slot = std::string(v.s); break;
    }
  }
  return out;
}

}  // namespace fm
