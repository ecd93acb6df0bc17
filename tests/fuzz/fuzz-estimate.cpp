// Fuzzes the audience estimator's entry point fm::api_estimate (a follower sample as JSON).
#include <cstddef>
#include <cstdint>
#include <string>

#include "api.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  fm_fuzz::check_api_answer(fm::api_estimate(text), "api_estimate");
  return 0;
}
