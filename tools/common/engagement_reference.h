// Derives the profile analysis's engagement reference (profile/reference.h) from real accounts
// with per-post data. Tools only: derive-engagement writes the committed table with it, and
// eval-profile's k-fold evaluation derives it without the held-out accounts.
#pragma once
#include <string>
#include <vector>

#include "profile/post_stats.h"
#include "profile/reference.h"

namespace fm::prof {

// One real account as the derivation needs it.
struct ReferenceAccount {
  double followers = 0, following = 0, media_count = 0;
  std::vector<Post> posts;  // newest first
};

// Pure: the same function serves the committed table and the k-fold evaluation.
Reference derive_reference(const std::vector<ReferenceAccount>& accounts, const std::string& derived_from);

}  // namespace fm::prof
