// Fuzzes one account record: fm::account_from_text, then scoring at every tier with the
// builtin model, and checks the flat-record fast parser against nlohmann. A record is what a followers page or a data
// set hands the engine.
#include <cstddef>
#include <cstdint>
#include <string>

#include "account.h"
#include "classifier.h"
#include "flat_json.h"
#include "fuzz_check.h"
#include "utf8.h"

namespace {
bool same_account(const fm::Account& a, const fm::Account& b) {
  return a.username == b.username && a.full_name == b.full_name && a.biography == b.biography &&
         a.external_url == b.external_url && a.is_private == b.is_private && a.is_verified == b.is_verified &&
         a.has_profile_pic == b.has_profile_pic && a.media_count == b.media_count &&
         a.follower_count == b.follower_count && a.following_count == b.following_count &&
         a.username_length == b.username_length && a.username_digit_count == b.username_digit_count &&
         a.biography_length == b.biography_length && a.has_external_url == b.has_external_url &&
         a.username_digit_share == b.username_digit_share && a.full_name_digit_share == b.full_name_digit_share &&
         a.full_name_word_count == b.full_name_word_count &&
         a.full_name_equals_username == b.full_name_equals_username && a.lite_only == b.lite_only;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  // The flat-record fast path must read exactly what nlohmann reads, whenever it takes a text.
  fm::FlatObject flat;
  if (fm::scan_flat_object(text, flat)) {
    fm::json full = fm::json::parse(text, nullptr, false);
    if (full.is_discarded()) fm_fuzz::fail("flat_json took a text nlohmann rejects");
    if (fm::dump_json(full) != fm::dump_json(fm::flat_to_json(flat)))
      fm_fuzz::fail("flat_json and nlohmann read different values");
    // ...and the fast account reader reads what the full one reads, or declines.
    fm::Account fast;
    if (fm::account_from_flat(flat, fast)) {
      auto slow = fm::account_from_json(full);
      if (!slow) fm_fuzz::fail("account_from_flat took a record account_from_json refuses");
      if (!same_account(fast, slow.value())) fm_fuzz::fail("account_from_flat and account_from_json differ");
    }
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
