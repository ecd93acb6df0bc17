#include "signals.h"

#include <algorithm>
#include <cmath>

#include "estimator/prevalence.h"
#include "generic.h"
#include "message.h"  // the notes of signals not measured are message ids
#include "size_optimized.h"
#include "templates.h"
#include "union_find.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::cmt {

namespace {

constexpr double kZ95 = 1.959963984540054;
constexpr int64_t kDay = 86400;

int popcount(uint64_t v) {
  int n = 0;
  for (; v; v &= v - 1) ++n;
  return n;
}

// At least two thirds of n ("4 of the last 6 posts"), and never fewer than 3: on 3 posts, "2 of
// 3" is what a profile's regular customers reach by themselves (28% of simulated organic
// sections were judged bought at 2 of 3; tools/research/comment_posts.mjs).
int two_thirds(int n) { return std::max(3, (2 * n + 2) / 3); }

void share(Measure& m, int k, int n) {
  m.measured = true;
  m.value = n ? double(k) / n : 0;
  double lo, hi;
  wilson(m.value, double(n), kZ95, lo, hi);
  m.low = lo, m.high = hi;
}

// Text patterns counted by key (a hash): how many comments and accounts each has, and the
// first comment's text to show.
struct Tally {
  struct Entry {
    uint32_t key;
    Example example;
    std::vector<uint32_t> authors;
  };
  std::vector<Entry> entries;
  void add(uint32_t key, const std::string& text, uint32_t author) {
    size_t i = 0;
    while (i < entries.size() && entries[i].key != key) ++i;
    if (i == entries.size()) entries.push_back({key, {example_text(text), 0, 0}, {}});
    Entry& e = entries[i];
    ++e.example.count;
    if (std::find(e.authors.begin(), e.authors.end(), author) == e.authors.end())
      e.authors.push_back(author), ++e.example.accounts;
  }
  // The `limit` most frequent, the first seen first among equals.
  std::vector<Example> top(size_t limit) const {
    std::vector<Example> out;
    std::vector<bool> taken(entries.size());
    while (out.size() < limit) {
      size_t best = entries.size();
      for (size_t i = 0; i < entries.size(); ++i)
        if (!taken[i] && (best == entries.size() || entries[i].example.count > entries[best].example.count)) best = i;
      if (best == entries.size()) break;
      taken[best] = true;
      out.push_back(entries[best].example);
    }
    return out;
  }
};

// The shares of comments (generic, templates, spam): the organic reference's median and 95th
// percentile; false, with the reason, when too few comments were read to judge a share.
bool judge_share(Measure& m, int comments, const prof::Distribution& ref, double& median, double& high) {
  median = ref.quantile(0.5);
  high = ref.quantile(0.95);
  if (comments >= kMinComments) return true;
  m.why_not = {"comments.note_few_comments", 0, kMinComments};
  return false;
}

struct Flat {
  const Comment* c;
  size_t post;
  TextShape shape;
  bool spam;     // flagged by the spam model
  bool generic;  // could stand under any post (generic praise, wishes, emoji)
};

void recurrence(Signals& s, const Input& in, const std::vector<Flat>& all) {
  Recurrence& r = s.recurring;
  r.posts = s.posts_with_comments;
  r.commenters = s.commenters;
  std::vector<double> per_post;
  uint64_t incomplete = 0;
  for (size_t p = 0; p < in.posts.size(); ++p) {
    const Post& post = in.posts[p];
    if (post.comments.empty()) continue;
    per_post.push_back(double(post.comments.size()));
    if (post.unread() > 0) incomplete |= uint64_t(1) << p;
  }
  std::sort(per_post.begin(), per_post.end());
  r.per_post = per_post.empty() ? 0 : per_post[per_post.size() / 2];
  if (r.posts < 3) {
    r.why_not = {"comments.note_few_posts", 3};
    return;
  }
  r.measured = true;
  r.min_posts = two_thirds(r.posts);
  std::vector<uint64_t> seen(in.authors.size(), 0);
  for (const Flat& f : all) seen[f.c->author] |= uint64_t(1) << f.post;
  std::vector<uint64_t> regulars;
  int could = 0;
  for (uint64_t m : seen) {
    if (popcount(m) >= r.min_posts) regulars.push_back(m);
    // Comments not read could hold more of this account's: the interval's upper end.
    if (popcount(m) + popcount(incomplete & ~m) >= r.min_posts) ++could;
  }
  // Groups: regulars that appear together on min_posts posts, joined transitively.
  UnionFind groups(regulars.size());
  for (size_t i = 0; i < regulars.size(); ++i)
    for (size_t k = i + 1; k < regulars.size(); ++k)
      if (popcount(regulars[i] & regulars[k]) >= r.min_posts) groups.join(i, k);
  std::vector<int> sizes(regulars.size(), 0);
  for (size_t i = 0; i < regulars.size(); ++i) r.largest_group = std::max(r.largest_group, ++sizes[groups.root(i)]);
  r.value = double(regulars.size());
  r.low = r.value;
  r.high = double(could);
  // The regulars of an organic section: friends, family, loyal customers. Assumed (no public
  // comment data names its commenters): two, plus one for every five comments a post gets.
  r.organic_max = 2 + std::floor(r.per_post / 5);
  r.strength = strength_ramp(r.value, r.organic_max, r.organic_max + 1, 2 * r.organic_max + 1);
}

void generic(Signals& s, const CommentReference& ref, const GenericLexicon& lex, const std::vector<Flat>& all) {
  Generic& g = s.generic;
  g.total = int(all.size());
  if (!judge_share(g, g.total, ref.generic_share, g.organic_median, g.organic_high)) return;
  Tally t;
  for (const Flat& f : all) {
    if (!is_generic(f.shape, lex)) continue;
    ++g.count;
    if (f.shape.words.empty()) ++g.emoji_only;
    std::string key = generic_key(f.shape);
    t.add(hash32(key.empty() ? f.c->text : key), f.c->text, f.c->author);
  }
  share(g, g.count, g.total);
  g.examples = t.top(3);
  // The reference sections discuss money; a small business's followers mostly praise (assumed),
  // so only shares past kSmallBusinessGeneric count, and little: praise alone proves nothing.
  g.strength = std::min(kMaxGenericStrength,
                        strength_ramp(*g.low, g.organic_high, std::max(g.organic_high, kSmallBusinessGeneric), 0.95));
}

void templates(Signals& s, const CommentReference& ref, const std::vector<Flat>& all) {
  Templates& t = s.templates;
  if (!judge_share(t, int(all.size()), ref.template_share, t.organic_median, t.organic_high)) return;
  std::vector<std::vector<uint32_t>> grams;
  std::vector<uint32_t> authors;
  std::vector<const Flat*> items;
  for (const Flat& f : all) {
    // Spam repeats its own templates; it is judged on its own (spam()), not as bought comments.
    // Generic words repeat by themselves (a blessing, a birthday wish): judged as praise (generic()).
    std::vector<uint32_t> g = f.spam || f.generic ? std::vector<uint32_t>() : trigrams(f.shape);
    if (g.empty()) continue;
    grams.push_back(std::move(g));
    authors.push_back(f.c->author);
    items.push_back(&f);
  }
  t.long_comments = int(items.size());
  std::vector<size_t> group = near_duplicate_groups(grams, authors);
  std::vector<int> size(items.size(), 0);
  // The posts a group's comments stand under: a network repeats its texts post after post, while
  // one post's guests write alike by themselves (birthday wishes, a giveaway's entries).
  std::vector<uint64_t> posts(items.size(), 0);
  for (size_t i = 0; i < items.size(); ++i) ++size[group[i]], posts[group[i]] |= uint64_t(1) << (items[i]->post % 64);
  Tally tally;
  std::vector<uint32_t> who;
  for (size_t i = 0; i < items.size(); ++i) {
    if (size[group[i]] < 2 || popcount(posts[group[i]]) < 2) continue;
    ++t.comments;
    // One key per group: the group's first comment stands for it.
    tally.add(uint32_t(group[i]), items[group[i]]->c->text, authors[i]);
    if (std::find(who.begin(), who.end(), authors[i]) == who.end()) who.push_back(authors[i]);
  }
  t.groups = int(tally.entries.size());
  t.accounts = int(who.size());
  for (const auto& e : tally.entries) t.largest_group = std::max(t.largest_group, e.example.accounts);
  share(t, t.comments, t.long_comments);
  t.examples = tally.top(3);
  // Either many of the longer comments repeat, or one text comes from more accounts than any
  // real section's largest group of near-duplicates (which counts comments, so errs high).
  const double big = ref.template_largest.quantile(0.95);
  t.organic_largest = big;
  const double by_share = t.long_comments >= kMinTemplateComments
                              ? strength_ramp(*t.low, t.organic_high, t.organic_high + 0.05, t.organic_high + 0.2)
                              : 0.0;
  t.strength = std::max(by_share, strength_ramp(t.largest_group, big, big + 1, 2 * big + 1));
}

void timing(Signals& s, const Input& in) {
  Timing& t = s.timing;
  int64_t now = in.now.value_or(0);
  if (!in.now)
    for (const Post& p : in.posts) {
      now = std::max(now, p.taken_at.value_or(0));
      for (const Comment& c : p.comments) now = std::max(now, c.created_at.value_or(0));
    }
  std::vector<int> early_posts(in.authors.size(), 0);  // per author: posts where they were early
  for (const Post& p : in.posts) {
    if (!p.taken_at || now - *p.taken_at < kDay) continue;
    int dated = 0, early = 0;
    std::vector<uint32_t> early_here;
    for (const Comment& c : p.comments) {
      // A comment dated at or before its post has no time to go by (a time left out as 0, or copied).
      if (!c.created_at || *c.created_at <= *p.taken_at) continue;
      ++dated;
      if (*c.created_at - *p.taken_at <= kEarlyMinutes * 60) {
        ++early;
        if (std::find(early_here.begin(), early_here.end(), c.author) == early_here.end())
          early_here.push_back(c.author);
      }
    }
    if (dated < 3) continue;
    ++t.posts_used;
    t.dated += dated, t.early += early;
    for (uint32_t a : early_here) ++early_posts[a];
  }
  if (t.posts_used < 2) {
    t.why_not = {"comments.note_timing", 2, 3};
    return;
  }
  t.min_posts = two_thirds(t.posts_used);
  for (int n : early_posts) t.early_regulars += n >= t.min_posts;
  share(t, t.early, t.dated);
  // Early regulars are judged as the regulars are (recurrence): a family or a few loyal customers
  // are there early too, as many as an organic section of this size has regulars (4 relatives
  // commenting within minutes read as a pod at full strength).
  const double organic = s.recurring.measured ? s.recurring.organic_max : 2;
  t.regulars_strength =
      t.posts_used >= 3 ? strength_ramp(t.early_regulars, organic, organic + 1, 2 * organic + 1) : 0.0;
  t.strength =
      std::max(strength_ramp(*t.low, kOrganicEarlyShare, kWeakEarlyShare, kStrongEarlyShare), t.regulars_strength);
}

void spam(Signals& s, const CommentReference& ref, const std::vector<Flat>& all) {
  Spam& sp = s.spam;
  sp.total = int(all.size());
  if (!judge_share(sp, sp.total, ref.spam_share, sp.organic_median, sp.organic_high)) return;
  for (const Flat& f : all) {
    if (!f.spam) continue;
    ++sp.count;
    if (sp.examples.size() < 3) sp.examples.push_back({example_text(f.c->text), 1, 1});
  }
  share(sp, sp.count, sp.total);
  // Spam says the comment count is inflated, not that the owner bought anything.
  sp.strength = std::min(1.0, strength_ramp(*sp.low, sp.organic_median, sp.organic_high, 1));
}

void accounts(Signals& s, const std::optional<CommenterEstimate>& e) {
  CommenterAccounts& a = s.accounts;
  a.commenters = s.commenters;
  if (!e) {
    a.why_not = {s.commenters ? "comments.note_records_unscored" : "comments.note_no_commenters"};
    return;
  }
  a.measured = true;
  a.value = e->fake_percent, a.low = e->ci_low, a.high = e->ci_high;
  a.full_records = e->full_records;
  a.method = e->method;
  a.strength = strength_ramp(e->ci_low, kOrganicFakePercent, kWeakFakePercent, kStrongFakePercent);
}

void per_like(Signals& s, const Input& in, const CommentReference& ref) {
  CommentsPerLike& c = s.per_like;
  std::vector<double> ratio;
  for (const Post& p : in.posts)
    if (p.like_count && *p.like_count > 0 && p.comment_count) ratio.push_back(double(*p.comment_count) / *p.like_count);
  c.posts_used = int(ratio.size());
  if (!in.follower_count) {
    c.why_not = {"comments.note_no_follower_count"};
    return;
  }
  if (c.posts_used < 3) {
    c.why_not = {"comments.note_few_like_counts", 3};
    return;
  }
  for (const CommentsPerLikeTier& t : ref.comments_per_like)
    if (double(*in.follower_count) >= t.min_followers) c.tier = &t;
  if (!c.tier) {
    c.why_not = {"comments.note_no_reference"};
    return;
  }
  std::sort(ratio.begin(), ratio.end());
  const size_t n = ratio.size();
  c.measured = true;
  c.value = n % 2 ? ratio[n / 2] : (ratio[n / 2 - 1] + ratio[n / 2]) / 2;
  // The median's 95% interval from order statistics (ranks n/2 -+ 0.98 sqrt(n)).
  double spread = 0.98 * std::sqrt(double(n));
  c.low = ratio[size_t(std::clamp(std::floor(double(n) / 2 - spread), 0.0, double(n - 1)))];
  c.high = ratio[size_t(std::clamp(std::ceil(double(n) / 2 + spread) - 1, 0.0, double(n - 1)))];
  c.percentile = c.tier->ratio.cdf(c.value);
  // Only many comments per like point to added comments (few point to added likes, which the
  // profile analysis judges).
  c.strength = std::min(1.0, strength_ramp(c.tier->ratio.z(*c.low), 0, 1.645, 2.326));
}

}  // namespace

