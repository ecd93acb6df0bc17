// The audience estimator: statistics (adjusted count, Wilson, two-phase regression), the
// breakdown, the plan for +/-5 points, and api_estimate's validation and report.
#include <doctest/doctest.h>

#include <cmath>
#include <functional>
#include <string>

#include "api.h"
#include "estimator/audience.h"
#include "estimator/lite_model.h"
#include "json_util.h"

using namespace fm;

namespace {
TierRates rates(double tpr, double fpr, double n1 = 1e6, double n0 = 1e6) { return TierRates{tpr, fpr, n1, n0, 0, 0}; }
json estimate(const std::string& req) {
  auto j = parse_json(api_estimate(req), "answer");
  REQUIRE(j.ok());
  return j.value();
}
std::string record(int i, bool fakeish) {
  // Profile-level counts make it a full-tier record.
  return fakeish
             ? R"({"username":"user)" + std::to_string(i) +
                   R"(8812734","has_profile_pic":false,"media_count":0,"follower_count":2,"following_count":4000})"
             : R"({"username":"anna.b)" + std::to_string(i) +
                   R"(","full_name":"Anna B","has_profile_pic":true,"media_count":140,"follower_count":380,"following_count":290,"biography":"hi"})";
}
// An estimate request: `head` (the opening brace and the fields before "followers"), then 50
// followers, every fourth fake-looking, the first 15 fetched in full and the rest only listed.
std::string request(const std::string& head) {
  std::string req = head + R"("followers": [)";
  for (int i = 0; i < 50; ++i) {
    std::string rec = record(i, i % 4 == 0);
    if (i >= 15) rec.insert(1, R"("phase":"lite",)");
    req += (i ? "," : "") + rec;
  }
  return req + "]}";
}
}  // namespace

TEST_CASE("[estimator] the adjusted count undoes the classifier's known error rates") {
  // 1000 sampled of a huge audience; flagged share 0.3 with tpr 0.8, fpr 0.1 means pi = 2/7.
  FlaggedShare s = simple_share(300, 1000, 1e9);
  Prevalence p = correct_for_errors(s, rates(0.8, 0.1), 1.96);
  CHECK(p.point == doctest::Approx(0.2 / 0.7));
  CHECK(p.low < p.point);
  CHECK(p.high > p.point);
  // With exact rates the width is sampling only: Wilson on q, scaled by 1/(tpr-fpr).
  double ql, qh;
  wilson(0.3, 1000, 1.96, ql, qh);
  CHECK(p.high - p.low == doctest::Approx((qh - ql) / 0.7).epsilon(1e-3));
}

TEST_CASE("[estimator] estimates below zero clamp to zero with an interval that still reaches up") {
  Prevalence p = correct_for_errors(simple_share(0, 50, 1e9), rates(0.8, 0.01), 1.96);
  CHECK(p.point == 0);
  CHECK(p.low == 0);
  CHECK(p.high > 0.05);  // 0 of 50 does not prove the audience is clean
  CHECK(p.high < 0.2);
}

TEST_CASE("[estimator] uncertain rates widen the interval, most where the share is large") {
  FlaggedShare s = simple_share(330, 1000, 1e9);
  Prevalence exact = correct_for_errors(s, rates(0.7, 0.03), 1.96);
  Prevalence few = correct_for_errors(s, rates(0.7, 0.03, 74, 658), 1.96);
  CHECK(few.point == doctest::Approx(exact.point));
  CHECK(few.high - few.low > 1.3 * (exact.high - exact.low));
  CHECK(few.rate_sd > 0);
}

TEST_CASE("[estimator] finite-population correction: a census leaves only the rate error") {
  Prevalence sample = correct_for_errors(simple_share(30, 100, 1e6), rates(0.8, 0.1), 1.96);
  Prevalence census = correct_for_errors(simple_share(30, 100, 100), rates(0.8, 0.1), 1.96);
  CHECK(census.high - census.low < 0.01);
  CHECK(sample.high - sample.low > 0.2);
  Prevalence half = correct_for_errors(simple_share(30, 100, 200), rates(0.8, 0.1), 1.96);
  CHECK(half.high - half.low < sample.high - sample.low);
}

TEST_CASE("[estimator] a classifier without separation gives the whole range") {
  Prevalence p = correct_for_errors(simple_share(10, 100, 1e6), rates(0.5, 0.5), 1.96);
  CHECK_FALSE(p.informative);
  CHECK(p.low == 0);
  CHECK(p.high == 1);
}

