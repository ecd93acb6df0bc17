#include "json_writer.h"

#include "json_util.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

void JsonWriter::comma() {
  if (after_value_) out_ += ',';
  after_value_ = false;
}

JsonWriter& JsonWriter::key(const char* name) {
  comma();
  append_json_string(out_, name);
  out_ += ':';
  return *this;
}

JsonWriter& JsonWriter::open(char bracket) {
  comma();
  out_ += bracket;
  return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
  out_ += bracket;
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::num(double v) {
  comma();
  append_json_number(out_, v);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::num(long long v) {
  comma();
  out_ += std::to_string(v);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::str(const std::string& s) {
  comma();
  append_json_string(out_, s);
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::boolean(bool v) {
  comma();
  out_ += v ? "true" : "false";
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::null() {
  comma();
  out_ += "null";
  after_value_ = true;
  return *this;
}

JsonWriter& JsonWriter::raw(const std::string& json_text) {
  comma();
  out_ += json_text;
  after_value_ = true;
  return *this;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
