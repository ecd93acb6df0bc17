// The training run on a small synthetic problem: the committed model's run (a model the engine
// loads, its threshold and cv stats from the SRF rows, the same bytes every time), the
// leave-one-set-out evaluation (held-out accounts never in training), the direction rule and the
// hyper-parameter file.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <numeric>
#include <set>

#include "account.h"
#include "folds.h"
#include "pipeline.h"
#include "report.h"

using namespace fm;
using namespace fm::train;

namespace {
// Fakes follow many, post little and often lack an avatar; noise keeps the classes overlapping.
// In the set "flipped" fakes follow few: following per follower points the other way there. The
// first fakes of "kaggle" are the same accounts as the first fakes of "srf".
// With clean_srf, SRF's accounts always look like what they are (its in-set standard is easy).
std::vector<Sample> synthetic(bool clean_srf = false) {
  std::vector<Sample> out;
  Rng rng(3);
  const char* sets[] = {"srf", "kaggle", "instafake", "flipped"};
  for (int s = 0; s < 4; ++s) {
    bool flipped = s == 3;
    for (int i = 0; i < 120; ++i) {
      int label = i % 4 == 0 ? 1 : 0;
      bool noisy = rng.below(6) == 0 && !(clean_srf && s == 0);
      bool looks_fake = label ^ noisy;
      json rec = {{"follower_count", looks_fake ? rng.below(100) : 100 + rng.below(2000)},
                  {"following_count", looks_fake != flipped ? 1000 + rng.below(5000) : rng.below(100)},
                  {"media_count", looks_fake ? rng.below(3) : rng.below(300)},
                  {"has_profile_pic", !(looks_fake && rng.below(2) == 0)}};
      std::string user = "user" + std::to_string(s * 1000 + i);
      if (s == 1 && label && i < 20) user = "user" + std::to_string(i);  // the same account as in srf
      if (s < 2) rec["username"] = user;
      auto acc = account_from_json(rec);
      REQUIRE(acc.ok());
      Sample smp;
      smp.set = sets[s];
      smp.row = i;
      smp.label = label;
      smp.account = s < 2 ? "@" + user : std::string(sets[s]) + "#" + std::to_string(i);
      smp.record = rec;
      smp.x = extract_features(acc.value());
      out.push_back(smp);
    }
  }
  return out;
}

Config quick_config(int depth) {
  Config c;
  c.params = BoostParams{40, depth, 0.2, 1.0, 1.0, 0.0};
  c.weighting = Weighting::kBalanced;
  return c;
}

std::string train_once(const std::vector<Sample>& samples, const std::vector<int>& fold) {
  TierRun full = run_tier(samples, fold, Tier::kFull, quick_config(2));
  TierRun lite = run_tier(samples, fold, Tier::kLite, quick_config(2));
  return dump_json(model_to_json(make_model(lite, full)));
}
}  // namespace

TEST_CASE("[pipeline] a training run gives a loadable model with SRF-based stats, byte-identical on rerun") {
  auto samples = synthetic();
  auto fold = account_folds(samples, kFolds, kFoldSeed);

  std::string a = train_once(samples, fold);
  std::string b = train_once(samples, fold);
  CHECK(a == b);

  auto m = model_from_text(a);
  REQUIRE(m.ok());
  CHECK(m.value().version.rfind("gbt-", 0) == 0);
  const TierModel& full = m.value().full;
  CHECK(full.threshold > 0);
  CHECK(full.threshold < 1);
  CHECK(full.cv.n_fake == 30);  // the SRF rows only: 120 with every fourth fake
  CHECK(full.cv.n_real == 90);
  CHECK(full.cv.fpr <= 0.03);
  CHECK(full.cv.auc > 0.75);
  CHECK(full.platt_a > 0);
  // The lite model never splits on profile-level features.
  for (const Tree& t : m.value().lite.ensemble.trees)
    for (int16_t f : t.feature) CHECK(f < kLiteFeatureCount);
}

TEST_CASE("[folds] one account, one fold: rows sharing an account key share their fold") {
  auto samples = synthetic();
  auto fold = account_folds(samples, kFolds, kFoldSeed);
  std::map<std::string, std::set<int>> folds_of;
  for (size_t i = 0; i < samples.size(); ++i) folds_of[samples[i].account].insert(fold[i]);
  int shared = 0;
  for (const auto& entry : folds_of) CHECK_MESSAGE(entry.second.size() == 1, entry.first);
  for (const auto& s : samples)
    shared += s.set == "kaggle" && s.account.rfind("@user", 0) == 0 && s.label && s.row < 20;
  CHECK(shared == 5);  // every fourth row is fake: rows 0, 4, ..., 16 of kaggle are srf's accounts
  CHECK(grouped_folds({"a", "a", "a", "b"}, {"x", "y", "x", "z"}, 2, 1)[0] ==
        grouped_folds({"a", "a", "a", "b"}, {"x", "y", "x", "z"}, 2, 1)[2]);
}

