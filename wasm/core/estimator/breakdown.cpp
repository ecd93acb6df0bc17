#include "breakdown.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

Breakdown audience_breakdown(const std::vector<BreakdownInput>& followers, double fake_share) {
  Breakdown b;
  // Shares among unflagged followers: mass and influencer rates from those whose counts are
  // known (a random subsample in a two-phase audit, so unbiased); private/public from everyone
  // unflagged outside those two groups whose privacy is known (the lite tier shows it).
  int known_counts = 0, mass = 0, infl = 0, priv = 0, pub = 0;
  for (const auto& f : followers) {
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

  double real = 1 - fake_share;
  b.likely_fake.share = fake_share;
  double c_mass = 0, c_infl = 0;
  bool split_known = known_counts > 0;
  if (split_known) {
    c_mass = double(mass) / known_counts;
    c_infl = double(infl) / known_counts;
    b.mass_followers.share = real * c_mass;
    b.influencers.share = real * c_infl;
  }
  double rest = real * (1 - c_mass - c_infl);
  if (priv + pub > 0) {
    b.private_real.share = rest * priv / double(priv + pub);
    b.public_real.share = rest * pub / double(priv + pub);
  }
  b.split_known = split_known;
  b.all_flagged = !split_known && b.unassessed == 0 && b.likely_fake.count == int(followers.size());
  return b;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