TEST_CASE("[estimator] two-phase regression uses the lite tier only where it predicts the full flag") {
  // Lite probability equals the full flag: the whole lite sample pins the share down.
  std::vector<double> x_all, x_sub, y_sub;
  for (int i = 0; i < 400; ++i) x_all.push_back(i % 4 == 0 ? 0.9 : 0.1);  // 25% look fake at lite
  for (int i = 0; i < 40; ++i) {
    double y = i % 2 == 0 ? 1 : 0;  // the subsample happens to be 50% flagged
    x_sub.push_back(y ? 0.9 : 0.1);
    y_sub.push_back(y);
  }
  TwoPhaseShare good = regression_share(x_all, x_sub, y_sub, 1e6);
  CHECK(good.lite_used);
  CHECK(good.share.q == doctest::Approx(0.25).epsilon(0.01));
  CHECK(good.share.var < good.full_only_var / 4);

  // Lite probability unrelated to the flag: falls back to the subsample alone.
  std::vector<double> x_noise;
  for (int i = 0; i < 40; ++i) x_noise.push_back((i / 2) % 2 == 0 ? 0.9 : 0.1);
  TwoPhaseShare weak = regression_share(x_all, x_noise, y_sub, 1e6);
  CHECK_FALSE(weak.lite_used);
  CHECK(weak.share.q == doctest::Approx(0.5));
}

TEST_CASE("[estimator] the breakdown splits the real remainder as the unflagged sample is") {
  std::vector<BreakdownInput> f = {
      {true, false, 10, 10},                      // flagged
      {false, false, 100, 2000},                  // mass follower
      {false, false, 9000, 100},                  // influencer
      {false, true, 100, 100},                    // private real
      {false, false, 100, 100},                   // public real
      {false, true, std::nullopt, std::nullopt},  // lite only: private, status unknown
  };
  Breakdown b = audience_breakdown(f, Prevalence{0.2, 0.12, 0.3}, 1e6, 1.96);
  CHECK(b.likely_fake.count == 1);
  CHECK(b.mass_followers.count == 1);
  CHECK(b.influencers.count == 1);
  CHECK(b.private_real.count == 2);
  CHECK(b.public_real.count == 1);
  CHECK(b.unassessed == 1);
  double sum = *b.likely_fake.share + *b.mass_followers.share + *b.influencers.share + *b.private_real.share +
               *b.public_real.share;
  CHECK(sum == doctest::Approx(1.0));
  CHECK(*b.mass_followers.share == doctest::Approx(0.8 / 4));  // 1 of 4 unflagged with known counts
  // The report notes that the counts of the lite-only followers are unknown.
  CHECK(b.split_known);
  CHECK_FALSE(b.all_flagged);
}

namespace {
const Prevalence kFake{0.2, 0.12, 0.3};  // a fake share of 20% (12-30%)
const BreakdownShare& row(const Breakdown& b, int i) {
  const BreakdownShare* rows[] = {&b.likely_fake, &b.mass_followers, &b.influencers, &b.private_real, &b.public_real};
  return *rows[i];
}
// n unflagged followers with known counts, every fourth a mass follower, the rest public real.
std::vector<BreakdownInput> unflagged(int n) {
  std::vector<BreakdownInput> f;
  for (int i = 0; i < n; ++i) f.push_back({false, false, 100, i % 4 == 0 ? 2000 : 100});
  return f;
}
double width(const BreakdownShare& s) { return s.high - s.low; }
}  // namespace

TEST_CASE("[estimator] each breakdown share has a 95% interval that holds it, within [0, 1]") {
  std::vector<BreakdownInput> f = {
      {true, false, 10, 10},   {false, false, 100, 2000}, {false, false, 9000, 100},
      {false, true, 100, 100}, {false, false, 100, 100},  {false, true, std::nullopt, std::nullopt},
  };
  Breakdown b = audience_breakdown(f, kFake, 1e6, 1.96);
  for (int i = 0; i < 5; ++i) {
    CAPTURE(i);
    REQUIRE(row(b, i).share);
    CHECK(row(b, i).low <= *row(b, i).share);
    CHECK(*row(b, i).share <= row(b, i).high);
    CHECK(row(b, i).low >= 0);
    CHECK(row(b, i).high <= 1);
    CHECK(row(b, i).low < row(b, i).high);
  }
  // The likely-fake row is the estimate's own interval.
  CHECK(b.likely_fake.low == 0.12);
  CHECK(b.likely_fake.high == 0.3);
  // Mass followers, 1 of 4 unflagged with known counts: the split's own Wilson interval, times the
  // remainder at the fake interval's far end at each side: wider than either doubt alone gives.
  double lo = 0, hi = 1;
  wilson(0.25, 4, 1.96, lo, hi);
  CHECK(b.mass_followers.low == doctest::Approx((1 - 0.3) * lo));
  CHECK(b.mass_followers.high == doctest::Approx((1 - 0.12) * hi));
  CHECK(b.mass_followers.low < 0.7 * 0.25);
  CHECK(b.mass_followers.high > 0.88 * 0.25);
  // Private real: 2 of the 3 outside mass and influencers, who are 2 of 4: both splits' doubt.
  double plo = 0, phi = 1, mlo = 0, mhi = 1;
  wilson(2.0 / 3, 3, 1.96, plo, phi);
  wilson(0.5, 4, 1.96, mlo, mhi);
  CHECK(b.private_real.low == doctest::Approx(0.7 * (1 - mhi) * plo));
  CHECK(b.private_real.high == doctest::Approx(0.88 * (1 - mlo) * phi));
}