TEST_CASE("[pipeline] the direction rule sets aside a feature whose direction flips between sets") {
  auto samples = synthetic();
  std::vector<int> all(samples.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = int(i);
  auto flagged = inconsistent_features(samples, all, Tier::kFull);
  std::set<int> f(flagged.begin(), flagged.end());
  CHECK(f.count(kLogFollowingCount));    // fakes follow many in three sets, few in "flipped"
  CHECK_FALSE(f.count(kLogMediaCount));  // fakes post little everywhere
  std::vector<int> without;
  for (size_t i = 0; i < samples.size(); ++i)
    if (samples[i].set != "flipped") without.push_back(int(i));
  CHECK_FALSE(std::set<int>(inconsistent_features(samples, without, Tier::kFull).begin(),
                            inconsistent_features(samples, without, Tier::kFull).end())
                  .count(kLogFollowingCount));
}

TEST_CASE("[pipeline] a feature fewer than three sets carry is set aside, in every fit") {
  auto samples = synthetic();
  std::vector<int> all(samples.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = int(i);
  std::set<int> scarce;
  for (int f : scarce_features(samples, all, Tier::kFull)) scarce.insert(f);
  CHECK(scarce.count(kUsernameTrailingDigits));  // usernames: srf and kaggle only
  CHECK(scarce.count(kIsVerified));              // no set
  CHECK_FALSE(scarce.count(kLogMediaCount));     // every set
  CHECK_FALSE(scarce.count(kHasProfilePic));
  auto fold = account_folds(samples, kFolds, kFoldSeed);
  Fit f = fit_tier(samples, fold, all, Tier::kFull, quick_config(2));
  for (const Tree& t : f.model.ensemble.trees)
    for (int16_t feature : t.feature) CHECK(!scarce.count(feature));
}

TEST_CASE("[pipeline] leave-one-set-out: each held-out set's accounts stay out of its training rows") {
  auto samples = synthetic();
  auto fold = account_folds(samples, kFolds, kFoldSeed);
  RunOptions quick;
  quick.quick = true;
  TierEvaluation ev = evaluate_tier(samples, fold, Tier::kFull, quick);
  REQUIRE(ev.held_out.size() == 4);
  CHECK(ev.grid.size() >= 2);
  for (const HeldOut& h : ev.held_out) {
    std::set<std::string> held;
    for (const auto& s : samples)
      if (s.set == h.set) held.insert(s.account);
    for (int i : h.fit.rows) {
      CHECK(samples[size_t(i)].set != h.set);
      CHECK_MESSAGE(!held.count(samples[size_t(i)].account), h.set << " trained on " << samples[size_t(i)].account);
    }
    int scored = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
      bool test = samples[i].set == h.set;
      CHECK(std::isnan(h.prob[i]) != test);
      scored += test;
    }
    CHECK(h.metrics.n == scored);
    CHECK(h.fit.threshold_set == (h.set == "srf" ? "pooled" : "srf"));
  }
  // srf's accounts shared with kaggle: 5 of kaggle's rows are left out when srf is held out.
  size_t srf_train = ev.held_out[0].fit.rows.size();
  CHECK(srf_train == 3 * 120 - 5);
  // The three sets that agree rank the held-out sets' accounts well.
  CHECK(ev.held_out[0].metrics.auc > 0.8);
  std::string loso = loso_jsonl(samples, ev, ev);
  CHECK(loso.find("\"role\":\"test\"") != std::string::npos);
  CHECK(loso.find("\"holdout\":\"flipped\"") != std::string::npos);
}

TEST_CASE("[pipeline] row weights: every set alike, SRF's share multiplied by srf_weight, summing to the rows") {
  auto samples = synthetic();
  std::vector<int> all(samples.size());
  std::iota(all.begin(), all.end(), 0);
  auto totals = [&](const std::vector<double>& w) {
    std::map<std::string, double> t;
    for (int i : all) t[samples[size_t(i)].set + "/" + std::to_string(samples[size_t(i)].label)] += w[size_t(i)];
    return t;
  };
  Config c = quick_config(2);
  auto alike = row_weights(samples, all, c);
  // The default is the weighting as it was, to the last bit: 480 rows, 4 sets, 30 fakes and 90 real each.
  CHECK(alike[0] == 480.0 / (8.0 * 30));  // row 0 of srf is a fake
  CHECK(alike[1] == 480.0 / (8.0 * 90));
  c.srf_weight = 3;
  auto heavy = totals(row_weights(samples, all, c));
  // SRF 3 shares of 6, the other three sets 1 each; each set's fakes and real accounts half of it.
  CHECK(heavy["srf/1"] == doctest::Approx(120.0));
  CHECK(heavy["srf/0"] == doctest::Approx(120.0));
  CHECK(heavy["kaggle/1"] == doctest::Approx(40.0));
  CHECK(heavy["flipped/0"] == doctest::Approx(40.0));
  double sum = 0;
  for (const auto& [k, v] : heavy) sum += v;
  CHECK(sum == doctest::Approx(480.0));
  // Without SRF's rows its weight changes nothing.
  std::vector<int> no_srf;
  for (int i : all)
    if (samples[size_t(i)].set != "srf") no_srf.push_back(i);
  CHECK(row_weights(samples, no_srf, c) == row_weights(samples, no_srf, quick_config(2)));
}

TEST_CASE("[pipeline] SRF's weight moves the other held-out sets' scores, never SRF's own held out") {
  auto samples = synthetic();
  auto fold = account_folds(samples, kFolds, kFoldSeed);
  RunOptions one, heavy;
  one.only = quick_config(2);
  heavy.only = quick_config(2);
  heavy.only->srf_weight = 4;
  TierEvaluation a = evaluate_tier(samples, fold, Tier::kFull, one);
  TierEvaluation b = evaluate_tier(samples, fold, Tier::kFull, heavy);
  REQUIRE(a.held_out.size() == 4);
  REQUIRE(b.held_out[0].set == "srf");
  CHECK(b.chosen.config.srf_weight == 4);
  for (size_t i = 0; i < samples.size(); ++i)
    if (samples[i].set == "srf") CHECK(a.held_out[0].prob[i] == b.held_out[0].prob[i]);
  CHECK(a.held_out[0].metrics.auc == b.held_out[0].metrics.auc);
  bool moved = false;
  for (size_t h = 1; h < 4; ++h)
    for (size_t i = 0; i < samples.size(); ++i)
      if (samples[i].set == a.held_out[h].set) moved = moved || a.held_out[h].prob[i] != b.held_out[h].prob[i];
  CHECK(moved);
}

TEST_CASE("[pipeline] the selection tries SRF's multipliers in order and stops at the first that keeps both") {
  RunOptions opt;
  opt.srf_weights = {1, 2};
  // The rules, not the grid, are under test: the default grid took 143 s of CPU under ASan.
  opt.tiny_grid = true;
  // Noisy SRF: no candidate reaches 95% in-set at any multiplier; the first multiplier's pick stays.
  auto noisy = synthetic();
  TierEvaluation ev = evaluate_tier(noisy, account_folds(noisy, kFolds, kFoldSeed), Tier::kFull, opt);
  REQUIRE(ev.srf_trials.size() == 2);
  CHECK(ev.srf_trials[0].srf_weight == 1);
  CHECK(ev.srf_trials[1].srf_weight == 2);
  CHECK_FALSE(ev.srf_trials[0].kept);
  CHECK_FALSE(ev.srf_trials[1].kept);
  CHECK(ev.chosen.config.srf_weight == 1);
  CHECK(ev.set_aside.size() == ev.srf_trials[0].checked.size());
  for (const auto& c : ev.grid) CHECK(c.config.srf_weight == 1);
  // Clean SRF: the first multiplier keeps it, and the second is never tried.
  opt.srf_weights = {2, 1};
  auto clean = synthetic(true);
  ev = evaluate_tier(clean, account_folds(clean, kFolds, kFoldSeed), Tier::kFull, opt);
  REQUIRE(ev.srf_trials.size() == 1);
  CHECK(ev.srf_trials[0].kept);
  CHECK(ev.chosen.config.srf_weight == 2);
  CHECK(ev.set_aside.empty());
  CHECK(ev.srf_trials[0].checked.back().second.at_threshold.accuracy() >= 0.95);
}

TEST_CASE("[pipeline] hyper-parameters round-trip through their file; a bad one is an error") {
  Config lite = quick_config(2), full = quick_config(3);
  full.weighting = Weighting::kSets;
  full.consistent_features = true;
  full.params.n_trees = 66;
  auto p = params_from_json(params_to_json(lite, full, "abc"));
  REQUIRE(p.ok());
  CHECK(p.value().data_fingerprint == "abc");
  CHECK(p.value().full.params.n_trees == 66);
  CHECK(p.value().full.params.max_depth == 3);
  CHECK(p.value().full.weighting == Weighting::kSets);
  CHECK(p.value().lite.weighting == Weighting::kBalanced);
  CHECK(p.value().full.consistent_features);
  CHECK(p.value().full.params.monotone[kLogFollowerCount] == -1);  // the constraints come with it
  // SRF's weight: written only when it is not 1, so the committed file reads as it did.
  CHECK_FALSE(params_to_json(lite, full, "abc")["full"].contains("srf_weight"));
  full.srf_weight = 2.5;
  auto weighted = params_from_json(params_to_json(lite, full, "abc"));
  REQUIRE(weighted.ok());
  CHECK(weighted.value().full.srf_weight == 2.5);
  CHECK(weighted.value().lite.srf_weight == 1);
  json heavy = params_to_json(lite, full, "abc");
  heavy["full"]["srf_weight"] = 0;
  auto zero = params_from_json(heavy);
  REQUIRE_FALSE(zero.ok());
  CHECK(zero.error().message.find("full.srf_weight") != std::string::npos);
  full.srf_weight = 1;
  json j = params_to_json(lite, full, "abc");
  j["full"]["weighting"] = "srf only";
  auto bad = params_from_json(j);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("weighting") != std::string::npos);
  CHECK_FALSE(params_from_json(json::object()).ok());
}
