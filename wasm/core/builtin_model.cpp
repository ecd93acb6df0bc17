// The committed model, compiled in: the extension and CLI need no file access to score.
#include "model.h"

namespace fm {

namespace {
const char kText[] =
#include "builtin_model_text.inc"
    ;

const Result<Model>& loaded() {
  static const Result<Model> m = model_from_text(kText);
  return m;
}
}  // namespace

Result<bool> builtin_model_status() {
  if (loaded()) return true;
  return loaded().error();
}

const Model& builtin_model() {
  static const Model empty;
  return loaded() ? loaded().value() : empty;
}

}  // namespace fm
