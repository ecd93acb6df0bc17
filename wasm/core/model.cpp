#include "model.h"

#include <cmath>

#include "size_optimized.h"
#include "utf8.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
bool num(const json& j, const char* key, double& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number()) return false;
  out = it->get<double>();
  return std::isfinite(out);
}

Result<TierModel> tier_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) return make_error("model.shape", where + " must be an object");
  TierModel t;
  auto ens = j.find("ensemble");
  if (ens == j.end()) return make_error("model.shape", where + ".ensemble is missing");
  auto e = ensemble_from_json(*ens, where + ".ensemble");
  if (!e) return e.error();
  t.ensemble = std::move(e.value());
  auto cal = j.find("calibration");
  if (cal == j.end() || !cal->is_object() || !num(*cal, "a", t.platt_a) || !num(*cal, "b", t.platt_b))
    return make_error("model.shape", where + ".calibration needs numbers a and b");
  if (!num(j, "threshold", t.threshold) || t.threshold <= 0 || t.threshold >= 1)
    return make_error("model.shape", where + ".threshold must be a number strictly between 0 and 1");
  auto cv = j.find("cv");
  if (cv == j.end() || !cv->is_object() || !num(*cv, "tpr", t.cv.tpr) || !num(*cv, "fpr", t.cv.fpr) ||
      !num(*cv, "n_fake", t.cv.n_fake) || !num(*cv, "n_real", t.cv.n_real) || !num(*cv, "auc", t.cv.auc))
    return make_error("model.shape", where + ".cv needs numbers tpr, fpr, n_fake, n_real, auc");
  if (t.cv.tpr < 0 || t.cv.tpr > 1 || t.cv.fpr < 0 || t.cv.fpr > 1 || t.cv.n_fake < 1 || t.cv.n_real < 1)
    return make_error("model.shape", where + ".cv rates must lie in [0,1] and rest on at least one account each");
  return t;
}

json tier_to_json(const TierModel& t) {
  return {
      {"ensemble", ensemble_to_json(t.ensemble)},
      {"calibration", {{"a", t.platt_a}, {"b", t.platt_b}}},
      {"threshold", t.threshold},
      {"cv",
       {{"tpr", t.cv.tpr}, {"fpr", t.cv.fpr}, {"n_fake", t.cv.n_fake}, {"n_real", t.cv.n_real}, {"auc", t.cv.auc}}}};
}
}  // namespace

Result<Model> model_from_text(const std::string& text) {
  auto parsed = parse_json(text, "the model file");
  if (!parsed) return make_error("model.parse", parsed.error().message);
  const json& j = parsed.value();
  // json::value() aborts on a wrong type under JSON_NOEXCEPTION: check types first.
  auto format = j.is_object() ? j.find("format") : j.end();
  if (!j.is_object() || format == j.end() || !format->is_string() || *format != kModelFormat)
    return make_error("model.format",
                      "not a Fakemeter model file (expected \"format\": \"" + std::string(kModelFormat) + "\")");
  auto fv = j.find("format_version");
  if (fv == j.end() || !fv->is_number_integer() || fv->get<int64_t>() != kModelFormatVersion)
    return make_error("model.format", "unsupported model format_version (this engine reads version " +
                                          std::to_string(kModelFormatVersion) + ")");
  // The file names its features so a model trained against another feature list is refused.
  auto names = j.find("features");
  if (names == j.end() || !names->is_array() || names->size() != kFeatureCount)
    return make_error("model.features", "the model's feature list does not match this engine's " +
                                            std::to_string(kFeatureCount) + " features");
  for (int f = 0; f < kFeatureCount; ++f)
    if (!(*names)[f].is_string() || (*names)[f].get<std::string>() != feature_name(f))
      return make_error("model.features", "model feature " + std::to_string(f) + " is not '" + feature_name(f) + "'");
  Model m;
  auto version = j.find("version");
  if (version == j.end() || version->is_null()) {
    m.version = "unversioned";
  } else if (!version->is_string() || version->get_ref<const std::string&>().size() > kMaxModelVersionBytes ||
             !utf8_valid(version->get_ref<const std::string&>())) {
    return make_error("model.shape", "the model's version must be UTF-8 text of at most " +
                                         std::to_string(kMaxModelVersionBytes) + " bytes");
  } else {
    m.version = version->get<std::string>();
  }
  auto tiers = j.find("tiers");
  if (tiers == j.end() || !tiers->is_object() || !tiers->contains("lite") || !tiers->contains("full"))
    return make_error("model.shape", "the model needs tiers.lite and tiers.full");
  auto lite = tier_from_json((*tiers)["lite"], "tiers.lite");
  if (!lite) return lite.error();
  auto full = tier_from_json((*tiers)["full"], "tiers.full");
  if (!full) return full.error();
  size_t nodes = 0;
  for (const TierModel* t : {&lite.value(), &full.value()})
    for (const Tree& tree : t->ensemble.trees) nodes += tree.feature.size();
  if (nodes > kMaxModelNodes)
    return make_error("model.limit", "the model has " + std::to_string(nodes) + " tree nodes, limit " +
                                         std::to_string(kMaxModelNodes));
  m.lite = std::move(lite.value());
  m.full = std::move(full.value());
  pack_tiers(m);
  return m;
}

void pack_tiers(Model& m) {
  for (TierModel* t : {&m.lite, &m.full}) t->packed = pack_ensemble(t->ensemble);
}

json model_to_json(const Model& m) {
  json names = json::array();
  for (int f = 0; f < kFeatureCount; ++f) names.push_back(feature_name(f));
  return {{"format", kModelFormat},
          {"format_version", kModelFormatVersion},
          {"version", m.version},
          {"features", names},
          {"tiers", {{"lite", tier_to_json(m.lite)}, {"full", tier_to_json(m.full)}}}};
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
