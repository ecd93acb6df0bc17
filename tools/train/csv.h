// A small RFC 4180 reader for the labelled data sets: quoted fields, "" escapes,
// CRLF or LF line ends (a lone CR is text). Every error names the file and the line.
#pragma once
#include <string>
#include <vector>

#include "result.h"

namespace fm::train {

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

}  // namespace fm::train
