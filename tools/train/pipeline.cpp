#include "pipeline.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "folds.h"
#include "json_util.h"

namespace fm::train {

namespace {

constexpr double kMaxFpr = 0.03;         // operating point: at most 3% of real followers flagged
constexpr double kSrfAccuracy = 0.95;    // the full tier's in-set standard on SRF at that point
constexpr double kAucFloor = 0.88;       // the lowest held-out AUC a chosen full tier may have
constexpr int kInSetChecks = 8;          // candidates checked against the in-set standard at most
constexpr double kAucTolerance = 0.002;  // a smaller model within this of the best is preferred
constexpr int kStatDigits = 6;
// Scoring cost cap: trees x depth = node visits per account and tier. The wasm engine must
// score 10,000 accounts, JSON parsing included, in under 50 ms; 200 visits cost about 2 ms
// per 10,000 natively, leaving the budget to parsing.
constexpr int kMaxVisits = 200;
constexpr int kMinKnownForDirection = 20;

const double kNaN = std::nan("");

bool tier_feature(Tier tier, int f) { return tier == Tier::kFull || f < kLiteFeatureCount; }

// The features a fit sees: the tier's, minus the masked ones (unknown, so never split on).
std::vector<FeatureVector> features(const std::vector<Sample>& s, Tier tier, const std::vector<int>& masked) {
  std::vector<FeatureVector> x;
  x.reserve(s.size());
  for (const auto& r : s) {
    FeatureVector v = r.x;
    for (int f = 0; f < kFeatureCount; ++f)
      if (!tier_feature(tier, f)) v[f] = kNaN;
    for (int f : masked) v[f] = kNaN;
    x.push_back(v);
  }
  return x;
}

std::vector<double> labels_of(const std::vector<Sample>& s) {
  std::vector<double> y;
  for (const auto& r : s) y.push_back(r.label);
  return y;
}

int size_bound(const BoostParams& p) { return p.n_trees * ((2 << p.max_depth) - 1); }

double sigmoid_d(double m) { return 1.0 / (1.0 + std::exp(-m)); }

// Directions we are sure of: more followers, posts, bio or a link never make an account look
// more fake; following many per post or per follower never makes it look less fake. They keep
// the model sane on records unlike the training data (and the reasons consistent: "412
// followers" is never "fake-like").
BoostParams constrained(BoostParams p) {
  p.monotone[kLogFollowerCount] = -1;
  p.monotone[kLogMediaCount] = -1;
  p.monotone[kBiographyLength] = -1;
  p.monotone[kHasExternalUrl] = -1;
  p.monotone[kHasProfilePic] = -1;
  p.monotone[kLogFollowRatio] = +1;
  p.monotone[kLogFollowingPerPost] = +1;
  return p;
}

// Base configurations (each trained to its depth's largest tree count) and the tree counts
// at which each is also judged.
struct Grid {
  std::vector<Config> base;
  std::vector<int> checkpoints(const Config& c) const {
    if (only) return {c.params.n_trees};
    int depth = c.params.max_depth;
    if (quick) return {20, 40};
    return depth <= 2 ? std::vector<int>{50, 100} : std::vector<int>{33, 50, 66};
  }
  bool quick = false, only = false;
};

Grid make_grid(bool quick) {
  Grid g;
  g.quick = quick;
  if (quick) {
    for (int d : {2, 3})
      g.base.push_back(Config{constrained(BoostParams{40, d, 0.2, 1.0, 1.0, 0.0}), Weighting::kSets});
    return g;
  }
  for (Weighting wt : {Weighting::kBalanced})
    for (bool consistent : {false, true})
      for (int d : {2, 3})
        for (double eta : {0.1, 0.2})
          for (double mcw : {1.0, 5.0}) {
            int trees = d <= 2 ? 100 : 66;
            g.base.push_back(Config{constrained(BoostParams{trees, d, eta, mcw, 1.0, 0.0}), wt, consistent});
          }
  return g;
}

std::vector<int> all_rows(size_t n) {
  std::vector<int> r(n);
  for (size_t i = 0; i < n; ++i) r[i] = int(i);
  return r;
}

// The rows a held-out set's model trains on: every other set's, except accounts it also holds.
std::vector<int> rows_without(const std::vector<Sample>& s, const std::string& held) {
  std::set<std::string> accounts;
  for (const auto& r : s)
    if (r.set == held) accounts.insert(r.account);
  std::vector<int> rows;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i].set != held && !accounts.count(s[i].account)) rows.push_back(int(i));
  return rows;
}

