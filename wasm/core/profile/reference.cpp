#include "reference.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "signals.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

const double kTierEdges[] = {0, 100, 300, 1000, 3000, 10000, 100000, 1e12};

// Six significant digits keep the committed file readable and its diffs small.
double r6(double v) { return std::strtod(fmt_num(v, 6).c_str(), nullptr); }

json dist_json(const Distribution& d) {
  json q = json::array();
  for (double v : d.q) q.push_back(r6(v));
  return json{{"n", d.n}, {"q", q}};
}
json line_json(const LineFit& f) { return json{{"a", r6(f.a)}, {"b", r6(f.b)}}; }
json cond_json(const Conditional& c) { return json{{"line", line_json(c.line)}, {"residual", dist_json(c.residual)}}; }

Conditional fit_conditional(const std::vector<double>& x, const std::vector<double>& y) {
  Conditional c;
  c.line = fit_line(x, y);
  std::vector<double> res;
  for (size_t i = 0; i < x.size(); ++i) res.push_back(y[i] - c.line.at(x[i]));
  c.residual = make_distribution(res);
  return c;
}

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

Reference derive_reference(const std::vector<ReferenceAccount>& accounts, const std::string& derived_from) {
  Reference r;
  r.derived_from = derived_from;
  r.benchmarks = published_benchmarks();
  r.benchmark_source = published_benchmark_source();

  std::vector<double> ex, ey, followers;
  std::vector<double> lm, disp, lmc, comm, floor, floor_ratio;
  std::vector<double> ratio, following, per_post;
  std::vector<std::pair<double, PostStats>> bought_accounts;
  for (const auto& a : accounts) {
    ratio.push_back(std::log((1 + a.following) / (1 + a.followers)));
    following.push_back(a.following);
    per_post.push_back(std::log((1 + a.followers) / (1 + a.media_count)));
    PostStats s = post_stats(a.posts);
    if (s.with_likes < kMinPostsEngagement || a.followers < 1) continue;
    ex.push_back(std::log1p(a.followers));
    ey.push_back(std::log1p(s.median_engagement));
    followers.push_back(a.followers);
    if (s.with_likes < kMinPostsBoughtLikes) continue;
    double x = std::log1p(s.median_likes);
    lm.push_back(x);
    disp.push_back(s.sd_log_likes);
    floor.push_back(s.floor_log);
    floor_ratio.push_back(std::exp(s.floor_log));
    if (s.has_comment_ratio) {
      lmc.push_back(x);
      comm.push_back(s.comment_ratio_log);
    }
    bought_accounts.push_back({a.followers, s});
  }
  r.n_accounts = int(ex.size());
  r.engagement_line = fit_line(ex, ey);
  std::vector<double> res;
  for (size_t i = 0; i < ex.size(); ++i) res.push_back(ey[i] - r.engagement_line.at(ex[i]));
  r.engagement_residual = make_distribution(res);
  // The line is trusted up to where 99% of the data lies; the published tiers take over above.
  std::vector<double> sorted_f = followers;
  std::sort(sorted_f.begin(), sorted_f.end());
  r.fit_max_followers = quantile_sorted(sorted_f, 0.95);
  for (size_t t = 0; t + 1 < sizeof kTierEdges / sizeof kTierEdges[0]; ++t) {
    DataTier d{kTierEdges[t], kTierEdges[t + 1], 0, 0};
    std::vector<double> rates;
    for (size_t i = 0; i < followers.size(); ++i)
      if (followers[i] >= d.min_followers && followers[i] < d.max_followers)
        rates.push_back(std::expm1(ey[i]) / followers[i]);
    d.n = int(rates.size());
    d.median_rate = median(rates);
    r.data_tiers.push_back(d);
  }

  r.dispersion = fit_conditional(lm, disp);
  r.comments = fit_conditional(lmc, comm);
  r.floor = fit_conditional(lm, floor);
  r.floor_ratio_median = median(floor_ratio);
  r.n_bought_likes = int(bought_accounts.size());
  // The alarm threshold: the score 95% of the real reference accounts stay under.
  std::vector<double> scores;
  for (const auto& [f, s] : bought_accounts) scores.push_back(bought_likes_signal(r, f, s).score);
  std::sort(scores.begin(), scores.end());
  r.bought_likes_threshold = scores.empty() ? 1.645 : quantile_sorted(scores, 0.95);

  r.following_ratio = make_distribution(ratio);
  r.following_count = make_distribution(following);
  r.followers_per_post = make_distribution(per_post);
  return r;
}

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
