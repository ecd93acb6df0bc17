#include "csv.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>

namespace fm::data {

int CsvTable::column(const std::string& name) const {
  for (size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return static_cast<int>(i);
  return -1;
}

Result<CsvTable> parse_csv(const std::string& text, const std::string& file) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1;
  row.line = 1;
  bool in_quotes = false, quoted = false, row_has_content = false;
  auto where = [&](int l) { return file + ":" + std::to_string(l) + ": "; };
  auto end_field = [&]() {
    row.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_row = [&]() {
    if (row_has_content) rows.push_back(std::move(row));
    row = CsvRow{};
    row_has_content = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"') {
      if (!field.empty() || quoted) return make_error("data.csv", where(line) + "a quote inside an unquoted field");
      in_quotes = quoted = true;
      row_has_content = true;
    } else if (c == ',') {
      end_field();
      row_has_content = true;
    } else if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      // Rows end at LF or CRLF; a lone CR is field text, as editors show it on the same line.
      if (c == '\r') ++i;
      if (row_has_content || !field.empty()) end_field();
      end_row();
      ++line;
      row.line = line;
    } else {
      if (quoted) return make_error("data.csv", where(line) + "text after a closing quote");
      field += c;
      row_has_content = true;
    }
  }
  if (in_quotes) return make_error("data.csv", where(row.line) + "a quoted field is never closed");
  if (row_has_content || !field.empty()) end_field();
  end_row();

  if (rows.empty()) return make_error("data.csv", file + ": no header row");
  CsvTable t;
  t.header = std::move(rows.front().fields);
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].fields.size() != t.header.size())
      return make_error("data.csv", where(rows[r].line) + "expected " + std::to_string(t.header.size()) +
                                        " fields, got " + std::to_string(rows[r].fields.size()));
    t.rows.push_back(std::move(rows[r]));
  }
  return t;
}

Result<std::vector<int>> find_columns(const CsvTable& t,
                                      const std::vector<std::string>& names,
                                      const std::vector<bool>& optional,
                                      const std::string& file) {
  std::vector<int> idx;
  for (size_t i = 0; i < names.size(); ++i) {
    int c = t.column(names[i]);
    if (c < 0 && !(i < optional.size() && optional[i]))
      return make_error("data.csv", file + ":1: missing column '" + names[i] + "'");
    idx.push_back(c);
  }
  return idx;
}

Result<json> csv_flag(const std::string& s, const std::string& where, const std::string& col) {
  if (s == "TRUE" || s == "1") return json(true);
  if (s == "FALSE" || s == "0") return json(false);
  if (s.empty() || s == "NA") return json(nullptr);
  return make_error("data.value",
                    where + "column '" + col + "' must be TRUE/FALSE or 0/1, got '" + s.substr(0, 40) + "'");
}

Result<double> csv_number(const std::string& s, const std::string& where, const std::string& col) {
  const char* b = s.c_str();
  char* e = nullptr;
  errno = 0;
  double v = std::strtod(b, &e);
  if (s.empty() || e != b + s.size() || errno != 0 || !std::isfinite(v))
    return make_error("data.value", where + "column '" + col + "' must be a number, got '" + s.substr(0, 40) + "'");
  return v;
}

Result<json> csv_count(const std::string& s, const std::string& where, const std::string& col) {
  if (s.empty() || s == "NA") return json(nullptr);
  auto v = csv_number(s, where, col);
  if (!v) return v.error();
  if (v.value() != std::floor(v.value()) || std::fabs(v.value()) > 1e15)
    return make_error("data.value",
                      where + "column '" + col + "' must be a whole number, got '" + s.substr(0, 40) + "'");
  return json(static_cast<int64_t>(v.value()));
}

}  // namespace fm::data