// The sets among the samples: the known ones in report order, then any others as they come.
std::vector<std::string> sets_in(const std::vector<Sample>& s) {
  std::vector<std::string> out;
  for (const auto& name : set_names())
    for (const auto& r : s)
      if (r.set == name) {
        out.push_back(name);
        break;
      }
  for (const auto& r : s)
    if (std::find(out.begin(), out.end(), r.set) == out.end()) out.push_back(r.set);
  return out;
}

std::vector<int> rows_of(const std::vector<Sample>& s, const std::string& set) {
  std::vector<int> rows;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i].set == set) rows.push_back(int(i));
  return rows;
}

// The candidate the rule prefers among those not yet set aside. AUC differences this small are
// noise: among the candidates within the tolerance of the best mean AUC, the lowest mean log
// loss (a proper score, which also judges the probabilities the estimator uses) wins; then the
// smaller model.
const Candidate* preferred(const std::vector<Candidate>& grid, const std::vector<char>& aside) {
  double best = 0;
  for (size_t i = 0; i < grid.size(); ++i)
    if (!aside[i]) best = std::max(best, grid[i].mean_auc);
  const Candidate* pick = nullptr;
  for (size_t i = 0; i < grid.size(); ++i) {
    const Candidate& c = grid[i];
    if (aside[i] || c.mean_auc < best - kAucTolerance) continue;
    if (!pick || c.mean_log_loss < pick->mean_log_loss ||
        (c.mean_log_loss == pick->mean_log_loss && c.nodes < pick->nodes))
      pick = &c;
  }
  return pick;
}

}  // namespace

const char* weighting_name(Weighting w) { return w == Weighting::kSets ? "sets" : "sets and labels"; }

bool weighting_from_name(const std::string& name, Weighting& w) {
  for (Weighting c : {Weighting::kSets, Weighting::kBalanced})
    if (name == weighting_name(c)) {
      w = c;
      return true;
    }
  return false;
}

std::vector<double> row_weights(const std::vector<Sample>& s, const std::vector<int>& rows, const Config& c) {
  const Weighting w = c.weighting;
  std::map<std::pair<std::string, int>, double> count;
  std::set<std::string> sets;
  for (int i : rows) {
    const Sample& r = s[size_t(i)];
    count[{r.set, w == Weighting::kBalanced ? r.label : 0}] += 1;
    sets.insert(r.set);
  }
  auto share = [&](const std::string& set) { return set == "srf" ? c.srf_weight : 1.0; };
  double shares = 0;
  for (const auto& set : sets) shares += share(set);
  std::vector<double> out(s.size(), 1.0);
  const double parts = shares * (w == Weighting::kBalanced ? 2.0 : 1.0);
  for (int i : rows) {
    const Sample& r = s[size_t(i)];
    out[size_t(i)] =
        double(rows.size()) * share(r.set) / (parts * count[{r.set, w == Weighting::kBalanced ? r.label : 0}]);
  }
  return out;
}

std::vector<int> account_folds(const std::vector<Sample>& s, int k, uint64_t seed) {
  std::vector<std::string> stratum, group;
  for (const auto& r : s) {
    stratum.push_back(r.set + "/" + std::to_string(r.label));
    group.push_back(r.account);
  }
  return grouped_folds(stratum, group, k, seed);
}

