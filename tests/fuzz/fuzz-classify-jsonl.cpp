// Fuzzes the batch entry point fm::api_classify_jsonl (the extension's and the CLI's
// classify call): one answer line per non-blank input line, each a JSON object.
#include <cstddef>
#include <cstdint>
#include <string>

#include "api.h"
#include "fuzz_check.h"

namespace {
// Non-blank lines as the API counts them: split on '\n', drop one trailing '\r',
// skip lines of only spaces and tabs.
size_t records_in(const std::string& text) {
  size_t n = 0, pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") != std::string::npos) ++n;
    pos = end + 1;
  }
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::string out = fm::api_classify_jsonl(text);
  size_t lines = 0, pos = 0;
  bool batch_error = false;
  while (pos < out.size()) {
    size_t end = out.find('\n', pos);
    if (end == std::string::npos) fm_fuzz::fail("classify: answer does not end in a newline");
    std::string line = out.substr(pos, end - pos);
    auto parsed = fm::parse_json(line, "an answer line");
    if (!parsed || !parsed.value().is_object()) fm_fuzz::fail("classify: answer line is not an object: " + line);
    const fm::json& row = parsed.value();
    auto err = row.find("error");
    if (err != row.end() && err->is_object()) {
      fm_fuzz::check_api_answer(line, "classify batch error");
      batch_error = true;  // the whole batch was refused (a limit): one line says why
    } else if (err != row.end()) {
      if (!err->is_string() || err->get_ref<const std::string&>().rfind("line ", 0) != 0)
        fm_fuzz::fail("classify: a line error must be text starting with 'line N'");
    } else {
      auto p = row.find("fake_probability");
      if (p == row.end() || !p->is_number()) fm_fuzz::fail("classify: no fake_probability");
      fm_fuzz::check_probability(p->get<double>(), "classify");
    }
    ++lines;
    pos = end + 1;
  }
  if (batch_error ? lines != 1 : lines != records_in(text))
    fm_fuzz::fail("classify: " + std::to_string(lines) + " answer lines for " + std::to_string(records_in(text)) +
                  " records");
  return 0;
}
