// Feature extraction: text and fallbacks agree, edge cases, unknowns stay NaN.
#include <doctest/doctest.h>

#include <cmath>

#include "account_features.h"

using namespace fm;

static FeatureVector features_of(const char* json_text) {
  auto a = account_from_text(json_text);
  REQUIRE(a.ok());
  return extract_features(a.value());
}

TEST_CASE("[features] username statistics from text") {
  auto x = features_of(R"({"username":"john.smith_1987"})");
  CHECK(x[kUsernameLength] == 15);
  CHECK(x[kUsernameDigitCount] == 4);
  CHECK(x[kUsernameDigitShare] == doctest::Approx(4.0 / 15));
  CHECK(x[kUsernameTrailingDigits] == 4);
  CHECK(x[kUsernameSeparators] == 2);
  CHECK(x[kUsernameLetterShare] == doctest::Approx(9.0 / 15));
}

TEST_CASE("[features] an empty username is zero-length, not unknown") {
  auto x = features_of(R"({"username":""})");
  CHECK(x[kUsernameLength] == 0);
  CHECK(x[kUsernameDigitShare] == 0);
  CHECK(x[kUsernameTrailingDigits] == 0);
}

TEST_CASE("[features] unicode counts code points, not bytes") {
  auto x = features_of(R"({"username":"zoë_ñ1","full_name":"Zoë Ñúñez 🌸"})");
  CHECK(x[kUsernameLength] == 6);
  CHECK(x[kUsernameLetterShare] == doctest::Approx(4.0 / 6));
  CHECK(x[kFullNameWordCount] == 3);
  CHECK(x[kFullNameDigitShare] == 0);
}

TEST_CASE("[features] fallbacks give the same values as text") {
  auto text = features_of(R"({"username":"abc123","biography":"hello"})");
  auto derived = features_of(R"({"username_length":6,"username_digit_count":3,"biography_length":5})");
  CHECK(text[kUsernameLength] == derived[kUsernameLength]);
  CHECK(text[kUsernameDigitCount] == derived[kUsernameDigitCount]);
  CHECK(text[kUsernameDigitShare] == derived[kUsernameDigitShare]);
  CHECK(text[kBiographyLength] == derived[kBiographyLength]);
  // Text-only features stay unknown with fallbacks.
  CHECK(std::isnan(derived[kUsernameTrailingDigits]));
}

TEST_CASE("[features] text wins over its fallback") {
  auto x = features_of(R"({"username":"ab","username_length":40,"biography":"","biography_length":99})");
  CHECK(x[kUsernameLength] == 2);
  CHECK(x[kBiographyLength] == 0);
}

TEST_CASE("[features] missing counts are NaN, zero counts are zero") {
  auto none = features_of("{}");
  for (double v : none) CHECK(std::isnan(v));
  auto zero = features_of(R"({"follower_count":0,"following_count":0,"media_count":0})");
  CHECK(zero[kLogFollowerCount] == 0);
  CHECK(zero[kLogFollowRatio] == 0);  // (0+1)/(0+1): no division by zero
  CHECK(zero[kLogPostsPerFollower] == 0);
  auto one = features_of(R"({"follower_count":0,"following_count":7499})");
  CHECK(one[kLogFollowRatio] == doctest::Approx(std::log(7500.0)));
  CHECK(std::isnan(one[kLogPostsPerFollower]));
}

TEST_CASE("[features] display name against username") {
  auto same = features_of(R"({"username":"annab","full_name":"annab"})");
  CHECK(same[kFullNameEqualsUsername] == 1);
  CHECK(same[kFullNameUsernameSimilarity] == 1);
  auto near = features_of(R"({"username":"anna.bauer","full_name":"Anna Bauer"})");
  CHECK(near[kFullNameEqualsUsername] == 0);
  CHECK(near[kFullNameUsernameSimilarity] == 1);  // folded: case and punctuation ignored
  auto none = features_of(R"({"username":"x","full_name":""})");
  CHECK(none[kFullNameWordCount] == 0);
  CHECK(std::isnan(none[kFullNameUsernameSimilarity]));
  CHECK(name_similarity("abc", "xyz") == 0);
}

TEST_CASE("[features] the tier follows the fields present") {
  auto lite = account_from_text(R"({"username":"a","has_profile_pic":true})").value();
  CHECK(pick_tier(lite) == Tier::kLite);
  auto full = account_from_text(R"({"username":"a","follower_count":3})").value();
  CHECK(pick_tier(full) == Tier::kFull);
  auto marked = account_from_text(R"({"username":"a","follower_count":3,"phase":"lite"})").value();
  CHECK(pick_tier(marked) == Tier::kLite);
}

TEST_CASE("[features] names and indices round-trip") {
  for (int f = 0; f < kFeatureCount; ++f) CHECK(feature_index(feature_name(f)) == f);
  CHECK(feature_index("nope") == -1);
}
