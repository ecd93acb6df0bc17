// The committed engagement reference, compiled in like the model (see CMakeLists.txt): the
// extension and the CLI need no file access to judge a profile.
#include "reference.h"

namespace fm::prof {

namespace {
const char kText[] =
#include "engagement_reference_text.inc"
    ;
}  // namespace

const Result<Reference>& builtin_reference() {
  static const Result<Reference> r = reference_from_text(kText);
  return r;
}

}  // namespace fm::prof
