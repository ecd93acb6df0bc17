#include "account.h"

#include <cmath>

#include "flat_json.h"
#include "size_optimized.h"

namespace fm {

namespace {
// Every field of the record, in the order errors are looked for. One table serves both
// readers below, so the fast path cannot learn a field or a limit the full one lacks.
enum class Type { kText, kBool, kCount, kShare };
struct Field {
  std::string_view name;  // from a literal: NUL-terminated
  Type type;
  int64_t max;  // bytes (text), largest value (counts)
  std::optional<std::string> Account::*text;
  std::optional<bool> Account::*flag;
  std::optional<int64_t> Account::*count;
  std::optional<double> Account::*share;
};
constexpr Field text(std::string_view n, int64_t max, std::optional<std::string> Account::*m) {
  return {n, Type::kText, max, m, nullptr, nullptr, nullptr};
}
constexpr Field flag(std::string_view n, std::optional<bool> Account::*m) {
  return {n, Type::kBool, 0, nullptr, m, nullptr, nullptr};
}
constexpr Field count(std::string_view n, int64_t max, std::optional<int64_t> Account::*m) {
  return {n, Type::kCount, max, nullptr, nullptr, m, nullptr};
}
constexpr Field share(std::string_view n, std::optional<double> Account::*m) {
  return {n, Type::kShare, 0, nullptr, nullptr, nullptr, m};
}
constexpr int64_t kUser = static_cast<int64_t>(kMaxUsernameBytes);
constexpr int64_t kText = static_cast<int64_t>(kMaxTextBytes);
const Field kFields[] = {
    text("username", kUser, &Account::username),
    text("full_name", kText, &Account::full_name),
    text("biography", kText, &Account::biography),
    text("external_url", kText, &Account::external_url),
    flag("is_private", &Account::is_private),
    flag("is_verified", &Account::is_verified),
    flag("has_profile_pic", &Account::has_profile_pic),
    count("media_count", kMaxCount, &Account::media_count),
    count("follower_count", kMaxCount, &Account::follower_count),
    count("following_count", kMaxCount, &Account::following_count),
    count("username_length", kUser, &Account::username_length),
    count("username_digit_count", kUser, &Account::username_digit_count),
    count("biography_length", kText, &Account::biography_length),
    flag("has_external_url", &Account::has_external_url),
    share("username_digit_share", &Account::username_digit_share),
    share("full_name_digit_share", &Account::full_name_digit_share),
    count("full_name_word_count", kText, &Account::full_name_word_count),
    flag("full_name_equals_username", &Account::full_name_equals_username),
};

// The full reader runs only on records the fast path declines (and in the trainer).
FM_SIZE_OPTIMIZED_BEGIN

#define FM_READ(target, expr)   \
  do {                          \
    auto r_ = (expr);           \
    if (!r_) return r_.error(); \
    target = r_.value();        \
  } while (0)

Result<bool> read_field(const json& obj, const Field& f, Account& a) {
  const std::string w;  // top-level fields are named bare
  switch (f.type) {
    case Type::kText: FM_READ(a.*f.text, read_string(obj, f.name.data(), w, static_cast<size_t>(f.max))); break;
    case Type::kBool: FM_READ(a.*f.flag, read_bool(obj, f.name.data(), w)); break;
    case Type::kCount: FM_READ(a.*f.count, read_int(obj, f.name.data(), w, 0, f.max)); break;
    case Type::kShare: FM_READ(a.*f.share, read_number(obj, f.name.data(), w, 0.0, 1.0)); break;
  }
  return true;
}

#undef FM_READ

FM_SIZE_OPTIMIZED_END

// The one rule across fields: a username cannot have more digits than characters.
bool digits_exceed_length(const Account& a) {
  return a.username_length && a.username_digit_count && *a.username_digit_count > *a.username_length;
}

Result<Account> check_cross_fields(Account a) {
  if (digits_exceed_length(a))
    return make_error("account.range", "field 'username_digit_count' (" + std::to_string(*a.username_digit_count) +
                                           ") exceeds 'username_length' (" + std::to_string(*a.username_length) + ")");
  return a;
}

// The fast reader: takes a value only when the full reader would take it unchanged, and
// declines (returns false) on anything else, including every error, which the full reader
// then words.
bool read_flat_value(const FlatValue& v, const Field& f, Account& a) {
  using K = FlatValue::Kind;
  if (v.kind == K::kNull) {  // a repeated key's later null makes the field unknown again
    switch (f.type) {
      case Type::kText: (a.*f.text).reset(); break;
      case Type::kBool: (a.*f.flag).reset(); break;
      case Type::kCount: (a.*f.count).reset(); break;
      case Type::kShare: (a.*f.share).reset(); break;
    }
    return true;
  }
  switch (f.type) {
    case Type::kText:
      if (v.kind != K::kString || v.s.size() > static_cast<size_t>(f.max)) return false;
      (a.*f.text).emplace(v.s);  // the scanner checked UTF-8
      return true;
    case Type::kBool:
      if (v.kind == K::kBool) {
        a.*f.flag = v.b;
        return true;
      }
      if (v.kind == K::kUint && v.u <= 1) {
        a.*f.flag = v.u == 1;
        return true;
      }
      return false;
    case Type::kCount:
      if (v.kind != K::kUint || v.u > static_cast<uint64_t>(f.max)) return false;
      a.*f.count = static_cast<int64_t>(v.u);
      return true;
    case Type::kShare: {
      double d = v.kind == K::kDouble ? v.d : v.kind == K::kUint ? static_cast<double>(v.u) : -1.0;
      if (!(d >= 0.0 && d <= 1.0)) return false;
      a.*f.share = d;
      return true;
    }
  }
  return false;
}

const Field* find_field(std::string_view key) {
  for (const Field& f : kFields)
    if (key == f.name) return &f;
  return nullptr;
}
}  // namespace

FM_SIZE_OPTIMIZED_BEGIN

namespace {
// Instagram's own names for fields of the record, read by the full reader (account_from_json).
constexpr std::string_view kInstagramAliases[] = {"has_anonymous_profile_picture", "profile_pic_url",
                                                  "edge_followed_by", "edge_follow", "edge_owner_to_timeline_media"};
bool is_instagram_alias(std::string_view key) {
  for (std::string_view a : kInstagramAliases)
    if (key == a) return true;
  return false;
}

// A record that says one fact under both names, differently, is refused naming both, rather than
// letting one of them silently win.
Error contradiction(const char* name,
                    const std::string& value,
                    const std::string& alias,
                    const std::string& alias_value) {
  return Error{"account.range", std::string("fields '") + name + "' (" + value + ") and '" + alias + "' (" +
                                    alias_value + ") contradict each other"};
}

struct NestedCount {
  const char* edge;
  std::optional<int64_t> Account::*field;
  const char* name;
};
constexpr NestedCount kNestedCounts[] = {{"edge_followed_by", &Account::follower_count, "follower_count"},
                                         {"edge_follow", &Account::following_count, "following_count"},
                                         {"edge_owner_to_timeline_media", &Account::media_count, "media_count"}};
}  // namespace

Result<Account> account_from_json(const json& obj) {
  if (!obj.is_object())
    return make_error("account.shape", "an account record must be a JSON object, got " + std::string(obj.type_name()));
  // An engine error answer ({"error": ...}, e.g. from accountFromProfile) passed on by mistake
  // would otherwise score as an empty record, since unknown keys are ignored.
  if (obj.contains("error"))
    return make_error("account.shape",
                      "this is an error answer, not an account record: " + dump_json(obj["error"]).substr(0, 120));
  Account a;
  for (const Field& f : kFields) {
    auto r = read_field(obj, f, a);
    if (!r) return r.error();
  }
  // Instagram's own names for fields the record has: users/<id>/info and the followers and likers
  // lists say whether the picture is the default one (the inverse of has_profile_pic); GraphQL
  // user objects (web_profile_info) nest the counts as {"edge_followed_by": {"count": N}}.
  auto anonymous = read_bool(obj, "has_anonymous_profile_picture", "");
  if (!anonymous) return anonymous.error();
  if (const auto& anon = anonymous.value()) {
    const char* text = *anon ? "true" : "false";
    if (a.has_profile_pic && *a.has_profile_pic == *anon)
      return contradiction("has_profile_pic", text, "has_anonymous_profile_picture", text);
    a.has_profile_pic = !*anon;
  }
  // Where neither flag is given, the picture's URL tells the default picture from one's own (as
  // for a profile). A URL is a weaker word than a flag, so a flag that disagrees wins.
  if (!a.has_profile_pic) {
    auto url = read_string(obj, "profile_pic_url", "", kMaxTextBytes);
    if (!url) return url.error();
    if (url.value()) a.has_profile_pic = own_picture_from_url(*url.value());
  }
  for (const NestedCount& n : kNestedCounts) {
    auto e = obj.find(n.edge);
    if (e == obj.end() || e->is_null()) continue;
    if (!e->is_object())
      return make_error("account.type",
                        std::string("field '") + n.edge + "' must be an object with a count, got " + e->type_name());
    auto c = read_int(*e, "count", n.edge, 0, kMaxCount);
    if (!c) return c.error();
    if (!c.value()) continue;
    std::optional<int64_t>& field = a.*n.field;
    if (field && *field != *c.value())
      return contradiction(n.name, std::to_string(*field), std::string(n.edge) + ".count", std::to_string(*c.value()));
    field = c.value();
  }
  auto phase = obj.find("phase");
  if (phase != obj.end() && !phase->is_null()) {
    if (!phase->is_string() || (*phase != "lite" && *phase != "full"))
      return make_error("account.type",
                        "field 'phase' must be \"lite\" or \"full\", got " + dump_json(*phase).substr(0, 40));
    a.lite_only = *phase == "lite";
  }
  return check_cross_fields(std::move(a));
}

std::vector<std::string_view> account_field_names() {
  std::vector<std::string_view> names;
  for (const Field& f : kFields) names.push_back(f.name);
  for (std::string_view a : kInstagramAliases) names.push_back(a);
  names.push_back("phase");
  return names;
}

FM_SIZE_OPTIMIZED_END

bool account_from_flat(const FlatObject& obj, Account& a) {
  a = Account{};
  for (size_t k = 0; k < obj.size; ++k) {
    const FlatMember& m = obj.members[k];
    if (const Field* f = find_field(m.key)) {
      if (!read_flat_value(m.value, *f, a)) return false;
    } else if (m.key == "phase") {
      using K = FlatValue::Kind;
      if (m.value.kind == K::kNull) a.lite_only = false;
      else if (m.value.kind == K::kString && (m.value.s == "lite" || m.value.s == "full"))
        a.lite_only = m.value.s == "lite";
      else return false;
    } else if (m.key == "error" || is_instagram_alias(m.key)) {
      return false;  // the full reader words the error, and reads Instagram's names
    }
  }
  return !digits_exceed_length(a);
}

Result<Account> account_from_text(std::string_view text) {
  if (text.size() > kMaxRecordBytes)
    return make_error("account.size", "the account record is too long (" + std::to_string(text.size()) +
                                          " bytes, limit " + std::to_string(kMaxRecordBytes) + ")");
  {
    FlatObject flat;
    Account a;
    if (scan_flat_object(text, flat) && account_from_flat(flat, a)) return a;
  }
  auto j = parse_json(std::string(text), "the account record");
  if (!j) return j.error();
  return account_from_json(j.value());
}

}  // namespace fm
