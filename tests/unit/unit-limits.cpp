// Input limits: each named limit holds at its edge and past it gives its error id and a
// message naming the limit, instead of unbounded work, a stack overflow or an abort.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "api.h"
#include "classifier.h"
#include "model.h"

using namespace fm;

namespace {
std::string nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A JSON array of `n` zeros.
std::string zeros(size_t n) {
  std::string s = "[";
  for (size_t i = 0; i < n; ++i) s += i ? ",0" : "0";
  return s + "]";
}

size_t count_lines(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

// A valid model: one stump per tier.
json toy_model_json() {
  Model m;
  m.version = "limits";
  for (TierModel* t : {&m.lite, &m.full}) {
    Tree tree;
    tree.feature = {int16_t(kHasProfilePic), -1, -1};
    tree.threshold = {0.5, 0, 0};
    tree.left = {1, 0, 0};
    tree.right = {2, 0, 0};
    tree.default_left = {0, 0, 0};
    tree.value = {0, 1.0, -1.0};
    t->ensemble.trees = {tree};
    t->cv = {0.8, 0.05, 100, 900, 0.9};
  }
  return model_to_json(m);
}

// A tree of `n` nodes as JSON text: a root split and n-1 leaves (the extra leaves are unreachable
// but valid). The big models below are written as text, not built as json values: the tests' own
// code is unoptimised, and under the sanitizers building them element by element took ~110 of this
// file's ~120 s; the code under test (the parser and the model's checks) reads the same text.
std::string tree_text(size_t n) {
  const std::string feature = std::to_string(int(kHasProfilePic));
  const std::pair<std::string, const char*> arrays[] = {
      {"default_left\":[0,0,0", ",0"}, {"feature\":[" + feature + ",-1,-1", ",-1"},
      {"left\":[1,0,0", ",0"},         {"right\":[2,0,0", ",0"},
      {"threshold\":[0.5,0,0", ",0"},  {"value\":[0,1.0,-1.0", ",0"}};
  std::string t = "{";
  for (const auto& [head, more] : arrays) {
    t += (t.size() > 1 ? ",\"" : "\"") + head;
    for (size_t k = 3; k < n; ++k) t += more;
    t += "]";
  }
  return t + "}";
}

// A JSON array of `n` copies of `item` (JSON text).
std::string repeated(const std::string& item, size_t n) {
  std::string s = "[";
  s.reserve(n * (item.size() + 1) + 2);
  for (size_t i = 0; i < n; ++i) (s += i ? "," : "") += item;
  return s + "]";
}

// The model's text with each tier's trees given as text (a JSON array) in place of its own.
std::string with_trees(json model, const std::string& lite, const std::string& full) {
  model["tiers"]["lite"]["ensemble"]["trees"] = "@lite@";
  model["tiers"]["full"]["ensemble"]["trees"] = "@full@";
  std::string text = dump_json(model);
  for (const auto& [mark, trees] : {std::pair{"\"@lite@\"", &lite}, std::pair{"\"@full@\"", &full}})
    text.replace(text.find(mark), std::string(mark).size(), *trees);
  return text;
}

// The text of `model`'s trees in `tier` (a JSON array).
std::string trees_text(const json& model, const char* tier) {
  return dump_json(model["tiers"][tier]["ensemble"]["trees"]);
}

Error model_error(const std::string& text) {
  auto r = model_from_text(text);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

Error model_error(const json& j) { return model_error(dump_json(j)); }
}  // namespace

TEST_CASE("[limits] JSON nesting stops at kMaxJsonDepth before the parser runs") {
  CHECK(parse_json(nested(kMaxJsonDepth), "doc").ok());
  auto r = parse_json(nested(kMaxJsonDepth + 1), "doc");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "json.depth");
  CHECK(r.error().message == "doc nests deeper than 64 levels (at byte 64)");
  // Far past the limit (this would overflow the stack in nlohmann's recursive dump/copy).
  auto deep = parse_json("{\"a\":" + nested(1'000'000) + "}", "doc");
  REQUIRE_FALSE(deep.ok());
  CHECK(deep.error().id == "json.depth");
  auto objects = parse_json(std::string(100'000, '{'), "doc");
  REQUIRE_FALSE(objects.ok());
  CHECK(objects.error().id == "json.depth");
}

TEST_CASE("[limits] brackets inside strings do not count toward depth") {
  std::string s = "\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"";
  auto r = parse_json("[" + s + "," + s + "]", "doc");
  REQUIRE(r.ok());
  CHECK(r.value()[0].get_ref<const std::string&>().size() == 2001);
}

TEST_CASE("[limits] an account record nested too deep is an error, not a crash") {
  auto r = account_from_text("{\"username\":" + nested(100'000) + "}");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "json.depth");
  CHECK(r.error().message.find("the account record nests deeper than 64 levels") == 0);
}

TEST_CASE("[limits] a document past kMaxJsonBytes is refused unread") {
  std::string big = "\"" + std::string(kMaxJsonBytes, 'a') + "\"";
  auto r = parse_json(big, "doc");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "json.size");
  CHECK(r.error().message == "doc is too large (" + std::to_string(kMaxJsonBytes + 2) + " bytes, limit " +
                                 std::to_string(kMaxJsonBytes) + ")");
}

TEST_CASE("[limits] a document of more than kMaxJsonValues values is refused") {
  // An array of n elements counts n + 1 values (itself and each element).
  CHECK(parse_json(zeros(kMaxJsonValues - 1), "doc").ok());
  auto r = parse_json(zeros(kMaxJsonValues), "doc");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "json.size");
  CHECK(r.error().message.find("doc has more than 1000000 values") == 0);
}

TEST_CASE("[limits] a NUL byte is a syntax error, not the end of the text") {
  auto r = parse_json(std::string("{}\0garbage", 10), "doc");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "json.parse");
  CHECK(r.error().message == "doc is not valid JSON: NUL byte at byte 2");
}

TEST_CASE("[limits] an account record past kMaxRecordBytes is refused") {
  std::string pad(kMaxRecordBytes, ' ');
  auto ok = account_from_text("{\"username\":\"anna\"}" + pad.substr(0, kMaxRecordBytes - 19));
  CHECK(ok.ok());
  auto r = account_from_text("{\"username\":\"anna\"}" + pad);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().id == "account.size");
  CHECK(r.error().message == "the account record is too long (" + std::to_string(kMaxRecordBytes + 19) +
                                 " bytes, limit " + std::to_string(kMaxRecordBytes) + ")");
  // In a batch, the long line fails alone and says where.
  std::string out = api_classify_jsonl("{}\n{\"username\":\"anna\"}" + pad + "\n{}\n");
  CHECK(count_lines(out) == 3);
  CHECK(out.find("{\"error\":\"line 2: [account.size] the account record is too long") != std::string::npos);
}

TEST_CASE("[limits] a classify batch of more than kMaxJsonlRecords records is refused whole") {
  std::string batch;
  for (size_t i = 0; i < kMaxJsonlRecords; ++i) batch += "{}\n \t\n";  // blank lines do not count
  std::string out = api_classify_jsonl(batch);
  CHECK(count_lines(out) == kMaxJsonlRecords);
  CHECK(out.find("error") == std::string::npos);
  out = api_classify_jsonl(batch + "{}");
  CHECK(out ==
        "{\"error\":{\"id\":\"classify.limit\",\"message\":\"the batch has more than 100000 records "
        "(the next one is on line 200001): split it into smaller batches\"}}\n");
}

TEST_CASE("[limits] a classify batch past kMaxJsonlBytes is refused whole") {
  std::string out = api_classify_jsonl(std::string(kMaxJsonlBytes + 1, '\n'));
  CHECK(out.rfind("{\"error\":{\"id\":\"classify.limit\",\"message\":\"the batch is too large (", 0) == 0);
  CHECK(count_lines(out) == 1);
}

TEST_CASE("[limits] a model with more than kMaxTrees trees per tier is refused") {
  json j = toy_model_json();
  const std::string stump = dump_json(j["tiers"]["full"]["ensemble"]["trees"][0]), lite = trees_text(j, "lite");
  CHECK(model_from_text(with_trees(j, lite, repeated(stump, kMaxTrees))).ok());
  Error e = model_error(with_trees(j, lite, repeated(stump, kMaxTrees + 1)));
  CHECK(e.id == "model.limit");
  CHECK(e.message == "tiers.full.ensemble.trees has 10001 trees, limit 10000");
}

TEST_CASE("[limits] a tree of more than kMaxTreeNodes nodes is refused") {
  json j = toy_model_json();
  const std::string full = trees_text(j, "full");
  CHECK(model_from_text(with_trees(j, "[" + tree_text(kMaxTreeNodes) + "]", full)).ok());
  Error e = model_error(with_trees(j, "[" + tree_text(kMaxTreeNodes + 1) + "]", full));
  CHECK(e.id == "model.limit");
  CHECK(e.message == "tiers.lite.ensemble.trees[0] has 32769 nodes, limit 32768");
}

TEST_CASE("[limits] a model of more than kMaxModelNodes nodes in all is refused") {
  json j = toy_model_json();
  const std::string big = tree_text(kMaxModelNodes / 4), two = "[" + big + "," + big;
  CHECK(model_from_text(with_trees(j, two + "]", two + "]")).ok());  // exactly at the limit
  const std::string leaf =
      R"({"feature":[-1],"threshold":[0],"left":[0],"right":[0],"default_left":[0],"value":[0.5]})";
  Error e = model_error(with_trees(j, two + "]", two + "," + leaf + "]"));
  CHECK(e.id == "model.limit");
  CHECK(e.message == "the model has 100001 tree nodes, limit 100000");
}

TEST_CASE("[limits] model values stay within kMaxAbsTreeValue so margins stay finite") {
  json j = toy_model_json();
  j["tiers"]["lite"]["ensemble"]["base_score"] = 2e6;
  CHECK(model_error(j).message == "tiers.lite.ensemble.base_score must be a number within +-1e+06");
  j = toy_model_json();
  j["tiers"]["full"]["ensemble"]["trees"][0]["value"][2] = -1e300;
  CHECK(model_error(j).message == "tiers.full.ensemble.trees[0] node 2 has a value beyond +-1e+06");
  // At the limit, a full ensemble of extreme leaves still scores a probability, not NaN.
  j = toy_model_json();
  json stump = j["tiers"]["lite"]["ensemble"]["trees"][0];
  stump["value"] = {0, kMaxAbsTreeValue, -kMaxAbsTreeValue};
  for (const char* tier : {"lite", "full"}) j["tiers"][tier]["ensemble"]["base_score"] = -kMaxAbsTreeValue;
  const std::string trees = repeated(dump_json(stump), kMaxTrees);
  auto m = model_from_text(with_trees(j, trees, trees));
  REQUIRE(m.ok());
  auto a = account_from_text(R"({"has_profile_pic":false})");
  REQUIRE(a.ok());
  CHECK(classify(m.value(), a.value()).fake_probability == 1.0);
}

TEST_CASE("[limits] the model's version is short UTF-8 text") {
  json j = toy_model_json();
  j["version"] = std::string(kMaxModelVersionBytes, 'v');
  CHECK(model_from_text(dump_json(j)).ok());
  j["version"] = std::string(kMaxModelVersionBytes + 1, 'v');
  CHECK(model_error(j).message == "the model's version must be UTF-8 text of at most 200 bytes");
}

TEST_CASE("[limits] integer tree arrays take whole numbers in their type's range only") {
  // Casting 1e10 to int32_t (or 1.5 to a node index) is undefined behaviour; it is refused.
  for (auto [key, value] : {std::pair<const char*, double>{"left", 1e10},
                            {"right", -3e9},
                            {"feature", 40000},
                            {"feature", 1.5},
                            {"default_left", 256},
                            {"default_left", -1}}) {
    json j = toy_model_json();
    j["tiers"]["lite"]["ensemble"]["trees"][0][key][0] = value;
    Error e = model_error(j);
    CHECK(e.id == "model.shape");
    CHECK(e.message.find("tiers.lite.ensemble.trees[0] needs numeric arrays") == 0);
  }
}

TEST_CASE("[limits] half of a surrogate pair escaped alone reads as U+FFFD, not a syntax error") {
  // A bio cut in the middle of an emoji: the whole profile was refused as "not valid JSON".
  auto r = parse_json(R"({"a":"Sourdough \ud83c","b":"\udc00x","c":"\ud83c\udf5e","d":"\\ud83c","e":"\ud83c\u0041"})",
                      "doc");
  REQUIRE(r.ok());
  CHECK(r.value()["a"] == "Sourdough \xEF\xBF\xBD");
  CHECK(r.value()["b"] == "\xEF\xBF\xBDx");
  CHECK(r.value()["c"] == "\xF0\x9F\x8D\x9E");  // a whole pair stays the emoji
  CHECK(r.value()["d"] == "\\ud83c");           // an escaped backslash, then text
  CHECK(r.value()["e"] ==
        "\xEF\xBF\xBD"
        "A");
  // The mended text has the same length: an error later in it names the byte it would have.
  auto bad = parse_json(R"({"a":"\ud83c" x})", "doc");
  auto same = parse_json(R"({"a":"\ufffd" x})", "doc");
  REQUIRE(!bad.ok());
  CHECK(bad.error().message == same.error().message);
  CHECK(bad.error().message.find("syntax error at byte 15") != std::string::npos);
}
