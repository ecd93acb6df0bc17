// Embind glue of the comment-analysis engine: api_analyze_comments (wasm/core/api.h) and the
// version. It is built from the same core as the scoring engine (bindings.cpp) but loaded only
// when an audit reads comments, so the engine every profile page loads stays small. No logic
// lives here.
#include <emscripten/bind.h>

#include <string>

#include "api.h"

EMSCRIPTEN_BINDINGS(fakemeter_comments) {
  emscripten::function("version", &fm::api_version);
  emscripten::function("analyzeComments", &fm::api_analyze_comments);
}
