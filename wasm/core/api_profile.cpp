// PLACEHOLDER until profile analysis lands (issue 4).
#include "api.h"
namespace fm {
std::string api_analyze_profile(const std::string&, const std::string&) {
  return api_error("engine.todo", "profile analysis not built yet");
}
std::string api_account_from_profile(const std::string&) {
  return api_error("engine.todo", "profile analysis not built yet");
}
}  // namespace fm
