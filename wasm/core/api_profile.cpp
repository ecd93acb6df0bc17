// The profile entry points: web_profile_info text in, the profile report (or an account
// record) out. Parsing, signals and wording live in profile/.
#include "api.h"
#include "profile/large_reference.h"
#include "profile/profile.h"
#include "profile/report.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

std::string api_analyze_profile(const std::string& profile_json, const std::string& options_json) {
  const auto& ref = prof::builtin_profile_reference();
  if (!ref)
    return api_error("profile.reference", "the built-in engagement reference did not load: " + ref.error().text());
  auto opt = prof::parse_options(options_json);
  if (!opt) return api_error(opt.error().id, opt.error().message);
  auto profile = prof::parse_profile(profile_json);
  if (!profile) return api_error(profile.error().id, profile.error().message);
  return dump_json(prof::analyze_profile(profile.value(), ref.value(), opt.value(), api_version()));
}

std::string api_account_from_profile(const std::string& profile_json) {
  auto parsed = prof::parse_profile(profile_json);
  if (!parsed) return api_error(parsed.error().id, parsed.error().message);
  const prof::Profile& p = parsed.value();
  if (!p.found) return api_error("profile.not_found", "data.user is null: Instagram returned no user");
  json rec = {{"username", p.username},
              {"full_name", p.full_name ? json(*p.full_name) : json(nullptr)},
              {"biography", p.biography ? json(*p.biography) : json(nullptr)},
              {"external_url", p.external_url ? json(*p.external_url) : json(nullptr)},
              {"is_private", prof::flag_json(p.is_private)},
              {"is_verified", prof::flag_json(p.is_verified)},
              {"has_profile_pic", p.has_profile_pic ? json(*p.has_profile_pic) : json(nullptr)},
              {"media_count", p.media_count ? json(*p.media_count) : json(nullptr)},
              {"follower_count", p.followers ? json(*p.followers) : json(nullptr)},
              {"following_count", p.following ? json(*p.following) : json(nullptr)}};
  return dump_json(rec);
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
