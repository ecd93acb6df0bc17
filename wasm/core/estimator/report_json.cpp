#include "report_json.h"

#include <algorithm>
#include <cmath>

#include "message.h"
#include "sampling.h"
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
double pct(double share) { return std::round(share * 1000.0) / 10.0; }
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }

json interval_json(const Prevalence& p) {
  return {
      {"fake_percent", pct(p.point)}, {"ci_low", pct(p.low)}, {"ci_high", pct(p.high)}, {"width", pct(p.high - p.low)}};
}

json share_json(const BreakdownShare& s) {
  json j = {{"count", s.count}};
  j["share"] = s.share ? json(pct(*s.share)) : json(nullptr);  // percent of the audience
  // With its 95% interval (breakdown.cpp); an unknown share has none.
  if (s.share) {
    j["ci_low"] = pct(s.low);
    j["ci_high"] = pct(s.high);
  }
  return j;
}

// The known sources of labelled accounts (score_profiles.h) each have their own words.
json regime_kind(const std::string& source) {
  if (source == "srf") return message("regime.kind_srf");
  if (source == "kaggle") return message("regime.kind_kaggle");
  if (source == "instafake") return message("regime.kind_instafake");
  if (source == "kaggle-complete") return message("regime.kind_kaggle_complete");
  if (source == "parma") return message("regime.kind_parma");
  if (source == "macerul") return message("regime.kind_macerul");
  return message_with("regime.kind_other", json{{"source", source}});
}

