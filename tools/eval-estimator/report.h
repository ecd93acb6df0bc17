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
  int calibration_reps = 100;  // audiences per cell when fitting a definition spread
};

std::string run_evaluation(const std::vector<OofRow>& rows, const Model& model, EvalConfig cfg);

}  // namespace fm
