// api_rules: the constants and cut-offs the extension and the CLI must apply exactly as the
// engine does, from where the engine defines them.
#include "account.h"
#include "api.h"
#include "estimator/audience.h"
#include "message.h"
#include "profile/badge.h"
#include "profile/post_stats.h"
#include "profile/profile.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

std::string api_rules() {
  json r = json::object();
  r["grades"] = params_json(
      {{"good_below", prof::kGoodBelow}, {"fair_below", prof::kFairBelow}, {"poor_up_to", prof::kPoorUpTo}});
  r["badge_max_width"] = int(prof::kBadgeMaxWidth);
  r["limits"] = params_json({{"json_bytes", kMaxJsonBytes},
                             {"profile_document_bytes", prof::kMaxDocumentBytes},
                             {"posts_read", prof::kMaxPostsRead},
                             {"jsonl_bytes", kMaxJsonlBytes},
                             {"jsonl_records", kMaxJsonlRecords},
                             {"estimate_followers", kMaxEstimateFollowers}});
  r["followers_page_size"] = kFollowersPerPage;
  r["post_window"] = prof::kPostWindow;
  r["default_avatar_mark"] = kDefaultAvatarMark;
  r["message_key_prefix"] = "msg_";
  // The keys an account record may carry; the CLI names any other key it was given as not read.
  json fields = json::array();
  for (std::string_view f : account_field_names()) fields.push_back(std::string(f));
  r["account_fields"] = fields;
  return dump_json(r);
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
