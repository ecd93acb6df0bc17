// The training run on a small synthetic problem: the committed model's run (a model the engine
// loads, its threshold and cv stats from the SRF rows, the same bytes every time), the
// leave-one-set-out evaluation (held-out accounts never in training), the direction rule and the
// hyper-parameter file.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
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
std::vector<Sample> synthetic() {
  std::vector<Sample> out;
  Rng rng(3);
  const char* sets[] = {"srf", "kaggle", "instafake", "flipped"};
  for (int s = 0; s < 4; ++s) {
    bool flipped = s == 3;
    for (int i = 0; i < 120; ++i) {
      int label = i % 4 == 0 ? 1 : 0;
      bool noisy = rng.below(6) == 0;
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
  json j = params_to_json(lite, full, "abc");
  j["full"]["weighting"] = "srf only";
  auto bad = params_from_json(j);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("weighting") != std::string::npos);
  CHECK_FALSE(params_from_json(json::object()).ok());
}
