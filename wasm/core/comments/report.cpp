#include "report.h"

#include <algorithm>
#include <cmath>

#include "json_writer.h"
#include "message.h"
#include "size_optimized.h"
#include "templates.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {

double round_to(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

// A share (0-1) as a percentage (0-100) to two decimals: the wording rounds it for people.
double pc(double share) { return round_to(share * 100, 100); }

// A message {"id", "params"} as JSON text, parameter by parameter (message.h's scheme without
// an nlohmann document: a handful of numbers each).
struct Message {
  const char* id = nullptr;
  std::string params = "{}";
  Message() = default;
  explicit Message(const char* message_id, std::initializer_list<Param> numbers = {}) : id(message_id) {
    for (const Param& p : numbers) {
      if (std::fabs(p.value) < 9e15 && p.value == std::floor(p.value)) add(p.key, std::to_string(int64_t(p.value)));
      else {
        std::string v;
        append_json_number(v, p.value);
        add(p.key, v);
      }
    }
  }
  // A parameter that is a message itself (worded in place).
  void add(const char* key, const Message& m) { add(key, m.json()); }
  void add(const char* key, const std::string& json_value) {
    params.pop_back();
    if (params.size() > 1) params += ',';
    append_json_string(params, key);
    params += ':' + json_value + '}';
  }
  std::string json() const {
    std::string out = "{\"id\":";
    append_json_string(out, id);
    return out + ",\"params\":" + params + '}';
  }
};

const char* severity(double strength) {
  return strength >= 2 ? "high" : strength >= 1 ? "medium" : strength > 0.5 ? "low" : "info";
}

// A reason: its signal, strength and message, and further sentences (details, a JSON list's
// items) when it has more to say.
struct Reason {
  const char* signal = nullptr;
  double strength = 0;
  Message message;
  std::string details;
  void detail(const Message& m) { details += (details.empty() ? "" : ",") + m.json(); }
};

Reason recurring_reason(const Recurrence& r) {
  const bool beyond = r.strength >= 1;
  Reason out{"recurring_commenters",
             r.strength,
             Message(beyond ? "comments.recurring_beyond" : "comments.recurring", {{"accounts", r.value},
                                                                                   {"min_posts", r.min_posts},
                                                                                   {"posts", r.posts},
                                                                                   {"per_post", r.per_post},
                                                                                   {"organic_max", r.organic_max}}),
             {}};
  if (*r.high > r.value) out.detail(Message("comments.recurring_unread", {{"high", *r.high}}));
  if (beyond && r.largest_group >= 3) out.detail(Message("comments.recurring_pod", {{"group", r.largest_group}}));
  return out;
}

Reason generic_reason(const Generic& g) {
  Reason out{"generic_comments",
             g.strength,
             Message("comments.generic", {{"share", pc(g.value)},
                                          {"count", g.count},
                                          {"total", g.total},
                                          {"emoji", g.emoji_only},
                                          {"median", pc(g.organic_median)},
                                          {"high", pc(g.organic_high)}}),
             {}};
  if (g.organic_high < kSmallBusinessGeneric)
    out.detail(Message("comments.generic_small_business", {{"level", pc(kSmallBusinessGeneric)}}));
  return out;
}

Reason templates_reason(const Templates& tp) {
  if (tp.comments == 0)
    return {"templates",
            tp.strength,
            Message("comments.templates_none", {{"long", tp.long_comments}, {"words", int(kMinTemplateWords)}}),
            {}};
  return {"templates",
          tp.strength,
          Message("comments.templates", {{"comments", tp.comments},
                                         {"accounts", tp.accounts},
                                         {"share", pc(tp.value)},
                                         {"long", tp.long_comments},
                                         {"texts", tp.groups},
                                         {"largest", tp.largest_group},
                                         {"organic", pc(tp.organic_high)},
                                         {"organic_largest", std::ceil(tp.organic_largest)}}),
          {}};
}

Reason timing_reason(const Timing& tm) {
  Reason out{"timing",
             tm.strength,
             Message("comments.timing", {{"share", pc(tm.value)},
                                         {"early", tm.early},
                                         {"dated", tm.dated},
                                         {"minutes", kEarlyMinutes},
                                         {"posts", tm.posts_used},
                                         {"organic", pc(kOrganicEarlyShare)}}),
             {}};
  if (tm.early_regulars > 0)
    out.detail(Message("comments.timing_regulars", {{"accounts", tm.early_regulars}, {"min_posts", tm.min_posts}}));
  return out;
}

Reason spam_reason(const Spam& sp) {
  return {"spam",
          sp.strength,
          Message(sp.count ? "comments.spam" : "comments.spam_none", {{"share", pc(sp.value)},
                                                                      {"count", sp.count},
                                                                      {"total", sp.total},
                                                                      {"median", pc(sp.organic_median)},
                                                                      {"high", pc(sp.organic_high)}}),
          {}};
}

Reason accounts_reason(const CommenterAccounts& a) {
  Reason out{"commenter_accounts",
             a.strength,
             Message("comments.accounts", {{"fake", round_to(a.value, 10)},
                                           {"low", round_to(*a.low, 10)},
                                           {"high", round_to(*a.high, 10)},
                                           {"commenters", a.commenters}}),
             {}};
  if (a.full_records) out.detail(Message("comments.accounts_full", {{"full", a.full_records}}));
  else out.detail(Message("comments.accounts_lite"));
  if (*a.high - *a.low > 50) out.detail(Message("comments.accounts_uncertain"));
  else out.detail(Message("comments.accounts_reference", {{"organic", kOrganicFakePercent}}));
  return out;
}

Reason per_like_reason(const CommentsPerLike& c) {
  Message tier = c.tier->max_followers >= 1e9
                     ? Message("comments.tier_open", {{"min", c.tier->min_followers}})
                     : Message("comments.tier", {{"min", c.tier->min_followers}, {"max", c.tier->max_followers}});
  const double per_100 = round_to(c.value * 100, 10);
  Reason out{"comments_per_like",
             c.strength,
             c.percentile >= 0.9
                 ? Message("comments.per_like_high", {{"per_100", per_100}, {"share", std::floor(c.percentile * 100)}})
                 : Message("comments.per_like_typical",
                           {{"per_100", per_100}, {"median", round_to(c.tier->ratio.quantile(0.5) * 100, 10)}}),
             {}};
  out.message.add("tier", tier);
  return out;
}

void write_examples(JsonWriter& w, const std::vector<Example>& examples) {
  w.key("examples").open('[');
  for (const Example& e : examples)
    w.open('{').key("text").str(e.text).key("comments").num(e.count).key("accounts").num(e.accounts).close('}');
  w.close(']');
}

// The fields every signal has; the caller adds its own and closes the object.
void open_signal(JsonWriter& w, const char* name, const Measure& m, double value_scale) {
  w.key(name).open('{').key("measured").boolean(m.measured);
  if (!m.measured) {
    const Note& why = m.why_not;
    Message note(why.id);
    if (why.posts) note.add("posts", std::to_string(why.posts));
    if (why.comments) note.add("comments", std::to_string(why.comments));
    w.key("note").raw(note.json());
    return;
  }
  w.key("value").num(round_to(m.value, value_scale)).key("interval");
  if (m.low && m.high) w.open('[').num(round_to(*m.low, value_scale)).num(round_to(*m.high, value_scale)).close(']');
  else w.null();
  w.key("strength").num(round_to(m.strength, 100));
  w.key("evidence").str(m.strength >= 2 ? "strong" : m.strength >= 1 ? "weak" : "none");
}

// A reference from real comment sections (the report's "references" say which): median and
// 95th percentile.
void write_reference(JsonWriter& w, double median, double high) {
  w.key("reference").open('{').key("median").num(round_to(median, 10000)).key("p95").num(round_to(high, 10000));
  w.close('}');
}

}  // namespace

