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
//  - a real audience follows none of the known definitions of fake exactly, and the posterior
//    picks the regime that explains the scores best, not the definition that holds (a definition
//    says which accounts are fake; the scores alone cannot). So the K known definitions are
//    treated as draws from a population of definitions (random effects):
//      - the answer weighs the regimes by their likelihood tempered to the power
//        definition_weighting (0: every known definition alike; 1: the plain posterior), fitted by
//        leaving each known definition out in turn and estimating its audiences with the others
//        (tools/eval-estimator): the weighting with the smallest error there;
//      - how far the regimes' answers for this very sample spread (s, the standard deviation of
//        their points, unweighted) is how much the answer depends on which definition holds; the
//        interval for a new definition is widened at each end, in quadrature, by the random-effects
//        predictive half-width t(K - 2) * sqrt(1 + 1/K) * s (Higgins, Thompson & Spiegelhalter
//        2009), times definition_spread (1 in the committed profiles, 0: off). Where the sample
//        cannot tell the definitions apart the interval says so; where every definition reads it
//        alike it stays narrow.
//  - that widening is only as wide as the known definitions' disagreement on this sample, and a
//    definition beyond all of them is not bounded by it: held out, Kaggle's spam fakes score in
//    the middle, where every other definition expects real accounts, so every known reading was
//    7-24 points low with the definitions agreeing. What no known definition can rule out is
//    bounded instead (definition_bounds), at each end by the same rule:
//      - stricter: a definition may call fake any account whose score falls where at least one
//        known definition finds its fakes at least as common as its real accounts (fake histogram
//        >= real histogram in that bin). The share of such accounts, at its upper confidence limit
//        (exact, Clopper-Pearson: at the interval's level and the sample's effective size, but at
//        no more than the accounts sampled, since which bin an account's score falls in is its own
//        chance even in a census), divided by the least share of its fakes any known definition
//        puts in those bins (its fakes, too, may score elsewhere), is an upper end that no such
//        definition exceeds more often than the level allows;
//      - more lenient: a definition may call real any account whose score falls where at least
//        one known definition finds its real accounts more common than its fakes, so it calls fake
//        at least the accounts where every known definition finds fakes at least as common. The
//        share of those at its lower confidence limit (the same way), less the most of its real
//        accounts any known definition puts there (r; rescaled, (low - r) / (1 - r)), is the
//        lowest such a definition reads (the regimes' readings divide by their recall and can overshoot it: a
//        sample whose fakes are all easy to spot, or whose real accounts score like fakes).
//        Without r and the exact limit at the accounts sampled, two real commenters of nine who
//        scored like fakes ruled out 0% for all nine.
//    The upper end is the larger of the interval's and the stricter bound, the lower end the
//    smaller of the interval's and the lenient one; the point stays. Nothing in it is fitted.
#pragma once
#include <string>
#include <vector>

#include "mixture.h"
#include "prevalence.h"
#include "sampling.h"
#include "score_profiles.h"

namespace fm {

constexpr double kKindSpread = 1.0;  // extra rate variance, in units of the rates' binomial variance

struct RegimeFit {
  std::string source;
  double weight = 0;       // the regime's weight in the answer (tempered likelihood)
  double fit_weight = 0;   // posterior probability that the audience's scores look like this source's
  double loglik = 0;       // maximised over the fake share
  double pi_ml = 0;        // the share that maximises it on the evidence
  TierRates rates;         // the source's full-tier rates (reported; planning without profiles)
  Prevalence estimate;     // the mixture estimate under this regime
  double lite_trust = -1;  // two-phase: posterior that its lite histograms hold (lite_model.h); -1 unused
  // Variance of the audience's share that the sampled accounts' own labels leave: their scores say
  // how likely each is fake under this regime, not which is. Negligible for a small part of a large
  // audience, it is all that is left of a census, where the finite-population correction removes
  // the sampling error (combine_regimes adds it in quadrature).
  double label_var = 0;
};

struct RegimeAverage {
  Prevalence combined;         // the posterior mixture, widened for the doubt between definitions
  Prevalence within;           // the posterior mixture of the regimes' estimates alone (audience.cpp
                               // widens it to hold the list's point and the fetched ones' where used)
  double between_sd = 0;       // standard deviation of the regimes' points on this sample
  double definition_half = 0;  // the predictive half-width for a new definition, added in quadrature
  // The reach of a definition stricter than every known one: the share of the sample whose score
  // falls where some known definition finds its fakes at least as common as its real accounts
  // (every such account called fake), and that share's upper confidence limit over the least share
  // of its fakes a known definition puts there.
  double possibly_fake_share = 0;
  double possibly_fake_high = 0;
  bool bound_sets_high = false;  // the upper end is that limit (definition_bounds on and it reaches further)
  // The reach of a more lenient one: the share whose score falls where every known definition finds
  // its fakes at least as common as its real accounts, and that share's lower confidence limit less
  // the most of its real accounts a known definition puts there (rescaled).
  double surely_fake_share = 0;
  double surely_fake_low = 0;
  bool bound_sets_low = false;     // the lower end is that limit (definition_bounds on and it reaches lower)
  double reach_n = 0;              // the sampled accounts both reaches rest on (their limits' sample size)
  bool lite_tier = false;          // read from lite probabilities (no follower fetched in full)
  std::vector<RegimeFit> regimes;  // in the profiles' order
  int best = -1;                   // index of the regime whose scores the sample's look most like
};

// Log-likelihood of binned full-probability counts under a regime at fake share pi.
double regime_loglik(const SourceProfile& s, const std::vector<double>& counts, double pi);

// p_full: the full-tier probabilities of the followers fetched in full (the evidence that
// weighs the regimes); counts: the effective counts per score bin each regime's mixture
// estimate works on (two_phase.h); q: the flagged share, carried through for the report;
// sampled, audience: how many accounts the sample holds and how many the audience it was drawn
// from (the labels' own variance, RegimeFit::label_var: sampled * mean p(1 - p) / audience^2,
// p each fetched account's probability of being fake under the regime at its estimate; none
// for an endless audience).
RegimeAverage average_over_regimes(const ScoreProfiles& p,
                                   const std::vector<double>& p_full,
                                   const std::vector<double>& counts,
                                   double q,
                                   double z,
                                   double sampled = 0,
                                   double audience = kUnknownPopulation);

// The posterior mixture of weighted estimates: weighted mean, 2.5%/97.5% quantiles.
Prevalence mix_estimates(const std::vector<std::pair<double, Prevalence>>& parts, double z);

// Sets the regimes' weights from their log-likelihoods tempered by `definition_weighting`, and
// ra.combined from their estimates, each widened in quadrature by its labels' own variance: their
// weighted mixture (ra.within), widened for the doubt
// between definitions, scaled by `definition_spread`, its ends moved to the bounds for a stricter
// and a more lenient definition when `definition_bounds` (see above); z gives the level.
void combine_regimes(RegimeAverage& ra,
                     double definition_weighting,
                     double definition_spread,
                     bool definition_bounds,
                     double z);

}  // namespace fm
