// eval-estimator: judges the audience estimator on synthetic audiences built from the
// trainer's out-of-fold predictions (accounts the model did not train on), side by side with
// naive counting and SRF Data's cutoff method, and prints the Markdown section of
// EVALUATION.md; with --loso, first the leave-one-set-out evaluation (loso.h). Deterministic for
// a given seed. Usage:
//   eval-estimator [--oof build/train/oof.jsonl] [--loso build/train/loso.jsonl] [--reps 400] [--loso-reps 1000]
//                  [--seed 20261129]
//   eval-estimator [--oof ...] --write-profiles models/score_profiles.json
// The second form derives the score profiles the engine compiles in (estimator/score_profiles.h)
// from all out-of-fold rows, for the builtin model, with the definition spread fitted on them
// (definitions.h), and writes them instead of evaluating.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "classifier.h"
#include "definitions.h"
#include "estimator/rate_shift.h"
#include "loso.h"
#include "report.h"
#include "simulate.h"

using namespace fm;

int main(int argc, char** argv) {
  EvalConfig cfg;
  std::string write_profiles;
  bool loso_only = false;
  std::string instant_path;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "eval-estimator: %s needs a value\n", a.c_str());
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--oof") cfg.oof = value();
    else if (a == "--loso") cfg.loso = value();
    else if (a == "--loso-only") loso_only = true;
    else if (a == "--instant") instant_path = value();
    else if (a == "--calibration-reps") cfg.calibration_reps = std::max(10, std::atoi(value().c_str()));
    else if (a == "--reps") cfg.sim.reps = std::max(10, std::atoi(value().c_str()));
    else if (a == "--loso-reps") cfg.loso_reps = std::max(10, std::atoi(value().c_str()));
    else if (a == "--write-profiles") write_profiles = value();
    else if (a == "--seed") cfg.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--definition-spread") cfg.definition_spread = std::max(0.0, std::atof(value().c_str()));
    else if (a == "--help" || a == "-h") {
      std::printf(
          "Usage: eval-estimator [--oof build/train/oof.jsonl] [--loso build/train/loso.jsonl [--loso-only]\n"
          "                      [--instant build/eval/instant.jsonl]]\n"
          "                      [--reps N] [--loso-reps N] [--calibration-reps N] [--seed S]\n"
          "                      [--definition-spread S]\n"
          "       eval-estimator [--oof build/train/oof.jsonl] --write-profiles FILE\n"
          "Prints the estimator section of EVALUATION.md (Markdown) on stdout, or writes\n"
          "the score profiles of the builtin model (models/score_profiles.json).\n"
          "--definition-spread S scales the between-definition widening in the held-out\n"
          "folds (1, the committed value, by default): to measure what it buys.\n");
      return 0;
    } else {
      std::fprintf(stderr, "eval-estimator: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  auto status = builtin_model_status();
  if (!status) {
    std::fprintf(stderr, "eval-estimator: %s\n", status.error().text().c_str());
    return 1;
  }
  auto rows = read_oof(cfg.oof);
  if (!rows) {
    std::fprintf(stderr, "eval-estimator: %s\n", rows.error().text().c_str());
    return 1;
  }
  if (!write_profiles.empty()) {
    std::vector<ProfileSample> samples;
    for (const auto& r : rows.value()) samples.push_back({r.set, r.fake, *r.score.p_full, r.score.p_lite});
    const Model& m = builtin_model();
    ScoreProfiles profiles = build_profiles(samples, m.full.threshold, m.version);
    SimSettings sim = cfg.sim;
    sim.lite = tier_setting(m.lite, kLiteRateShift);
    sim.full = tier_setting(m.full, kFullRateShift);
    Rng rng{cfg.seed};
    DefinitionFit df = fit_definitions(rows.value(), m.full.threshold, m.version, sim, cfg.calibration_reps, rng);
    profiles.definition_weighting = df.weighting;
    profiles.definition_spread = 1;
    profiles.definition_bounds = true;
    std::fprintf(stderr,
                 "eval-estimator: definitions weighted %.2f (leaving each source out, %d audiences: mean error %.1f "
                 "points, %.1f with the plain posterior; intervals held the share %.1f%% of the time, %.1f%% "
                 "without the bounds for a stricter or a more lenient definition, %.1f%% without the widening for a "
                 "new definition either)\n",
                 df.weighting, df.audiences, 100 * df.mae, 100 * df.mae_posterior, 100 * df.coverage,
                 100 * df.coverage_without_bound, 100 * df.coverage_without_spread);
    std::string text = dump_json(profiles_to_json(profiles), 1) + "\n";
    std::ofstream out(write_profiles);
    if (!(out << text)) {
      std::fprintf(stderr, "eval-estimator: cannot write %s\n", write_profiles.c_str());
      return 1;
    }
    std::fprintf(stderr, "eval-estimator: wrote %s for model %s\n", write_profiles.c_str(), m.version.c_str());
    return 0;
  }
  std::string md;
  if (!cfg.loso.empty()) {
    auto folds = read_loso(cfg.loso);
    if (!folds) {
      std::fprintf(stderr, "eval-estimator: %s\n", folds.error().text().c_str());
      return 1;
    }
    std::vector<InstantEstimate> instant;
    if (!instant_path.empty()) {
      auto r = read_instant(instant_path);
      if (!r) {
        std::fprintf(stderr, "eval-estimator: %s\n", r.error().text().c_str());
        return 1;
      }
      instant = r.value();
    }
    md += run_loso_evaluation(folds.value(), instant, cfg);
  }
  if (!loso_only) md += run_evaluation(rows.value(), builtin_model(), cfg);
  std::fwrite(md.data(), 1, md.size(), stdout);
  return 0;
}
