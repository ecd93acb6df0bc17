// Profile analysis: parsing web_profile_info with its limits and errors, the
// signals on the fixtures in tests/fixtures/profiles/, the report contract, the combination
// with an audience report, and the committed reference matching the code that derives it.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "account.h"
#include "api.h"
#include "estimator/report_json.h"
#include "estimator_samples.h"
#include "instafake_posts.h"
#include "profile/profile.h"
#include "profile/reference.h"
#include "profile/report.h"
#include "profile/signals.h"
#include "test_files.h"

using namespace fm;
using namespace fm::prof;
using fm_test::read_file;

namespace {

std::string fixture(const std::string& name) {
  std::string text = read_file(fm_test::repo_file("tests/fixtures/profiles/" + name + ".json"));
  REQUIRE_MESSAGE(!text.empty(), "fixture " << name << " is missing");
  return text;
}

json analyze(const std::string& text, const std::string& options = "{}") {
  auto j = parse_json(api_analyze_profile(text, options), "report");
  REQUIRE(j.ok());
  return j.value();
}

json report_of(const std::string& name, const std::string& options = "{}") {
  json r = analyze(fixture(name), options);
  REQUIRE_MESSAGE(!r.contains("error"), name << ": " << r.dump());
  return r;
}

std::string error_id(const json& r) {
  REQUIRE(r.contains("error"));
  return r["error"]["id"].get<std::string>();
}
std::string error_message(const json& r) { return r["error"]["message"].get<std::string>(); }

// A document with `n` posts of the given likes (or -1 for hidden), newest first.
std::string doc_with(int64_t followers, const std::vector<int64_t>& likes, int64_t media = 100) {
  json edges = json::array();
  for (size_t i = 0; i < likes.size(); ++i)
    edges.push_back({{"node",
                      {{"taken_at_timestamp", 1700000000 - int64_t(i) * 86400 * 5},
                       {"is_video", false},
                       {"edge_liked_by", {{"count", likes[i]}}},
                       {"edge_media_to_comment", {{"count", 3}}}}}});
  json d = {{"data",
             {{"user",
               {{"username", "t"},
                {"edge_followed_by", {{"count", followers}}},
                {"edge_follow", {{"count", 300}}},
                {"edge_owner_to_timeline_media", {{"count", media}, {"edges", edges}}}}}}},
            {"status", "ok"}};
  return d.dump();
}

const std::vector<int64_t> kVaried = {120, 80, 150, 95, 60, 200, 110, 70, 130, 90, 170, 100};

}  // namespace

TEST_CASE("[profile] every report carries the contract's fields") {
  for (const char* name : {"organic", "bought_followers", "like_subscription", "private", "hidden_likes", "no_posts",
                           "new_account", "mass_following", "large_business", "views_mismatch", "not_found"}) {
    CAPTURE(name);
    json r = report_of(name);
    for (const char* k :
         {"username",        "full_name",   "is_private",     "is_verified", "is_business",  "follower_count",
          "following_count", "media_count", "status",         "states",      "fake_percent", "ci_low",
          "ci_high",         "confidence",  "grade",          "badge",       "reasons",      "signals",
          "posts",           "audience",    "combined_notes", "engine"})
      CHECK_MESSAGE(r.contains(k), k);
    CHECK(r["states"].is_array());
    CHECK(r["reasons"].is_array());
    for (const auto& reason : r["reasons"]) {
      CHECK(reason["signal"].is_string());
      // An id with its parameters, never prose: the id's namespace is the signal.
      CHECK_FALSE(reason.contains("text"));
      std::string id = reason["id"].get<std::string>();
      CHECK(id.rfind(reason["signal"].get<std::string>() + ".", 0) == 0);
      CHECK(reason["params"].is_object());
      std::string sev = reason["severity"].get<std::string>();
      CHECK((sev == "info" || sev == "low" || sev == "medium" || sev == "high"));
    }
    if (r["status"] == "ok") {
      double f = r["fake_percent"].get<double>(), lo = r["ci_low"].get<double>(), hi = r["ci_high"].get<double>();
      CHECK(lo >= 0);
      CHECK(lo <= f);
      CHECK(f <= hi);
      CHECK(hi <= 100);
      // A grade only where the badge shows a number (an interval narrow enough to act on).
      CHECK((r["grade"] != "unknown") == (r["badge"]["state"] == "number"));
      CHECK(r["confidence"] == "instant");
    } else {
      CHECK(r["status"] == "insufficient_data");
      CHECK(r["fake_percent"].is_null());
      CHECK(r["ci_low"].is_null());
      CHECK(r["ci_high"].is_null());
      CHECK(r["grade"] == "unknown");
      CHECK(r["confidence"] == "none");
    }
    CHECK(r["audience"].is_null());
    CHECK(r["combined_notes"] == json::array());
  }
}

TEST_CASE("[profile] not-enough-data states are reported, not guessed") {
  CHECK(report_of("private")["states"] == json::array({"private"}));
  CHECK(report_of("hidden_likes")["states"] == json::array({"hidden_likes"}));
  CHECK(report_of("no_posts")["states"] == json::array({"no_posts"}));
  CHECK(report_of("new_account")["states"] == json::array({"new_account"}));
  CHECK(report_of("not_found")["states"] == json::array({"not_found"}));
  for (const char* name : {"private", "hidden_likes", "no_posts", "new_account", "not_found"})
    CHECK(report_of(name)["status"] == "insufficient_data");
  // A single hidden post among visible ones does not stop the analysis.
  std::vector<int64_t> likes = kVaried;
  likes[3] = -1;
  json r = analyze(doc_with(600, likes));
  CHECK(r["status"] == "ok");
  CHECK(r["signals"]["posts_read"]["hidden_likes"] == 1);
  CHECK(r["posts"][3]["likes"].is_null());
}

TEST_CASE("[profile] the organic fixture reads as mostly real, bought followers as worse") {
  json organic = report_of("organic");
  CHECK(organic["fake_percent"].get<double>() < 10);
  CHECK(organic["signals"]["bought_likes"]["flagged"] == false);
  CHECK(organic["signals"]["engagement"]["reference"]["solidity"] == "measured");
  json bought = report_of("bought_followers");
  CHECK(bought["fake_percent"].get<double>() > organic["fake_percent"].get<double>() + 20);
  CHECK(bought["signals"]["engagement"]["reference"]["solidity"] == "benchmark");
}

TEST_CASE("[profile] more followers for the same likes never lowers the implied fake share") {
  double last = -1;
  for (int64_t followers : {300, 600, 1200, 2500, 5000, 12000, 40000, 150000}) {
    CAPTURE(followers);
    json r = analyze(doc_with(followers, kVaried));
    REQUIRE(r["status"] == "ok");
    double f = r["fake_percent"].get<double>();
    CHECK(f >= last);
    last = f;
  }
  CHECK(last > 50);
}

// Engagement so low that every reading passes the 99% cap (100M followers, a small account's
// likes) gave "99.0% (99.0% to 99.0%)": an interval of no width. The upper end may reach 100%.
TEST_CASE("[profile] an implied share at the cap has an interval up to 100%, never of zero width") {
  json r = analyze(doc_with(100'000'000, kVaried));
  REQUIRE(r["status"] == "ok");
  CHECK(r["fake_percent"].get<double>() == doctest::Approx(99.0));
  CHECK(r["ci_high"].get<double>() == doctest::Approx(100.0));
  CHECK(r["ci_low"].get<double>() <= r["fake_percent"].get<double>());
}

// On a 1-follower account the low quantiles of real accounts' engagement fell under no likes at
// all: "Engagement 0%: typical for real accounts of this size (half get more than -16%)".
TEST_CASE("[profile] real accounts' engagement levels are never negative, however small the account") {
  for (int64_t followers : {1, 2, 3, 5}) {
    CAPTURE(followers);
    json r = analyze(doc_with(followers, std::vector<int64_t>(12, 0)));
    REQUIRE(r["status"] == "ok");
    const json& e = r["signals"]["engagement"];
    for (const char* k : {"real_rate_q10", "real_rate_q50", "real_rate_q90"}) CHECK(e[k].get<double>() >= 0);
    for (const json& reason : r["reasons"])
      if (reason.contains("params") && reason["params"].contains("peers"))
        CHECK(reason["params"]["peers"].get<double>() >= 0);
  }
}

