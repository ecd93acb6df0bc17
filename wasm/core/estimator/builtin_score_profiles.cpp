// The committed score profiles (models/score_profiles.json), compiled in like the model (see
// CMakeLists.txt): the extension and the CLI need no file access to weigh audience regimes.
#include "score_profiles.h"

namespace fm {

namespace {
const char kText[] =
#include "score_profiles_text.inc"
    ;
}  // namespace

const Result<ScoreProfiles>& builtin_score_profiles() {
  static const Result<ScoreProfiles> p = profiles_from_text(kText);
  return p;
}

}  // namespace fm