std::vector<int> inconsistent_features(const std::vector<Sample>& s, const std::vector<int>& rows, Tier tier) {
  std::map<std::string, std::vector<int>> by_set;
  for (int i : rows) by_set[s[size_t(i)].set].push_back(i);
  std::vector<int> out;
  for (int f = 0; f < kFeatureCount; ++f) {
    if (!tier_feature(tier, f)) continue;
    double lo = 1, hi = 0;
    for (const auto& [name, idx] : by_set) {
      std::vector<double> v;
      std::vector<int> y;
      for (int i : idx)
        if (!std::isnan(s[size_t(i)].x[f])) v.push_back(s[size_t(i)].x[f]), y.push_back(s[size_t(i)].label);
      int fakes = 0;
      for (int l : y) fakes += l;
      if (int(v.size()) < kMinKnownForDirection || fakes == 0 || fakes == int(y.size())) continue;
      double a = auc(v, y);
      lo = std::min(lo, a), hi = std::max(hi, a);
    }
    if (hi > 0.5 + kDirectionMargin && lo < 0.5 - kDirectionMargin) out.push_back(f);
  }
  return out;
}

std::vector<int> scarce_features(const std::vector<Sample>& s, const std::vector<int>& rows, Tier tier) {
  std::map<int, std::set<std::string>> known_in;
  for (int i : rows)
    for (int f = 0; f < kFeatureCount; ++f)
      if (!std::isnan(s[size_t(i)].x[f])) known_in[f].insert(s[size_t(i)].set);
  std::set<std::string> sets;
  for (int i : rows) sets.insert(s[size_t(i)].set);
  const size_t need = std::min(sets.size(), size_t(kMinSetsKnown));
  std::vector<int> out;
  for (int f = 0; f < kFeatureCount; ++f)
    if (tier_feature(tier, f) && known_in[f].size() < need) out.push_back(f);
  return out;
}

SetMetrics set_metrics(const std::string& name,
                       const std::vector<double>& prob,
                       const std::vector<int>& label,
                       double threshold) {
  SetMetrics m;
  m.name = name;
  m.n = int(label.size());
  for (int l : label) m.n_fake += l;
  m.auc = auc(prob, label);
  m.brier = brier(prob, label);
  std::vector<double> logit;
  for (double p : prob) {
    double q = std::clamp(p, 1e-9, 1 - 1e-9);
    logit.push_back(std::log(q / (1 - q)));
  }
  m.slope = fit_platt(logit, label).a;
  m.at_threshold = confusion(prob, label, threshold);
  return m;
}

double pick_threshold(const std::vector<double>& prob, const std::vector<int>& label, double max_fpr) {
  std::vector<double> values(prob);
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  // Candidates: midway between neighbouring scores, plus just above the top one.
  std::vector<double> cands;
  for (size_t i = 1; i < values.size(); ++i) cands.push_back(0.5 * (values[i - 1] + values[i]));
  if (!values.empty()) cands.push_back(std::min(0.5 * (values.back() + 1.0), 1.0 - 1e-9));
  double best_t = 0.5, best_acc = -1;
  for (double t : cands) {
    if (!(t > 0 && t < 1)) continue;
    Confusion c = confusion(prob, label, t);
    if (c.fpr() > max_fpr) continue;
    if (c.accuracy() >= best_acc) {  // ascending thresholds: ties go to the higher one
      best_acc = c.accuracy();
      best_t = t;
    }
  }
  return best_t;
}

