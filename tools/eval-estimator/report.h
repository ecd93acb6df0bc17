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
  uint64_t seed = 20261129;
  SimSettings sim;
};

std::string run_evaluation(const std::vector<OofRow>& rows, const Model& model, EvalConfig cfg);

}  // namespace fm
