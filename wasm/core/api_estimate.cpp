// api_estimate: request validation and scoring at the edge of the estimator. Each follower is
// scored at the lite tier (all of them: the two-phase estimator regresses on it) and, when its
// record carries profile-level fields and is not marked "phase":"lite", at the full tier too.
#include "api.h"
#include "classifier.h"
#include "estimator/rate_shift.h"
#include "estimator/report_json.h"
#include "estimator/sampling.h"
#include "estimator/score_profiles.h"
#include "message.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
constexpr int kMaxDepth = 16;  // request -> followers -> record -> value is depth 4

// Who was sampled, from the request: {"source", "list_limited", "posts", "of_posts", "posts_read"}
// as the report echoes it. "of_posts": the recent posts the audit read, when fewer ("posts") gave
// accounts (the others could not be read or listed no one): "2 of the last 3 posts", not "the last
// 2". "posts_read": those posts are no "last N" (pinned ones or a collaboration passed over, which
// the extension says): "2 of the 3 posts read".
Result<json> read_source(const json& j) {
  auto src = read_string(j, "source", "", 20);
  if (!src) return make_error("estimate.source", src.error().message);
  std::string s = src.value().value_or("followers");
  if (s != "followers" && s != "likers" && s != "commenters")
    return make_error("estimate.source",
                      "field 'source' must be \"followers\", \"likers\" or \"commenters\", got \"" + s + "\"");
  auto limited = read_bool(j, "list_limited", "");
  if (!limited) return make_error("estimate.source", limited.error().message);
  auto posts = read_int(j, "posts", "", 1, 1000);
  if (!posts) return make_error("estimate.source", posts.error().message);
  auto of = read_int(j, "of_posts", "", 1, 1000);
  if (!of) return make_error("estimate.source", of.error().message);
  auto read = read_bool(j, "posts_read", "");
  if (!read) return make_error("estimate.source", read.error().message);
  json out = {{"source", s}, {"list_limited", limited.value().value_or(false)}};
  if (posts.value()) out["posts"] = *posts.value();
  if (posts.value() && read.value().value_or(false)) out["posts_read"] = true;
  if (of.value() && posts.value() && *of.value() > *posts.value()) out["of_posts"] = *of.value();
  return out;
}

