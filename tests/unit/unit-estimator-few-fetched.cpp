// Property tests of the estimate with few accounts fetched in full (0 to 9 of a list): from
// kMinSubsample the double-sampling regression runs where its range is the narrower; otherwise,
// under kListPointBelow, the point is the list's own reading (estimator/audience.cpp). Seeded
// random samples, estimator_samples.h.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "estimator/student_t.h"
#include "estimator/two_phase.h"
#include "estimator_samples.h"

using namespace fm;
using namespace fm::props;

namespace {
std::string range_of(const AudienceEstimate& e) {
  return path_of(e) + " " + std::to_string(e.estimate.point) + " [" + std::to_string(e.estimate.low) + ", " +
         std::to_string(e.estimate.high) + "]";
}
}  // namespace

namespace {
// A list of sure bots and sure real accounts (lite and full scores exactly 1 or 0) with the real
// ones fetched first: the order in which the fetched all read alike longest, so the lite tier is
// set aside (no spread to fit) and the list's sure bots are all its evidence of them.
Listed real_first(Gen& g) {
  static const int sizes[] = {6, 8, 12, 30, 60, 240};
  Listed l;
  int n = sizes[g.upto(5)];
  double share = g.uni();
  for (int i = 0; i < n; ++i) l.fulls.push_back(g.uni() < share ? 1.0 : 0.0);
  std::sort(l.fulls.begin(), l.fulls.end());
  for (double v : l.fulls) l.accs.push_back(Acc{v, -1});
  l.N = g.population(n);
  return l;
}
}  // namespace

// Until 2026-12-07 the first account fetched set the list aside: its own reading replaced the
// list's (seen: 140 of these steps had the point leave the range before, by up to 98 points), and
// from kMinSubsample to 7 fetched with the lite tier set aside (it did not predict, or the fetched
// all read alike) it still did (6 fetched, all real, of a census of 30 listing sure bots read
// 0-50%; the 7th, a bot, 53%). One more account read in full is one more of the sample: it may
// narrow the range and move the point within it, not past it. What is checked, precisely: every
// step from 0 to 9 fetched of a list fetched in its (random) order, and every step from 0 to
// kListPointBelow fetched of a list of sure bots and sure real accounts fetched real ones first
// (an order a random pick gives rarely: 8 real first of 30 listing 22 bots once in 5.8 million;
// past kListPointBelow so many alike are read alone, and the next, a bot, may move the point out);
// with the lite tier set aside under kListPointBelow the point is the list's own reading.
TEST_CASE("[properties] one more account fetched in full (0 to 9 of a list) keeps the point within the range before") {
  Gen g(99);
  int steps = 0, out = 0, aside = 0, not_list = 0;
  std::string example;
  for (int it = 0; it < 400; ++it) {
    bool worst = it % 2;
    Listed l = worst ? real_first(g) : listed(g);
    AudienceEstimate none = run(l.accs, l.N), before = none;
    for (size_t m = 1; m <= std::min<size_t>(worst ? kListPointBelow : 9, l.accs.size() - 1); ++m) {
      l.accs[m - 1].full = l.fulls[m - 1];
      AudienceEstimate after = run(l.accs, l.N);
      ++steps;
      if (after.estimate.point < before.estimate.low - 1e-9 || after.estimate.point > before.estimate.high + 1e-9) {
        if (!out++) example = range_of(before) + " -> " + range_of(after) + ": " + describe(l.accs, l.N);
      }
      if (m < size_t(kListPointBelow) && !after.two_phase->lite_used) {
        ++aside;
        not_list += std::fabs(after.estimate.point - none.estimate.point) > 1e-9;
      }
      before = after;
    }
  }
  INFO(out << " of " << steps << " steps moved the point out of the range before, e.g. " << example);
  CHECK(out == 0);
  INFO(not_list << " of " << aside << " with the lite tier set aside under kListPointBelow not at the list's point");
  CHECK(aside > 500);
  CHECK(not_list == 0);
}

// The regression's range is read with Student's t at m - 2 degrees of freedom, the fetched
// accounts' alone with the normal quantile: it was chosen where its variance beat theirs at the
// same quantile, so at 4 fetched (t = 4.30) where its range was up to 2.2 times as wide. Chosen
// now only where t^2 var < z^2 var_full, i.e. t^2 / n_eff < z^2 (1/m - 1/N) (two_phase.h).
TEST_CASE("[properties] the regression is chosen only where its range, read with Student's t, is narrower") {
  const double z = AudienceInput().z;
  const ScoreProfiles& p = builtin_score_profiles().value();
  Gen g(31);
  int chosen = 0, wider = 0;
  for (int it = 0; it < 400; ++it) {
    Listed l = listed(g);
    std::vector<double> x_all, x_sub, p_sub;
    for (const Acc& a : l.accs)
      x_all.push_back(std::log(std::clamp(a.lite, 1e-4, 1 - 1e-4) / (1 - std::clamp(a.lite, 1e-4, 1 - 1e-4))));
    for (size_t m = 1; m <= std::min<size_t>(9, l.accs.size() - 1); ++m) {
      x_sub.push_back(x_all[m - 1]), p_sub.push_back(l.fulls[m - 1]);
      TwoPhaseHistogram th = two_phase_histogram(p, x_all, x_sub, p_sub, l.N, student_quantile(z, double(m) - 2) / z);
      if (!th.lite_used) continue;
      ++chosen;
      double t = student_quantile(z, double(m) - 2);
      wider += t * t / th.n_eff > z * z * (1 / double(m) - 1 / std::max(l.N, double(l.accs.size()))) * (1 + 1e-9);
    }
  }
  INFO(wider << " of " << chosen << " regressions chosen with a wider range than the fetched alone's");
  CHECK(chosen > 100);
  CHECK(wider == 0);
}

// With the lite tier set aside (under kMinSubsample fetched, or where it did not predict the full
// score) and no listed-only accounts' lite histograms blended in, nothing but the fetched accounts
// informs the range: it holds theirs (`full_only`). The regimes were read as if every listed
// account's bin were known (their exact limits at the listed count, not the fetched one): in a
// small audience 3 fetched of 8 read 39-100% where the 3 alone read 26-100%.
TEST_CASE("[properties] with the lite tier set aside, the range holds the fetched accounts' own") {
  Gen g(4242);
  int seen = 0, narrower = 0;
  std::string example;
  for (int it = 0; it < 500; ++it) {
    Listed l = listed(g);
    for (size_t m = 1; m <= std::min<size_t>(9, l.accs.size() - 1); ++m) {
      l.accs[m - 1].full = l.fulls[m - 1];
      AudienceEstimate e = run(l.accs, l.N);
      if (!e.full_only || !e.two_phase || e.two_phase->lite_used || e.two_phase->lite_model_weight > 0) continue;
      ++seen;
      if (e.estimate.low > e.full_only->low + 1e-9 || e.estimate.high < e.full_only->high - 1e-9) {
        if (!narrower++)
          example = range_of(e) + " against the fetched alone's [" + std::to_string(e.full_only->low) + ", " +
                    std::to_string(e.full_only->high) + "]: " + describe(l.accs, l.N);
      }
    }
  }
  INFO(narrower << " of " << seen << " narrower than the fetched accounts' own range, e.g. " << example);
  CHECK(seen > 1000);
  CHECK(narrower == 0);
}
