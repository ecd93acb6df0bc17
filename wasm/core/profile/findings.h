// What a profile's signals find, as numbers and flags, before any wording: the report's
// "signals" section, its reasons (wording.cpp) and its badge (badge.cpp) are all read from here.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "post_stats.h"
#include "profile.h"
#include "reference.h"
#include "signals.h"

namespace fm::prof {

struct Findings {
  bool found = true;
  // Why there is no engagement check: not_found, posts_unavailable, private, no_posts,
  // hidden_likes, new_account (in that order).
  std::vector<std::string> states;
  json signals = json::object();  // the report's "signals": every number, by signal
  PostStats stats;
  double followers = 0;
  std::optional<bool> business;  // nullopt: the document did not say
  bool verified = false, all_posts_seen = false;
  int64_t now = 0;
  // Recent posts the document sent that could not be read (left out), of all it sent.
  size_t posts_unreadable = 0, posts_sent = 0;

  // Engagement, when there are enough posts with likes and followers.
  std::optional<Engagement> engagement;
  TierSolidity tier;
  bool no_followers = false;          // posts with likes, but no followers to relate them to
  std::optional<BoughtLikes> bought;  // the bought-likes score (needs kMinPostsBoughtLikes posts)
  bool views_betray = false;          // most videos have more likes than views
  bool likes_bought = false;          // the score above its threshold, or the views betray it

  // Following and history.
  bool mass_following = false;
  double following = 0, following_ratio = 0, following_ratio_q95 = 0;
  bool sudden_audience = false;
  double media_count = 0;
  std::optional<double> history_days;  // the oldest post's age, when every post is visible

  // The instant estimate, in percent, with its 95% interval (from engagement).
  std::optional<double> instant, instant_low, instant_high;
};

Findings find_signals(const Profile& p, const Reference& ref, std::optional<int64_t> now);

}  // namespace fm::prof
