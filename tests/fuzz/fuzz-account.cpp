// Fuzzes one account record: fm::account_from_text, then scoring at every tier with the
// builtin model, and checks the flat-record fast parser against nlohmann. A record is what a followers page or a data set hands the engine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "account.h"
#include "classifier.h"
#include "flat_json.h"
#include "fuzz_check.h"
#include "utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // The flat-record fast path must read exactly what nlohmann reads, whenever it takes a text.
  fm::json flat;
  if (fm::scan_flat_object(text, flat)) {
    fm::json full = fm::json::parse(text, nullptr, false);
    if (full.is_discarded()) fm_fuzz::fail("flat_json took a text nlohmann rejects");
    if (fm::dump_json(full) != fm::dump_json(flat)) fm_fuzz::fail("flat_json and nlohmann read different values");
  }
  auto acc = fm::account_from_text(text);
  if (!acc) {
    fm_fuzz::check_error(acc.error(), "account_from_text");
    return 0;
  }
  const fm::Model& m = fm::builtin_model();
  for (auto c : {fm::classify(m, acc.value()), fm::classify_at(m, acc.value(), fm::Tier::kLite),
                 fm::classify_at(m, acc.value(), fm::Tier::kFull)}) {
    fm_fuzz::check_probability(c.fake_probability, "classify");
    if (c.reasons.size() > 3) fm_fuzz::fail("classify: more than 3 reasons");
    // Reasons quote numbers, never the record's text, so they are always valid UTF-8.
    for (const auto& r : c.reasons)
      if (r.empty() || !fm::utf8_valid(r)) fm_fuzz::fail("classify: empty or invalid reason");
  }
  // The hot path must agree with the explained path.
  fm::FeatureVector x = fm::extract_features(acc.value());
  fm::Tier tier = fm::pick_tier(acc.value());
  double p = fm::fake_probability(m, x, tier);
  double q = fm::classify(m, acc.value()).fake_probability;
  if (std::fabs(p - q) > 1e-12) fm_fuzz::fail("fake_probability and classify disagree");
  return 0;
}
