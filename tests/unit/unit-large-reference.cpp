// The large accounts' reference: it loads, it is what derive-large-accounts makes of the data, and
// an ordinary celebrity is not flagged for its size (it was, against the persons' accounts alone).
#include <doctest/doctest.h>

#include "../../tools/common/large_accounts.h"
#include "api.h"
#include "profile/badge.h"
#include "profile/large_reference.h"
#include "profile/report.h"
#include "test_files.h"

using namespace fm;
using namespace fm::prof;
using fm_test::read_file;

namespace {

// A celebrity: 48.7M followers, 2,140 posts, likes typical of accounts that size (about 0.8% of
// the followers, varying), a few thousand comments.
Profile celebrity() {
  Profile p;
  p.username = "celebrity";
  p.followers = 48'700'000;
  p.following = 310;
  p.media_count = 2'140;
  const double rates[] = {0.007, 0.009, 0.006, 0.011, 0.008, 0.0075, 0.0095, 0.0065, 0.01, 0.0085, 0.007, 0.009};
  for (int i = 0; i < 12; ++i) {
    prof::Post one;
    one.likes = int64_t(*p.followers * rates[i]);
    one.comments = 2'000 + 150 * i;
    one.taken_at = 1'795'000'000 - i * 3 * 86400;
    p.posts.push_back(one);
  }
  return p;
}

bool said(const json& reasons, const char* id) {
  for (const auto& r : reasons)
    if (r["id"] == id) return true;
  return false;
}

}  // namespace

TEST_CASE("[large] the compiled-in large-accounts reference loads and round-trips") {
  const auto& r = builtin_large_reference();
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().text()));
  CHECK(r.value().n_accounts > 900);
  CHECK(r.value().min_followers > 100'000);
  CHECK(r.value().level_shift < 0);  // the published bands expect less than 2017's accounts got
  auto again = large_reference_from_text(dump_json(large_reference_to_json(r.value())));
  REQUIRE(again.ok());
  CHECK(again.value().likes_line.b == doctest::Approx(r.value().likes_line.b));
  CHECK(large_reference_from_text("{}").error().id == "reference.shape");
  CHECK(builtin_profile_reference().value().large == &r.value());
}

TEST_CASE("[large] the committed table is what derive-large-accounts makes of the data") {
  std::string path = fm_test::data_file("engagement/large_accounts_2017.jsonl");
  std::string data = read_file(path);
  REQUIRE_MESSAGE(!data.empty(), path << " is missing: the reproduction check needs the shared data");
  auto accounts = large::accounts_from_jsonl(data);
  REQUIRE(accounts.ok());
  CHECK(accounts.value().size() == 978);
  json derived = large_reference_to_json(large::derive(accounts.value(), builtin_reference().value(), "check", 2017));
  json committed = parse_json(read_file(fm_test::repo_file("models/large_accounts_reference.json")), "large").value();
  derived.erase("derived_from");
  committed.erase("derived_from");
  CHECK_MESSAGE(derived == committed,
                "models/large_accounts_reference.json is stale: run build/native/derive-large-accounts");
}

TEST_CASE("[large] an ordinary celebrity is not flagged for its size") {
  const Reference& with = builtin_profile_reference().value();
  Reference persons_only = with;
  persons_only.large = nullptr;
  json now = analyze_profile(celebrity(), with, AnalysisOptions{}, "test");
  json before = analyze_profile(celebrity(), persons_only, AnalysisOptions{}, "test");
  // Against the persons' accounts alone, 48.7M followers on 2,140 posts read as bought.
  CHECK(said(before["reasons"], "history.sudden"));
  CHECK_FALSE(said(now["reasons"], "history.sudden"));
  CHECK(now["signals"]["history"]["reference"] == "persons_and_large_accounts");
  CHECK(now["signals"]["engagement"]["reference"]["solidity"] == "large_accounts");
  CHECK(said(now["reasons"], "engagement.reference_large"));
  for (const auto& r : now["reasons"]) CHECK_MESSAGE(r["severity"] != "high", r.dump());
  CHECK(now["badge"]["state"] == "unclear");
  // Its interval spans the published bands' level and 2017's: wide, never a number alone.
  CHECK(now["ci_high"].get<double>() - now["ci_low"].get<double>() > kBadgeMaxWidth);
}