TEST_CASE("[estimator] a breakdown share's interval narrows as more unflagged followers are assessed") {
  double last = 2;
  for (int n : {4, 20, 100, 1000}) {
    CAPTURE(n);
    Breakdown b = audience_breakdown(unflagged(n), kFake, 1e6, 1.96);
    REQUIRE(b.mass_followers.share);
    CHECK(width(b.mass_followers) < last);
    last = width(b.mass_followers);
    // The fake share's doubt stays however many are assessed: at least 25% of its interval.
    CHECK(width(b.mass_followers) >= 0.25 * (0.3 - 0.12) - 1e-12);
  }
  // A census (the audience no larger than the sample): the split is exact (the finite-population
  // correction the estimator uses), only the fake share's doubt is left.
  Breakdown all = audience_breakdown(unflagged(20), kFake, 20, 1.96);
  CHECK(all.mass_followers.low == doctest::Approx(0.7 * 0.25));
  CHECK(all.mass_followers.high == doctest::Approx(0.88 * 0.25));
  // Exact when the fake share is known too.
  Breakdown exact = audience_breakdown(unflagged(20), Prevalence{0.2, 0.2, 0.2}, 20, 1.96);
  CHECK(exact.public_real.low == doctest::Approx(0.8 * 0.75));
  CHECK(exact.public_real.high == doctest::Approx(0.8 * 0.75));
}

TEST_CASE("[estimator] the breakdown's intervals when all are flagged or none could be assessed") {
  // All flagged: only the likely-fake row, with the estimate's interval; nothing to split.
  std::vector<BreakdownInput> flagged(5, BreakdownInput{true, true, 10, 10});
  Breakdown b = audience_breakdown(flagged, Prevalence{0.9, 0.6, 1}, 1e6, 1.96);
  CHECK(b.all_flagged);
  REQUIRE(b.likely_fake.share);
  CHECK(b.likely_fake.low == 0.6);
  CHECK(b.likely_fake.high == 1);
  for (int i = 1; i < 5; ++i) CHECK_FALSE(row(b, i).share);
  // None assessed: unflagged, listed only, privacy unknown: no real row to give an interval to.
  std::vector<BreakdownInput> unknown(3, BreakdownInput{false, std::nullopt, std::nullopt, std::nullopt});
  Breakdown u = audience_breakdown(unknown, kFake, 1e6, 1.96);
  CHECK(u.unassessed == 3);
  for (int i = 1; i < 5; ++i) CHECK_FALSE(row(u, i).share);
  // An empty sample: the same.
  Breakdown e = audience_breakdown({}, kFake, 1e6, 1.96);
  CHECK(e.likely_fake.low == 0.12);
  for (int i = 1; i < 5; ++i) CHECK_FALSE(row(e, i).share);
  // Listed only but privacy known: private and public split the whole remainder (mass followers
  // and influencers could not be told apart), their interval from the privacy split alone.
  std::vector<BreakdownInput> listed = {{false, true, std::nullopt, std::nullopt},
                                        {false, false, std::nullopt, std::nullopt}};
  Breakdown l = audience_breakdown(listed, kFake, 1e6, 1.96);
  CHECK_FALSE(l.mass_followers.share);
  REQUIRE(l.private_real.share);
  double lo = 0, hi = 1;
  wilson(0.5, 2, 1.96, lo, hi);
  CHECK(l.private_real.low == doctest::Approx(0.7 * lo));
  CHECK(l.private_real.high == doctest::Approx(0.88 * hi));
}

