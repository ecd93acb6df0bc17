// Fuzzes the model file: fm::model_from_text must turn any corrupt model into an error.
// A model it accepts is then used to score, so a bad link or index that slipped through
// validation shows up as an out-of-bounds read under ASan.
#include <cstddef>
#include <cstdint>
#include <string>

#include "classifier.h"
#include "fuzz_check.h"
#include "model.h"

namespace {
// Records that walk different paths: everything known, nothing known, lite only, extremes.
const char* const kRecords[] = {
    R"({"username":"anna.smith","full_name":"Anna Smith","biography":"hi","is_private":false,"is_verified":false,"has_profile_pic":true,"media_count":120,"follower_count":800,"following_count":300})",
    R"({})",
    R"({"username":"user8734629","has_profile_pic":false,"phase":"lite"})",
    R"({"username_length":12,"username_digit_count":12,"media_count":0,"follower_count":10000000000,"following_count":0})",
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto m = fm::model_from_text(text);
  if (!m) {
    fm_fuzz::check_error(m.error(), "model_from_text");
    return 0;
  }
  // What the engine writes, it reads back.
  auto again = fm::model_from_text(fm::dump_json(fm::model_to_json(m.value())));
  if (!again) fm_fuzz::fail("a model does not survive its own round trip: " + again.error().text());
  for (const char* rec : kRecords) {
    auto acc = fm::account_from_text(rec);
    if (!acc) fm_fuzz::fail("fixed record rejected: " + acc.error().text());
    for (fm::Tier t : {fm::Tier::kLite, fm::Tier::kFull}) {
      double p = fm::classify_at(m.value(), acc.value(), t).fake_probability;
      fm_fuzz::check_probability(p, "classify with fuzzed model");
      double q = fm::classify_at(again.value(), acc.value(), t).fake_probability;
      if (p != q) fm_fuzz::fail("round-tripped model scores differently");
    }
  }
  return 0;
}
