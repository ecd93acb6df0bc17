// The comment analysis's organic references, derived from real data by tools/derive-comments
// (models/comment_reference.json, compiled in): what real comment sections and real accounts'
// comment counts look like.
#pragma once
#include <string>
#include <vector>

#include "json_util.h"
#include "profile/stats.h"

namespace fm::cmt {

struct CommentsPerLikeTier {
  double min_followers = 0, max_followers = 0;  // [min, max)
  prof::Distribution ratio;                     // per account: median comments / likes of its posts
};

struct CommentReference {
  // Real comment sections: per section (one account's posts), the share of comments that are
  // generic, that repeat another comment of the section nearly word for word (4+ words), and
  // that the spam model flags; and comments per post as collected.
  std::string sections_source;
  int accounts = 0, posts = 0, comments = 0;
  prof::Distribution comments_per_post, generic_share, template_share, spam_share;
  prof::Distribution template_largest;  // comments in the section's largest group of near-duplicates
  // Short texts that real sections repeat under unrelated accounts' posts (generic_key form).
  std::vector<std::string> learned_generic;
  // Comments per like of real accounts by follower count.
  std::string comments_per_like_source;
  std::vector<CommentsPerLikeTier> comments_per_like;
};

// Format: {"sections": {"source", "counts": [accounts, posts, comments], "comments_per_post",
// "generic_share", "template_share", "template_largest", "spam_share"}, "learned_generic": [texts],
// "comments_per_like": {"source", "tiers": [[min, max, ...distribution]]}}, each distribution
// [n, then quantiles at evenly spaced p from 0 to 1]. Errors: "comment_reference.*" naming the field.
Result<CommentReference> comment_reference_from_text(const std::string& text);

// The reference compiled into this build.
const Result<CommentReference>& builtin_comment_reference();

}  // namespace fm::cmt
