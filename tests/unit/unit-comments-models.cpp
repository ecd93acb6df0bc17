// The comment analysis's compiled-in data: the spam model and the organic references load,
// broken files are errors (never aborts), and the spam features are the trainer's.
#include <doctest/doctest.h>

#include "comments/reference.h"
#include "comments/spam_model.h"

#include <algorithm>

using namespace fm;
using namespace fm::cmt;

TEST_CASE("the built-in spam model loads and separates a scam offer from a compliment") {
  const auto& m = builtin_spam_model();
  REQUIRE_MESSAGE(m.ok(), m.error().text());
  CHECK(m.value().weights.size() == m.value().buckets);
  CHECK(m.value().false_alarm <= 0.011);
  auto margin = [&](const char* t) { return spam_margin(m.value(), spam_features(text_shape(t), m.value().buckets)); };
  CHECK(margin("i invested $1000 and got a return of $9500 in 7 days, contact @fx_trader_anna") > m.value().threshold);
  CHECK(margin("Love the colours on this one") < m.value().threshold);
}

TEST_CASE("spam features: sorted buckets without repeats, the same for the same words") {
  auto f = spam_features(text_shape("DM me DM me now"), 1024);
  CHECK(std::is_sorted(f.begin(), f.end()));
  CHECK(std::adjacent_find(f.begin(), f.end()) == f.end());
  CHECK(f == spam_features(text_shape("dm ME dm me NOW!!"), 1024));
  for (uint32_t b : f) CHECK(b < 1024);
}

TEST_CASE("spam model files: base64 round trip and errors") {
  std::vector<int8_t> w = {0, 1, -1, 127, -127, 42, 0, 0};
  std::string text =
      R"({"version":"t","buckets":8,"bias":-0.5,"scale":0.1,"threshold":0,"recall":0.5,"false_alarm":0.01,"weights":")" +
      base64_encode(w) + "\"}";
  auto m = spam_model_from_text(text);
  REQUIRE_MESSAGE(m.ok(), m.error().text());
  CHECK(m.value().weights == w);
  CHECK(spam_margin(m.value(), {3, 5}) == doctest::Approx(-0.5 + 0.1 * (127 + 42)));
  CHECK(spam_model_from_text("{").error().id == "spam_model.parse");
  CHECK(spam_model_from_text("[]").error().id == "spam_model.field");
  CHECK(spam_model_from_text(
            R"({"version":"t","buckets":6,"bias":0,"scale":1,"threshold":0,"recall":0,"false_alarm":0,"weights":""})")
            .error()
            .message.find("power of two") != std::string::npos);
  CHECK(
      spam_model_from_text(
          R"({"version":"t","buckets":8,"bias":0,"scale":1,"threshold":0,"recall":0,"false_alarm":0,"weights":"AAA*"})")
          .error()
          .id == "spam_model.weights");
  CHECK(
      spam_model_from_text(
          R"({"version":"t","buckets":8,"bias":0,"scale":1,"threshold":0,"recall":0,"false_alarm":0,"weights":"AAAA"})")
          .error()
          .message.find("3 weights for 8 buckets") != std::string::npos);
}

TEST_CASE("the built-in comment reference loads with sane distributions") {
  const auto& r = builtin_comment_reference();
  REQUIRE_MESSAGE(r.ok(), r.error().text());
  const CommentReference& ref = r.value();
  CHECK(ref.accounts == 37);
  CHECK(ref.comments > 4000);
  CHECK(ref.generic_share.n >= 20);
  for (const prof::Distribution* d : {&ref.generic_share, &ref.template_share, &ref.spam_share}) {
    CHECK(d->quantile(0) >= 0);
    CHECK(d->quantile(1) <= 1);
    CHECK(d->quantile(0.5) <= d->quantile(0.95));
  }
  REQUIRE(ref.comments_per_like.size() >= 3);
  for (size_t i = 0; i + 1 < ref.comments_per_like.size(); ++i)
    CHECK(ref.comments_per_like[i].max_followers == ref.comments_per_like[i + 1].min_followers);
  CHECK(ref.comments_per_like.front().min_followers == 0);
}

TEST_CASE("comment reference files: errors name the missing part") {
  CHECK(comment_reference_from_text("nope").error().id == "comment_reference.parse");
  CHECK(comment_reference_from_text("{}").error().message.find("sections.source") != std::string::npos);
  std::string sections =
      R"({"sections":{"source":"s","counts":[1,2,3],"comments_per_post":[5,1,2,3],"generic_share":[5,0,0.1,0.2],)"
      R"("template_share":[5,0,0.1,0.2],"template_largest":[5,0,2,3],"spam_share":[5,0,0.2,0.1]}})";
  CHECK(comment_reference_from_text(sections).error().message.find("spam_share") != std::string::npos);  // decreasing
  std::string ok_sections =
      R"({"sections":{"source":"s","counts":[1,2,3],"comments_per_post":[5,1,2,3],"generic_share":[5,0,0.1,0.2],)"
      R"("template_share":[5,0,0.1,0.2],"template_largest":[5,0,2,3],"spam_share":[5,0,0.1,0.2]},)"
      R"("learned_generic":[],)";
  CHECK(comment_reference_from_text(ok_sections + R"("comments_per_like":{"source":"x","tiers":[]}})")
            .error()
            .message.find("comments_per_like.tiers") != std::string::npos);
  auto r = comment_reference_from_text(ok_sections +
                                       R"("comments_per_like":{"source":"x","tiers":[[0,1e12,9,0,0.01,0.05]]}})");
  REQUIRE_MESSAGE(r.ok(), r.error().text());
  CHECK(r.value().comments_per_like[0].ratio.n == 9);
}
