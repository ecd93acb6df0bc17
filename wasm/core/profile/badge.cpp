#include "badge.h"

#include "message.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

int grade_rank(double fake_percent) {
  if (fake_percent < kGoodBelow) return 0;
  if (fake_percent < kFairBelow) return 1;
  if (fake_percent <= kPoorUpTo) return 2;
  return 3;
}

// The colour follows the interval: the point's grade, but at most one step kinder than the grade
// of the interval's upper end (never green while the upper end reaches "poor").
const char* tone_of(double fake, double high) {
  int point = grade_rank(fake), upper = grade_rank(high);
  return kGrades[point < upper - 1 ? upper - 1 : point];
}

struct Number {
  double fake = 0, low = 0, high = 0;
  const char* basis = "";
  bool short_list = false;
  int64_t listed = 0;
};

// The audit's followers estimate (api_estimate's answer) as the badge shows it.
Number audit_figure(const json& a) {
  auto limited = a.find("list_limited");
  Number n;
  n.fake = a["fake_percent"].get<double>();
  n.low = a["ci_low"].get<double>();
  n.high = a["ci_high"].get<double>();
  n.basis = "audit";
  n.short_list = limited != a.end() && limited->is_boolean() && limited->get<bool>();
  n.listed = a.value("sample_size", int64_t(0));
  return n;
}

// The audit's followers estimate when it is narrow enough (the report's headline is that estimate:
// the profile neither narrows nor widens it, profile/combine.h). The profile alone never gives the
// badge a number: its interval is narrow exactly when the account engages unusually much, which
// says least about bought followers, so its narrow intervals hold the truth far less often than
// 95% (EVALUATION.md, "The badge").
std::optional<Number> badge_number(const std::optional<Number>& audit) {
  if (audit && badge_shows_number(audit->low, audit->high)) return audit;
  return std::nullopt;
}

// Too wide for a number, yet the audit's followers interval starts at "poor" or above: its lower
// end is a one-sided 97.5% bound that no share below it is left, so "at least L% fake" is a claim a
// person can act on (a buyer vetting the account) where "≈X%" is not. Only from the audit's own
// followers estimate, which carries the doubt between definitions of fake.
std::optional<Number> badge_floor(const std::optional<Number>& audit) {
  if (!audit || !badge_shows_floor(audit->low, audit->high)) return std::nullopt;
  return audit;
}

// The state that says most about why there is no estimate ("new account" only when alone).
const char* no_data_label(const std::vector<std::string>& states) {
  static const char* const kLabels[][2] = {{"posts_unavailable", "badge.state_posts_unavailable"},
                                           {"private", "badge.state_private"},
                                           {"no_posts", "badge.state_no_posts"},
                                           {"hidden_likes", "badge.state_hidden_likes"},
                                           {"new_account", "badge.state_new_account"}};
  for (const std::string& s : states)
    for (const auto& [state, id] : kLabels)
      if (s == state && (s != "new_account" || states.size() == 1)) return id;
  return "badge.state_insufficient";
}

}  // namespace

const char* grade_of(double fake_percent) { return kGrades[grade_rank(fake_percent)]; }

json decide_badge(const BadgeEvidence& e) {
  json b = json::object();
  for (const char* k : {"fake_percent", "ci_low", "ci_high", "basis", "likes", "label"}) b[k] = nullptr;
  b["state"] = "unclear";
  b["tone"] = "neutral";
  b["short_list"] = b["offer_audit"] = false;
  b["notes"] = json::array();
  const bool audited = e.followers != nullptr;
  const bool likes_bought = e.likes_bought || e.likers_apart > 0;
  if (!e.found) {
    b["state"] = "not_found";
    b["label"] = message("badge.not_found");
    return b;
  }
  // The audit's followers estimate, read once for the number and the floor.
  const std::optional<Number> audit = e.followers ? std::optional<Number>(audit_figure(*e.followers)) : std::nullopt;
  auto number = badge_number(audit);
  auto floor = number ? std::nullopt : badge_floor(audit);
  if (const auto& n = number ? number : floor) {
    b["state"] = number ? "number" : "at_least";
    // A floor's colour is the grade of its lower end: the grade the account has at least.
    b["tone"] = number ? tone_of(n->fake, n->high) : grade_of(n->low);
    b["fake_percent"] = n->fake;
    b["ci_low"] = n->low;
    b["ci_high"] = n->high;
    b["basis"] = n->basis;
    b["short_list"] = n->short_list;
    b["label"] = number ? message("badge.number", {{"fake", n->fake}, {"low", n->low}, {"high", n->high}})
                        : message("badge.at_least", {{"low", n->low}, {"high", n->high}});
    if (n->short_list) b["notes"].push_back(message("badge.short_list", {{"n", n->listed}}));
  } else if (likes_bought) {
    b["state"] = "likes_bought";
    b["tone"] = "likes";
    b["label"] = message("badge.likes_bought");
  } else if (e.engagement_far_below) {
    b["state"] = "low_engagement";
    b["label"] = message("badge.low_engagement");
  } else if (!e.fake) {
    b["state"] = "no_data";
    b["label"] = message(no_data_label(e.states));
  } else {
    b["label"] =
        audited ? message("badge.unclear_audited", {{"low", *e.low}, {"high", *e.high}}) : message("badge.unclear");
  }
  // The likes are a finding of their own beside a number, in their own colour.
  if ((number || floor) && likes_bought) b["notes"].push_back(message("badge.likes_bought"));
  if (likes_bought) b["likes"] = "bought";
  else if (e.likers_apart < 0) {
    b["likes"] = "real";
    b["notes"].push_back(message("badge.likers_real"));
  }
  // Nor after an audit that measured the likers or commenters only (it listed no follower).
  if (!audited && b["state"] != "number" && !e.no_followers && !e.engagers_audited) {
    b["offer_audit"] = true;
    b["notes"].push_back(message("badge.audit_offer"));
  }
  return b;
}

std::string grade_of_badge(const json& badge) {
  return badge["state"] == "number" || badge["state"] == "at_least" ? badge["tone"].get<std::string>() : "unknown";
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
