#include "audience.h"

#include <algorithm>
#include <cmath>

namespace fm {

namespace {
bool flagged(double p, double threshold) { return p >= threshold; }

// The two-phase regression's auxiliary variable: the lite probability on the log-odds scale,
// where the full flag's dependence on it is closer to linear than on the probability scale.
double lite_x(double p) {
  p = std::min(1 - 1e-4, std::max(1e-4, p));
  return std::log(p / (1 - p));
}
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

namespace {
// Whether the profiles describe the probabilities and threshold this estimate works with.
bool profiles_fit(const AudienceInput& in) {
  return in.profiles && !in.profiles->sources.empty() &&
         std::fabs(in.profiles->threshold - in.full.threshold) < 1e-9;
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
    x_all.push_back(lite_x(f.p_lite));
    lite_flags += flagged(f.p_lite, in.lite.threshold);
    bool flag;
    if (f.p_full) {
      x_sub.push_back(lite_x(f.p_lite));
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
  bool by_regime = profiles_fit(in);
  std::vector<double> p_full;
  for (const auto& f : fs)
    if (f.p_full) p_full.push_back(*f.p_full);
  // Corrects a flagged share of the full tier: averaged over the regimes when the profiles are
  // there, else with the model's cv rates.
  auto correct_full = [&](const FlaggedShare& s, bool keep) {
    if (!by_regime) return correct_for_errors(s, rf, in.z);
    RegimeAverage ra = average_over_regimes(*in.profiles, p_full, s, in.z);
    if (keep) out.regimes = ra;
    return ra.combined;
  };
  const std::string correction =
      by_regime ? "adjusted count at the full tier, averaged over audience regimes (each known source's "
                  "cross-validated tpr/fpr, weighted by how well its full-tier score profile explains this "
                  "sample); Wilson interval with finite-population correction, widened for the uncertainty "
                  "of the rates; the interval is the regime mixture's 2.5-97.5% range"
                : "adjusted count at the full tier (Rogan-Gladen with the model's cross-validated tpr/fpr), "
                  "Wilson interval with finite-population correction, widened for the uncertainty of the rates";
  if (out.full_sample_size == out.sample_size) {
    out.estimate = correct_full(simple_share(full_flags, out.sample_size, N), true);
    out.method = correction;
  } else if (out.full_sample_size == 0) {
    out.estimate = correct_for_errors(simple_share(lite_flags, out.sample_size, N), in.lite.rates, in.z);
    out.method = "adjusted count at the lite tier only (no follower fetched in full)";
    out.warnings.push_back(
        "no follower was fetched in full: the lite tier alone is weak on some audiences, and its "
        "interval carries how far its error rates move between audiences");
  } else {
    TwoPhaseShare tp = regression_share(x_all, x_sub, y_sub, N);
    out.estimate = correct_full(tp.share, true);
    out.full_only = correct_full(simple_share(full_flags, out.full_sample_size, N), false);
    out.lite_only = correct_for_errors(simple_share(lite_flags, out.sample_size, N), in.lite.rates, in.z);
    out.two_phase = tp;
    r2_for_plan = tp.lite_used ? tp.r2 : 0;
    out.method = (tp.lite_used
                      ? "two-phase: the full tier's flagged share estimated by double-sampling regression on "
                        "the lite probability of every sampled follower (slope fitted on the full subsample of "
                        "this audience), then "
                      : "two-phase, lite tier set aside (in this audience the lite probability did not predict "
                        "the full tier's flag well enough to help), the full subsample alone: ") +
                 correction;
    if (out.full_sample_size < 20)
      out.warnings.push_back("only " + std::to_string(out.full_sample_size) +
                             " followers fetched in full: the interval rests mostly on them");
  }
  if (!out.estimate.informative)
    out.warnings.push_back("the classifier's cross-validated rates do not separate fake from real accounts "
                           "(tpr - fpr < 0.05): no share can be estimated, the interval is 0-100%");
  if (in.profiles && !by_regime)
    out.warnings.push_back("the score profiles do not match the model's full-tier threshold: corrected with "
                           "the model's own cv rates only");

  {
    // Plan at the middle of the current interval (a small sample's point estimate of 0 would
    // promise too cheap an audit), with the rates of the most probable regime.
    const TierRates& rp = out.regimes && out.regimes->best >= 0
                              ? out.regimes->regimes[size_t(out.regimes->best)].rates
                              : rf;
    double pi_plan = (out.estimate.low + out.estimate.high) / 2;
    double q_pi = rp.fpr + (rp.tpr - rp.fpr) * pi_plan;
    out.plan_5pt = plan_audit(q_pi * (1 - q_pi), r2_for_plan, rp, pi_plan, N, in.z, 0.05);
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
