// The comments document: its two shapes, the owner's replies left out, commenter records, and
// errors that name what was wrong and where.
#include <doctest/doctest.h>

#include "comments/comments.h"
#include "comments_docs.h"

using namespace fm;
using namespace fm::cmt;
using namespace fm_test;

namespace {
Input parsed(const json& doc) {
  auto r = parse_comments(doc.dump());
  REQUIRE_MESSAGE(r.ok(), r.error().text());
  return r.value();
}
Error failure(const std::string& text) {
  auto r = parse_comments(text);
  REQUIRE_MESSAGE(!r.ok(), "accepted: " << text.substr(0, 200));
  CHECK(!r.error().message.empty());
  return r.error();
}
}  // namespace

TEST_CASE("a posts document: posts, comments, distinct authors in order, counts and hidden likes") {
  json doc = document({post(2, {comment("ann", "nice", kNow - kDay), comment("bob", "wow", kNow - kDay)}, -1, 5),
                       post(5, {comment("ann", "again", kNow - 4 * kDay)}, 40)});
  doc["posts"][1]["media_id"] = 3001;  // ids come as numbers too
  Input in = parsed(doc);
  REQUIRE(in.posts.size() == 2);
  CHECK(in.posts[0].media_id == "3002");
  CHECK(in.posts[1].media_id == "3001");
  CHECK(!in.posts[0].like_count);  // -1: hidden by the owner
  CHECK(*in.posts[1].like_count == 40);
  CHECK(in.posts[0].unread() == 3);  // Instagram counts 5, two were read
  CHECK(in.posts[1].unread() == 0);
  REQUIRE(in.authors.size() == 2);
  CHECK(in.authors[0].username == "ann");
  CHECK(in.authors[0].has_profile_pic == 1);
  CHECK(in.posts[1].comments[0].author == 0);
  CHECK(*in.follower_count == 800);
  CHECK(*in.now == kNow);
}

TEST_CASE("a bare comments endpoint answer is one post; its caption names the owner, whose replies are left out") {
  json answer = {
      {"comments", {comment("ann", "nice", 10), comment("studio", "thank you!", 20), comment("bob", "ok", 30)}},
      {"comment_count", 7},
      {"caption", {{"text", "new piece"}, {"user", user("studio")}}},
      {"next_min_id", "abc"},
      {"status", "ok"}};
  Input in = parsed(answer);
  REQUIRE(in.posts.size() == 1);
  CHECK(in.posts[0].comments.size() == 2);
  CHECK(in.owner_comments == 1);
  CHECK(*in.posts[0].comment_count == 7);
  CHECK(in.posts[0].unread() == 4);  // 7 counted, 2 read, 1 by the owner
  CHECK(in.authors.size() == 2);
}

TEST_CASE("an explicit owner (pk or username) is left out of every post") {
  json doc = document({post(2, {comment("ann", "nice", 1), comment("studio", "thanks", 2)}),
                       post(3, {comment("studio", "thanks", 3)})});
  doc["owner"] = {{"username", "studio"}};
  Input in = parsed(doc);
  CHECK(in.owner_comments == 2);
  CHECK(in.authors.size() == 1);
  doc["owner"] = {{"pk", "pk_ann"}};
  CHECK(parsed(doc).owner_comments == 1);
}

TEST_CASE("commenter records fetched in full are matched by username") {
  json doc = document({post(2, {comment("ann", "nice", 1), comment("bob", "wow", 2)})});
  doc["commenters"] = {{{"username", "bob"}, {"follower_count", 12}, {"following_count", 900}, {"media_count", 0}},
                       {{"username", "nobody"}, {"follower_count", 3}}};
  Input in = parsed(doc);
  CHECK(in.authors[0].full_record.empty());
  CHECK(in.authors[1].full_record.find("\"following_count\":900") != std::string::npos);
  CHECK(in.unmatched_records == 1);
}

