// The lite tier as a model in a two-phase audit, used only where this audience vouches for it.
//
// The double-sampling histogram (two_phase.h) uses the lite probability as an auxiliary
// variable only: it never trusts the lite tier's calibration, so with 30 full fetches it cannot
// beat S_y^2 ((1 - r2)/30 + r2/n), about 4 points of error on audiences where the lite tier is
// good. Each known source also says how its fakes' and real accounts' lite probabilities fall
// (score_profiles.h); where that holds, every listed follower is evidence on its own: the
// *joint* estimate explains the fetched followers' full-tier bins and the listed-only
// followers' lite bins with one fake share (mixture.h, several parts), the listed-only
// followers tempered for the lite histograms' own uncertainty (worth at most 1 / that variance).
//
// Whether it holds is asked of the audience at hand, twice, and the answers are weighed as a
// Bayes factor between "the regime's lite histograms hold" and "they do not":
//  - on the fetched followers, where both tiers are known: the lite-only estimate minus the
//    full-tier one. Where the histograms hold it is noise, with a variance from the followers'
//    influence on each estimate plus both histograms' own; where they do not it may be
//    anything (a uniform share's variance, 1/12, on top);
//  - on the listed-only followers: how well the regime's lite mixture at the joint share fits
//    their lite bins, against a free histogram of them (its extra k - 1 shares paid for by the
//    BIC's (k - 1)/2 log n).
// The regime's answer is the posterior mixture of the joint and the double-sampling estimates.
// A regime whose lite histograms are too loose to add anything (with endless listed followers
// they would pin the share down less than half as tightly as kReferenceFetches full fetches:
// SRF, whose lite tier barely separates) keeps the double-sampling estimate alone. Why not
// trust the lite tier outright: on an audience unlike every labelled set (the evaluation's SRF
// real followers with Kaggle's fakes) its histograms are wrong and the joint estimate is off
// by 10-25 points; the checks above send such audiences back to double sampling.
// Whether a bigger audit's listed followers will vouch for the lite histograms is not known in
// advance, so audits are planned for double sampling alone (audience.h).
#pragma once
#include <vector>

#include "regimes.h"
#include "score_profiles.h"

namespace fm {

// The audit size the lite histograms must beat to be used (a typical audit's full fetches).
constexpr double kReferenceFetches = 30;

struct LiteModelInput {
  std::vector<double> sub_full, sub_lite;  // fully fetched followers: full and lite probability
  std::vector<double> lite_only;           // followers only listed: lite probability
  double total_followers = 0;              // N, for the finite-population correction
};

struct LiteModelFit {
  Prevalence joint;                            // the estimate with the lite histograms trusted
  double trust = 0;                            // posterior probability that they hold here
  double discrepancy = 0, discrepancy_sd = 0;  // lite minus full estimate on the fetched followers
  double misfit = 0;                           // G^2 of the listed-only lite bins at the joint share
};

// Whether a regime's lite histograms are sharp enough to be worth trusting at all.
bool lite_usable(const SourceProfile& s, double spread);

// The joint estimate under one regime and how far this audience vouches for it.
LiteModelFit fit_lite_model(const ScoreProfiles& p,
                            const SourceProfile& s,
                            const LiteModelInput& in,
                            double z,
                            double spread,
                            double q);

// Replaces each regime's estimate in `ra` (the double-sampling one) by its posterior mixture
// with the joint estimate, and the combined estimate accordingly. Returns the trust averaged
// over the regimes' weights (0 when no regime's lite tier is usable).
double blend_lite_model(RegimeAverage& ra, const ScoreProfiles& p, const LiteModelInput& in, double z);

}  // namespace fm
