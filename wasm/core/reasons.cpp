#include "reasons.h"

#include <algorithm>
#include <cmath>

#include "json_util.h"

namespace fm {

namespace {
std::string count(double v) { return fmt_num(std::round(v), 12); }
// Ratios come from the record's integer counts, not from exp(log(...)) of the features:
// libm differs by an ulp between builds, and a reason must read the same in wasm and natively.
double ratio(const std::optional<int64_t>& num, const std::optional<int64_t>& den) {
  return (double(num.value_or(0)) + 1) / (double(den.value_or(0)) + 1);
}
std::string count_of(const std::optional<int64_t>& n) { return count(double(n.value_or(0))); }
std::string pct(double share) { return fmt_num(std::round(share * 100), 3) + "%"; }

// What a feature's value says, in words; empty when there is nothing readable to say.
std::string describe(int f, double v, const Account& a) {
  switch (f) {
    case kUsernameLength: return "username of " + count(v) + " characters";
    case kUsernameDigitCount: return v == 0 ? "no digits in username" : count(v) + " digits in username";
    case kUsernameDigitShare: return pct(v) + " of username is digits";
    case kUsernameTrailingDigits:
      return v == 0 ? "username does not end in digits" : "username ends in " + count(v) + " digits";
    case kUsernameLetterShare: return pct(v) + " of username is letters";
    case kUsernameSeparators: return count(v) + " dots/underscores in username";
    case kFullNameWordCount: return v == 0 ? "no display name" : "display name of " + count(v) + " words";
    case kFullNameDigitShare: return pct(v) + " of display name is digits";
    case kFullNameEqualsUsername: return v > 0 ? "display name equals username" : "display name differs from username";
    case kFullNameUsernameSimilarity: return "display name " + pct(v) + " similar to username";
    case kHasProfilePic: return v > 0 ? "has a profile picture" : "no profile picture";
    case kIsPrivate: return v > 0 ? "private account" : "public account";
    case kIsVerified: return v > 0 ? "verified" : "not verified";
    case kBiographyLength: return v == 0 ? "empty bio" : "bio of " + count(v) + " characters";
    case kHasExternalUrl: return v > 0 ? "has a link in bio" : "no link in bio";
    case kLogMediaCount: return count_of(a.media_count) + " posts";
    case kLogFollowerCount: return count_of(a.follower_count) + " followers";
    case kLogFollowingCount: return "follows " + count_of(a.following_count) + " accounts";
    case kLogFollowRatio: {
      double r = ratio(a.following_count, a.follower_count);
      auto times = [](double x) { return (x >= 10 ? count(x) : fmt_num(x, 2)) + "x"; };  // never "2.3e+02x"
      return r >= 1 ? "follows " + times(r) + " as many as follow it"
                    : "followed by " + times(1 / r) + " as many as it follows";
    }
    case kLogPostsPerFollower: return fmt_num(ratio(a.media_count, a.follower_count), 2) + " posts per follower";
    case kLogFollowingPerPost: {
      double r = ratio(a.following_count, a.media_count);
      return "follows " + (r >= 10 ? count(r) : fmt_num(r, 2)) + " accounts per post";
    }
    default: return "";
  }
}
}  // namespace

std::vector<std::string> explain(const Account& a, const FeatureVector& x, const double* contrib, bool verdict_fake,
                                 size_t max_reasons) {
  // Several features restate one fact (digit count, share, trailing digits); keep the
  // strongest of a group so three reasons say three different things.
  auto group = [](int f) {
    if (f <= kUsernameSeparators) return f == kUsernameLength ? 0 : 1;
    if (f == kFullNameEqualsUsername || f == kFullNameUsernameSimilarity) return 2;
    if (f == kLogFollowingCount || f == kLogFollowRatio) return 3;
    if (f == kLogMediaCount || f == kLogPostsPerFollower || f == kLogFollowingPerPost) return 4;
    return 10 + f;
  };
  // At most kFeatureCount candidates: a fixed array and an insertion sort (stable, no heap).
  int order[kFeatureCount];
  int count = 0;
  for (int f = 0; f < kFeatureCount; ++f)
    if (known(x[f]) && std::fabs(contrib[f]) >= 0.05) order[count++] = f;
  // Reasons for the verdict first, then the strongest against it.
  double sign = verdict_fake ? 1.0 : -1.0;
  auto before = [&](int a, int b) {
    bool fa = contrib[a] * sign > 0, fb = contrib[b] * sign > 0;
    if (fa != fb) return fa;
    return std::fabs(contrib[a]) > std::fabs(contrib[b]);
  };
  for (int i = 1; i < count; ++i)
    for (int j = i; j > 0 && before(order[j], order[j - 1]); --j) std::swap(order[j], order[j - 1]);
  std::vector<std::string> out;
  int used[kFeatureCount];
  int n_used = 0;
  for (int k = 0; k < count; ++k) {
    int f = order[k];
    if (out.size() >= max_reasons) break;
    if (std::find(used, used + n_used, group(f)) != used + n_used) continue;
    std::string d = describe(f, x[f], a);
    if (d.empty()) continue;
    used[n_used++] = group(f);
    out.push_back(d + (contrib[f] > 0 ? " (fake-like)" : " (real-like)"));
  }
  return out;
}

}  // namespace fm
