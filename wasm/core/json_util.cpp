#include "json_util.h"

#include <cstring>

#include <cmath>
#include <cstdio>

#include "size_optimized.h"
#include "utf8.h"

// Reading JSON runs on model load and on records the fast path declines: built for size.
FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
// One pass over the bytes (walk_json_text: brackets inside strings do not count).
// Values are bounded above by 1 + brackets opened + commas. Stops at the first limit,
// so a hostile text costs one scan and no allocation. The same pass notes whether a string may
// hold an escaped half of a surrogate pair ("\ud8.." to "\udf..", or an escaped backslash
// before such text), so mend_lone_surrogates scans again only then.
std::optional<Error> check_limits(const std::string& text, const std::string& what, bool& maybe_surrogate) {
  if (text.size() > kMaxJsonBytes)
    return make_error("json.size", what + " is too large (" + std::to_string(text.size()) + " bytes, limit " +
                                       std::to_string(kMaxJsonBytes) + ")");
  int depth = 0;
  size_t values = 1;
  std::optional<Error> fault;
  walk_json_text(text, [&](size_t i, char c, bool in_string) {
    if (c == '\0') {
      fault = make_error("json.parse", what + " is not valid JSON: NUL byte at byte " + std::to_string(i));
    } else if (in_string) {
      if (c == '\\' && i + 3 < text.size() && text[i + 1] == 'u' && (text[i + 2] | 0x20) == 'd') {
        const char d = static_cast<char>(text[i + 3] | 0x20);  // "\ud800" to "\udfff"
        if ((d >= '8' && d <= '9') || (d >= 'a' && d <= 'f')) maybe_surrogate = true;
      }
      return true;
    } else if (c == ']' || c == '}') {
      --depth;
    } else if (c == '[' || c == '{' || c == ',') {
      if ((c == '[' || c == '{') && ++depth > kMaxJsonDepth)
        fault = make_error("json.depth", what + " nests deeper than " + std::to_string(kMaxJsonDepth) +
                                             " levels (at byte " + std::to_string(i) + ")");
      else if (++values > kMaxJsonValues)
        fault = make_error("json.size", what + " has more than " + std::to_string(kMaxJsonValues) +
                                            " values (at byte " + std::to_string(i) + ")");
    }
    return !fault;
  });
  return fault;
}
}  // namespace

namespace {
// Builds the document like nlohmann's own non-throwing parse, and keeps where a syntax error
// happened so the message can point at it. Parsing through this one SAX type is the engine's
// only instantiation of nlohmann's parser (json::parse would add two more, for its DOM parsers
// with and without a callback, and a second pass for the offset a third: ~5 KB of the .wasm).
struct DomSax {
  nlohmann::detail::json_sax_dom_parser<json> dom;
  size_t where = 0;
  std::string token;
  bool failed = false;
  explicit DomSax(json& result) : dom(result, /*allow_exceptions=*/false) {}
  using Int = json::number_integer_t;
  using Uint = json::number_unsigned_t;
  using Float = json::number_float_t;
  bool null() { return dom.null(); }
  bool boolean(bool v) { return dom.boolean(v); }
  bool number_integer(Int v) { return dom.number_integer(v); }
  bool number_unsigned(Uint v) { return dom.number_unsigned(v); }
  bool number_float(Float v, const json::string_t& s) { return dom.number_float(v, s); }
  bool string(json::string_t& v) { return dom.string(v); }
  bool binary(json::binary_t& v) { return dom.binary(v); }
  bool start_object(std::size_t n) { return dom.start_object(n); }
  bool key(json::string_t& k) { return dom.key(k); }
  bool end_object() { return dom.end_object(); }
  bool start_array(std::size_t n) { return dom.start_array(n); }
  bool end_array() { return dom.end_array(); }
  bool parse_error(std::size_t pos, const std::string& last, const nlohmann::detail::exception&) {
    where = pos;
    token = last;
    failed = true;
    return false;
  }
};
}  // namespace

