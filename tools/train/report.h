// models/METRICS.md, written from a finished evaluation so the numbers and the model agree, and
// the prediction files the estimator's evaluation reads.
#pragma once
#include <string>
#include <vector>

#include "pipeline.h"

namespace fm::train {

struct ReportInput {
  const data::Loaded* data = nullptr;
  std::string data_fingerprint;
  const TierEvaluation* lite_eval = nullptr;
  const TierEvaluation* full_eval = nullptr;
  const TierRun* lite = nullptr;
  const TierRun* full = nullptr;
  std::string model_version;
  size_t model_bytes = 0;
  std::string command;  // how to regenerate
};

std::string metrics_markdown(const ReportInput& in);

// One JSON line per sample: set, row, fold, label, calibrated out-of-fold p_lite/p_full, record.
std::string oof_jsonl(const std::vector<Sample>& samples,
                      const std::vector<int>& fold,
                      const TierRun& lite,
                      const TierRun& full);

// Leave-one-set-out, per held-out set: a header line {"holdout", "full": {...}, "lite": {...}}
// with each tier's threshold and rates fitted without that set, then one line per sample used:
// {"holdout", "role": "test" (the held-out set, scored by the model trained without it) or
// "fit" (the other sets' rows, scored out of fold within them), "set", "row", "label",
// "p_lite", "p_full"}. Rows of accounts the held-out set also holds are left out.
std::string loso_jsonl(const std::vector<Sample>& samples, const TierEvaluation& lite, const TierEvaluation& full);

}  // namespace fm::train
