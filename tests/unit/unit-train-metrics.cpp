// The trainer's measures: AUC, Brier, confusion rates, Platt calibration, the threshold
// rule and the fold assignment.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "folds.h"
#include "metrics.h"
#include "pipeline.h"

using namespace fm::train;

TEST_CASE("[metrics] AUC counts ordered pairs, ties as half") {
  CHECK(auc({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}) == doctest::Approx(0.75));
  CHECK(auc({0.1, 0.2, 0.3}, {0, 1, 1}) == 1.0);
  CHECK(auc({0.3, 0.2, 0.1}, {0, 1, 1}) == 0.0);
  CHECK(auc({0.5, 0.5, 0.5, 0.5}, {0, 1, 0, 1}) == 0.5);
  CHECK(auc({0.2, 0.5, 0.5}, {0, 0, 1}) == doctest::Approx(0.75));  // one win, one tie
  CHECK(auc({0.2, 0.3}, {1, 1}) == 0.5);                            // no negatives: undefined
}

TEST_CASE("[metrics] Brier, log loss and confusion rates") {
  CHECK(brier({1.0, 0.0, 0.5}, {1, 0, 1}) == doctest::Approx(0.25 / 3));
  CHECK(log_loss({0.5, 0.5}, {1, 0}) == doctest::Approx(std::log(2.0)));
  Confusion c = confusion({0.9, 0.6, 0.4, 0.2, 0.7}, {1, 0, 1, 0, 1}, 0.5);
  CHECK(c.tp == 2);
  CHECK(c.fp == 1);
  CHECK(c.fn == 1);
  CHECK(c.tn == 1);
  CHECK(c.accuracy() == doctest::Approx(0.6));
  CHECK(c.fpr() == doctest::Approx(0.5));
  CHECK(c.recall() == doctest::Approx(2.0 / 3));
}

TEST_CASE("[calibration] Platt scaling recovers a known logistic relation") {
  // Labels drawn from p = sigmoid(2m - 1) for margins on a grid.
  std::vector<double> m;
  std::vector<int> y;
  Rng rng(11);
  for (int i = 0; i < 4000; ++i) {
    double margin = -3 + 6.0 * (i % 100) / 99.0;
    double p = 1 / (1 + std::exp(-(2 * margin - 1)));
    m.push_back(margin);
    y.push_back(double(rng.below(1000000)) / 1e6 < p ? 1 : 0);
  }
  Platt c = fit_platt(m, y);
  CHECK(c.a == doctest::Approx(2.0).epsilon(0.1));
  CHECK(c.b == doctest::Approx(-1.0).epsilon(0.15));
  CHECK(apply_platt(c, 0.5) == doctest::Approx(0.5).epsilon(0.05));
}

TEST_CASE("[calibration] separable data do not blow up") {
  Platt c = fit_platt({-2, -1, 1, 2}, {0, 0, 1, 1});
  CHECK(std::isfinite(c.a));
  CHECK(std::isfinite(c.b));
  CHECK(c.a > 1);
}

TEST_CASE("[threshold] best accuracy with the false-positive rate capped") {
  // 10 real, 4 fake. Without a tight cap the best cut flags 0.55 and up (1 false positive).
  std::vector<double> p = {0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4, 0.4, 0.5, 0.6, 0.55, 0.58, 0.7, 0.9};
  std::vector<int> y = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
  double t = pick_threshold(p, y, 0.10);
  CHECK(t > 0.5);
  CHECK(t <= 0.55);
  Confusion c = confusion(p, y, t);
  CHECK(c.fp == 1);
  CHECK(c.tp == 4);
  // With no false positive allowed the cut moves above 0.6.
  double strict = pick_threshold(p, y, 0.0);
  CHECK(strict > 0.6);
  CHECK(strict <= 0.7);
}

TEST_CASE("[threshold] equal accuracy goes to the higher threshold") {
  // Flagging 0.55+ (tp 3, fp 1) and flagging 0.65+ (tp 2, fp 0) are equally accurate.
  std::vector<double> p = {0.1, 0.2, 0.3, 0.4, 0.6, 0.55, 0.7, 0.9};
  std::vector<int> y = {0, 0, 0, 0, 0, 1, 1, 1};
  double t = pick_threshold(p, y, 0.5);
  CHECK(t > 0.6);
  CHECK(t <= 0.7);
}

TEST_CASE("[folds] stratified, balanced and fixed by the seed") {
  std::vector<std::string> g;
  for (int i = 0; i < 103; ++i) g.push_back(i % 10 == 0 ? "a/1" : (i % 3 ? "a/0" : "b/0"));
  auto f1 = stratified_folds(g, 5, 42);
  auto f2 = stratified_folds(g, 5, 42);
  auto f3 = stratified_folds(g, 5, 43);
  CHECK(f1 == f2);
  CHECK(f1 != f3);
  std::map<std::string, std::vector<int>> per;
  for (size_t i = 0; i < g.size(); ++i) {
    per[g[i]].resize(5);
    per[g[i]][f1[i]]++;
  }
  for (const auto& group : per) {  // not a structured binding: clang 14 cannot capture one in the assert
    auto [lo, hi] = std::minmax_element(group.second.begin(), group.second.end());
    CHECK_MESSAGE(*hi - *lo <= 1, group.first);
  }
}

TEST_CASE("[metrics] AUC standard error follows Hanley-McNeil") {
  // By hand: Q1 = 0.9/1.1, Q2 = 2*0.81/1.9, SE^2 = (0.09 + 49(Q1-0.81) + 49(Q2-0.81)) / 2500.
  CHECK(std::fabs(auc_standard_error(0.9, 50, 50) - 0.03212) < 0.0001);
  CHECK(auc_standard_error(0.9, 500, 500) < auc_standard_error(0.9, 50, 50));
  CHECK(auc_standard_error(0.9, 0, 10) == 0);
}
