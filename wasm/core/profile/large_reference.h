// What real large accounts look like: the newest posts' likes and the followers per post of
// public accounts of 125k-22M followers (2017), derived by tools/derive-large-accounts into
// models/large_accounts_reference.json and compiled in. Above the persons' data, this replaces
// the published tier bands standing alone: the bands set the level (they are recent; the
// accounts of 2017 engaged about twice as much), the data the slope over account sizes and the
// spread among real accounts, and intervals span both levels.
#pragma once
#include <string>
#include <vector>

#include "reference.h"

namespace fm::prof {

struct LargeReference {
  std::string derived_from;
  int n_accounts = 0;                           // accounts with >= kMinPostsEngagement posts with likes
  double min_followers = 0, max_followers = 0;  // the data's range
  int year = 0;                                 // when the data was collected
  // log(1 + median likes per post over the newest kPostWindow posts) against log(1 + followers).
  LineFit likes_line;
  Distribution likes_residual;
  // log of (the published bands' level / the data's level), where both cover (their tiers up to
  // 1M followers): how much less today's large accounts engage than those of the data (< 0).
  double level_shift = 0;
  // log((1 + followers) / (1 + posts)) against log(1 + followers): an audience without history.
  Conditional followers_per_post;
  std::vector<DataTier> tiers;  // accounts per follower tier, median likes per follower
};

json large_reference_to_json(const LargeReference& r);
Result<LargeReference> large_reference_from_text(const std::string& text);

// The table compiled into this build (models/large_accounts_reference.json).
const Result<LargeReference>& builtin_large_reference();

// The reference the engine judges profiles by: the persons' reference with the large accounts'
// attached (see Reference::large).
const Result<Reference>& builtin_profile_reference();

}  // namespace fm::prof
