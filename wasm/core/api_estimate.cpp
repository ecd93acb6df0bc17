// PLACEHOLDER until the audience estimator lands (issue 3).
#include "api.h"
namespace fm {
std::string api_estimate(const std::string&) { return api_error("engine.todo", "estimator not built yet"); }
}  // namespace fm
