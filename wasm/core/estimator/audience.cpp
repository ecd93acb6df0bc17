#include "audience.h"

#include <algorithm>
#include <cmath>

namespace fm {

namespace {
bool flagged(double p, double threshold) { return p >= threshold; }
}  // namespace

AuditPlan plan_audit(double sy2, double r2, const TierRates& full, double pi, double N, double z,
                     double half_width) {
  AuditPlan plan;
  double gap = full.tpr - full.fpr;
  double rate_only = planned_half_width(0, full, pi, z);
  if (gap <= 0 || rate_only >= half_width) {
    plan.note = "not reachable: the classifier's own rate uncertainty alone gives +/-" +
                std::to_string(int(std::lround(rate_only * 100))) + " points";
    return plan;
  }
  // Largest variance of the flagged-share estimate that still gives the wanted half-width.
  double vmax = (std::pow(half_width / z, 2) - std::pow(rate_only / z, 2)) * gap * gap;
  double se2 = sy2 * (1 - std::min(1.0, std::max(0.0, r2)));
  double cap = std::min(N, 200000.0);
  int best = -1;
  for (int m = 2; m <= cap; ++m) {
    // Double-sampling variance with n listed and m fetched: (sy2 - se2)/n + se2/m - sy2/N.
    double room = vmax - se2 / m + sy2 / N;
    if (room <= 0) continue;
    double n = sy2 - se2 > 0 ? std::ceil((sy2 - se2) / room) : m;
    n = std::max(n, double(m));
    if (n > N) continue;
    int cost = int(std::ceil(n / kFollowersPerPage)) + m;
    if (best < 0 || cost < best) {
      best = cost;
      plan.lite_followers = int(n);
      plan.full_fetches = m;
    }
    if (m > best) break;  // fetching more than the best total cannot be cheaper
  }
  if (best < 0) {
    plan.note = "not reachable within this audience";
    return plan;
  }
  plan.possible = true;
  plan.requests = best;
  plan.note = "planned at the middle of the current interval: list " + std::to_string(plan.lite_followers) +
              " followers (" + std::to_string(best - plan.full_fetches) + " page requests of " +
              std::to_string(kFollowersPerPage) + ") and fetch " + std::to_string(plan.full_fetches) +
              " of them at random in full";
  return plan;
}

AuditPlan plan_audit_info(double info_full, double info_lite, double N, double z, double half_width) {
  AuditPlan plan;
  double need = std::pow(z / half_width, 2);  // information a +/-half_width interval needs
  if (!(info_full > 0) && !(info_lite > 0)) {
    plan.note = "not reachable: this sample says nothing about the share";
    return plan;
  }
  double cap = std::min(N, 200000.0);
  int best = -1;
  for (int m = 0; m <= cap; ++m) {
    double left = need - m * info_full;
    double extra = 0;
    if (left > 0) {
      if (!(info_lite > 1e-12)) continue;
      extra = std::ceil(left / info_lite);
    }
    double listed = m + extra;
    if (listed > N || listed < 1) continue;
    int cost = int(std::ceil(listed / kFollowersPerPage)) + m;
    if (best < 0 || cost < best) {
      best = cost;
      plan.lite_followers = int(listed);
      plan.full_fetches = m;
    }
    if (m > best) break;
  }
  if (best < 0) {
    plan.note = "not reachable within this audience";
    return plan;
  }
  plan.possible = true;
  plan.requests = best;
  plan.note = "planned from this sample's information: list " + std::to_string(plan.lite_followers) +
              " followers (" + std::to_string(best - plan.full_fetches) + " page requests of " +
              std::to_string(kFollowersPerPage) + ") and fetch " + std::to_string(plan.full_fetches) +
              " of them at random in full";
  return plan;
}

namespace {
Prevalence from_fit(const MixtureFit& f, double q) {
  Prevalence p;
  p.point = f.point, p.low = f.low, p.high = f.high, p.q = q;
  p.sampling_half = (f.high - f.low) / 2;
  return p;
}

// Information (1 / variance) per account a fit carries, undoing the finite-population factor.
double info_per_account(const MixtureFit& f, double accounts, double fpc, double z) {
  double h = std::max(f.point - f.low, f.high - f.point);
  if (accounts <= 0 || h <= 0 || fpc <= 0) return 0;
  return std::pow(z / h, 2) * fpc / accounts;
}

// Score-mixture estimate (mixture.h) of a sample; fills the estimate, the comparisons and the plan.
void estimate_by_mixture(const AudienceInput& in, double N, AudienceEstimate& out) {
  const ScoreProfiles& pr = *in.profiles;
  ScoreCounts all, full_only, lite_only;
  double flagged_n = 0;
  for (const auto& f : in.followers) {
    int a = pr.lite_bin(f.p_lite);
    lite_only.lite[a] += 1;
    if (f.p_full) {
      int cell = a * kFullBins + pr.full_bin(*f.p_full);
      all.joint[cell] += 1;
      full_only.joint[cell] += 1;
      flagged_n += *f.p_full >= in.full.threshold;
    } else {
      all.lite[a] += 1;
      flagged_n += f.p_lite >= in.lite.threshold;
    }
  }
  double n = double(in.followers.size());
  double fpc = N > n ? (N - n) / std::max(1.0, N - 1) : 0;
  double q = n > 0 ? flagged_n / n : 0;
  MixtureFit fit = fit_by_source(pr, all, fpc, in.z).combined;
  out.estimate = from_fit(fit, q);
  double m = out.full_sample_size;
  double fpc_m = N > m ? (N - m) / std::max(1.0, N - 1) : 0;
  MixtureFit fit_full = fit_by_source(pr, full_only, fpc_m, in.z).combined;
  MixtureFit fit_lite = fit_by_source(pr, lite_only, fpc, in.z).combined;
  if (out.lite_sample_size > 0 && m > 0) {
    out.full_only = from_fit(fit_full, q);
    out.lite_only = from_fit(fit_lite, q);
  }
  out.plan_5pt = plan_audit_info(info_per_account(fit_full, m, fpc_m, in.z),
                                 info_per_account(fit_lite, n, fpc, in.z), N, in.z, 0.05);
  if (m == n)
    out.method = "score mixture at the full tier: maximum-likelihood fake share, the sample explained as "
                 "a mixture of the fake and real score profiles of the known account sources; 95% "
                 "profile-likelihood interval with finite-population correction";
  else if (m == 0)
    out.method = "score mixture at the lite tier only (no follower fetched in full): maximum-likelihood "
                 "fake share over the lite score profiles of the known account sources; profile-likelihood "
                 "interval";
  else
    out.method = "two-phase score mixture: the full subsample's joint lite/full scores and every other "
                 "follower's lite score in one likelihood over the known account sources' profiles, so "
                 "the lite tier counts only as far as the full subsample shows it holds here; "
                 "maximum-likelihood fake share, profile-likelihood interval";
  if (m == 0)
    out.warnings.push_back("no follower was fetched in full: the lite tier alone is weak on some audiences; "
                           "fetch a random few in full for a tighter, sturdier estimate");
}
}  // namespace

AudienceEstimate estimate_audience(const AudienceInput& in) {
  AudienceEstimate out;
  const auto& fs = in.followers;
  double N = std::max(in.total_followers, double(fs.size()));
  std::vector<double> x_all, x_sub, y_sub;
  double lite_flags = 0;
  std::vector<BreakdownInput> bd;
  x_all.reserve(fs.size());
  for (const auto& f : fs) {
    x_all.push_back(f.p_lite);
    lite_flags += flagged(f.p_lite, in.lite.threshold);
    bool flag;
    if (f.p_full) {
      x_sub.push_back(f.p_lite);
      y_sub.push_back(flagged(*f.p_full, in.full.threshold));
      flag = y_sub.back() > 0;
    } else {
      flag = flagged(f.p_lite, in.lite.threshold);
    }
    bd.push_back(BreakdownInput{flag, f.is_private, f.follower_count, f.following_count});
  }
  out.sample_size = int(fs.size());
  out.full_sample_size = int(y_sub.size());
  out.lite_sample_size = out.sample_size - out.full_sample_size;
  double full_flags = 0;
  for (double y : y_sub) full_flags += y;

  double r2_for_plan = 0;
  const TierRates& rf = in.full.rates;
  if (in.profiles) {
    estimate_by_mixture(in, N, out);
  } else if (out.full_sample_size == out.sample_size) {
    out.estimate = correct_for_errors(simple_share(full_flags, out.sample_size, N), rf, in.z);
    out.method = "adjusted count at the full tier (Rogan-Gladen with the model's cross-validated "
                 "tpr/fpr), Wilson interval with finite-population correction, widened for the "
                 "uncertainty of the rates";
  } else if (out.full_sample_size == 0) {
    out.estimate = correct_for_errors(simple_share(lite_flags, out.sample_size, N), in.lite.rates, in.z);
    out.method = "adjusted count at the lite tier only (no follower fetched in full)";
    out.warnings.push_back(
        "no follower was fetched in full: the lite tier alone is weak on some audiences, and its "
        "interval carries how far its error rates move between audiences");
  } else {
    TwoPhaseShare tp = regression_share(x_all, x_sub, y_sub, N);
    out.estimate = correct_for_errors(tp.share, rf, in.z);
    out.full_only = correct_for_errors(simple_share(full_flags, out.full_sample_size, N), rf, in.z);
    out.lite_only = correct_for_errors(simple_share(lite_flags, out.sample_size, N), in.lite.rates, in.z);
    out.two_phase = tp;
    r2_for_plan = tp.lite_used ? tp.r2 : 0;
    out.method = tp.lite_used
                     ? "two-phase: adjusted count at the full tier, its flagged share estimated by "
                       "double-sampling regression on the lite probability of every sampled follower "
                       "(slope fitted on the full subsample of this audience)"
                     : "two-phase, lite tier set aside: in this audience the lite probability did not "
                       "predict the full tier's flag well enough to help, so the full subsample alone "
                       "is used (adjusted count at the full tier)";
    if (out.full_sample_size < 20)
      out.warnings.push_back("only " + std::to_string(out.full_sample_size) +
                             " followers fetched in full: the interval rests mostly on them");
  }
  if (!out.estimate.informative)
    out.warnings.push_back("the model's cross-validated rates do not separate fake from real accounts "
                           "(tpr - fpr < 0.05): no share can be estimated, the interval is 0-100%");

  if (!in.profiles) {
    // Plan at the middle of the current interval (a small sample's point estimate of 0 would
    // promise too cheap an audit), with the flag variance the classifier implies there.
    double pi_plan = (out.estimate.low + out.estimate.high) / 2;
    double q_pi = rf.fpr + (rf.tpr - rf.fpr) * pi_plan;
    out.plan_5pt = plan_audit(q_pi * (1 - q_pi), r2_for_plan, rf, pi_plan, N, in.z, 0.05);
  }

  out.breakdown = audience_breakdown(bd, out.estimate.point);
  out.sampling_note =
      in.newest_first
          ? "These are the " + std::to_string(out.sample_size) +
                " newest followers, not a random sample of all of them: the estimate describes "
                "recent followers, who can differ from the audience as a whole (bought followers "
                "often arrive in bursts). The interval covers sampling and classifier error, not that."
          : "A random sample of the followers: the estimate describes the whole audience.";
  return out;
}

}  // namespace fm
