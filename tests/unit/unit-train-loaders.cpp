// The tools' data loaders: CSV quoting, malformed rows, the mapping of each data set onto the
// engine's account record (unknown fields stay unknown), and accounts kept apart across folds.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "csv.h"
#include "labelled_sets.h"

using namespace fm;
using namespace fm::data;

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
  auto r = load_csv_set(text, "srf.csv", srf_format(), out);
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
    auto r = load_csv_set(std::string(kSrfHeader) + "\"u\",\"FALSE\",\"bob\",\"many\",\"1\",\"1\",\"TRUE\",\"TRUE\"\n",
                          "srf.csv", srf_format(), out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "srf.csv:2: column 'Number.of.posts' must be a number, got 'many'");
  }
  SUBCASE("negative count goes through the engine's own check") {
    auto r = load_csv_set(std::string(kSrfHeader) + "\"u\",\"FALSE\",\"bob\",\"1\",\"-5\",\"1\",\"TRUE\",\"TRUE\"\n",
                          "srf.csv", srf_format(), out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "data.record");
    CHECK(r.error().message.rfind("srf.csv:2: ", 0) == 0);
    CHECK(r.error().message.find("following_count") != std::string::npos);
  }
  SUBCASE("bad label") {
    auto r = load_csv_set(std::string(kSrfHeader) + "\"u\",\"maybe\",\"bob\",\"1\",\"1\",\"1\",\"TRUE\",\"TRUE\"\n",
                          "srf.csv", srf_format(), out);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "srf.csv:2: column 'rating' must be TRUE/FALSE or 0/1, got 'maybe'");
  }
  SUBCASE("missing column") {
    auto r = load_csv_set("\"rating\",\"Username\"\n\"TRUE\",\"x\"\n", "srf.csv", srf_format(), out);
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
  auto r = load_csv_set(text, "train.csv", kaggle_format(), out);
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
  auto e = load_csv_set(
      "profile pic,nums/length username,fullname words,nums/length fullname,name==username,description length,"
      "external URL,private,#posts,#followers,#follows,fake\n1,0,1,0,0,0,0,0,2.5,1,1,0\n",
      "train.csv", kaggle_format(), bad);
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

TEST_CASE("[loaders] Kaggle-complete: text fields as written, the default-avatar flag inverted") {
  std::string text =
      "username,full_name,biography,external_url,is_authentic,username_length,bio_length,full_name_len,"
      "has_anonymous_profile_picture,following_count,follower_count,is_private,media_count,following_tag_count,"
      "ext_url_present,fake\n"
      "Anna.Meier,Anna Meier,\"Zurich, photos\",http://a.ch,TRUE,10,14,10,0,300,250,0,40,0,1,0\n"
      "user4711,,,,FALSE,8,0,0,1,6000,3,1,0,0,0,1\n";
  std::vector<Sample> out;
  auto r = load_csv_set(text, "data.csv", kaggle_complete_format(), out);
  REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().text()));
  REQUIRE(out.size() == 2);
  CHECK(out[0].set == "kaggle-complete");
  CHECK(out[0].label == 0);
  CHECK(out[1].label == 1);
  CHECK(out[1].row == 1);
  CHECK(out[0].record["biography"] == "Zurich, photos");
  CHECK(out[0].record["has_profile_pic"] == true);
  CHECK(out[1].record["has_profile_pic"] == false);  // the anonymous avatar
  CHECK(out[0].account == "@anna.meier");
  CHECK(out[0].x[kBiographyLength] == 14);
  CHECK(out[1].x[kBiographyLength] == 0);  // empty text is empty, not unknown
  CHECK(out[0].x[kHasExternalUrl] == 1);
  CHECK(out[1].x[kUsernameTrailingDigits] == 4);
  CHECK_FALSE(out[0].record.contains("is_authentic"));  // it repeats the label
}

TEST_CASE("[loaders] Parma: a file without Private leaves privacy unknown; macerul's avatar stays unknown") {
  std::string older =
      "username,Profile Pic,Nums/Length Username,Full Name Words,Bio Length,External Url,Private,Verified,"
      "Business,#Posts,#Followers,#Following,Fake\n"
      "matteo_c,1,0,2,42,1,0,0,0,102,678,405,0\n";
  std::string newer =
      "username,Profile Pic,Nums/Length Username,Full Name Words,Bio Length,External Url,Verified,Business,#Posts,"
      "#Followers,#Following,Last Post Recent,%Post Single Day,Index of Activity,Average of Likes,Fake\n"
      " bot_99 ,0,0.3,0,0,0,0,0,1,3,7000,0,0,0,0,1\n";
  std::vector<Sample> out;
  REQUIRE(load_csv_set(older, "Old.csv", parma_format(), out).ok());
  REQUIRE(load_csv_set(newer, "New.csv", parma_format(), out).ok());
  REQUIRE(out.size() == 2);
  CHECK(out[0].record["is_private"] == false);
  CHECK(out[0].record["is_verified"] == false);
  CHECK(out[0].x[kFullNameWordCount] == 2);
  CHECK(std::isnan(out[1].x[kIsPrivate]));  // the newer file has no Private column
  CHECK(out[1].label == 1);
  CHECK(std::isnan(out[1].x[kFullNameDigitShare]));
  // The name as Instagram shows it: Parma writes one with a trailing space.
  CHECK(out[1].record["username"] == "bot_99");
  CHECK(out[1].x[kUsernameLength] == 6);

  std::string mac =
      "has_pic,username_len,username_digits,is_private,full_name_len,num_post,num_followers,num_followings,bio_len,"
      "is_business,is_recent_user,isFake\n"
      "0,14,0,0,25,1016,3450,1073,145,1,0,0\n"
      "0,9,3,0,0,15,3,899,0,0,1,1\n"
      "0,9,3,0,0,15,3,899,0,0,1,1\n";
  std::vector<Sample> m;
  REQUIRE(load_csv_set(mac, "ig_PD.csv", macerul_format(), m).ok());
  REQUIRE(m.size() == 3);
  CHECK(std::isnan(m[0].x[kHasProfilePic]));  // has_pic is 0 nearly everywhere: not read
  CHECK(m[0].x[kUsernameLength] == 14);
  CHECK(m[1].x[kUsernameDigitShare] == doctest::Approx(3.0 / 9));
  CHECK(m[1].account == m[2].account);  // identical rows: one key, one fold
  CHECK(m[0].account != m[1].account);
  CHECK(m[0].account.rfind("macerul#", 0) == 0);
}

