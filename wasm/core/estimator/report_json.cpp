#include "report_json.h"

#include <algorithm>
#include <cmath>

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
  return j;
}

// Plain words for the known sources of labelled accounts (score_profiles.h).
std::string regime_words(const std::string& source) {
  if (source == "srf") return "followers of influencers with hard-to-spot fakes, as in SRF Data's labelled followers";
  if (source == "kaggle") return "obvious spam and fake accounts, as in the Kaggle fake-account set";
  if (source == "instafake") return "bought or fake accounts, as in the InstaFake set";
  if (source == "kaggle-complete")
    return "fake accounts with complete profiles, as in a Kaggle set of complete records";
  if (source == "parma") return "fake accounts beside ordinary personal ones, as in the University of Parma set";
  if (source == "macerul") return "fake accounts with next to no followers, as in an undocumented 2024 set";
  return "the accounts of the '" + source + "' set";
}

std::string points(double share) { return fmt_num(pct(share), 3); }

json regime_json(const RegimeAverage& ra) {
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
            // The interval before the widening for a definition unlike the known ones: that doubt
            // moves every sample the same model scores alike, so samples compare on this one.
            {"known_definitions", {{"ci_low", pct(ra.within.low)}, {"ci_high", pct(ra.within.high)}}},
            {"between_definitions",
             {{"spread", pct(ra.between_sd)},
              {"half_width", pct(ra.definition_half)},
              {"lowest", pct(lo)},
              {"highest", pct(hi)}}}};
  if (ra.best >= 0) {
    const RegimeFit& b = ra.regimes[size_t(ra.best)];
    j["resembles"] = b.source;
    int w = int(std::lround(b.fit_weight * 100));
    std::string text = "The fetched followers' scores look most like " + regime_words(b.source) + " (" +
                       std::to_string(w) + "% of the fit). The classifier catches " +
                       std::to_string(int(std::lround(b.rates.tpr * 100))) +
                       "% of fakes of that kind at its threshold. Each known definition of fake splits this sample "
                       "into fakes and real accounts by its own score histograms; they read it as " +
                       points(lo) + "-" + points(hi) + "%.";
    // Which definition of fake holds cannot be read off the scores: say how much that matters here.
    if (ra.definition_half >= 0.02)
      text +=
          " The sample cannot tell the definitions apart, and the answer depends on which one holds: the "
          "interval reaches +/-" +
          points(ra.definition_half) + " points further for a definition unlike all " +
          std::to_string(ra.regimes.size()) + " known ones.";
    else if (ra.definition_half > 0)
      text += " The known definitions agree on this sample, so the interval stays close to theirs.";
    j["explanation"] = text;
  }
  return j;
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
  r["total_followers"] = static_cast<int64_t>(in.total_followers);
  r["method"] = e.method;
  r["sampling"] = in.newest_first ? "newest_first" : "random";
  r["sampling_note"] = e.sampling_note;
  r["flagged_percent"] = pct(e.estimate.q);
  r["interval_parts"] = {{"sampling_half_width", pct(e.estimate.sampling_half)}, {"rate_sd", pct(e.estimate.rate_sd)}};

  const Breakdown& b = e.breakdown;
  r["breakdown"] = {{"likely_fake", share_json(b.likely_fake)},
                    {"mass_followers", share_json(b.mass_followers)},
                    {"influencers_brands", share_json(b.influencers)},
                    {"private_real", share_json(b.private_real)},
                    {"public_real", share_json(b.public_real)},
                    {"unassessed_count", b.unassessed},
                    {"note", b.note}};

  if (e.two_phase) {
    const TwoPhaseShare& tp = *e.two_phase;
    json t = {{"lite_used", tp.lite_used},
              {"slope", tp.slope},
              {"r2", tp.r2},
              {"lite_model_weight", round3(tp.lite_model_weight)}};
    if (e.full_only) {
      t["interval_full_only"] = interval_json(*e.full_only);
      double w_full = e.full_only->high - e.full_only->low, w = e.estimate.high - e.estimate.low;
      // How much listing lite followers narrowed the interval the full fetches alone give.
      t["narrowed_percent"] = w_full > 0 ? std::round((1 - w / w_full) * 1000.0) / 10.0 : 0.0;
    }
    if (e.lite_only) t["interval_without_subsample"] = interval_json(*e.lite_only);
    r["two_phase"] = t;
  }

  if (e.regimes) r["regime"] = regime_json(*e.regimes);
  else r["regime"] = {{"resembles", nullptr}, {"explanation", "not assessed: corrected with the model's own cv rates"}};

  const AuditPlan& p = e.plan_5pt;
  if (p.possible)
    r["requests_for_5pt"] = {{"requests", p.requests},
                             {"follower_pages", p.requests - p.full_fetches},
                             {"lite_followers", p.lite_followers},
                             {"full_fetches", p.full_fetches},
                             {"note", p.note}};
  else r["requests_for_5pt"] = {{"requests", nullptr}, {"note", p.note}};

  r["classifier"] = {{"lite", rates_json(in.lite)}, {"full", rates_json(in.full)}};
  r["model_version"] = model_version;
  r["warnings"] = e.warnings;
  return r;
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
