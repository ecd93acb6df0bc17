// The account record: optional fields, fallbacks, and errors that name the field.
#include <doctest/doctest.h>

#include <algorithm>

#include "account.h"

using fm::account_from_text;

TEST_CASE("[account] every field is optional and unknown stays unknown") {
  auto a = account_from_text("{}");
  REQUIRE(a.ok());
  CHECK_FALSE(a.value().username.has_value());
  CHECK_FALSE(a.value().follower_count.has_value());
  auto b = account_from_text(R"({"username": null, "follower_count": null, "is_private": null})");
  REQUIRE(b.ok());
  CHECK_FALSE(b.value().username.has_value());
  CHECK_FALSE(b.value().is_private.has_value());
}

TEST_CASE("[account] fields are read with their types and unknown keys are ignored") {
  auto a =
      account_from_text(R"({"username":"anna.b","full_name":"Anna B","is_private":true,"has_profile_pic":0,)"
                        R"("media_count":12,"follower_count":340,"following_count":2.0,"pk":"123","whatever":[1,2]})");
  REQUIRE(a.ok());
  CHECK(*a.value().username == "anna.b");
  CHECK(*a.value().is_private == true);
  CHECK(*a.value().has_profile_pic == false);
  CHECK(*a.value().following_count == 2);
  CHECK(a.value().lite_only == false);
}

TEST_CASE("[account] Instagram's has_anonymous_profile_picture is read as the inverse of has_profile_pic") {
  auto anon = account_from_text(R"({"username":"x","profile_pic_url":"a.jpg","has_anonymous_profile_picture":true})");
  REQUIRE(anon.ok());
  CHECK(*anon.value().has_profile_pic == false);
  auto own = account_from_text(R"({"has_anonymous_profile_picture":false})");
  REQUIRE(own.ok());
  CHECK(*own.value().has_profile_pic == true);
  auto unknown = account_from_text(R"({"has_anonymous_profile_picture":null})");
  REQUIRE(unknown.ok());
  CHECK_FALSE(unknown.value().has_profile_pic.has_value());
  // Both fields saying the same thing is fine; saying opposite things is refused, naming both.
  CHECK(account_from_text(R"({"has_profile_pic":true,"has_anonymous_profile_picture":false})").ok());
  auto clash = account_from_text(R"({"has_profile_pic":true,"has_anonymous_profile_picture":true})");
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().id == "account.range");
  CHECK(clash.error().message.find("'has_profile_pic'") != std::string::npos);
  CHECK(clash.error().message.find("'has_anonymous_profile_picture'") != std::string::npos);
  auto typed = account_from_text(R"({"has_anonymous_profile_picture":"yes"})");
  REQUIRE_FALSE(typed.ok());
  CHECK(typed.error().message.find("'has_anonymous_profile_picture'") != std::string::npos);
}

TEST_CASE("[account] a list user's profile_pic_url tells the default picture from one's own") {
  // Instagram's lists send the picture's URL; the default ("anonymous") picture has one file name.
  auto def = account_from_text(std::string(R"({"username":"x","profile_pic_url":"https://cdn/v/t51/)") +
                               fm::kDefaultAvatarMark + R"(.jpg?x=1"})");
  REQUIRE(def.ok());
  CHECK(*def.value().has_profile_pic == false);
  auto own = account_from_text(R"({"username":"x","profile_pic_url":"https://cdn/v/t51/12345_n.jpg"})");
  REQUIRE(own.ok());
  CHECK(*own.value().has_profile_pic == true);
  // An empty or null URL says nothing: unknown, never "no picture".
  for (const char* none : {R"({"profile_pic_url":""})", R"({"profile_pic_url":null})"}) {
    auto r = account_from_text(none);
    REQUIRE(r.ok());
    CHECK_FALSE(r.value().has_profile_pic.has_value());
  }
  // A flag is a stronger word than a URL: it wins either way.
  auto flagged = account_from_text(R"({"has_profile_pic":false,"profile_pic_url":"https://cdn/own.jpg"})");
  REQUIRE(flagged.ok());
  CHECK(*flagged.value().has_profile_pic == false);
  auto anon = account_from_text(R"({"has_anonymous_profile_picture":false,"profile_pic_url":"https://cdn/)" +
                                std::string(fm::kDefaultAvatarMark) + R"(.jpg"})");
  REQUIRE(anon.ok());
  CHECK(*anon.value().has_profile_pic == true);
  auto typed = account_from_text(R"({"profile_pic_url":5})");
  REQUIRE_FALSE(typed.ok());
  CHECK(typed.error().message.find("'profile_pic_url'") != std::string::npos);
}

TEST_CASE("[account] a GraphQL user object's nested counts are read as the record's counts") {
  auto g = account_from_text(R"({"username":"x","edge_followed_by":{"count":12},"edge_follow":{"count":3400},)"
                             R"("edge_owner_to_timeline_media":{"count":0,"edges":[]}})");
  REQUIRE(g.ok());
  CHECK(*g.value().follower_count == 12);
  CHECK(*g.value().following_count == 3400);
  CHECK(*g.value().media_count == 0);
  auto empty = account_from_text(R"({"edge_followed_by":{},"edge_follow":null})");
  REQUIRE(empty.ok());
  CHECK_FALSE(empty.value().follower_count.has_value());
  CHECK_FALSE(empty.value().following_count.has_value());
  CHECK(account_from_text(R"({"follower_count":12,"edge_followed_by":{"count":12}})").ok());
  auto clash = account_from_text(R"({"follower_count":12,"edge_followed_by":{"count":13}})");
  REQUIRE_FALSE(clash.ok());
  CHECK(clash.error().id == "account.range");
  CHECK(clash.error().message ==
        "fields 'follower_count' (12) and 'edge_followed_by.count' (13) contradict each other");
  auto scalar = account_from_text(R"({"edge_follow":5})");
  REQUIRE_FALSE(scalar.ok());
  CHECK(scalar.error().id == "account.type");
  CHECK(scalar.error().message.find("'edge_follow' must be an object") != std::string::npos);
  auto negative = account_from_text(R"({"edge_followed_by":{"count":-1}})");
  REQUIRE_FALSE(negative.ok());
  CHECK(negative.error().message.find("edge_followed_by.count") != std::string::npos);
}

TEST_CASE("[account] wrong types name the field") {
  auto a = account_from_text(R"({"follower_count":"12K"})");
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().id == "account.type");
  CHECK(a.error().message == "field 'follower_count' must be a number, got \"12K\"");
  auto b = account_from_text(R"({"is_private":"yes"})");
  REQUIRE_FALSE(b.ok());
  CHECK(b.error().message.find("'is_private'") != std::string::npos);
  // 1 and 0 are read as true and false (data sets write them so): the message says so too.
  CHECK(b.error().message == "field 'is_private' must be true or false (or 1 or 0), got \"yes\"");
  CHECK(account_from_text(R"({"is_private":1})").ok());
  auto c = account_from_text(R"({"media_count":1.5})");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().message.find("whole number") != std::string::npos);
  auto d = account_from_text(R"({"is_verified":2})");
  CHECK_FALSE(d.ok());
}

