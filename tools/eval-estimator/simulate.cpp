#include "simulate.h"

#include <algorithm>
#include <cmath>

namespace fm {

uint64_t Rng::next() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
size_t Rng::below(size_t n) { return size_t(uniform() * double(n)) % n; }
double Rng::uniform() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }

void MethodStats::add(double truth, double point, double low, double high) {
  abs_err += std::fabs(point - truth);
  err += point - truth;
  // Reports are rounded to 0.1 point; judge the interval as it would be shown.
  double lo = std::round(low * 1000) / 1000, hi = std::round(high * 1000) / 1000;
  covered += (lo <= truth + 1e-9 && truth <= hi + 1e-9) ? 1 : 0;
  // The badge decides on the report's percentages (rounded to 0.1), as here.
  if (prof::badge_shows_floor(std::round(low * 1000) / 10, std::round(high * 1000) / 10)) {
    floors += 1;
    false_floors += lo > truth + 1e-9 ? 1 : 0;
  }
  width += high - low;
  ++reps;
}

namespace {
double share_at(const std::vector<FollowerScore>& f, double cut) {
  double k = 0;
  for (const auto& x : f) k += (x.p_full ? *x.p_full : x.p_lite) >= cut;
  return k / f.size();
}
}  // namespace

void draw_sample(const Pool& pool, double share, int n, int m, double N, Rng& rng, std::vector<FollowerScore>& out) {
  // A sample without replacement from the audience: a hypergeometric number of fakes, each fake
  // an independent draw from the pool's fakes (and likewise for the real ones).
  double fakes_left = std::round(share * N);
  out.clear();
  for (int i = 0; i < n; ++i) {
    bool fake = rng.uniform() * (N - i) < fakes_left;
    if (fake) fakes_left -= 1;
    const auto& src = fake ? pool.fakes : pool.reals;
    out.push_back(src[rng.below(src.size())]);
  }
  // The full subsample is a random m of the n (the sample's order is already random).
  std::vector<size_t> order(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) order[size_t(i)] = size_t(i);
  for (int i = 0; i < m; ++i) std::swap(order[size_t(i)], order[size_t(i) + rng.below(size_t(n - i))]);
  for (int i = m; i < n; ++i) out[order[size_t(i)]].p_full.reset();
}

CellResult run_cell(const std::vector<Half>& halves, double share, int n, int m, const SimSettings& s, Rng& rng) {
  CellResult cell;
  cell.share = share;
  cell.n = n;
  cell.m = m;
  cell.floor = 80 * std::sqrt(share * (1 - share) / n);
  double N = s.audience;
  double F = std::round(share * N);
  double truth = F / N;
  AudienceInput in;
  in.total_followers = N;
  in.newest_first = false;
  in.lite = s.lite;
  in.full = s.full;
  for (int rep = 0; rep < s.reps; ++rep) {
    const Half& half = halves[size_t(rep) % halves.size()];
    const Pool& pool = *half.pool;
    draw_sample(pool, share, n, m, N, rng, in.followers);

    double q = share_at(in.followers, 0.5);
    double wald = 1.959964 * std::sqrt(q * (1 - q) / n);
    cell.naive.add(truth, q, std::max(0.0, q - wald), std::min(1.0, q + wald));
    cell.srf.add(truth, share_at(in.followers, 0.3), share_at(in.followers, 0.35), share_at(in.followers, 0.25));
    // The estimator as it shipped before: the model's cv rates for every audience.
    in.profiles = nullptr;
    AudienceEstimate old = estimate_audience(in);
    cell.pooled.add(truth, old.estimate.point, old.estimate.low, old.estimate.high);
    if (half.profiles) {
      for (const auto& src : half.profiles->sources)
        if (src.source == "srf") {
          AudienceInput x = in;
          x.profiles = nullptr;
          x.full.rates = TierRates{src.tpr, src.fpr, src.n_fake, src.n_real, 0, 0};
          AudienceEstimate o = estimate_audience(x);
          cell.srf_xfit.add(truth, o.estimate.point, o.estimate.low, o.estimate.high);
        }
    }
    in.profiles = half.profiles;
    AudienceEstimate e = half.profiles ? estimate_audience(in) : old;
    cell.ours.add(truth, e.estimate.point, e.estimate.low, e.estimate.high);
    if (e.full_only) cell.ours_full_only.add(truth, e.full_only->point, e.full_only->low, e.full_only->high);
    if (e.plan_5pt.possible) cell.plans.push_back(e.plan_5pt);
    if (e.plan_5pt.definition_points >= 0) cell.doubt_points.push_back(e.plan_5pt.definition_points);
    if (e.regimes)
      for (const auto& r : e.regimes->regimes)
        if (r.source == pool.name) cell.true_weight += r.fit_weight / s.reps;
  }
  return cell;
}

}  // namespace fm
