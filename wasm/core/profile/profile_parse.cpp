#include <algorithm>

#include "account.h"
#include "profile.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

// The checked readers speak of "account.*" ids and "field 'x'"; a profile error should say
// "profile.*" so callers can tell which document was wrong.
Error as_profile_error(const Error& e) {
  std::string id = e.id;
  if (id.rfind("account.", 0) == 0) id = "profile." + id.substr(8);
  return Error{id, e.message};
}

#define FM_TAKE(target, expr)                     \
  do {                                            \
    auto r_ = (expr);                             \
    if (!r_) return as_profile_error(r_.error()); \
    target = r_.value();                          \
  } while (0)

// An optional nested object: absent/null -> nullptr; anything else but an object -> error.
Result<const json*> child_object(const json& parent, const char* key, const std::string& where) {
  auto it = parent.find(key);
  if (it == parent.end() || it->is_null()) return static_cast<const json*>(nullptr);
  if (!it->is_object())
    return make_error("profile.type", where + "." + key + " must be an object, got " + std::string(it->type_name()));
  return &*it;
}

// {"count": n} objects. A count of -1 means "hidden" where Instagram uses it (likes).
Result<std::optional<int64_t>> edge_count(const json& parent,
                                          const char* key,
                                          const std::string& where,
                                          bool allow_hidden) {
  auto obj = child_object(parent, key, where);
  if (!obj) return obj.error();
  if (!obj.value()) return std::optional<int64_t>{};
  auto v = read_int(*obj.value(), "count", where + "." + key, allow_hidden ? -1 : 0, kMaxCount);
  if (!v) return as_profile_error(v.error());
  if (v.value() && *v.value() < 0) return std::optional<int64_t>{};
  return v.value();
}

// An id as Instagram sends it under the first of `keys` present: digits (maybe
// "<media>_<owner>"), as a string or a number.
Result<std::optional<std::string>> first_id(const json& obj,
                                            const std::string& w,
                                            std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) continue;
    std::string s = it->is_number_unsigned() ? it->dump() : it->is_string() ? it->get<std::string>() : "";
    if (s.empty() || s.size() > 64 || s.find_first_not_of("0123456789_") != std::string::npos)
      return make_error("profile.type", w + "." + key + " must be a numeric id");
    return std::optional<std::string>{s};
  }
  return std::optional<std::string>{};
}

// The first of `keys` present as a count; a negative one (-1: hidden) reads as absent.
Result<std::optional<int64_t>> first_count(const json& obj,
                                           const std::string& w,
                                           std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    auto v = read_int(obj, key, w, -1, kMaxCount);
    if (!v) return as_profile_error(v.error());
    if (v.value()) return *v.value() < 0 ? std::optional<int64_t>{} : v.value();
  }
  return std::optional<int64_t>{};
}

Result<Post> parse_post(const json& node, const std::string& w) {
  Post p;
  // The lists of accounts that mark a post: pinned by (timeline_pinned_user_ids in signed-in
  // media), co-authors. Absent or null says nothing (older documents); an array marks the post when
  // it names anyone; any other type is an error.
  for (const char* key : {"pinned_for_users", "timeline_pinned_user_ids", "coauthor_producers"}) {
    auto it = node.find(key);
    if (it == node.end() || it->is_null()) continue;
    if (!it->is_array())
      return make_error("profile.type", w + "." + key + " must be an array, got " + std::string(it->type_name()));
    (key[0] == 'c' ? p.collab : p.pinned) |= !it->empty();
  }
  std::optional<int64_t> liked, preview;
  FM_TAKE(liked, edge_count(node, "edge_liked_by", w, true));
  FM_TAKE(preview, edge_count(node, "edge_media_preview_like", w, true));
  // Both carry the like count; a hidden count is -1 (or absent) in both. Signed-in media in the
  // app's own shape say like_count (-1: hidden), comment_count and play_count / ig_play_count.
  p.likes = liked ? liked : preview;
  if (!p.likes) FM_TAKE(p.likes, first_count(node, w, {"like_count"}));
  FM_TAKE(p.comments, edge_count(node, "edge_media_to_comment", w, false));
  if (!p.comments) FM_TAKE(p.comments, first_count(node, w, {"comment_count"}));
  std::optional<std::string> id;
  FM_TAKE(id, first_id(node, w, {"id"}));
  p.id = id.value_or("");
  std::optional<bool> b;
  FM_TAKE(b, read_bool(node, "is_video", w));
  p.is_video = b.value_or(false);
  FM_TAKE(b, read_bool(node, "comments_disabled", w));
  p.comments_disabled = b.value_or(false);
  std::optional<int64_t> t;
  FM_TAKE(t, read_int(node, "taken_at_timestamp", w, 0, 32503680000LL));  // before year 3000
  p.taken_at = t.value_or(0);
  FM_TAKE(t, first_count(node, w, {"video_view_count", "play_count", "ig_play_count"}));
  if (p.is_video) p.views = t;
  return p;
}

