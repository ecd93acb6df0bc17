// The comments entry point: a comments document in, the engagement authenticity report out.
// Parsing, signals and wording live in comments/; the commenters' fake share comes from the
// audience estimator, asked through its own entry point so both read records alike.
#include <cmath>

#include "api.h"
#include "comments/comments.h"
#include "comments/report.h"
#include "comments/signals.h"
#include "json_writer.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
// The commenters seen are a sample of the posts' commenters when not every comment was read:
// the estimator's finite-population correction gets the population scaled up accordingly.
std::optional<cmt::CommenterEstimate> estimate_commenters(const cmt::Input& in, int64_t counted, int read) {
  if (in.authors.empty()) return std::nullopt;
  cmt::CommenterEstimate e;
  e.commenters = int(in.authors.size());
  double n = double(in.authors.size());
  double total = read > 0 && counted > read ? std::ceil(n * double(counted) / read) : n;
  JsonWriter w;
  w.open('{').key("total_followers").num(total).key("sampling").str("random").key("followers").open('[');
  for (const cmt::Author& a : in.authors) {
    if (!a.full_record.empty()) {
      w.raw(a.full_record);
      ++e.full_records;
      continue;
    }
    w.open('{').key("phase").str("lite");
    if (!a.username.empty()) w.key("username").str(a.username);
    if (!a.full_name.empty()) w.key("full_name").str(a.full_name);
    if (a.is_private >= 0) w.key("is_private").boolean(a.is_private);
    if (a.is_verified >= 0) w.key("is_verified").boolean(a.is_verified);
    if (a.has_profile_pic >= 0) w.key("has_profile_pic").boolean(a.has_profile_pic);
    w.close('}');
  }
  w.close(']').close('}');
  auto answer = parse_json(api_estimate(w.text()), "the commenters' estimate");
  if (!answer || !answer.value().is_object() || answer.value().contains("error")) return std::nullopt;
  const json& a = answer.value();
  double* out[] = {&e.fake_percent, &e.ci_low, &e.ci_high};
  const char* keys[] = {"fake_percent", "ci_low", "ci_high"};
  for (int i = 0; i < 3; ++i) {
    auto v = read_number(a, keys[i], "", 0, 100);
    if (!v || !v.value()) return std::nullopt;
    *out[i] = *v.value();
  }
  auto method = read_string(a, "method", "", 200);
  if (method && method.value()) e.method = *method.value();
  return e;
}
}  // namespace

std::string api_analyze_comments(const std::string& comments_json) {
  const auto& ref = cmt::builtin_comment_reference();
  if (!ref)
    return api_error("comments.reference", "the built-in comment reference did not load: " + ref.error().text());
  const auto& model = cmt::builtin_spam_model();
  if (!model) return api_error("comments.spam_model", "the built-in spam model did not load: " + model.error().text());
  auto in = cmt::parse_comments(comments_json);
  if (!in) return api_error(in.error().id, in.error().message);
  static const cmt::GenericLexicon lexicon = cmt::make_lexicon(ref.value().learned_generic);
  int64_t counted = 0;
  int read = 0;
  for (const cmt::Post& p : in.value().posts) {
    read += int(p.comments.size());
    counted += int64_t(p.comments.size()) + p.unread();
  }
  auto commenters = estimate_commenters(in.value(), counted, read);
  cmt::Signals s = cmt::compute_signals(in.value(), ref.value(), model.value(), lexicon, commenters);
  return cmt::comments_report(s, in.value(), ref.value(), model.value(), api_version());
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