TEST_CASE("[estimator] the +/-5 plan is cheaper when the lite tier explains the full flag") {
  TierRates r = rates(0.85, 0.03, 5000, 20000);
  AuditPlan full_only = plan_audit(0.2 * 0.8, 0, r, 0.2, 1e7, 1.96, 0.05);
  AuditPlan two_phase = plan_audit(0.2 * 0.8, 0.8, r, 0.2, 1e7, 1.96, 0.05);
  REQUIRE(full_only.possible);
  REQUIRE(two_phase.possible);
  CHECK(two_phase.requests < full_only.requests);
  CHECK(full_only.full_fetches == full_only.lite_followers);
  CHECK(two_phase.lite_followers > two_phase.full_fetches);
  // The plan delivers what it promises under its own variance model.
  double n = full_only.full_fetches;
  CHECK(planned_half_width(0.16 / n, r, 0.2, 1.96) <= 0.05);
  // Rates resting on few accounts cannot reach +/-5 at all.
  AuditPlan hopeless = plan_audit(0.25, 0, rates(0.6, 0.05, 10, 10), 0.5, 1e7, 1.96, 0.05);
  CHECK_FALSE(hopeless.possible);
  CHECK(hopeless.rate_only_points > 5);  // the rates' uncertainty alone exceeds the +/-5 wanted
}

TEST_CASE("[estimator] api_estimate reports the issue's fields") {
  std::string req = R"({"total_followers": 5000, "sampling": "random", "followers": [)";
  for (int i = 0; i < 60; ++i) req += (i ? "," : "") + record(i, i % 3 == 0);
  req += "]}";
  json r = estimate(req);
  REQUIRE_FALSE(r.contains("error"));
  for (const char* k : {"fake_percent", "ci_low", "ci_high", "sample_size", "full_sample_size", "method", "breakdown",
                        "sampling_note", "lite_sample_size", "requests_for_5pt", "model_version"})
    CHECK_MESSAGE(r.contains(k), k);
  CHECK(r["sample_size"] == 60);
  CHECK(r["full_sample_size"] == 60);
  CHECK(r["lite_sample_size"] == 0);
  double p = r["fake_percent"].get<double>();
  CHECK(r["ci_low"].get<double>() <= p);
  CHECK(p <= r["ci_high"].get<double>());
  CHECK(r["ci_low"].get<double>() >= 0);
  CHECK(r["ci_high"].get<double>() <= 100);
  CHECK(r["sampling_note"]["id"] == "sampling.random");
  CHECK(r["breakdown"]["likely_fake"]["count"].get<int>() > 0);
  // Each breakdown row with a share has its interval beside it; the likely-fake row's is the estimate's.
  CHECK(r["breakdown"]["likely_fake"].value("ci_low", -1.0) == r["ci_low"].get<double>());
  CHECK(r["breakdown"]["likely_fake"].value("ci_high", -1.0) == r["ci_high"].get<double>());
  for (const char* k : {"likely_fake", "mass_followers", "influencers_brands", "private_real", "public_real"}) {
    CAPTURE(k);
    const json& row = r["breakdown"][k];
    if (row["share"].is_null()) {
      CHECK_FALSE(row.contains("ci_low"));
      continue;
    }
    REQUIRE(row.contains("ci_low"));
    CHECK(row["ci_low"].get<double>() >= 0);
    CHECK(row["ci_low"].get<double>() <= row["share"].get<double>());
    CHECK(row["share"].get<double>() <= row["ci_high"].get<double>());
    CHECK(row["ci_high"].get<double>() <= 100);
  }
}

TEST_CASE("[estimator] api_estimate: two-phase samples and the newest-first note") {
  std::string req = R"({"total_followers": 100000, "followers": [)";
  for (int i = 0; i < 200; ++i) {
    std::string rec = record(i, i % 4 == 0);
    if (i >= 30) rec.insert(1, R"("phase":"lite",)");
    req += (i ? "," : "") + rec;
  }
  req += "]}";
  json r = estimate(req);
  REQUIRE_FALSE(r.contains("error"));
  CHECK(r["full_sample_size"] == 30);
  CHECK(r["lite_sample_size"] == 170);
  CHECK(r["sampling"] == "newest_first");
  CHECK(r["sampling_note"]["id"] == "sampling.newest");
  CHECK(r["sampling_note"]["params"]["n"] == 200);
  REQUIRE(r.contains("two_phase"));
  CHECK(r["two_phase"].contains("interval_full_only"));
  CHECK(r["two_phase"].contains("interval_without_subsample"));
  CHECK(r["two_phase"].contains("narrowed_percent"));
  double trust = r["two_phase"]["lite_model_weight"].get<double>();
  CHECK(trust >= 0);
  CHECK(trust <= 1);
  // Only the kinds whose lite histograms are sharp enough are asked (not SRF's).
  const auto& profiles = builtin_score_profiles();
  REQUIRE(profiles.ok());
  int asked = 0, sharp = 0;
  for (const auto& s : profiles.value().sources) sharp += lite_usable(s, kKindSpread);
  for (const auto& g : r["regime"]["regimes"]) {
    if (g["source"] == "srf") CHECK_FALSE(g.contains("lite_trust"));
    asked += g.contains("lite_trust");
  }
  CHECK(sharp >= 2);
  CHECK(sharp < int(profiles.value().sources.size()));
  CHECK(asked == sharp);
}

