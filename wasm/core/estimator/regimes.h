// Bayesian model averaging over audience regimes. The full tier's error rates depend on the
// kind of fake an audience holds (score_profiles.h): SRF's followers-of-influencers fakes are
// hard to spot (tpr ~0.65), Kaggle's and InstaFake's spam and bought accounts easy (~0.9). The
// estimator is not told which kind of audience it sees, so it asks the sample:
//  - each known source is a regime: its fake and real score histograms, and its tpr/fpr;
//  - a regime's evidence is the sample's likelihood under it, the full-tier probabilities
//    explained as a mixture of the regime's fake and real histograms, maximised over the fake
//    share (each regime has that one free parameter, so equal prior odds stay fair);
//  - each regime gives its own estimate: the mixture of its fake and real histograms that best
//    explains the sample (mixture.h: maximum likelihood, profile-likelihood interval at the
//    sample's effective size, widened for the uncertainty of the histograms);
//  - the answer is the posterior mixture of those: point = weighted mean, interval = the
//    mixture's 2.5% and 97.5% quantiles, each regime's interval taken as a two-piece normal
//    around its point. Where the sample cannot tell the regimes apart the interval spans them.
// Only the calibrated full probability enters the likelihood; which fields a record lacks is an
// artefact of the data sets, never a production signal.
//  - a regime's rates rest on a few hundred labelled accounts, and audiences of one kind differ
//    among themselves as two random halves of those accounts do: the histograms' multinomial
//    variance is counted twice (kKindSpread), once for the labelled sample and once for the
//    audience at hand. The cross-fitted evaluation (profiles from one half of the folds, audiences from the
//    other) measures exactly that spread; with it counted once the intervals undercover there.
#pragma once
#include <string>
#include <vector>

#include "mixture.h"
#include "prevalence.h"
#include "score_profiles.h"

namespace fm {

constexpr double kKindSpread = 1.0;  // extra rate variance, in units of the rates' binomial variance

struct RegimeFit {
  std::string source;
  double weight = 0;       // posterior probability that the audience looks like this source
  double loglik = 0;       // maximised over the fake share
  double pi_ml = 0;        // the share that maximises it on the evidence
  TierRates rates;         // the source's full-tier rates (reported; planning without profiles)
  Prevalence estimate;     // the mixture estimate under this regime
  double lite_trust = -1;  // two-phase: posterior that its lite histograms hold (lite_model.h); -1 unused
};

struct RegimeAverage {
  Prevalence combined;
  std::vector<RegimeFit> regimes;  // in the profiles' order
  int best = -1;                   // index of the most probable regime
};

// Log-likelihood of binned full-probability counts under a regime at fake share pi.
double regime_loglik(const SourceProfile& s, const std::vector<double>& counts, double pi);

// p_full: the full-tier probabilities of the followers fetched in full (the evidence that
// weighs the regimes); counts: the effective counts per score bin each regime's mixture
// estimate works on (two_phase.h); q: the flagged share, carried through for the report.
RegimeAverage average_over_regimes(const ScoreProfiles& p,
                                   const std::vector<double>& p_full,
                                   const std::vector<double>& counts,
                                   double q,
                                   double z);

// The posterior mixture of weighted estimates: weighted mean, 2.5%/97.5% quantiles.
Prevalence mix_estimates(const std::vector<std::pair<double, Prevalence>>& parts, double z);

}  // namespace fm
