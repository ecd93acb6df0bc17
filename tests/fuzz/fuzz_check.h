// Shared checks for the libFuzzer harnesses: beyond "no crash", every answer the engine
// gives must be well-formed, so a harness also fails on a malformed error or reply.
#pragma once
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "json_util.h"
#include "result.h"

namespace fm_fuzz {

// Stops the run with a message libFuzzer keeps next to the crashing input.
[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what.c_str());
  std::abort();
}

inline void check_error(const fm::Error& e, const char* where) {
  if (e.id.empty() || e.message.empty()) fail(std::string(where) + ": error without id or message");
}

inline void check_probability(double p, const char* where) {
  if (!(p >= 0.0 && p <= 1.0)) fail(std::string(where) + ": probability outside [0,1]: " + std::to_string(p));
}

// An API answer is one JSON object; an error is {"error":{"id":text,"message":text}}.
// Returns the parsed answer so callers can check more.
inline fm::json check_api_answer(const std::string& out, const char* where) {
  auto parsed = fm::parse_json(out, "the answer");
  if (!parsed) fail(std::string(where) + ": answer is not JSON: " + out.substr(0, 200));
  const fm::json& j = parsed.value();
  if (!j.is_object()) fail(std::string(where) + ": answer is not an object: " + out.substr(0, 200));
  auto err = j.find("error");
  if (err != j.end()) {
    if (!err->is_object()) fail(std::string(where) + ": error is not an object: " + out.substr(0, 200));
    auto id = err->find("id");
    auto msg = err->find("message");
    if (id == err->end() || !id->is_string() || id->get_ref<const std::string&>().empty() || msg == err->end() ||
        !msg->is_string() || msg->get_ref<const std::string&>().empty())
      fail(std::string(where) + ": error lacks id or message: " + out.substr(0, 200));
  }
  return parsed.value();
}

}  // namespace fm_fuzz
