// A fast path for the commonest input: a flat JSON object of plain strings and numbers,
// one per line in a big classify batch. nlohmann's lexer and DOM were most of the engine's
// time there; this scanner skips both and hands back views into the text. Anything it is
// not sure of (escapes, huge integers, nesting, bad bytes, trailing text, too many members)
// it declines, and the caller uses the full parser, so the two paths accept and reject
// exactly the same documents.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "json_util.h"

namespace fm {

struct FlatValue {
  enum class Kind : uint8_t { kNull, kBool, kInt, kUint, kDouble, kString };
  Kind kind;
  bool b;
  int64_t i;           // kInt: negative whole numbers
  uint64_t u;          // kUint: non-negative whole numbers (as nlohmann stores them)
  double d;            // kDouble
  std::string_view s;  // kString: the raw bytes between the quotes (no escapes, valid UTF-8)
};

struct FlatMember {
  std::string_view key;
  FlatValue value;
};

// Members in document order; a repeated key appears twice (the last one counts, as in nlohmann).
// A record with more members than this goes to the full parser.
struct FlatObject {
  static constexpr size_t kMaxMembers = 40;
  FlatMember members[kMaxMembers];
  size_t size = 0;
};

// Fills `out` and returns true, or returns false (the caller then parses with nlohmann).
// The views in `out` point into `text`.
bool scan_flat_object(std::string_view text, FlatObject& out);

// Reads a JSON number token that has a fraction or an exponent (grammar already checked)
// without strtod when that is exact: at most 15 significant digits and a power of ten within
// 10^+-22 (Clinger's fast path). Returns false, leaving `out` alone, for anything else.
bool fast_decimal(std::string_view token, double& out);

// The document nlohmann would build from the same text (for tests and the differential fuzzer).
json flat_to_json(const FlatObject& obj);

}  // namespace fm
