// Trees, the model file and scoring: margins, missing values, calibration, corrupt files.
#include <doctest/doctest.h>

#include <cmath>

#include "classifier.h"
#include "model_io.h"

using namespace fm;

namespace {
// One stump on has_profile_pic (NaN goes right = like "has picture") and one on the digit share.
Tree stump(int feature, double threshold, double left, double right, bool nan_left) {
  Tree t;
  t.feature = {int16_t(feature), -1, -1};
  t.threshold = {threshold, 0, 0};
  t.left = {1, 0, 0};
  t.right = {2, 0, 0};
  t.default_left = {uint8_t(nan_left), 0, 0};
  t.value = {(left + right) / 2, left, right};
  return t;
}

Model toy_model() {
  Model m;
  m.version = "toy";
  for (TierModel* t : {&m.lite, &m.full}) {
    t->ensemble.base_score = -1.0;
    t->ensemble.trees = {stump(kHasProfilePic, 0.5, 2.0, -0.5, false),
                         stump(kUsernameDigitShare, 0.3, -0.2, 1.5, false)};
    t->platt_a = 1.0;
    t->platt_b = 0.0;
    t->threshold = 0.5;
    t->cv = {0.8, 0.05, 100, 900, 0.9};
  }
  return m;
}

Account acc(const char* text) {
  auto a = account_from_text(text);
  REQUIRE(a.ok());
  return a.value();
}
}  // namespace

TEST_CASE("[gbt] margins follow the splits and NaN takes the default side") {
  Ensemble e = toy_model().lite.ensemble;
  FeatureVector x;
  x.fill(std::nan(""));
  CHECK(predict_margin(e, x) == doctest::Approx(-1.0 - 0.5 + 1.5));  // both NaN go right
  x[kHasProfilePic] = 0;
  x[kUsernameDigitShare] = 0.1;
  CHECK(predict_margin(e, x) == doctest::Approx(-1.0 + 2.0 - 0.2));
}

TEST_CASE("[gbt] contributions add up to the margin minus the bias") {
  Ensemble e = toy_model().lite.ensemble;
  FeatureVector x;
  x.fill(std::nan(""));
  x[kHasProfilePic] = 0;
  x[kUsernameDigitShare] = 0.5;
  double contrib[kFeatureCount] = {};
  double margin = predict_margin(e, x, contrib);
  double bias = e.base_score + e.trees[0].value[0] + e.trees[1].value[0];
  CHECK(margin == doctest::Approx(bias + contrib[kHasProfilePic] + contrib[kUsernameDigitShare]));
  CHECK(contrib[kHasProfilePic] > 0);
}

TEST_CASE("[classifier] probability, threshold, tier and reasons") {
  Model m = toy_model();
  auto fake = classify(m, acc(R"({"username":"x83920174","has_profile_pic":false})"));
  CHECK(fake.tier == Tier::kLite);
  CHECK(fake.fake_probability == doctest::Approx(sigmoid(-1.0 + 2.0 + 1.5)));
  CHECK(fake.is_fake);
  REQUIRE(fake.reasons.size() >= 1);
  CHECK(fake.reasons[0] == "no profile picture (fake-like)");
  auto real = classify(m, acc(R"({"username":"anna","has_profile_pic":true,"follower_count":10})"));
  CHECK(real.tier == Tier::kFull);
  CHECK_FALSE(real.is_fake);
  CHECK(real.reasons[0].find("(real-like)") != std::string::npos);
}

TEST_CASE("[classifier] the lite tier ignores profile-level fields") {
  Model m = toy_model();
  m.lite.ensemble.trees.push_back(stump(kLogFollowerCount, 1.0, 5.0, 5.0, true));
  auto a = acc(R"({"username":"anna","has_profile_pic":true,"follower_count":0})");
  auto b = acc(R"({"username":"anna","has_profile_pic":true})");
  CHECK(classify_at(m, a, Tier::kLite).fake_probability == classify_at(m, b, Tier::kLite).fake_probability);
}

TEST_CASE("[model] a model survives a round trip through its file format") {
  Model m = toy_model();
  auto back = model_from_text(dump_json(model_to_json(m)));
  REQUIRE(back.ok());
  auto a = acc(R"({"username":"x8","has_profile_pic":false})");
  CHECK(classify(back.value(), a).fake_probability == classify(m, a).fake_probability);
  CHECK(back.value().version == "toy");
}

TEST_CASE("[model] corrupt model files get clear errors") {
  std::string good = dump_json(model_to_json(toy_model()));
  SUBCASE("not JSON") {
    auto r = model_from_text(good.substr(0, good.size() / 2));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "model.parse");
    CHECK(r.error().message.find("ends early") != std::string::npos);
  }
  SUBCASE("not a model") {
    auto r = model_from_text(R"({"hello":1})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "model.format");
  }
  SUBCASE("a tree linking outside itself") {
    json j = model_to_json(toy_model());
    j["tiers"]["full"]["ensemble"]["trees"][1]["left"][0] = 7;
    auto r = model_from_text(dump_json(j));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "tiers.full.ensemble.trees[1] node 0 links outside the tree");
  }
  SUBCASE("a tree that loops back") {
    json j = model_to_json(toy_model());
    j["tiers"]["lite"]["ensemble"]["trees"][0]["right"][0] = 0;
    CHECK_FALSE(model_from_text(dump_json(j)).ok());
  }
  SUBCASE("another feature list") {
    json j = model_to_json(toy_model());
    j["features"][3] = "something_else";
    auto r = model_from_text(dump_json(j));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "model.features");
  }
  SUBCASE("an impossible threshold") {
    json j = model_to_json(toy_model());
    j["tiers"]["lite"]["threshold"] = 1.5;
    CHECK_FALSE(model_from_text(dump_json(j)).ok());
  }
}

TEST_CASE("[model] a missing model file is a clear error") {
  auto r = model_from_file("/nonexistent/model.json");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "model.missing");
  CHECK(r.error().message.find("/nonexistent/model.json") != std::string::npos);
}

TEST_CASE("[model] the committed model loads and is the one compiled in") {
  auto file = model_from_file(FM_SOURCE_DIR "/models/model.json");
  REQUIRE(file.ok());
  REQUIRE(builtin_model_status().ok());
  CHECK(builtin_model().version == file.value().version);
  auto a = acc(R"({"username":"j.doe_1999","has_profile_pic":false,"follower_count":3,"following_count":900})");
  CHECK(classify(builtin_model(), a).fake_probability == classify(file.value(), a).fake_probability);
}
