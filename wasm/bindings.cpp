// Embind glue of the scoring engine: the engine's API (wasm/core/api.h) but the comment analysis,
// which is an engine of its own (bindings_comments.cpp), and nothing else. No logic lives here.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <string>

#include "api.h"

EMSCRIPTEN_BINDINGS(fakemeter) {
  emscripten::function("version", &fm::api_version);
  emscripten::function("classifyJsonl", &fm::api_classify_jsonl);
  emscripten::function("estimateAudience", &fm::api_estimate);
  emscripten::function("analyzeProfile", &fm::api_analyze_profile);
  emscripten::function("accountFromProfile", &fm::api_account_from_profile);
  emscripten::function("rules", &fm::api_rules);
}

// classifyJsonl for big batches, without Embind's string conversion (a JS loop per character
// each way, a fifth of a 10,000-account batch): the caller writes UTF-8 into an engine buffer
// with TextEncoder.encodeInto and reads the answer back with TextDecoder. Same api call.
namespace {
std::string g_io;
}  // namespace

extern "C" {
// A buffer of `bytes` for the input; valid until the next fm_io_* call.
EMSCRIPTEN_KEEPALIVE char* fm_io_reserve(size_t bytes) {
  g_io.assign(bytes, '\0');
  return g_io.data();
}
// Classifies the buffer's first `used` bytes; the answer replaces them. Returns its length.
EMSCRIPTEN_KEEPALIVE size_t fm_io_classify_jsonl(size_t used) {
  g_io.resize(used < g_io.size() ? used : g_io.size());
  g_io = fm::api_classify_jsonl(g_io);
  return g_io.size();
}
EMSCRIPTEN_KEEPALIVE const char* fm_io_data() { return g_io.data(); }
EMSCRIPTEN_KEEPALIVE void fm_io_release() { std::string().swap(g_io); }
}
