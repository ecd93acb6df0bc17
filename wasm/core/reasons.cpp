#include "reasons.h"

#include <algorithm>
#include <cmath>
#include <string_view>

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
// "1 character", "3 characters": the noun as the rounded count asks.
const char* noun(double v, const char* one, const char* many) { return std::round(v) == 1 ? one : many; }
double value_of(const std::optional<int64_t>& n) { return double(n.value_or(0)); }

// Appends pieces to one string: a reason is built in place, without a temporary per piece.
struct Words {
  std::string& s;
  template <typename... P>
  bool say(const P&... pieces) {
    (s.append(std::string_view(pieces)), ...);  // a literal's length is folded at compile time
    return true;
  }
};

// What a feature's value says, in words, appended to `s`; false when there is nothing
// readable to say.
bool describe(int f, double v, const Account& a, std::string& s) {
  Words w{s};
  switch (f) {
    case kUsernameLength: return w.say("username of ", count(v), noun(v, " character", " characters"));
    case kUsernameDigitCount:
      return v == 0 ? w.say("no digits in username") : w.say(count(v), noun(v, " digit", " digits"), " in username");
    case kUsernameDigitShare: return w.say(pct(v), " of username is digits");
    case kUsernameTrailingDigits:
      return v == 0 ? w.say("username does not end in digits")
                    : w.say("username ends in ", count(v), noun(v, " digit", " digits"));
    case kUsernameLetterShare: return w.say(pct(v), " of username is letters");
    case kUsernameSeparators: return w.say(count(v), " dots/underscores in username");
    case kFullNameWordCount:
      return v == 0 ? w.say("no display name") : w.say("display name of ", count(v), noun(v, " word", " words"));
    case kFullNameDigitShare: return w.say(pct(v), " of display name is digits");
    case kFullNameEqualsUsername:
      return w.say(v > 0 ? "display name equals username" : "display name differs from username");
    case kFullNameUsernameSimilarity: return w.say("display name ", pct(v), " similar to username");
    case kHasProfilePic: return w.say(v > 0 ? "has a profile picture" : "no profile picture");
    case kIsPrivate: return w.say(v > 0 ? "private account" : "public account");
    case kIsVerified: return w.say(v > 0 ? "verified" : "not verified");
    case kBiographyLength:
      return v == 0 ? w.say("empty bio") : w.say("bio of ", count(v), noun(v, " character", " characters"));
    case kHasExternalUrl: return w.say(v > 0 ? "has a link in bio" : "no link in bio");
    case kLogMediaCount: return w.say(count_of(a.media_count), noun(value_of(a.media_count), " post", " posts"));
    case kLogFollowerCount:
      return w.say(count_of(a.follower_count), noun(value_of(a.follower_count), " follower", " followers"));
    case kLogFollowingCount:
      return w.say("follows ", count_of(a.following_count), noun(value_of(a.following_count), " account", " accounts"));
    case kLogFollowRatio: {
      double r = ratio(a.following_count, a.follower_count);
      auto times = [](double x) { return (x >= 10 ? count(x) : fmt_num(x, 2)) + "x"; };  // never "2.3e+02x"
      return r >= 1 ? w.say("follows ", times(r), " as many as follow it")
                    : w.say("followed by ", times(1 / r), " as many as it follows");
    }
    case kLogPostsPerFollower: return w.say(fmt_num(ratio(a.media_count, a.follower_count), 2), " posts per follower");
    case kLogFollowingPerPost: {
      double r = ratio(a.following_count, a.media_count);
      const std::string n = r >= 10 ? count(r) : fmt_num(r, 2);
      return w.say("follows ", n, n == "1" ? " account per post" : " accounts per post");
    }
    default: return false;
  }
}
}  // namespace

std::vector<std::string> explain(const Account& a,
                                 const FeatureVector& x,
                                 const double* contrib,
                                 bool verdict_fake,
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
  out.reserve(std::min<size_t>(max_reasons, kFeatureCount));
  int used[kFeatureCount];
  int n_used = 0;
  for (int k = 0; k < count; ++k) {
    int f = order[k];
    if (out.size() >= max_reasons) break;
    if (std::find(used, used + n_used, group(f)) != used + n_used) continue;
    std::string d;
    d.reserve(64);
    if (!describe(f, x[f], a, d)) continue;
    used[n_used++] = group(f);
    d += std::string_view(contrib[f] > 0 ? " (fake-like)" : " (real-like)", 12);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace fm
