#include "model_io.h"

#include <fstream>
#include <iterator>

namespace fm {

Result<Model> model_from_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return make_error("model.missing", "cannot open model file '" + path + "' (run scripts/train?)");
  std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  auto m = model_from_text(text);
  if (!m) return make_error(m.error().id, path + ": " + m.error().message);
  return m;
}

}  // namespace fm
