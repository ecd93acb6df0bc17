// The committed large-accounts reference, compiled in like the persons' reference (see
// CMakeLists.txt): the extension and the CLI need no file access to judge a large profile.
#include "large_reference.h"

namespace fm::prof {

namespace {
const char kText[] =
#include "large_accounts_reference_text.inc"
    ;
}  // namespace

const Result<LargeReference>& builtin_large_reference() {
  static const Result<LargeReference> r = large_reference_from_text(kText);
  return r;
}

const Result<Reference>& builtin_profile_reference() {
  static const Result<Reference> r = []() -> Result<Reference> {
    const auto& persons = builtin_reference();
    if (!persons) return persons.error();
    const auto& large = builtin_large_reference();
    if (!large) return large.error();
    Reference combined = persons.value();
    combined.large = &large.value();
    return combined;
  }();
  return r;
}

}  // namespace fm::prof
