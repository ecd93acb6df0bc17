// The audience split the commercial tools show: likely fake, mass followers, influencers and
// brands, private real people, public real people. Shares add up to 100%; each has a 95% interval.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prevalence.h"

namespace fm {

constexpr int64_t kMassFollowingOver = 1500;        // follows more than this many accounts
constexpr int64_t kInfluencerFollowersOver = 5000;  // followed by more than this many

// What the breakdown needs to know about one sampled follower.
struct BreakdownInput {
  bool flagged = false;  // flagged fake at its tier's operating threshold
  std::optional<bool> is_private;
  std::optional<int64_t> follower_count, following_count;  // unknown for lite-only followers
};

struct BreakdownShare {
  std::optional<double> share;  // fraction of the audience; unknown when nothing could say
  double low = 0, high = 1;     // its 95% interval (breakdown.cpp), meaningful with a share
  int count = 0;                // sampled followers seen in this category
};

struct Breakdown {
  BreakdownShare likely_fake, mass_followers, influencers, private_real, public_real;
  int unassessed = 0;  // not flagged, counts unknown (lite only): mass/influencer status unknown
  // Whether mass followers and influencers could be told apart (some unflagged follower's counts
  // are known), and whether every sampled follower was flagged: the report's notes say so.
  bool split_known = false, all_flagged = false;
};

// fake is the corrected estimate with its interval; the real remainder is split as the unflagged
// sample is. N: the audience size (finite-population correction); z: the normal quantile.
Breakdown audience_breakdown(const std::vector<BreakdownInput>& followers, const Prevalence& fake, double N, double z);

}  // namespace fm