// checked: the accounts fetched in full (the list's regimes with some: too few to read without it).
json regime_json(const RegimeAverage& ra, int checked) {
  json list = json::array();
  double lo = 1, hi = 0;
  for (const auto& r : ra.regimes) {
    lo = std::min(lo, r.estimate.point), hi = std::max(hi, r.estimate.point);
    json g = {{"source", r.source},
              {"weight", round3(r.weight)},
              {"fit_weight", round3(r.fit_weight)},
              {"fake_percent", pct(r.estimate.point)},
              {"ci_low", pct(r.estimate.low)},
              {"ci_high", pct(r.estimate.high)},
              {"tpr", r.rates.tpr},
              {"fpr", r.rates.fpr},
              {"n_fake", r.rates.n_fake},
              {"n_real", r.rates.n_real}};
    if (r.lite_trust >= 0) g["lite_trust"] = round3(r.lite_trust);
    list.push_back(g);
  }
  json j = {{"regimes", list},
            {"tier", ra.lite_tier ? "lite" : "full"},
            // The interval before the widening for a definition unlike the known ones: that doubt
            // moves every sample the same model scores alike, so samples compare on this one. It
            // holds the report's point (estimate_audience, where the list's point is used).
            {"known_definitions", {{"ci_low", pct(ra.within.low)}, {"ci_high", pct(ra.within.high)}}},
            {"between_definitions",
             {{"spread", pct(ra.between_sd)},
              {"half_width", pct(ra.definition_half)},
              {"lowest", pct(lo)},
              {"highest", pct(hi)}}},
            // What a definition stricter than the known ones could call fake (regimes.h).
            {"stricter_definition",
             {{"possibly_fake_percent", pct(ra.possibly_fake_share)},
              {"ci_high", pct(ra.possibly_fake_high)},
              {"sets_ci_high", ra.bound_sets_high}}},
            // ... and what a more lenient one could call real.
            {"lenient_definition",
             {{"surely_fake_percent", pct(ra.surely_fake_share)},
              {"ci_low", pct(ra.surely_fake_low)},
              {"sets_ci_low", ra.bound_sets_low}}}};
  // With none of the checked accounts in that zone, the reach is the sample's size alone: said so,
  // not as "0% of the accounts … could all be called fake"; "too few were checked" only where it
  // reaches further above the estimate than the audit plan's +/- points (200 checked reach 2%).
  // Each names the accounts it rests on: "the sampled accounts" were 8 checked in full or 240 listed.
  const double reach_n = std::round(ra.reach_n);
  if (ra.bound_sets_high)
    j["stricter_note"] =
        ra.possibly_fake_share > 0
            ? message("regime.stricter_reach",
                      {{"share", pct(ra.possibly_fake_share)}, {"n", reach_n}, {"high", pct(ra.possibly_fake_high)}})
            : message(ra.possibly_fake_high - ra.combined.point > kPlanHalfWidth ? "regime.stricter_reach_few"
                                                                                 : "regime.stricter_reach_small",
                      {{"n", reach_n}, {"high", pct(ra.possibly_fake_high)}});
  // The lenient bound is said where it moves the shown lower end; with no checked account in its
  // zone the end is 0% by the sample alone, and "an estimated 0% … takes it to 0%" says nothing.
  // Where it takes the end to 0% there is no "or below" (a small sample: 1 of 8 checked there).
  if (ra.bound_sets_low && pct(ra.surely_fake_share) > 0)
    j["lenient_note"] =
        message(pct(ra.surely_fake_low) > 0 ? "regime.lenient_reach" : "regime.lenient_reach_zero",
                {{"share", pct(ra.surely_fake_share)}, {"n", reach_n}, {"low", pct(ra.surely_fake_low)}});
  if (ra.best >= 0) {
    const RegimeFit& b = ra.regimes[size_t(ra.best)];
    j["resembles"] = b.source;
    // Which definition of fake holds cannot be read off the scores: the explanation says how much
    // that matters here (the interval's extra reach for a definition unlike the known ones).
    json params = params_json({{"fit", std::lround(b.fit_weight * 100)},
                               {"caught", std::lround(b.rates.tpr * 100)},
                               {"lowest", pct(lo)},
                               {"highest", pct(hi)},
                               // In words at most the whole scale: on a sample of one or two it
                               // came out as "±164 points" (the interval is clamped to 0-100% anyway).
                               {"half", pct(std::min(ra.definition_half, 1.0))},
                               {"known", static_cast<int64_t>(ra.regimes.size())}});
    params["kind"] = regime_kind(b.source);
    // Read from the list alone, the regimes are lite-score histograms, whose full-tier catch rate
    // says nothing here.
    if (ra.lite_tier) params.erase("caught");
    // "The known definitions agree … the width comes from the sample's size" is not said where a
    // stricter or more lenient definition sets an end: there the width is that doubt's.
    const bool bound_sets_end = ra.bound_sets_high || ra.bound_sets_low;
    const char* id = ra.lite_tier                                ? (checked                      ? "regime.lite_few"
                                                                    : ra.definition_half >= 0.02 ? "regime.lite_spans"
                                                                                                 : "regime.lite")
                     : ra.definition_half >= 0.02                ? "regime.resembles_spans"
                     : ra.definition_half > 0 && !bound_sets_end ? "regime.resembles_agree"
                                                                 : "regime.resembles";
    j["explanation"] = message_with(id, params);
  }
  return j;
}

// What the breakdown rests on, and what it could not split.
json breakdown_notes(const Breakdown& b) {
  json notes = json::array({message("breakdown.split")});
  if (b.unassessed > 0)
    notes.push_back(b.split_known ? message("breakdown.lite_unassessed", {{"n", b.unassessed}})
                                  : message("breakdown.no_unflagged_fetched"));
  if (b.all_flagged) notes.push_back(message("breakdown.all_flagged"));
  return notes;
}

json rates_json(const TierSetting& t) {
  return {{"threshold", t.threshold},
          {"tpr", t.rates.tpr},
          {"fpr", t.rates.fpr},
          {"n_fake", t.rates.n_fake},
          {"n_real", t.rates.n_real},
          {"shift_sd_tpr", t.rates.shift_sd_tpr},
          {"shift_sd_fpr", t.rates.shift_sd_fpr}};
}
}  // namespace

