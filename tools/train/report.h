// models/METRICS.md, written from a finished run so the numbers and the model agree.
#pragma once
#include <string>
#include <vector>

#include "pipeline.h"

namespace fm::train {

struct ReportInput {
  const std::vector<Sample>* samples = nullptr;
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

}  // namespace fm::train
