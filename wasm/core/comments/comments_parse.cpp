#include "account.h"
#include "comments.h"

#include <unordered_set>
#include "profile/profile.h"
#include "size_optimized.h"
#include "text.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {

uint64_t hash64(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

int8_t tri(const std::optional<bool>& b) { return b ? int8_t(*b) : int8_t(-1); }

// A user object's pk and username (at least one of them).
struct Who {
  std::string pk, username;
};

// Every reader returns false with `error` set; the caller passes the false on.
struct Parser {
  Input in;
  Who owner;
  std::vector<uint64_t> hashes;              // of in.authors' keys
  std::unordered_set<uint64_t> comment_ids;  // of the post's comments read so far, by their pk
  size_t total = 0;
  Error error;

  bool fail(const char* id, const std::string& message) {
    error = make_error(id, message);
    return false;
  }
  bool shape(const std::string& where, const char* what) { return fail("comments.shape", where + what); }
  // The checked readers speak of "account.*"; a comments document's errors say "comments.*".
  bool failed_read(const Error& e) {
    size_t dot = e.id.find('.');
    error = Error{"comments" + e.id.substr(dot == std::string::npos ? e.id.size() : dot), e.message};
    return false;
  }
  template <typename R, typename T>
  bool take(R r, T& out) {
    if (!r) return failed_read(r.error());
    out = r.value();
    return true;
  }

  // An id Instagram sends as a number or as text ("pk", "media_id").
  bool id(const json& o, const char* key, const std::string& where, std::string& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return true;
    if (it->is_number_unsigned()) out = std::to_string(it->get<uint64_t>());
    else if (it->is_number_integer()) out = std::to_string(it->get<int64_t>());
    else if (it->is_string() && !it->get_ref<const std::string&>().empty() &&
             it->get_ref<const std::string&>().size() <= 64)
      out = it->get<std::string>();
    else return fail("comments.type", where + "." + key + " must be an id (text or a whole number)");
    return true;
  }

  bool who(const json& u, const std::string& where, Who& w) {
    std::optional<std::string> name;
    if (!id(u, "pk", where, w.pk) || !take(read_string(u, "username", where, kMaxUsernameBytes), name)) return false;
    w.username = name.value_or("");
    return !w.pk.empty() || !w.username.empty() || shape(where, " has neither pk nor username");
  }

  bool is_owner(const Who& w) const {
    return (!owner.pk.empty() && owner.pk == w.pk) || (!owner.username.empty() && owner.username == w.username);
  }

  bool comment(const json& c, const std::string& where, Post& post) {
    if (!c.is_object()) return shape(where, " must be an object");
    Comment out;
    std::optional<std::string> text;
    if (!take(read_string(c, "text", where, kMaxCommentBytes), text) ||
        !take(read_int(c, "created_at", where, 0, 32503680000LL), out.created_at))
      return false;
    out.text = text.value_or("");
    // The same comment twice under a post (a page read again, a document joined from two) is one
    // comment: twice, it moved the median per post and with it what counts as a regular.
    std::string pk;
    if (!id(c, "pk", where, pk)) return false;
    if (!pk.empty() && !comment_ids.insert(hash64("c" + pk)).second) return true;
    auto u = c.find("user");
    const std::string uw = where + ".user";
    if (u == c.end() || !u->is_object()) return shape(uw, " must be an object (the comment's author)");
    Who w;
    if (!who(*u, uw, w)) return false;
    if (is_owner(w)) {
      ++in.owner_comments, ++post.owner_comments;
      return true;
    }
    Author a;
    a.key = w.pk.empty() ? "@" + w.username : w.pk;
    a.hash = hash64(a.key);
    size_t k = 0;
    while (k < hashes.size() && !(hashes[k] == a.hash && in.authors[k].key == a.key)) ++k;
    if (k == hashes.size()) {
      std::optional<std::string> full_name, pic;
      std::optional<bool> is_private, is_verified, anonymous;
      if (!take(read_string(*u, "full_name", uw, kMaxTextBytes), full_name) ||
          !take(read_string(*u, "profile_pic_url", uw, kMaxTextBytes), pic) ||
          !take(read_bool(*u, "is_private", uw), is_private) || !take(read_bool(*u, "is_verified", uw), is_verified) ||
          !take(read_bool(*u, "has_anonymous_profile_picture", uw), anonymous))
        return false;
      a.username = w.username;
      a.full_name = full_name.value_or("");
      a.is_private = tri(is_private), a.is_verified = tri(is_verified);
      a.has_profile_pic = tri(own_picture(anonymous, pic));
      hashes.push_back(a.hash);
      in.authors.push_back(std::move(a));
    }
    out.author = uint32_t(k);
    if (++total > kMaxComments)
      return fail("comments.limit", "more than " + std::to_string(kMaxComments) + " comments (at " + where +
                                        "): split the posts into several documents");
    post.comments.push_back(std::move(out));
    return true;
  }

  // A post's comments: an array of comment objects, or a whole endpoint answer.
  bool comments(const json& list, const std::string& where, Post& post) {
    const json* arr = &list;
    std::string base = where;
    if (list.is_object()) {
      const std::string doc = where.empty() ? "the document" : where;
      auto status = list.find("status");
      if (status != list.end() && *status == "fail") {
        auto m = list.find("message");
        return fail("comments.instagram",
                    doc + " is an error answer from Instagram: " +
                        example_text(m != list.end() && m->is_string() ? m->get<std::string>() : "no message"));
      }
      auto it = list.find("comments");
      if (it == list.end() || !it->is_array()) return shape(doc, " must be an array of comments or an answer with one");
      arr = &*it;
      base = where.empty() ? "comments" : where + ".comments";
      if (!post.comment_count && !take(read_int(list, "comment_count", where, 0, kMaxCount), post.comment_count))
        return false;
      // The answer's caption is the owner's: their replies are not engagement.
      auto cap = list.find("caption");
      if (cap != list.end() && cap->is_object() && owner.pk.empty() && owner.username.empty()) {
        auto u = cap->find("user");
        if (u != cap->end() && u->is_object() && !who(*u, base + ".caption.user", owner)) return false;
      }
    } else if (!list.is_array()) {
      return shape(where, " must be an array of comments");
    }
    for (size_t k = 0; k < arr->size(); ++k)
      if (!comment((*arr)[k], base + "[" + std::to_string(k) + "]", post)) return false;
    return true;
  }

  bool post(const json& p, const std::string& where) {
    if (!p.is_object()) return shape(where, " must be an object");
    comment_ids.clear();
    Post out;
    std::optional<int64_t> likes;
    if (!id(p, "media_id", where, out.media_id) ||
        !take(read_int(p, "taken_at", where, 0, 32503680000LL), out.taken_at) ||
        !take(read_int(p, "like_count", where, -1, kMaxCount), likes) ||
        !take(read_int(p, "comment_count", where, 0, kMaxCount), out.comment_count))
      return false;
    if (likes && *likes >= 0) out.like_count = likes;
    auto c = p.find("comments");
    if (c == p.end() || c->is_null()) return shape(where, ".comments is missing (give [] when none were read)");
    if (!comments(*c, where + ".comments", out)) return false;
    in.posts.push_back(std::move(out));
    return true;
  }

  // Fully fetched commenters, matched to the comments' authors by username.
  bool records(const json& list) {
    if (!list.is_array()) return shape("commenters", " must be an array of account records");
    if (list.size() > kMaxCommenterRecords)
      return fail("comments.limit", "more than " + std::to_string(kMaxCommenterRecords) + " commenter records");
    for (size_t k = 0; k < list.size(); ++k) {
      const std::string where = "commenters[" + std::to_string(k) + "]";
      if (!list[k].is_object()) return shape(where, " must be an account record (an object)");
      auto acc = account_from_json(list[k]);
      if (!acc) return fail("comments.commenters", where + ": " + acc.error().message);
      const std::string user = acc.value().username.value_or("");
      bool matched = false;
      for (Author& a : in.authors)
        if (!user.empty() && a.username == user) a.full_record = dump_json(list[k]), matched = true;
      in.unmatched_records += !matched;
    }
    return true;
  }

  bool document(const json& j) {
    if (!j.is_object()) return shape("the comments document", " must be a JSON object");
    auto own = j.find("owner");
    if (own != j.end() && !own->is_null() && (!own->is_object() || !who(*own, "owner", owner)))
      return error.id.empty() ? shape("owner", " must be an object with pk and/or username") : false;
    if (!take(read_int(j, "follower_count", "", 0, kMaxCount), in.follower_count) ||
        !take(read_int(j, "now", "", 0, 32503680000LL), in.now))
      return false;
    auto posts = j.find("posts");
    if (posts != j.end()) {
      if (!posts->is_array()) return shape("posts", " must be an array");
      if (posts->size() > kMaxPosts)
        return fail("comments.limit",
                    "more than " + std::to_string(kMaxPosts) + " posts (" + std::to_string(posts->size()) + ")");
      for (size_t i = 0; i < posts->size(); ++i)
        if (!post((*posts)[i], "posts[" + std::to_string(i) + "]")) return false;
    } else if (j.contains("comments") || j.contains("status")) {
      Post one;  // a bare endpoint answer: one post, nothing known about it
      if (!comments(j, "", one)) return false;
      in.posts.push_back(std::move(one));
    } else {
      return shape("the comments document",
                   " must be {\"posts\": [...]} or a comments endpoint answer {\"comments\": [...]}");
    }
    auto rec = j.find("commenters");
    return rec == j.end() || rec->is_null() || records(*rec);
  }
};

}  // namespace

Result<Input> parse_comments(const std::string& text) {
  if (text.size() > kMaxDocumentBytes)
    return make_error("comments.limit", "the comments document is " + std::to_string(text.size()) +
                                            " bytes; the limit is " + std::to_string(kMaxDocumentBytes));
  auto parsed = parse_json(text, "the comments document");
  if (!parsed)
    return make_error(parsed.error().id == "json.parse" ? "comments.parse" : "comments.limit", parsed.error().message);
  Parser p;
  if (!p.document(parsed.value())) return p.error;
  return std::move(p.in);
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
