// The comment analysis's input: the comments of a profile's recent posts, each comment as
// Instagram's comments endpoint gives it. The parser is the only code that knows those field
// names; everything after it sees the structures below. Format and errors: README.md here.
#pragma once
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_util.h"
#include "result.h"

namespace fm::cmt {

// Limits for untrusted documents: past them is an error, never a guess.
constexpr size_t kMaxDocumentBytes = 8u << 20;  // a dozen posts' comment pages are a few hundred KB
constexpr size_t kMaxPosts = 50;
constexpr size_t kMaxComments = 5000;       // all posts together
constexpr size_t kMaxCommentBytes = 16384;  // Instagram caps a comment at 2,200 characters
constexpr size_t kMaxCommenterRecords = 5000;

struct Comment {
  std::string text;
  std::optional<int64_t> created_at;  // unix seconds
  uint32_t author = 0;                // index into Input::authors
};

struct Post {
  std::string media_id;
  std::optional<int64_t> taken_at;       // unix seconds
  std::optional<int64_t> like_count;     // nullopt: hidden (-1) or not given
  std::optional<int64_t> comment_count;  // the post's total, as Instagram counts it
  std::vector<Comment> comments;         // those read, the owner's own left out
  int owner_comments = 0;                // the owner's own, read and left out
  // Comments Instagram counts that were not read (0 when every one was, or unknown).
  int64_t unread() const {
    return comment_count ? std::max<int64_t>(0, *comment_count - int64_t(comments.size()) - owner_comments) : 0;
  }
};

// What the comments say of their author: the fields of a list of users, as the classifier's
// lite tier reads them (-1: not given).
struct Author {
  std::string key;    // pk, or "@" and the username when the pk is missing
  uint64_t hash = 0;  // of the key, for lookups
  std::string username, full_name;
  int8_t is_private = -1, is_verified = -1, has_profile_pic = -1;
  std::string full_record;  // a fully fetched account record for this author (JSON text), if given
};

struct Input {
  std::vector<Post> posts;
  std::vector<Author> authors;  // distinct commenters, in order of first comment
  std::optional<int64_t> follower_count, now;
  size_t owner_comments = 0;     // the owner's own comments (replies), left out
  size_t unmatched_records = 0;  // commenter records that match no comment's author
};

// Parses {"posts":[...], "follower_count", "owner", "commenters", "now"} or a bare comments
// endpoint answer ({"comments":[...], "comment_count", ...}, one post). Errors have ids
// "comments.*" and name the field path, e.g. "posts[2].comments[5].user.pk must be text or a
// number, got true".
Result<Input> parse_comments(const std::string& text);

}  // namespace fm::cmt
