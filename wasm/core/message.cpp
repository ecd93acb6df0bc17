#include "message.h"

#include <cmath>

#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

json params_json(std::initializer_list<Param> params) {
  json out = json::object();
  for (const Param& p : params) {
    double v = p.value;
    if (std::isfinite(v) && std::fabs(v) < 9e15 && v == std::floor(v)) out[p.key] = int64_t(v);
    else out[p.key] = v;
  }
  return out;
}

json message_with(const char* id, json params) {
  json m = json::object();
  m["id"] = id;
  m["params"] = std::move(params);
  return m;
}

json message(const char* id, std::initializer_list<Param> params) { return message_with(id, params_json(params)); }

}  // namespace fm

FM_SIZE_OPTIMIZED_END
