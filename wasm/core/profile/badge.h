// The badge: what the first look may say, decided from the evidence, and the grade that goes
// with it. README's "The badge" table and tests/fixtures/badge-states.json list every state; the
// panel keeps every number and reason, the badge says only what the evidence carries.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "json_util.h"

namespace fm::prof {

// Grades of a fake share in percent: below 10 good, below 25 fair, up to 50 poor, above bad.
constexpr double kGoodBelow = 10, kFairBelow = 25, kPoorUpTo = 50;
// A number on the badge only when its 95% interval is at most this wide. Wider, it can hold both
// a "good" and a "bad" share (below 10 and above 50): no number a person can act on. And only from
// an audit (alone, or combined with the profile): never from the profile alone (badge.cpp). A wider
// audit interval whose lower end reaches "poor" (kFairBelow) gives "at least L% fake" instead.
constexpr double kBadgeMaxWidth = kPoorUpTo - kGoodBelow;
// Whether a 95% interval (in percent) gives the badge a number, and, when it is too wide for one,
// whether its lower end still gives the floor.
constexpr bool badge_shows_number(double low, double high) { return high - low <= kBadgeMaxWidth; }
constexpr bool badge_shows_floor(double low, double high) {
  return !badge_shows_number(low, high) && low >= kFairBelow;
}
// The grades, kindest first, and the grade of a share in percent.
constexpr const char* kGrades[] = {"good", "fair", "poor", "bad"};
const char* grade_of(double fake_percent);

// What the badge is decided from.
struct BadgeEvidence {
  bool found = true;
  std::vector<std::string> states;        // why engagement is unchecked (findings.h), in order
  std::optional<double> fake, low, high;  // the report's estimate (instant, or combined with an audit)
  const json* followers = nullptr;        // the followers' audit estimate (api_estimate), if any
  bool likes_bought = false;              // bought-likes score above its threshold, or likes above views
  int likers_apart = 0;                   // likers_for_badge: +1 far more often fake, -1 far less and mostly real
  bool engagement_far_below = false;      // the instant interval's lower end above 0
  bool no_followers = false;              // the follower count read as 0: no audit of them to offer
  bool engagers_audited = false;          // an audit measured the likers or commenters
};

// {"state", "tone", "fake_percent", "ci_low", "ci_high", "basis", "short_list", "likes",
//  "offer_audit", "label" (a message), "notes" (messages)}.
json decide_badge(const BadgeEvidence& e);

// The report's grade: the badge's tone when it shows a number or a floor ("at least L% fake": the
// grade it has at least), else "unknown".
std::string grade_of_badge(const json& badge);

}  // namespace fm::prof
