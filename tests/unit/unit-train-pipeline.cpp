// The whole training run on a small synthetic problem: it produces a model the engine
// loads, with its threshold and cv stats from the SRF rows, and the same bytes every time.
#include <doctest/doctest.h>

#include <cmath>

#include "account.h"
#include "folds.h"
#include "pipeline.h"

using namespace fm;
using namespace fm::train;

namespace {
// Fakes follow many, post little and often lack an avatar; noise keeps the classes overlapping.
std::vector<Sample> synthetic() {
  std::vector<Sample> out;
  Rng rng(3);
  const char* sets[] = {"srf", "kaggle", "instafake"};
  for (int s = 0; s < 3; ++s) {
    for (int i = 0; i < 120; ++i) {
      int label = i % 4 == 0 ? 1 : 0;
      bool noisy = rng.below(6) == 0;
      bool looks_fake = label ^ noisy;
      json rec = {{"follower_count", looks_fake ? rng.below(100) : 100 + rng.below(2000)},
                  {"following_count", looks_fake ? 1000 + rng.below(5000) : rng.below(1000)},
                  {"media_count", looks_fake ? rng.below(3) : rng.below(300)},
                  {"has_profile_pic", !(looks_fake && rng.below(2) == 0)}};
      if (s == 0) rec["username"] = looks_fake ? "user" + std::to_string(rng.below(100000)) : "anna.meier";
      auto acc = account_from_json(rec);
      REQUIRE(acc.ok());
      out.push_back(Sample{sets[s], i, label, rec, extract_features(acc.value())});
    }
  }
  return out;
}

std::string train_once(const std::vector<Sample>& samples, const std::vector<int>& fold) {
  RunOptions quick;
  quick.quick = true;
  TierRun full = run_tier(samples, fold, Tier::kFull, quick);
  TierRun lite = run_tier(samples, fold, Tier::kLite, quick);
  return dump_json(model_to_json(make_model(lite, full)));
}
}  // namespace

TEST_CASE("[pipeline] a training run gives a loadable model with SRF-based stats, byte-identical on rerun") {
  auto samples = synthetic();
  std::vector<std::string> groups;
  for (const auto& s : samples) groups.push_back(s.set + "/" + std::to_string(s.label));
  auto fold = stratified_folds(groups, kFolds, kFoldSeed);

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
