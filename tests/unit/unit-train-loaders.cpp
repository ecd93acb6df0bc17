// The trainer's data loaders: CSV quoting, malformed rows, and the mapping of each
// data set onto the engine's account record.
#include <doctest/doctest.h>

#include <cmath>

#include "csv.h"
#include "datasets.h"

using namespace fm;
using namespace fm::train;

TEST_CASE("[csv] quoted fields keep commas, doubled quotes and newlines") {
  auto t = parse_csv("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nplain,,\"\"\n", "t.csv");
  REQUIRE(t.ok());
  REQUIRE(t.value().rows.size() == 2);
  CHECK(t.value().header == std::vector<std::string>{"a", "b", "c"});
  CHECK(t.value().rows[0].fields == std::vector<std::string>{"x,1", "say \"hi\"", "two\nlines"});
  CHECK(t.value().rows[0].line == 2);
  CHECK(t.value().rows[1].fields == std::vector<std::string>{"plain", "", ""});
  CHECK(t.value().rows[1].line == 4);  // the quoted newline counts
  CHECK(t.value().column("c") == 2);
  CHECK(t.value().column("zz") == -1);
}

TEST_CASE("[csv] a last line without newline and blank lines are read") {
  auto t = parse_csv("a,b\n\n1,2\n\n3,4", "t.csv");
  REQUIRE(t.ok());
  REQUIRE(t.value().rows.size() == 2);
  CHECK(t.value().rows[1].fields == std::vector<std::string>{"3", "4"});
  CHECK(t.value().rows[1].line == 5);
}

