#include "mixture.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace fm {

double ScoreCounts::total() const {
  double t = 0;
  for (double v : joint) t += v;
  for (double v : lite) t += v;
  return t;
}

namespace {
constexpr int kMaxIterations = 400;
constexpr double kTolerance = 1e-10;
constexpr int kBisections = 13;  // interval ends to within 1.2e-4

// The sample reduced to observation types: a count and each profile's probability of it.
struct Observations {
  std::vector<double> count;
  std::vector<std::vector<double>> prob;  // [type][profile]
  std::vector<bool> fake;                  // per profile
};

Observations observations(const ScoreProfiles& p, const ScoreCounts& c) {
  Observations o;
  for (const auto& s : p.profiles) o.fake.push_back(s.fake);
  auto add = [&](double count, auto prob_of) {
    if (count <= 0) return;
    o.count.push_back(count);
    std::vector<double> row;
    for (const auto& s : p.profiles) row.push_back(prob_of(s));
    o.prob.push_back(row);
  };
  for (int k = 0; k < kJointCells; ++k) add(c.joint[k], [&](const ScoreProfile& s) { return s.joint[k]; });
  for (int a = 0; a < kLiteBins; ++a) add(c.lite[a], [&](const ScoreProfile& s) { return s.lite(a); });
  return o;
}

// EM for the profile weights. With pi >= 0 the fake weights are held to sum to pi (profile
// likelihood); with pi < 0 they are free (maximum likelihood). Returns the log-likelihood;
// w is the warm start and the answer.
double em(const Observations& o, std::vector<double>& w, double pi) {
  size_t P = w.size();
  std::vector<double> resp(P);
  auto constrain = [&]() {
    if (pi < 0) return;
    double sf = 0, sr = 0;
    size_t nf = 0, nr = 0;
    for (size_t j = 0; j < P; ++j) (o.fake[j] ? sf : sr) += w[j], (o.fake[j] ? nf : nr)++;
    for (size_t j = 0; j < P; ++j) {
      double s = o.fake[j] ? sf : sr, target = o.fake[j] ? pi : 1 - pi;
      size_t cnt = o.fake[j] ? nf : nr;
      w[j] = s > 0 ? w[j] / s * target : target / double(cnt);
    }
  };
  constrain();
  double prev = -INFINITY, ll = 0;
  for (int it = 0; it < kMaxIterations; ++it) {
    std::fill(resp.begin(), resp.end(), 0.0);
    ll = 0;
    for (size_t t = 0; t < o.count.size(); ++t) {
      double tot = 0;
      for (size_t j = 0; j < P; ++j) tot += w[j] * o.prob[t][j];
      if (tot <= 0) return -INFINITY;
      ll += o.count[t] * std::log(tot);
      for (size_t j = 0; j < P; ++j) resp[j] += o.count[t] * w[j] * o.prob[t][j] / tot;
    }
    if (ll - prev < kTolerance * std::max(1.0, std::fabs(ll))) break;
    prev = ll;
    double n = 0;
    for (double r : resp) n += r;
    for (size_t j = 0; j < P; ++j) w[j] = resp[j] / n;
    constrain();
  }
  return ll;
}

double fake_weight(const Observations& o, const std::vector<double>& w) {
  double s = 0;
  for (size_t j = 0; j < w.size(); ++j) s += o.fake[j] ? w[j] : 0;
  return s;
}
}  // namespace

MixtureFit fit_mixture(const ScoreProfiles& p, const ScoreCounts& c, double fpc, double z) {
  MixtureFit fit;
  Observations o = observations(p, c);
  if (o.count.empty() || p.profiles.empty()) return fit;  // nothing seen: [0, 1]
  std::vector<double> w(p.profiles.size(), 1.0 / p.profiles.size());
  fit.loglik = em(o, w, -1);
  fit.point = fake_weight(o, w);
  // The likelihood drop that still belongs to the interval; a sample that is a large share of
  // the audience leaves less room (finite-population correction).
  double drop = z * z / 2 * std::max(0.0, fpc);
  auto inside = [&](double pi, std::vector<double> start) { return em(o, start, pi) >= fit.loglik - drop; };
  const std::vector<double> best = w;
  auto bound = [&](double lo_in, double hi_out, bool up) {
    // lo_in is inside the interval, hi_out outside; bisect the crossing.
    for (int i = 0; i < kBisections; ++i) {
      double mid = (lo_in + hi_out) / 2;
      (inside(mid, best) ? lo_in : hi_out) = mid;
    }
    (void)up;
    return lo_in;
  };
  fit.low = inside(0, best) ? 0 : bound(fit.point, 0, false);
  fit.high = inside(1, best) ? 1 : bound(fit.point, 1, true);
  fit.low = std::min(fit.low, fit.point);
  fit.high = std::max(fit.high, fit.point);
  return fit;
}

}  // namespace fm

namespace fm {

SourcesFit fit_by_source(const ScoreProfiles& p, const ScoreCounts& c, double fpc, double z) {
  SourcesFit out;
  std::vector<std::string> names;
  for (const auto& s : p.profiles)
    if (std::find(names.begin(), names.end(), s.source) == names.end()) names.push_back(s.source);
  double best_ll = -INFINITY;
  for (const auto& name : names) {
    ScoreProfiles one = p;
    one.profiles.clear();
    bool has_fake = false, has_real = false;
    for (const auto& s : p.profiles)
      if (s.source == name) one.profiles.push_back(s), (s.fake ? has_fake : has_real) = true;
    if (!has_fake || !has_real) continue;
    SourceFit sf;
    sf.source = name;
    sf.fit = fit_mixture(one, c, fpc, z);
    best_ll = std::max(best_ll, sf.fit.loglik);
    out.sources.push_back(sf);
  }
  if (out.sources.empty()) return out;
  double total = 0;
  for (auto& sf : out.sources) total += sf.weight = std::exp(sf.fit.loglik - best_ll);
  out.combined.point = 0;
  out.combined.low = 1, out.combined.high = 0;
  out.combined.loglik = best_ll;
  for (auto& sf : out.sources) {
    sf.weight /= total;
    out.combined.point += sf.weight * sf.fit.point;
    if (sf.weight >= kMinSourceWeight) {
      out.combined.low = std::min(out.combined.low, sf.fit.low);
      out.combined.high = std::max(out.combined.high, sf.fit.high);
    }
  }
  out.combined.low = std::min(out.combined.low, out.combined.point);
  out.combined.high = std::max(out.combined.high, out.combined.point);
  return out;
}

}  // namespace fm