// An audit reads no commenters of a post with its comments switched off: the report says which.
TEST_CASE("[profile] the report's posts say which have their comments switched off") {
  json d = json::parse(doc_with(5000, kVaried));
  d["data"]["user"]["edge_owner_to_timeline_media"]["edges"][1]["node"]["comments_disabled"] = true;
  json r = analyze(d.dump());
  REQUIRE(r["status"] == "ok");
  REQUIRE(r["posts"].size() == kVaried.size());
  for (size_t i = 0; i < kVaried.size(); ++i) CHECK(r["posts"][i]["comments_disabled"] == (i == 1));
}

TEST_CASE("[profile] a like subscription is flagged and sized") {
  json r = report_of("like_subscription");
  const json& b = r["signals"]["bought_likes"];
  CHECK(b["flagged"] == true);
  CHECK(b["score"].get<double>() > b["threshold"].get<double>());
  double per_post = b["estimated_bought_per_post"].get<double>();
  CHECK(per_post > 120);  // the fixture adds 195-205 to each post
  CHECK(per_post < 240);
  CHECK(r["signals"]["engagement"]["likes_adjusted_for_bought"] == true);
  CHECK(r["reasons"][0]["severity"] == "high");
  // Videos with more likes than views betray bought likes by themselves.
  json v = report_of("views_mismatch");
  CHECK(v["signals"]["bought_likes"]["flagged"] == true);
  CHECK(v["signals"]["bought_likes"]["likes_above_views"] == 12);
}

TEST_CASE("[profile] mass following and sudden audiences become reasons with their numbers") {
  json r = report_of("mass_following");
  CHECK(r["signals"]["following"]["mass_following"] == true);
  bool found = false;
  for (const auto& reason : r["reasons"])
    if (reason["signal"] == "following") {
      found = true;
      CHECK(reason["id"] == "following.mass");
      CHECK(reason["params"]["following"] == 7450);
    }
  CHECK(found);
  json n = report_of("new_account");
  CHECK(n["signals"]["history"]["sudden_audience"] == true);
  CHECK(report_of("organic")["signals"]["history"]["sudden_audience"] == false);
}

TEST_CASE("[profile] business accounts get the benefit of the doubt") {
  json doc = parse_json(doc_with(30000, kVaried), "doc").value();
  json r_person = analyze(doc.dump());
  doc["data"]["user"]["is_business_account"] = true;
  json r_business = analyze(doc.dump());
  CHECK(r_business["is_business"] == true);
  CHECK(r_business["fake_percent"].get<double>() < r_person["fake_percent"].get<double>());
  CHECK(r_business["ci_high"].get<double>() == doctest::Approx(r_person["ci_high"].get<double>()));
}

TEST_CASE(
    "[profile] an empty external_url is read from bio_links; a shape it does not know leaves the link as it was") {
  auto doc = [](const std::string& user_fields) {
    return R"({"data":{"user":{"username":"a","edge_followed_by":{"count":5})" + user_fields + "}}}";
  };
  auto link = [&](const std::string& fields) {
    auto p = parse_profile(doc(fields));
    REQUIRE(p.ok());
    return p.value().external_url.value_or("(unknown)");
  };
  CHECK(link(R"(,"external_url":"","bio_links":[{"title":""},{"url":"https://shop.example"}])") ==
        "https://shop.example");
  CHECK(link(R"(,"external_url":"https://own.example","bio_links":[{"url":"https://other.example"}])") ==
        "https://own.example");
  CHECK(link(R"(,"bio_links":[{"url":"https://shop.example","lynx_url":"x"}])") == "https://shop.example");
  CHECK(link(R"(,"bio_links":{"url":"https://shop.example"})") == "(unknown)");
  CHECK(link(R"(,"bio_links":[5,{"url":7},{"url":""}])") == "");
  CHECK(link(R"(,"bio_links":[])") == "");
  // "No link" as each endpoint says it (web_profile_info null, users/<id>/info ""), against a
  // document that names neither field.
  CHECK(link(R"(,"external_url":null)") == "");
  CHECK(link(R"(,"external_url":"")") == "");
  CHECK(link("") == "(unknown)");
}

TEST_CASE("[profile] malformed documents get an error that names what was wrong") {
  json r = analyze(fixture("wrong_types"));
  CHECK(error_id(r) == "profile.type");
  CHECK(error_message(r).find("data.user.edge_followed_by.count") != std::string::npos);
  CHECK(error_message(r).find("must be a number") != std::string::npos);
  r = analyze(fixture("truncated"));
  CHECK(error_id(r) == "profile.parse");
  CHECK(error_message(r).find("truncated") != std::string::npos);
  r = analyze(fixture("rate_limited"));
  CHECK(error_id(r) == "profile.instagram");
  CHECK(error_message(r).find("Please wait") != std::string::npos);
  CHECK(error_id(analyze("")) == "profile.parse");
  CHECK(error_id(analyze("[1,2]")) == "profile.shape");
  CHECK(error_id(analyze(R"({"users":[]})")) == "profile.shape");
  CHECK(error_id(analyze(R"({"data":{"user":[]}})")) == "profile.type");
  CHECK(error_message(analyze(R"({"data":{"user":{"username":"a"}}})")).find("edge_followed_by") != std::string::npos);
  r = analyze(
      R"({"data":{"user":{"username":"a","edge_followed_by":{"count":5},"edge_owner_to_timeline_media":{"count":1,"edges":[{"node":{"edge_liked_by":{"count":-7}}}]}}}})");
  CHECK(error_id(r) == "profile.range");
  CHECK(error_message(r).find("edges[0].node.edge_liked_by.count") != std::string::npos);
  r = analyze(
      R"({"data":{"user":{"username":"a","edge_followed_by":{"count":5},"edge_owner_to_timeline_media":{"count":1,"edges":[{"node":{"is_video":"yes"}}]}}}})");
  CHECK(error_id(r) == "profile.type");
  CHECK(error_message(r).find("edges[0].node.is_video") != std::string::npos);
  r = analyze(R"({"data":{"user":{"username":"a","edge_followed_by":{"count":1e300}}}})");
  CHECK(error_id(r) == "profile.range");
}

// One odd post (a new media type, a field of another type) costs that post, said as a reason; a
// document most of whose posts cannot be read is of another shape, as before.
TEST_CASE("[profile] a post that cannot be read is left out and said; most of them is an error") {
  auto with_odd = [](int odd) {
    json d = json::parse(doc_with(5000, kVaried));
    auto& edges = d["data"]["user"]["edge_owner_to_timeline_media"]["edges"];
    for (int i = 0; i < odd; ++i) edges[size_t(i) * 2]["node"]["edge_liked_by"]["count"] = "120";
    if (odd > 1) edges[1] = nullptr;  // an edge that is no object
    return analyze(d.dump());
  };
  auto unreadable_reason = [](const json& r) {
    for (const json& x : r["reasons"])
      if (x["id"] == "state.posts_unreadable") return x;
    return json();
  };
  json clean = analyze(doc_with(5000, kVaried));
  CHECK(clean["signals"]["posts_read"]["unreadable"] == 0);
  CHECK(unreadable_reason(clean).is_null());
  json one = with_odd(1);
  REQUIRE_MESSAGE(!one.contains("error"), one.dump());
  CHECK(one["posts"].size() == 11);
  CHECK(one["signals"]["posts_read"]["unreadable"] == 1);
  json why = unreadable_reason(one);
  CHECK(why["params"]["unreadable"] == 1);
  CHECK(why["params"]["posts"] == 12);
  CHECK(why["severity"] == "info");
  CHECK(one["fake_percent"].is_number());
  json five = with_odd(5);  // 5 wrong counts and one edge that is no object: 6 of 12
  CHECK(error_id(five) == "profile.type");
  CHECK(error_message(five).find("edges[0].node.edge_liked_by.count") != std::string::npos);
  json four = with_odd(4);  // 5 of 12 unreadable: the other 7 are judged
  REQUIRE_MESSAGE(!four.contains("error"), four.dump());
  CHECK(four["posts"].size() == 7);
  CHECK(unreadable_reason(four)["params"]["unreadable"] == 5);
}

TEST_CASE("[profile] input limits: size, depth, posts read, string length") {
  std::string big = std::string(kMaxDocumentBytes + 1, ' ');
  json r = analyze(big);
  CHECK(error_id(r) == "profile.size");
  CHECK(error_message(r).find(std::to_string(kMaxDocumentBytes)) != std::string::npos);
  std::string deep =
      R"({"data":{"user":{"username":"a","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}}}";
  CHECK(error_id(analyze(deep)) == "profile.depth");
  // Brackets inside strings are text, not nesting.
  std::string quoted = R"({"data":{"user":{"username":"a","biography":")" + std::string(500, '[') +
                       R"(","edge_followed_by":{"count":5}}}})";
  CHECK(analyze(quoted)["status"] == "insufficient_data");
  std::vector<int64_t> many(70, 100);
  for (size_t i = 0; i < many.size(); ++i) many[i] = 50 + int64_t(i * 7 % 90);
  r = analyze(doc_with(800, many, 500));
  CHECK(r["status"] == "ok");
  CHECK(r["posts"].size() == kMaxPostsRead);
  CHECK(r["signals"]["posts_read"]["ignored_past_limit"] == 70 - kMaxPostsRead);
  json doc = parse_json(doc_with(800, kVaried), "doc").value();
  doc["data"]["user"]["username"] = std::string(kMaxUsernameBytes + 1, 'a');
  CHECK(error_id(analyze(doc.dump())) == "profile.range");
}

