// Inputs the fuzzers (tests/fuzz/) found that crashed or misbehaved, kept as plain tests so
// a fix can never quietly regress. Each names the harness and what went wrong.
#include <doctest/doctest.h>

#include <string>

#include "account.h"
#include "model.h"

using namespace fm;

TEST_CASE("Regression test for fuzz finding - model with a non-text \"format\" aborted the engine") {
  // fuzz-model, first minute: json::value("format", std::string()) on a number throws
  // type_error, which under JSON_NOEXCEPTION is abort(). Now a model.format error.
  for (const char* text : {R"({"format": 888888888888888888})", R"({"format": ["fakemeter-model"]})",
                           R"({"format": null})", R"([1,2])", R"("fakemeter-model")"}) {
    auto r = model_from_text(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().id == "model.format");
  }
}

TEST_CASE("Regression test for fuzz finding - model with a non-text \"version\" aborted the engine") {
  // Same cause as above, in j.value("version", ...): reached once "format" was checked.
  json j = model_to_json(builtin_model());
  j["version"] = 12;
  auto r = model_from_text(dump_json(j));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "model.shape");
  j["version"] = nullptr;  // absent or null still means "unversioned"
  auto ok = model_from_text(dump_json(j));
  REQUIRE(ok.ok());
  CHECK(ok.value().version == "unversioned");
}

TEST_CASE("Regression test for fuzz finding - text after a NUL byte was silently ignored") {
  // The fuzz-model crash input was a model followed by "\0\0\0" and garbage: nlohmann's lexer
  // treats NUL as the end of input, so '{}\0anything' parsed as '{}'. Now a json.parse error.
  auto r = account_from_text(std::string("{\"username\":\"anna\"}\0{\"is_private\":true", 38));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "json.parse");
  CHECK(r.error().message == "the account record is not valid JSON: NUL byte at byte 19");
}
