#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "estimator/rate_shift.h"

namespace fm {

namespace {
const double kShares[] = {0, 0.05, 0.10, 0.20, 0.30, 0.50, 0.70};
const int kSizes[] = {25, 50, 100, 200, 400};
const char* kSets[] = {"srf", "kaggle", "instafake"};
constexpr int kTwoPhaseLite = 200, kTwoPhaseFull = 30;

std::string f1(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", v);
  return b;
}
std::string f3(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

TierSetting setting(const TierModel& t, RateShift shift) {
  TierSetting s;
  s.threshold = t.threshold;
  s.rates = TierRates{t.cv.tpr, t.cv.fpr, t.cv.n_fake, t.cv.n_real, shift.tpr_sd, shift.fpr_sd};
  return s;
}

struct SetRates {
  double tpr_full = 0, fpr_full = 0, tpr_lite = 0, fpr_lite = 0;
};
SetRates rates_of(const Pool& p, const Model& m) {
  SetRates r;
  for (const auto& f : p.fakes) {
    r.tpr_full += *f.p_full >= m.full.threshold;
    r.tpr_lite += f.p_lite >= m.lite.threshold;
  }
  for (const auto& f : p.reals) {
    r.fpr_full += *f.p_full >= m.full.threshold;
    r.fpr_lite += f.p_lite >= m.lite.threshold;
  }
  r.tpr_full /= p.fakes.size(), r.tpr_lite /= p.fakes.size();
  r.fpr_full /= p.reals.size(), r.fpr_lite /= p.reals.size();
  return r;
}

bool mae_ok(const CellResult& c) { return c.ours.mae() <= 1.5 * c.floor + 0.5; }
bool cov_ok(const MethodStats& s) { return s.coverage() >= 92 && s.coverage() <= 98; }

}  // namespace

std::string run_evaluation(const std::vector<OofRow>& rows, const Model& model, EvalConfig cfg) {
  cfg.sim.lite = setting(model.lite, kLiteRateShift);
  cfg.sim.full = setting(model.full, kFullRateShift);
  std::map<std::string, Pool> pools;
  // Halves of the folds for cross-fitting: profiles from one, audiences from the other.
  std::map<std::string, Pool> half_pools[2];
  std::vector<ProfileSample> half_rows[2];
  for (const auto& r : rows) {
    Pool& p = pools[r.set];
    p.name = r.set;
    (r.fake ? p.fakes : p.reals).push_back(r.score);
    int h = r.fold % 2;
    Pool& hp = half_pools[h][r.set];
    hp.name = r.set;
    (r.fake ? hp.fakes : hp.reals).push_back(r.score);
    half_rows[h].push_back({r.set, r.fake, r.score.p_lite, *r.score.p_full});
  }
  ScoreProfiles half_profiles[2] = {build_profiles(half_rows[1], model.version),
                                    build_profiles(half_rows[0], model.version)};
  auto halves_of = [&](const std::string& name, bool mixture) {
    std::vector<Half> hs;
    for (int h = 0; h < 2; ++h) {
      const Pool& p = half_pools[h][name];
      if (p.fakes.empty() || p.reals.empty()) continue;
      hs.push_back(Half{&p, mixture ? &half_profiles[h] : nullptr});
    }
    return hs;
  };
  Rng rng{cfg.seed};
  std::string md;
  auto line = [&](const std::string& s) { md += s + "\n"; };

  line("Regenerate with `scripts/eval-estimator` (seed " + std::to_string(cfg.seed) + ", " +
       std::to_string(cfg.sim.reps) + " repetitions per cell, audiences of " +
       std::to_string(int(cfg.sim.audience)) + " followers, model `" + model.version + "`).");
  line("");

  // ---- error rates per set: what the pooled figures hide
  line("### The classifier's error rates by source set (out-of-fold)");
  line("");
  line("The estimator only knows the model's `cv` rates (the trainer's SRF figures). Per set, at the same thresholds:");
  line("");
  line("| set | fakes | real | full tpr | full fpr | lite tpr | lite fpr |");
  line("|---|---:|---:|---:|---:|---:|---:|");
  line("| model `cv` (what the estimator uses) | " + f1(model.full.cv.n_fake) + " | " +
       f1(model.full.cv.n_real) + " | " + f3(model.full.cv.tpr) + " | " + f3(model.full.cv.fpr) + " | " +
       f3(model.lite.cv.tpr) + " | " + f3(model.lite.cv.fpr) + " |");
  double dt2 = 0, df2 = 0;
  int nsets = 0;
  for (const char* name : kSets) {
    auto it = pools.find(name);
    if (it == pools.end()) continue;
    SetRates r = rates_of(it->second, model);
    dt2 += std::pow(r.tpr_full - model.full.cv.tpr, 2);
    df2 += std::pow(r.fpr_full - model.full.cv.fpr, 2);
    ++nsets;
    line(std::string("| ") + name + " | " + std::to_string(it->second.fakes.size()) + " | " +
         std::to_string(it->second.reals.size()) + " | " + f3(r.tpr_full) + " | " + f3(r.fpr_full) + " | " +
         f3(r.tpr_lite) + " | " + f3(r.fpr_lite) + " |");
  }
  line("");
  if (nsets > 0)
    line("Rate shift (root mean square of the per-set full-tier rates around the model's): tpr " +
         f3(std::sqrt(dt2 / nsets)) + ", fpr " + f3(std::sqrt(df2 / nsets)) +
         "; the estimator's allowance for it (`wasm/core/estimator/rate_shift.h`): tpr " + f3(kFullRateShift.tpr_sd) +
         ", fpr " + f3(kFullRateShift.fpr_sd) + ". Kaggle and instafake label different kinds of fake (spam and "
         "bought accounts that the full tier catches more easily), so the SRF rates undercount their recall: on "
         "those audiences the adjusted count overestimates, and allowing for the whole shift would make every "
         "interval 30+ points wide. The allowance is therefore 0 and the bias is reported below, not hidden.");
  line("");

  // ---- full-tier cells
  std::map<std::string, std::vector<CellResult>> full_cells, two_phase;
  for (const char* name : kSets) {
    auto it = pools.find(name);
    if (it == pools.end()) continue;
    auto hs = halves_of(name, true);
    for (double s : kShares)
      for (int n : kSizes) full_cells[name].push_back(run_cell(hs, s, n, n, cfg.sim, rng));
    for (double s : kShares)
      two_phase[name].push_back(run_cell(hs, s, kTwoPhaseLite, kTwoPhaseFull, cfg.sim, rng));
  }

  // ---- summary against the targets
  line("### Summary against the targets");
  line("");
  line("Targets: 200 full followers: coverage 92-98% in every share cell, MAE <= 1.5 x floor + 0.5 in "
       "every cell and <= 3 points on average. 200 lite + 30 full: coverage 92-98% everywhere, mean MAE "
       "<= 4 points on Kaggle and instafake audiences.");
  line("");
  line("| set | n=200 full: coverage range | cells within MAE target | mean MAE | 200+30: coverage range | mean MAE |");
  line("|---|---|---:|---:|---|---:|");
  for (const char* name : kSets) {
    if (!full_cells.count(name)) continue;
    double cmin = 100, cmax = 0, mae = 0;
    int ok = 0, cells = 0;
    for (const auto& c : full_cells[name]) {
      if (c.n != 200) continue;
      cmin = std::min(cmin, c.ours.coverage()), cmax = std::max(cmax, c.ours.coverage());
      mae += c.ours.mae(), ok += mae_ok(c), ++cells;
    }
    double tmin = 100, tmax = 0, tmae = 0;
    for (const auto& c : two_phase[name]) {
      tmin = std::min(tmin, c.ours.coverage()), tmax = std::max(tmax, c.ours.coverage());
      tmae += c.ours.mae();
    }
    line(std::string("| ") + name + " | " + f1(cmin) + "-" + f1(cmax) + "% | " + std::to_string(ok) + "/" +
         std::to_string(cells) + " | " + f1(mae / cells) + " | " + f1(tmin) + "-" + f1(tmax) + "% | " +
         f1(tmae / two_phase[name].size()) + " |");
  }
  line("");

  // ---- per-set tables
  for (const char* name : kSets) {
    if (!full_cells.count(name)) continue;
    line(std::string("### Full tier, audiences from ") + name);
    line("");
    line("MAE, bias and width in points; cov = share of 95% intervals holding the audience's true share. "
         "SRF's \"interval\" is its range from cutoffs 0.35 to 0.25; naive counting gets a Wald interval.");
    line("");
    line("| true % | n | floor | naive MAE | bias | cov | SRF MAE | bias | cov | ours MAE | bias | cov | width | MAE ok | mixture MAE | cov |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|---:|---:|");
    for (const auto& c : full_cells[name])
      line("| " + f1(100 * c.share) + " | " + std::to_string(c.n) + " | " + f1(c.floor) + " | " +
           f1(c.naive.mae()) + " | " + f1(c.naive.bias()) + " | " + f1(c.naive.coverage()) + " | " +
           f1(c.srf.mae()) + " | " + f1(c.srf.bias()) + " | " + f1(c.srf.coverage()) + " | " +
           f1(c.ours.mae()) + " | " + f1(c.ours.bias()) + " | " + f1(c.ours.coverage()) + " | " +
           f1(c.ours.mean_width()) + " | " + (mae_ok(c) ? "yes" : "no") + " | " + f1(c.mixture.mae()) + " | " +
           f1(c.mixture.coverage()) + " |");
    line("");
  }
  line("### Two-phase: " + std::to_string(kTwoPhaseLite) + " lite followers, " + std::to_string(kTwoPhaseFull) +
       " of them fetched in full");
  line("");
  line("`30 alone` is our estimator on the 30 full fetches only; `narrowed` is how much narrower the "
       "two-phase interval is on average.");
  line("");
  line("| set | true % | naive MAE | cov | SRF MAE | cov | 30 alone MAE | cov | width | ours MAE | bias | cov | width | narrowed | mixture MAE | cov |");
  line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const char* name : kSets) {
    if (!two_phase.count(name)) continue;
    for (const auto& c : two_phase[name]) {
      double narrowed = c.ours_full_only.mean_width() > 0
                            ? 100 * (1 - c.ours.mean_width() / c.ours_full_only.mean_width())
                            : 0;
      line(std::string("| ") + name + " | " + f1(100 * c.share) + " | " + f1(c.naive.mae()) + " | " +
           f1(c.naive.coverage()) + " | " + f1(c.srf.mae()) + " | " + f1(c.srf.coverage()) + " | " +
           f1(c.ours_full_only.mae()) + " | " + f1(c.ours_full_only.coverage()) + " | " +
           f1(c.ours_full_only.mean_width()) + " | " + f1(c.ours.mae()) + " | " + f1(c.ours.bias()) + " | " +
           f1(c.ours.coverage()) + " | " + f1(c.ours.mean_width()) + " | " + f1(narrowed) + "% | " +
           f1(c.mixture.mae()) + " | " + f1(c.mixture.coverage()) + " |");
    }
  }
  line("");

