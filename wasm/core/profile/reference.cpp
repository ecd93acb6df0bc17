#include "reference.h"

#include <algorithm>
#include <cmath>

#include "reference_io.h"
#include "signals.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

json reference_to_json(const Reference& r) {
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
        {"residual", distribution_json(r.engagement_residual)},
        {"fit_max_followers", round6(r.fit_max_followers)},
        {"data_tiers", data_tiers_json(r.data_tiers)},
        {"benchmark_source", r.benchmark_source},
        {"benchmarks_percent", bench}}},
      {"bought_likes",
       {{"n_accounts", r.n_bought_likes},
        {"dispersion", conditional_json(r.dispersion)},
        {"comments", conditional_json(r.comments)},
        {"floor", conditional_json(r.floor)},
        {"floor_ratio_median", round6(r.floor_ratio_median)},
        {"threshold", round6(r.bought_likes_threshold)}}},
      {"following",
       {{"ratio_log", distribution_json(r.following_ratio)}, {"count", distribution_json(r.following_count)}}},
      {"history", {{"followers_per_post_log", distribution_json(r.followers_per_post)}}},
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
  const json* e;
  FM_REF_GET(e, read_ref_object(j, "engagement", ""));
  double n;
  FM_REF_GET(n, read_ref_number(*e, "n_accounts", "engagement"));
  r.n_accounts = int(n);
  FM_REF_GET(r.engagement_line, read_line(*e, "line", "engagement"));
  FM_REF_GET(r.engagement_residual, read_distribution(*e, "residual", "engagement"));
  FM_REF_GET(r.fit_max_followers, read_ref_number(*e, "fit_max_followers", "engagement"));
  FM_REF_GET(r.data_tiers, read_data_tiers(*e, "data_tiers", "engagement"));
  auto bench = e->find("benchmarks_percent");
  if (bench == e->end() || !bench->is_array())
    return make_error("reference.shape", "engagement.benchmarks_percent must be an array");
  for (const auto& t : *bench) {
    if (!t.is_object()) return make_error("reference.shape", "engagement.benchmarks_percent holds a non-object");
    BenchmarkTier b;
    const std::string w = "engagement.benchmarks_percent";
    FM_REF_GET(b.min_followers, read_ref_number(t, "min_followers", w));
    FM_REF_GET(b.max_followers, read_ref_number(t, "max_followers", w));
    FM_REF_GET(b.low, read_ref_number(t, "low", w));
    FM_REF_GET(b.avg_low, read_ref_number(t, "avg_low", w));
    FM_REF_GET(b.avg_high, read_ref_number(t, "avg_high", w));
    FM_REF_GET(b.high, read_ref_number(t, "high", w));
    r.benchmarks.push_back(b);
  }
  auto source = read_string(*e, "benchmark_source", "engagement", 10000);
  if (source && source.value()) r.benchmark_source = *source.value();
  const json* b;
  FM_REF_GET(b, read_ref_object(j, "bought_likes", ""));
  FM_REF_GET(n, read_ref_number(*b, "n_accounts", "bought_likes"));
  r.n_bought_likes = int(n);
  FM_REF_GET(r.dispersion, read_conditional(*b, "dispersion", "bought_likes"));
  FM_REF_GET(r.comments, read_conditional(*b, "comments", "bought_likes"));
  FM_REF_GET(r.floor, read_conditional(*b, "floor", "bought_likes"));
  FM_REF_GET(r.floor_ratio_median, read_ref_number(*b, "floor_ratio_median", "bought_likes"));
  FM_REF_GET(r.bought_likes_threshold, read_ref_number(*b, "threshold", "bought_likes"));
  const json* f;
  FM_REF_GET(f, read_ref_object(j, "following", ""));
  FM_REF_GET(r.following_ratio, read_distribution(*f, "ratio_log", "following"));
  FM_REF_GET(r.following_count, read_distribution(*f, "count", "following"));
  const json* h;
  FM_REF_GET(h, read_ref_object(j, "history", ""));
  FM_REF_GET(r.followers_per_post, read_distribution(*h, "followers_per_post_log", "history"));
  if (r.engagement_residual.empty()) return make_error("reference.shape", "engagement.residual is empty");
  return r;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
