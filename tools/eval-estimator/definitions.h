// How the estimator weighs the known definitions of fake (ScoreProfiles::definition_weighting,
// regimes.h), fitted on the known definitions themselves: each source set is left out in turn,
// and its audiences (the designs below, fake shares 0-60%) are estimated with the score profiles
// of the other sources. The weighting (on a grid from 0, every definition alike, to 1, the plain
// posterior) with the smallest mean absolute error over those audiences is chosen. The interval
// for a definition unlike the known ones is the random-effects predictive interval
// (definition_spread 1), its ends moved to the bounds for a definition stricter or more lenient than
// the known ones (definition_bounds); how often it held the left-out sources' shares is reported
// alongside.
#pragma once
#include <string>
#include <vector>

#include "oof.h"
#include "simulate.h"

namespace fm {

// The audit designs the estimator is judged on: n followers listed, m of them fetched in full.
struct Design {
  const char* name;
  int n, m;
};
const std::vector<Design>& audit_designs();
// Reported beside the designs above, not used to fit the weighting: the default audit on
// Instagram's short list (50 listed; 15 fetched in full and the 3 follower pages the list leaves
// unread), the default audit's likers and commenters (about 240 and 75 listed, 8 of each in full),
// and audits whose full fetches all failed (or a list saved alone): none in full.
const std::vector<Design>& extra_designs();
// The fake shares audiences are drawn at.
const std::vector<double>& audience_shares();

struct DefinitionFit {
  double weighting = 1;
  double mae = 0, mae_posterior = 0;   // mean absolute error at that weighting and with the plain posterior
  double coverage = 0;                 // of the 95% intervals, pooled, at that weighting
  double coverage_without_spread = 0;  // the same without the predictive widening (nor the bounds)
  double coverage_without_bound = 0;   // the same with the widening but without the bounds for other definitions
  int audiences = 0;
};

// `rows`: labelled accounts of several sources, scored out of fold; `threshold`, `version`: of
// the model that scored them; `s`: the tiers' settings and audience size; `reps` per cell.
DefinitionFit fit_definitions(const std::vector<OofRow>& rows,
                              double threshold,
                              const std::string& version,
                              const SimSettings& s,
                              int reps,
                              Rng& rng);

}  // namespace fm
