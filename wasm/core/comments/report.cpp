#include "report.h"

#include <cmath>

#include "json_writer.h"
#include "size_optimized.h"
#include "templates.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {

double round_to(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

// Sentences are appended piece by piece: far less code than chains of std::string operator+.
struct Text {
  std::string s;
  Text& operator<<(const char* v) {
    s += v;
    return *this;
  }
  Text& operator<<(const std::string& v) {
    s += v;
    return *this;
  }
  Text& operator<<(int v) {
    s += std::to_string(v);
    return *this;
  }
  Text& operator<<(double v) {
    s += fmt_num(v);
    return *this;
  }
};

// "0.4%", "3.1%", "23%".
std::string pct(double share) {
  double v = share * 100;
  return fmt_num(v < 10 ? round_to(v, 10) : std::round(v)) + "%";
}
// "1 account", "3 accounts".
Text& count(Text& t, int n, const char* one, const char* many) { return t << n << " " << (n == 1 ? one : many); }
Text& quoted(Text& t, const Example& e) { return t << "\xE2\x80\x9C" << e.text << "\xE2\x80\x9D"; }

const char* severity(double strength) {
  return strength >= 2 ? "high" : strength >= 1 ? "medium" : strength > 0.5 ? "low" : "info";
}

struct Reason {
  const char* signal;
  double strength;
  std::string text;
};

std::string recurring_text(const Recurrence& r) {
  Text t;
  count(t, int(r.value), "account comments", "accounts comment");
  t << " on at least " << r.min_posts << " of the last " << r.posts << " posts";
  if (*r.high > r.value) t << " (up to " << *r.high << " counting comments not read)";
  t << (r.strength >= 1 ? "; organic profiles" : ": within what organic profiles") << " with about " << r.per_post
    << " comments per post show (0-" << r.organic_max << ")";
  if (r.strength >= 1 && r.largest_group >= 3)
    t << "; " << r.largest_group << " of them appear together post after post, as a pod does";
  return t.s;
}

std::string generic_text(const Generic& g) {
  Text t;
  t << pct(g.value) << " of the comments could stand under any post (" << g.count << " of " << g.total << ", "
    << g.emoji_only << " emoji only)";
  if (!g.examples.empty()) quoted(t << ", most often ", g.examples[0]) << " (" << g.examples[0].count << "x)";
  t << "; real comment sections: median " << pct(g.organic_median) << ", 95 in 100 up to " << pct(g.organic_high);
  if (g.organic_high < kSmallBusinessGeneric)
    t << " (they discuss finance; small businesses' followers praise more, so up to " << pct(kSmallBusinessGeneric)
      << " passes)";
  return t.s;
}

std::string templates_text(const Templates& tp) {
  Text t;
  if (tp.comments == 0) {
    t << "No longer comment repeats another account's (" << tp.long_comments << " comments of "
      << int(kMinTemplateWords) << " or more words)";
    return t.s;
  }
  count(t, tp.comments, "comment", "comments") << " by ";
  count(t, tp.accounts, "account", "accounts") << " repeat ";
  count(t, tp.groups, "text", "texts") << " nearly word for word (" << pct(tp.value) << " of " << tp.long_comments
                                       << " longer comments)";
  if (!tp.examples.empty()) {
    quoted(t << ", e.g. ", tp.examples[0]) << " from ";
    count(t, tp.examples[0].accounts, "account", "accounts");
  }
  t << "; in 95 of 100 real comment sections at most " << pct(tp.organic_high)
    << " of longer comments repeat, no text more than " << std::ceil(tp.organic_largest) << " times";
  return t.s;
}

std::string timing_text(const Timing& tm) {
  Text t;
  t << pct(tm.value) << " of the dated comments came within " << kEarlyMinutes << " minutes of posting ("
    << tm.posts_used << " posts at least a day old); assumed organic level about " << pct(kOrganicEarlyShare);
  if (tm.early_regulars > 0) {
    count(t << "; ", tm.early_regulars, "account was", "accounts were");
    t << " that early on at least " << tm.min_posts << " of them";
  }
  return t.s;
}

std::string spam_text(const Spam& sp) {
  Text t;
  if (sp.count == 0) {
    t << "No comment looks like spam or a scam";
  } else {
    count(t, sp.count, "comment", "comments") << " (" << pct(sp.value) << ") look like spam or scams, e.g. ";
    quoted(t, sp.examples[0]);
  }
  t << "; the finance and crypto sections the model learned from: median " << pct(sp.organic_median)
    << ", 95 in 100 up to " << pct(sp.organic_high);
  return t.s;
}

std::string accounts_text(const CommenterAccounts& a) {
  Text t;
  t << "Commenters: about " << round_to(a.value, 10) << "% fake accounts (" << round_to(*a.low, 10) << "-"
    << round_to(*a.high, 10) << "%) among " << a.commenters << " commenters";
  if (a.full_records) t << " (" << a.full_records << " fetched in full)";
  else t << ", from their names and pictures only";
  if (*a.high - *a.low > 50) t << ": too uncertain to judge; an audit's commenter sample narrows it";
  else t << "; real audiences read " << kOrganicFakePercent << "% or less";
  return t.s;
}

std::string per_like_text(const CommentsPerLike& c) {
  Text t, tier;
  tier << c.tier->min_followers;
  if (c.tier->max_followers >= 1e9) tier << "+ followers";
  else tier << "-" << c.tier->max_followers << " followers";
  t << round_to(c.value * 100, 10) << " comments per 100 likes";
  if (c.percentile >= 0.9)
    t << ": more than " << std::floor(c.percentile * 100) << "% of real accounts with " << tier.s;
  else
    t << ": typical for real accounts with " << tier.s << " (median " << round_to(c.tier->ratio.quantile(0.5) * 100, 10)
      << ")";
  return t.s;
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
    w.key("note").str(m.why_not);
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
  if (grade == "good") return "Comments look organic";
  if (grade == "fair") return "Some signs of inauthentic comments";
  if (grade == "poor") return "Likely bought engagement";
  if (grade == "bad") return "Very likely bought engagement";
  return "Not enough comments to judge";
}

std::string comments_report(const Signals& s,
                            const Input& in,
                            const CommentReference& ref,
                            const SpamModel& model,
                            const std::string& engine) {
  std::vector<Reason> reasons;
  if (s.recurring.measured)
    reasons.push_back({"recurring_commenters", s.recurring.strength, recurring_text(s.recurring)});
  if (s.templates.measured) reasons.push_back({"templates", s.templates.strength, templates_text(s.templates)});
  if (s.timing.measured) reasons.push_back({"timing", s.timing.strength, timing_text(s.timing)});
  if (s.accounts.measured) reasons.push_back({"commenter_accounts", s.accounts.strength, accounts_text(s.accounts)});
  if (s.generic.measured) reasons.push_back({"generic_comments", s.generic.strength, generic_text(s.generic)});
  if (s.per_like.measured) reasons.push_back({"comments_per_like", s.per_like.strength, per_like_text(s.per_like)});
  if (s.spam.measured) reasons.push_back({"spam", s.spam.strength, spam_text(s.spam)});
  // Strongest first; equal strengths keep the order above (an insertion sort: seven reasons).
  for (size_t i = 1; i < reasons.size(); ++i)
    for (size_t k = i; k > 0 && reasons[k - 1].strength < reasons[k].strength; --k)
      std::swap(reasons[k - 1], reasons[k]);

  double score = 0;
  for (const Reason& r : reasons) score += r.strength;
  const bool enough = s.comments >= kMinComments && s.posts_with_comments >= 2;
  std::string grade = enough ? grade_of_score(score) : "unknown";
  Text verdict;
  verdict << grade_label(grade) << ": ";
  if (!enough) {
    count(verdict, s.comments, "comment", "comments") << " on ";
    count(verdict, s.posts_with_comments, "post", "posts")
        << " (at least " << kMinComments << " on 2 posts are needed)";
  } else if (reasons.empty() || reasons[0].strength < 1) {
    verdict << "nothing stands out against real comment sections";
  } else {
    verdict << reasons[0].text;
    if (reasons.size() > 1 && reasons[1].strength >= 1) verdict << "; and " << reasons[1].text;
  }

  JsonWriter w;
  w.open('{');
  w.key("status").str(enough ? "ok" : "insufficient_data");
  w.key("grade").str(grade).key("grade_label").str(grade_label(grade)).key("verdict").str(verdict.s);
  w.key("score").num(round_to(score, 100));
  w.key("reasons").open('[');
  for (const Reason& r : reasons)
    w.open('{')
        .key("signal")
        .str(r.signal)
        .key("severity")
        .str(severity(r.strength))
        .key("text")
        .str(r.text)
        .close('}');
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
