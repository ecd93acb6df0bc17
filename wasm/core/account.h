// The account record: an Instagram user object as the engine sees it.
// Every field is optional; "unknown" is kept distinct from zero all the way into the model.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_util.h"
#include "result.h"

namespace fm {

// Limits for untrusted records: anything past them is an error, not a value.
constexpr int64_t kMaxCount = 10'000'000'000LL;  // no Instagram count comes near 10^10
constexpr size_t kMaxUsernameBytes = 1000;
constexpr size_t kMaxTextBytes = 20000;  // bios are capped at 150 characters by Instagram
// One record's JSON text. A whole web_profile_info user object with its 12 posts and captions
// (Instagram caps captions at 2200 characters) stays far below this.
constexpr size_t kMaxRecordBytes = 1u << 20;

// The file name of Instagram's default ("anonymous") picture, in every URL that serves it.
constexpr const char* kDefaultAvatarMark = "44884218_345707102882519_2446069589734326272_n";

// Whether a profile picture URL is the account's own picture: false for the default one, true
// for any other, unknown for an empty URL (Instagram leaves it empty when it does not say).
inline std::optional<bool> own_picture_from_url(const std::string& url) {
  if (url.empty()) return std::nullopt;
  return url.find(kDefaultAvatarMark) == std::string::npos;
}

// The same from all an answer says of the picture: Instagram's flag has_anonymous_profile_picture
// when it is given (a flag is a stronger word than a URL), else the URL; unknown when neither.
inline std::optional<bool> own_picture(const std::optional<bool>& anonymous, const std::optional<std::string>& url) {
  if (anonymous) return !*anonymous;
  return url ? own_picture_from_url(*url) : std::nullopt;
}

struct Account {
  // Text fields, as Instagram serves them.
  std::optional<std::string> username, full_name, biography, external_url;
  std::optional<bool> is_private, is_verified, has_profile_pic;
  std::optional<int64_t> media_count, follower_count, following_count;
  // Fallbacks for data sets that carry only derived values. Text wins when both are present.
  std::optional<int64_t> username_length, username_digit_count, biography_length;
  std::optional<bool> has_external_url;
  // Further fallbacks (Kaggle set): shares and counts derived from names.
  std::optional<double> username_digit_share, full_name_digit_share;
  std::optional<int64_t> full_name_word_count;
  std::optional<bool> full_name_equals_username;
  // Two-phase audits mark followers seen only through the followers list.
  bool lite_only = false;
};

// Reads one record from a parsed JSON object. Unknown keys are ignored; Instagram's
// `has_anonymous_profile_picture` is read as the inverse of `has_profile_pic`, and a GraphQL user
// object's nested counts (`edge_followed_by.count`, ...) as the counts.
// `where` prefixes field names in errors (e.g. "line 3: ").
Result<Account> account_from_json(const json& obj);
struct FlatObject;
// The fast path's reader: true with `out` set when account_from_json would accept the same
// members and read the same account; false (decline) otherwise, errors included.
bool account_from_flat(const FlatObject& obj, Account& out);
// Parses one JSON text (e.g. a JSON Lines line) into an account; longer than
// kMaxRecordBytes is an "account.size" error.
Result<Account> account_from_text(std::string_view text);
// Every top-level key account_from_json reads, in its table's order, then Instagram's own names
// and "phase": what a record may carry (anything else is ignored, so tools can point it out).
std::vector<std::string_view> account_field_names();

}  // namespace fm
