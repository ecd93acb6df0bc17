#include "reference.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

// Six significant digits keep the committed file readable and its diffs small.
double r6(double v) { return std::strtod(fmt_num(v, 6).c_str(), nullptr); }

json dist_json(const Distribution& d) {
  json q = json::array();
  for (double v : d.q) q.push_back(r6(v));
  return json{{"n", d.n}, {"q", q}};
}
json line_json(const LineFit& f) { return json{{"a", r6(f.a)}, {"b", r6(f.b)}}; }
json cond_json(const Conditional& c) { return json{{"line", line_json(c.line)}, {"residual", dist_json(c.residual)}}; }

// ---- reading (checked: the text is ours, but a broken file must be an error, not an abort)
Result<double> num(const json& o, const char* key, const std::string& where) {
  auto v = read_number(o, key, where, -1e15, 1e15);
  if (!v) return v.error();
  if (!v.value()) return make_error("reference.shape", where + "." + key + " is missing");
  return *v.value();
}
Result<const json*> obj(const json& o, const char* key, const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_object()) return make_error("reference.shape", where + "." + key + " must be an object");
  return &*it;
}
Result<Distribution> read_dist(const json& o, const char* key, const std::string& where) {
  auto d = obj(o, key, where);
  if (!d) return d.error();
  Distribution out;
  auto n = num(*d.value(), "n", where + "." + key);
  if (!n) return n.error();
  out.n = int(n.value());
  auto q = d.value()->find("q");
  if (q == d.value()->end() || !q->is_array() || q->size() < 2)
    return make_error("reference.shape", where + "." + key + ".q must be an array of at least 2 numbers");
  for (const auto& v : *q) {
    if (!v.is_number()) return make_error("reference.shape", where + "." + key + ".q holds a non-number");
    double x = v.get<double>();
    if (!out.q.empty() && x < out.q.back())
      return make_error("reference.shape", where + "." + key + ".q must not decrease");
    out.q.push_back(x);
  }
  return out;
}
Result<LineFit> read_line(const json& o, const char* key, const std::string& where) {
  auto d = obj(o, key, where);
  if (!d) return d.error();
  LineFit f;
  auto a = num(*d.value(), "a", where + "." + key);
  if (!a) return a.error();
  auto b = num(*d.value(), "b", where + "." + key);
  if (!b) return b.error();
  f.a = a.value();
  f.b = b.value();
  return f;
}
Result<Conditional> read_cond(const json& o, const char* key, const std::string& where) {
  auto d = obj(o, key, where);
  if (!d) return d.error();
  Conditional c;
  auto l = read_line(*d.value(), "line", where + "." + key);
  if (!l) return l.error();
  auto r = read_dist(*d.value(), "residual", where + "." + key);
  if (!r) return r.error();
  c.line = l.value();
  c.residual = r.value();
  return c;
}

}  // namespace

json reference_to_json(const Reference& r) {
  json tiers = json::array();
  for (const auto& d : r.data_tiers)
    tiers.push_back({{"min_followers", d.min_followers},
                     {"max_followers", d.max_followers},
                     {"n", d.n},
                     {"median_rate", r6(d.median_rate)}});
  json bench = json::array();
  for (const auto& b : r.benchmarks)
    bench.push_back({{"min_followers", b.min_followers},
                     {"max_followers", b.max_followers},
                     {"low", b.low},
                     {"avg_low", b.avg_low},
                     {"avg_high", b.avg_high},
                     {"high", b.high}});
  return json{
      {"format", "fakemeter-engagement-reference"},
      {"format_version", 1},
      {"derived_from", r.derived_from},
      {"post_window", kPostWindow},
      {"engagement",
       {{"n_accounts", r.n_accounts},
        {"line", line_json(r.engagement_line)},
        {"residual", dist_json(r.engagement_residual)},
        {"fit_max_followers", r6(r.fit_max_followers)},
        {"data_tiers", tiers},
        {"benchmark_source", r.benchmark_source},
        {"benchmarks_percent", bench}}},
      {"bought_likes",
       {{"n_accounts", r.n_bought_likes},
        {"dispersion", cond_json(r.dispersion)},
        {"comments", cond_json(r.comments)},
        {"floor", cond_json(r.floor)},
        {"floor_ratio_median", r6(r.floor_ratio_median)},
        {"threshold", r6(r.bought_likes_threshold)}}},
      {"following", {{"ratio_log", dist_json(r.following_ratio)}, {"count", dist_json(r.following_count)}}},
      {"history", {{"followers_per_post_log", dist_json(r.followers_per_post)}}},
  };
}

