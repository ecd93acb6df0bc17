// The estimator's report as JSON (the contract api_estimate answers with; see api.h).
#pragma once
#include <string>

#include "audience.h"
#include "json_util.h"

namespace fm {

// Percentages rounded to 0.1 point; shares in [0,1] become percents.
json report_to_json(const AudienceEstimate& e, const AudienceInput& in, const std::string& model_version);

}  // namespace fm