TEST_CASE("[profile] an audience report is the answer; the profile signals never narrow it") {
  json instant_report = report_of("bought_followers");
  double il = instant_report["ci_low"].get<double>(), ih = instant_report["ci_high"].get<double>();
  REQUIRE(ih > il);
  // A sample inside the instant interval: its own point and interval, unchanged.
  double mid = (il + ih) / 2;
  json inside = {{"fake_percent", mid},
                 {"ci_low", std::max(il, mid - 4)},
                 {"ci_high", std::min(ih, mid + 4)},
                 {"sample_size", 600},
                 {"full_sample_size", 600},
                 {"method", "x"},
                 {"breakdown", json::object()},
                 {"sampling_note", ""}};
  json r = report_of("bought_followers", json{{"audience", inside}}.dump());
  CHECK(r["confidence"] == "audited");
  CHECK(r["audience"] == inside);
  CHECK(r["fake_percent"].get<double>() == doctest::Approx(std::round(mid * 10) / 10));
  CHECK(r["ci_low"].get<double>() == doctest::Approx(std::round(inside["ci_low"].get<double>() * 10) / 10));
  CHECK(r["ci_high"].get<double>() == doctest::Approx(std::round(inside["ci_high"].get<double>() * 10) / 10));
  json note = r["combined_notes"][0];
  CHECK(note["id"] == "combined.sample_answer");
  CHECK(note["params"]["n"] == 600);
  CHECK(r["combined_notes"].size() == 1);  // no "disagree"
  // A sample whose interval misses the instant one: the sample's interval and point stand, and the
  // disagreement is said (spanning both read a clean audit beside low engagement as 0-95% under a
  // badge of 0-18%).
  json apart = inside;
  bool above = ih < 90;
  apart["fake_percent"] = above ? 95.0 : 2.0;
  apart["ci_low"] = above ? std::min(99.0, ih + 2) : 0.0;
  apart["ci_high"] = above ? 100.0 : std::max(1.0, il - 2);
  REQUIRE((above ? apart["ci_low"].get<double>() > ih : apart["ci_high"].get<double>() < il));
  json d = report_of("bought_followers", json{{"audience", apart}}.dump());
  CHECK(d["fake_percent"].get<double>() == doctest::Approx(apart["fake_percent"].get<double>()));
  CHECK(d["ci_low"].get<double>() == doctest::Approx(apart["ci_low"].get<double>()));
  CHECK(d["ci_high"].get<double>() == doctest::Approx(apart["ci_high"].get<double>()));
  CHECK(d["combined_notes"].size() == 2);
  CHECK(d["combined_notes"][1]["id"] == "combined.disagree");
  // A private profile has no instant estimate: the sample stands alone.
  json p = report_of("private", json{{"audience", inside}}.dump());
  CHECK(p["status"] == "ok");
  CHECK(p["fake_percent"].get<double>() == doctest::Approx(std::round(mid * 10) / 10));
  CHECK(p["confidence"] == "audited");
}

TEST_CASE("[profile] bad options are errors, never ignored") {
  std::string doc = fixture("organic");
  CHECK(error_id(analyze(doc, "{")) == "profile.options");
  CHECK(error_id(analyze(doc, "[]")) == "profile.options");
  CHECK(error_id(analyze(doc, R"({"audience": 5})")) == "profile.options");
  CHECK(error_id(analyze(doc, R"({"audience": {"error": {"id": "engine.todo"}}})")) == "profile.options");
  json r = analyze(doc, R"({"audience": {"fake_percent": 12, "ci_low": 9}})");
  CHECK(error_id(r) == "profile.options");
  CHECK(error_message(r).find("ci_high") != std::string::npos);
  CHECK(
      error_id(analyze(doc, R"({"audience": {"fake_percent": 120, "ci_low": 9, "ci_high": 14, "sample_size": 5}})")) ==
      "profile.options");
  CHECK(error_id(analyze(doc, R"({"now": "today"})")) == "profile.options");
  CHECK(analyze(doc, "")["status"] == "ok");  // empty options mean none
}

TEST_CASE("[profile] 'now' decides whether an account is brand-new") {
  std::string doc = fixture("new_account");
  CHECK(analyze(doc, R"({"now": 1700000000})")["states"] == json::array({"new_account"}));
  json later = analyze(doc, R"({"now": 1790000000})");
  CHECK(later["states"] == json::array());
  CHECK(later["status"] == "insufficient_data");  // still only 2 posts
}

TEST_CASE("[profile] accountFromProfile maps a follower's profile to an account record") {
  auto j = parse_json(api_account_from_profile(fixture("no_posts")), "record");
  REQUIRE(j.ok());
  const json& a = j.value();
  CHECK(a["username"] == "finn_empty");
  CHECK(a["has_profile_pic"] == false);  // the default avatar
  CHECK(a["follower_count"] == 40);
  CHECK(a["following_count"] == 90);
  CHECK(a["media_count"] == 0);
  CHECK(a["is_private"] == false);
  CHECK(a["biography"] == "fixture <b>bio</b>");  // text, passed through as text
  // No link is "" (what the trainer's records say for it: has_external_url false), not null
  // (unknown); a document that does not name the link leaves it null.
  json bare = json::parse(fixture("no_posts"));
  bare["data"]["user"]["external_url"] = nullptr;
  bare["data"]["user"].erase("bio_links");
  CHECK(parse_json(api_account_from_profile(bare.dump()), "r").value()["external_url"] == "");
  bare["data"]["user"].erase("external_url");
  CHECK(parse_json(api_account_from_profile(bare.dump()), "r").value()["external_url"].is_null());
  // A name or bio the document does not give (absent or null) is unknown, not "": a follower
  // rendered from data without bios must not read as an account that left its bio empty.
  json anon = json::parse(fixture("no_posts"));
  anon["data"]["user"].erase("full_name");
  anon["data"]["user"]["biography"] = nullptr;
  json unnamed = parse_json(api_account_from_profile(anon.dump()), "r").value();
  CHECK(unnamed["full_name"].is_null());
  CHECK(unnamed["biography"].is_null());
  anon["data"]["user"]["full_name"] = "";
  anon["data"]["user"]["biography"] = "";
  json empty = parse_json(api_account_from_profile(anon.dump()), "r").value();
  CHECK(empty["full_name"] == "");
  CHECK(empty["biography"] == "");
  auto o = parse_json(api_account_from_profile(fixture("organic")), "record").value();
  CHECK(o["has_profile_pic"] == true);
  // The record is accepted by the classifier's reader.
  std::string out = api_classify_jsonl(o.dump());
  CHECK(out.find("fake_probability") != std::string::npos);
  // The picture: users/<id>/info's flag wins over the URL; an empty URL says nothing, as in
  // account records (never "own picture").
  json u = json::parse(fixture("organic"));
  u["data"]["user"]["profile_pic_url"] = "";
  CHECK(parse_json(api_account_from_profile(u.dump()), "r").value()["has_profile_pic"].is_null());
  u["data"]["user"]["has_anonymous_profile_picture"] = false;
  CHECK(parse_json(api_account_from_profile(u.dump()), "r").value()["has_profile_pic"] == true);
  u["data"]["user"]["profile_pic_url"] = "https://x/own.jpg";
  u["data"]["user"]["has_anonymous_profile_picture"] = true;
  CHECK(parse_json(api_account_from_profile(u.dump()), "r").value()["has_profile_pic"] == false);
  u["data"]["user"]["has_anonymous_profile_picture"] = "no";
  CHECK(error_id(parse_json(api_account_from_profile(u.dump()), "e").value()) == "profile.type");
  CHECK(error_id(parse_json(api_account_from_profile(fixture("not_found")), "e").value()) == "profile.not_found");
  CHECK(error_id(parse_json(api_account_from_profile("{"), "e").value()) == "profile.parse");
}

