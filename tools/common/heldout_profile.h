// A held-out real account as the profile analysis would meet it, for the evaluations that judge
// it by a reference derived without it (eval-profile, eval-badge): its newest posts, and its
// instant report with a share of bought followers added.
#pragma once
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "engagement_reference.h"
#include "profile/report.h"

namespace fm::prof {

// The newest kPostWindow posts: what the engine reads of a profile.
inline std::vector<Post> post_window(const std::vector<Post>& posts) {
  return std::vector<Post>(posts.begin(), posts.begin() + std::min(posts.size(), kPostWindow));
}

// The instant report of account `a` with a share x of its final audience bought (followers
// F -> F / (1 - x), likes unchanged), judged by `ref`.
inline json analyze_heldout(const ReferenceAccount& a, double x, const Reference& ref, std::vector<Post> posts) {
  Profile p;
  p.username = "heldout";
  p.followers = int64_t(std::llround(a.followers / (1 - x)));
  p.following = int64_t(a.following);
  p.media_count = int64_t(a.media_count);
  // Held-out persons' public accounts: what web_profile_info would say of them.
  p.is_private = p.is_verified = p.is_business = false;
  p.posts = std::move(posts);
  return analyze_profile(p, ref, AnalysisOptions{}, "eval");
}

}  // namespace fm::prof
