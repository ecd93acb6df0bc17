#include "large_reference.h"

#include "reference_io.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

json large_reference_to_json(const LargeReference& r) {
  return json{{"format", "fakemeter-large-accounts-reference"},
              {"format_version", 1},
              {"derived_from", r.derived_from},
              {"year", r.year},
              {"post_window", kPostWindow},
              {"n_accounts", r.n_accounts},
              {"min_followers", r.min_followers},
              {"max_followers", r.max_followers},
              {"likes", {{"line", line_json(r.likes_line)}, {"residual", distribution_json(r.likes_residual)}}},
              {"level_shift", round6(r.level_shift)},
              {"followers_per_post_log", conditional_json(r.followers_per_post)},
              {"tiers", data_tiers_json(r.tiers)}};
}

Result<LargeReference> large_reference_from_text(const std::string& text) {
  auto parsed = parse_json(text, "the large-accounts reference");
  if (!parsed) return make_error("reference.parse", parsed.error().message);
  const json& j = parsed.value();
  auto format = j.is_object() ? read_string(j, "format", "", 100) : Result<std::optional<std::string>>(std::nullopt);
  if (!format || !format.value() || *format.value() != "fakemeter-large-accounts-reference")
    return make_error("reference.shape", "not a fakemeter-large-accounts-reference file");
  LargeReference r;
  auto from = read_string(j, "derived_from", "", 10000);
  if (from && from.value()) r.derived_from = *from.value();
  double n = 0;
  FM_REF_GET(n, read_ref_number(j, "n_accounts", "large"));
  r.n_accounts = int(n);
  FM_REF_GET(n, read_ref_number(j, "year", "large"));
  r.year = int(n);
  FM_REF_GET(r.min_followers, read_ref_number(j, "min_followers", "large"));
  FM_REF_GET(r.max_followers, read_ref_number(j, "max_followers", "large"));
  const json* likes = nullptr;
  FM_REF_GET(likes, read_ref_object(j, "likes", "large"));
  FM_REF_GET(r.likes_line, read_line(*likes, "line", "large.likes"));
  FM_REF_GET(r.likes_residual, read_distribution(*likes, "residual", "large.likes"));
  FM_REF_GET(r.level_shift, read_ref_number(j, "level_shift", "large"));
  FM_REF_GET(r.followers_per_post, read_conditional(j, "followers_per_post_log", "large"));
  FM_REF_GET(r.tiers, read_data_tiers(j, "tiers", "large"));
  if (r.likes_residual.empty() || r.followers_per_post.residual.empty() || !(r.min_followers > 0))
    return make_error("reference.shape", "the large-accounts reference is empty");
  return r;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
