#include "signals.h"

#include <algorithm>
#include <cmath>

#include "large_reference.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

namespace {

// 0 where the data's line holds, 1 where only the benchmarks do, linear in log(followers) between.
double benchmark_weight(const Reference& ref, double x) {
  double x0 = std::log1p(ref.fit_max_followers), x1 = std::log1p(kPersonReferenceMax);
  if (ref.benchmarks.empty() || x <= x0) return 0;
  if (x >= x1 || x1 <= x0) return 1;
  return (x - x0) / (x1 - x0);
}

}  // namespace

double benchmark_log_engagement(const Reference& ref, double x) {
  const auto& bs = ref.benchmarks;
  double f = std::expm1(x);
  auto rate = [](const BenchmarkTier& b) { return (b.avg_low + b.avg_high) / 200.0; };
  auto mid = [](const BenchmarkTier& b) { return std::sqrt(b.min_followers * b.max_followers); };
  if (bs.empty()) return ref.engagement_line.at(x);
  if (f <= mid(bs.front())) return std::log1p(rate(bs.front()) * f);
  for (size_t i = 1; i < bs.size(); ++i) {
    if (f <= mid(bs[i])) {
      double x0 = std::log(mid(bs[i - 1])), x1 = std::log(mid(bs[i]));
      double t = (std::log(f) - x0) / (x1 - x0);
      double r = std::exp((1 - t) * std::log(rate(bs[i - 1])) + t * std::log(rate(bs[i])));
      return std::log1p(r * f);
    }
  }
  return std::log1p(rate(bs.back()) * f);
}

double blended_log_engagement(const Reference& ref, double x) {
  double w = benchmark_weight(ref, x);
  if (w == 0) return ref.engagement_line.at(x);
  return (1 - w) * ref.engagement_line.at(x) + w * benchmark_log_engagement(ref, x);
}

double expected_log_engagement(const Reference& ref, double x) {
  // Running maximum on a fine grid: more followers never expect less engagement, so buying
  // followers can never make an account look better.
  double m = blended_log_engagement(ref, x);
  // The data's line rises (b > 0), so only the blend and benchmark stretch can dip.
  double from = ref.engagement_line.b > 0 ? std::log1p(ref.fit_max_followers) : 0;
  for (double t = from; t < x; t += 0.01) m = std::max(m, blended_log_engagement(ref, t));
  return m;
}

bool blended_zone(const Reference& ref, double followers) {
  double w = benchmark_weight(ref, std::log1p(followers));
  return w > 0 && w < 1;
}

bool judged_as_large(const Reference& ref, double followers) {
  return ref.large && followers >= ref.large->min_followers;
}

TierSolidity tier_solidity(const Reference& ref, double followers) {
  TierSolidity t;
  t.data_max = std::round(ref.fit_max_followers);
  t.year = ref.large ? ref.large->year : 0;
  for (const auto& d : ref.data_tiers)
    if (followers >= d.min_followers && followers < d.max_followers) t.n_real = d.n;
  if (judged_as_large(ref, followers)) {
    for (const auto& d : ref.large->tiers)
      if (followers >= d.min_followers && followers < d.max_followers) t.n_large = d.n;
    t.level = "large_accounts";
  } else if (followers <= ref.fit_max_followers && t.n_real >= 50) {
    t.level = "measured";
  } else if (followers <= ref.fit_max_followers || ref.benchmarks.empty()) {
    t.level = "thin";
  } else {
    t.level = blended_zone(ref, followers) ? "blended" : "benchmark";
  }
  return t;
}

EngagementLevel engagement_level(const Reference& ref, double x) {
  EngagementLevel l;
  if (judged_as_large(ref, std::expm1(x))) {
    // The data's slope and spread at the published bands' level (today's), never below the level
    // just under the data's range (more followers never expect less engagement); the interval's
    // lower end takes the more lenient of that and the bands, its upper end the data's own level
    // (2017: accounts engaged more then).
    const LargeReference& lr = *ref.large;
    double data = lr.likes_line.at(x);
    l.mu = std::max(data + lr.level_shift, expected_log_engagement(ref, std::log1p(lr.min_followers)));
    l.lenient = std::min(l.mu, benchmark_log_engagement(ref, x));
    l.strict = std::max(l.mu, data);
    l.residual = &lr.likes_residual;
    l.b = std::max(0.3, lr.likes_line.b);
    l.large = true;
    return l;
  }
  l.mu = expected_log_engagement(ref, x);
  l.lenient = l.strict = l.mu;
  // Where the persons' data and the influencer benchmarks disagree (between the data's range and
  // kPersonReferenceMax, and on the flat stretch of the running maximum), the interval spans both:
  // its lower end uses the more lenient level, its upper end the stricter one.
  if (benchmark_weight(ref, x) > 0) {
    l.lenient = std::min({l.mu, blended_log_engagement(ref, x), benchmark_log_engagement(ref, x)});
    if (x < std::log1p(kPersonReferenceMax)) l.strict = std::max(l.mu, ref.engagement_line.at(x));
  }
  l.residual = &ref.engagement_residual;
  l.b = std::max(0.3, ref.engagement_line.b);
  return l;
}

