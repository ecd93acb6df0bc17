#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fm::train {

double auc(const std::vector<double>& score, const std::vector<int>& label) {
  std::vector<size_t> idx(score.size());
  std::iota(idx.begin(), idx.end(), 0);
  std::stable_sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
  double pos = 0, neg = 0, rank_sum = 0;
  for (size_t i = 0; i < idx.size();) {
    size_t j = i;
    while (j < idx.size() && score[idx[j]] == score[idx[i]]) ++j;
    double avg_rank = 0.5 * double(i + 1 + j);  // ranks i+1..j
    for (size_t k = i; k < j; ++k)
      if (label[idx[k]]) rank_sum += avg_rank;
    i = j;
  }
  for (int l : label) (l ? pos : neg) += 1;
  if (pos == 0 || neg == 0) return 0.5;
  return (rank_sum - pos * (pos + 1) / 2) / (pos * neg);
}

double auc_standard_error(double a, double n_pos, double n_neg) {
  if (n_pos < 1 || n_neg < 1) return 0;
  double q1 = a / (2 - a), q2 = 2 * a * a / (1 + a);
  double v = (a * (1 - a) + (n_pos - 1) * (q1 - a * a) + (n_neg - 1) * (q2 - a * a)) / (n_pos * n_neg);
  return std::sqrt(std::max(v, 0.0));
}

double brier(const std::vector<double>& prob, const std::vector<int>& label) {
  if (prob.empty()) return 0;
  double s = 0;
  for (size_t i = 0; i < prob.size(); ++i) s += (prob[i] - label[i]) * (prob[i] - label[i]);
  return s / double(prob.size());
}

double log_loss(const std::vector<double>& prob, const std::vector<int>& label) {
  if (prob.empty()) return 0;
  double s = 0;
  for (size_t i = 0; i < prob.size(); ++i) {
    double p = std::clamp(prob[i], 1e-12, 1 - 1e-12);
    s -= label[i] ? std::log(p) : std::log(1 - p);
  }
  return s / double(prob.size());
}

double Confusion::accuracy() const {
  int n = tp + fp + tn + fn;
  return n ? double(tp + tn) / n : 0;
}
double Confusion::fpr() const { return fp + tn ? double(fp) / (fp + tn) : 0; }
double Confusion::recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }

Confusion confusion(const std::vector<double>& prob, const std::vector<int>& label, double threshold) {
  Confusion c;
  for (size_t i = 0; i < prob.size(); ++i) {
    bool flagged = prob[i] >= threshold;
    if (label[i]) (flagged ? c.tp : c.fn)++;
    else (flagged ? c.fp : c.tn)++;
  }
  return c;
}

double apply_platt(const Platt& c, double margin) { return 1.0 / (1.0 + std::exp(-(c.a * margin + c.b))); }

Platt fit_platt(const std::vector<double>& margin, const std::vector<int>& label) {
  Platt c;
  for (int it = 0; it < 100; ++it) {
    // Gradient and Hessian of the mean negative log-likelihood in (a, b).
    double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
    for (size_t i = 0; i < margin.size(); ++i) {
      double p = apply_platt(c, margin[i]);
      double d = p - label[i], w = std::max(p * (1 - p), 1e-12), m = margin[i];
      ga += d * m;
      gb += d;
      haa += w * m * m;
      hab += w * m;
      hbb += w;
    }
    // A tiny ridge keeps the step defined when the data are separable.
    haa += 1e-9;
    hbb += 1e-9;
    double det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    // Halve steps that would overshoot wildly (separable data drive a to infinity).
    double step = 1.0;
    while (step > 1e-4 && (std::fabs(step * da) > 5 || std::fabs(step * db) > 5)) step *= 0.5;
    c.a -= step * da;
    c.b -= step * db;
    if (std::fabs(step * da) < 1e-12 && std::fabs(step * db) < 1e-12) break;
  }
  return c;
}

}  // namespace fm::train
