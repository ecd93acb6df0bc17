// The estimator judged leave-one-set-out (the trainer's --loso file): for each held-out set,
// audiences drawn from its accounts, scored by the model trained without it, are estimated with
// score profiles built from the other sets alone (scored out of fold within them) and a
// definition spread fitted on those other sets alone (definitions.h). Neither the held-out
// set's rows nor its regime shaped anything that judges it.
#pragma once
#include <string>
#include <vector>

#include "oof.h"
#include "report.h"

namespace fm {

struct LosoFold {
  std::string holdout;
  TierSetting lite, full;
  std::vector<OofRow> fit, test;
};

Result<std::vector<LosoFold>> read_loso(const std::string& path);

// An instant estimate of a profile (percent), from the profile analysis's evaluation.
struct InstantEstimate {
  double point = 0, low = 0, high = 100;
};
Result<std::vector<InstantEstimate>> read_instant(const std::string& path);

// The Markdown section: coverage and MAE per held-out set and audit design, against the previous
// estimator; with `instant` estimates also the audit combined with the profile signals of a
// real account whose engagement says nothing about the audience (profile/combine.h), against
// the previous combination.
std::string run_loso_evaluation(const std::vector<LosoFold>& folds,
                                const std::vector<InstantEstimate>& instant,
                                const EvalConfig& cfg);

}  // namespace fm
