// Fuzzes the profile entry points: fm::api_analyze_profile and fm::api_account_from_profile.
// Input: the web_profile_info document, optionally followed by a NUL byte and the options
// JSON (without one, options are "{}"), so one corpus drives both arguments.
#include <cstddef>
#include <cstdint>
#include <string>

#include "account.h"
#include "api.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t nul = text.find('\0');
  std::string profile = text.substr(0, nul);
  std::string options = nul == std::string::npos ? "{}" : text.substr(nul + 1);
  fm_fuzz::check_api_answer(fm::api_analyze_profile(profile, options), "api_analyze_profile");
  std::string rec = fm::api_account_from_profile(profile);
  fm::json j = fm_fuzz::check_api_answer(rec, "api_account_from_profile");
  // A record the engine made must be one the engine reads.
  if (!j.contains("error")) {
    auto acc = fm::account_from_text(rec);
    if (!acc) fm_fuzz::fail("api_account_from_profile made a record account_from_text refuses: " + acc.error().text());
  }
  return 0;
}