TEST_CASE("[estimator] api_estimate: bad requests get errors that say what and where") {
  auto err = [](const std::string& req) {
    json r = estimate(req);
    REQUIRE(r.contains("error"));
    return r["error"]["id"].get<std::string>() + " " + r["error"]["message"].get<std::string>();
  };
  CHECK(err("[1,2]").find("estimate.shape") == 0);
  CHECK(err("{oops").find("json.parse") == 0);
  CHECK(err(R"({"followers":[{}]})") == "estimate.total field 'total_followers' is missing");
  CHECK(err(R"({"total_followers":0,"followers":[{}]})")
            .find("estimate.total field 'total_followers' must be at least 1") == 0);
  CHECK(err(R"({"total_followers":1,"followers":[{},{}]})") ==
        "estimate.total total_followers (1) is smaller than the 2 followers given");
  CHECK(err(R"({"total_followers":10,"followers":[]})").find("estimate.followers") == 0);
  CHECK(err(R"({"total_followers":10,"followers":{}})").find("estimate.followers field 'followers' must be an array") ==
        0);
  CHECK(err(R"({"total_followers":10,"sampling":"oldest","followers":[{}]})").find("estimate.sampling") == 0);
  CHECK(err(R"({"total_followers":10,"followers":[{"username":"a"},{"username":12}]})") ==
        "account.type followers[1]: field 'username' must be text, got 12");
  CHECK(err(R"({"total_followers":10,"followers":[{"phase":"half"}]})").find("followers[0]: field 'phase'") !=
        std::string::npos);
  std::string many = R"({"total_followers":100000,"followers":[)";
  for (int i = 0; i < 20001; ++i) many += i ? ",{}" : "{}";
  many += "]}";
  CHECK(err(many) == "estimate.limit too many followers: 20001 (at most 20000 per request)");
}

