// The spam and scam comment model: logistic regression on hashed words, word pairs and the
// text's shape (mentions, links, hashtags, length), with int8 weights. Trained by
// tools/train-spam on hand-labelled Instagram comments (models/comment_spam.json, compiled in).
// The features are computed here for both the trainer and the engine, so they cannot drift.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "result.h"
#include "text.h"

namespace fm::cmt {

struct SpamModel {
  std::string version;
  uint32_t buckets = 0;  // a power of two
  double bias = 0;
  double scale = 0;  // weight = int8 value * scale
  std::vector<int8_t> weights;
  // The margin above which a comment counts as spam, and the rates measured out of fold there.
  double threshold = 0, recall = 0, false_alarm = 0;
};

// The feature buckets of one comment (sorted, without repeats; binary features).
std::vector<uint32_t> spam_features(const TextShape& s, uint32_t buckets);

double spam_margin(const SpamModel& m, const std::vector<uint32_t>& features);

// {"version","buckets","bias","scale","threshold","recall","false_alarm","weights": base64 of
// the int8 weights}. Errors: "spam_model.*".
Result<SpamModel> spam_model_from_text(const std::string& text);
std::string base64_encode(const std::vector<int8_t>& bytes);

// The model compiled into this build (models/comment_spam.json).
const Result<SpamModel>& builtin_spam_model();

}  // namespace fm::cmt