json report_to_json(const AudienceEstimate& e, const AudienceInput& in, const std::string& model_version) {
  json r;
  r["fake_percent"] = pct(e.estimate.point);
  r["ci_low"] = pct(e.estimate.low);
  r["ci_high"] = pct(e.estimate.high);
  r["confidence"] = 0.95;
  r["sample_size"] = e.sample_size;
  r["full_sample_size"] = e.full_sample_size;
  r["lite_sample_size"] = e.lite_sample_size;
  // An unread audience size stays unknown (null), never a made-up number.
  r["total_followers"] =
      std::isinf(in.total_followers) ? json(nullptr) : json(static_cast<int64_t>(in.total_followers));
  r["method"] = e.method;
  r["sampling"] = in.newest_first ? "newest_first" : "random";
  // Every follower read (a small account's whole list): no "not a random sample" caveat, which
  // would be false; the interval is then the classifier's doubt alone.
  const bool census = !std::isinf(in.total_followers) && e.sample_size >= in.total_followers;
  r["sampling_note"] = census            ? message("sampling.census", {{"n", e.sample_size}})
                       : in.newest_first ? message("sampling.newest", {{"n", e.sample_size}})
                                         : message("sampling.random");
  r["flagged_percent"] = pct(e.estimate.q);
  r["interval_parts"] = {{"sampling_half_width", pct(e.estimate.sampling_half)}, {"rate_sd", pct(e.estimate.rate_sd)}};

  const Breakdown& b = e.breakdown;
  r["breakdown"] = {{"likely_fake", share_json(b.likely_fake)},
                    {"mass_followers", share_json(b.mass_followers)},
                    {"influencers_brands", share_json(b.influencers)},
                    {"private_real", share_json(b.private_real)},
                    {"public_real", share_json(b.public_real)},
                    {"unassessed_count", b.unassessed},
                    {"notes", breakdown_notes(b)}};

  if (e.two_phase) {
    const TwoPhaseShare& tp = *e.two_phase;
    json t = {{"lite_used", tp.lite_used},
              {"slope", tp.slope},
              {"r2", tp.r2},
              {"lite_model_weight", round3(tp.lite_model_weight)},
              {"pick_gap", std::round(e.pick_gap * 10) / 10}};
    if (e.full_only) {
      t["interval_full_only"] = interval_json(*e.full_only);
      double w_full = e.full_only->high - e.full_only->low, w = e.estimate.high - e.estimate.low;
      // How much listing lite followers narrowed the interval the full fetches alone give.
      t["narrowed_percent"] = w_full > 0 ? std::round((1 - w / w_full) * 1000.0) / 10.0 : 0.0;
    }
    if (e.lite_only) t["interval_without_subsample"] = interval_json(*e.lite_only);
    r["two_phase"] = t;
  }

  if (e.regimes) r["regime"] = regime_json(*e.regimes, e.full_sample_size);
  else r["regime"] = {{"resembles", nullptr}, {"explanation", message("regime.not_assessed")}};

  const AuditPlan& p = e.plan_5pt;
  if (p.possible)
    r["requests_for_5pt"] = {{"requests", p.requests},
                             {"follower_pages", p.requests - p.full_fetches},
                             {"lite_followers", p.lite_followers},
                             {"full_fetches", p.full_fetches},
                             {"note", message("plan.design", {{"lite", p.lite_followers},
                                                              {"pages", p.requests - p.full_fetches},
                                                              {"page_size", kFollowersPerPage},
                                                              {"full", p.full_fetches}})}};
  else
    r["requests_for_5pt"] = {
        {"requests", nullptr},
        {"note", p.definition_points >= 0  ? message("plan.definitions", {{"points", p.definition_points}})
                 : p.rate_only_points >= 0 ? message("plan.rate_limited", {{"points", p.rate_only_points}})
                                           : message("plan.unreachable")}};

  r["classifier"] = {{"lite", rates_json(in.lite)}, {"full", rates_json(in.full)}};
  r["model_version"] = model_version;
  r["warnings"] = e.warnings;
  return r;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