namespace {
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The UTF-16 code unit of a "\uXXXX" escape starting at `i`, or -1.
int escaped_unit(const std::string& text, size_t i) {
  if (i + 6 > text.size() || text[i] != '\\' || text[i + 1] != 'u') return -1;
  int v = 0;
  for (size_t k = i + 2; k < i + 6; ++k) {
    int h = hex_value(text[k]);
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

// A text cut in the middle of an emoji (a name or bio shortened by its writer's app) carries half
// of a surrogate pair, "\ud83c", which JSON's grammar allows and Instagram's own app reads; the
// parser refuses it, and with it the whole profile. Each unpaired half becomes "\ufffd" (the
// replacement character), the same length, so byte offsets in errors stay those of the text.
// Returns the mended copy, or nothing when there is nothing to mend.
std::optional<std::string> mend_lone_surrogates(const std::string& text) {
  std::optional<std::string> mended;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!in_string) {
      in_string = c == '"';
      continue;
    }
    if (c == '"') {
      in_string = false;
    } else if (c == '\\') {
      int unit = escaped_unit(text, i);
      if (unit < 0) {
        ++i;  // any other escape: its next byte is not a quote or an escape of its own
        continue;
      }
      bool high = unit >= 0xD800 && unit <= 0xDBFF, low = unit >= 0xDC00 && unit <= 0xDFFF;
      int next = high ? escaped_unit(text, i + 6) : -1;
      if (high && next >= 0xDC00 && next <= 0xDFFF) {
        i += 11;  // a whole pair
        continue;
      }
      if (high || low) {
        if (!mended) mended = text;
        mended->replace(i, 6, "\\ufffd");
      }
      i += 5;
    }
  }
  return mended;
}
}  // namespace

Result<json> parse_json(const std::string& raw, const std::string& what) {
  bool maybe_surrogate = false;
  if (auto limit = check_limits(raw, what, maybe_surrogate)) return *limit;
  const std::optional<std::string> mended = maybe_surrogate ? mend_lone_surrogates(raw) : std::nullopt;
  const std::string& text = mended ? *mended : raw;
  json j;
  DomSax sax(j);
  // strict: the whole text must be one value (trailing bytes are a syntax error).
  nlohmann::detail::parser<json, decltype(nlohmann::detail::input_adapter(text))>(
      nlohmann::detail::input_adapter(text), nullptr, /*allow_exceptions=*/false, /*skip_comments=*/false)
      .sax_parse(&sax, /*strict=*/true);
  if (!sax.failed) return j;
  std::string near = sax.token.size() > 24 ? sax.token.substr(0, 24) : sax.token;
  std::string msg = what + " is not valid JSON";
  if (text.empty()) {
    msg += ": it is empty";
  } else if (sax.where >= text.size()) {
    msg += ": it ends early (truncated?) at byte " + std::to_string(sax.where);
  } else {
    msg += ": syntax error at byte " + std::to_string(sax.where);
    if (!near.empty() && utf8_valid(near)) msg += " near '" + near + "'";
  }
  return make_error("json.parse", msg);
}

std::string dump_json(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

int json_depth(const json& j, int stop_at) {
  if (stop_at <= 0) return 1;
  int deepest = 0;
  if (j.is_object() || j.is_array()) {
    for (const auto& v : j) {
      int d = json_depth(v, stop_at - 1);
      if (d > deepest) deepest = d;
    }
  }
  return deepest + 1;
}

static std::string field(const std::string& where, const char* key) {
  return where.empty() ? std::string(key) : where + "." + key;
}

Result<std::optional<bool>> read_bool(const json& obj, const char* key, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<bool>{};
  if (it->is_boolean()) return std::optional<bool>{it->get<bool>()};
  // Data sets write booleans as 0/1; accept exactly those two numbers.
  if (it->is_number_integer() || it->is_number_unsigned()) {
    int64_t v = it->get<int64_t>();
    if (v == 0 || v == 1) return std::optional<bool>{v == 1};
  }
  return make_error("account.type", "field '" + field(where, key) + "' must be true or false (or 1 or 0), got " +
                                        dump_json(*it).substr(0, 40));
}

Result<std::optional<int64_t>> read_int(const json& obj,
                                        const char* key,
                                        const std::string& where,
                                        int64_t min_value,
                                        int64_t max_value) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<int64_t>{};
  double v;
  if (it->is_number_integer()) {
    v = static_cast<double>(it->get<int64_t>());
  } else if (it->is_number_unsigned()) {
    v = static_cast<double>(it->get<uint64_t>());
  } else if (it->is_number_float()) {
    v = it->get<double>();
    if (!std::isfinite(v) || std::floor(v) != v)
      return make_error("account.type",
                        "field '" + field(where, key) + "' must be a whole number, got " + dump_json(*it));
  } else {
    return make_error("account.type",
                      "field '" + field(where, key) + "' must be a number, got " + dump_json(*it).substr(0, 40));
  }
  if (v < static_cast<double>(min_value))
    return make_error("account.range", "field '" + field(where, key) + "' must be at least " +
                                           std::to_string(min_value) + ", got " + fmt_num(v, 12));
  if (v > static_cast<double>(max_value))
    return make_error("account.range", "field '" + field(where, key) + "' is absurdly large (" + fmt_num(v, 12) +
                                           " > " + fmt_num(double(max_value), 12) + ")");
  return std::optional<int64_t>{static_cast<int64_t>(v)};
}