TEST_CASE("[csv] malformed input names the file and line") {
  SUBCASE("wrong field count") {
    auto t = parse_csv("a,b\n1,2\n1,2,3\n", "data/x.csv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().id == "data.csv");
    CHECK(t.error().message == "data/x.csv:3: expected 2 fields, got 3");
  }
  SUBCASE("unclosed quote") {
    auto t = parse_csv("a,b\n1,\"2\n", "x.csv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message == "x.csv:2: a quoted field is never closed");
  }
  SUBCASE("quote inside a bare field") {
    auto t = parse_csv("a,b\n1,x\"y\n", "x.csv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message == "x.csv:2: a quote inside an unquoted field");
  }
  SUBCASE("text after a closing quote") {
    auto t = parse_csv("a\n\"x\"y\n", "x.csv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message == "x.csv:2: text after a closing quote");
  }
  SUBCASE("empty file") {
    auto t = parse_csv("", "x.csv");
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().message == "x.csv: no header row");
  }
}

namespace {
const char kSrfHeader[] =
    "\"Profile.URL\",\"rating\",\"Username\",\"Number.of.posts\",\"Number.of.people.they.follow\","
    "\"Number.of.followers\",\"has_profile_picture\",\"Private.account\"\n";
}

TEST_CASE("[loaders] SRF rows map to username, counts and flags") {
  std::string text = std::string(kSrfHeader) +
                     "\"https://instagram.com/anna_99\",\"TRUE\",\"anna_99\",\"0\",\"1500\",\"12\",\"FALSE\",\"TRUE\"\n"
                     "\"u\",\"FALSE\",\"bob\",\"30\",\"200\",\"250\",\"TRUE\",\"FALSE\"\n";
  std::vector<Sample> out;
  auto r = load_srf(text, "srf.csv", out);
  REQUIRE(r.ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].set == "srf");
  CHECK(out[0].row == 0);
  CHECK(out[0].label == 1);
  CHECK(out[1].label == 0);
  CHECK(out[0].record["username"] == "anna_99");
  CHECK(out[0].record["media_count"] == 0);
  CHECK(out[0].record["following_count"] == 1500);
  CHECK(out[0].record["follower_count"] == 12);
  CHECK(out[0].record["has_profile_pic"] == false);
  CHECK(out[0].record["is_private"] == true);
  CHECK(out[0].x[kUsernameTrailingDigits] == 2);
  CHECK(out[0].x[kLogFollowingCount] == doctest::Approx(std::log1p(1500.0)));
  CHECK(std::isnan(out[0].x[kFullNameWordCount]));  // SRF has no display names: unknown, not 0
}

TEST_CASE("[loaders] a bad SRF value names file, line and column") {
  std::vector<Sample> out;
  SUBCASE("count that is not a number") {
    auto r = load_srf(std::string(kSrfHeader) + "\"u\",\"FALSE\",\"bob\",\"many\",\"1\",\"1\",\"TRUE\",\"TRUE\"\n",
                      "srf.csv", out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "srf.csv:2: column 'Number.of.posts' must be a number, got 'many'");
  }
  SUBCASE("negative count goes through the engine's own check") {
    auto r = load_srf(std::string(kSrfHeader) + "\"u\",\"FALSE\",\"bob\",\"1\",\"-5\",\"1\",\"TRUE\",\"TRUE\"\n",
                      "srf.csv", out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "data.record");
    CHECK(r.error().message.rfind("srf.csv:2: ", 0) == 0);
    CHECK(r.error().message.find("following_count") != std::string::npos);
  }
  SUBCASE("bad label") {
    auto r = load_srf(std::string(kSrfHeader) + "\"u\",\"maybe\",\"bob\",\"1\",\"1\",\"1\",\"TRUE\",\"TRUE\"\n",
                      "srf.csv", out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "srf.csv:2: column 'rating' must be TRUE/FALSE or 0/1, got 'maybe'");
  }
  SUBCASE("missing column") {
    auto r = load_srf("\"rating\",\"Username\"\n\"TRUE\",\"x\"\n", "srf.csv", out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "srf.csv:1: missing column 'Number.of.posts'");
  }
}

TEST_CASE("[loaders] Kaggle rows map shares, name signals and counts") {
  std::string text =
      "profile pic,nums/length username,fullname words,nums/length fullname,name==username,description length,"
      "external URL,private,#posts,#followers,#follows,fake\n"
      "0,0.5,1,0.25,1,0,0,1,3,10,900,1\n";
  std::vector<Sample> out;
  auto r = load_kaggle(text, "train.csv", out);
  REQUIRE(r.ok());
  REQUIRE(out.size() == 1);
  const Sample& s = out[0];
  CHECK(s.set == "kaggle");
  CHECK(s.label == 1);
  CHECK(s.record["has_profile_pic"] == false);
  CHECK(s.record["username_digit_share"] == 0.5);
  CHECK(s.record["full_name_equals_username"] == true);
  CHECK(s.record["biography_length"] == 0);
  CHECK(s.record["following_count"] == 900);
  CHECK(s.x[kUsernameDigitShare] == 0.5);
  CHECK(s.x[kFullNameWordCount] == 1);
  CHECK(s.x[kFullNameDigitShare] == 0.25);
  CHECK(s.x[kFullNameEqualsUsername] == 1);
  CHECK(std::isnan(s.x[kUsernameLength]));

  std::vector<Sample> bad;
  auto e = load_kaggle(
      "profile pic,nums/length username,fullname words,nums/length fullname,name==username,description length,"
      "external URL,private,#posts,#followers,#follows,fake\n1,0,1,0,0,0,0,0,2.5,1,1,0\n",
      "train.csv", bad);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message == "train.csv:2: column '#posts' must be a whole number, got '2.5'");
}

TEST_CASE("[loaders] instafake records map derived username values; errors name the record") {
  std::vector<Sample> out;
  auto r = load_instafake(
      "[{\"userFollowerCount\": 25, \"userFollowingCount\": 1937, \"userBiographyLength\": 0, \"userMediaCount\": 0,"
      " \"userHasProfilPic\": 1, \"userIsPrivate\": 0, \"usernameDigitCount\": 3, \"usernameLength\": 12, \"isFake\": "
      "1}]",
      "fake.json", 1, out);
  REQUIRE(r.ok());
  REQUIRE(out.size() == 1);
  CHECK(out[0].record["has_profile_pic"] == true);
  CHECK(out[0].record["is_private"] == false);
  CHECK(out[0].record["username_length"] == 12);
  CHECK(out[0].x[kUsernameDigitShare] == doctest::Approx(0.25));
  CHECK(out[0].x[kBiographyLength] == 0);

  std::vector<Sample> bad;
  auto e = load_instafake("[{\"isFake\": 1}, {\"isFake\": 1, \"userHasProfilPic\": 2}]", "fake.json", 1, bad);
  REQUIRE_FALSE(e.ok());
  CHECK(e.error().message == "fake.json: record 2: field 'userHasProfilPic' must be 0 or 1, got 2");
  auto wrong_label = load_instafake("[{\"isFake\": 0}]", "fake.json", 1, bad);
  REQUIRE_FALSE(wrong_label.ok());
  CHECK(wrong_label.error().message == "fake.json: record 1: isFake must be 1 in this file");
  auto syntax = load_instafake("[{\"isFake\": 1},", "fake.json", 1, bad);
  REQUIRE_FALSE(syntax.ok());
  CHECK(syntax.error().id == "data.json");
}

TEST_CASE("[csv] a stray carriage return stays on its line") {
  auto t = parse_csv("a,b\r\n1,2\r,3\r\n", "x.csv");
  REQUIRE_FALSE(t.ok());
  CHECK(t.error().message == "x.csv:2: expected 2 fields, got 3");
}
