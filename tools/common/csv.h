// A small RFC 4180 reader for the labelled data sets (quoted fields, "" escapes, CRLF or LF line
// ends; a lone CR is text) and the one preamble every CSV data set shares: find the columns,
// then read each cell as a flag, a number or a count. Every error names the file and the line.
#pragma once
#include <string>
#include <vector>

#include "json_util.h"
#include "result.h"

namespace fm::data {

struct CsvRow {
  int line = 0;  // 1-based line where the row starts in the file
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRow> rows;
  // Column index by exact header name; -1 if absent.
  int column(const std::string& name) const;
};

// Parses `text` (the contents of `file`, named in errors). The first row is the header;
// every other row must have as many fields. Blank lines are skipped.
Result<CsvTable> parse_csv(const std::string& text, const std::string& file);

// Column indices of `names` in the header; a missing one is an error naming the file unless it
// is listed in `optional` (then -1).
Result<std::vector<int>> find_columns(const CsvTable& t,
                                      const std::vector<std::string>& names,
                                      const std::vector<bool>& optional,
                                      const std::string& file);

// Cell readers. `where` is "file:line: ", `col` the column name; empty or NA is unknown (null).
// A flag is TRUE/FALSE or 1/0.
Result<json> csv_flag(const std::string& s, const std::string& where, const std::string& col);
Result<double> csv_number(const std::string& s, const std::string& where, const std::string& col);
// A whole number (the engine then checks its range).
Result<json> csv_count(const std::string& s, const std::string& where, const std::string& col);

}  // namespace fm::data