TEST_CASE("[profile] statistics helpers") {
  CHECK(normal_quantile(0.975) == doctest::Approx(1.959964).epsilon(1e-6));
  CHECK(normal_quantile(0.5) == doctest::Approx(0.0));
  CHECK(normal_quantile(0.001) == doctest::Approx(-3.090232).epsilon(1e-6));
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i);
  Distribution d = make_distribution(v);
  CHECK(d.quantile(0.25) == doctest::Approx(25));
  CHECK(d.cdf(50) == doctest::Approx(0.5));
  CHECK(d.cdf(-5) == doctest::Approx(0.5 / 102));
  LineFit f = fit_line({1, 2, 3}, {3, 5, 7});
  CHECK(f.a == doctest::Approx(1));
  CHECK(f.b == doctest::Approx(2));
}

// The median's interval from order statistics: coverage P(k <= Binomial(n, 1/2) <= n - k), exact.
TEST_CASE("[profile] the median's interval is the order statistics of the largest k covering 95%") {
  std::vector<double> v;
  for (int i = 1; i <= 12; ++i) v.push_back(i * 10);
  MedianInterval twelve = median_interval(v);
  CHECK(twelve.low == 30);                                                    // x_(3)
  CHECK(twelve.high == 100);                                                  // x_(10)
  CHECK(twelve.coverage == doctest::Approx(1 - 2.0 * (1 + 12 + 66) / 4096));  // 96.1%
  // Six values: the full range covers 1 - 2/64; (x_(2), x_(5)) only 78%.
  MedianInterval six = median_interval({1, 2, 3, 4, 5, 6});
  CHECK(six.low == 1);
  CHECK(six.high == 6);
  CHECK(six.coverage == doctest::Approx(1 - 2.0 / 64));
  // Under six, the full range with the coverage it has, below 95%.
  MedianInterval five = median_interval({1, 2, 3, 4, 5});
  CHECK(five.low == 1);
  CHECK(five.high == 5);
  CHECK(five.coverage == doctest::Approx(0.9375));
  CHECK(median_interval({4, 5, 9}).coverage == doctest::Approx(0.75));
  // 20 values: k = 6 (coverage 95.9%; k = 7 covers 88.5%).
  v.clear();
  for (int i = 1; i <= 20; ++i) v.push_back(i);
  MedianInterval twenty = median_interval(v);
  CHECK(twenty.low == 6);
  CHECK(twenty.high == 15);
  CHECK(twenty.coverage == doctest::Approx(0.9586).epsilon(1e-3));
  CHECK(median_interval({}).coverage == 0);
}

// The engagement rate is the median of likes + comments per post over the followers: its interval
// is the median's, over the same followers, in the signals and in the reason's words.
TEST_CASE("[profile] the engagement rate carries its interval in the signals and the reason") {
  json r = analyze(doc_with(10000, kVaried));
  const json& e = r["signals"]["engagement"];
  // Likes + 3 comments, sorted: 63 73 83 93 98 103 113 123 133 153 173 203; median 108.
  CHECK(e["median_engagement"] == 108);
  CHECK(e["rate_low"].get<double>() == doctest::Approx(0.0083));
  CHECK(e["rate_high"].get<double>() == doctest::Approx(0.0153));
  CHECK(e["rate_coverage"].get<double>() == doctest::Approx(0.961));
  json reason;
  for (const json& x : r["reasons"])
    if (x["id"].get<std::string>().rfind("engagement.", 0) == 0 && x["params"].contains("rate")) reason = x;
  REQUIRE(reason.is_object());
  CHECK(reason["params"]["rate"] == doctest::Approx(1.08));
  CHECK(reason["params"]["rate_low"] == doctest::Approx(0.83));
  CHECK(reason["params"]["rate_high"] == doctest::Approx(1.53));
  // Twelve posts: a 95% interval, nothing more to say of it.
  const bool range_said = reason.value("details", json::array()).dump().find("rate_range") != std::string::npos;
  CHECK_FALSE(range_said);
  // Three posts: the range of all three, said to cover 75%, not 95%.
  json few = analyze(doc_with(10000, {120, 80, 150}));
  CHECK(few["signals"]["engagement"]["rate_low"].get<double>() == doctest::Approx(0.0083));
  CHECK(few["signals"]["engagement"]["rate_high"].get<double>() == doctest::Approx(0.0153));
  CHECK(few["signals"]["engagement"]["rate_coverage"].get<double>() == doctest::Approx(0.75));
  bool said = false;
  for (const json& x : few["reasons"])
    for (const json& d : x.value("details", json::array()))
      if (d["id"] == "engagement.rate_range") said = d["params"]["coverage"] == 75 && d["params"]["posts"] == 3;
  CHECK(said);
}

TEST_CASE("[profile] the compiled-in reference loads and round-trips") {
  const auto& ref = builtin_reference();
  REQUIRE_MESSAGE(ref.ok(), (ref.ok() ? "" : ref.error().text()));
  CHECK(ref.value().n_accounts > 500);
  CHECK(ref.value().benchmarks.size() == published_benchmarks().size());
  auto again = reference_from_text(dump_json(reference_to_json(ref.value())));
  REQUIRE(again.ok());
  CHECK(again.value().bought_likes_threshold == doctest::Approx(ref.value().bought_likes_threshold));
  CHECK(reference_from_text("{}").error().id == "reference.shape");
}

TEST_CASE("[profile] the committed reference is what derive-engagement makes of the data") {
  std::string path = fm_test::data_file("instafake/nonautomatedAccountData.json");
  std::string data = read_file(path);
  REQUIRE_MESSAGE(!data.empty(), "labelled data not found at " << path
                                                               << ": put the shared data beside the repository "
                                                                  "(../shared/data) or set FM_DATA_DIR");
  auto accounts = instafake_accounts_from_text(data);
  REQUIRE(accounts.ok());
  CHECK(accounts.value().size() == 700);
  Reference r = derive_reference(accounts.value(), "check");
  json derived = reference_to_json(r);
  json committed = parse_json(read_file(fm_test::repo_file("models/engagement_reference.json")), "ref").value();
  derived.erase("derived_from");
  committed.erase("derived_from");
  CHECK_MESSAGE(derived == committed, "models/engagement_reference.json is stale: run build/native/derive-engagement");
}

