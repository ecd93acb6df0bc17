// check-audience: how the engine behaves on a whole real, unlabelled audience (account records in
// the engine's field names, JSON Lines): the score histograms against the known sets' real
// accounts, lite against full, the estimate on every follower with a full record, and how audits
// of the usual designs drawn from the same audience spread around it. No labels: it checks
// behaviour, not accuracy. Prints the audience section of EVALUATION.md (Markdown).
// Deterministic (fixed seed). Usage: check-audience RECORDS.jsonl [TOTAL_FOLLOWERS] [--reps N]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "classifier.h"
#include "estimator/audience.h"
#include "estimator/rate_shift.h"
#include "labelled_sets.h"
#include "report_format.h"
#include "text_files.h"

using namespace fm;
using report::f1;
using report::f3;

namespace {

struct Rng {  // splitmix64: the same sequence on every platform
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t below(size_t n) { return size_t(next() % n); }
};

double pct(double share) { return 100 * share; }

double quantile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}

double correlation(const std::vector<double>& x, const std::vector<double>& y) {
  double n = double(x.size()), mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) mx += x[i] / n, my += y[i] / n;
  for (size_t i = 0; i < x.size(); ++i)
    sxx += (x[i] - mx) * (x[i] - mx), syy += (y[i] - my) * (y[i] - my), sxy += (x[i] - mx) * (y[i] - my);
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : 0;
}

double logit(double p) {
  p = std::clamp(p, 1e-4, 1 - 1e-4);
  return std::log(p / (1 - p));
}