double strength_ramp(double v, double organic, double weak, double strong) {
  if (!(v > organic)) return 0;
  if (v < weak) return (v - organic) / (weak - organic);
  if (v < strong) return 1 + (v - weak) / (strong - weak);
  return 2;
}

Signals compute_signals(const Input& in,
                        const CommentReference& ref,
                        const SpamModel& model,
                        const GenericLexicon& lex,
                        const std::optional<CommenterEstimate>& commenters) {
  Signals s;
  s.posts = int(in.posts.size());
  s.commenters = int(in.authors.size());
  std::vector<Flat> all;
  for (size_t p = 0; p < in.posts.size(); ++p) {
    const Post& post = in.posts[p];
    s.posts_with_comments += !post.comments.empty();
    s.counted += post.comment_count.value_or(int64_t(post.comments.size()));
    for (const Comment& c : post.comments) {
      TextShape shape = text_shape(c.text);
      bool flagged = spam_margin(model, spam_features(shape, model.buckets)) > model.threshold;
      bool generic = is_generic(shape, lex);
      all.push_back({&c, p, std::move(shape), flagged, generic});
    }
  }
  s.comments = int(all.size());
  recurrence(s, in, all);
  generic(s, ref, lex, all);
  templates(s, ref, all);
  timing(s, in);
  spam(s, ref, all);
  accounts(s, commenters);
  per_like(s, in, ref);
  return s;
}

}  // namespace fm::cmt

FM_SIZE_OPTIMIZED_END