Result<Reference> reference_from_text(const std::string& text) {
  auto parsed = parse_json(text, "the engagement reference");
  if (!parsed) return make_error("reference.parse", parsed.error().message);
  const json& j = parsed.value();
  if (!j.is_object()) return make_error("reference.shape", "the engagement reference must be a JSON object");
  auto format = read_string(j, "format", "", 100);
  if (!format || !format.value() || *format.value() != "fakemeter-engagement-reference")
    return make_error("reference.shape", "not a fakemeter-engagement-reference file");
  Reference r;
  auto from = read_string(j, "derived_from", "", 10000);
  if (from && from.value()) r.derived_from = *from.value();
#define FM_GET(target, expr)    \
  do {                          \
    auto v_ = (expr);           \
    if (!v_) return v_.error(); \
    target = v_.value();        \
  } while (0)
  const json* e;
  FM_GET(e, obj(j, "engagement", ""));
  double n;
  FM_GET(n, num(*e, "n_accounts", "engagement"));
  r.n_accounts = int(n);
  FM_GET(r.engagement_line, read_line(*e, "line", "engagement"));
  FM_GET(r.engagement_residual, read_dist(*e, "residual", "engagement"));
  FM_GET(r.fit_max_followers, num(*e, "fit_max_followers", "engagement"));
  auto tiers = e->find("data_tiers");
  if (tiers == e->end() || !tiers->is_array())
    return make_error("reference.shape", "engagement.data_tiers must be an array");
  for (const auto& t : *tiers) {
    if (!t.is_object()) return make_error("reference.shape", "engagement.data_tiers holds a non-object");
    DataTier d;
    FM_GET(d.min_followers, num(t, "min_followers", "engagement.data_tiers"));
    FM_GET(d.max_followers, num(t, "max_followers", "engagement.data_tiers"));
    FM_GET(n, num(t, "n", "engagement.data_tiers"));
    d.n = int(n);
    FM_GET(d.median_rate, num(t, "median_rate", "engagement.data_tiers"));
    r.data_tiers.push_back(d);
  }
  auto bench = e->find("benchmarks_percent");
  if (bench == e->end() || !bench->is_array())
    return make_error("reference.shape", "engagement.benchmarks_percent must be an array");
  for (const auto& t : *bench) {
    if (!t.is_object()) return make_error("reference.shape", "engagement.benchmarks_percent holds a non-object");
    BenchmarkTier b;
    const std::string w = "engagement.benchmarks_percent";
    FM_GET(b.min_followers, num(t, "min_followers", w));
    FM_GET(b.max_followers, num(t, "max_followers", w));
    FM_GET(b.low, num(t, "low", w));
    FM_GET(b.avg_low, num(t, "avg_low", w));
    FM_GET(b.avg_high, num(t, "avg_high", w));
    FM_GET(b.high, num(t, "high", w));
    r.benchmarks.push_back(b);
  }
  auto source = read_string(*e, "benchmark_source", "engagement", 10000);
  if (source && source.value()) r.benchmark_source = *source.value();
  const json* b;
  FM_GET(b, obj(j, "bought_likes", ""));
  FM_GET(n, num(*b, "n_accounts", "bought_likes"));
  r.n_bought_likes = int(n);
  FM_GET(r.dispersion, read_cond(*b, "dispersion", "bought_likes"));
  FM_GET(r.comments, read_cond(*b, "comments", "bought_likes"));
  FM_GET(r.floor, read_cond(*b, "floor", "bought_likes"));
  FM_GET(r.floor_ratio_median, num(*b, "floor_ratio_median", "bought_likes"));
  FM_GET(r.bought_likes_threshold, num(*b, "threshold", "bought_likes"));
  const json* f;
  FM_GET(f, obj(j, "following", ""));
  FM_GET(r.following_ratio, read_dist(*f, "ratio_log", "following"));
  FM_GET(r.following_count, read_dist(*f, "count", "following"));
  const json* h;
  FM_GET(h, obj(j, "history", ""));
  FM_GET(r.followers_per_post, read_dist(*h, "followers_per_post_log", "history"));
#undef FM_GET
  if (r.engagement_residual.empty()) return make_error("reference.shape", "engagement.residual is empty");
  return r;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