const char* grade_of_score(double score) {
  if (score < kFairScore) return "good";
  if (score < kPoorScore) return "fair";
  if (score < kBadScore) return "poor";
  return "bad";
}

const char* grade_label(const std::string& grade) {
  if (grade == "good") return "comments.grade_good";
  if (grade == "fair") return "comments.grade_fair";
  if (grade == "poor") return "comments.grade_poor";
  if (grade == "bad") return "comments.grade_bad";
  return "comments.grade_unknown";
}

std::string comments_report(const Signals& s,
                            const Input& in,
                            const CommentReference& ref,
                            const SpamModel& model,
                            const std::string& engine) {
  Reason reasons[7];
  size_t n = 0;
  if (s.recurring.measured) reasons[n++] = recurring_reason(s.recurring);
  if (s.templates.measured) reasons[n++] = templates_reason(s.templates);
  if (s.timing.measured) reasons[n++] = timing_reason(s.timing);
  if (s.accounts.measured) reasons[n++] = accounts_reason(s.accounts);
  if (s.generic.measured) reasons[n++] = generic_reason(s.generic);
  if (s.per_like.measured) reasons[n++] = per_like_reason(s.per_like);
  if (s.spam.measured) reasons[n++] = spam_reason(s.spam);
  // Strongest first; equal strengths keep the order above (an insertion sort: seven reasons).
  for (size_t i = 1; i < n; ++i)
    for (size_t k = i; k > 0 && reasons[k - 1].strength < reasons[k].strength; --k)
      std::swap(reasons[k - 1], reasons[k]);

  double score = 0;
  for (size_t i = 0; i < n; ++i) score += reasons[i].strength;
  // The same few accounts coming post after post, and early: one pod, counted once (a family
  // commenting within minutes was counted as recurring commenters and again as early regulars).
  if (s.recurring.measured && s.timing.measured)
    score -= std::min({s.recurring.strength, s.timing.regulars_strength, s.timing.strength});
  const bool enough = s.comments >= kMinComments && s.posts_with_comments >= 2;
  const size_t moved = enough ? (n > 0 && reasons[0].strength >= 1) + (n > 1 && reasons[1].strength >= 1) : 0;
  // Signals each within organic sections do not add up to a finding ("Likely bought engagement:
  // nothing stands out against real comment sections"): with none past its organic level, good.
  std::string grade = !enough ? "unknown" : moved ? grade_of_score(score) : "good";
  // The verdict: the grade, and the one or two reasons that moved it (their sentences alone,
  // without details), or what was read when too little was.
  const Message label(grade_label(grade));
  Message verdict(moved == 2 ? "comments.verdict_two" : moved ? "comments.verdict_one" : "comments.verdict_nothing");
  if (!enough)
    verdict =
        Message("comments.verdict_insufficient",
                {{"comments", s.comments}, {"posts", s.posts_with_comments}, {"min", kMinComments}, {"min_posts", 2}});
  verdict.add("grade", label);
  if (moved) verdict.add("reason", reasons[0].message);
  if (moved == 2) verdict.add("also", reasons[1].message);

  JsonWriter w;
  w.open('{');
  w.key("status").str(enough ? "ok" : "insufficient_data");
  w.key("grade").str(grade).key("grade_label").raw(label.json()).key("verdict").raw(verdict.json());
  w.key("score").num(round_to(score, 100));
  w.key("reasons").open('[');
  for (size_t i = 0; i < n; ++i) {
    const Reason& r = reasons[i];
    w.open('{').key("id").str(r.message.id).key("signal").str(r.signal).key("severity").str(severity(r.strength));
    w.key("params").raw(r.message.params);
    if (!r.details.empty()) w.key("details").raw("[" + r.details + "]");
    w.close('}');
  }
  w.close(']');
  w.key("read").open('{');
  w.key("posts").num(s.posts).key("posts_with_comments").num(s.posts_with_comments).key("comments").num(s.comments);
  w.key("comments_counted").num(static_cast<long long>(s.counted)).key("commenters").num(s.commenters);
  w.key("owner_replies_left_out").num(static_cast<long long>(in.owner_comments));
  w.key("commenter_records_unmatched").num(static_cast<long long>(in.unmatched_records));
  w.close('}');

  w.key("signals").open('{');
  const Recurrence& r = s.recurring;
  open_signal(w, "recurring_commenters", r, 1);
  if (r.measured) {
    w.key("min_posts").num(r.min_posts).key("of_posts").num(r.posts).key("largest_group").num(r.largest_group);
    w.key("commenters").num(r.commenters).key("reference").open('{').key("organic_max").num(r.organic_max);
    w.key("comments_per_post").num(r.per_post);
    w.key("source").str(
        "assumed: the regulars of an organic profile (friends, family, loyal customers), 2 plus 1 per 5 comments a "
        "post gets; no public comment data names its commenters");
    w.close('}');
  }
  w.close('}');

  const Generic& g = s.generic;
  open_signal(w, "generic_comments", g, 10000);
  if (g.measured) {
    w.key("comments").num(g.count).key("emoji_only").num(g.emoji_only).key("of").num(g.total);
    write_examples(w, g.examples);
    write_reference(w, g.organic_median, g.organic_high);
  }
  w.close('}');

  const Templates& t = s.templates;
  open_signal(w, "templates", t, 10000);
  if (t.measured) {
    w.key("comments").num(t.comments).key("of_longer_comments").num(t.long_comments).key("texts").num(t.groups);
    w.key("accounts").num(t.accounts).key("largest_group").num(t.largest_group);
    write_examples(w, t.examples);
    write_reference(w, t.organic_median, t.organic_high);
    // write_reference closed the object: the largest-group reference goes beside it.
    w.key("reference_largest_group_p95").num(round_to(t.organic_largest, 100));
  }
  w.close('}');

  const Timing& tm = s.timing;
  open_signal(w, "timing", tm, 10000);
  if (tm.measured) {
    w.key("window_minutes").num(kEarlyMinutes).key("early_comments").num(tm.early).key("dated_comments").num(tm.dated);
    w.key("posts_used")
        .num(tm.posts_used)
        .key("early_regulars")
        .num(tm.early_regulars)
        .key("min_posts")
        .num(tm.min_posts);
    w.key("reference").open('{').key("organic").num(kOrganicEarlyShare).key("weak").num(kWeakEarlyShare);
    w.key("strong").num(kStrongEarlyShare).key("source").str("assumed: no public data gives comment times").close('}');
  }
  w.close('}');

  const Spam& sp = s.spam;
  open_signal(w, "spam", sp, 10000);
  if (sp.measured) {
    w.key("comments").num(sp.count).key("of").num(sp.total);
    write_examples(w, sp.examples);
    w.key("model").open('{').key("version").str(model.version).key("recall").num(model.recall);
    w.key("false_alarm").num(model.false_alarm).close('}');
    write_reference(w, sp.organic_median, sp.organic_high);
  }
  w.close('}');

  const CommenterAccounts& a = s.accounts;
  open_signal(w, "commenter_accounts", a, 10);
  if (a.measured) {
    w.key("commenters").num(a.commenters).key("full_records").num(a.full_records).key("method").str(a.method);
    w.key("reference").open('{').key("organic_max_percent").num(kOrganicFakePercent).key("weak").num(kWeakFakePercent);
    w.key("strong").num(kStrongFakePercent).close('}');
  }
  w.close('}');

  const CommentsPerLike& c = s.per_like;
  open_signal(w, "comments_per_like", c, 100000);
  if (c.measured) {
    w.key("posts_used").num(c.posts_used).key("percentile_among_real").num(round_to(c.percentile, 1000));
    w.key("reference").open('{').key("min_followers").num(c.tier->min_followers);
    w.key("max_followers").num(c.tier->max_followers).key("median").num(c.tier->ratio.quantile(0.5));
    w.key("p95").num(c.tier->ratio.quantile(0.95)).key("accounts").num(c.tier->ratio.n).close('}');
  }
  w.close('}');
  w.close('}');

  // Where the references come from; what is assumed, not measured, says so in its signal.
  w.key("references").open('{').key("comment_sections").str(ref.sections_source);
  w.key("comments_per_like").str(ref.comments_per_like_source).close('}');
  w.key("engine").str(engine);
  w.close('}');
  return w.text();
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