Result<AudienceInput> read_request(const std::string& text, const Model& model, json& source) {
  auto parsed = parse_json(text, "the estimate request");
  if (!parsed) return parsed.error();
  const json& j = parsed.value();
  if (!j.is_object())
    return make_error("estimate.shape",
                      "the estimate request must be a JSON object with total_followers "
                      "and followers, got " +
                          std::string(j.type_name()));
  if (json_depth(j, kMaxDepth + 1) > kMaxDepth)
    return make_error("estimate.shape",
                      "the estimate request is nested deeper than " + std::to_string(kMaxDepth) + " levels");
  auto src = read_source(j);
  if (!src) return src.error();
  source = src.value();
  AudienceInput in;
  // The population the sample was drawn from (its size drives the finite-population correction):
  // "population" when given, else "total_followers". null there says nobody could read it: no
  // correction (an endless audience, the widest interval), and the report says it is unknown.
  const char* key = j.contains("population") ? "population" : "total_followers";
  auto it = j.find(key);
  if (it == j.end()) return make_error("estimate.total", "field 'total_followers' is missing");
  in.total_followers = kUnknownPopulation;
  if (!it->is_null()) {
    auto total = read_int(j, key, "", 1, kMaxCount);
    if (!total) return make_error("estimate.total", total.error().message);
    in.total_followers = double(*total.value());
  }

  auto sampling = read_string(j, "sampling", "", 40);
  if (!sampling) return make_error("estimate.sampling", sampling.error().message);
  if (sampling.value()) {
    if (*sampling.value() != "newest_first" && *sampling.value() != "random")
      return make_error("estimate.sampling",
                        "field 'sampling' must be \"newest_first\" or \"random\", got \"" + *sampling.value() + "\"");
    in.newest_first = *sampling.value() == "newest_first";
  }

  auto fl = j.find("followers");
  if (fl == j.end() || fl->is_null()) return make_error("estimate.followers", "field 'followers' is missing");
  if (!fl->is_array())
    return make_error("estimate.followers",
                      "field 'followers' must be an array of account records, got " + std::string(fl->type_name()));
  if (fl->empty()) return make_error("estimate.followers", "field 'followers' is empty: nothing to estimate from");
  if (fl->size() > kMaxEstimateFollowers)
    return make_error("estimate.limit", "too many followers: " + std::to_string(fl->size()) + " (at most " +
                                            std::to_string(kMaxEstimateFollowers) + " per request)");
  if (double(fl->size()) > in.total_followers)
    return make_error("estimate.total", std::string(key) + " (" + std::to_string(int64_t(in.total_followers)) +
                                            ") is smaller than the " + std::to_string(fl->size()) + " followers given");

  in.lite = tier_setting(model.lite, kLiteRateShift);
  in.full = tier_setting(model.full, kFullRateShift);
  in.followers.reserve(fl->size());
  for (size_t i = 0; i < fl->size(); ++i) {
    auto acc = account_from_json((*fl)[i]);
    if (!acc) return make_error(acc.error().id, "followers[" + std::to_string(i) + "]: " + acc.error().message);
    const Account& a = acc.value();
    FollowerScore f;
    FeatureVector x = extract_features(a);
    f.p_lite = fake_probability(model, x, Tier::kLite);
    if (pick_tier(a) == Tier::kFull) f.p_full = fake_probability(model, x, Tier::kFull);
    f.is_private = a.is_private;
    f.follower_count = a.follower_count;
    f.following_count = a.following_count;
    in.followers.push_back(f);
  }
  return in;
}
// The sampling note names the population the estimate is about and never claims more (an
// unread one is said in words, never as a number).
json source_note(const json& src, const json& r) {
  const std::string s = src["source"].get<std::string>();
  auto num = [&](const char* k) { return r[k].get<double>(); };
  const bool unknown = r["total_followers"].is_null();
  const bool likers = s == "likers";
  if (s == "followers") {
    if (r["sampling_note"]["id"] == "sampling.census") return r["sampling_note"];
    if (src["list_limited"].get<bool>())
      return unknown
                 ? message("sampling.newest_limited_unknown", {{"n", num("sample_size")}})
                 : message("sampling.newest_limited", {{"n", num("sample_size")}, {"total", num("total_followers")}});
    return unknown && r["sampling"] == "newest_first" ? message("sampling.newest_unknown", {{"n", num("sample_size")}})
                                                      : r["sampling_note"];
  }
  const bool some = src.contains("of_posts");
  // Posts that are no "last N" are named as the posts read.
  const bool read = src.contains("posts_read");
  auto pick = [&](const char* last, const char* read_id) { return read ? read_id : last; };
  if (unknown && some)
    return message(likers ? pick("sampling.likers_of_unknown", "sampling.likers_of_read_unknown")
                          : pick("sampling.commenters_of_unknown", "sampling.commenters_of_read_unknown"),
                   {{"listed", num("sample_size")},
                    {"checked", num("full_sample_size")},
                    {"posts", src["posts"].get<double>()},
                    {"of", src["of_posts"].get<double>()}});
  if (unknown && src.contains("posts"))
    return message(
        likers ? pick("sampling.likers_posts_unknown", "sampling.likers_read_unknown")
               : pick("sampling.commenters_posts_unknown", "sampling.commenters_read_unknown"),
        {{"listed", num("sample_size")}, {"checked", num("full_sample_size")}, {"posts", src["posts"].get<double>()}});
  if (unknown)
    return message(likers ? "sampling.likers_unknown" : "sampling.commenters_unknown",
                   {{"listed", num("sample_size")}, {"checked", num("full_sample_size")}});
  if (!src.contains("posts"))
    return message(
        likers ? "sampling.likers_recent" : "sampling.commenters_recent",
        {{"listed", num("sample_size")}, {"population", num("total_followers")}, {"checked", num("full_sample_size")}});
  if (some)
    return message(likers ? pick("sampling.likers_of", "sampling.likers_of_read")
                          : pick("sampling.commenters_of", "sampling.commenters_of_read"),
                   {{"listed", num("sample_size")},
                    {"population", num("total_followers")},
                    {"checked", num("full_sample_size")},
                    {"posts", src["posts"].get<double>()},
                    {"of", src["of_posts"].get<double>()}});
  return message(likers ? pick("sampling.likers", "sampling.likers_read")
                        : pick("sampling.commenters", "sampling.commenters_read"),
                 {{"listed", num("sample_size")},
                  {"population", num("total_followers")},
                  {"checked", num("full_sample_size")},
                  {"posts", src["posts"].get<double>()}});
}
}  // namespace

std::string api_estimate(const std::string& request_json) {
  auto status = builtin_model_status();
  if (!status) return api_error(status.error().id, status.error().message);
  const Model& model = builtin_model();
  json src;
  auto in = read_request(request_json, model, src);
  if (!in) return api_error(in.error().id, in.error().message);
  // The compiled-in score profiles weigh the audience regimes; they must describe this model.
  const auto& profiles = builtin_score_profiles();
  bool profiles_ok = profiles.ok() && profiles.value().model_version == model.version;
  if (profiles_ok) in.value().profiles = &profiles.value();
  AudienceEstimate e = estimate_audience(in.value());
  if (!profiles_ok)
    e.warnings.push_back(profiles.ok()
                             ? "the compiled-in score profiles are for model " + profiles.value().model_version +
                                   ", not " + model.version + ": corrected with the model's own cv rates only"
                             : "the compiled-in score profiles are unusable (" + profiles.error().message +
                                   "): corrected with the model's own cv rates only");
  json r = report_to_json(e, in.value(), model.version);
  r["sampling_note"] = source_note(src, r);
  for (const char* k : {"source", "list_limited", "posts", "of_posts", "posts_read"})
    if (src.contains(k)) r[k] = src[k];
  r["population"] = r["total_followers"];
  return dump_json(r);
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
