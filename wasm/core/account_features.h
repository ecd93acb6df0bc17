// Feature extraction: turns an account record into the model's numeric inputs.
// Unknown stays unknown: a missing input is NaN, and the trees route NaN on a learned side.
#pragma once
#include <array>
#include <cmath>
#include <string>

#include "account.h"

namespace fm {

enum Feature : int {
  // Lite: what a followers-list page gives (username, full_name, avatar, private, verified).
  kUsernameLength = 0,
  kUsernameDigitCount,
  kUsernameDigitShare,
  kUsernameTrailingDigits,
  kUsernameLetterShare,
  kUsernameSeparators,
  kFullNameWordCount,
  kFullNameDigitShare,
  kFullNameEqualsUsername,
  kFullNameUsernameSimilarity,
  kHasProfilePic,
  kIsPrivate,
  kIsVerified,
  // Full: needs the account's own profile.
  kBiographyLength,
  kHasExternalUrl,
  kLogMediaCount,
  kLogFollowerCount,
  kLogFollowingCount,
  kLogFollowRatio,       // log((following+1)/(followers+1))
  kLogPostsPerFollower,  // log((posts+1)/(followers+1))
  kLogFollowingPerPost,  // log((following+1)/(posts+1)): follows a lot, posts nothing
  kFeatureCount
};
constexpr int kLiteFeatureCount = kBiographyLength;  // features [0, kLiteFeatureCount) are lite

using FeatureVector = std::array<double, kFeatureCount>;

enum class Tier { kLite, kFull };
const char* tier_name(Tier t);

const char* feature_name(int f);
// Finds a feature by name; -1 if unknown.
int feature_index(const std::string& name);

// All features the record allows (NaN where unknown).
FeatureVector extract_features(const Account& a);
// Lite when the record says so or carries no profile-level field.
Tier pick_tier(const Account& a);

inline bool known(double v) { return !std::isnan(v); }

// Normalised similarity in [0,1] between a display name and a username, on their
// letters and digits only (case-folded for ASCII): 1 - edit distance / longer length.
double name_similarity(const std::string& full_name, const std::string& username);

}  // namespace fm
