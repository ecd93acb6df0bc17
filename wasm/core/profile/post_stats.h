// What the recent posts say, reduced to the few numbers the signals compare with real
// accounts. The same function feeds the reference derivation and the analysis, so both
// measure exactly the same thing.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "profile.h"
#include "stats.h"

namespace fm::prof {

// Instagram's web_profile_info shows the 12 newest posts; the reference is measured on the
// same window so a profile is compared like with like.
constexpr size_t kPostWindow = 12;

// A post's likes keep coming in for about a day: one younger than this (when the time of the
// reading is known) is left out of the like and engagement figures, or three posts minutes old
// read as "engagement far below accounts this size".
constexpr int64_t kFreshPostSeconds = 86400;

struct PostStats {
  int posts = 0;                 // posts in the window: the kPostWindow newest not pinned
  int pinned = 0;                // pinned posts, left out of the window (not recent, often old hits)
  int with_likes = 0;            // of them, with a visible like count
  int hidden_likes = 0;          // of them, like count hidden
  int fresh = 0;                 // of them, younger than kFreshPostSeconds: likes not counted
  double median_likes = 0;       // over posts with visible likes
  double median_comments = 0;    // same posts
  double median_engagement = 0;  // median of likes + comments per post
  MedianInterval engagement_ci;  // its 95% interval (stats.h), from the same posts
  double min_likes = 0;
  double sd_log_likes = 0;       // spread of log(1 + likes): a subscription flattens it
  double comment_ratio_log = 0;  // log((1 + comments) / (1 + likes)) summed over open-comment posts
  bool has_comment_ratio = false;
  double floor_log = 0;  // log((1 + min likes) / (1 + median likes))
  int videos_with_views = 0;
  int likes_above_views = 0;  // videos with more likes than views (organic likes cannot do that)
  double median_like_view_ratio = 0;
  // taken_at of the window's ends (0 if undated), the pinned posts included: their dates still
  // date the account (a 3-year-old pinned post on 5 posts is no brand-new account).
  int64_t newest = 0, oldest = 0;
};

// `now` (unix seconds), when known, leaves the fresh posts' likes out.
PostStats post_stats(const std::vector<Post>& posts_newest_first, std::optional<int64_t> now = std::nullopt);

}  // namespace fm::prof