TEST_CASE("[estimator] api_estimate: each source's note names its population, whose size corrects the interval") {
  json f = estimate(request(R"({"total_followers": 12400, "list_limited": true, )"));
  REQUIRE_FALSE(f.contains("error"));
  CHECK(f["source"] == "followers");
  CHECK(f["list_limited"] == true);
  CHECK(f["population"] == 12400);
  json note = f["sampling_note"];
  CHECK(note["id"] == "sampling.newest_limited");
  CHECK(note["params"] == json{{"n", 50}, {"total", 12400}});
  json l = estimate(request(R"({"source": "likers", "population": 900, "posts": 3, )"));
  REQUIRE_FALSE(l.contains("error"));
  CHECK(l["source"] == "likers");
  CHECK(l["population"] == 900);
  note = l["sampling_note"];
  CHECK(note["id"] == "sampling.likers");
  CHECK(note["params"] == json{{"posts", 3}, {"listed", 50}, {"population", 900}, {"checked", 15}});
  // Fewer posts gave accounts than were read (one failed or listed no one): "2 of the last 3".
  json some = estimate(request(R"({"source": "likers", "population": 900, "posts": 2, "of_posts": 3, )"));
  CHECK(some["sampling_note"]["id"] == "sampling.likers_of");
  CHECK(some["sampling_note"]["params"]["of"] == 3);
  CHECK(some["of_posts"] == 3);
  json some_unknown = estimate(request(R"({"source": "commenters", "population": null, "posts": 1, "of_posts": 3, )"));
  CHECK(some_unknown["sampling_note"]["id"] == "sampling.commenters_of_unknown");
  // As many or fewer: no "of" (the posts read all gave accounts).
  json all = estimate(request(R"({"source": "likers", "population": 900, "posts": 3, "of_posts": 3, )"));
  CHECK(all["sampling_note"]["id"] == "sampling.likers");
  CHECK_FALSE(all.contains("of_posts"));
  CHECK(estimate(request(R"({"source": "likers", "population": 900, "posts": 2, "of_posts": 0, )"))["error"]["id"] ==
        "estimate.source");
  // Posts that are no "last N" (the extension passed over pinned ones or a collaboration): "2 of the
  // 3 posts read", known population or not; "the recent posts" lost which (and how many) of them.
  json read =
      estimate(request(R"({"source": "likers", "population": 900, "posts": 2, "of_posts": 3, "posts_read": true, )"));
  CHECK(read["sampling_note"]["id"] == "sampling.likers_of_read");
  CHECK(read["sampling_note"]["params"]["posts"] == 2);
  CHECK(read["sampling_note"]["params"]["of"] == 3);
  CHECK(read["posts_read"] == true);
  CHECK(
      estimate(request(
          R"({"source": "commenters", "population": 900, "posts": 3, "posts_read": true, )"))["sampling_note"]["id"] ==
      "sampling.commenters_read");
  CHECK(estimate(request(
            R"({"source": "likers", "population": null, "posts": 3, "posts_read": true, )"))["sampling_note"]["id"] ==
        "sampling.likers_read_unknown");
  CHECK(estimate(
            request(R"({"source": "commenters", "population": null, "posts": 1, "of_posts": 2, "posts_read": true, )"))
            ["sampling_note"]["id"] == "sampling.commenters_of_read_unknown");
  // false, or without posts, changes nothing; anything but a boolean is refused.
  CHECK(estimate(request(
            R"({"source": "likers", "population": 900, "posts": 3, "posts_read": false, )"))["sampling_note"]["id"] ==
        "sampling.likers");
  json no_posts = estimate(request(R"({"source": "likers", "population": 900, "posts_read": true, )"));
  CHECK(no_posts["sampling_note"]["id"] == "sampling.likers_recent");
  CHECK_FALSE(no_posts.contains("posts_read"));
  CHECK(estimate(
            request(R"({"source": "likers", "population": 900, "posts": 3, "posts_read": "yes", )"))["error"]["id"] ==
        "estimate.source");
  json c = estimate(request(R"({"source": "commenters", "population": 60, )"));
  CHECK(c["sampling_note"]["id"] == "sampling.commenters_recent");
  // The finite-population correction uses the population given: 50 of 60 is nearly all of it.
  json big = estimate(request(R"({"source": "commenters", "population": 1000000, )"));
  CHECK(c["ci_high"].get<double>() - c["ci_low"].get<double>() <
        big["ci_high"].get<double>() - big["ci_low"].get<double>());
  json bad = estimate(request(R"({"source": "viewers", "total_followers": 100, )"));
  REQUIRE(bad.contains("error"));
  CHECK(bad["error"]["id"] == "estimate.source");
  bad = estimate(request(R"({"list_limited": "yes", "total_followers": 100, )"));
  CHECK(bad["error"]["id"] == "estimate.source");
}

TEST_CASE("[estimator] api_estimate: a population nobody could read is unknown, not the sample") {
  auto width = [](const json& r) { return r["ci_high"].get<double>() - r["ci_low"].get<double>(); };
  json u = estimate(request(R"({"population": null, "list_limited": true, )"));
  REQUIRE_FALSE(u.contains("error"));
  CHECK(u["population"].is_null());
  CHECK(u["total_followers"].is_null());
  CHECK(u["sampling_note"] == json{{"id", "sampling.newest_limited_unknown"}, {"params", {{"n", 50}}}});
  // No finite-population correction: at least as wide as under any known population, and wider
  // than the census the 50 listed would make of themselves.
  for (const char* n : {"50", "60", "12400", "1000000", "10000000000"}) {
    json k = estimate(request(std::string(R"({"population": )") + n + R"(, "list_limited": true, )"));
    REQUIRE_FALSE(k.contains("error"));
    CHECK(width(u) >= width(k));
    CHECK(u["fake_percent"] == k["fake_percent"]);
  }
  // The census is narrower, by the known definitions' sampling error; the bounds for definitions
  // beyond them stay (which bin each account's score falls in is its own chance, census or not).
  CHECK(width(u) > width(estimate(request(R"({"population": 50, "list_limited": true, )"))));
  // "total_followers": null says the same; a null population outranks a total given beside it.
  json t = estimate(request(R"({"total_followers": null, )"));
  CHECK(t["total_followers"].is_null());
  CHECK(t["sampling_note"]["id"] == "sampling.newest_unknown");
  CHECK(width(t) == width(u));
  CHECK(estimate(request(R"({"population": null, "total_followers": 5000, )"))["population"].is_null());
  CHECK(estimate(request(R"({"total_followers": null, "sampling": "random", )"))["sampling_note"]["id"] ==
        "sampling.random");
  json l = estimate(request(R"({"source": "likers", "population": null, "posts": 3, )"));
  CHECK(l["population"].is_null());
  // The posts read are named even when how many liked them is not known.
  CHECK(l["sampling_note"] ==
        json{{"id", "sampling.likers_posts_unknown"}, {"params", {{"listed", 50}, {"checked", 15}, {"posts", 3}}}});
  CHECK(estimate(request(R"({"source": "likers", "population": null, )"))["sampling_note"] ==
        json{{"id", "sampling.likers_unknown"}, {"params", {{"listed", 50}, {"checked", 15}}}});
  CHECK(estimate(request(R"({"source": "commenters", "population": null, "posts": 1, )"))["sampling_note"]["id"] ==
        "sampling.commenters_posts_unknown");
  CHECK(estimate(request(R"({"source": "commenters", "population": null, )"))["sampling_note"]["id"] ==
        "sampling.commenters_unknown");
  // Bad counts are still errors naming the field.
  json bad = estimate(request(R"({"population": -5, )"));
  CHECK(bad["error"]["id"] == "estimate.total");
  CHECK(bad["error"]["message"].get<std::string>().find("field 'population' must be at least 1") == 0);
  bad = estimate(request(R"({"population": 2.5, )"));
  CHECK(bad["error"]["message"].get<std::string>().find("field 'population' must be a whole number") == 0);
  bad = estimate(request(R"({"population": 20, )"));
  CHECK(bad["error"]["message"] == "population (20) is smaller than the 50 followers given");
}

