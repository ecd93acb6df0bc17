// Native twin of `fakemeter classify`: JSON Lines in on stdin, the same JSON Lines out.
// Used by the parity test (native vs wasm) and for quick checks without node.
#include <iostream>
#include <iterator>
#include <string>

#include "api.h"

int main() {
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::string out = fm::api_classify_jsonl(in);
  std::cout << out;
  return out.find("{\"error\"") == std::string::npos ? 0 : 1;
}
