// Reading the tools' input files: whole text files, and JSON Lines one object at a time. Every
// error names the file (and the line).
#pragma once
#include <functional>
#include <string>

#include "json_util.h"
#include "result.h"

namespace fm::data {

// The file's bytes; "data.io" naming the path (and `hint`, what writes it) when it cannot be read.
Result<std::string> read_text_file(const std::string& path, const std::string& hint = "");

// Calls `row(value, where)` for each non-blank line of the JSON Lines file at `path`, `where` being
// "path:line: ". Stops at the first error, a line that is not JSON ("data.json") or one `row`
// returns. Returns the number of lines read; none at all is an error ("data.empty").
Result<int> for_each_json_line(const std::string& path,
                               const std::string& hint,
                               const std::function<Result<bool>(const json& value, const std::string& where)>& row);

}  // namespace fm::data