Fit fit_tier(const std::vector<Sample>& s,
             const std::vector<int>& fold,
             const std::vector<int>& rows,
             Tier tier,
             const Config& c) {
  Fit fit;
  fit.config = c;
  fit.rows = rows;
  fit.masked = scarce_features(s, rows, tier);
  if (c.consistent_features)
    for (int f : inconsistent_features(s, rows, tier))
      if (std::find(fit.masked.begin(), fit.masked.end(), f) == fit.masked.end()) fit.masked.push_back(f);
  std::sort(fit.masked.begin(), fit.masked.end());
  const auto X = features(s, tier, fit.masked);
  const auto Y = labels_of(s);
  const auto W = row_weights(s, rows, c);
  fit.oof_margin.assign(s.size(), kNaN);
  for (int k = 0; k < kFolds; ++k) {
    std::vector<int> in_fold;
    for (int i : rows)
      if (fold[size_t(i)] != k) in_fold.push_back(i);
    BoostResult m = train_boost(TrainSet{&X, &Y, &W, in_fold}, c.params);
    const PackedEnsemble packed = pack_ensemble(m.ensemble);
    for (int i : rows)
      if (fold[size_t(i)] == k) fit.oof_margin[size_t(i)] = predict_margin(packed, X[size_t(i)]);
  }
  std::vector<double> margin;
  std::vector<int> label;
  for (int i : rows) margin.push_back(fit.oof_margin[size_t(i)]), label.push_back(s[size_t(i)].label);
  Platt pl = fit_platt(margin, label);
  fit.platt = Platt{round_sig(pl.a, 9), round_sig(pl.b, 9)};

  // The operating threshold on SRF's out-of-fold scores when SRF is among the rows: SRF are real
  // followers sampled from follower lists, which is what the extension audits.
  bool has_srf = false;
  for (int i : rows) has_srf = has_srf || s[size_t(i)].set == "srf";
  fit.threshold_set = has_srf ? "srf" : "pooled";
  std::vector<double> tp;
  std::vector<int> tl;
  for (int i : rows)
    if (!has_srf || s[size_t(i)].set == "srf")
      tp.push_back(apply_platt(fit.platt, fit.oof_margin[size_t(i)])), tl.push_back(s[size_t(i)].label);
  fit.threshold = round_sig(pick_threshold(tp, tl, kMaxFpr), 9);
  Confusion cf = confusion(tp, tl, fit.threshold);
  fit.stats.tpr = round_sig(cf.recall(), kStatDigits);
  fit.stats.fpr = round_sig(cf.fpr(), kStatDigits);
  fit.stats.n_fake = cf.tp + cf.fn;
  fit.stats.n_real = cf.fp + cf.tn;
  fit.stats.auc = round_sig(auc(tp, tl), kStatDigits);

  TrainSet all{&X, &Y, &W, rows};
  fit.model = train_boost(all, c.params);
  for (const auto& t : fit.model.ensemble.trees) fit.nodes += static_cast<int>(t.feature.size());
  return fit;
}

double fit_probability(const Fit& f, const Sample& s, Tier tier) {
  FeatureVector v = s.x;
  for (int k = 0; k < kFeatureCount; ++k)
    if (!tier_feature(tier, k)) v[k] = kNaN;
  for (int k : f.masked) v[k] = kNaN;
  return apply_platt(f.platt, predict_margin(f.model.ensemble, v));
}

TierRun run_tier(const std::vector<Sample>& s, const std::vector<int>& fold, Tier tier, const Config& c) {
  TierRun run;
  run.tier = tier;
  run.fit = fit_tier(s, fold, all_rows(s.size()), tier, c);
  run.oof_prob.resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) run.oof_prob[i] = apply_platt(run.fit.platt, run.fit.oof_margin[i]);

  std::vector<std::string> names = sets_in(s);
  names.push_back("pooled");
  for (const auto& set : names) {
    std::vector<double> p;
    std::vector<int> l;
    for (size_t i = 0; i < s.size(); ++i)
      if (set == "pooled" || s[i].set == set) p.push_back(run.oof_prob[i]), l.push_back(s[i].label);
    if (l.empty()) continue;
    run.metrics.push_back(set_metrics(set, p, l, run.fit.threshold));
    if (set == "srf") {
      // Highest recall with FPR <= 3.7%: the lowest such threshold.
      std::vector<double> cuts(p);
      std::sort(cuts.begin(), cuts.end());
      for (double t : cuts) {
        Confusion cf = confusion(p, l, t);
        if (cf.fpr() <= 0.037) {
          run.srf_at_published_fpr = cf;
          break;
        }
      }
    }
  }
  return run;
}

