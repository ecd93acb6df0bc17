// A web_profile_info document as the profile analysis sees it (the JSON Instagram's web app
// receives for a profile). Parsing is the only place that knows Instagram's field names.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "json_util.h"
#include "result.h"

namespace fm::prof {

// Limits for untrusted documents: past them is an error, never a guess.
constexpr size_t kMaxDocumentBytes = 2 * 1024 * 1024;
constexpr int kMaxDepth = 64;         // web_profile_info nests about 10 deep
constexpr size_t kMaxPostsRead = 50;  // Instagram sends 12; more are ignored (and counted)

struct Post {
  std::string id;                   // the media id (engagers' lists are asked by it); empty when absent
  std::optional<int64_t> likes;     // nullopt: hidden by the owner (-1 or missing)
  std::optional<int64_t> comments;  // nullopt: missing
  std::optional<int64_t> views;     // videos only
  int64_t taken_at = 0;             // unix seconds, 0 when missing
  bool is_video = false;
  bool comments_disabled = false;
  // Pinned atop the grid (pinned_for_users / timeline_pinned_user_ids name someone): shown first
  // whatever its age, so no recent post. A collaboration (coauthor_producers name someone): on the
  // partner's grid too, its likers and commenters from both audiences. Absent: neither.
  bool pinned = false, collab = false;
};

struct Profile {
  bool found = true;  // false for {"data":{"user":null}}
  std::string id;     // the numeric user id ("id" or "pk"); empty when absent
  std::string username, category;
  // nullopt when the document does not name the field (absent or null): unknown, as the account
  // record reads it, never "" (no name, no bio). Instagram always sends both; a record made from
  // data without them (a list entry, a data set without bios) must not read as an empty profile.
  std::optional<std::string> full_name, biography;
  // The profile link: "" when the document says there is none (external_url null or "", bio_links
  // []), nullopt when it names neither field (unknown, never "no link").
  std::optional<std::string> external_url;
  // nullopt when the document does not say (users/<id>/info, the page's counts, a record made
  // by hand): unknown, never "no".
  std::optional<bool> is_private, is_verified, is_business, is_professional;
  std::optional<bool> has_profile_pic;  // nullopt when no avatar URL was sent
  std::optional<int64_t> followers, following, media_count;
  std::vector<Post> posts;   // newest first, the pinned ones last; at most kMaxPostsRead
  size_t posts_ignored = 0;  // edges past kMaxPostsRead
  // Edges that could not be read (a field of another type, no node), left out of `posts`; a
  // document where they are half or more is refused instead.
  size_t posts_unreadable = 0;
};

// A flag as the reports give it: true, false, or null when the document did not say.
json flag_json(const std::optional<bool>& b);

// Parses and checks a web_profile_info document. Errors have ids "profile.*" and name the
// field path, e.g. "data.user.edge_followed_by.count must be a number, got \"12k\"".
Result<Profile> parse_profile(const std::string& text);

// Bracket nesting depth of JSON text, strings skipped; stops counting past `limit`.
int text_depth(const std::string& text, int limit);

}  // namespace fm::prof
