#include "breakdown.h"

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "sampling.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
struct Range {
  double low, high;
};

// The fraction k of n unflagged followers stand for: a Wilson interval (prevalence.h) at the size a
// simple random draw of n is worth, finite-population corrected against the group's size in the
// audience as the sample's fraction of it gives (n * scale, scale = audience / sample: the
// textbook correction for a domain, 1 - sample/audience); a census leaves no sampling error.
Range split_range(int k, int n, double scale, double z) {
  Range r{0, 1};
  if (n > 0) wilson(double(k) / n, effective_size(n, n * scale), z, r.low, r.high);
  return r;
}

// A category's share of the audience: the real remainder times the fractions of it the unflagged
// sample gives, point by point and end by end. How the two doubts combine: interval arithmetic,
// each end taking every factor's end on its side at once (the lowest share pairs the fake
// interval's top, the smallest remainder, with the split's lowest fraction). Why conservative:
// the share falls below the lower end only if the factors' errors together pass the sum of their
// half-widths on that side; for independent, roughly normal errors (a product's log error is the
// sum of its factors') that is rarer than the 2.5% the delta method's quadrature sum allows, as
// s1 + s2 >= sqrt(s1^2 + s2^2) (equal only where one doubt is nil). Were the errors dependent,
// each side would still miss at most 2.5% per factor (union bound).
// Every factor lies in [0, 1], so the ends do too; the point is kept inside (rounding at a census).
void put(BreakdownShare& s, Range real, double real_point, std::initializer_list<std::pair<double, Range>> parts) {
  double point = real_point, low = real.low, high = real.high;
  for (const auto& [f, r] : parts) point *= f, low *= r.low, high *= r.high;
  s.share = point;
  s.low = std::min(low, point);
  s.high = std::max(high, point);
}
}  // namespace

Breakdown audience_breakdown(const std::vector<BreakdownInput>& followers, const Prevalence& fake, double N, double z) {
  Breakdown b;
  // Shares among unflagged followers: mass and influencer rates from those whose counts are
  // known (a random subsample in a two-phase audit, so unbiased); private/public from everyone
  // unflagged outside those two groups whose privacy is known (the lite tier shows it).
  int known_counts = 0, mass = 0, infl = 0, priv = 0, pub = 0, fetched = 0;
  for (const auto& f : followers) {
    fetched += f.following_count || f.follower_count;
    if (f.flagged) {
      ++b.likely_fake.count;
      continue;
    }
    bool counts_known = f.following_count.has_value() || f.follower_count.has_value();
    if (counts_known) {
      ++known_counts;
      if (f.following_count && *f.following_count > kMassFollowingOver) {
        ++mass;
        continue;
      }
      if (f.follower_count && *f.follower_count > kInfluencerFollowersOver) {
        ++infl;
        continue;
      }
    } else {
      ++b.unassessed;
    }
    if (f.is_private) (*f.is_private ? priv : pub)++;
  }
  b.mass_followers.count = mass;
  b.influencers.count = infl;
  b.private_real.count = priv;
  b.public_real.count = pub;

  // The likely-fake row is the estimate itself, with its interval (the doubt between definitions
  // of fake included); the remainder's ends are its mirror.
  b.likely_fake.share = fake.point;
  b.likely_fake.low = fake.low;
  b.likely_fake.high = fake.high;
  const double real = 1 - fake.point;
  const Range real_range{1 - fake.high, 1 - fake.low};
  bool split_known = known_counts > 0;
  // How many of the audience each sampled follower stands for: of those fetched with their counts
  // (the mass/influencer split), of all sampled (the privacy split).
  const double per_fetched = N / std::max(fetched, 1), per_sampled = N / std::max<double>(double(followers.size()), 1);
  // Outside mass followers and influencers: all of the remainder where they could not be told apart
  // (the notes say so), else 1 - their fraction, whose ends mirror that fraction's.
  double rest = 1;
  Range rest_range{1, 1};
  if (split_known) {
    put(b.mass_followers, real_range, real,
        {{double(mass) / known_counts, split_range(mass, known_counts, per_fetched, z)}});
    put(b.influencers, real_range, real,
        {{double(infl) / known_counts, split_range(infl, known_counts, per_fetched, z)}});
    Range both = split_range(mass + infl, known_counts, per_fetched, z);
    rest = 1 - double(mass + infl) / known_counts;
    rest_range = {1 - both.high, 1 - both.low};
  }
  if (int n = priv + pub; n > 0) {
    put(b.private_real, real_range, real,
        {{rest, rest_range}, {double(priv) / n, split_range(priv, n, per_sampled, z)}});
    put(b.public_real, real_range, real, {{rest, rest_range}, {double(pub) / n, split_range(pub, n, per_sampled, z)}});
  }
  b.split_known = split_known;
  b.all_flagged = !split_known && b.unassessed == 0 && b.likely_fake.count == int(followers.size());
  return b;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
