#include "text_files.h"

#include <fstream>
#include <sstream>

namespace fm::data {

Result<std::string> read_text_file(const std::string& path, const std::string& hint) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("data.io", path + ": cannot open" + (hint.empty() ? "" : " (" + hint + ")"));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<int> for_each_json_line(const std::string& path,
                               const std::string& hint,
                               const std::function<Result<bool>(const json& value, const std::string& where)>& row) {
  auto text = read_text_file(path, hint);
  if (!text) return text.error();
  std::istringstream in(text.value());
  std::string line;
  int line_no = 0, rows = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(line_no) + ": ";
    auto j = parse_json(line, "the line");
    if (!j) return make_error("data.json", where + j.error().message);
    auto r = row(j.value(), where);
    if (!r) return r.error();
    ++rows;
  }
  if (rows == 0) return make_error("data.empty", path + " holds no rows");
  return rows;
}

}  // namespace fm::data