TEST_CASE("[profile] the report carries the ids an audit asks Instagram by") {
  json d = json::parse(doc_with(5000, {120, 80, 150}));
  d["data"]["user"]["id"] = "1000042";
  d["data"]["user"]["edge_owner_to_timeline_media"]["edges"][0]["node"]["id"] = "3100000000000000001";
  d["data"]["user"]["edge_owner_to_timeline_media"]["edges"][1]["node"]["id"] = 3100000000000000002ULL;
  json r = analyze(d.dump());
  REQUIRE_FALSE(r.contains("error"));
  CHECK(r["user_id"] == "1000042");
  CHECK(r["posts"][0]["id"] == "3100000000000000001");
  CHECK(r["posts"][1]["id"] == "3100000000000000002");  // a number is read as its digits
  CHECK(r["posts"][2]["id"].is_null());
  // The flat user object of users/<id>/info says "pk".
  json flat = json::parse(doc_with(5000, {120}));
  flat["data"]["user"]["pk"] = "77";
  CHECK(analyze(flat.dump())["user_id"] == "77");
  d["data"]["user"]["id"] = "12ab";
  CHECK(error_id(analyze(d.dump())) == "profile.type");
}

TEST_CASE("[profile] signed-in media fields: like_count (-1 hidden), comment_count, play_count") {
  json edges = json::array();
  for (int i = 0; i < 6; ++i)
    edges.push_back({{"node",
                      {{"id", std::to_string(900 + i)},
                       {"taken_at_timestamp", 1700000000 - i * 86400 * 5},
                       {"is_video", i % 2 == 1},
                       {"like_count", 100 + i * 10},
                       {"comment_count", 4},
                       {"video_view_count", nullptr},
                       {i == 1 ? "ig_play_count" : "play_count", 2000 + i}}}});
  json d = {{"data",
             {{"user",
               {{"username", "v1"},
                {"edge_followed_by", {{"count", 3000}}},
                {"edge_owner_to_timeline_media", {{"count", 60}, {"edges", edges}}}}}}}};
  json r = analyze(d.dump());
  REQUIRE_FALSE(r.contains("error"));
  CHECK(r["posts"][0]["likes"] == 100);
  CHECK(r["posts"][0]["comments"] == 4);
  CHECK(r["posts"][0]["views"].is_null());  // not a video
  CHECK(r["posts"][1]["views"] == 2001);    // ig_play_count
  CHECK(r["posts"][3]["views"] == 2003);    // play_count
  for (auto& e : d["data"]["user"]["edge_owner_to_timeline_media"]["edges"]) e["node"]["like_count"] = -1;
  json hidden = analyze(d.dump());
  CHECK(hidden["posts"][0]["likes"].is_null());
  bool said = false;
  for (const auto& s : hidden["states"]) said |= s == "hidden_likes";
  CHECK(said);
}

TEST_CASE("[profile] likers or commenters unlike the followers become a reason, both ways") {
  auto sample = [](double f, double lo, double hi, bool limited = false) {
    json a = {{"fake_percent", f}, {"ci_low", lo}, {"ci_high", hi}, {"sample_size", 50}};
    if (limited) a["list_limited"] = true;
    return a;
  };
  auto engagers = [](const json& r) {
    std::vector<json> out;
    for (const auto& reason : r["reasons"])
      if (reason["signal"] == "engagers") out.push_back(reason);
    return out;
  };
  auto known = [&](json a, double lo, double hi) {
    a["regime"] = {{"known_definitions", {{"ci_low", lo}, {"ci_high", hi}}}};
    return a;
  };
  std::string doc = doc_with(5000, kVaried);
  json bought_likes = {{"audience", sample(5, 1, 12)}, {"likers", sample(55, 40, 70)}};
  json with_likers = analyze(doc, bought_likes.dump());
  auto t = engagers(with_likers);
  REQUIRE(t.size() == 1);
  CHECK(t[0]["id"] == "engagers.likers_more_fake");
  CHECK(t[0]["params"]["fake"] == 55);
  CHECK(t[0]["params"]["followers"] == 5);
  // Each share with its 95% interval, as the panel's rows show them ("~55% (40-70%)").
  CHECK(t[0]["params"]["fake_low"] == 40);
  CHECK(t[0]["params"]["fake_high"] == 70);
  CHECK(t[0]["params"]["followers_low"] == 1);
  CHECK(t[0]["params"]["followers_high"] == 12);
  // Those are the full intervals (no known definitions' given): the reason says nothing of them.
  CHECK(!t[0]["params"].contains("known"));
  // Likers far more often fake are bought likes: a finding of its own beside the followers' number.
  CHECK(with_likers["badge"]["likes"] == "bought");
  json paid_real = {{"audience", sample(50, 38, 62)}, {"commenters", sample(4, 0, 15)}};
  t = engagers(analyze(doc, paid_real.dump()));
  REQUIRE(t.size() == 1);
  CHECK(t[0]["id"] == "engagers.commenters_more_real");
  // Real commenters beside followers whose interval still reaches a clean audience (a child's
  // classmates, followers ~13% (0-51%)): the engagement is real, and no accusation of paid
  // engagement on bought followers.
  json clean = {{"audience", known(sample(13, 0, 51), 6, 22)}, {"commenters", known(sample(0, 0, 8), 0, 3)}};
  t = engagers(analyze(doc, clean.dump()));
  REQUIRE(t.size() == 1);
  CHECK(t[0]["id"] == "engagers.commenters_real");
  CHECK(t[0]["severity"] == "info");
  // Far below bought followers, but the likers' own interval (the definitions' doubt included)
  // reaches 82%: less often fake, not "mostly real", and no "likers mostly real" on the badge.
  json less = {{"audience", known(sample(93, 86, 100), 88, 99)}, {"likers", known(sample(30, 2, 82), 10, 60)}};
  json less_report = analyze(doc, less.dump());
  t = engagers(less_report);
  REQUIRE(t.size() == 1);
  CHECK(t[0]["id"] == "engagers.likers_less_fake");
  CHECK(t[0]["params"]["high"] == 82);
  // The known definitions' intervals, which the comparison used (the full ones may overlap); the
  // full interval's end is `high`.
  CHECK(t[0]["params"]["fake_low"] == 10);
  CHECK(t[0]["params"]["fake_high"] == 60);
  CHECK(t[0]["params"]["followers_low"] == 88);
  CHECK(t[0]["params"]["followers_high"] == 99);
  CHECK(t[0]["severity"] == "medium");
  CHECK(less_report["badge"]["likes"].is_null());
  json real = {{"audience", known(sample(93, 86, 100), 88, 99)}, {"likers", known(sample(12, 2, 35), 5, 25)}};
  json real_report = analyze(doc, real.dump());
  CHECK(engagers(real_report)[0]["id"] == "engagers.likers_more_real");
  CHECK(real_report["badge"]["likes"] == "real");
  json alike = {{"audience", sample(20, 10, 30)}, {"likers", sample(25, 15, 40)}};
  CHECK(engagers(analyze(doc, alike.dump())).empty());
  // Wide intervals that overlap only through the doubt between definitions of fake (which moves
  // both samples alike) still compare on their intervals under the known definitions.
  json wide = {{"audience", known(sample(15, 0, 39), 5, 26)}, {"likers", known(sample(60, 35, 87), 45, 75)}};
  t = engagers(analyze(doc, wide.dump()));
  REQUIRE(t.size() == 1);
  CHECK(t[0]["id"] == "engagers.likers_more_fake");
  // "Far more often fake" beside the intervals it rests on, apart: the full ones (35-87% and 0-39%)
  // overlapped where they stood.
  CHECK(t[0]["params"]["fake_low"] == 45);
  CHECK(t[0]["params"]["fake_high"] == 75);
  CHECK(t[0]["params"]["followers_low"] == 5);
  CHECK(t[0]["params"]["followers_high"] == 26);
  CHECK(t[0]["params"]["fake_low"].get<double>() > t[0]["params"]["followers_high"].get<double>());
  // Both the known definitions' intervals: marked, so the text says which they are.
  CHECK(t[0]["params"]["known"] == 1);
  // One sample without them compares on its full interval: not both known, not marked.
  json half = {{"audience", sample(15, 0, 39)}, {"likers", known(sample(60, 45, 87), 45, 75)}};
  t = engagers(analyze(doc, half.dump()));
  REQUIRE(t.size() == 1);
  CHECK(!t[0]["params"].contains("known"));
  json wide_alike = {{"audience", known(sample(15, 0, 39), 5, 30)}, {"likers", known(sample(35, 20, 60), 28, 45)}};
  CHECK(engagers(analyze(doc, wide_alike.dump())).empty());
  // Engagers alone (no follower sample) are no comparison.
  CHECK(engagers(analyze(doc, json{{"likers", sample(55, 40, 70)}}.dump())).empty());
  CHECK(error_id(analyze(doc, R"({"likers": {"fake_percent": 5}})")) == "profile.options");
  // A short follower list is said in words where the headline uses it.
  json limited = {{"audience", sample(30, 18, 46, true)}};
  json notes = analyze(doc, limited.dump())["combined_notes"];
  bool said = false;
  for (const auto& n : notes) said |= n["id"] == "combined.newest_only";
  CHECK(said);
}

