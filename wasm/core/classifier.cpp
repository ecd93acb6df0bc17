#include "classifier.h"

#include "reasons.h"

namespace fm {

namespace {
// The lite model never saw profile-level inputs; hide them so a full record scored
// at lite tier gets exactly the lite answer.
void mask_to_tier(FeatureVector& x, Tier tier) {
  if (tier == Tier::kLite)
    for (int f = kLiteFeatureCount; f < kFeatureCount; ++f) x[f] = std::nan("");
}

// The packed trees, unless the ensemble changed after packing (tests that edit a model):
// then a fresh packing, so a stale one can never score.
const PackedEnsemble& scoring_trees(const TierModel& t, PackedEnsemble& scratch) {
  if (t.packed.roots.size() == t.ensemble.trees.size() && t.packed.base_score == t.ensemble.base_score) return t.packed;
  scratch = pack_ensemble(t.ensemble);
  return scratch;
}
}  // namespace

double fake_probability(const Model& m, const FeatureVector& x, Tier tier) {
  const TierModel& t = m.tier(tier);
  FeatureVector masked = x;
  mask_to_tier(masked, tier);
  PackedEnsemble scratch;
  return sigmoid(t.platt_a * predict_margin(scoring_trees(t, scratch), masked) + t.platt_b);
}

Classification classify_at(const Model& m, const Account& a, Tier tier) {
  const TierModel& t = m.tier(tier);
  FeatureVector x = extract_features(a);
  mask_to_tier(x, tier);
  double contrib[kFeatureCount] = {};
  PackedEnsemble scratch;
  double margin = predict_margin(scoring_trees(t, scratch), x, contrib);
  Classification c;
  c.tier = tier;
  c.fake_probability = sigmoid(t.platt_a * margin + t.platt_b);
  c.is_fake = c.fake_probability >= t.threshold;
  // Calibration scales the margin; a negative slope would flip what "fake-like" means.
  if (t.platt_a < 0)
    for (double& v : contrib) v = -v;
  c.reasons = explain(a, x, contrib, c.is_fake);
  return c;
}

Classification classify(const Model& m, const Account& a) { return classify_at(m, a, pick_tier(a)); }

}  // namespace fm
