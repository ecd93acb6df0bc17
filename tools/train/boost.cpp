#include "boost.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

namespace fm::train {

namespace {
constexpr int kValueDigits = 6;
constexpr int kThresholdDigits = 7;

struct Split {
  double gain = 0;
  int feature = -1;
  double threshold = 0;
  bool default_left = false;
};

double leaf_weight(double g, double h, double lambda) { return -g / (h + lambda); }
double score(double g, double h, double lambda) { return g * g / (h + lambda); }
}  // namespace

double round_sig(double v, int digits) {
  if (v == 0 || !std::isfinite(v)) return v;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", digits, v);
  return std::strtod(buf, nullptr);
}

double tree_output(const Tree& t, const FeatureVector& x) {
  int32_t n = 0;
  while (t.feature[n] >= 0) {
    double v = x[t.feature[n]];
    n = std::isnan(v) ? (t.default_left[n] ? t.left[n] : t.right[n]) : (v < t.threshold[n] ? t.left[n] : t.right[n]);
  }
  return t.value[n];
}

BoostResult train_boost(const TrainSet& data, const BoostParams& p) {
  const auto& X = *data.x;
  const auto& Y = *data.y;
  const auto& W = *data.w;
  const std::vector<int>& rows = data.rows;
  const int n = static_cast<int>(rows.size());
  BoostResult out;

  // Base score: weighted log-odds of the training labels.
  double sw = 0, swy = 0;
  for (int r : rows) {
    sw += W[r];
    swy += W[r] * Y[r];
  }
  double prior = std::clamp(swy / std::max(sw, 1e-12), 1e-6, 1 - 1e-6);
  out.ensemble.base_score = round_sig(std::log(prior / (1 - prior)), kValueDigits);

  // Per feature, the local rows with a known value, sorted by value then row (stable ties).
  std::array<std::vector<int>, kFeatureCount> sorted;
  for (int f = 0; f < kFeatureCount; ++f) {
    for (int i = 0; i < n; ++i)
      if (!std::isnan(X[rows[i]][f])) sorted[f].push_back(i);
    std::stable_sort(sorted[f].begin(), sorted[f].end(), [&](int a, int b) { return X[rows[a]][f] < X[rows[b]][f]; });
  }

  std::vector<double> margin(n, out.ensemble.base_score), g(n), h(n);
  std::vector<int> node_of(n);
  for (int t = 0; t < p.n_trees; ++t) {
    for (int i = 0; i < n; ++i) {
      int r = rows[i];
      double pr = 1.0 / (1.0 + std::exp(-margin[i]));
      g[i] = W[r] * (pr - Y[r]);
      h[i] = W[r] * std::max(pr * (1 - pr), 1e-16);
    }
    Tree tree;
    std::vector<double> G, H;    // per node sums
    std::vector<double> lo, hi;  // bounds on a node's weight from monotone splits above it
    auto add_node = [&](double gs, double hs) {
      lo.push_back(-HUGE_VAL);
      hi.push_back(HUGE_VAL);
      tree.feature.push_back(-1);
      tree.threshold.push_back(0);
      tree.left.push_back(0);
      tree.right.push_back(0);
      tree.default_left.push_back(0);
      tree.value.push_back(0);
      G.push_back(gs);
      H.push_back(hs);
      return static_cast<int>(tree.feature.size() - 1);
    };
    double g0 = 0, h0 = 0;
    for (int i = 0; i < n; ++i) {
      g0 += g[i];
      h0 += h[i];
      node_of[i] = 0;
    }
    add_node(g0, h0);
    std::vector<int> level = {0};
    for (int depth = 0; depth < p.max_depth && !level.empty(); ++depth) {
      const int nodes = static_cast<int>(tree.feature.size());
      std::vector<int> slot(nodes, -1);
      for (size_t s = 0; s < level.size(); ++s) slot[level[s]] = static_cast<int>(s);
      std::vector<Split> best(level.size());
      std::vector<double> gk(level.size()), hk(level.size()), gl(level.size()), hl(level.size()), last(level.size());
      std::vector<char> seen(level.size());
      for (int f = 0; f < kFeatureCount; ++f) {
        // Sums over rows with a known value, per node; the rest is the NaN share.
        std::fill(gk.begin(), gk.end(), 0.0);
        std::fill(hk.begin(), hk.end(), 0.0);
        for (int i : sorted[f]) {
          int s = slot[node_of[i]];
          if (s < 0) continue;
          gk[s] += g[i];
          hk[s] += h[i];
        }
        std::fill(gl.begin(), gl.end(), 0.0);
        std::fill(hl.begin(), hl.end(), 0.0);
        std::fill(seen.begin(), seen.end(), 0);
        for (int i : sorted[f]) {
          int s = slot[node_of[i]];
          if (s < 0) continue;
          double v = X[rows[i]][f];
          if (seen[s] && v > last[s]) {
            int nd = level[s];
            double gm = G[nd] - gk[s], hm = H[nd] - hk[s];
            double parent = score(G[nd], H[nd], p.lambda);
            // NaN rows go left, then right; with no NaN rows the side taking more weight gets them.
            for (int dir = 0; dir < 2; ++dir) {
              bool dl = dir == 0;
              double GL = gl[s] + (dl ? gm : 0), HL = hl[s] + (dl ? hm : 0);
              double GR = G[nd] - GL, HR = H[nd] - HL;
              if (HL < p.min_child_weight || HR < p.min_child_weight) continue;
              if (int c = p.monotone[f]) {
                double wl = std::clamp(leaf_weight(GL, HL, p.lambda), lo[nd], hi[nd]);
                double wr = std::clamp(leaf_weight(GR, HR, p.lambda), lo[nd], hi[nd]);
                if ((c > 0 && wl > wr) || (c < 0 && wl < wr)) continue;
              }
              double gain = 0.5 * (score(GL, HL, p.lambda) + score(GR, HR, p.lambda) - parent) - p.gamma;
              if (gain > best[s].gain + 1e-12) {
                bool side = hm > 0 ? dl : (hl[s] >= hk[s] - hl[s]);
                double thr = round_sig(0.5 * (last[s] + v), kThresholdDigits);
                if (!(thr > last[s] && thr <= v)) thr = v;
                best[s] = Split{gain, f, thr, side};
              }
            }
          }
          gl[s] += g[i];
          hl[s] += h[i];
          last[s] = v;
          seen[s] = 1;
        }
      }
      std::vector<int> next;
      for (size_t s = 0; s < level.size(); ++s) {
        if (best[s].feature < 0) continue;
        int nd = level[s];
        tree.feature[nd] = static_cast<int16_t>(best[s].feature);
        tree.threshold[nd] = best[s].threshold;
        tree.default_left[nd] = best[s].default_left ? 1 : 0;
        out.gain[best[s].feature] += best[s].gain;
        int l = add_node(0, 0), r = add_node(0, 0);
        tree.left[nd] = l;
        tree.right[nd] = r;
        lo[l] = lo[r] = lo[nd];
        hi[l] = hi[r] = hi[nd];
        next.push_back(l);
        next.push_back(r);
      }
      // Route rows of split nodes to their children and sum the children's gradients.
      for (int i = 0; i < n; ++i) {
        int nd = node_of[i];
        if (tree.feature[nd] < 0) continue;
        double v = X[rows[i]][tree.feature[nd]];
        bool left = std::isnan(v) ? tree.default_left[nd] != 0 : v < tree.threshold[nd];
        int c = left ? tree.left[nd] : tree.right[nd];
        node_of[i] = c;
        G[c] += g[i];
        H[c] += h[i];
      }
      // Monotone splits cap the subtrees: everything left stays on its side of the midpoint.
      for (size_t k = 0; k < next.size(); k += 2) {
        int l = next[k], r = next[k + 1];
        int nd = 0;
        while (tree.left[nd] != l) ++nd;
        int c = p.monotone[tree.feature[nd]];
        if (!c) continue;
        double mid = 0.5 * (std::clamp(leaf_weight(G[l], H[l], p.lambda), lo[nd], hi[nd]) +
                            std::clamp(leaf_weight(G[r], H[r], p.lambda), lo[nd], hi[nd]));
        if (c > 0) {
          hi[l] = std::min(hi[l], mid);
          lo[r] = std::max(lo[r], mid);
        } else {
          lo[l] = std::max(lo[l], mid);
          hi[r] = std::min(hi[r], mid);
        }
      }
      level = std::move(next);
    }
    // Leaves get the shrunk Newton step; inner nodes the hessian-weighted mean of their
    // children, so that Saabas attributions along a path add up to the leaf value.
    for (int nd = static_cast<int>(tree.feature.size()) - 1; nd >= 0; --nd) {
      if (tree.feature[nd] < 0) {
        double w = std::clamp(leaf_weight(G[nd], H[nd], p.lambda), lo[nd], hi[nd]);
        tree.value[nd] = round_sig(p.eta * w, kValueDigits);
      } else {
        int l = tree.left[nd], r = tree.right[nd];
        double hs = H[l] + H[r];
        tree.value[nd] = round_sig(
            hs > 0 ? (H[l] * tree.value[l] + H[r] * tree.value[r]) / hs : 0.5 * (tree.value[l] + tree.value[r]),
            kValueDigits);
      }
    }
    for (int i = 0; i < n; ++i) margin[i] += tree.value[node_of[i]];
    out.ensemble.trees.push_back(std::move(tree));
  }
  return out;
}

}  // namespace fm::train