// A small account's whole followers list read: "not a random sample of all of them … can differ
// from the audience as a whole" was false of it.
TEST_CASE("[estimator] a sample of every follower is said as the whole audience") {
  for (const char* head :
       {R"({"total_followers": 50, "sampling": "newest_first", )",
        R"({"total_followers": 50, "sampling": "newest_first", "source": "followers", "list_limited": false, )",
        R"({"total_followers": 50, "sampling": "random", )"}) {
    CAPTURE(head);
    json r = estimate(request(head));
    REQUIRE_FALSE(r.contains("error"));
    CHECK(r["sampling_note"]["id"] == "sampling.census");
    CHECK(r["sampling_note"]["params"]["n"] == 50);
  }
  CHECK(estimate(request(R"({"total_followers": 51, "sampling": "newest_first", )"))["sampling_note"]["id"] ==
        "sampling.newest");
}

namespace {
// 60 listed followers as `listed` makes them, the first `full` of them fetched in full.
std::string listed_request(int full, const std::function<std::string(int)>& listed) {
  std::string req = R"({"total_followers": 100000, "sampling": "random", "followers": [)";
  for (int i = 0; i < 60; ++i) {
    std::string rec = listed(i);
    if (i >= full) rec.insert(1, R"("phase":"lite",)");
    req += (i ? "," : "") + rec;
  }
  return req + "]}";
}
bool warns(const json& r, const std::string& part) {
  for (const auto& w : r["warnings"])
    if (w.get<std::string>().find(part) != std::string::npos) return true;
  return false;
}
}  // namespace

// Counts on a record only listed were never scored (the lite tier reads no counts) and are no
// random draw: they read as "mass followers" among the real ones.
TEST_CASE("[estimator] the breakdown's counts come from the accounts fetched in full only") {
  json r = estimate(listed_request(10, [](int i) {
    return R"({"username":"anna.b)" + std::to_string(i) +
           R"(","full_name":"Anna B","has_profile_pic":true,"media_count":140,"follower_count":380,"following_count":)" +
           (i < 10 ? "290" : "7500") + R"(,"biography":"hi"})";
  }));
  REQUIRE_FALSE(r.contains("error"));
  CHECK(r["breakdown"]["mass_followers"]["count"] == 0);
}

// Fetched accounts picked by their looks (all the fake-looking ones, say) are no random pick:
// said, since the two-phase estimate reads wrong then. A random pick is not flagged.
TEST_CASE("[estimator] full fetches far from a random pick of the list are warned of") {
  auto by_looks = [](int i) { return record(i, i < 15); };  // the 15 fetched are the 15 fake-looking
  json biased = estimate(listed_request(15, by_looks));
  REQUIRE_FALSE(biased.contains("error"));
  CHECK(warns(biased, "picked at random"));
  json fair = estimate(listed_request(15, [](int i) { return record(i, i % 4 == 0); }));
  CHECK_FALSE(warns(fair, "picked at random"));
  // The gap itself is in the report, for a caller who knows how its sample was picked (the CLI
  // warns from 2: a pick by follower count measured 2.2, under the 3 warned of here).
  CHECK(biased["two_phase"]["pick_gap"].get<double>() > 3);
  CHECK(fair["two_phase"]["pick_gap"].get<double>() < 2);
  CHECK(fair["two_phase"]["pick_gap"].get<double>() >= 0);
}

