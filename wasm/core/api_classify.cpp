#include <sstream>

#include "api.h"
#include "classifier.h"

namespace fm {

std::string api_error(const std::string& id, const std::string& message) {
  return dump_json(json{{"error", {{"id", id}, {"message", message}}}});
}

std::string api_version() {
  auto status = builtin_model_status();
  std::string model = status ? builtin_model().version : "not loaded";
  return std::string("fakemeter-engine 0.1.0 (model ") + model + ")";
}

std::string api_classify_jsonl(const std::string& jsonl) {
  auto status = builtin_model_status();
  std::string out;
  out.reserve(jsonl.size() / 2 + 64);
  size_t line_no = 0, pos = 0;
  while (pos <= jsonl.size()) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string::npos) end = jsonl.size();
    ++line_no;
    std::string line = jsonl.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) {
      if (pos > jsonl.size()) break;
      continue;  // blank lines carry no record
    }
    json row;
    if (!status) {
      row = {{"error", "line " + std::to_string(line_no) + ": " + status.error().text()}};
    } else {
      auto acc = account_from_text(line);
      if (!acc) {
        row = {{"error", "line " + std::to_string(line_no) + ": " + acc.error().text()}};
      } else {
        Classification c = classify(builtin_model(), acc.value());
        row = {{"fake_probability", c.fake_probability},
               {"is_fake", c.is_fake},
               {"tier", tier_name(c.tier)},
               {"reasons", c.reasons}};
      }
    }
    out += dump_json(row);
    out += '\n';
  }
  return out;
}

}  // namespace fm
