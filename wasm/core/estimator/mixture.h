// Mixture estimate of the fake share under one regime: the sample's full-tier probabilities
// (binned as the score profiles are) explained as pi * fake histogram + (1 - pi) * real
// histogram, pi by maximum likelihood.
//
// Why not the adjusted count: Rogan-Gladen keeps one bit per follower (above or below the
// threshold) and divides by tpr - fpr, so its error is the flagged share's error stretched by
// 1 / (tpr - fpr), plus the error of tpr itself (SRF: 74 labelled fakes). The mixture uses where
// each score falls: bins only real accounts reach (very low scores) pin down 1 - pi, bins only
// fakes reach (very high scores) pin down pi, and a sample with no score in the fakes' bins gets
// exactly 0 rather than a clamped noisy negative number.
//  - Interval: the profile likelihood (the set of pi whose log-likelihood is within a cut of the
//    maximum; it respects the [0, 1] boundary), at the sample's effective size (finite-population
//    correction), widened in quadrature for the histograms' own uncertainty: they rest on n_fake
//    and n_real labelled accounts, whose multinomial variance moves the maximum by the implicit
//    function theorem (mixture_hist_var), counted (1 + spread) times (see regimes.h, kKindSpread).
#pragma once
#include <vector>

#include "prevalence.h"
#include "score_profiles.h"

namespace fm {

// Log-likelihood of (effective) counts per score bin at fake share pi.
double mixture_loglik(const SourceProfile& s, const std::vector<double>& counts, double pi);

// The share in [0, 1] that maximises it (the log-likelihood is concave in pi).
double mixture_mle(const SourceProfile& s, const std::vector<double>& counts);

// Fisher information about pi carried by one follower, at fake share pi.
double mixture_info(const SourceProfile& s, double pi);

// Variance of the maximum at pi that the histograms' labelled counts leave, times (1 + spread).
double mixture_hist_var(const SourceProfile& s, double pi, double spread);

// Point and 95% interval (z) from effective counts per bin. `q`, the flagged share, is
// carried through for the report.
Prevalence mixture_estimate(const SourceProfile& s,
                            const std::vector<double>& counts,
                            double z,
                            double spread,
                            double q);

// One part of a likelihood whose parts share the fake share: effective counts over one
// profile's bins (a two-phase audit: the fetched followers' full-tier bins, the listed-only
// followers' lite bins; lite_model.h).
struct MixturePart {
  SourceProfile profile;
  std::vector<double> counts;
  // Counts already discounted for the part's histogram uncertainty (lite_model.h): that
  // uncertainty is then in the likelihood and does not widen the interval again.
  bool tempered = false;
};

// The same estimate from several parts. The histograms' uncertainty widens it part by part,
// each weighted by its share of the information (the maximum moves with a part's histograms in
// proportion to that share).
Prevalence mixture_estimate(const std::vector<MixturePart>& parts, double z, double spread, double q);

// The share in [0, 1] that maximises the parts' joint log-likelihood.
double mixture_mle(const std::vector<MixturePart>& parts);

// Half-width a design would give at fake share pi when the effective sample is worth n_eff
// simple random full fetches (infinite n_eff: only the histograms' uncertainty is left).
double mixture_planned_half_width(const SourceProfile& s, double pi, double n_eff, double z, double spread);

}  // namespace fm
