#include "post_stats.h"

#include <algorithm>
#include <cmath>

#include "size_optimized.h"
#include "stats.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

PostStats post_stats(const std::vector<Post>& all, std::optional<int64_t> now) {
  PostStats s;
  std::vector<double> likes, comments, engagement, log_likes, like_view;
  double sum_likes = 0, sum_comments = 0;
  for (const Post& p : all) {
    if (!p.pinned && size_t(s.posts) == kPostWindow) continue;
    if (p.taken_at) {
      if (!s.newest || p.taken_at > s.newest) s.newest = p.taken_at;
      if (!s.oldest || p.taken_at < s.oldest) s.oldest = p.taken_at;
    }
    if (p.pinned) {
      ++s.pinned;
      continue;
    }
    ++s.posts;
    if (!p.likes) {
      ++s.hidden_likes;
      continue;
    }
    if (now && p.taken_at && *now - p.taken_at < kFreshPostSeconds) {
      ++s.fresh;
      continue;
    }
    double l = double(*p.likes), c = double(p.comments.value_or(0));
    likes.push_back(l);
    comments.push_back(c);
    engagement.push_back(l + c);
    log_likes.push_back(std::log1p(l));
    if (!p.comments_disabled && p.comments) {
      sum_likes += l;
      sum_comments += c;
      s.has_comment_ratio = true;
    }
    if (p.is_video && p.views && *p.views > 0) {
      ++s.videos_with_views;
      if (l > double(*p.views)) ++s.likes_above_views;
      like_view.push_back(l / double(*p.views));
    }
  }
  s.with_likes = int(likes.size());
  if (likes.empty()) return s;
  s.median_likes = median(likes);
  s.median_comments = median(comments);
  std::sort(engagement.begin(), engagement.end());
  s.median_engagement = quantile_sorted(engagement, 0.5);
  s.engagement_ci = median_interval(engagement);
  s.min_likes = *std::min_element(likes.begin(), likes.end());
  s.sd_log_likes = stddev(log_likes);
  if (s.has_comment_ratio) s.comment_ratio_log = std::log((1 + sum_comments) / (1 + sum_likes));
  s.floor_log = std::log((1 + s.min_likes) / (1 + s.median_likes));
  s.median_like_view_ratio = median(like_view);
  return s;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