// The reason shows each share with the range the comparison rests on (known_definitions). Read
// from the list alone (none of the likers fetched in full), the point is halfway between the share
// flagged and the list's regimes' reading, and until 2026-12-07 the range was that reading's
// alone: "likers ~63% (71-100%), far more often fake than the followers ~11% (2-27%)".
TEST_CASE("[profile] the likers' share the reason shows lies in the range it shows beside it") {
  const double lite[] = {0.70, 0.65, 1, 1, 0.67, 1, 0.27, 0.15, 0.71, 0.003, 1, 0.69};
  std::vector<props::Acc> likers_read, followers_read;
  for (double p : lite) likers_read.push_back({p, -1});
  for (int i = 0; i < 40; ++i) followers_read.push_back({0.02 * (i % 5), i % 7 == 0 ? 0.9 : 0.02 * (i % 4)});
  auto report = [](const std::vector<props::Acc>& accs, double N) {
    AudienceInput in = props::input_of(accs, N);
    return report_to_json(estimate_audience(in), in, "m");
  };
  json likers = report(likers_read, 12), followers = report(followers_read, 3000);
  REQUIRE(likers["regime"].contains("known_definitions"));
  REQUIRE(followers["regime"].contains("known_definitions"));
  json r = analyze(doc_with(3000, kVaried), json{{"audience", followers}, {"likers", likers}}.dump());
  REQUIRE_FALSE(r.contains("error"));
  json reason;
  for (const auto& x : r["reasons"])
    if (x["signal"] == "engagers") reason = x;
  REQUIRE(reason.is_object());
  CHECK(reason["id"] == "engagers.likers_more_fake");
  CHECK(reason["params"]["known"] == 1);
  const json& p = reason["params"];
  INFO(p.dump());
  CHECK(p["fake"] == likers["fake_percent"]);
  CHECK(p["fake_low"] <= p["fake"]);
  CHECK(p["fake"] <= p["fake_high"]);
  CHECK(p["followers_low"] <= p["followers"]);
  CHECK(p["followers"] <= p["followers_high"]);
  // Each within the share's full range, which the panel's rows show.
  CHECK(p["fake_low"] >= likers["ci_low"]);
  CHECK(p["fake_high"] <= likers["ci_high"]);
}

TEST_CASE("[profile] counts without posts (account info, the page's counts) are 'posts not read', not 'no posts'") {
  auto states = [](int64_t media, bool priv) {
    json d = json::parse(doc_with(5000, {}, media));
    d["data"]["user"]["is_private"] = priv;
    std::vector<std::string> out;
    json r = analyze(d.dump());
    for (const auto& s : r["states"]) out.push_back(s.get<std::string>());
    return out;
  };
  CHECK(states(64, false) == std::vector<std::string>{"posts_unavailable"});
  CHECK(states(0, false) == std::vector<std::string>{"no_posts"});
  CHECK(states(64, true) == std::vector<std::string>{"private"});
}

TEST_CASE("[profile] a flag the document does not send is unknown, never \"no\"") {
  auto ids = [](const json& r) {
    std::vector<std::string> out;
    for (const auto& x : r["reasons"]) out.push_back(x["id"].get<std::string>());
    return out;
  };
  auto has = [](const std::vector<std::string>& v, const char* id) {
    return std::find(v.begin(), v.end(), id) != v.end();
  };
  // Engagement low enough for its lower end to sit above 0, where a business's lower norm shows.
  json doc = parse_json(doc_with(300000, kVaried), "doc").value();
  json& u = doc["data"]["user"];
  // What web_profile_info documents: every flag given, read as given.
  for (const char* k : {"is_private", "is_verified", "is_business_account", "is_professional_account"}) u[k] = false;
  json known = analyze(doc.dump());
  CHECK(known["is_private"] == false);
  CHECK(known["is_verified"] == false);
  CHECK(known["is_business"] == false);
  CHECK(known["signals"]["engagement"]["business_adjusted"] == false);
  CHECK_FALSE(has(ids(known), "engagement.business_unknown"));
  // None sent (users/<id>/info, the page's counts, a record made by hand): null in the report.
  for (const char* k : {"is_private", "is_verified", "is_business_account", "is_professional_account"}) u.erase(k);
  json unknown = analyze(doc.dump());
  CHECK(unknown["is_private"].is_null());
  CHECK(unknown["is_verified"].is_null());
  CHECK(unknown["is_business"].is_null());
  CHECK(unknown["signals"]["engagement"]["business_adjusted"].is_null());
  CHECK_FALSE(has(ids(unknown), "state.verified"));
  CHECK_FALSE(has(ids(unknown), "engagement.business"));
  // Whether it is a business decides how low engagement may go: unknown, the lower end allows
  // a business's, the point and the upper end stay a person's.
  CHECK(has(ids(unknown), "engagement.business_unknown"));
  u["is_business_account"] = true;
  json business = analyze(doc.dump());
  const json& e = unknown["signals"]["engagement"];
  CHECK(e["implied_fake_share"] == known["signals"]["engagement"]["implied_fake_share"]);
  CHECK(e["implied_high"] == known["signals"]["engagement"]["implied_high"]);
  CHECK(e["implied_low"] == business["signals"]["engagement"]["implied_low"]);
  CHECK(e["implied_low"].get<double>() < known["signals"]["engagement"]["implied_low"].get<double>());
  CHECK(unknown["ci_low"].get<double>() <= known["ci_low"].get<double>());
  u.erase("is_business_account");
  u["is_verified"] = true;
  CHECK(has(ids(analyze(doc.dump())), "state.verified"));
  // Privacy not stated: posts the document lacks were not read; it is not said to be private.
  json counts = json::parse(doc_with(5000, {}, 64));
  json r = analyze(counts.dump());
  CHECK(r["is_private"].is_null());
  CHECK(r["states"] == json::array({"posts_unavailable"}));
  counts["data"]["user"]["is_private"] = true;
  CHECK(analyze(counts.dump())["states"] == json::array({"private"}));
  // Nor is a post count nobody sent a count of 0: its posts were not read; "no posts" needs a 0.
  counts["data"]["user"]["edge_owner_to_timeline_media"]["count"] = nullptr;
  CHECK(analyze(counts.dump())["states"] == json::array({"private"}));
  counts["data"]["user"].erase("is_private");
  CHECK(analyze(counts.dump())["states"] == json::array({"posts_unavailable"}));
  counts["data"]["user"]["edge_owner_to_timeline_media"]["count"] = 0;
  CHECK(analyze(counts.dump())["states"] == json::array({"no_posts"}));
  // A follower fetched in full whose answer does not say: its record leaves the flags unknown,
  // so the classifier reads them as missing, not as public and unverified.
  json rec = parse_json(api_account_from_profile(json::parse(doc_with(40, {}, 0)).dump()), "record").value();
  CHECK(rec["is_private"].is_null());
  CHECK(rec["is_verified"].is_null());
  auto acc = account_from_json(rec);
  REQUIRE(acc.ok());
  CHECK_FALSE(acc.value().is_private.has_value());
  CHECK_FALSE(acc.value().is_verified.has_value());
}