Result<std::optional<double>> read_number(const json& obj,
                                          const char* key,
                                          const std::string& where,
                                          double min_value,
                                          double max_value) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<double>{};
  if (!it->is_number())
    return make_error("account.type",
                      "field '" + field(where, key) + "' must be a number, got " + dump_json(*it).substr(0, 40));
  double v = it->get<double>();
  if (!std::isfinite(v) || v < min_value || v > max_value)
    return make_error("account.range", "field '" + field(where, key) + "' must be between " + fmt_num(min_value) +
                                           " and " + fmt_num(max_value) + ", got " + fmt_num(v));
  return std::optional<double>{v};
}

Result<std::optional<std::string>> read_string(const json& obj,
                                               const char* key,
                                               const std::string& where,
                                               size_t max_bytes) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_string())
    return make_error("account.type",
                      "field '" + field(where, key) + "' must be text, got " + dump_json(*it).substr(0, 40));
  const std::string& s = it->get_ref<const std::string&>();
  if (s.size() > max_bytes)
    return make_error("account.range", "field '" + field(where, key) + "' is too long (" + std::to_string(s.size()) +
                                           " bytes, limit " + std::to_string(max_bytes) + ")");
  if (!utf8_valid(s)) return make_error("account.utf8", "field '" + field(where, key) + "' is not valid UTF-8");
  return std::optional<std::string>{s};
}

std::string fill(const char* text, std::initializer_list<std::string> args) {
  std::string out;
  auto next = args.begin();
  for (const char* c = text; *c; ++c) {
    if (*c == '@' && next != args.end()) out += *next++;
    else out += *c;
  }
  return out;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END

// Writing: on every scored account.
namespace fm {

std::string fmt_num(double v, int precision) {
  // Reads like printf's %.*g, but printf goes through long double, which wasm emulates in
  // software (slow): round to `precision` significant digits ourselves.
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  if (v == 0) return "0";
  if (precision < 1) precision = 1;
  if (precision > 17) precision = 17;
  double a = std::fabs(v);
  // Whole numbers that fit the precision print as themselves (most counts in reasons).
  if (std::floor(a) == a && a < kPow10[precision] && a < 1e15) return std::to_string(static_cast<long long>(v));
  int magnitude = static_cast<int>(std::floor(std::log10(a)));
  // The significant digits as a whole number, e.g. 0.012345 at 3 digits -> 123, magnitude -2.
  double digits = std::round(a / std::pow(10.0, magnitude - precision + 1));
  if (digits >= std::pow(10.0, precision)) {  // 9.9996 -> 10.00: one more order of magnitude
    digits = std::round(digits / 10);
    ++magnitude;
  }
  std::string d = std::to_string(static_cast<long long>(digits));
  std::string out = v < 0 ? "-" : "";
  if (magnitude < -4 || magnitude >= precision) {  // exponent form, as %g: 1.5e+12, 2e-05
    std::string frac = d.substr(1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    out += d.substr(0, 1);
    if (!frac.empty()) out += "." + frac;
    std::string e = std::to_string(magnitude < 0 ? -magnitude : magnitude);
    out += std::string("e") + (magnitude < 0 ? "-" : "+") + (e.size() < 2 ? "0" : "") + e;
    return out;
  }
  if (magnitude >= 0) {  // d has `precision` digits; the point goes after magnitude+1 of them
    std::string whole = d.substr(0, magnitude + 1), frac = d.substr(magnitude + 1);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return out + whole + (frac.empty() ? "" : "." + frac);
  }
  std::string frac = std::string(-magnitude - 1, '0') + d;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  return out + "0." + frac;
}

void append_json_number(std::string& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }  // as nlohmann dumps non-finite numbers
  char buf[64];
  char* end = nlohmann::detail::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void append_json_string(std::string& out, const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  const size_t mark = out.size();
  out += '"';
  size_t run = 0;  // plain bytes are copied in runs, not one by one
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight plain ASCII bytes at a time (no control byte, quote, backslash or high bit):
    // the common case, skipped without a test per byte.
    for (uint64_t w; i + 8 <= s.size(); i += 8) {
      std::memcpy(&w, s.data() + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
      uint64_t quote = w ^ (kOnes * '"'), slash = w ^ (kOnes * '\\');
      uint64_t special = (w - kOnes * 0x20) | (quote - kOnes) | (slash - kOnes) | w;
      if (special & kHighs) break;  // some byte needs a look (exact test below)
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  if (!utf8_valid(s)) {  // rare: let nlohmann replace the bad bytes
    out.resize(mark);
    out += dump_json(json(s));
    return;
  }
  out.append(s, run, s.size() - run);
  out += '"';
}

}  // namespace fm
