#include "engagement_reference.h"

#include <algorithm>
#include <cmath>

#include "profile/reference_io.h"
#include "profile/signals.h"
#include "profile/stats.h"

namespace fm::prof {

namespace {

const double kTierEdges[] = {0, 100, 300, 1000, 3000, 10000, 100000, 1e12};

}  // namespace

Reference derive_reference(const std::vector<ReferenceAccount>& accounts, const std::string& derived_from) {
  Reference r;
  r.derived_from = derived_from;
  r.benchmarks = published_benchmarks();
  r.benchmark_source = published_benchmark_source();

  std::vector<double> ex, ey, followers;
  std::vector<double> lm, disp, lmc, comm, floor, floor_ratio;
  std::vector<double> ratio, following, per_post;
  std::vector<std::pair<double, PostStats>> bought_accounts;
  for (const auto& a : accounts) {
    ratio.push_back(std::log((1 + a.following) / (1 + a.followers)));
    following.push_back(a.following);
    per_post.push_back(std::log((1 + a.followers) / (1 + a.media_count)));
    PostStats s = post_stats(a.posts);
    if (s.with_likes < kMinPostsEngagement || a.followers < 1) continue;
    ex.push_back(std::log1p(a.followers));
    ey.push_back(std::log1p(s.median_engagement));
    followers.push_back(a.followers);
    if (s.with_likes < kMinPostsBoughtLikes) continue;
    double x = std::log1p(s.median_likes);
    lm.push_back(x);
    disp.push_back(s.sd_log_likes);
    floor.push_back(s.floor_log);
    floor_ratio.push_back(std::exp(s.floor_log));
    if (s.has_comment_ratio) {
      lmc.push_back(x);
      comm.push_back(s.comment_ratio_log);
    }
    bought_accounts.push_back({a.followers, s});
  }
  r.n_accounts = int(ex.size());
  r.engagement_line = fit_line(ex, ey);
  std::vector<double> res;
  for (size_t i = 0; i < ex.size(); ++i) res.push_back(ey[i] - r.engagement_line.at(ex[i]));
  r.engagement_residual = make_distribution(res);
  // The line is trusted up to where 99% of the data lies; the published tiers take over above.
  std::vector<double> sorted_f = followers;
  std::sort(sorted_f.begin(), sorted_f.end());
  r.fit_max_followers = quantile_sorted(sorted_f, 0.95);
  for (size_t t = 0; t + 1 < sizeof kTierEdges / sizeof kTierEdges[0]; ++t) {
    DataTier d{kTierEdges[t], kTierEdges[t + 1], 0, 0};
    std::vector<double> rates;
    for (size_t i = 0; i < followers.size(); ++i)
      if (followers[i] >= d.min_followers && followers[i] < d.max_followers)
        rates.push_back(std::expm1(ey[i]) / followers[i]);
    d.n = int(rates.size());
    d.median_rate = median(rates);
    r.data_tiers.push_back(d);
  }

  r.dispersion = fit_conditional(lm, disp);
  r.comments = fit_conditional(lmc, comm);
  r.floor = fit_conditional(lm, floor);
  r.floor_ratio_median = median(floor_ratio);
  r.n_bought_likes = int(bought_accounts.size());
  // The alarm threshold: the score 95% of the real reference accounts stay under.
  std::vector<double> scores;
  for (const auto& [f, s] : bought_accounts) scores.push_back(bought_likes_signal(r, f, s).score);
  std::sort(scores.begin(), scores.end());
  r.bought_likes_threshold = scores.empty() ? 1.645 : quantile_sorted(scores, 0.95);

  r.following_ratio = make_distribution(ratio);
  r.following_count = make_distribution(following);
  r.followers_per_post = make_distribution(per_post);
  return r;
}

}  // namespace fm::prof
