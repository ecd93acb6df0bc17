// The committed organic references of the comment analysis, compiled in (see CMakeLists.txt).
#include "reference.h"

namespace fm::cmt {

namespace {
const char kText[] =
#include "comment_reference_text.inc"
    ;
}  // namespace

const Result<CommentReference>& builtin_comment_reference() {
  static const Result<CommentReference> r = comment_reference_from_text(kText);
  return r;
}

}  // namespace fm::cmt
