#include "account_features.h"

#include <algorithm>
#include <limits>
#include <vector>

#include "utf8.h"

namespace fm {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const char* const kNames[kFeatureCount] = {"username_length",
                                           "username_digit_count",
                                           "username_digit_share",
                                           "username_trailing_digits",
                                           "username_letter_share",
                                           "username_separators",
                                           "full_name_word_count",
                                           "full_name_digit_share",
                                           "full_name_equals_username",
                                           "full_name_username_similarity",
                                           "has_profile_pic",
                                           "is_private",
                                           "is_verified",
                                           "biography_length",
                                           "has_external_url",
                                           "log_media_count",
                                           "log_follower_count",
                                           "log_following_count",
                                           "log_follow_ratio",
                                           "log_posts_per_follower",
                                           "log_following_per_post"};

double b2d(const std::optional<bool>& b) { return b ? (*b ? 1.0 : 0.0) : kNaN; }
double i2d(const std::optional<int64_t>& i) { return i ? static_cast<double>(*i) : kNaN; }
double log1p_or_nan(const std::optional<int64_t>& i) { return i ? std::log1p(static_cast<double>(*i)) : kNaN; }

bool is_space(uint32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000; }

// Letters and digits only, ASCII case-folded: "Anna_Smith.99" -> "annasmith99".
std::vector<uint32_t> fold(const std::vector<uint32_t>& cps) {
  std::vector<uint32_t> out;
  for (uint32_t c : cps) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    if (is_letter(c) || is_ascii_digit(c)) out.push_back(c);
  }
  return out;
}

// Names are short (usernames <= 30 chars on Instagram); cap the work anyway.
size_t edit_distance(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}
}  // namespace

const char* tier_name(Tier t) { return t == Tier::kLite ? "lite" : "full"; }

const char* feature_name(int f) { return f >= 0 && f < kFeatureCount ? kNames[f] : "?"; }

int feature_index(const std::string& name) {
  for (int f = 0; f < kFeatureCount; ++f)
    if (name == kNames[f]) return f;
  return -1;
}

double name_similarity(const std::string& full_name, const std::string& username) {
  constexpr size_t kMaxLen = 64;
  auto a = fold(utf8_decode(full_name));
  auto b = fold(utf8_decode(username));
  if (a.size() > kMaxLen) a.resize(kMaxLen);
  if (b.size() > kMaxLen) b.resize(kMaxLen);
  size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 0.0;
  return 1.0 - static_cast<double>(edit_distance(a, b)) / static_cast<double>(longer);
}

FeatureVector extract_features(const Account& a) {
  FeatureVector f;
  f.fill(kNaN);

  // Username: from text when present, else from the data sets' derived values.
  if (a.username) {
    auto cps = utf8_decode(*a.username);
    double n = static_cast<double>(cps.size());
    int digits = 0, letters = 0, seps = 0, trailing = 0;
    for (uint32_t c : cps) {
      if (is_ascii_digit(c)) ++digits;
      else if (is_letter(c)) ++letters;
      else if (c == '.' || c == '_') ++seps;
    }
    for (auto it = cps.rbegin(); it != cps.rend() && is_ascii_digit(*it); ++it) ++trailing;
    f[kUsernameLength] = n;
    f[kUsernameDigitCount] = digits;
    f[kUsernameDigitShare] = n > 0 ? digits / n : 0.0;
    f[kUsernameTrailingDigits] = trailing;
    f[kUsernameLetterShare] = n > 0 ? letters / n : 0.0;
    f[kUsernameSeparators] = seps;
  } else {
    f[kUsernameLength] = i2d(a.username_length);
    f[kUsernameDigitCount] = i2d(a.username_digit_count);
    if (a.username_digit_share) {
      f[kUsernameDigitShare] = *a.username_digit_share;
    } else if (a.username_length && a.username_digit_count) {
      f[kUsernameDigitShare] =
          *a.username_length > 0 ? double(*a.username_digit_count) / double(*a.username_length) : 0.0;
    }
  }

  // Display name.
  if (a.full_name) {
    auto cps = utf8_decode(*a.full_name);
    int words = 0, digits = 0;
    bool in_word = false;
    for (uint32_t c : cps) {
      if (is_space(c)) {
        in_word = false;
        continue;
      }
      if (!in_word) {
        ++words;
        in_word = true;
      }
      if (is_ascii_digit(c)) ++digits;
    }
    f[kFullNameWordCount] = words;
    f[kFullNameDigitShare] = cps.empty() ? 0.0 : double(digits) / double(cps.size());
    if (a.username) {
      f[kFullNameEqualsUsername] = (!cps.empty() && *a.full_name == *a.username) ? 1.0 : 0.0;
      f[kFullNameUsernameSimilarity] = cps.empty() ? kNaN : name_similarity(*a.full_name, *a.username);
    } else {
      f[kFullNameEqualsUsername] = b2d(a.full_name_equals_username);
    }
  } else {
    f[kFullNameWordCount] = i2d(a.full_name_word_count);
    if (a.full_name_digit_share) f[kFullNameDigitShare] = *a.full_name_digit_share;
    f[kFullNameEqualsUsername] = b2d(a.full_name_equals_username);
  }

  f[kHasProfilePic] = b2d(a.has_profile_pic);
  f[kIsPrivate] = b2d(a.is_private);
  f[kIsVerified] = b2d(a.is_verified);

  if (a.biography) f[kBiographyLength] = static_cast<double>(utf8_length(*a.biography));
  else f[kBiographyLength] = i2d(a.biography_length);
  if (a.external_url) f[kHasExternalUrl] = a.external_url->empty() ? 0.0 : 1.0;
  else f[kHasExternalUrl] = b2d(a.has_external_url);

  f[kLogMediaCount] = log1p_or_nan(a.media_count);
  f[kLogFollowerCount] = log1p_or_nan(a.follower_count);
  f[kLogFollowingCount] = log1p_or_nan(a.following_count);
  if (a.following_count && a.follower_count)
    f[kLogFollowRatio] = std::log((double(*a.following_count) + 1) / (double(*a.follower_count) + 1));
  if (a.media_count && a.follower_count)
    f[kLogPostsPerFollower] = std::log((double(*a.media_count) + 1) / (double(*a.follower_count) + 1));
  if (a.following_count && a.media_count)
    f[kLogFollowingPerPost] = std::log((double(*a.following_count) + 1) / (double(*a.media_count) + 1));
  return f;
}

Tier pick_tier(const Account& a) {
  if (a.lite_only) return Tier::kLite;
  bool profile_level = a.media_count || a.follower_count || a.following_count || a.biography || a.biography_length;
  return profile_level ? Tier::kFull : Tier::kLite;
}

}  // namespace fm