namespace {
bool has_reason(const json& r, const std::string& id) {
  for (const auto& x : r["reasons"])
    if (x["id"] == id) return true;
  return false;
}
}  // namespace

// A child's account with 3 followers and 2-3 likes on every post read "Likes look bought" (the
// counting's small spread and high floor, "about 0 per post may be bought"); a subscription adds
// tens of likes. The same shape scaled up to a subscription's size is still found.
TEST_CASE("[profile] a few likes per post are never called bought; a subscription's are") {
  json tiny = analyze(doc_with(3, {3, 2, 3, 3, 2, 3, 3, 2, 3, 3, 2, 3}));
  REQUIRE_FALSE(tiny.contains("error"));
  CHECK(tiny["signals"]["bought_likes"]["flagged"] == false);
  CHECK(tiny["signals"]["bought_likes"]["median_likes_needed"] == kMinMedianLikesBought);
  CHECK(tiny["badge"]["state"] != "likes_bought");
  CHECK_FALSE(has_reason(tiny, "likes.somewhat_uniform"));
  json one = analyze(doc_with(1, std::vector<int64_t>(12, 1)));
  CHECK(one["badge"]["state"] != "likes_bought");
  json sub = analyze(doc_with(300, {230, 228, 235, 226, 240, 229, 231, 233, 227, 236, 230, 232}));
  CHECK(sub["signals"]["bought_likes"]["flagged"] == true);
  CHECK(sub["signals"]["bought_likes"]["estimated_bought_per_post"].get<double>() >= kMinBoughtPerPost);
}

// One follower and a steady 30 likes on every post read "Likes look bought": the score weighs the
// likes against the followers, a ratio that means nothing on a handful of followers (a child's
// account liked by classmates who do not follow it). Below kMinFollowersBought the score flags
// nothing and the reasons say why the likes were not judged.
TEST_CASE("[profile] likes are not judged bought on too few followers; the reason says so") {
  const std::vector<int64_t> steady = {30, 28, 31, 29, 30, 32, 28, 30, 31, 29, 30, 31};
  for (int64_t followers : {int64_t(1), int64_t(kMinFollowersBought) - 1}) {
    CAPTURE(followers);
    json r = analyze(doc_with(followers, steady));
    REQUIRE_FALSE(r.contains("error"));
    CHECK(r["signals"]["bought_likes"]["flagged"] == false);
    CHECK(r["signals"]["bought_likes"]["followers_needed"] == kMinFollowersBought);
    CHECK(r["badge"]["state"] != "likes_bought");
    CHECK(has_reason(r, "likes.few_followers"));
    CHECK_FALSE(has_reason(r, "likes.bought_high"));
    CHECK_FALSE(has_reason(r, "likes.bought_few_comments"));
  }
  // Enough followers: the same steady likes are judged (and found), with no such reason.
  json judged = analyze(doc_with(300, {230, 228, 235, 226, 240, 229, 231, 233, 227, 236, 230, 232}));
  CHECK(judged["signals"]["bought_likes"]["flagged"] == true);
  CHECK_FALSE(judged["signals"]["bought_likes"].contains("followers_needed"));
  CHECK_FALSE(has_reason(judged, "likes.few_followers"));
}

TEST_CASE("[profile] following many with no followers is said as that, not as a multiple of none") {
  json d = json::parse(doc_with(0, kVaried));
  d["data"]["user"]["edge_follow"]["count"] = 7500;
  json r = analyze(d.dump());
  CHECK(has_reason(r, "following.mass_no_followers"));
  CHECK_FALSE(has_reason(r, "following.mass"));
  d["data"]["user"]["edge_followed_by"]["count"] = 40;
  CHECK(has_reason(analyze(d.dump()), "following.mass"));
}

// Following 7,000 or more is a finding whatever the followers; its reason said the ratio was
// "more than 19 in 20 real accounts" also where it was 0.95x or 0.006x, below the 95th percentile
// it named in the same sentence. Such an account is said by its count.
TEST_CASE("[profile] following 7,500 beside as many followers is said by its count, not a ratio") {
  for (int64_t followers : {7900, 1200000}) {
    json d = json::parse(doc_with(followers, kVaried));
    d["data"]["user"]["edge_follow"]["count"] = 7500;
    json r = analyze(d.dump());
    CAPTURE(followers);
    CHECK(has_reason(r, "following.mass_count"));
    CHECK_FALSE(has_reason(r, "following.mass"));
  }
  // Above the real accounts' ratios the ratio is said, as before.
  json d = json::parse(doc_with(2000, kVaried));
  d["data"]["user"]["edge_follow"]["count"] = 7500;
  json r = analyze(d.dump());
  CHECK(has_reason(r, "following.mass"));
  CHECK_FALSE(has_reason(r, "following.mass_count"));
}

// Three posts minutes old (likes still coming in) read as "engagement far below accounts this size".
TEST_CASE("[profile] posts less than a day old are left out of the likes when the time is known") {
  std::string doc = doc_with(2000, {3, 2, 4, 150, 120, 160, 140, 130, 170, 110, 125, 145});
  json r = json::parse(doc);
  auto& edges = r["data"]["user"]["edge_owner_to_timeline_media"]["edges"];
  const int64_t now = 1700000000 + 600;
  for (int i = 0; i < 3; ++i) edges[size_t(i)]["node"]["taken_at_timestamp"] = now - 300 * (i + 1);
  json fresh = analyze(r.dump(), R"({"now": )" + std::to_string(now) + "}");
  CHECK(fresh["signals"]["posts_read"]["with_likes"] == 9);
  CHECK(fresh["signals"]["engagement"]["median_likes"] == 140);
  CHECK(has_reason(fresh, "engagement.fresh_posts"));
  // A day later they count; without a time nothing is left out.
  json later = analyze(r.dump(), R"({"now": )" + std::to_string(now + 86400) + "}");
  CHECK(later["signals"]["posts_read"]["with_likes"] == 12);
  CHECK_FALSE(has_reason(later, "engagement.fresh_posts"));
  CHECK(analyze(r.dump())["signals"]["posts_read"]["with_likes"] == 12);
}

// Found reviewing the combination: audit estimates whose point lies outside their interval were
// drawn ("≈30% fake (60-10%)"); an audit of likers alone left the badge offering an audit and the
// report saying nothing of it; likes that look bought gave an instant interval of 0.0-0.0%.
TEST_CASE(
    "[profile] audit estimates must be consistent; an audit of engagers alone is said; bought likes never vouch") {
  std::string doc = fixture("organic");
  json ok = {{"fake_percent", 30}, {"ci_low", 10}, {"ci_high", 60}, {"sample_size", 50}};
  for (json bad : {json{{"fake_percent", 30}, {"ci_low", 60}, {"ci_high", 10}, {"sample_size", 50}},
                   json{{"fake_percent", 80}, {"ci_low", 10}, {"ci_high", 20}, {"sample_size", 50}},
                   json{{"fake_percent", 30}, {"ci_low", 10}, {"ci_high", 60}, {"sample_size", 0}}}) {
    json r = analyze(doc, json{{"audience", bad}}.dump());
    CHECK(error_id(r) == "profile.options");
  }
  CHECK_FALSE(analyze(doc, json{{"audience", ok}}.dump()).contains("error"));
  json likers = analyze(doc, json{{"likers", ok}}.dump());
  bool said = false;
  for (const auto& n : likers["combined_notes"]) said = said || n["id"] == "combined.engagers_only";
  CHECK(said);
  CHECK(likers["badge"]["offer_audit"] == false);
  json sub = analyze(doc_with(20000, {6020, 5031, 6500, 7122, 5900, 6100, 5800, 6300, 6000, 5950, 6050, 6200}));
  REQUIRE(sub["signals"]["bought_likes"]["flagged"] == true);
  CHECK(sub["ci_high"].get<double>() == 100.0);
  json high = analyze(doc_with(800, {700, 650, 720, 580, 690, 610, 640, 700, 660, 630, 710, 600}));
  CHECK(high["ci_high"].get<double>() - high["ci_low"].get<double>() >= 5.0 - 1e-9);
}

