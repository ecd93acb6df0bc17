// Fuzzes the comment analysis: fm::api_analyze_comments on the input as a comments document,
// and the text functions on the input as one comment's text. Beyond "no crash": answers are
// well-formed, grades and strengths stay in range, and text meant for people is valid UTF-8
// without control characters.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api.h"
#include "comments/generic.h"
#include "comments/text.h"
#include "fuzz_check.h"
#include "utf8.h"

namespace {
void check_report(const fm::json& r) {
  for (const char* k : {"status", "grade", "grade_label", "verdict", "score", "reasons", "read", "signals", "engine"})
    if (!r.contains(k)) fm_fuzz::fail(std::string("report lacks ") + k);
  const std::string grade = r["grade"].is_string() ? r["grade"].get<std::string>() : "";
  if (grade != "good" && grade != "fair" && grade != "poor" && grade != "bad" && grade != "unknown")
    fm_fuzz::fail("grade out of range: " + r["grade"].dump());
  if (!r["score"].is_number() || r["score"].get<double>() < 0) fm_fuzz::fail("score not a number >= 0");
  for (const char* k : {"grade_label", "verdict"})
    if (!r[k].is_object() || !r[k]["id"].is_string()) fm_fuzz::fail(std::string(k) + " is not a message");
  for (const auto& s : r["signals"].items()) {
    const fm::json& v = s.value();
    if (!v.contains("measured") || !v["measured"].is_boolean()) fm_fuzz::fail(s.key() + ": no measured flag");
    if (!v["measured"].get<bool>()) continue;
    double st = v.contains("strength") && v["strength"].is_number() ? v["strength"].get<double>() : -1;
    if (!(st >= 0 && st <= 2)) fm_fuzz::fail(s.key() + ": strength outside [0, 2]");
  }
}

void check_text(const std::string& text) {
  fm::cmt::TextShape s = fm::cmt::text_shape(text);
  for (const std::string& w : s.words)
    if (w.empty() || !fm::utf8_valid(w)) fm_fuzz::fail("text_shape made an empty or invalid word");
  std::string e = fm::cmt::example_text(text, 40);
  if (!fm::utf8_valid(e)) fm_fuzz::fail("example_text is not valid UTF-8");
  for (unsigned char c : e)
    if (c < 0x20 || c == 0x7F) fm_fuzz::fail("example_text kept a control character");
  if (fm::utf8_length(e) > 41 + 6) fm_fuzz::fail("example_text is longer than asked");
  if (!fm::utf8_valid(fm::cmt::squeeze(text)) && fm::utf8_valid(text)) fm_fuzz::fail("squeeze broke valid UTF-8");
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  fm::json r = fm_fuzz::check_api_answer(fm::api_analyze_comments(text), "api_analyze_comments");
  if (!r.contains("error")) check_report(r);
  check_text(text);
  return 0;
}
