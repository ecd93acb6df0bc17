#include "account.h"

#include "flat_json.h"

namespace fm {

#define FM_READ(target, expr)             \
  do {                                    \
    auto r_ = (expr);                     \
    if (!r_) return r_.error();           \
    target = r_.value();                  \
  } while (0)

Result<Account> account_from_json(const json& obj) {
  if (!obj.is_object())
    return make_error("account.shape", "an account record must be a JSON object, got " +
                                           std::string(obj.type_name()));
  // An engine error answer ({"error": ...}, e.g. from accountFromProfile) passed on by mistake
  // would otherwise score as an empty record, since unknown keys are ignored.
  if (obj.contains("error"))
    return make_error("account.shape", "this is an error answer, not an account record: " +
                                           dump_json(obj["error"]).substr(0, 120));
  Account a;
  const std::string w;  // top-level fields are named bare
  FM_READ(a.username, read_string(obj, "username", w, kMaxUsernameBytes));
  FM_READ(a.full_name, read_string(obj, "full_name", w, kMaxTextBytes));
  FM_READ(a.biography, read_string(obj, "biography", w, kMaxTextBytes));
  FM_READ(a.external_url, read_string(obj, "external_url", w, kMaxTextBytes));
  FM_READ(a.is_private, read_bool(obj, "is_private", w));
  FM_READ(a.is_verified, read_bool(obj, "is_verified", w));
  FM_READ(a.has_profile_pic, read_bool(obj, "has_profile_pic", w));
  FM_READ(a.media_count, read_int(obj, "media_count", w, 0, kMaxCount));
  FM_READ(a.follower_count, read_int(obj, "follower_count", w, 0, kMaxCount));
  FM_READ(a.following_count, read_int(obj, "following_count", w, 0, kMaxCount));
  FM_READ(a.username_length, read_int(obj, "username_length", w, 0, kMaxUsernameBytes));
  FM_READ(a.username_digit_count, read_int(obj, "username_digit_count", w, 0, kMaxUsernameBytes));
  FM_READ(a.biography_length, read_int(obj, "biography_length", w, 0, kMaxTextBytes));
  FM_READ(a.has_external_url, read_bool(obj, "has_external_url", w));
  FM_READ(a.username_digit_share, read_number(obj, "username_digit_share", w, 0.0, 1.0));
  FM_READ(a.full_name_digit_share, read_number(obj, "full_name_digit_share", w, 0.0, 1.0));
  FM_READ(a.full_name_word_count, read_int(obj, "full_name_word_count", w, 0, kMaxTextBytes));
  FM_READ(a.full_name_equals_username, read_bool(obj, "full_name_equals_username", w));
  if (a.username_length && a.username_digit_count && *a.username_digit_count > *a.username_length)
    return make_error("account.range", "field 'username_digit_count' (" +
                                           std::to_string(*a.username_digit_count) +
                                           ") exceeds 'username_length' (" +
                                           std::to_string(*a.username_length) + ")");
  auto phase = obj.find("phase");
  if (phase != obj.end() && !phase->is_null()) {
    if (!phase->is_string() || (*phase != "lite" && *phase != "full"))
      return make_error("account.type", "field 'phase' must be \"lite\" or \"full\", got " +
                                            dump_json(*phase).substr(0, 40));
    a.lite_only = *phase == "lite";
  }
  return a;
}

#undef FM_READ

Result<Account> account_from_text(const std::string& text) {
  if (text.size() > kMaxRecordBytes)
    return make_error("account.size", "the account record is too long (" + std::to_string(text.size()) +
                                          " bytes, limit " + std::to_string(kMaxRecordBytes) + ")");
  json flat;
  if (scan_flat_object(text, flat)) return account_from_json(flat);
  auto j = parse_json(text, "the account record");
  if (!j) return j.error();
  return account_from_json(j.value());
}

}  // namespace fm
