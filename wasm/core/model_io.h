// Reading a model file from disk (native tools and tests only; the engine uses the builtin one).
#pragma once
#include <string>

#include "model.h"

namespace fm {

Result<Model> model_from_file(const std::string& path);

}  // namespace fm