// With fewer than kMinSubsample fetched the lite tier is not tried: the method says that, not that it failed.
TEST_CASE("[estimator] the method says why the lite tier was set aside") {
  json few = estimate(listed_request(kMinSubsample - 1, [](int i) { return record(i, i % 4 == 0); }));
  CHECK(few["method"].get<std::string>().find("fewer than " + std::to_string(kMinSubsample) +
                                              " accounts fetched in full") != std::string::npos);
  CHECK(few["method"].get<std::string>().find("did not predict") == std::string::npos);
}

// A few fetched in full (under kMinSubsample) read alone were mostly their chance: held out, 2 of
// 50 read 25 points off on average, the list alone 13. The point is the list's own reading, the
// range holding both: a fetch that fails or succeeds no longer moves the answer by a cliff.
TEST_CASE("[estimator] a few fetched in full: the list's point, a range holding both readings") {
  auto looks = [](int i) { return record(i, i % 3 == 0); };
  json none = estimate(listed_request(0, looks));
  for (int m = 1; m < kMinSubsample; ++m) {
    CAPTURE(m);
    json few = estimate(listed_request(m, looks));
    REQUIRE_FALSE(few.contains("error"));
    CHECK(few["fake_percent"].get<double>() == doctest::Approx(none["fake_percent"].get<double>()));
    CHECK(few["ci_low"].get<double>() <= none["ci_low"].get<double>());
    CHECK(few["ci_high"].get<double>() >= none["ci_high"].get<double>());
    // The fetched followers' own reading is inside the range too.
    CHECK(few["ci_low"].get<double>() <= few["two_phase"]["interval_full_only"]["fake_percent"].get<double>());
    CHECK(few["ci_high"].get<double>() >= few["two_phase"]["interval_full_only"]["fake_percent"].get<double>());
    CHECK(few["method"].get<std::string>().find("the list's own reading") != std::string::npos);
  }
}

// Where the list's point is the answer (1-3 fetched, or up to kListPointBelow with the lite tier
// set aside), the report said otherwise beside it: its regime table was the fetched followers'
// (full tier, "the accounts checked in full look most like ..."), its reading without the
// subsample the pooled-rate count, neither the headline's. Now both are the list's reading, and
// the explanation says why so few fetched were not read alone; the known definitions' range (what
// an audit's samples compare on) holds both readings, as the headline range does.
TEST_CASE("[estimator] with the list's point, the report shows the list's reading") {
  // The first 8 fetched all read alike (real): the lite tier is set aside at every m here.
  auto looks = [](int i) { return record(i, i >= 8 && i % 3 == 0); };
  json none = estimate(listed_request(0, looks));
  for (int m = 1; m < kListPointBelow; ++m) {
    CAPTURE(m);
    json few = estimate(listed_request(m, looks));
    REQUIRE_FALSE(few.contains("error"));
    REQUIRE_FALSE(few["two_phase"]["lite_used"].get<bool>());
    CHECK(few["fake_percent"] == none["fake_percent"]);
    CHECK(few["regime"]["tier"] == "lite");
    // The range the audit's comparison rests on holds the list's (and the fetched followers', all
    // real here: from 0%), as the headline range holds both readings, without the widening.
    const json &kd = few["regime"]["known_definitions"], &kd_none = none["regime"]["known_definitions"];
    CHECK(kd["ci_low"] <= kd_none["ci_low"]);
    CHECK(kd["ci_high"] >= kd_none["ci_high"]);
    CHECK(kd["ci_low"] == 0);
    CHECK(kd["ci_low"] >= few["ci_low"]);
    CHECK(kd["ci_high"] <= few["ci_high"]);
    CHECK(few["regime"]["explanation"]["id"] == "regime.lite_few");
    CHECK(few["two_phase"]["interval_without_subsample"]["fake_percent"] == few["fake_percent"]);
  }
  // With none fetched, the explanation says so.
  CHECK(none["regime"]["explanation"]["id"].get<std::string>().rfind("regime.lite", 0) == 0);
  CHECK(none["regime"]["explanation"]["id"] != "regime.lite_few");
}