TierEvaluation evaluate_tier(const std::vector<Sample>& s,
                             const std::vector<int>& fold,
                             Tier tier,
                             const RunOptions& opt) {
  TierEvaluation ev;
  ev.tier = tier;
  const auto Y = labels_of(s);
  Grid grid = make_grid(opt.quick || opt.tiny_grid);
  if (opt.only) grid.base = {*opt.only}, grid.only = true;
  // Per held-out set: its rows, the rows its model trains on, and per consistency rule the
  // features the training rows keep.
  struct Split {
    std::string set;
    std::vector<int> test, train;
    std::vector<FeatureVector> x[2];  // [consistent_features]
  };
  std::vector<Split> splits;
  for (const auto& name : sets_in(s)) {
    Split sp;
    sp.set = name;
    sp.test = rows_of(s, name);
    if (sp.test.empty()) continue;
    sp.train = rows_without(s, name);
    std::vector<int> scarce = scarce_features(s, sp.train, tier), both = scarce;
    for (int f : inconsistent_features(s, sp.train, tier)) both.push_back(f);
    sp.x[0] = features(s, tier, scarce);
    sp.x[1] = features(s, tier, both);
    splits.push_back(std::move(sp));
  }
  // Raw margins of each held-out set at every checkpoint of one configuration.
  auto held_out_margins = [&](const Config& c, const std::vector<int>& checkpoints) {
    std::vector<std::vector<std::vector<double>>> out;  // [split][checkpoint][test row]
    for (const Split& sp : splits) {
      const auto& X = sp.x[c.consistent_features ? 1 : 0];
      const auto W = row_weights(s, sp.train, c);
      BoostResult m = train_boost(TrainSet{&X, &Y, &W, sp.train}, c.params);
      std::vector<std::vector<double>> per(checkpoints.size());
      for (int i : sp.test) {
        double margin = m.ensemble.base_score;
        size_t k = 0;
        for (int t = 0; t < c.params.n_trees; ++t) {
          margin += tree_output(m.ensemble.trees[size_t(t)], X[size_t(i)]);
          if (k < checkpoints.size() && t + 1 == checkpoints[k]) per[k++].push_back(margin);
        }
      }
      out.push_back(std::move(per));
    }
    return out;
  };
  auto test_labels = [&](const Split& sp) {
    std::vector<int> l;
    for (int i : sp.test) l.push_back(s[size_t(i)].label);
    return l;
  };

  // Every candidate of the grid with SRF's weight multiplied by w, judged leave-one-set-out.
  auto score_grid = [&](double w) {
    std::vector<Candidate> out;
    for (Config base : grid.base) {
      base.srf_weight = w;
      const auto checkpoints = grid.checkpoints(base);
      Config c = base;
      c.params.n_trees = checkpoints.back();
      auto margins = held_out_margins(c, checkpoints);
      for (size_t k = 0; k < checkpoints.size(); ++k) {
        Candidate cand;
        cand.config = base;
        cand.config.params.n_trees = checkpoints[k];
        cand.min_auc = 1;
        for (size_t j = 0; j < splits.size(); ++j) {
          auto l = test_labels(splits[j]);
          std::vector<double> p;
          for (double m : margins[j][k]) p.push_back(sigmoid_d(m));
          cand.set_auc.push_back(auc(margins[j][k], l));
          cand.mean_log_loss += log_loss(p, l) / double(splits.size());
        }
        for (double a : cand.set_auc)
          cand.mean_auc += a / double(cand.set_auc.size()), cand.min_auc = std::min(cand.min_auc, a);
        cand.nodes = size_bound(cand.config.params);
        if (cand.config.params.n_trees * cand.config.params.max_depth <= kMaxVisits) out.push_back(cand);
      }
    }
    return out;
  };
  // The full tier must also generalise to every held-out set (lowest held-out AUC >= 0.88) and
  // keep its in-set standard on SRF (5-fold accuracy >= 95% at the operating threshold, FPR
  // <= 3%). Candidates below the floor are set aside first (unless none clears it); then the
  // preferred ones are checked in-set in turn, at most kInSetChecks of them. If none keeps the
  // standard, generalisation wins: the first preferred candidate is chosen and the report says so.
  // The SRF multipliers are tried in the order given (opt.srf_weights), each with the whole grid:
  // the first whose grid has a candidate keeping both is used; if none has, the first multiplier's
  // first preferred candidate is chosen.
  const bool check_in_set = tier == Tier::kFull && !opt.quick && !opt.only;
  std::vector<double> tried = {opt.only ? opt.only->srf_weight : 1.0};
  if (check_in_set && !opt.srf_weights.empty()) tried = opt.srf_weights;
  for (double w : tried) {
    SrfWeightTrial trial;
    trial.srf_weight = w;
    trial.grid = score_grid(w);
    std::vector<char> aside(trial.grid.size(), 0);
    bool any_floor = false;
    for (const auto& c : trial.grid) any_floor = any_floor || c.min_auc >= kAucFloor;
    for (size_t i = 0; i < trial.grid.size(); ++i)
      if (any_floor && trial.grid[i].min_auc < kAucFloor) aside[i] = 1;
    trial.chosen = *preferred(trial.grid, aside);
    if (check_in_set) {
      const std::vector<int> every = all_rows(s.size());
      for (int check = 0; check < kInSetChecks; ++check) {
        const Candidate* pick = preferred(trial.grid, aside);
        if (!pick) break;
        Fit in_set = fit_tier(s, fold, every, tier, pick->config);
        std::vector<double> p;
        std::vector<int> l;
        for (int i : rows_of(s, "srf"))
          p.push_back(apply_platt(in_set.platt, in_set.oof_margin[size_t(i)])), l.push_back(s[size_t(i)].label);
        SetMetrics m = set_metrics("srf", p, l, in_set.threshold);
        trial.checked.push_back({*pick, m});
        if (l.empty() || (m.at_threshold.accuracy() >= kSrfAccuracy && m.at_threshold.fpr() <= kMaxFpr)) {
          trial.chosen = *pick;
          trial.kept = true;
          break;
        }
        aside[size_t(pick - trial.grid.data())] = 1;
      }
    }
    ev.srf_trials.push_back(std::move(trial));
    if (ev.srf_trials.back().kept) break;
  }
  const SrfWeightTrial& used = ev.srf_trials.back().kept ? ev.srf_trials.back() : ev.srf_trials.front();
  ev.grid = used.grid;
  ev.chosen = used.chosen;
  if (!used.kept) ev.set_aside = used.checked;

  for (const Split& sp : splits) {
    HeldOut h;
    h.set = sp.set;
    h.fit = fit_tier(s, fold, sp.train, tier, ev.chosen.config);
    h.prob.assign(s.size(), kNaN);
    std::vector<double> p;
    for (int i : sp.test) p.push_back(h.prob[size_t(i)] = fit_probability(h.fit, s[size_t(i)], tier));
    h.metrics = set_metrics(sp.set, p, test_labels(sp), h.fit.threshold);
    ev.held_out.push_back(std::move(h));
  }

  Config free = ev.chosen.config;
  free.params.monotone.fill(0);
  auto m = held_out_margins(free, {free.params.n_trees});
  for (size_t j = 0; j < splits.size(); ++j) ev.unconstrained_auc.push_back(auc(m[j][0], test_labels(splits[j])));
  Config by_sets = ev.chosen.config;
  by_sets.weighting = Weighting::kSets;
  m = held_out_margins(by_sets, {by_sets.params.n_trees});
  for (size_t j = 0; j < splits.size(); ++j) ev.set_weighted_auc.push_back(auc(m[j][0], test_labels(splits[j])));
  return ev;
}