TEST_CASE("[account] negative and absurd values are refused") {
  auto neg = account_from_text(R"({"following_count":-1})");
  REQUIRE_FALSE(neg.ok());
  CHECK(neg.error().id == "account.range");
  CHECK(neg.error().message.find("'following_count' must be at least 0") != std::string::npos);
  auto big = account_from_text(R"({"follower_count":10000000001})");
  REQUIRE_FALSE(big.ok());
  CHECK(big.error().message.find("absurdly large") != std::string::npos);
  CHECK(account_from_text(R"({"follower_count":10000000000})").ok());
  std::string long_name(1001, 'a');
  auto ln = account_from_text("{\"username\":\"" + long_name + "\"}");
  REQUIRE_FALSE(ln.ok());
  CHECK(ln.error().message.find("'username' is too long") != std::string::npos);
  auto digits = account_from_text(R"({"username_length":3,"username_digit_count":4})");
  CHECK_FALSE(digits.ok());
}

TEST_CASE("[account] invalid UTF-8 is an error naming the field") {
  auto a = account_from_text("{\"full_name\":\"ab\xff\"}");
  REQUIRE_FALSE(a.ok());
  // nlohmann refuses invalid UTF-8 while parsing, before any field is read.
  CHECK(a.error().id == "json.parse");
}

TEST_CASE("[account] the phase marks lite-only followers") {
  CHECK(account_from_text(R"({"phase":"lite"})").value().lite_only);
  CHECK_FALSE(account_from_text(R"({"phase":"full"})").value().lite_only);
  auto bad = account_from_text(R"({"phase":"medium"})");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("'phase'") != std::string::npos);
}

TEST_CASE("[account] non-objects and broken JSON get clear errors") {
  auto arr = account_from_text("[1,2]");
  REQUIRE_FALSE(arr.ok());
  CHECK(arr.error().message == "an account record must be a JSON object, got array");
  auto cut = account_from_text(R"({"username":"an)");
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.error().message.find("ends early") != std::string::npos);
  auto empty = account_from_text("");
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message.find("empty") != std::string::npos);
}

TEST_CASE("[account] an engine error answer is refused, not scored as an empty record") {
  auto a = account_from_text(R"({"error":{"id":"profile.parse","message":"truncated"}})");
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().id == "account.shape");
  CHECK(a.error().message.find("profile.parse") != std::string::npos);
}

TEST_CASE("[account] the listed field names are exactly the keys the reader reads") {
  // Each listed key is read: an array under it is refused naming it (an array is no field's type).
  const auto names = fm::account_field_names();
  REQUIRE(names.size() >= 20);
  for (std::string_view n : names) {
    CAPTURE(n);
    auto a = account_from_text("{\"" + std::string(n) + "\": [1]}");
    REQUIRE_FALSE(a.ok());
    CHECK(a.error().message.find(std::string(n)) != std::string::npos);
  }
  // And a key not listed is ignored, whatever it holds.
  for (const char* other : {"followers", "posts", "pk", "profile_pic_id", "label"}) {
    CHECK(std::find(names.begin(), names.end(), std::string_view(other)) == names.end());
    CHECK(account_from_text(std::string("{\"") + other + "\": [1]}").ok());
  }
}
