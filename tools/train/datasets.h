// The labelled data sets in ../shared/data, each mapped to the engine's account record.
// Every row goes through fm::account_from_json and fm::extract_features, so the trainer
// sees exactly what the engine sees.
#pragma once
#include <string>
#include <vector>

#include "account_features.h"
#include "json_util.h"
#include "result.h"

namespace fm::train {

struct Sample {
  std::string set;  // "srf", "kaggle" or "instafake"
  int row = 0;      // 0-based index within its set, in file order
  int label = 0;    // 1 = fake
  json record;      // the account record as the engine would receive it
  FeatureVector x;  // extract_features(record)
};

// Each loader takes the file's text and its name (for errors) and appends to `out`.
Result<bool> load_instafake(const std::string& text, const std::string& file, int label, std::vector<Sample>& out);
Result<bool> load_srf(const std::string& text, const std::string& file, std::vector<Sample>& out);
Result<bool> load_kaggle(const std::string& text, const std::string& file, std::vector<Sample>& out);

// Reads every set from `data_dir` (srf, kaggle, instafake, in that order).
Result<std::vector<Sample>> load_all(const std::string& data_dir);

// The data set names in report order.
const std::vector<std::string>& set_names();

}  // namespace fm::train
