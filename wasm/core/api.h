// The engine's whole outside surface: JSON text in, JSON text out, errors as values.
// The Embind glue (wasm/bindings.cpp) and the native tools call exactly these, so the
// browser, the CLI and the tests run one implementation.
#pragma once
#include <cstddef>
#include <string>

namespace fm {

// Engine and model version, e.g. "fakemeter-engine 0.1.0 (model 2026-11-29)".
std::string api_version();

// Account records as JSON Lines in; one JSON line out per non-blank input line, in order:
// {"fake_probability","is_fake","tier","reasons"} or {"error":"line N: ..."}.
// A batch past a limit below gets one line instead, {"error":{"id":"classify.limit",...}}
// (an object, where a line's error is text): callers split bigger inputs into batches.
std::string api_classify_jsonl(const std::string& jsonl);
constexpr size_t kMaxJsonlBytes = 32u << 20;  // one batch's text
constexpr size_t kMaxJsonlRecords = 100'000;  // non-blank lines per batch (answers ~200 bytes each)

// Audience estimate from a sample of accounts. Request:
// {"total_followers": N, "sampling": "newest_first"|"random", "followers": [records...]}
// (a record may carry "phase": "lite"), and optionally who was sampled:
//   "source": "followers" (default) | "likers" | "commenters";
//   "population": the size of the population the sample was drawn from (it drives the
//     finite-population correction; default total_followers): the followers count, or for
//     likers / commenters the summed like / comment counts of the posts read (an upper bound);
//     null (or a null total_followers without "population"): nobody could read it, so no
//     correction is applied and the report's total_followers and population are null;
//   "list_limited": true when Instagram listed only these newest followers;
//   "posts": how many recent posts the likers / commenters come from.
// Answer: the estimator's report, echoing "source", "population", "list_limited" and "posts",
// with a "sampling_note" that names that population; or {"error":{id,message}}.
std::string api_estimate(const std::string& request_json);

// Profile analysis of a web_profile_info document. Options (JSON object, may be "{}"):
// {"audience": <the followers' report from api_estimate>, "likers": <...>, "commenters": <...>,
// "now": unix seconds}. Answer: the profile report (with "user_id" and each post's media "id",
// so callers need not parse the document themselves; likers or commenters whose interval lies
// apart from the followers' add an "engagers" reason), or {"error":{id,message}}.
std::string api_analyze_profile(const std::string& profile_json, const std::string& options_json);

// Engagement authenticity of a profile's recent posts from their comments. Input: a comments
// document, {"posts":[{"media_id","taken_at","like_count","comment_count","comments":[comment
// objects as Instagram's comments endpoint gives them]}], "follower_count", "owner",
// "commenters":[account records], "now"}, or one bare comments endpoint answer (format:
// comments/README.md). Answer: the report (signals with references and intervals, reasons, a
// verdict and grade; counts and text examples, never commenters' names), or {"error":{id,message}}.
std::string api_analyze_comments(const std::string& comments_json);

// A follower's web_profile_info mapped to an account record (for full-tier audit fetches).
std::string api_account_from_profile(const std::string& profile_json);

// Most followers one estimate request may carry (an audit lists a few hundred).
constexpr size_t kMaxEstimateFollowers = 20000;

// The rules the engine's callers share with it, as JSON: the grade cut-offs and the badge's
// widest interval for a number, the input limits, the followers page size the audit plans with,
// the default avatar's mark, the post window, and the prefix of message keys in _locales.
// The extension and the CLI read them (extension/shared/rules.js is generated from this).
std::string api_rules();

// {"error":{"id":..., "message":...}} as text.
std::string api_error(const std::string& id, const std::string& message);

}  // namespace fm
