// Native scoring throughput, JSON parsing included: the same call the wasm engine makes.
// Usage: bench-score FILE.jsonl [REPEATS]  -> one JSON line with accounts/s and ms per 10k.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "api.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench-score FILE.jsonl [REPEATS]\n";
    return 2;
  }
  std::ifstream f(argv[1], std::ios::binary);
  if (!f) {
    std::cerr << "bench-score: cannot read " << argv[1] << "\n";
    return 2;
  }
  std::string in((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  int repeats = argc > 2 ? std::max(1, std::atoi(argv[2])) : 7;
  size_t records = std::count(in.begin(), in.end(), '\n');
  std::vector<double> ms;
  size_t sink = 0;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = std::chrono::steady_clock::now();
    sink += fm::api_classify_jsonl(in).size();
    auto t1 = std::chrono::steady_clock::now();
    ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  double median = ms[ms.size() / 2];
  std::cout << "{\"records\":" << records << ",\"repeats\":" << repeats << ",\"median_ms\":" << median
            << ",\"best_ms\":" << ms.front() << ",\"accounts_per_s\":" << records / (median / 1000.0)
            << ",\"out_bytes\":" << sink / repeats << "}\n";
  return 0;
}
