#include "loso.h"

#include <algorithm>
#include <cmath>

#include "definitions.h"
#include "estimator/rate_shift.h"
#include "profile/combine.h"
#include "report_format.h"
#include "text_files.h"

namespace fm {

namespace {
using prof::Estimate;
using report::f1;

Result<TierSetting> tier_of(const json& h, const char* key, RateShift shift, const std::string& where) {
  auto t = h.find(key);
  if (t == h.end() || !t->is_object()) return make_error("loso.field", where + key + " is missing");
  TierSetting s;
  double* targets[] = {&s.threshold, &s.rates.tpr, &s.rates.fpr, &s.rates.n_fake, &s.rates.n_real};
  const char* names[] = {"threshold", "tpr", "fpr", "n_fake", "n_real"};
  for (int k = 0; k < 5; ++k) {
    auto v = read_number(*t, names[k], where + key, 0, 1e9);
    if (!v || !v.value()) return make_error("loso.field", where + key + "." + names[k] + " is missing");
    *targets[k] = *v.value();
  }
  s.rates.shift_sd_tpr = shift.tpr_sd, s.rates.shift_sd_fpr = shift.fpr_sd;
  return s;
}

struct Stats {
  MethodStats ours, before;               // the estimate; the plain posterior mixture (as before)
  MethodStats unbounded;                  // the estimate without the bounds for a stricter or a more lenient definition
  std::vector<double> regime_abs_err;     // per regime: sum of |its own point - truth|
  MethodStats combined, combined_before;  // with an instant estimate: the combination now and before
  MethodStats pooled;                     // list only: the adjusted count with the pooled lite rates (as before)
};

// The previous combination, for comparison only: the two 95% intervals read as normal
// distributions and weighted by their precision.
Estimate precision_weighted(const Estimate& instant, const Estimate& sample) {
  double sd_a = std::max(0.5, (sample.high - sample.low) / 3.92),
         sd_i = std::max(0.5, (instant.high - instant.low) / 3.92);
  double wa = 1 / (sd_a * sd_a), wi = 1 / (sd_i * sd_i);
  double c = (wa * sample.point + wi * instant.point) / (wa + wi), sd = 1 / std::sqrt(wa + wi);
  return {c, std::max(0.0, c - 1.96 * sd), std::min(100.0, c + 1.96 * sd)};
}

double pct1(double share) { return std::round(share * 1000) / 10; }
}  // namespace

Result<std::vector<InstantEstimate>> read_instant(const std::string& path) {
  std::vector<InstantEstimate> out;
  auto read = data::for_each_json_line(
      path, "eval-profile --instant writes it", [&](const json& o, const std::string& where) -> Result<bool> {
        InstantEstimate e;
        double* targets[] = {&e.point, &e.low, &e.high};
        const char* names[] = {"fake_percent", "ci_low", "ci_high"};
        for (int k = 0; k < 3; ++k) {
          auto v = read_number(o, names[k], "", 0, 100);
          if (!v || !v.value()) return make_error("instant.field", where + names[k] + " is missing or not in [0, 100]");
          *targets[k] = *v.value();
        }
        out.push_back(e);
        return true;
      });
  if (!read) return read.error();
  return out;
}

Result<std::vector<LosoFold>> read_loso(const std::string& path) {
  std::vector<LosoFold> folds;
  auto read = data::for_each_json_line(
      path, "scripts/train --select writes it", [&](const json& o, const std::string& where) -> Result<bool> {
        auto holdout = read_string(o, "holdout", "", 40);
        if (!holdout || !holdout.value()) return make_error("loso.field", where + "holdout is missing");
        if (!o.contains("role")) {
          LosoFold f;
          f.holdout = *holdout.value();
          auto full = tier_of(o, "full", kFullRateShift, where);
          if (!full) return full.error();
          auto lite = tier_of(o, "lite", kLiteRateShift, where);
          if (!lite) return lite.error();
          f.full = full.value(), f.lite = lite.value();
          folds.push_back(std::move(f));
          return true;
        }
        if (folds.empty() || folds.back().holdout != *holdout.value())
          return make_error("loso.field", where + "a row before its held-out set's header line");
        auto role = read_string(o, "role", "", 10);
        auto set = read_string(o, "set", "", 40);
        auto label = read_int(o, "label", "", 0, 1);
        auto pl = read_number(o, "p_lite", "", 0, 1);
        auto pf = read_number(o, "p_full", "", 0, 1);
        if (!role || !set || !label || !pl || !pf || !role.value() || !set.value() || !label.value() || !pl.value() ||
            !pf.value())
          return make_error("loso.field", where + "needs role, set, label, p_lite and p_full");
        OofRow r;
        r.set = *set.value();
        r.fake = *label.value() == 1;
        r.score.p_lite = *pl.value();
        r.score.p_full = *pf.value();
        (*role.value() == "test" ? folds.back().test : folds.back().fit).push_back(r);
        return true;
      });
  if (!read) return read.error();
  return folds;
}

// Per design, per share: `sim.reps` audiences drawn from the pool into in.followers, each handed
// to `judge(design, truth, stats)`.
template <class Judge>
std::vector<std::vector<Stats>> simulate_cells(const std::vector<Design>& designs,
                                               const Pool& pool,
                                               const SimSettings& sim,
                                               Rng& rng,
                                               AudienceInput& in,
                                               Judge judge) {
  std::vector<std::vector<Stats>> out;
  for (const Design& d : designs) {
    auto& per_share = out.emplace_back();
    for (double share : audience_shares()) {
      Stats st;
      double truth = std::round(share * sim.audience) / sim.audience;
      for (int rep = 0; rep < sim.reps; ++rep) {
        draw_sample(pool, share, d.n, d.m, sim.audience, rng, in.followers);
        judge(d, truth, st);
      }
      per_share.push_back(st);
    }
  }
  return out;
}

std::string run_loso_evaluation(const std::vector<LosoFold>& folds,
                                const std::vector<InstantEstimate>& instant,
                                const EvalConfig& cfg) {
  Rng rng{cfg.seed + 13};
  Rng list_rng{cfg.seed + 17};
  const auto& designs = audit_designs();
  const auto& shares = audience_shares();
  std::string md;
  auto line = [&](const std::string& s) { md += s + "\n"; };
  // [fold][design][share]
  std::vector<std::vector<std::vector<Stats>>> cells, list_cells;
  std::vector<DefinitionFit> fits;
  std::vector<std::vector<std::string>> regime_names(folds.size());  // per fold, in the profiles' order
  for (const LosoFold& f : folds) {
    SimSettings sim = cfg.sim;
    sim.reps = cfg.loso_reps;
    sim.lite = f.lite, sim.full = f.full;
    DefinitionFit df = fit_definitions(f.fit, f.full.threshold, "loso", sim, cfg.calibration_reps, rng);
    fits.push_back(df);
    std::vector<ProfileSample> fit;
    for (const auto& r : f.fit) fit.push_back({r.set, r.fake, *r.score.p_full, r.score.p_lite});
    ScoreProfiles profiles = build_profiles(fit, f.full.threshold, "loso");
    for (const auto& src : profiles.sources) regime_names[cells.size()].push_back(src.source);
    profiles.definition_weighting = df.weighting;
    profiles.definition_spread = cfg.definition_spread;
    profiles.definition_bounds = true;
    Pool pool;
    pool.name = f.holdout;
    for (const auto& r : f.test) (r.fake ? pool.fakes : pool.reals).push_back(r.score);
    AudienceInput in;
    in.total_followers = sim.audience;
    in.newest_first = false;
    in.lite = sim.lite, in.full = sim.full;
    in.profiles = &profiles;
    cells.push_back(simulate_cells(designs, pool, sim, rng, in, [&](const Design& d, double truth, Stats& st) {
      AudienceEstimate e = estimate_audience(in);
      st.ours.add(truth, e.estimate.point, e.estimate.low, e.estimate.high);
      if (!instant.empty() && d.n == d.m) {
        const InstantEstimate& p = instant[rng.below(instant.size())];
        Estimate sample{pct1(e.estimate.point), pct1(e.estimate.low), pct1(e.estimate.high)};
        Estimate now = prof::combine_with_sample({p.point, p.low, p.high}, sample).estimate;
        Estimate then = precision_weighted({p.point, p.low, p.high}, sample);
        st.combined.add(truth, now.point / 100, now.low / 100, now.high / 100);
        st.combined_before.add(truth, then.point / 100, then.low / 100, then.high / 100);
      }
      if (!e.regimes) return;
      RegimeAverage plain = *e.regimes;
      combine_regimes(plain, profiles.definition_weighting, profiles.definition_spread, false, in.z);
      st.unbounded.add(truth, plain.combined.point, plain.combined.low, plain.combined.high);
      combine_regimes(plain, 1, 0, false, in.z);
      st.before.add(truth, plain.within.point, plain.within.low, plain.within.high);
      st.regime_abs_err.resize(plain.regimes.size(), 0.0);
      for (size_t k = 0; k < plain.regimes.size(); ++k)
        st.regime_abs_err[k] += std::fabs(plain.regimes[k].estimate.point - truth);
    }));
    // The extra designs: the estimate, and the same without the score profiles (the model's pooled
    // out-of-fold rates alone; for a list alone, the estimate before its interval took in the
    // known definitions' lite readings). Their own random stream leaves the draws above as they were.
    list_cells.push_back(
        simulate_cells(extra_designs(), pool, sim, list_rng, in, [&](const Design&, double truth, Stats& st) {
          in.profiles = &profiles;
          AudienceEstimate e = estimate_audience(in);
          st.ours.add(truth, e.estimate.point, e.estimate.low, e.estimate.high);
          in.profiles = nullptr;
          AudienceEstimate pooled = estimate_audience(in);
          st.pooled.add(truth, pooled.estimate.point, pooled.estimate.low, pooled.estimate.high);
        }));
    in.profiles = &profiles;
  }

  line("### Leave-one-set-out: audiences of a definition the estimator has not seen (headline)");
  line("");
  line("Regenerate with `scripts/evaluate` (the trainer's `--select` writes the held-out predictions; seed " +
       std::to_string(cfg.seed) + ", " + std::to_string(cfg.loso_reps) + " audiences per cell of " +
       std::to_string(int(cfg.sim.audience)) + " followers; " + std::to_string(cfg.calibration_reps) +
       " per cell, leaving each other set out in turn, to fit the weighting).");
  line("");
  line(
      "For each held-out set: the model was trained without it (its probabilities for the held-out accounts come "
      "from that model), the regimes are the other sets' score profiles (their accounts scored out of fold within "
      "them), and the weighting of the definitions is fitted on those other sets alone, leaving each out in turn. "
      "Audiences of 5,000 followers at 0-60% fakes are drawn from the held-out set's accounts; three audit designs: "
      "50 followers fetched in full (what Instagram often lists now), 200 in full, and 200 listed of which 30 are "
      "fetched in full. `without the bounds` is the estimate with its ends left where the known definitions' spread "
      "puts them (no bounds for a stricter or a more lenient definition); `before` the estimator before either (the "
      "plain posterior mixture of the regimes); `best single definition` is the known definition whose own estimates "
      "came closest for this held-out set and design, picked after the fact: what no weighting of the known "
      "definitions can beat on average.");
  line("");
  line(
      "| held-out set | design | weighting | coverage: lowest cell | mean MAE | mean width | without the bounds: "
      "lowest cell | mean width | before: lowest cell | mean MAE | mean width | best single definition: MAE |");
  line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  std::vector<double> design_mae(designs.size(), 0), design_before(designs.size(), 0), design_best(designs.size(), 0);
  double lowest = 100, lowest_before = 100, lowest_unbounded = 100;
  for (size_t fi = 0; fi < folds.size(); ++fi)
    for (size_t di = 0; di < designs.size(); ++di) {
      double cmin = 100, bmin = 100, mae = 0, bmae = 0, width = 0, bwidth = 0, umin = 100, uwidth = 0;
      std::vector<double> regime_mae;
      for (const Stats& st : cells[fi][di]) {
        cmin = std::min(cmin, st.ours.coverage()), bmin = std::min(bmin, st.before.coverage());
        mae += st.ours.mae(), bmae += st.before.mae(), width += st.ours.mean_width(), bwidth += st.before.mean_width();
        umin = std::min(umin, st.unbounded.coverage()), uwidth += st.unbounded.mean_width();
        regime_mae.resize(st.regime_abs_err.size(), 0.0);
        for (size_t k = 0; k < st.regime_abs_err.size(); ++k)
          regime_mae[k] += 100 * st.regime_abs_err[k] / st.ours.reps;
      }
      double k = double(cells[fi][di].size());
      size_t best = 0;
      for (size_t r = 1; r < regime_mae.size(); ++r)
        if (regime_mae[r] < regime_mae[best]) best = r;
      double best_mae = regime_mae.empty() ? 0 : regime_mae[best] / k;
      design_mae[di] += mae / k / double(folds.size());
      design_before[di] += bmae / k / double(folds.size());
      design_best[di] += best_mae / double(folds.size());
      lowest = std::min(lowest, cmin), lowest_before = std::min(lowest_before, bmin);
      lowest_unbounded = std::min(lowest_unbounded, umin);
      line("| " + folds[fi].holdout + " | " + designs[di].name + " | " + report::fixed(fits[fi].weighting, 2) + " | " +
           f1(cmin) + "% | " + f1(mae / k) + " | " + f1(width / k) + " | " + f1(umin) + "% | " + f1(uwidth / k) +
           " | " + f1(bmin) + "% | " + f1(bmae / k) + " | " + f1(bwidth / k) + " | " + f1(best_mae) + " (" +
           regime_names[fi][best] + ") |");
    }
  line("");
  auto met = [](bool b) { return b ? std::string("met") : std::string("**not met**"); };
  line("Targets: coverage >= 90% in every cell (held-out set x share x design): lowest cell " + f1(lowest) + "%, " +
       met(lowest >= 90) + " (without the bounds: " + f1(lowest_unbounded) + "%; before: " + f1(lowest_before) +
       "%). Mean MAE over cells: 50 full " + f1(design_mae[0]) + " (<= 8: " + met(design_mae[0] <= 8) + "), 200 full " +
       f1(design_mae[1]) + " (<= 5: " + met(design_mae[1] <= 5) + "), 200 listed + 30 full " + f1(design_mae[2]) +
       " (<= 5: " + met(design_mae[2] <= 5) + "); before: " + f1(design_before[0]) + ", " + f1(design_before[1]) +
       ", " + f1(design_before[2]) + "; the best single definition per held-out set, picked after the fact: " +
       f1(design_best[0]) + ", " + f1(design_best[1]) + ", " + f1(design_best[2]) + ".");
  const size_t n_cells = folds.size() * designs.size() * shares.size();
  line("");
  line("Monte Carlo error: each cell's coverage is a share of " + std::to_string(cfg.loso_reps) +
       " audiences, a standard error of " + f1(100 * std::sqrt(0.9 * 0.1 / cfg.loso_reps)) +
       " points where it is near 90%; the lowest of the " + std::to_string(n_cells) +
       " cells is the one that drew the most unlucky audiences as well, so it reads a little below that cell's true "
       "coverage.");
  line("");
  {
    // The badge's floor on held-out audiences: how often an interval too wide for a number still
    // starts at 25% or more, and how often that lower end lies above the truth (a false "at least").
    double shown_low = 0, n_low = 0, shown_high = 0, n_high = 0, floors = 0, false_floors = 0;
    auto count = [&](const std::vector<std::vector<std::vector<Stats>>>& all, size_t design) {
      for (const auto& fold : all)
        for (size_t si = 0; si < shares.size(); ++si) {
          const MethodStats& m = fold[design][si].ours;
          (shares[si] < 0.25 ? shown_low : shown_high) += m.floors;
          (shares[si] < 0.25 ? n_low : n_high) += m.reps;
          floors += m.floors, false_floors += m.false_floors;
        }
    };
    for (size_t d = 0; d < designs.size(); ++d) count(cells, d);
    count(list_cells, 0);
    line(
        "The badge's floor (\"at least L% fake\": an interval wider than 40 points whose lower end L is 25% or more), "
        "held out, over the three designs above and the default short-list audit: shown for " +
        f1(100 * shown_high / std::max(1.0, n_high)) + "% of the audiences with 30-60% fakes and " +
        f1(100 * shown_low / std::max(1.0, n_low)) + "% of those with 0-20%; L lay above the truth in " +
        std::to_string(int(false_floors)) + " of the " + std::to_string(int(floors)) + " floors shown (" +
        f1(100 * false_floors / std::max(1.0, floors)) + "%).");
  }
  line("");
  line("#### The default audit on a short list, and the list alone");
  line("");
  line(
      "The same held-out audiences in designs beside the targets: `50 listed + 18 full` is the extension's default "
      "audit where Instagram lists only the newest 50 followers (15 fetched in full, plus the 3 follower pages the "
      "short list leaves unread); `240 listed + 8 full` and `75 listed + 8 full` are the sizes of its likers and "
      "commenters samples (EVALUATION.md, \"Audit sources\"), here drawn as if they were followers of a held-out set; "
      "`240 listed + 7 full` is the likers' sample with one full fetch failed, `50 listed + 3 full` a short list "
      "with most fetches failed (under 4 fetched, and under 8 where the lite tier is set aside, the point is the "
      "list's own reading, the interval holding it and the fetched ones' reading; from 4 the regression runs where "
      "its range, read with Student's t, is the narrower: before 2026-12-07, under 8 fetched the fetched were read "
      "alone, and "
      "50 listed + 2 full read 25.1 points off on average, 240 listed + 7 full 14.7 with intervals 73.5-83.7 "
      "points wide); `none in full` is an audit whose full fetches all failed, or a list estimated on "
      "its own: only what the list shows is scored (name, picture, privacy); the point is halfway between the "
      "share flagged at the lite threshold and the known definitions' average reading of the lite probabilities "
      "(each by its lite histograms, as at the full tier), the interval reaching as far as that reading's "
      "(widened and bounded) and the pooled count's. `without the regimes`: the model's pooled out-of-fold rates "
      "alone (for a list alone, the estimate as it was: the flagged count corrected with the lite tier's rates). No "
      "set records all a list shows (SRF, "
      "InstaFake and macerul have no display names; Kaggle, InstaFake and macerul only counts of a username's "
      "characters; macerul no pictures), so the sets' list-only scores are further from what Instagram's list "
      "gives than their full ones: their readings overshoot on complete list entries, which is why the point stays "
      "halfway to the share flagged (on the stand-in's complete records: `node tools/research/list_only.mjs`).");
  line("");
  line(
      "| held-out set | design | lowest cell | mean MAE | mean width | without the regimes: lowest cell | mean MAE | "
      "mean width |");
  line("|---|---|---:|---:|---:|---:|---:|---:|");
  const size_t n_extra = extra_designs().size();
  std::vector<double> extra_lowest(n_extra, 100), extra_lowest_before(n_extra, 100), extra_mae(n_extra, 0),
      extra_mae_before(n_extra, 0);
  for (size_t fi = 0; fi < folds.size(); ++fi)
    for (size_t di = 0; di < n_extra; ++di) {
      double cmin = 100, bmin = 100, mae = 0, bmae = 0, width = 0, bwidth = 0, cmin_share = 0;
      for (size_t si = 0; si < list_cells[fi][di].size(); ++si) {
        const Stats& st = list_cells[fi][di][si];
        if (st.ours.coverage() < cmin) cmin = st.ours.coverage(), cmin_share = shares[si];
        bmin = std::min(bmin, st.pooled.coverage());
        mae += st.ours.mae(), bmae += st.pooled.mae(), width += st.ours.mean_width(), bwidth += st.pooled.mean_width();
      }
      double k = double(list_cells[fi][di].size());
      extra_lowest[di] = std::min(extra_lowest[di], cmin);
      extra_lowest_before[di] = std::min(extra_lowest_before[di], bmin);
      extra_mae[di] += mae / k / double(folds.size()), extra_mae_before[di] += bmae / k / double(folds.size());
      line("| " + folds[fi].holdout + " | " + extra_designs()[di].name + " | " + f1(cmin) + "% (at " +
           f1(100 * cmin_share) + "%) | " + f1(mae / k) + " | " + f1(width / k) + " | " + f1(bmin) + "% | " +
           f1(bmae / k) + " | " + f1(bwidth / k) + " |");
    }
  line("");
  std::string summary = "Lowest coverage in a cell and mean MAE over cells, with and without the regimes:";
  for (size_t di = 0; di < n_extra; ++di)
    summary += std::string(di ? ";" : "") + " " + extra_designs()[di].name + " " + f1(extra_lowest[di]) + "%, " +
               f1(extra_mae[di]) + " (" + f1(extra_lowest_before[di]) + "%, " + f1(extra_mae_before[di]) + ")";
  line(summary +
       ". A list alone says little once the definition of fake is not known: fetching even 15-30 followers in "
       "full narrows the interval far more than listing more.");
  line("");
  if (!instant.empty()) {
    line("#### The audit combined with the profile signals");
    line("");
    line(
        "Each audience of the full-fetch designs above is paired with the instant estimate of a real account (one of "
        "the " +
        std::to_string(instant.size()) +
        " InstaFake real accounts with per-post data, judged by an engagement reference derived without it: "
        "`eval-profile --instant`), whose engagement says nothing about that audience's fake share: ordinary "
        "engagement cannot tell 0% from 30% fakes. `now` is the engine's combination (profile/combine.h: the "
        "sample's estimate and interval as they are, a disagreement with the profile said in words; an earlier "
        "version's interval spanning both where they disagreed raised no cell's lowest coverage by more than 0.2 "
        "points); `before` an older one (both intervals read as normal distributions, weighted by their "
        "precision).");
    line("");
    line(
        "| held-out set | design | sample alone: lowest cell | mean MAE | combined now: lowest cell | mean MAE | mean "
        "width | combined before: lowest cell | mean MAE | mean width |");
    line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (size_t fi = 0; fi < folds.size(); ++fi)
      for (size_t di = 0; di < designs.size(); ++di) {
        if (designs[di].n != designs[di].m) continue;
        double smin = 100, cmin = 100, bmin = 100, smae = 0, cmae = 0, bmae = 0, cw = 0, bw = 0;
        for (const Stats& st : cells[fi][di]) {
          smin = std::min(smin, st.ours.coverage()), cmin = std::min(cmin, st.combined.coverage());
          bmin = std::min(bmin, st.combined_before.coverage());
          smae += st.ours.mae(), cmae += st.combined.mae(), bmae += st.combined_before.mae();
          cw += st.combined.mean_width(), bw += st.combined_before.mean_width();
        }
        double k = double(cells[fi][di].size());
        line("| " + folds[fi].holdout + " | " + designs[di].name + " | " + f1(smin) + "% | " + f1(smae / k) + " | " +
             f1(cmin) + "% | " + f1(cmae / k) + " | " + f1(cw / k) + " | " + f1(bmin) + "% | " + f1(bmae / k) + " | " +
             f1(bw / k) + " |");
      }
    line("");
  }
  line("Per cell (MAE, bias and width in points; cov = share of 95% intervals holding the audience's true share):");
  line("");
  line(
      "| held-out set | design | true % | MAE | bias | cov | width | without the bounds: cov | width | before: MAE | "
      "cov | width |");
  line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (size_t fi = 0; fi < folds.size(); ++fi)
    for (size_t di = 0; di < designs.size(); ++di)
      for (size_t si = 0; si < shares.size(); ++si) {
        const Stats& st = cells[fi][di][si];
        line("| " + folds[fi].holdout + " | " + designs[di].name + " | " + f1(100 * shares[si]) + " | " +
             f1(st.ours.mae()) + " | " + f1(st.ours.bias()) + " | " + f1(st.ours.coverage()) + " | " +
             f1(st.ours.mean_width()) + " | " + f1(st.unbounded.coverage()) + " | " + f1(st.unbounded.mean_width()) +
             " | " + f1(st.before.mae()) + " | " + f1(st.before.coverage()) + " | " + f1(st.before.mean_width()) +
             " |");
      }
  line("");
  return md;
}

}  // namespace fm
