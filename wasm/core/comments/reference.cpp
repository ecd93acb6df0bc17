#include "reference.h"

#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {
const json* member(const json* o, const char* key) {
  if (!o || !o->is_object()) return nullptr;
  auto it = o->find(key);
  return it == o->end() ? nullptr : &*it;
}

// An array of numbers; false for anything else.
bool numbers(const json* a, std::vector<double>& out) {
  if (!a || !a->is_array()) return false;
  out.clear();
  for (const json& v : *a) {
    if (!v.is_number()) return false;
    out.push_back(v.get<double>());
  }
  return true;
}

// [n, q0, q1, ...] from v[from]: a count and non-decreasing quantiles at evenly spaced p.
bool distribution(const json* a, size_t from, std::vector<double>& v, prof::Distribution& d) {
  if (!numbers(a, v) || v.size() < from + 3) return false;
  d.n = int(v[from]);
  d.q.assign(v.begin() + long(from) + 1, v.end());
  for (size_t i = 1; i < d.q.size(); ++i)
    if (d.q[i] < d.q[i - 1]) return false;
  return d.n > 0;
}

bool text(const json* o, const char* key, std::string& out) {
  const json* s = member(o, key);
  if (!s || !s->is_string()) return false;
  out = s->get<std::string>();
  return true;
}

const char* read(const json& j, CommentReference& r) {
  const json* sec = member(&j, "sections");
  std::vector<double> v;
  if (!text(sec, "source", r.sections_source)) return "sections.source";
  const char* keys[] = {"comments_per_post", "generic_share", "template_share", "spam_share", "template_largest"};
  prof::Distribution* dists[] = {&r.comments_per_post, &r.generic_share, &r.template_share, &r.spam_share,
                                 &r.template_largest};
  for (int i = 0; i < 5; ++i)
    if (!distribution(member(sec, keys[i]), 0, v, *dists[i])) return keys[i];
  if (!numbers(member(sec, "counts"), v) || v.size() != 3) return "sections.counts";
  r.accounts = int(v[0]), r.posts = int(v[1]), r.comments = int(v[2]);
  const json* learned = member(&j, "learned_generic");
  if (!learned || !learned->is_array()) return "learned_generic";
  for (const json& t : *learned) {
    if (!t.is_string()) return "learned_generic";
    r.learned_generic.push_back(t.get<std::string>());
  }
  const json* cpl = member(&j, "comments_per_like");
  if (!text(cpl, "source", r.comments_per_like_source)) return "comments_per_like.source";
  const json* tiers = member(cpl, "tiers");
  if (!tiers || !tiers->is_array() || tiers->empty()) return "comments_per_like.tiers";
  for (const json& t : *tiers) {
    CommentsPerLikeTier tier;  // [min followers, max followers, n, quantiles...]
    if (!distribution(&t, 2, v, tier.ratio)) return "comments_per_like.tiers";
    tier.min_followers = v[0], tier.max_followers = v[1];
    r.comments_per_like.push_back(tier);
  }
  return nullptr;
}
}  // namespace

Result<CommentReference> comment_reference_from_text(const std::string& text_in) {
  auto parsed = parse_json(text_in, "the comment reference");
  if (!parsed) return make_error("comment_reference.parse", parsed.error().message);
  CommentReference r;
  if (const char* bad = read(parsed.value(), r))
    return make_error("comment_reference.shape",
                      std::string("the comment reference's ") + bad + " is missing or malformed");
  return r;
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
