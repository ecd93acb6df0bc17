// The flat-record fast path must read exactly what nlohmann reads, and decline the rest.
#include <doctest/doctest.h>

#include "account.h"
#include <cstdio>

#include "flat_json.h"

using namespace fm;

namespace {
// Either the fast path declines, or it yields the same document as the full parser.
void check_agrees(const std::string& text) {
  CAPTURE(text);
  json fast;
  bool taken = scan_flat_object(text, fast);
  json full = json::parse(text, nullptr, false);
  if (taken) {
    REQUIRE_FALSE(full.is_discarded());
    CHECK(fast == full);
    CHECK(dump_json(fast) == dump_json(full));
  }
}
}  // namespace

TEST_CASE("[flat-json] plain records take the fast path and agree with nlohmann") {
  const char* taken[] = {
      "{}",
      " { } ",
      R"({"username":"anna","follower_count":12,"is_private":true,"full_name":null})",
      R"({"username_digit_share":0.27,"x":-3,"y":1e3,"z":-0.5E-2,"b":false})",
      R"({"full_name":"Zoë 🌸","a":0,"a":7})",
      "{\"u\":\"x\"}\r\n",
  };
  for (const char* t : taken) {
    json out;
    CHECK(scan_flat_object(t, out));
    check_agrees(t);
  }
}

TEST_CASE("[flat-json] anything unusual is left to the full parser") {
  const char* declined[] = {
      R"({"a":"with \"escape\""})", R"({"a":[1,2]})",       R"({"a":{"b":1}})",
      R"({"a":01})",                R"({"a":1.})",          R"({"a":.5})",
      R"({"a":1e})",                R"({"a":123456789012345678901})", R"({"a":-})",
      R"({"a":1,})",                R"({"a" 1})",           R"({"a":1} x)",
      R"({"a":tru})",               "{\"a\":\"\x01\"}",     "{\"a\":\"\xff\"}",
      R"([1])",                     "",                     R"({"a":1)",
      R"({"a":NaN})",               R"({"a":1e999})",
  };
  for (const char* t : declined) {
    json out;
    CAPTURE(t);
    CHECK_FALSE(scan_flat_object(t, out));
    check_agrees(t);
  }
}

TEST_CASE("[flat-json] records read the same through either path") {
  // The escaped variant forces the full parser; both must give the same account.
  auto fast = account_from_text(R"({"username":"ab","follower_count":5,"username_digit_share":0.5})");
  auto full = account_from_text(R"({"username":"a\u0062","follower_count":5,"username_digit_share":0.5})");
  REQUIRE(fast.ok());
  REQUIRE(full.ok());
  CHECK(*fast.value().username == *full.value().username);
  CHECK(*fast.value().follower_count == *full.value().follower_count);
  CHECK(*fast.value().username_digit_share == *full.value().username_digit_share);
  auto err = account_from_text(R"({"follower_count":-1})");
  REQUIRE_FALSE(err.ok());
  CHECK(err.error().id == "account.range");
}

TEST_CASE("[format] fmt_num reads like printf's %g") {
  struct Case { double v; int p; const char* want; } cases[] = {
      {0, 4, "0"},         {12, 4, "12"},          {0.25, 4, "0.25"},      {1e6, 4, "1e+06"},
      {1.5e12, 12, "1.5e+12"}, {123456789, 12, "123456789"}, {6.75, 2, "6.8"}, {9.9996, 4, "10"},
      {-3.14159, 3, "-3.14"}, {0.00012345, 3, "0.000123"}, {0.000012345, 3, "1.23e-05"},
      {99999, 4, "1e+05"},  {1000, 4, "1000"},       {10000, 4, "1e+04"},   {2.5, 1, "3"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.v);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", c.p, c.v);
    CHECK(fmt_num(c.v, c.p) == c.want);
    if (c.v != 6.75 && c.v != 2.5) CHECK(fmt_num(c.v, c.p) == std::string(buf));  // ties: we round half away
  }
}