// One edge of the media list: {"node": {...}} -> its post, or what is wrong with it.
Result<Post> parse_edge(const json& e, const std::string& ew) {
  if (!e.is_object()) return make_error("profile.type", ew + " must be an object, got " + std::string(e.type_name()));
  const json* node = nullptr;
  FM_TAKE(node, child_object(e, "node", ew));
  if (!node) return make_error("profile.shape", ew + ".node is missing");
  return parse_post(*node, ew + ".node");
}

}  // namespace

int text_depth(const std::string& text, int limit) {
  int depth = 0, deepest = 0;
  walk_json_text(text, [&](size_t, char c, bool in_string) {
    if (in_string) return true;
    if (c == '{' || c == '[') deepest = std::max(deepest, ++depth);
    else if (c == '}' || c == ']') --depth;
    return deepest <= limit;
  });
  return deepest;
}

Result<Profile> parse_profile(const std::string& text) {
  if (text.size() > kMaxDocumentBytes)
    return make_error("profile.size", "the profile document is " + std::to_string(text.size()) +
                                          " bytes; the limit is " + std::to_string(kMaxDocumentBytes));
  // Checked before parsing so a hostile document never builds a deep tree.
  if (text_depth(text, kMaxDepth) > kMaxDepth)
    return make_error("profile.depth",
                      "the profile document nests deeper than " + std::to_string(kMaxDepth) + " levels");
  auto parsed = parse_json(text, "the profile document");
  if (!parsed) return make_error("profile.parse", parsed.error().message);
  const json& doc = parsed.value();
  if (!doc.is_object())
    return make_error("profile.shape",
                      "the profile document must be a JSON object, got " + std::string(doc.type_name()));
  // Instagram's failure bodies: {"message": "...", "status": "fail"}.
  auto status = doc.find("status");
  if (status != doc.end() && status->is_string() && *status == "fail") {
    std::string msg;
    auto m = doc.find("message");
    if (m != doc.end() && m->is_string()) msg = m->get_ref<const std::string&>().substr(0, 200);
    return make_error("profile.instagram",
                      "Instagram answered with a failure: " + (msg.empty() ? std::string("(no message)") : msg));
  }
  auto data = doc.find("data");
  if (data == doc.end())
    return make_error("profile.shape", "the profile document has no 'data' object (is it a web_profile_info answer?)");
  if (!data->is_object())
    return make_error("profile.type", "data must be an object, got " + std::string(data->type_name()));
  Profile p;
  auto user_it = data->find("user");
  if (user_it == data->end()) return make_error("profile.shape", "data has no 'user' field");
  if (user_it->is_null()) {
    p.found = false;
    return p;
  }
  if (!user_it->is_object())
    return make_error("profile.type", "data.user must be an object, got " + std::string(user_it->type_name()));
  const json& u = *user_it;
  const std::string w = "data.user";
  std::optional<std::string> s;
  FM_TAKE(s, read_string(u, "username", w, kMaxUsernameBytes));
  if (!s || s->empty()) return make_error("profile.shape", "data.user.username is missing");
  p.username = *s;
  FM_TAKE(s, first_id(u, w, {"id", "pk"}));
  p.id = s.value_or("");
  FM_TAKE(p.full_name, read_string(u, "full_name", w, kMaxTextBytes));
  FM_TAKE(p.biography, read_string(u, "biography", w, kMaxTextBytes));
  FM_TAKE(s, read_string(u, "external_url", w, kMaxTextBytes));
  // Links moved to bio_links ([{"url", ...}]); external_url still mirrors the first, but where it
  // is empty the first link with a URL stands for it. Read leniently: a shape Instagram changes
  // here must not make the whole profile unreadable, it only leaves the link unknown. Instagram
  // says "no link" as external_url null or "" and bio_links []: either field named says it.
  auto links = u.find("bio_links");
  bool listed = links != u.end() && links->is_array();
  if (s || listed || u.contains("external_url")) p.external_url = s.value_or("");
  if (listed && p.external_url->empty())
    for (const json& l : *links) {
      if (!l.is_object()) continue;
      auto url = l.find("url");
      if (url == l.end() || !url->is_string()) continue;
      const auto& v = url->get_ref<const std::string&>();
      if (v.empty() || v.size() > kMaxTextBytes) continue;
      p.external_url = v;
      break;
    }
  FM_TAKE(s, read_string(u, "category_name", w, kMaxTextBytes));
  p.category = s.value_or("");
  // The flag users/<id>/info carries wins; else the picture's URL, read as account records read
  // it (an empty URL says nothing).
  FM_TAKE(s, read_string(u, "profile_pic_url", w, kMaxTextBytes));
  std::optional<bool> anonymous;
  FM_TAKE(anonymous, read_bool(u, "has_anonymous_profile_picture", w));
  p.has_profile_pic = own_picture(anonymous, s);
  FM_TAKE(p.is_private, read_bool(u, "is_private", w));
  FM_TAKE(p.is_verified, read_bool(u, "is_verified", w));
  FM_TAKE(p.is_business, read_bool(u, "is_business_account", w));
  FM_TAKE(p.is_professional, read_bool(u, "is_professional_account", w));
  FM_TAKE(p.followers, edge_count(u, "edge_followed_by", w, false));
  FM_TAKE(p.following, edge_count(u, "edge_follow", w, false));
  if (!p.followers) return make_error("profile.shape", "data.user.edge_followed_by.count is missing");

  const json* media = nullptr;
  FM_TAKE(media, child_object(u, "edge_owner_to_timeline_media", w));
  if (media) {
    const std::string mw = w + ".edge_owner_to_timeline_media";
    FM_TAKE(p.media_count, read_int(*media, "count", mw, 0, kMaxCount));
    auto edges = media->find("edges");
    size_t unreadable = 0;
    Error first_error;
    if (edges != media->end() && !edges->is_null()) {
      if (!edges->is_array())
        return make_error("profile.type", mw + ".edges must be an array, got " + std::string(edges->type_name()));
      for (size_t i = 0; i < edges->size(); ++i) {
        if (p.posts.size() >= kMaxPostsRead) {
          p.posts_ignored = edges->size() - i;
          break;
        }
        auto post = parse_edge((*edges)[i], mw + ".edges[" + std::to_string(i) + "]");
        if (post) p.posts.push_back(post.value());
        else if (!unreadable++) first_error = post.error();
      }
      // One odd post (a new media type, a field of another type) costs that post; most of them
      // unreadable is a document of another shape.
      if (unreadable && unreadable * 2 >= unreadable + p.posts.size()) return first_error;
      p.posts_unreadable = unreadable;
    }
  }
  // Newest first whatever order the document used (stable, so undated posts keep their place), the
  // pinned ones after the rest (Instagram sends them first, but they are not the recent posts): an
  // insertion sort of at most kMaxPostsRead posts, far smaller code than std::stable_sort.
  auto before = [](const Post& a, const Post& b) { return a.pinned != b.pinned ? b.pinned : a.taken_at > b.taken_at; };
  for (size_t i = 1; i < p.posts.size(); ++i)
    for (size_t j = i; j > 0 && before(p.posts[j], p.posts[j - 1]); --j) std::swap(p.posts[j - 1], p.posts[j]);
  return p;
}

#undef FM_TAKE

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
