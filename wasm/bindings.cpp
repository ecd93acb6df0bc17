// Embind glue: the engine's API (wasm/core/api.h) and nothing else. No logic lives here.
#include <emscripten/bind.h>

#include "api.h"

EMSCRIPTEN_BINDINGS(fakemeter) {
  emscripten::function("version", &fm::api_version);
  emscripten::function("classifyJsonl", &fm::api_classify_jsonl);
  emscripten::function("estimateAudience", &fm::api_estimate);
  emscripten::function("analyzeProfile", &fm::api_analyze_profile);
  emscripten::function("accountFromProfile", &fm::api_account_from_profile);
}
