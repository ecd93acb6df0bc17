// The profile report's reasons: each finding as a message id with its numbers (message.h), a
// signal and a severity. No prose here: the extension and the CLI word the ids.
#pragma once
#include "findings.h"
#include "json_util.h"
#include "message.h"

namespace fm::prof {

// {"id", "signal", "severity", "params"} and, for a finding with more to say, "details": further
// messages, each a sentence of its own. The signal is the id's namespace.
json reason(const char* id,
            const char* severity,
            std::initializer_list<Param> params = {},
            json details = json::array());

// The reasons the profile's own signals give, in the order found.
json profile_reasons(const Findings& f);

// A reason when the engagers of the recent posts (an audit's likers or commenters estimate) lie
// apart from the followers' estimate, one way or the other; null when their intervals overlap.
json engagers_reason(const json& followers, const json& engagers, bool likers);

// Most severe first (high, medium, low, info), keeping each severity's order.
json by_severity(const json& reasons);

}  // namespace fm::prof
