#include "account.h"
#include "report.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

Result<double> audience_number(const json& a, const char* key, double lo, double hi, const std::string& w) {
  auto v = read_number(a, key, w, lo, hi);
  if (!v) return make_error("profile.options", v.error().message);
  if (!v.value()) return make_error("profile.options", w + "." + key + " is missing");
  return *v.value();
}

Result<AnalysisOptions> parse_options(const std::string& text) {
  AnalysisOptions o;
  std::string t = text;
  if (t.find_first_not_of(" \t\r\n") == std::string::npos) return o;  // "" means no options
  if (t.size() > kMaxDocumentBytes)
    return make_error("profile.options", "the options are " + std::to_string(t.size()) + " bytes; the limit is " +
                                             std::to_string(kMaxDocumentBytes));
  if (text_depth(t, kMaxDepth) > kMaxDepth)
    return make_error("profile.options", "the options nest deeper than " + std::to_string(kMaxDepth) + " levels");
  auto j = parse_json(t, "the options");
  if (!j) return make_error("profile.options", j.error().message);
  if (!j.value().is_object())
    return make_error("profile.options",
                      "the options must be a JSON object, got " + std::string(j.value().type_name()));
  auto now = read_int(j.value(), "now", "options", 0, 32503680000LL);
  if (!now) return make_error("profile.options", now.error().message);
  o.now = now.value();
  // The followers' audit estimate and, as samples of their own, the likers' and commenters'.
  for (const char* key : {"audience", "likers", "commenters"}) {
    auto a = j.value().find(key);
    if (a == j.value().end() || a->is_null()) continue;
    const std::string w = std::string("options.") + key;
    if (!a->is_object() || a->contains("error"))
      return make_error("profile.options", w + " must be a report from estimateAudience");
    double v[3];
    const char* keys[] = {"fake_percent", "ci_low", "ci_high"};
    for (int i = 0; i < 3; ++i) {
      auto x = audience_number(*a, keys[i], 0, 100, w);
      if (!x) return x.error();
      v[i] = x.value();
    }
    // A report of the engine's never has its point outside its interval: one that does is no
    // estimate to show (the badge read "≈30% fake (60–10%)").
    if (!(v[1] <= v[0] && v[0] <= v[2]))
      return make_error("profile.options", w + ": ci_low <= fake_percent <= ci_high must hold, got " +
                                               json(v[1]).dump() + ", " + json(v[0]).dump() + ", " + json(v[2]).dump());
    auto n = read_int(*a, "sample_size", w, 0, kMaxCount);
    if (!n) return make_error("profile.options", n.error().message);
    if (!n.value()) return make_error("profile.options", w + ".sample_size is missing");
    if (*n.value() < 1) return make_error("profile.options", w + ".sample_size must be at least 1");
    (key[0] == 'a' ? o.audience : key[0] == 'l' ? o.likers : o.commenters) = *a;
  }
  return o;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
