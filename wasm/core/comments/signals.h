// The comment signals as numbers: each one's value, its 95% interval, its organic reference
// and how far beyond that reference it lies (its strength). No wording here: report.cpp
// makes the reasons and the verdict as messages (message ids with their numbers).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "comments.h"
#include "generic.h"
#include "reference.h"
#include "spam_model.h"

namespace fm::cmt {

// A signal's strength: 0 within what organic sections show, 1 at the edge of it (weak
// evidence), 2 well beyond it (strong evidence), linear in between.
double strength_ramp(double v, double organic, double weak, double strong);

// A text pattern shown as an example: one comment's text (mentions and links masked) and how
// many comments (and how many accounts) wrote it or nearly it.
struct Example {
  std::string text;
  int count = 0, accounts = 0;
};

// Why a signal was not measured: a message id and the numbers it names (0: not named).
struct Note {
  const char* id = nullptr;
  int posts = 0, comments = 0;
};

struct Measure {
  bool measured = false;
  Note why_not;  // when not measured
  double value = 0;
  std::optional<double> low, high;  // 95% interval of the value
  double strength = 0;
};

// Accounts (the owner aside) commenting on at least min_posts of the posts read, and the
// largest group of them that appears together on min_posts posts. value = that count.
struct Recurrence : Measure {
  int posts = 0, min_posts = 0, largest_group = 0, commenters = 0;
  double organic_max = 0;  // what organic sections of this size show at most (assumed: README)
  double per_post = 0;     // median comments read per post
};

// Share of comments that could stand under any post. The real sections of the reference are
// finance discussions; small businesses' followers mostly praise (assumed), so the share must
// pass kSmallBusinessGeneric too, and generic comments alone add at most kMaxGenericStrength.
constexpr double kSmallBusinessGeneric = 0.6, kMaxGenericStrength = 0.5;
struct Generic : Measure {
  int count = 0, emoji_only = 0, total = 0;
  double organic_median = 0, organic_high = 0;  // real sections: median and 95th percentile
  std::vector<Example> examples;                // the most repeated generic texts
};

// Share of the comments of kMinTemplateWords+ words that repeat another account's comment
// nearly word for word.
struct Templates : Measure {
  int comments = 0, long_comments = 0, groups = 0, accounts = 0;
  int largest_group = 0;  // accounts writing the most repeated text
  double organic_median = 0, organic_high = 0;
  double organic_largest = 0;     // 95th percentile of real sections' largest near-duplicate group
  std::vector<Example> examples;  // one text of each of the largest groups
};
// A share of repeated texts says something only of this many longer comments or more (4 customers
// writing the usual compliment were "100% of 4 longer comments").
constexpr int kMinTemplateComments = 10;

// Comments within kEarlyMinutes of posting, on posts at least a day old.
struct Timing : Measure {
  int posts_used = 0, early = 0, dated = 0, early_regulars = 0, min_posts = 0;
  double regulars_strength = 0;  // the part of `strength` the early regulars give (they are recurring ones too)
};
constexpr int kEarlyMinutes = 10;
// Assumed organic level of early comments (README: no public data has comment times).
constexpr double kOrganicEarlyShare = 0.2, kWeakEarlyShare = 0.4, kStrongEarlyShare = 0.65;

struct Spam : Measure {
  int count = 0, total = 0;
  double organic_median = 0, organic_high = 0;
  std::vector<Example> examples;
};

// The commenters' fake share (percent), from the audience estimator on their records.
struct CommenterEstimate {
  double fake_percent = 0, ci_low = 0, ci_high = 0;
  int commenters = 0, full_records = 0;
  std::string method;
};
struct CommenterAccounts : Measure {
  int commenters = 0, full_records = 0;
  std::string method;
};
// The organic level of the commenters' fake share, in percent: real audiences read low single
// digits; the estimator's interval must clear these to count.
constexpr double kOrganicFakePercent = 5, kWeakFakePercent = 15, kStrongFakePercent = 35;

// Median over posts of comments / likes, against real accounts of the same follower count.
struct CommentsPerLike : Measure {
  int posts_used = 0;
  double percentile = 0.5;
  const CommentsPerLikeTier* tier = nullptr;
};

struct Signals {
  int posts = 0, posts_with_comments = 0, comments = 0, commenters = 0;
  int64_t counted = 0;  // comments Instagram counts on these posts (where it said)
  Recurrence recurring;
  Generic generic;
  Templates templates;
  Timing timing;
  Spam spam;
  CommenterAccounts accounts;
  CommentsPerLike per_like;
};

// Minimum comments read for the shares to be judged at all.
constexpr int kMinComments = 10;

Signals compute_signals(const Input& in,
                        const CommentReference& ref,
                        const SpamModel& spam,
                        const GenericLexicon& lex,
                        const std::optional<CommenterEstimate>& commenters);

}  // namespace fm::cmt
