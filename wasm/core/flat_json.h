// A fast path for the commonest input: a flat JSON object of plain strings and numbers,
// one per line in a big classify batch. nlohmann's lexer and DOM were most of the engine's
// time there; this scanner skips both. Anything it is not sure of (escapes, huge integers,
// nesting, bad bytes, trailing text) it declines, and the caller uses the full
// parser, so the two paths accept and reject exactly the same documents.
#pragma once
#include <string>

#include "json_util.h"

namespace fm {

// Fills `out` with the object's members and returns true, or returns false untouched-or-partial
// (the caller then discards `out` and parses with nlohmann).
bool scan_flat_object(const std::string& text, json& out);

}  // namespace fm