std::string interval(const Prevalence& p) {
  return f1(pct(p.point)) + "% (" + f1(pct(p.low)) + "-" + f1(pct(p.high)) + "%)";
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  double total = 1e6;  // the brand's audience is in the millions; the file holds its newest followers
  int reps = 400;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--reps" && i + 1 < argc) reps = std::max(10, std::atoi(argv[++i]));
    else if (path.empty()) path = a;
    else total = std::atof(a.c_str());
  }
  if (path.empty()) {
    std::fprintf(stderr, "usage: check-audience RECORDS.jsonl [TOTAL_FOLLOWERS] [--reps N]\n");
    return 2;
  }
  auto text = data::read_text_file(path);
  if (!text) {
    std::fprintf(stderr, "check-audience: %s\n", text.error().text().c_str());
    return 1;
  }
  auto records = data::load_records(text.value(), path);
  if (!records) {
    std::fprintf(stderr, "check-audience: %s\n", records.error().text().c_str());
    return 1;
  }
  const Model& model = builtin_model();
  const auto& profiles = builtin_score_profiles();
  if (!profiles.ok() || profiles.value().model_version != model.version) {
    std::fprintf(stderr, "check-audience: the compiled-in score profiles do not describe the compiled-in model\n");
    return 1;
  }
  const ScoreProfiles& prof = profiles.value();

  // Every follower at the lite tier; those with a full record at the full tier too.
  std::vector<FollowerScore> all, full;
  std::vector<double> lite_of_full, full_p;
  for (const Account& a : records.value()) {
    FeatureVector x = extract_features(a);
    FollowerScore f;
    f.p_lite = fake_probability(model, x, Tier::kLite);
    f.is_private = a.is_private;
    f.follower_count = a.follower_count;
    f.following_count = a.following_count;
    if (pick_tier(a) == Tier::kFull) {
      f.p_full = fake_probability(model, x, Tier::kFull);
      lite_of_full.push_back(f.p_lite);
      full_p.push_back(*f.p_full);
      full.push_back(f);
    }
    all.push_back(f);
  }
  if (full.size() < 250) {
    std::fprintf(stderr, "check-audience: only %zu followers with a full record\n", full.size());
    return 1;
  }
  AudienceInput base;
  base.total_followers = std::max(total, double(all.size()));
  base.newest_first = true;
  base.lite = tier_setting(model.lite, kLiteRateShift);
  base.full = tier_setting(model.full, kFullRateShift);
  base.profiles = &prof;

  std::string md;
  auto line = [&](const std::string& s) { md += s + "\n"; };
  line("## A real, unlabelled audience (behaviour check)");
  line("");
  line("Regenerate: `scripts/evaluate` (runs `build/native/check-audience " + path.substr(path.rfind('/') + 1) +
       "`; seed fixed, " + std::to_string(reps) + " audits per design; model `" + model.version + "`).");
  line("");
  line("The " + std::to_string(all.size()) + " newest followers of a large hotel brand (June 2019), " +
       std::to_string(full.size()) +
       " of them with counts and privacy (a full record; no bios). No labels: this shows how the engine behaves on "
       "a whole real audience, not how right it is. The audience is taken to have " +
       std::to_string(int64_t(base.total_followers)) + " followers (finite-population correction negligible).");
  line("");

  // ---- score histograms against the known sets' real accounts
  line(
      "**Scores.** Share of the followers in each bin of the full tier's score (the score profiles' bins), beside "
      "each known set's real accounts (out of fold):");
  line("");
  std::string head = "| bin (full probability) | this audience |", rule = "|---|---:|";
  for (const auto& s : prof.sources) head += " " + s.source + " real |", rule += "---:|";
  line(head);
  line(rule);
  std::vector<double> hist(kProfileBins, 0);
  for (double p : full_p) hist[size_t(prof.bin(p))] += 1.0 / double(full_p.size());
  for (int b = 0; b < kProfileBins; ++b) {
    std::string lo = b == 0 ? "0" : f3(prof.edges[size_t(b - 1)]),
                hi = b + 1 == kProfileBins ? "1" : f3(prof.edges[size_t(b)]);
    std::string row = "| " + lo + "-" + hi + " | " + f1(pct(hist[size_t(b)])) + "% |";
    for (const auto& s : prof.sources) row += " " + f1(pct(s.real[size_t(b)])) + "% |";
    line(row);
  }
  line("");
  double flagged_full = 0, flagged_lite = 0, both = 0;
  for (size_t i = 0; i < full_p.size(); ++i) {
    bool ff = full_p[i] >= model.full.threshold, fl = lite_of_full[i] >= model.lite.threshold;
    flagged_full += ff, flagged_lite += fl, both += ff && fl;
  }
  double lite_all = 0;
  for (const auto& f : all) lite_all += f.p_lite >= model.lite.threshold;
  std::vector<double> lx, fx;
  for (size_t i = 0; i < full_p.size(); ++i) lx.push_back(logit(lite_of_full[i])), fx.push_back(logit(full_p[i]));
  line("**Lite against full** (the followers with a full record): the full tier flags " +
       f1(pct(flagged_full / double(full_p.size()))) + "% at its threshold, the lite tier " +
       f1(pct(flagged_lite / double(full_p.size()))) + "% (" + f1(pct(lite_all / double(all.size()))) +
       "% of all listed followers); " + std::to_string(int(both)) +
       " followers are flagged by both. Correlation of the two tiers' "
       "log-odds: " +
       f3(correlation(lx, fx)) + ".");
  line("");

  // ---- the estimate on every full record
  AudienceInput census = base;
  census.followers = full;
  AudienceEstimate whole = estimate_audience(census);
  line("**The estimate on all " + std::to_string(full.size()) + " full records:** " + interval(whole.estimate) + ".");
  if (whole.regimes) {
    std::string readings;
    for (const auto& r : whole.regimes->regimes)
      readings += std::string(readings.empty() ? "" : "; ") + r.source + " " + f1(pct(r.estimate.point)) + "% (fit " +
                  f3(r.fit_weight) + ", weight " + f3(r.weight) + ")";
    line(" The known definitions read it as: " + readings + ". Spread between them " +
         f1(pct(whole.regimes->between_sd)) + " points; the interval reaches +/-" +
         f1(pct(whole.regimes->definition_half)) + " points for a definition unlike them.");
  }
  line("");

  // ---- audits drawn from the same audience
  line(
      "**Audits of the usual designs drawn from this audience** (the listed followers at random from all of them, "
      "the fetched ones at random among those with a full record):");
  line("");
  line(
      "| design | median estimate | 5-95% of estimates | mean interval width | intervals holding the all-records "
      "estimate | two-phase: lite used |");
  line("|---|---:|---:|---:|---:|---:|");
  Rng rng{20190601};
  struct Design {
    const char* name;
    int listed, fetched;
  };
  const Design designs[] = {{"50 full", 50, 50}, {"200 full", 200, 200}, {"200 listed + 30 full", 200, 30}};
  for (const Design& d : designs) {
    std::vector<double> points;
    double width = 0, held = 0, lite_used = 0;
    for (int rep = 0; rep < reps; ++rep) {
      AudienceInput audit = base;
      // Fetched followers from the full records, the rest of the listed ones from everyone.
      for (int i = 0; i < d.fetched; ++i) audit.followers.push_back(full[rng.below(full.size())]);
      for (int i = d.fetched; i < d.listed; ++i) {
        FollowerScore f = all[rng.below(all.size())];
        f.p_full.reset();
        audit.followers.push_back(f);
      }
      AudienceEstimate e = estimate_audience(audit);
      points.push_back(pct(e.estimate.point));
      width += pct(e.estimate.high - e.estimate.low) / reps;
      held += (e.estimate.low <= whole.estimate.point && whole.estimate.point <= e.estimate.high) ? 1.0 / reps : 0;
      if (e.two_phase) lite_used += e.two_phase->lite_used ? 1.0 / reps : 0;
    }
    line(std::string("| ") + d.name + " | " + f1(quantile(points, 0.5)) + "% | " + f1(quantile(points, 0.05)) + "-" +
         f1(quantile(points, 0.95)) + "% | " + f1(width) + " | " + f1(100 * held) + "% | " +
         (d.listed > d.fetched ? f1(100 * lite_used) + "%" : std::string("-")) + " |");
  }
  line("");
  std::fwrite(md.data(), 1, md.size(), stdout);
  return 0;
}
