// L2-regularised logistic regression on sparse binary features, trained by full-batch
// AdaGrad in a fixed order: the same data gives the same weights, bit for bit.
#pragma once
#include <cstdint>
#include <vector>

namespace fm::spam {

struct Sample {
  std::vector<uint32_t> features;  // bucket indices, no repeats
  int label = 0;                   // 1 spam, 0 not
};

struct Logistic {
  std::vector<double> w;
  double bias = 0;
  double margin(const std::vector<uint32_t>& f) const;
};

struct TrainSettings {
  uint32_t buckets = 1024;  // picked by the grouped cross-validation (train-spam --sweep)
  double l2 = 1e-2;         // on the mean log loss; likewise picked
  int iterations = 400;
  double rate = 0.5;
};

Logistic train_logistic(const std::vector<Sample>& data, const TrainSettings& s);

// Area under the ROC curve (Mann-Whitney, ties count half).
double auc(const std::vector<double>& score, const std::vector<int>& label);

}  // namespace fm::spam
