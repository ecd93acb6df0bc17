// The large-accounts data set (../shared/data/engagement/large_accounts_2017.jsonl: public
// accounts of 125k-22M followers, each with the likes of its ~17 newest posts, 2017) and the
// derivation of the engine's large-accounts reference from it, shared by derive-large-accounts
// (which writes models/large_accounts_reference.json) and eval-badge (which derives it without
// the held-out accounts). Header only: tools/common holds no executable of its own.
#pragma once
#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "json_util.h"
#include "profile/large_reference.h"
#include "profile/post_stats.h"
#include "profile/reference_io.h"
#include "profile/signals.h"

namespace fm::large {

struct Account {
  std::string username;
  double followers = 0, following = 0, media_count = 0;
  bool is_private = false;
  std::vector<prof::Post> posts;  // newest first, likes only
};

// One account per line; posts ordered newest first by their date (ISO text sorts as time).
inline Result<std::vector<Account>> accounts_from_jsonl(const std::string& text) {
  std::vector<Account> out;
  std::istringstream in(text);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto j = parse_json(line, "line " + std::to_string(n));
    if (!j || !j.value().is_object())
      return make_error("large.shape", "line " + std::to_string(n) + " is not an object");
    const json& o = j.value();
    Account a;
    if (!o.contains("followers") || !o["followers"].is_number() || !o.contains("recent_posts") ||
        !o["recent_posts"].is_array())
      return make_error("large.shape", "line " + std::to_string(n) + " lacks followers or recent_posts");
    a.username = o.value("username", "");
    a.followers = o["followers"].get<double>();
    a.following = o.value("following", 0.0);
    a.media_count = o.value("posts", 0.0);
    a.is_private = o.value("private", false);
    std::vector<std::pair<std::string, int64_t>> dated;
    for (const auto& p : o["recent_posts"])
      if (p.is_object() && p.contains("likes") && p["likes"].is_number())
        dated.push_back({p.value("date", ""), p["likes"].get<int64_t>()});
    std::stable_sort(dated.begin(), dated.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
    for (const auto& [date, likes] : dated) {
      prof::Post post;
      post.likes = likes;
      a.posts.push_back(post);
    }
    out.push_back(std::move(a));
  }
  return out;
}

// The tiers the reference counts accounts in (the data starts at 125k followers).
inline const double kTierEdges[] = {1e5, 3e5, 1e6, 3e6, 1e7, 1e12};

// The reference from public accounts with enough posts with likes, their newest kPostWindow posts.
// `persons` gives the published bands the level is anchored to (where the bands have rows).
inline prof::LargeReference derive(const std::vector<Account>& accounts,
                                   const prof::Reference& persons,
                                   const std::string& derived_from,
                                   int year) {
  using namespace prof;
  LargeReference r;
  r.derived_from = derived_from;
  r.year = year;
  std::vector<double> x, y, per_post, followers;
  for (const auto& a : accounts) {
    if (a.is_private || a.followers < 1) continue;
    std::vector<Post> window(a.posts.begin(), a.posts.begin() + std::min(a.posts.size(), kPostWindow));
    PostStats s = post_stats(window);
    if (s.with_likes < kMinPostsEngagement) continue;
    x.push_back(std::log1p(a.followers));
    y.push_back(std::log1p(s.median_likes));
    per_post.push_back(std::log((1 + a.followers) / (1 + a.media_count)));
    followers.push_back(a.followers);
  }
  r.n_accounts = int(x.size());
  if (x.empty()) return r;
  r.min_followers = *std::min_element(followers.begin(), followers.end());
  r.max_followers = *std::max_element(followers.begin(), followers.end());
  Conditional likes = fit_conditional(x, y);
  r.likes_line = likes.line;
  r.likes_residual = likes.residual;
  r.followers_per_post = fit_conditional(x, per_post);
  // The bands' level against the data's typical level, over the accounts the bands' rows cover.
  double bands_max = persons.benchmarks.empty() ? 0 : persons.benchmarks.back().max_followers;
  std::vector<double> gaps;
  for (size_t i = 0; i < x.size(); ++i)
    if (followers[i] < bands_max)
      gaps.push_back(benchmark_log_engagement(persons, x[i]) -
                     (r.likes_line.at(x[i]) + r.likes_residual.quantile(0.5)));
  r.level_shift = gaps.empty() ? 0 : median(gaps);
  for (size_t t = 0; t + 1 < sizeof kTierEdges / sizeof kTierEdges[0]; ++t) {
    DataTier d{kTierEdges[t], kTierEdges[t + 1], 0, 0};
    std::vector<double> rates;
    for (size_t i = 0; i < x.size(); ++i)
      if (followers[i] >= d.min_followers && followers[i] < d.max_followers)
        rates.push_back(std::expm1(y[i]) / followers[i]);
    d.n = int(rates.size());
    d.median_rate = median(rates);
    r.tiers.push_back(d);
  }
  return r;
}

}  // namespace fm::large
