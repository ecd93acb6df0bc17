// Evaluation measures on scores and 0/1 labels, and Platt calibration.
#pragma once
#include <vector>

namespace fm::train {

// Area under the ROC curve (Mann-Whitney; tied scores count half). 0.5 if a class is empty.
double auc(const std::vector<double>& score, const std::vector<int>& label);
// Standard error of an AUC from n_pos positives and n_neg negatives (Hanley & McNeil 1982).
double auc_standard_error(double auc, double n_pos, double n_neg);
// Mean squared error of probabilities.
double brier(const std::vector<double>& prob, const std::vector<int>& label);
double log_loss(const std::vector<double>& prob, const std::vector<int>& label);

struct Confusion {
  int tp = 0, fp = 0, tn = 0, fn = 0;
  double accuracy() const;
  double fpr() const;     // fp / real
  double recall() const;  // tp / fake
};
// Flags prob >= threshold as fake.
Confusion confusion(const std::vector<double>& prob, const std::vector<int>& label, double threshold);

struct Platt {
  double a = 1, b = 0;  // p = sigmoid(a * margin + b)
};
// Maximum-likelihood fit by Newton's method (deterministic, a few dozen steps).
Platt fit_platt(const std::vector<double>& margin, const std::vector<int>& label);
double apply_platt(const Platt& c, double margin);

}  // namespace fm::train
