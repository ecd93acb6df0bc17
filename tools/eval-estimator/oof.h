// Out-of-fold predictions written by the trainer (build/train/oof.jsonl): one labelled
// account per line, scored by a model that did not train on it.
#pragma once
#include <string>
#include <vector>

#include "estimator/audience.h"
#include "result.h"

namespace fm {

struct OofRow {
  std::string set;  // "srf", "kaggle", "instafake"
  int fold = 0;
  bool fake = false;
  FollowerScore score;  // p_lite and p_full plus the breakdown fields of the record
};

Result<std::vector<OofRow>> read_oof(const std::string& path);

}  // namespace fm
