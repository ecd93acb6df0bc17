// The trainer's gradient boosting: it learns a split, routes unknown values on a learned
// side, fills inner-node values for attributions, and is deterministic.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "boost.h"
#include "folds.h"

using namespace fm;
using namespace fm::train;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

FeatureVector unknown() {
  FeatureVector x;
  x.fill(kNaN);
  return x;
}

struct Problem {
  std::vector<FeatureVector> x;
  std::vector<double> y, w;
  TrainSet set() const {
    TrainSet t{&x, &y, &w, {}};
    for (size_t i = 0; i < x.size(); ++i) t.rows.push_back(static_cast<int>(i));
    return t;
  }
};

// Fake iff media count < 3; a tenth of the fakes have media count unknown; one noise feature.
Problem step_problem() {
  Problem p;
  Rng rng(7);
  for (int i = 0; i < 200; ++i) {
    FeatureVector x = unknown();
    double media = static_cast<double>(rng.below(10));
    bool fake = media < 3;
    x[kLogMediaCount] = (fake && i % 10 == 0) ? kNaN : media;
    x[kHasProfilePic] = static_cast<double>(rng.below(2));
    p.x.push_back(x);
    p.y.push_back(fake ? 1 : 0);
    p.w.push_back(1);
  }
  return p;
}
}  // namespace

TEST_CASE("[boost] a single stump finds the separating threshold and the NaN side") {
  Problem p = step_problem();
  BoostParams params{1, 1, 1.0, 0.0, 0.0, 0.0};
  BoostResult r = train_boost(p.set(), params);
  REQUIRE(r.ensemble.trees.size() == 1);
  const Tree& t = r.ensemble.trees[0];
  REQUIRE(t.feature.size() == 3);
  CHECK(t.feature[0] == kLogMediaCount);
  CHECK(t.threshold[0] == 2.5);  // midway between 2 and 3
  // Unknown media counts only occur among fakes, so NaN must follow the fake (left) side.
  CHECK(t.default_left[0] == 1);
  CHECK(t.value[t.left[0]] > 0);
  CHECK(t.value[t.right[0]] < 0);
  CHECK(r.gain[kLogMediaCount] > 0);
  CHECK(r.gain[kHasProfilePic] == 0);
}

TEST_CASE("[boost] the ensemble scores through the engine's predict_margin and separates the classes") {
  Problem p = step_problem();
  BoostResult r = train_boost(p.set(), BoostParams{30, 2, 0.3, 1.0, 1.0, 0.0});
  FeatureVector fake = unknown(), real = unknown(), missing = unknown();
  fake[kLogMediaCount] = 1;
  real[kLogMediaCount] = 8;
  CHECK(predict_margin(r.ensemble, fake) > 2);
  CHECK(predict_margin(r.ensemble, real) < -2);
  CHECK(predict_margin(r.ensemble, missing) > 0);
  // tree_output is the same walk as the engine's.
  double sum = r.ensemble.base_score;
  for (const Tree& t : r.ensemble.trees) sum += tree_output(t, fake);
  CHECK(sum == doctest::Approx(predict_margin(r.ensemble, fake)).epsilon(1e-12));
}

TEST_CASE("[boost] inner nodes hold the weighted mean below them, so attributions add up") {
  Problem p = step_problem();
  BoostResult r = train_boost(p.set(), BoostParams{5, 3, 0.3, 1.0, 1.0, 0.0});
  FeatureVector x = p.x[3];
  double contrib[kFeatureCount] = {};
  double margin = predict_margin(r.ensemble, x, contrib);
  double roots = 0, total = 0;
  for (const Tree& t : r.ensemble.trees) {
    roots += t.value[0];
    for (size_t n = 0; n < t.feature.size(); ++n) {
      if (t.feature[n] < 0) continue;
      double lo = std::min(t.value[t.left[n]], t.value[t.right[n]]);
      double hi = std::max(t.value[t.left[n]], t.value[t.right[n]]);
      CHECK(t.value[n] >= lo - 1e-6);
      CHECK(t.value[n] <= hi + 1e-6);
    }
  }
  for (double c : contrib) total += c;
  CHECK(margin == doctest::Approx(r.ensemble.base_score + roots + total).epsilon(1e-9));
}

TEST_CASE("[boost] depth and min child weight limit the trees") {
  Problem p = step_problem();
  BoostResult deep = train_boost(p.set(), BoostParams{3, 2, 0.3, 0.0, 1.0, 0.0});
  for (const Tree& t : deep.ensemble.trees) CHECK(t.feature.size() <= 7);
  // A child needs more hessian than the whole set has: no split at all.
  BoostResult none = train_boost(p.set(), BoostParams{2, 3, 0.3, 1000.0, 1.0, 0.0});
  for (const Tree& t : none.ensemble.trees) CHECK(t.feature.size() == 1);
}

TEST_CASE("[boost] training twice gives identical trees") {
  Problem p = step_problem();
  BoostParams params{20, 3, 0.2, 1.0, 1.0, 0.0};
  auto a = ensemble_to_json(train_boost(p.set(), params).ensemble).dump();
  auto b = ensemble_to_json(train_boost(p.set(), params).ensemble).dump();
  CHECK(a == b);
}

TEST_CASE("[boost] round_sig keeps the requested significant digits") {
  CHECK(round_sig(0.123456789123, 7) == 0.1234568);
  CHECK(round_sig(-1234.56789, 5) == -1234.6);
  CHECK(round_sig(0.0, 7) == 0.0);
}

TEST_CASE("[boost] a monotone constraint forbids splits against its direction") {
  // Fakes have *more* media here; a -1 constraint on media must keep the score flat or falling.
  Problem p;
  for (int i = 0; i < 100; ++i) {
    FeatureVector x = unknown();
    x[kLogMediaCount] = i % 10;
    p.x.push_back(x);
    p.y.push_back(i % 10 >= 5 ? 1 : 0);
    p.w.push_back(1);
  }
  BoostParams free{10, 2, 0.3, 1.0, 1.0, 0.0};
  BoostParams down = free;
  down.monotone[kLogMediaCount] = -1;
  auto score = [](const Ensemble& e, double media) {
    FeatureVector x = unknown();
    x[kLogMediaCount] = media;
    return predict_margin(e, x);
  };
  Ensemble unconstrained = train_boost(p.set(), free).ensemble;
  CHECK(score(unconstrained, 9) > score(unconstrained, 0) + 1);
  Ensemble constrained = train_boost(p.set(), down).ensemble;
  for (int m = 1; m < 10; ++m) CHECK(score(constrained, m) <= score(constrained, m - 1) + 1e-12);
}
