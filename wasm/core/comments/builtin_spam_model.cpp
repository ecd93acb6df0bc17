// The committed spam model, compiled in (see CMakeLists.txt) like the account model.
#include "spam_model.h"

namespace fm::cmt {

namespace {
const char kText[] =
#include "comment_spam_text.inc"
    ;
}  // namespace

const Result<SpamModel>& builtin_spam_model() {
  static const Result<SpamModel> m = spam_model_from_text(kText);
  return m;
}

}  // namespace fm::cmt