TEST_CASE("errors have ids and say what and where") {
  CHECK(failure("").id == "comments.parse");
  CHECK(failure("{\"posts\": [").id == "comments.parse");
  CHECK(failure("[]").message.find("JSON object") != std::string::npos);
  CHECK(failure("{\"followers\": 3}").message.find("\"posts\"") != std::string::npos);
  Error e = failure(R"({"posts":[{"comments":[{"text":"hi","user":{"pk":true}}]}]})");
  CHECK(e.id == "comments.type");
  CHECK(e.message.find("posts[0].comments[0].user.pk") != std::string::npos);
  e = failure(R"({"posts":[{"comments":[{"text":5,"user":{"pk":"1"}}]}]})");
  CHECK(e.id == "comments.type");
  CHECK(e.message.find("posts[0].comments[0].text") != std::string::npos);
  e = failure(R"({"posts":[{"comments":[{"text":"x"}]}]})");
  CHECK(e.id == "comments.shape");
  CHECK(e.message.find("posts[0].comments[0].user") != std::string::npos);
  e = failure(R"({"posts":[{"comments":[{"text":"x","user":{}}]}]})");
  CHECK(e.message.find("neither pk nor username") != std::string::npos);
  e = failure(R"({"posts":[{"like_count":"12k","comments":[]}]})");
  CHECK(e.message.find("posts[0].like_count") != std::string::npos);
  e = failure(R"({"posts":[{"taken_at":-5,"comments":[]}]})");
  CHECK(e.id == "comments.range");
  CHECK(failure(R"({"posts":[{}]})").message.find("posts[0].comments is missing") != std::string::npos);
  CHECK(failure(R"({"posts":[{"comments":{"comments":3}}]})").id == "comments.shape");
  e = failure(R"({"message":"Please wait a few minutes before you try again.","status":"fail"})");
  CHECK(e.id == "comments.instagram");
  CHECK(e.message.find("Please wait a few minutes") != std::string::npos);
  e = failure(R"({"posts":[],"commenters":[{"username":"a","follower_count":"many"}]})");
  CHECK(e.id == "comments.commenters");
  CHECK(e.message.find("commenters[0]") != std::string::npos);
  CHECK(failure(R"({"posts":[],"owner":"studio"})").message.find("owner") != std::string::npos);
}

TEST_CASE("limits: posts, comments, text length, document size") {
  json many = json::array();
  for (size_t i = 0; i <= kMaxPosts; ++i) many.push_back(post(int(i), json::array()));
  CHECK(failure(document(many).dump()).id == "comments.limit");
  json comments = json::array();
  for (size_t i = 0; i <= kMaxComments; ++i) {
    comments.push_back(comment("a" + std::to_string(i % 50), "x", 1));
    comments.back()["pk"] = "c" + std::to_string(i);  // each its own comment (the same pk twice is one)
  }
  Error e = failure(document({post(1, comments)}).dump());
  CHECK(e.id == "comments.limit");
  CHECK(e.message.find("posts[0].comments[5000]") != std::string::npos);
  e = failure(document({post(1, {comment("a", std::string(kMaxCommentBytes + 1, 'x'), 1)})}).dump());
  CHECK(e.id == "comments.range");
  CHECK(failure(std::string(kMaxDocumentBytes + 1, ' ')).id == "comments.limit");
  CHECK(failure(std::string(100, '[') + std::string(100, ']')).id == "comments.limit");  // nesting
}

// At the edge: as many commenter records as allowed are read; one more is refused, said as such.
TEST_CASE("limits: commenter records") {
  auto with_records = [](size_t n) {
    json d = {{"posts", json::array()}, {"commenters", json::array()}};
    for (size_t i = 0; i < n; ++i) d["commenters"].push_back({{"username", "u" + std::to_string(i)}});
    return d.dump();
  };
  CHECK(fm::cmt::parse_comments(with_records(kMaxCommenterRecords)).ok());
  const Error e = failure(with_records(kMaxCommenterRecords + 1));
  CHECK(e.id == "comments.limit");
  CHECK(e.message.find("commenter records") != std::string::npos);
}

// A comment read twice (pages read again, documents joined) counted twice: it moved the median
// per post, and with it what counts as a regular.
TEST_CASE("parse: the same comment (by its pk) twice is one comment") {
  const std::string c = R"({"pk":"c1","text":"nice work","created_at":1700000000,"user":{"pk":"7","username":"amy"}})";
  const std::string d = R"({"pk":"c2","text":"lovely","created_at":1700000100,"user":{"pk":"8","username":"bo"}})";
  auto r = fm::cmt::parse_comments(R"({"posts":[{"media_id":"1","taken_at":1690000000,"comments":[)" + c + "," + c +
                                   "," + d + R"(]}]})");
  REQUIRE(r.ok());
  CHECK(r.value().posts[0].comments.size() == 2);
  CHECK(r.value().authors.size() == 2);
}
