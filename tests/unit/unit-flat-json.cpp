// The flat-record fast path must read exactly what nlohmann reads, and decline the rest.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>
#include "account.h"

#include "flat_json.h"

using namespace fm;

namespace {
// Either the fast path declines, or it yields the same document as the full parser.
void check_agrees(const std::string& text) {
  CAPTURE(text);
  FlatObject flat;
  bool taken = scan_flat_object(text, flat);
  json full = json::parse(text, nullptr, false);
  if (taken) {
    json fast = flat_to_json(flat);
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
    FlatObject out;
    CHECK(scan_flat_object(t, out));
    check_agrees(t);
  }
}

namespace {
// Whether a decimal token lies in the range where the fast path must read it itself: at most
// 15 significant digits (leading zeros do not count) and a power of ten within 10^+-22.
bool in_fast_range(const std::string& num) {
  std::string mantissa = num.substr(0, num.find_first_of("eE"));
  int exp10 = mantissa.size() < num.size() ? std::atoi(num.c_str() + mantissa.size() + 1) : 0;
  size_t dot = mantissa.find('.');
  if (dot != std::string::npos) exp10 -= static_cast<int>(mantissa.size() - dot - 1);
  std::string digits;
  for (char c : mantissa)
    if (c >= '0' && c <= '9') digits += c;
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return true;  // zero
  return digits.size() - first <= 15 && exp10 >= -22 && exp10 <= 22;
}
}  // namespace

TEST_CASE("[flat-json] decimals read exactly as strtod reads them") {
  // The fast decimal path must take every decimal in its range and round it as strtod does;
  // random decimals of every length and exponent, including the 15/16-digit and 10^22/10^23
  // edges where it hands over to strtod. The scanner must take them all either way.
  uint64_t state = 42;
  auto next = [&]() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return state >> 33;
  };
  std::vector<std::string> nums;
  for (int k = 0; k < 20000; ++k) {
    std::string digits = std::to_string(next()) + std::to_string(next());
    digits = digits.substr(0, 1 + next() % 18);
    digits[0] = static_cast<char>('1' + next() % 9);  // JSON forbids leading zeros
    size_t dot = next() % (digits.size() + 1);
    std::string num =
        (next() % 2 ? "-" : "") + digits.substr(0, dot) + (dot < digits.size() ? "." + digits.substr(dot) : "");
    if (num.back() == '.' || num[0] == '.' || (num[0] == '-' && num[1] == '.')) num.insert(num.find('.'), "0");
    if (next() % 2) num += "e" + std::to_string(static_cast<int>(next() % 60) - 30);
    nums.push_back(num);
  }
  for (const char* t :
       {"0.1", "-0.0", "1e22", "1e23", "123456789012345.6", "9007199254740993.0", "0.000000000000000000000001",
        "1.7976931348623157e308", "0.0000123", "999999999999999e-22", "1000000000000000.5", "1e-22", "1e-23"})
    nums.push_back(t);
  int fast = 0, slow = 0;
  for (const std::string& num : nums) {
    if (num.find_first_of(".eE") == std::string::npos) continue;  // whole numbers stay integers
    CAPTURE(num);
    double got = 0;
    bool taken = fast_decimal(num, got);
    CHECK(taken == in_fast_range(num));
    if (taken) {
      double want = std::strtod(num.c_str(), nullptr);
      CHECK(std::memcmp(&got, &want, sizeof got) == 0);  // bit for bit, the sign of zero too
      ++fast;
    } else {
      ++slow;
    }
    FlatObject flat;
    CHECK(scan_flat_object("{\"x\":" + num + "}", flat));
    check_agrees("{\"x\":" + num + "}");
  }
  // Both paths were exercised, the fast one on most numbers.
  CHECK(fast > 5000);
  CHECK(slow > 1000);
}