namespace {

// `recent` likes newest first (5 days apart), then `pinned` old hits sent first in the edges, as
// Instagram sends a grid's pinned posts: 3 years old, ids 9xx.
json with_pinned(const std::vector<int64_t>& recent, const std::vector<int64_t>& pinned, int64_t followers = 5000) {
  json d = json::parse(doc_with(followers, recent));
  auto& edges = d["data"]["user"]["edge_owner_to_timeline_media"]["edges"];
  for (size_t i = 0; i < edges.size(); ++i) edges[i]["node"]["id"] = std::to_string(100 + i);
  json pins = json::array();
  for (size_t i = 0; i < pinned.size(); ++i)
    pins.push_back({{"node",
                     {{"id", std::to_string(900 + i)},
                      {"taken_at_timestamp", 1700000000 - int64_t(3 * 365 + i) * 86400},
                      {"edge_liked_by", {{"count", pinned[i]}}},
                      {"edge_media_to_comment", {{"count", 30}}},
                      {"pinned_for_users", {{{"id", "1"}, {"username", "t"}}}}}}});
  edges.insert(edges.begin(), pins.begin(), pins.end());
  return d;
}

json reason_of(const json& r, const std::string& id) {
  for (const json& x : r["reasons"])
    if (x["id"] == id) return x;
  return json();
}

}  // namespace

TEST_CASE("[profile] pinned and collaboration posts are read from their marks; absent means neither") {
  json d = with_pinned({120, 80, 150, 95, 60, 200, 110, 70, 130}, {1500, 1400, 1300});
  auto& edges = d["data"]["user"]["edge_owner_to_timeline_media"]["edges"];
  edges[4]["node"]["coauthor_producers"] = {{{"id", "77"}, {"username", "partner"}}};  // the second newest
  edges[5]["node"]["pinned_for_users"] = json::array();                                // empty: not pinned
  edges[6]["node"]["coauthor_producers"] = nullptr;                                    // null: not a collaboration
  json r = analyze(d.dump());
  REQUIRE_MESSAGE(!r.contains("error"), r.dump());
  REQUIRE(r["posts"].size() == 12);
  // The newest not pinned first, the pinned ones after them, each post saying which it is.
  CHECK(r["posts"][0]["id"] == "100");
  CHECK(r["posts"][1]["collab"] == true);
  for (size_t i = 0; i < 12; ++i) {
    CAPTURE(i);
    CHECK(r["posts"][i]["pinned"] == (i >= 9));
    CHECK(r["posts"][i]["collab"] == (i == 1));
  }
  CHECK(r["posts"][9]["id"] == "900");
  CHECK(r["signals"]["posts_read"]["pinned"] == 3);
  // Signed-in media say timeline_pinned_user_ids.
  json v1 = json::parse(doc_with(5000, kVaried));
  v1["data"]["user"]["edge_owner_to_timeline_media"]["edges"][2]["node"]["timeline_pinned_user_ids"] = {1};
  json rv = analyze(v1.dump());
  CHECK(rv["posts"][11]["pinned"] == true);
  CHECK(rv["posts"][11]["likes"] == kVaried[2]);
  CHECK(rv["signals"]["posts_read"]["pinned"] == 1);
  // Older documents say neither: no post is pinned or a collaboration.
  json plain = analyze(doc_with(5000, kVaried));
  for (const json& p : plain["posts"]) CHECK((p["pinned"] == false && p["collab"] == false));
  CHECK(plain["signals"]["posts_read"]["pinned"] == 0);
  CHECK(reason_of(plain, "engagement.pinned_posts").is_null());
}

TEST_CASE("[profile] a pinned or collaboration mark of another type costs its post, named like any wrong field") {
  for (const char* key : {"pinned_for_users", "timeline_pinned_user_ids", "coauthor_producers"}) {
    CAPTURE(key);
    json d = json::parse(doc_with(5000, kVaried));
    auto& edges = d["data"]["user"]["edge_owner_to_timeline_media"]["edges"];
    edges[3]["node"][key] = "yes";
    json one = analyze(d.dump());
    REQUIRE_MESSAGE(!one.contains("error"), one.dump());
    CHECK(one["signals"]["posts_read"]["unreadable"] == 1);
    for (size_t i = 0; i < 6; ++i) edges[i]["node"][key] = json{{"id", "1"}};
    json most = analyze(d.dump());
    CHECK(error_id(most) == "profile.type");
    CHECK(error_message(most) ==
          std::string("data.user.edge_owner_to_timeline_media.edges[0].node.") + key + " must be an array, got object");
  }
}

TEST_CASE("[profile] pinned posts are left out of the recent-post figures, and the report says how many") {
  const std::vector<int64_t> recent = {120, 80, 150, 95, 60, 200, 110, 70, 130};
  json alone = analyze(doc_with(5000, recent));
  json pinned = analyze(with_pinned(recent, {1500, 1400, 1300}).dump());
  REQUIRE(alone["status"] == "ok");
  REQUIRE(pinned["status"] == "ok");
  // Twelve posts sent, nine recent ones measured: the same figures as the nine alone.
  CHECK(pinned["signals"]["posts_read"]["posts"] == 12);
  CHECK(pinned["signals"]["posts_read"]["window"] == 9);
  CHECK(pinned["signals"]["posts_read"]["with_likes"] == 9);
  CHECK(pinned["signals"]["engagement"]["median_likes"] == 110);
  CHECK(pinned["signals"]["engagement"] == alone["signals"]["engagement"]);
  CHECK(pinned["signals"]["bought_likes"] == alone["signals"]["bought_likes"]);
  CHECK(pinned["fake_percent"] == alone["fake_percent"]);
  CHECK(pinned["ci_low"] == alone["ci_low"]);
  CHECK(pinned["ci_high"] == alone["ci_high"]);
  json why = reason_of(pinned, "engagement.pinned_posts");
  REQUIRE_FALSE(why.is_null());
  CHECK(why["params"]["posts"] == 3);
  CHECK(why["severity"] == "info");
  // Their dates still date the account: the oldest post is the pinned one's.
  CHECK(pinned["signals"]["history"]["oldest_post_age_days"].get<double>() > 3 * 365);
}

TEST_CASE("[profile] old viral pinned posts do not hide a like subscription, nor make an account look new") {
  // The like-subscription fixture's nine newest posts (~200 likes each, whatever the post), behind
  // three pinned hits of three years ago with ten times the likes.
  json d = json::parse(fixture("like_subscription"));
  auto& edges = d["data"]["user"]["edge_owner_to_timeline_media"]["edges"];
  REQUIRE(edges.size() >= 12);
  edges.erase(edges.begin() + 9, edges.end());
  json nine = analyze(d.dump());
  REQUIRE(nine["signals"]["bought_likes"]["flagged"] == true);
  for (int i = 0; i < 3; ++i)
    edges.insert(edges.begin(), json{{"node",
                                      {{"id", std::to_string(900 + i)},
                                       {"taken_at_timestamp", 1600000000 - i * 86400},
                                       {"edge_liked_by", {{"count", 2000 + 150 * i}}},
                                       {"edge_media_to_comment", {{"count", 40}}},
                                       {"pinned_for_users", {{{"id", "1"}}}}}}});
  json subscribed = analyze(d.dump());
  CHECK(subscribed["signals"]["bought_likes"]["flagged"] == true);
  CHECK(subscribed["badge"]["state"] == nine["badge"]["state"]);
  // Five posts, all seen: three recent, two pinned from three years ago: no brand-new account.
  json d2 = with_pinned({120, 80, 150}, {1500, 1400});
  d2["data"]["user"]["edge_owner_to_timeline_media"]["count"] = 5;
  json few = analyze(d2.dump(), R"({"now": 1700086400})");
  for (const json& s : few["states"]) CHECK(s != "new_account");
}
