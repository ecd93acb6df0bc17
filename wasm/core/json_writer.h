// Writes JSON text directly, member by member: far less code per field than building an
// nlohmann document from initializer lists (each of those inlines its own construction), for
// reports with many fields. Numbers as nlohmann writes them, strings escaped, invalid UTF-8
// replaced.
#pragma once
#include <string>

namespace fm {

class JsonWriter {
 public:
  // Names the next value inside an object.
  JsonWriter& key(const char* name);
  JsonWriter& open(char bracket);   // '{' or '['
  JsonWriter& close(char bracket);  // '}' or ']'
  JsonWriter& num(double v);        // non-finite -> null
  JsonWriter& num(long long v);     // counts, written as whole numbers
  JsonWriter& num(int v) { return num(static_cast<long long>(v)); }
  JsonWriter& str(const std::string& s);
  JsonWriter& boolean(bool v);
  JsonWriter& null();
  JsonWriter& raw(const std::string& json_text);  // a value already written as JSON
  const std::string& text() const { return out_; }

 private:
  void comma();
  std::string out_;
  bool after_value_ = false;
};

}  // namespace fm
