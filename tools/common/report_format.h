// Number formats of the tools' Markdown reports (METRICS.md, EVALUATION.md), shared so the
// reports print alike. Header only: tools/common holds no executable of its own.
#pragma once
#include <cstdio>
#include <string>

namespace fm::report {

// Fixed point: fixed(0.12345, 3) -> "0.123".
inline std::string fixed(double v, int decimals) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*f", decimals, v);
  return b;
}
inline std::string f1(double v) { return fixed(v, 1); }
inline std::string f3(double v) { return fixed(v, 3); }
// A share as a percentage with one decimal: 0.955 -> "95.5%".
inline std::string pct(double share) { return fixed(share * 100, 1) + "%"; }

}  // namespace fm::report