  // ---- requests for +/-5 points
  line("### Instagram requests for a +/-5-point interval");
  line("");
  line("Each two-phase sample plans the cheapest design for +/-5 points at its own estimate "
       "(`requests_for_5pt`: pages of " + std::to_string(kFollowersPerPage) +
       " followers plus one request per full fetch). The median plan per cell is then run as its own "
       "design and checked:");
  line("");
  line("| set | true % | plans reachable | median plan: requests | listed | full | measured mean half-width | cov |");
  line("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const char* name : kSets) {
    if (!two_phase.count(name)) continue;
    for (const auto& c : two_phase[name]) {
      if (c.share != 0.10 && c.share != 0.30 && c.share != 0.50) continue;
      std::string head = std::string("| ") + name + " | " + f1(100 * c.share) + " | " +
                         f1(100.0 * c.plans.size() / cfg.sim.reps) + "% | ";
      if (c.plans.empty()) {
        line(head + "none | | | | |");
        continue;
      }
      std::vector<AuditPlan> plans = c.plans;
      std::sort(plans.begin(), plans.end(),
                [](const AuditPlan& x, const AuditPlan& y) { return x.requests < y.requests; });
      const AuditPlan& med = plans[plans.size() / 2];
      SimSettings s = cfg.sim;
      s.reps = std::max(50, cfg.sim.reps / 2);
      CellResult check = run_cell(halves_of(name, false), c.share, med.lite_followers, med.full_fetches, s, rng);
      line(head + std::to_string(med.requests) + " | " + std::to_string(med.lite_followers) + " | " +
           std::to_string(med.full_fetches) + " | " + f1(check.ours.mean_width() / 2) + " | " +
           f1(check.ours.coverage()) + " |");
    }
  }
  line("");
  return md;
}

}  // namespace fm

