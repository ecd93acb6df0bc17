#include "mixture.h"

#include <algorithm>
#include <cmath>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
double mix(const SourceProfile& s, size_t b, double pi) { return pi * s.fake[b] + (1 - pi) * s.real[b]; }

// d loglik / d pi: decreasing in pi (the log-likelihood is concave).
double score(const SourceProfile& s, const std::vector<double>& counts, double pi) {
  double g = 0;
  for (size_t b = 0; b < counts.size() && b < s.fake.size(); ++b)
    if (counts[b] > 0) g += counts[b] * (s.fake[b] - s.real[b]) / mix(s, b, pi);
  return g;
}

// Where on [a, b] the monotone f crosses `target` (f(a) and f(b) on either side).
template <class F>
double bisect(F f, double a, double b, double target) {
  bool rising = f(b) > f(a);
  for (int it = 0; it < 60; ++it) {
    double mid = (a + b) / 2;
    ((f(mid) < target) == rising ? a : b) = mid;
  }
  return (a + b) / 2;
}

// The share in [0, 1] where a decreasing score (d loglik / d pi) crosses 0.
template <class Score>
double maximum(Score slope) {
  if (slope(0) <= 0) return 0;
  if (slope(1) >= 0) return 1;
  return bisect(slope, 0, 1, 0);
}

double parts_score(const std::vector<MixturePart>& parts, double pi) {
  double g = 0;
  for (const auto& m : parts) g += score(m.profile, m.counts, pi);
  return g;
}
}  // namespace

double mixture_loglik(const SourceProfile& s, const std::vector<double>& counts, double pi) {
  double ll = 0;
  for (size_t b = 0; b < counts.size() && b < s.fake.size(); ++b)
    if (counts[b] > 0) ll += counts[b] * std::log(mix(s, b, pi));
  return ll;
}

double mixture_mle(const SourceProfile& s, const std::vector<double>& counts) {
  return maximum([&](double pi) { return score(s, counts, pi); });
}

double mixture_mle(const std::vector<MixturePart>& parts) {
  return maximum([&](double pi) { return parts_score(parts, pi); });
}

double mixture_info(const SourceProfile& s, double pi) {
  double info = 0;
  for (size_t b = 0; b < s.fake.size(); ++b) {
    double d = s.fake[b] - s.real[b];
    info += d * d / mix(s, b, pi);
  }
  return info;
}

double mixture_hist_var(const SourceProfile& s, double pi, double spread) {
  // The maximum solves sum_b m_b (f_b - r_b) / m_b(pi) = 0 for the audience's expected
  // histogram m. Moving f_b by df moves pi by r_b / (m_b D) df, moving r_b by dr moves it by
  // -f_b / (m_b D) dr, with D the information per follower; f and r are multinomial shares of
  // n_fake and n_real labelled accounts.
  double D = mixture_info(s, pi);
  if (!(D > 1e-12)) return 1;
  auto part = [&](const std::array<double, kProfileBins>& h, const std::array<double, kProfileBins>& other, double n,
                  double sign) {
    double e1 = 0, e2 = 0;
    for (size_t b = 0; b < h.size(); ++b) {
      double g = sign * other[b] / (mix(s, b, pi) * D);
      e1 += h[b] * g;
      e2 += h[b] * g * g;
    }
    return std::max(0.0, e2 - e1 * e1) / std::max(1.0, n);
  };
  double v = part(s.fake, s.real, s.n_fake, 1) + part(s.real, s.fake, s.n_real, -1);
  return std::min(1.0, v * (1 + spread));
}

Prevalence mixture_estimate(const SourceProfile& s,
                            const std::vector<double>& counts,
                            double z,
                            double spread,
                            double q) {
  return mixture_estimate(std::vector<MixturePart>{{s, counts}}, z, spread, q);
}

Prevalence mixture_estimate(const std::vector<MixturePart>& parts, double z, double spread, double q) {
  auto ll = [&](double pi) {
    double v = 0;
    for (const auto& m : parts) v += mixture_loglik(m.profile, m.counts, pi);
    return v;
  };
  // Variance of the maximum from every part's histograms, each part weighted by its share of
  // the information at pi.
  auto hist_var = [&](double pi) {
    if (parts.size() == 1) return mixture_hist_var(parts[0].profile, pi, spread);
    std::vector<double> info;
    double total = 0, v = 0;
    for (const auto& m : parts) {
      double n = 0;
      for (double c : m.counts) n += c;
      total += info.emplace_back(n * mixture_info(m.profile, pi));
    }
    if (!(total > 0)) return 1.0;
    for (size_t j = 0; j < parts.size(); ++j)
      if (!parts[j].tempered)
        v += (info[j] / total) * (info[j] / total) * mixture_hist_var(parts[j].profile, pi, spread);
    return std::min(1.0, v);
  };
  Prevalence p;
  p.q = q;
  p.point = mixture_mle(parts);
  double top = ll(p.point), cut = z * z / 2;
  double lo = ll(0) >= top - cut ? 0 : bisect(ll, 0, p.point, top - cut);
  double hi = ll(1) >= top - cut ? 1 : bisect(ll, p.point, 1, top - cut);
  double vl = hist_var(lo), vh = hist_var(hi);
  p.low = lo, p.high = hi;
  widen_in_quadrature(p, z * z * vl, z * z * vh);
  p.sampling_half = (hi - lo) / 2;
  p.rate_sd = std::sqrt(hist_var(p.point));
  p.informative = false;
  for (const auto& m : parts) p.informative = p.informative || mixture_info(m.profile, 0.5) > 1e-6;
  if (!p.informative) p.low = 0, p.high = 1;
  return p;
}

double mixture_planned_half_width(const SourceProfile& s, double pi, double n_eff, double z, double spread) {
  double info = mixture_info(s, pi);
  double v = mixture_hist_var(s, pi, spread) + (n_eff > 0 && info > 0 ? 1 / (n_eff * info) : 1);
  return z * std::sqrt(v);
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
