#include "logistic.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fm::spam {

double Logistic::margin(const std::vector<uint32_t>& f) const {
  double z = bias;
  for (uint32_t b : f) z += w[b];
  return z;
}

Logistic train_logistic(const std::vector<Sample>& data, const TrainSettings& s) {
  Logistic m;
  m.w.assign(s.buckets, 0.0);
  std::vector<double> grad(s.buckets), sum_sq(s.buckets, 0.0);
  double bias_sq = 0;
  const double n = double(data.size());
  for (int it = 0; it < s.iterations; ++it) {
    for (uint32_t b = 0; b < s.buckets; ++b) grad[b] = s.l2 * m.w[b];
    double gb = 0;
    for (const Sample& x : data) {
      double p = 1 / (1 + std::exp(-m.margin(x.features)));
      double g = (p - x.label) / n;
      for (uint32_t b : x.features) grad[b] += g;
      gb += g;
    }
    for (uint32_t b = 0; b < s.buckets; ++b) {
      sum_sq[b] += grad[b] * grad[b];
      if (sum_sq[b] > 0) m.w[b] -= s.rate * grad[b] / std::sqrt(sum_sq[b]);
    }
    bias_sq += gb * gb;
    if (bias_sq > 0) m.bias -= s.rate * gb / std::sqrt(bias_sq);
  }
  return m;
}

double auc(const std::vector<double>& score, const std::vector<int>& label) {
  std::vector<size_t> order(score.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  double rank_sum = 0, pos = 0;
  for (size_t i = 0; i < order.size();) {
    size_t k = i;
    while (k < order.size() && score[order[k]] == score[order[i]]) ++k;
    double mid = (double(i) + double(k - 1)) / 2 + 1;  // average rank of the tie
    for (size_t t = i; t < k; ++t)
      if (label[order[t]]) rank_sum += mid, ++pos;
    i = k;
  }
  double neg = double(score.size()) - pos;
  if (pos == 0 || neg == 0) return 0.5;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

}  // namespace fm::spam
