// eval-profile: validates the profile signals on real accounts with per-post data by
// simulating inflation on held-out accounts (5-fold: each account is judged by a reference
// derived without it), and prints the EVALUATION.md profile section (markdown).
//  - bought followers: x% of the final audience added (followers F -> F / (1 - x)), likes unchanged;
//    the full instant estimate (analyze_profile) is scored against x: MAE and 95%-interval coverage.
//  - like subscription: c likes (+-5%, uniform) added to each of the 12 newest posts; detection
//    at the product's threshold (95th percentile of the training folds' real accounts) and at an
//    exact 5% false-alarm rate on the held-out real accounts.
// With --instant FILE it also writes the held-out instant estimates of the untouched real accounts
// (JSON Lines: fake_percent, ci_low, ci_high), which the estimator's evaluation pairs with follower
// samples to judge their combination. Deterministic: fixed seeds.
// Usage: eval-profile [DATA_JSON] [--instant FILE]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "api.h"
#include "heldout_profile.h"
#include "instafake_posts.h"
#include "kfold.h"
#include "profile/badge.h"
#include "profile/report.h"
#include "profile/signals.h"
#include "text_files.h"

using namespace fm;
using namespace fm::prof;

namespace {

constexpr int kFolds = 5;
const double kShares[] = {0, 0.10, 0.25, 0.50, 0.75};
const double kSubscriptions[] = {50, 100, 200, 500};

using data::Lcg;

std::vector<Post> subscribe(std::vector<Post> posts, double c, Lcg& rng) {
  for (auto& p : posts)
    if (p.likes) *p.likes += int64_t(std::llround(c * (1 + 0.1 * (rng.next() - 0.5))));
  return posts;
}

double quantile_of(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return quantile_sorted(v, p);
}

std::string f1(double v) { return fmt_num(std::round(v * 10) / 10, 6); }

struct ShareStats {
  std::vector<double> err, width;
  int covered = 0, n = 0, insufficient = 0;
  int good = 0, bad = 0;  // graded "good" (< 10%) and "bad" (> 50%)
};

}  // namespace