TEST_CASE("[flat-json] anything unusual is left to the full parser") {
  const char* declined[] = {
      R"({"a":"with \"escape\""})",
      R"({"a":[1,2]})",
      R"({"a":{"b":1}})",
      R"({"a":01})",
      R"({"a":1.})",
      R"({"a":.5})",
      R"({"a":1e})",
      R"({"a":123456789012345678901})",
      R"({"a":-})",
      R"({"a":1,})",
      R"({"a" 1})",
      R"({"a":1} x)",
      R"({"a":tru})",
      "{\"a\":\"\x01\"}",
      "{\"a\":\"\xff\"}",
      R"([1])",
      "",
      R"({"a":1)",
      R"({"a":NaN})",
      R"({"a":1e999})",
      // more members than the fast path holds
      R"({"a":0,"b":1,"c":2,"d":3,"e":4,"f":5,"g":6,"h":7,"i":8,"j":9,"k":10,"l":11,"m":12,"n":13,)"
      R"("o":14,"p":15,"q":16,"r":17,"s":18,"t":19,"u":20,"v":21,"w":22,"x":23,"y":24,"z":25,"A":26,)"
      R"("B":27,"C":28,"D":29,"E":30,"F":31,"G":32,"H":33,"I":34,"J":35,"K":36,"L":37,"M":38,"N":39,"O":40})",
  };
  for (const char* t : declined) {
    FlatObject out;
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

namespace {
// The fast reader either declines or reads exactly the account the full reader reads.
void check_same_account(const std::string& text, bool want_fast) {
  CAPTURE(text);
  FlatObject flat;
  Account fast;
  bool taken = scan_flat_object(text, flat) && account_from_flat(flat, fast);
  CHECK(taken == want_fast);
  auto full = parse_json(text, "test");
  REQUIRE(full.ok());
  auto slow = account_from_json(full.value());
  if (!taken) return;
  REQUIRE(slow.ok());
  const Account& s = slow.value();
  CHECK(fast.username == s.username);
  CHECK(fast.full_name == s.full_name);
  CHECK(fast.is_private == s.is_private);
  CHECK(fast.has_profile_pic == s.has_profile_pic);
  CHECK(fast.follower_count == s.follower_count);
  CHECK(fast.username_digit_share == s.username_digit_share);
  CHECK(fast.lite_only == s.lite_only);
}
}  // namespace

TEST_CASE("[flat-json] the fast account reader agrees with the full one or declines") {
  check_same_account(R"({"username":"anna","follower_count":12,"is_private":1,"has_profile_pic":false})", true);
  check_same_account(R"({"username":"a","username":null,"phase":"lite","phase":"full"})", true);
  check_same_account(R"({"follower_count":3,"follower_count":null,"username_digit_share":1})", true);
  check_same_account(R"({"unknown":[1,{"x":2}],"username":"anna"})", false);  // nested: full parser
  // Anything the full reader words as an error, or reads by a rule of its own, is declined.
  const char* declined[] = {
      R"({"follower_count":-1})",
      R"({"follower_count":-0})",
      R"({"follower_count":5.0})",
      R"({"follower_count":10000000001})",
      R"({"is_private":2})",
      R"({"is_private":"yes"})",
      R"({"username_digit_share":1.5})",
      R"({"phase":"medium"})",
      R"({"error":null})",
      R"({"username_length":2,"username_digit_count":3})",
      R"({"username":5})",
      R"({"username":"anna","has_anonymous_profile_picture":true})",  // read inverted by the full reader
      R"({"edge_follow":5})",                                         // Instagram's nested count: not an object
      R"({"edge_followed_by":null})",
  };
  for (const char* t : declined) {
    CAPTURE(t);
    FlatObject flat;
    Account a;
    REQUIRE(scan_flat_object(t, flat));
    CHECK_FALSE(account_from_flat(flat, a));
  }
}

TEST_CASE("[format] fmt_num reads like printf's %g") {
  struct Case {
    double v;
    int p;
    const char* want;
  } cases[] = {
      {0, 4, "0"},
      {12, 4, "12"},
      {0.25, 4, "0.25"},
      {1e6, 4, "1e+06"},
      {1.5e12, 12, "1.5e+12"},
      {123456789, 12, "123456789"},
      {6.75, 2, "6.8"},
      {9.9996, 4, "10"},
      {-3.14159, 3, "-3.14"},
      {0.00012345, 3, "0.000123"},
      {0.000012345, 3, "1.23e-05"},
      {99999, 4, "1e+05"},
      {1000, 4, "1000"},
      {10000, 4, "1e+04"},
      {2.5, 1, "3"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.v);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", c.p, c.v);
    CHECK(fmt_num(c.v, c.p) == c.want);
    if (c.v != 6.75 && c.v != 2.5) CHECK(fmt_num(c.v, c.p) == std::string(buf));  // ties: we round half away
  }
}

TEST_CASE("[format] append_json_string writes what nlohmann's dump writes") {
  // Special bytes at every offset of words of eight (the writer skips plain words whole),
  // every control byte, quotes, backslashes, multi-byte UTF-8 and invalid bytes.
  std::vector<std::string> texts = {
      "", "plain ascii text of some length", "Zoë 🌸 ünïcödé", "bad \xff byte", "\xe2\x82", "tab\there", "del\x7f"};
  for (int c = 0; c < 0x20; ++c) texts.push_back(std::string("ab") + static_cast<char>(c) + "cd");
  for (char special : {'"', '\\', '\n', '\x01', '\x1f'})
    for (size_t at = 0; at < 20; ++at) {
      std::string s(20, 'x');
      s[at] = special;
      texts.push_back(s);
      texts.push_back(s + "\xc3\xa9");  // and a high byte after it
    }
  for (const auto& t : texts) {
    CAPTURE(t);
    std::string out = "prefix:";
    append_json_string(out, t);
    CHECK(out == "prefix:" + dump_json(json(t)));
  }
}
