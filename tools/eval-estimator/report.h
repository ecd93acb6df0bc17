// Runs the evaluation grid and renders it as Markdown.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "estimator/score_profiles.h"
#include "model.h"
#include "simulate.h"

namespace fm {

struct EvalConfig {
  std::string oof = "build/train/oof.jsonl";
  std::string loso;  // the trainer's leave-one-set-out predictions; empty: that evaluation is skipped
  uint64_t seed = 20261129;
  SimSettings sim;
  // Audiences per cell of the leave-one-set-out evaluation: more than the in-set grid's, since
  // its lowest cell is a target and the lowest of many cells is pulled down by their noise.
  int loso_reps = 1000;
  int calibration_reps = 100;  // audiences per cell when fitting a definition spread
  // The between-definition widening in the held-out folds: 1 as committed (score_profiles.h);
  // other values only to measure what it buys (--definition-spread).
  double definition_spread = 1;
};

std::string run_evaluation(const std::vector<OofRow>& rows, const Model& model, EvalConfig cfg);

}  // namespace fm
