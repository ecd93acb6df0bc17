// The badge's state table (tests/fixtures/badge-states.json): every case through the engine's
// decision, and the rules it rests on (the width, the colour following the interval).
#include <doctest/doctest.h>

#include "json_util.h"
#include "profile/audit_evidence.h"
#include "profile/badge.h"
#include "test_files.h"

using namespace fm;
using namespace fm::prof;

namespace {

json table() {
  std::string text = fm_test::read_file(fm_test::repo_file("tests/fixtures/badge-states.json"));
  REQUIRE_MESSAGE(!text.empty(), "tests/fixtures/badge-states.json is missing");
  auto j = parse_json(text, "badge-states.json");
  REQUIRE(j.ok());
  return j.value();
}

json estimate(const json& a) {
  json e = {{"fake_percent", a[0]}, {"ci_low", a[1]}, {"ci_high", a[2]}};
  if (a.size() > 3) e["sample_size"] = a[3];
  if (a.size() > 4) e["list_limited"] = a[4];
  return e;
}

}  // namespace

TEST_CASE("[badge] every case of the state table") {
  json t = table();
  REQUIRE(t["cases"].size() >= 20);
  CHECK(t["max_width"] == kBadgeMaxWidth);
  for (const json& c : t["cases"]) {
    CAPTURE(c["name"].get<std::string>());
    const json& ev = c["evidence"];
    BadgeEvidence e;
    e.found = ev.value("found", true);
    if (ev.contains("states"))
      for (const auto& s : ev["states"]) e.states.push_back(s.get<std::string>());
    if (ev.contains("estimate")) {
      e.fake = ev["estimate"][0].get<double>();
      e.low = ev["estimate"][1].get<double>();
      e.high = ev["estimate"][2].get<double>();
    }
    json followers;
    if (ev.contains("followers")) {
      followers = estimate(ev["followers"]);
      e.followers = &followers;
      if (ev.contains("likers")) e.likers_apart = likers_for_badge(followers, estimate(ev["likers"]));
    }
    e.likes_bought = ev.value("likes_bought", false);
    e.engagement_far_below = ev.value("engagement_far_below", false);
    json b = decide_badge(e);
    CHECK(b["state"] == c["state"]);
    CHECK(b["tone"] == c["tone"]);
    CHECK(b["label"]["id"] == c["label"]);
    json notes = json::array();
    for (const auto& n : b["notes"]) notes.push_back(n["id"]);
    CHECK(notes == c["notes"]);
    CHECK(b["likes"] == (c.contains("likes") ? c["likes"] : json(nullptr)));
    if (c.contains("basis")) CHECK(b["basis"] == c["basis"]);
    // A number only in the number and floor states, always with its interval; the audit offered
    // until one ran; a floor only from an audit, its lower end at "poor" or above.
    const bool figure = c["state"] == "number" || c["state"] == "at_least";
    CHECK(b["fake_percent"].is_number() == figure);
    if (b["state"] == "number") CHECK(b["ci_high"].get<double>() - b["ci_low"].get<double>() <= kBadgeMaxWidth);
    if (b["state"] == "at_least") {
      CHECK(b["ci_high"].get<double>() - b["ci_low"].get<double>() > kBadgeMaxWidth);
      CHECK(b["ci_low"].get<double>() >= kFairBelow);
      CHECK(e.followers != nullptr);
      CHECK(b["label"]["params"]["low"] == b["ci_low"]);
    }
    CHECK(b["offer_audit"] == (c["state"] != "number" && c["state"] != "not_found" && !e.followers && !e.no_followers));
    CHECK(grade_of_badge(b) == (figure ? c["tone"].get<std::string>() : "unknown"));
  }
}

TEST_CASE("[badge] the colour follows the interval: never green when the upper end reaches 'poor'") {
  for (double high = 0; high <= kBadgeMaxWidth; high += 0.5) {
    BadgeEvidence e;
    e.fake = 0, e.low = 0, e.high = 90;
    json audit = {{"fake_percent", 0}, {"ci_low", 0}, {"ci_high", high}, {"sample_size", 100}};
    e.followers = &audit;
    json b = decide_badge(e);
    REQUIRE(b["state"] == "number");
    if (high >= kFairBelow) CHECK(b["tone"] != "good");
    else CHECK(b["tone"] == "good");
  }
}

TEST_CASE("[badge] grade cut-offs, edges included") {
  CHECK(std::string(grade_of(9.9)) == "good");
  CHECK(std::string(grade_of(10)) == "fair");
  CHECK(std::string(grade_of(24.9)) == "fair");
  CHECK(std::string(grade_of(25)) == "poor");
  CHECK(std::string(grade_of(50)) == "poor");  // "mostly fake" is more than half
  CHECK(std::string(grade_of(50.1)) == "bad");
}

// A profile with no followers has none to audit: "audit to measure" was offered (and offered again
// after an audit found the list empty).
TEST_CASE("[badge] no audit offered on a profile whose follower count is 0") {
  BadgeEvidence e;
  e.states = {"insufficient"};
  CHECK(decide_badge(e)["offer_audit"] == true);
  e.no_followers = true;
  json b = decide_badge(e);
  CHECK(b["offer_audit"] == false);
  for (const auto& n : b["notes"]) CHECK(n["id"] != "badge.audit_offer");
}