int main(int argc, char** argv) {
  std::string in = "../shared/data/instafake/nonautomatedAccountData.json", instant_path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--instant" && i + 1 < argc) instant_path = argv[++i];
    else in = a;
  }
  std::string instant_lines;  // held-out instant estimates of the untouched real accounts
  auto text = data::read_text_file(in);
  if (!text) {
    std::fprintf(stderr, "eval-profile: %s\n", text.error().text().c_str());
    return 1;
  }
  auto loaded = instafake_accounts_from_text(text.value());
  if (!loaded) {
    std::fprintf(stderr, "eval-profile: %s\n", loaded.error().text().c_str());
    return 1;
  }
  const auto& accounts = loaded.value();
  std::vector<int> fold = data::seeded_folds(accounts.size(), kFolds, 20261129);

  ShareStats share[5];
  // Bought likes, per subscription size: held-out real scores and subscribed scores, target population
  // (median likes < 400) and everyone; plus per bought-follower share x at 200 likes/post.
  std::vector<double> real_target, real_all;
  std::vector<double> subs_target[4], subs_all[4];
  std::vector<int> real_target_fold;
  std::vector<double> thr_of_fold(kFolds);
  int flagged_real_target = 0, flagged_subs_target[4] = {0, 0, 0, 0};
  std::vector<double> real_x[5], subs_x[5];
  Lcg rng{7};

  for (int k = 0; k < kFolds; ++k) {
    Reference ref = derive_reference(data::outside_fold(accounts, fold, k), "fold");
    thr_of_fold[size_t(k)] = ref.bought_likes_threshold;
    for (size_t i = 0; i < accounts.size(); ++i) {
      if (fold[i] != k) continue;
      const ReferenceAccount& a = accounts[i];
      std::vector<Post> posts = post_window(a.posts);
      PostStats s = post_stats(posts);
      if (s.with_likes < kMinPostsEngagement || a.followers < 1) continue;
      for (int xi = 0; xi < 5; ++xi) {
        double x = kShares[xi];
        json r = analyze_heldout(a, x, ref, posts);
        ShareStats& st = share[xi];
        if (!r["fake_percent"].is_number()) {
          ++st.insufficient;
          continue;
        }
        double est = r["fake_percent"].get<double>(), lo = r["ci_low"].get<double>(), hi = r["ci_high"].get<double>();
        if (xi == 0) instant_lines += dump_json(json{{"fake_percent", est}, {"ci_low", lo}, {"ci_high", hi}}) + "\n";
        ++st.n;
        // The point estimate's grade (what the badge showed before it needed an audit for a number).
        st.good += std::string(grade_of(est)) == "good";
        st.bad += std::string(grade_of(est)) == "bad";
        st.err.push_back(std::fabs(est - 100 * x));
        st.width.push_back(hi - lo);
        // Reported to 0.1 points: a truth of exactly 0 sits at the interval's floor.
        if (lo <= 100 * x + 1e-9 && 100 * x <= hi + 1e-9) ++st.covered;
      }
      if (s.with_likes < kMinPostsBoughtLikes) continue;
      bool target = s.median_likes < 400;
      double score = bought_likes_signal(ref, a.followers, s).score;
      real_all.push_back(score);
      if (target) {
        real_target.push_back(score);
        real_target_fold.push_back(k);
        if (score > ref.bought_likes_threshold) ++flagged_real_target;
      }
      for (int c = 0; c < 4; ++c) {
        PostStats sub = post_stats(subscribe(posts, kSubscriptions[c], rng));
        double sc = bought_likes_signal(ref, a.followers, sub).score;
        subs_all[c].push_back(sc);
        if (target) {
          subs_target[c].push_back(sc);
          if (sc > ref.bought_likes_threshold) ++flagged_subs_target[c];
        }
      }
      if (target) {
        PostStats sub = post_stats(subscribe(posts, 200, rng));
        for (int xi = 0; xi < 5; ++xi) {
          double fx = a.followers / (1 - kShares[xi]);
          real_x[xi].push_back(bought_likes_signal(ref, fx, s).score);
          subs_x[xi].push_back(bought_likes_signal(ref, fx, sub).score);
        }
      }
    }
  }

  auto detect_at_5 = [](const std::vector<double>& real, const std::vector<double>& fake) {
    double t = quantile_of(real, 0.95);
    int hit = 0;
    for (double v : fake) hit += v > t;
    return fake.empty() ? 0.0 : 100.0 * hit / double(fake.size());
  };

  const auto& ref_all = builtin_reference();
  std::printf("## Profile analysis (instant estimate from the profile alone)\n\n");
  std::printf(
      "Regenerate: `scripts/eval-profile` (runs `build/native/eval-profile "
      "../shared/data/instafake/nonautomatedAccountData.json`; deterministic, fixed seeds).\n\n");
  std::printf(
      "**Data.** %zu real, non-automated accounts with per-post likes and comments "
      "(InstaFake `nonautomatedAccountData.json`, Akyon & Kalfaoglu 2019). Each is cut to its %zu newest "
      "posts, as `web_profile_info` shows. **Held out:** 5-fold; every account is judged by a reference "
      "derived from the other four folds only (`derive_reference`, the same code that writes "
      "`models/engagement_reference.json`).\n\n",
      accounts.size(), kPostWindow);

  std::printf("### Implied fake share (bought followers)\n\n");
  std::printf(
      "Simulation: x%% of the final audience is bought (followers F -> F/(1-x)), likes and comments unchanged. "
      "Scored: the report's `fake_percent` and its 95%% interval `ci_low`..`ci_high` (full `analyze_profile`, "
      "including the bought-likes adjustment when a real account is falsely flagged). Accounts: those with "
      ">= %d posts with likes and >= 1 follower.\n\n",
      kMinPostsEngagement);
  std::printf(
      "| bought share x | accounts | MAE (points) | 95%% interval coverage | median interval width (points) "
      "| point graded good (< 10%%) | point graded bad (> 50%%) |\n");
  std::printf("|---|---|---|---|---|---|---|\n");
  for (int xi = 0; xi < 5; ++xi) {
    const ShareStats& st = share[xi];
    std::printf("| %s%% | %d | %s | %s%% | %s | %s%% | %s%% |\n", f1(kShares[xi] * 100).c_str(), st.n,
                f1(mean(st.err)).c_str(), f1(100.0 * st.covered / std::max(1, st.n)).c_str(),
                f1(median(st.width)).c_str(), f1(100.0 * st.good / std::max(1, st.n)).c_str(),
                f1(100.0 * st.bad / std::max(1, st.n)).c_str());
  }
  std::printf("\nTarget: coverage >= 90%% at every x. ");
  bool cov_ok = true;
  for (const auto& st : share) cov_ok = cov_ok && 100.0 * st.covered / std::max(1, st.n) >= 90;
  std::printf("%s\n\n", cov_ok ? "**Met.**" : "**Not met** (see the table).");
  std::printf(
      "Reading it: the intervals are wide (the engagement of real accounts of one size spreads over more than "
      "a factor of 10), so the instant estimate is a first look; the follower-sample audit narrows it. "
      "The point estimate is biased towards 0 at x = 0 by construction (shares below 0 are clipped). "
      "The grade columns grade the point estimate, as the badge did before it needed an audit for a number: "
      "%s%% of untouched real accounts would read \"bad\" from engagement alone. The badge now shows no number from "
      "the profile alone (\"The badge\" below).\n\n",
      f1(100.0 * share[0].bad / std::max(1, share[0].n)).c_str());

  std::printf("### Bought likes (like subscription)\n\n");
  std::printf(
      "Simulation: c likes per post (+-5%%, uniform) added to each of the newest 12 posts. Score: "
      "weighted z-scores of like spread, comments per like, likes vs audience and like floor, each against "
      "real accounts at the same like level (weights 1, 1, 2, 1, chosen while building this evaluation, so "
      "the detection figures are somewhat optimistic). Accounts: >= %d posts with likes.\n\n",
      kMinPostsBoughtLikes);
  std::printf(
      "Target population (median likes < 400): %zu held-out real accounts; their false-alarm rate at the "
      "product's threshold (95th percentile of the training folds, per fold %s..%s): **%s%%**.\n\n",
      real_target.size(), fmt_num(*std::min_element(thr_of_fold.begin(), thr_of_fold.end()), 3).c_str(),
      fmt_num(*std::max_element(thr_of_fold.begin(), thr_of_fold.end()), 3).c_str(),
      f1(100.0 * flagged_real_target / double(std::max<size_t>(1, real_target.size()))).c_str());
  std::printf(
      "| likes bought per post | detected at the product threshold (median < 400) | detected at exactly 5%% "
      "false alarms (median < 400) | detected at exactly 5%% false alarms (all %zu accounts) |\n",
      real_all.size());
  std::printf("|---|---|---|---|\n");
  for (int c = 0; c < 4; ++c)
    std::printf("| %s | %s%% | %s%% | %s%% |\n", fmt_num(kSubscriptions[c], 6).c_str(),
                f1(100.0 * flagged_subs_target[c] / double(std::max<size_t>(1, subs_target[c].size()))).c_str(),
                f1(detect_at_5(real_target, subs_target[c])).c_str(), f1(detect_at_5(real_all, subs_all[c])).c_str());
  double d200 = detect_at_5(real_target, subs_target[2]);
  std::printf(
      "\nTarget: 200 likes/post on accounts with median < 400 likes detected >= 80%% at 5%% false alarms: "
      "%s%% -> %s\n\n",
      f1(d200).c_str(), d200 >= 80 ? "**met**." : "**not met**.");
  std::printf(
      "With bought followers as well (200 likes/post, median < 400; 5%% false alarms among real accounts "
      "inflated the same way):\n\n| bought share x | detected |\n|---|---|\n");
  for (int xi = 0; xi < 5; ++xi)
    std::printf("| %s%% | %s%% |\n", f1(kShares[xi] * 100).c_str(), f1(detect_at_5(real_x[xi], subs_x[xi])).c_str());

  std::printf(
      "\n### Not evaluated here\n\n"
      "Mass following (following above the real accounts' 95th percentile of following/followers and at "
      "least 1,000, or near Instagram's 7,500 cap), sudden audience (more followers per post than 99%% of the "
      "real accounts, or >= 10,000 followers on <= 12 posts under 60 days old) and videos with more likes than "
      "views are reported as reasons with their numbers; no labelled data measures their error rates, and they "
      "do not change `fake_percent`. Simulated inflation is idealised: real bought followers and likes arrive "
      "over time and are partly removed by Instagram.\n");
  std::printf("\n### How solid the reference is, by follower tier\n\n");
  if (ref_all) {
    const Reference& r = ref_all.value();
    std::printf(
        "Committed reference (`models/engagement_reference.json`, all %d usable accounts): engagement line "
        "log(1+eng) = %s + %s log(1+followers), trusted up to %s followers (95%% of the data).\n\n",
        r.n_accounts, fmt_num(r.engagement_line.a, 3).c_str(), fmt_num(r.engagement_line.b, 3).c_str(),
        fmt_num(r.fit_max_followers, 4).c_str());
    std::printf(
        "| followers | real accounts in the data | their median engagement rate | reference used "
        "|\n|---|---|---|---|\n");
    for (const auto& d : r.data_tiers) {
      double mid =
          d.max_followers > 1e9 ? d.min_followers * 3 : std::sqrt(std::max(1.0, d.min_followers) * d.max_followers);
      TierSolidity t = tier_solidity(r, mid);
      std::string range = d.max_followers > 1e9 ? fmt_num(d.min_followers, 9) + "+"
                                                : fmt_num(d.min_followers, 9) + "-" + fmt_num(d.max_followers, 9);
      std::printf("| %s | %d | %s | %s |\n", range.c_str(), d.n, d.n ? (f1(d.median_rate * 100) + "%").c_str() : "-",
                  t.level.c_str());
    }
    std::printf(
        "\nExpected median engagement rate the point estimate compares with, by follower count, against the "
        "persons' line extended and the published \"average\" band (same committed reference):\n\n"
        "| followers | used for the point estimate | persons' line extended | published average band "
        "|\n|---|---|---|---|\n");
    for (double fo : {300.0, 1000.0, 3000.0, 10000.0, 30000.0, 100000.0, 1000000.0}) {
      double x = std::log1p(fo);
      std::string band = "-";
      for (const auto& b : r.benchmarks)
        if (fo >= b.min_followers && fo < b.max_followers)
          band = fmt_num(b.avg_low, 3) + "-" + fmt_num(b.avg_high, 3) + "%";
      std::printf(
          "| %s | %s%% | %s%% | %s |\n", fmt_num(fo, 9).c_str(),
          fmt_num(100 * std::expm1(expected_log_engagement(r, x) + r.engagement_residual.quantile(0.5)) / fo, 2)
              .c_str(),
          fmt_num(100 * std::expm1(r.engagement_line.at(x) + r.engagement_residual.quantile(0.5)) / fo, 2).c_str(),
          band.c_str());
    }
    std::printf(
        "\nThe persons' data and the influencer bands disagree by a factor of 5 to 15 between 1,000 and 10,000 "
        "followers. "
        "The expectation is blended between them and held at its running maximum, so that buying followers "
        "can never lower an account's estimate; on that flat stretch (about 1,000 to 20,000 followers) the "
        "point estimate is strict, and the interval's lower end uses the lenient benchmark level, its upper "
        "end the persons' level.\n");
    std::printf(
        "\nAbove the data, published bands (The Social Cat, Instagram Engagement Rate Benchmark, "
        "https://thesocialcat.com/instagram-engagement-rate-calculator; no date, sample size or method stated "
        "on the page) set the level; their \"average\" band's midpoint is taken as the median. **This evaluation "
        "covers only the data's range (nearly all accounts under 1,000 followers).** From 125,000 followers on, "
        "the large-accounts reference (`models/large_accounts_reference.json`, 973 accounts of 2017) gives the "
        "slope and spread at the bands' level; \"The badge\" below measures it on held-out large accounts. "
        "Between 10,000 and 125,000 followers the estimate rests on the bands alone, and the spread around "
        "them is assumed to be the persons' data's. "
        "Business accounts: no reference data; the analysis assumes they may engage down to half as much "
        "(our assumption, not a published figure).\n");
  }
  if (!instant_path.empty()) {
    std::ofstream out(instant_path, std::ios::binary);
    out << instant_lines;
    if (!out) {
      std::fprintf(stderr, "eval-profile: cannot write %s\n", instant_path.c_str());
      return 1;
    }
  }
  return 0;
}
