// Builders of comments documents for the comment-analysis tests: posts with comments shaped as
// Instagram's comments endpoint gives them.
#pragma once
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "api.h"
#include "json_util.h"

namespace fm_test {

using fm::json;

constexpr int64_t kNow = 1'795'000'000;
constexpr int64_t kDay = 86'400;

inline json user(const std::string& name, bool picture = true) {
  return {{"pk", "pk_" + name},
          {"username", name},
          {"full_name", "Name " + name},
          {"is_private", false},
          {"is_verified", false},
          {"profile_pic_url", picture ? "https://cdn.example/" + name + ".jpg"
                                      : "https://cdn.example/44884218_345707102882519_2446069589734326272_n.jpg"}};
}

inline json comment(const std::string& author, const std::string& text, int64_t at) {
  return {{"pk", author + std::to_string(at)}, {"text", text}, {"created_at", at}, {"user", user(author)}};
}

// A post `days_ago` days old (taken at kNow - days_ago days) with these comments.
// `{x}` with one json element is a copy of x under clang (a braced list of one element of the
// same type copies it) and the one-element array [x] under gcc: the helpers below take lists,
// so a lone object becomes the list it was written as.
inline json as_list(json v) {
  if (!v.is_object()) return v;
  json one = json::array();
  one.push_back(std::move(v));
  return one;
}

inline json post(int days_ago, json comments, int64_t likes = 1000, int64_t count = -1) {
  comments = as_list(std::move(comments));
  json p = {{"media_id", std::to_string(3000 + days_ago)},
            {"taken_at", kNow - days_ago * kDay},
            {"like_count", likes},
            {"comments", std::move(comments)}};
  p["comment_count"] = count >= 0 ? count : int64_t(p["comments"].size());
  return p;
}

inline json document(json posts, int64_t followers = 800) {
  return {{"posts", as_list(std::move(posts))}, {"follower_count", followers}, {"now", kNow}};
}

// Texts nobody repeats: five made-up words of three syllables each, drawn at random seeded by n.
inline std::string distinct(int n) {
  static const char* kSyllables[] = {"ka", "lo", "mi", "ne", "su", "ta", "ri", "po", "de", "fu",
                                     "ga", "hi", "jo", "ku", "le", "mo", "nu", "pa", "ro", "se",
                                     "ti", "vo", "wa", "ye", "zu", "ba", "ce", "di", "fo", "gu"};
  std::mt19937 rng(uint32_t(n) + 1);
  std::string t;
  for (int w = 0; w < 5; ++w) {
    if (w) t += ' ';
    for (int k = 0; k < 3; ++k) t += kSyllables[rng() % 30];
  }
  return t;
}

inline json analyze(const json& doc) {
  auto r = fm::parse_json(fm::api_analyze_comments(doc.dump()), "report");
  REQUIRE(r.ok());
  REQUIRE_MESSAGE(!r.value().contains("error"), r.value().dump());
  return r.value();
}

inline json analyze_text(const std::string& text) {
  auto r = fm::parse_json(fm::api_analyze_comments(text), "report");
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace fm_test