Model make_model(const TierRun& lite, const TierRun& full) {
  Model m;
  auto fill = [](TierModel& t, const TierRun& r) {
    t.ensemble = r.fit.model.ensemble;
    t.platt_a = r.fit.platt.a;
    t.platt_b = r.fit.platt.b;
    t.threshold = r.fit.threshold;
    t.cv = r.fit.stats;
  };
  fill(m.lite, lite);
  fill(m.full, full);
  pack_tiers(m);
  // FNV-1a over the serialised model: the version changes exactly when the model does.
  m.version = "";
  std::string text = dump_json(model_to_json(m));
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 1099511628211ULL;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "gbt-%016llx", static_cast<unsigned long long>(h));
  m.version = buf;
  return m;
}

namespace {
json config_json(const Config& c) {
  const BoostParams& p = c.params;
  json j = {{"n_trees", p.n_trees},
            {"max_depth", p.max_depth},
            {"eta", p.eta},
            {"min_child_weight", p.min_child_weight},
            {"lambda", p.lambda},
            {"weighting", weighting_name(c.weighting)},
            {"consistent_features", c.consistent_features}};
  // Written only when it is not the default, so files from before it read the same.
  if (c.srf_weight != 1.0) j["srf_weight"] = c.srf_weight;
  return j;
}

Result<Config> config_from_json(const json& j, const std::string& where) {
  auto bad = [&](const std::string& what) { return make_error("params.shape", where + ": " + what); };
  if (!j.is_object()) return bad("must be an object");
  Config c;
  auto trees = read_int(j, "n_trees", where, 1, 10000);
  auto depth = read_int(j, "max_depth", where, 1, 12);
  auto eta = read_number(j, "eta", where, 1e-6, 1);
  auto mcw = read_number(j, "min_child_weight", where, 0, 1e6);
  auto lambda = read_number(j, "lambda", where, 0, 1e6);
  auto wt = read_string(j, "weighting", where, 20);
  auto consistent = read_bool(j, "consistent_features", where);
  if (!trees || !depth || !eta || !mcw || !lambda || !wt || !consistent || !trees.value() || !depth.value() ||
      !eta.value() || !mcw.value() || !lambda.value() || !wt.value() || !consistent.value())
    return bad("needs n_trees, max_depth, eta, min_child_weight, lambda, weighting and consistent_features");
  c.params = constrained(
      BoostParams{int(*trees.value()), int(*depth.value()), *eta.value(), *mcw.value(), *lambda.value(), 0.0});
  if (!weighting_from_name(*wt.value(), c.weighting)) return bad("weighting must be \"sets and labels\" or \"sets\"");
  c.consistent_features = *consistent.value();
  auto srf = read_number(j, "srf_weight", where, 0.01, 100);
  if (!srf) return make_error("params.shape", srf.error().message);
  if (srf.value()) c.srf_weight = *srf.value();
  return c;
}
}  // namespace

json params_to_json(const Config& lite, const Config& full, const std::string& data_fingerprint) {
  return {{"format", "fakemeter-train-params"},
          {"data_fingerprint", data_fingerprint},
          {"lite", config_json(lite)},
          {"full", config_json(full)}};
}

Result<Params> params_from_json(const json& j) {
  if (!j.is_object() || !j.contains("format") || j["format"] != "fakemeter-train-params")
    return make_error("params.shape", "not a fakemeter-train-params file");
  Params p;
  auto fp = read_string(j, "data_fingerprint", "", 100);
  if (!fp || !fp.value()) return make_error("params.shape", "data_fingerprint is missing");
  p.data_fingerprint = *fp.value();
  for (auto [key, target] : {std::pair<const char*, Config*>{"lite", &p.lite}, {"full", &p.full}}) {
    auto it = j.find(key);
    if (it == j.end()) return make_error("params.shape", std::string(key) + " is missing");
    auto c = config_from_json(*it, key);
    if (!c) return c.error();
    *target = c.value();
  }
  return p;
}

}  // namespace fm::train