Engagement engagement_signal(const Reference& ref,
                             double followers,
                             double median_engagement,
                             std::optional<bool> business,
                             std::optional<double> organic_engagement,
                             std::optional<double> lowest_engagement) {
  Engagement e;
  EngagementLevel l = engagement_level(ref, std::log1p(followers));
  const double mu = l.mu;
  const Distribution& res = *l.residual;
  e.rate = followers > 0 ? median_engagement / followers : 0;
  e.percentile = res.cdf(std::log1p(median_engagement) - mu);
  // No engagement is below none: on the smallest accounts a low quantile of the log level falls
  // under log(1) and read as a negative rate ("half get more than -16%").
  auto rate_at = [&](double p) {
    return followers > 0 ? std::max(0.0, std::expm1(mu + res.quantile(p))) / followers : 0;
  };
  e.rate_q10 = rate_at(0.10);
  e.rate_q25 = rate_at(0.25);
  e.rate_q50 = rate_at(0.50);
  e.rate_q90 = rate_at(0.90);

  // Observed y = mu(x) + b * log(1 - f) + residual: unreachable followers lower engagement
  // as if the account had only its real followers, with the data's elasticity b of engagement
  // to followers around the account's own level.
  // Solving at the residual's quantiles inverts the test: the 95% interval holds every fake
  // share under which the observed engagement is within the central 95% of real accounts',
  // its lower end at the lenient level, its upper end at the strict one.
  double shift = business.value_or(false) ? std::log(kBusinessEngagementFactor) : 0.0;
  double shift_low = business.value_or(true) ? std::log(kBusinessEngagementFactor) : 0.0;
  // The point and the lower end stop at kMaxShare; the upper end may reach 100%: where the
  // engagement is so low that every reading passes the cap, the interval is [99%, 100%], never
  // the zero-width 99% to 99% it was.
  auto share_at = [&](double level, double engagement, double residual, double cap) {
    double log_real_share = (std::log1p(engagement) - residual - level) / l.b;
    return std::clamp(1.0 - std::exp(std::min(0.0, log_real_share)), 0.0, cap);
  };
  double point_eng = organic_engagement.value_or(median_engagement);
  double high_eng = lowest_engagement.value_or(point_eng);
  e.likes_adjusted = organic_engagement.has_value();
  e.organic_rate = followers > 0 ? point_eng / followers : 0;
  e.share = share_at(mu, point_eng, res.quantile(0.5) + shift, kMaxShare);
  e.share_low = share_at(l.lenient, median_engagement, res.quantile(0.025) + shift_low, kMaxShare);
  e.share_high = share_at(l.strict, high_eng, res.quantile(0.975), 1.0);
  e.share_low = std::min(e.share_low, e.share);
  e.share_high = std::max(e.share_high, e.share);
  return e;
}

BoughtLikes bought_likes_signal(const Reference& ref, double followers, const PostStats& s) {
  BoughtLikes b;
  double lm = std::log1p(s.median_likes);
  b.z_dispersion = -ref.dispersion.z(lm, s.sd_log_likes);
  b.z_comments = s.has_comment_ratio ? -ref.comments.z(lm, s.comment_ratio_log) : 0.0;
  EngagementLevel level = engagement_level(ref, std::log1p(followers));
  b.z_audience = level.residual->z(std::log1p(s.median_engagement) - level.mu);
  b.z_floor = ref.floor.z(lm, s.floor_log);
  const double* w = kBoughtLikesWeights;
  double norm = std::sqrt(w[0] * w[0] + w[1] * w[1] + w[2] * w[2] + w[3] * w[3]);
  b.score = (w[0] * b.z_dispersion + w[1] * b.z_comments + w[2] * b.z_audience + w[3] * b.z_floor) / norm;
  b.threshold = ref.bought_likes_threshold;
  // A subscription adds c to every post: min = c + r*m, median = c + m with r the real
  // accounts' typical floor ratio, so the organic median is m = (median - min) / (1 - r).
  double r = std::clamp(ref.floor_ratio_median, 0.0, 0.9);
  double m = (s.median_likes - s.min_likes) / (1 - r);
  b.organic_median_likes = std::clamp(m, 0.0, s.median_likes);
  b.subscription_likes = s.median_likes - b.organic_median_likes;
  b.enough_likes = s.median_likes >= kMinMedianLikesBought;
  b.enough_followers = followers >= kMinFollowersBought;
  b.flagged =
      b.score > b.threshold && b.enough_likes && b.enough_followers && b.subscription_likes >= kMinBoughtPerPost;
  return b;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
