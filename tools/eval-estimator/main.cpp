// eval-estimator: judges the audience estimator on synthetic audiences built from the
// trainer's out-of-fold predictions (accounts the model did not train on), side by side with
// naive counting and SRF Data's cutoff method, and prints the Markdown section of
// EVALUATION.md. Deterministic for a given seed. Usage:
//   eval-estimator [--oof build/train/oof.jsonl] [--reps 400] [--seed 20261129]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "classifier.h"
#include "estimator/rate_shift.h"
#include "report.h"
#include "simulate.h"

using namespace fm;

int main(int argc, char** argv) {
  EvalConfig cfg;
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
    else if (a == "--reps") cfg.sim.reps = std::max(10, std::atoi(value().c_str()));
    else if (a == "--seed") cfg.seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "--help" || a == "-h") {
      std::printf("Usage: eval-estimator [--oof build/train/oof.jsonl] [--reps N] [--seed S]\n"
                  "Prints the estimator section of EVALUATION.md (Markdown) on stdout.\n");
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
  std::string md = run_evaluation(rows.value(), builtin_model(), cfg);
  std::fwrite(md.data(), 1, md.size(), stdout);
  return 0;
}
