// The engagement authenticity report: the signals in JSON with their references and
// intervals, a reason per signal in plain words, and one verdict with a grade. Counts and
// examples of text patterns only: never who wrote them. Schema: README.md here.
#pragma once
#include <string>

#include "signals.h"

namespace fm::cmt {

// Grade of a total strength (the sum of the signals' strengths).
const char* grade_of_score(double score);
const char* grade_label(const std::string& grade);
constexpr double kFairScore = 1, kPoorScore = 2, kBadScore = 3.5;

std::string comments_report(const Signals& s,
                            const Input& in,
                            const CommentReference& ref,
                            const SpamModel& model,
                            const std::string& engine);

}  // namespace fm::cmt
