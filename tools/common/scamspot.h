// ScamSpot's comment data covers two kinds of account: crypto (exchanges, coins, crypto news)
// and the others (business news, personal finance). The tools split them by name.
#pragma once
#include <string>

namespace fm::scamspot {

inline bool crypto_account(const std::string& name) {
  for (const char* k : {"crypto", "bitcoin", "coin", "binance", "kraken", "btc"})
    if (name.find(k) != std::string::npos) return true;
  return false;
}

}  // namespace fm::scamspot
