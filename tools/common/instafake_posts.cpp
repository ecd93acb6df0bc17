#include "instafake_posts.h"

namespace fm::prof {

namespace {

Result<std::vector<double>> numbers(const json& obj, const char* key, const std::string& where) {
  std::vector<double> out;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return out;
  if (!it->is_array()) return make_error("instafake.type", where + "." + key + " must be an array");
  for (size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_number())
      return make_error("instafake.type", where + "." + key + "[" + std::to_string(i) + "] must be a number");
    out.push_back(v.get<double>());
  }
  return out;
}

}  // namespace

Result<std::vector<ReferenceAccount>> instafake_accounts_from_text(const std::string& text) {
  auto parsed = parse_json(text, "the InstaFake account data");
  if (!parsed) return parsed.error();
  const json& j = parsed.value();
  if (!j.is_array())
    return make_error("instafake.shape", "the InstaFake account data must be a JSON array of accounts");
  std::vector<ReferenceAccount> out;
  for (size_t i = 0; i < j.size(); ++i) {
    const json& a = j[i];
    const std::string w = "account[" + std::to_string(i) + "]";
    if (!a.is_object()) return make_error("instafake.shape", w + " must be an object");
    ReferenceAccount r;
    for (auto [key, target] : {std::pair<const char*, double*>{"userFollowerCount", &r.followers},
                               {"userFollowingCount", &r.following},
                               {"userMediaCount", &r.media_count}}) {
      auto v = read_number(a, key, w, 0, 1e12);
      if (!v) return v.error();
      if (!v.value()) return make_error("instafake.shape", w + "." + key + " is missing");
      *target = *v.value();
    }
    auto likes = numbers(a, "mediaLikeNumbers", w);
    auto comments = numbers(a, "mediaCommentNumbers", w);
    auto disabled = numbers(a, "mediaCommentsAreDisabled", w);
    auto times = numbers(a, "mediaUploadTimes", w);
    for (auto* r2 : {&likes, &comments, &disabled, &times})
      if (!*r2) return r2->error();
    const auto& L = likes.value();
    for (size_t k = 0; k < L.size(); ++k) {
      Post p;
      if (L[k] >= 0) p.likes = int64_t(L[k]);
      if (k < comments.value().size()) p.comments = int64_t(comments.value()[k]);
      if (k < disabled.value().size()) p.comments_disabled = disabled.value()[k] != 0;
      if (k < times.value().size()) p.taken_at = int64_t(times.value()[k]);
      r.posts.push_back(p);
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace fm::prof
