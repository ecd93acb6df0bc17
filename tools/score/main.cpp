// Native twin of `fakemeter classify`: JSON Lines in on stdin, the same JSON Lines out.
// Used by the parity test (native vs wasm) and for quick checks without node.
// `score --estimate`: one estimate request per line in, api_estimate's answer per line out (the
// parity test's estimates).
#include <iostream>
#include <iterator>
#include <string>

#include "api.h"

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "--estimate") {
    for (std::string line; std::getline(std::cin, line);) std::cout << fm::api_estimate(line) << '\n';
    return 0;
  }
  std::string in((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  std::string out = fm::api_classify_jsonl(in);
  std::cout << out;
  return out.find("{\"error\"") == std::string::npos ? 0 : 1;
}