TEST_CASE("[loaders] account keys: one account is one key across sets") {
  CHECK(account_key("  @Anna.Meier ") == "@anna.meier");
  CHECK(account_key("anna.meier") == "@anna.meier");
  CHECK(account_key("anna_meier") != account_key("anna.meier"));
}

TEST_CASE("[loaders] load_all: every set, a set's repeated account kept once, shared accounts counted") {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / "fm-unit-loaders";
  fs::remove_all(dir);
  auto put = [&](const std::string& rel, const std::string& text) {
    fs::create_directories((dir / rel).parent_path());
    std::ofstream(dir / rel) << text;
  };
  put("srf/labelled_followers_dev.csv",
      std::string(kSrfHeader) + "\"u\",\"TRUE\",\"solo\",\"1\",\"900\",\"5\",\"TRUE\",\"FALSE\"\n");
  put("kaggle-free4ever1/train.csv",
      "profile pic,nums/length username,fullname words,nums/length fullname,name==username,description length,"
      "external URL,private,#posts,#followers,#follows,fake\n1,0,1,0,0,10,0,0,30,100,90,0\n");
  put("instafake/fakeAccountData.json", "[{\"userFollowerCount\": 2, \"userFollowingCount\": 900, \"isFake\": 1}]");
  put("instafake/realAccountData.json", "[{\"userFollowerCount\": 200, \"userFollowingCount\": 90, \"isFake\": 0}]");
  put("kaggle-complete/data.csv",
      "username,full_name,biography,external_url,is_authentic,username_length,bio_length,full_name_len,"
      "has_anonymous_profile_picture,following_count,follower_count,is_private,media_count,following_tag_count,"
      "ext_url_present,fake\nshared_bot,,,,FALSE,10,0,0,1,5000,2,0,0,0,0,1\n");
  const std::string parma_head =
      "username,Profile Pic,Nums/Length Username,Full Name Words,Bio Length,External Url,Private,Verified,"
      "Business,#Posts,#Followers,#Following,Fake\n";
  put("parma/OldDataSet.csv",
      parma_head + "Shared_Bot,0,0,0,0,0,0,0,0,0,2,5000,1\nfriend,1,0,2,10,0,1,0,0,50,300,200,0\n");
  put("parma/NewDataset.csv",
      "username,Profile Pic,Nums/Length Username,Full Name Words,Bio Length,External Url,Verified,Business,#Posts,"
      "#Followers,#Following,Last Post Recent,%Post Single Day,Index of Activity,Average of Likes,Fake\n"
      "friend,1,0,2,10,0,0,0,55,310,205,1,0,0,0,0\n");
  put("macerul/ig_PD.csv",
      "has_pic,username_len,username_digits,is_private,full_name_len,num_post,num_followers,num_followings,bio_len,"
      "is_business,is_recent_user,isFake\n0,9,3,0,0,15,3,899,0,0,1,1\n0,9,3,0,0,15,3,899,0,0,1,1\n");
  auto loaded = load_all(dir.string());
  fs::remove_all(dir);
  REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().text()));
  const auto& l = loaded.value();
  REQUIRE(l.summary.size() == set_names().size());
  auto summary = [&](const std::string& set) {
    for (const auto& s : l.summary)
      if (s.set == set) return s;
    FAIL("no summary for " << set);
    return SetSummary{};
  };
  CHECK(summary("parma").rows_read == 3);
  CHECK(summary("parma").duplicates_dropped == 1);  // the newer snapshot of "friend"
  CHECK(summary("parma").n == 2);
  CHECK(summary("parma").shared_accounts == 1);
  CHECK(summary("kaggle-complete").shared_accounts == 1);
  CHECK(summary("macerul").n == 2);  // identical rows of a set without usernames are both kept
  CHECK(summary("instafake").fakes == 1);
  int friend_rows = 0;
  for (const auto& s : l.samples)
    if (s.account == "@friend") {
      ++friend_rows;
      CHECK(s.record["media_count"] == 50);  // the older row, with Private
      CHECK(s.record["is_private"] == true);
    }
  CHECK(friend_rows == 1);
  CHECK(data_fingerprint(l.samples).size() == 16);
  auto again = l.samples;
  again.back().label ^= 1;
  CHECK(data_fingerprint(again) != data_fingerprint(l.samples));
}
