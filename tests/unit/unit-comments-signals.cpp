// Each comment signal on documents built to show it, the verdict and grade it leads to, and
// the report's promise: counts and text patterns, never the commenters' names.
#include <doctest/doctest.h>

#include "comments/report.h"
#include "comments_docs.h"

using namespace fm;
using namespace fm_test;

namespace {
// Six posts, a day apart from two days old, each with `per_post` distinct organic commenters
// writing distinct remarks an hour or more after posting.
json organic_posts(int per_post = 12) {
  json posts = json::array();
  int n = 0;
  for (int p = 0; p < 6; ++p) {
    json cs = json::array();
    int64_t taken = kNow - (2 + p) * kDay;
    for (int i = 0; i < per_post; ++i, ++n)
      cs.push_back(comment("fan" + std::to_string(n), distinct(n), taken + 3600 + 60 * i));
    posts.push_back(post(2 + p, cs));
  }
  return posts;
}

const json& signal(const json& r, const char* name) {
  REQUIRE(r["signals"].contains(name));
  return r["signals"][name];
}
double strength(const json& r, const char* name) { return signal(r, name)["strength"].get<double>(); }
}  // namespace

TEST_CASE("an organic section: every signal measured, nothing beyond organic, grade good") {
  json r = analyze(document(organic_posts()));
  CHECK(r["status"] == "ok");
  CHECK(r["grade"] == "good");
  CHECK(r["score"].get<double>() < cmt::kFairScore);
  for (const char* s : {"recurring_commenters", "generic_comments", "templates", "timing", "spam", "commenter_accounts",
                        "comments_per_like"}) {
    INFO(s);
    CHECK(signal(r, s)["measured"] == true);
    CHECK(signal(r, s)["evidence"] == "none");
  }
  CHECK(r["grade_label"]["id"] == "comments.grade_good");
  CHECK(r["verdict"]["id"] == "comments.verdict_nothing");
  CHECK(r["verdict"]["params"]["grade"]["id"] == "comments.grade_good");
}

TEST_CASE("recurring commenters: a pod of 9 on every post is counted, grouped and beyond the organic allowance") {
  json posts = organic_posts(5);
  for (int p = 0; p < 6; ++p)
    for (int m = 0; m < 9; ++m)
      posts[p]["comments"].push_back(comment("pod" + std::to_string(m), distinct(1000 + 10 * p + m), kNow));
  // At the edge: three accounts on exactly 4 of the 6 posts count, two on 3 posts do not.
  for (int p = 0; p < 4; ++p)
    for (int m = 0; m < 3; ++m)
      posts[p]["comments"].push_back(comment("edge" + std::to_string(m), distinct(1200 + 10 * p + m), kNow));
  for (int p = 0; p < 3; ++p)
    for (int m = 0; m < 2; ++m)
      posts[p]["comments"].push_back(comment("near" + std::to_string(m), distinct(1300 + 10 * p + m), kNow));
  for (auto& p : posts) p["comment_count"] = p["comments"].size();
  json r = analyze(document(posts));
  const json& s = signal(r, "recurring_commenters");
  CHECK(s["value"] == 12);
  CHECK(s["min_posts"] == 4);  // two thirds of 6
  CHECK(s["of_posts"] == 6);
  CHECK(s["largest_group"] == 12);                     // the pod and the edge accounts share posts 1-4
  CHECK(s["interval"] == json::array({12, 12}));       // every comment read
  CHECK(s["reference"]["organic_max"] == 2 + 19 / 5);  // 14-19 comments per post, the middle one 19
  CHECK(s["evidence"] == "strong");
  const json& reason = r["reasons"][0];
  CHECK(reason["signal"] == "recurring_commenters");
  CHECK(reason["id"] == "comments.recurring_beyond");
  CHECK(reason["severity"] == "high");
  CHECK(reason["params"]["accounts"] == 12);
  CHECK(reason["params"]["min_posts"] == 4);
  CHECK(reason["params"]["posts"] == 6);
  CHECK(reason["params"]["organic_max"] == 2 + 19 / 5);
  CHECK(reason["details"] == json::array({{{"id", "comments.recurring_pod"}, {"params", {{"group", 12}}}}}));
  // The verdict: the grade, then the strongest reason's message (its details stay in the reasons).
  CHECK(r["verdict"]["params"]["grade"]["id"] == "comments.grade_" + r["grade"].get<std::string>());
  CHECK(r["verdict"]["params"]["reason"] == json({{"id", reason["id"]}, {"params", reason["params"]}}));
}

TEST_CASE("recurring commenters: unread comments widen the interval, fewer than 3 posts leave it unmeasured") {
  json posts = organic_posts(5);
  for (int p = 0; p < 3; ++p) posts[p]["comments"].push_back(comment("regular", distinct(500 + p), kNow));
  for (auto& p : posts) p["comment_count"] = p["comments"].size() + 20;  // 20 unread on every post
  json r = analyze(document(posts));
  const json& s = signal(r, "recurring_commenters");
  CHECK(s["value"] == 0);
  CHECK(s["interval"][1].get<int>() >= 1);  // "regular" could be on a fourth post among those not read
  json two = document({post(2, organic_posts(6)[0]["comments"]), post(3, organic_posts(6)[1]["comments"])});
  CHECK(signal(analyze(two), "recurring_commenters")["measured"] == false);
  CHECK(signal(analyze(two), "recurring_commenters")["note"] ==
        json({{"id", "comments.note_few_posts"}, {"params", {{"posts", 3}}}}));
}

TEST_CASE("generic comments: share, emoji only, most repeated first; too few comments are not judged") {
  json posts = organic_posts(4);
  const char* praise[] = {"🔥🔥", "Nice pic!", "nice pic", "Prachtig", "Очень красиво", "😍", "niiice pic!!"};
  int n = 0;
  for (auto& p : posts)
    for (const char* t : praise) p["comments"].push_back(comment("g" + std::to_string(n++), t, kNow));
  json r = analyze(document(posts));
  const json& g = signal(r, "generic_comments");
  CHECK(g["comments"] == 42);
  CHECK(g["of"] == 66);
  CHECK(g["emoji_only"] == 12);
  CHECK(g["value"].get<double>() == doctest::Approx(42.0 / 66).epsilon(1e-3));
  CHECK(g["examples"][0]["text"] == "Nice pic!");  // "nice pic" three times a post, folded alike
  CHECK(g["examples"][0]["comments"] == 18);
  CHECK(g["interval"][0].get<double>() < g["value"].get<double>());
  CHECK(g["strength"].get<double>() <= cmt::kMaxGenericStrength);
  json few = document({post(2, {comment("a", "nice", 1)}), post(3, {comment("b", "wow", 2)})});
  json rf = analyze(few);
  CHECK(signal(rf, "generic_comments")["measured"] == false);
  CHECK(rf["status"] == "insufficient_data");
  CHECK(rf["grade"] == "unknown");
  CHECK(signal(rf, "generic_comments")["note"]["params"]["comments"] == cmt::kMinComments);
  CHECK(rf["verdict"]["id"] == "comments.verdict_insufficient");
  CHECK(rf["verdict"]["params"]["comments"] == 2);
  CHECK(rf["verdict"]["params"]["posts"] == 2);
  CHECK(rf["verdict"]["params"]["grade"]["id"] == "comments.grade_unknown");
}

TEST_CASE("templates: the same longer text from different accounts, not from one account, not short praise") {
  json posts = organic_posts(6);
  const char* suggested[] = {"Best tattoo studio in town, the linework is unreal!",
                             "Booked my next session already, can't wait 😍"};
  int n = 0;
  for (int p = 0; p < 6; ++p)
    for (int k = 0; k < 4; ++k)
      posts[p]["comments"].push_back(
          comment("w" + std::to_string(n++), std::string(suggested[k % 2]) + (k > 1 ? " 🔥" : ""), kNow));
  json r = analyze(document(posts));
  const json& t = signal(r, "templates");
  CHECK(t["comments"] == 24);
  CHECK(t["texts"] == 2);
  CHECK(t["accounts"] == 24);
  CHECK(t["of_longer_comments"] == 60);
  CHECK(t["evidence"] == "strong");
  CHECK(t["examples"][0]["accounts"] == 12);
  CHECK(t["largest_group"] == 12);  // more than any real section's largest group
  CHECK(r["grade"] != "good");

  json alone = organic_posts(6);  // one account repeating itself is not a template
  for (int p = 0; p < 6; ++p) alone[p]["comments"].push_back(comment("same", suggested[0], kNow));
  CHECK(signal(analyze(document(alone)), "templates")["comments"] == 0);
  json shorts = organic_posts(6);  // short praise repeats everywhere: the generic signal's business
  for (int p = 0; p < 6; ++p)
    for (int k = 0; k < 5; ++k)
      shorts[p]["comments"].push_back(comment("s" + std::to_string(10 * p + k), "love it!", kNow));
  CHECK(signal(analyze(document(shorts)), "templates")["comments"] == 0);
}

TEST_CASE(
    "templates in scripts without spaces: Chinese and Thai networks are found, organic Chinese and Japanese are not") {
  // 12 accounts each post one Chinese sentence, lightly varied, and 12 others one Thai sentence:
  // a Chinese or Thai sentence is one or two "words" between spaces, and was never a template.
  const char* zh[] = {"这家店的衣服质量真的很好，强烈推荐给大家！", "这家店的衣服质量真的非常好，强烈推荐给大家😍",
                      "这家店衣服质量真的很好!!强烈推荐给大家"};
  const char* th[] = {"ร้านนี้ของดีมากค่ะ ส่งไวมาก แนะนำเลยค่ะ", "ร้านนี้ของดีมากครับ ส่งไวมาก แนะนำเลยครับ 👍"};
  json posts = organic_posts(6);
  int n = 0;
  for (int p = 0; p < 6; ++p)
    for (int k = 0; k < 2; ++k, ++n) {
      posts[p]["comments"].push_back(comment("z" + std::to_string(n), zh[n % 3], kNow));
      posts[p]["comments"].push_back(comment("t" + std::to_string(n), th[n % 2], kNow));
    }
  json r = analyze(document(posts));
  const json& t = signal(r, "templates");
  CHECK(t["comments"] == 24);
  CHECK(t["texts"] == 2);
  CHECK(t["accounts"] == 24);
  CHECK(t["largest_group"] == 12);
  CHECK(t["evidence"] == "strong");
  CHECK(r["grade"] != "good");

  // Organic sections in Chinese and Japanese: different remarks, some on the same themes, and
  // short praise that every post gets from several accounts.
  const char* remarks[] = {"这件裙子在哪里可以买到？",
                           "颜色好温柔，好适合夏天",
                           "上次买的外套已经收到了，很喜欢",
                           "这个包包也太好看了吧",
                           "什么时候补货啊，等了好久",
                           "发货速度很快，包装也很用心",
                           "衣服质量怎么样，会不会起球",
                           "老板什么时候上新",
                           "这家店的衣服我买过三次了，每次都很满意",
                           "看起来很舒服的样子",
                           "请问可以寄到香港吗",
                           "周末去店里试穿一下",
                           "衣服质量真的很好",
                           "这家店真的很好",
                           "这个颜色真好看",
                           "这个颜色显白吗？",
                           "我穿了一次就爱上了",
                           "好喜欢这种风格",
                           "このワンピースどこで買えますか？",
                           "夏にぴったりのデザインですね",
                           "昨日届きました！すごく気に入ってます",
                           "再入荷はいつですか",
                           "私も同じの持ってます",
                           "お店に行ってみたいです",
                           "この写真の雰囲気が好き",
                           "値段はいくらですか",
                           "友達にもおすすめしました",
                           "着心地が良さそうですね",
                           "素敵な色合いですね",
                           "新作楽しみにしてます"};
  const char* praise[] = {"太好看了！", "好美啊啊啊", "かわいい！", "素敵ですね"};
  json organic = json::array();
  for (int p = 0, i = 0; p < 6; ++p) {
    json cs = json::array();
    const int64_t taken = kNow - (2 + p) * kDay;
    for (int k = 0; k < 5; ++k, ++i)
      cs.push_back(comment("fan" + std::to_string(i), remarks[i], taken + 3600 + 60 * k));
    for (int k = 0; k < 4; ++k) cs.push_back(comment("p" + std::to_string(4 * p + k), praise[k], taken + 7200));
    organic.push_back(post(2 + p, cs));
  }
  const json ro = analyze(document(organic));
  const json& o = signal(ro, "templates");
  CHECK(o["measured"] == true);
  CHECK(o["of_longer_comments"] == 30);  // the remarks; the praise is too short
  CHECK(o["comments"] == 0);
  CHECK(o["evidence"] == "none");
}

TEST_CASE("timing: comments in the first 10 minutes of posts a day old or more; early regulars") {
  json posts = organic_posts(4);
  for (int p = 0; p < 6; ++p) {
    int64_t taken = posts[p]["taken_at"].get<int64_t>();
    for (int m = 0; m < 6; ++m)
      posts[p]["comments"].push_back(
          comment("quick" + std::to_string(m), distinct(700 + 10 * p + m), taken + 60 * (m + 1)));
  }
  posts.push_back(post(0, json::array()));  // posted today: too young to judge
  for (int m = 0; m < 5; ++m)
    posts[6]["comments"].push_back(comment("fresh" + std::to_string(m), distinct(900 + m), kNow));
  json r = analyze(document(posts));
  const json& t = signal(r, "timing");
  CHECK(t["posts_used"] == 6);
  CHECK(t["early_comments"] == 36);
  CHECK(t["dated_comments"] == 60);
  CHECK(t["early_regulars"] == 6);
  CHECK(t["value"].get<double>() == doctest::Approx(0.6));
  // Six early regulars where an organic section of ten comments a post has up to four regulars:
  // weak evidence, as the recurring commenters are judged (a family's 4 read as a pod at full strength).
  CHECK(t["evidence"] == "weak");
  json undated = document(organic_posts(4));
  for (auto& p : undated["posts"])
    for (auto& c : p["comments"]) c.erase("created_at");
  CHECK(signal(analyze(undated), "timing")["measured"] == false);
}

TEST_CASE("spam: scam offers are flagged and shown masked; the finance reference is stated") {
  json posts = organic_posts(3);
  const char* scams[] = {
      "i invested $1000 and got a return of $9500 after one week, her trading platform is the best @trade_with_jane_fx",
      "i made $25k with @katiekatbear contact her now for investment",
      "much appreciation goes to the best trader, i invested $2 000 and got $19 450 in 7days @earnwithmaria"};
  for (int p = 0; p < 3; ++p) posts[p]["comments"].push_back(comment("scam" + std::to_string(p), scams[p], kNow));
  json r = analyze(document(posts));
  const json& s = signal(r, "spam");
  CHECK(s["comments"] == 3);
  CHECK(s["of"] == 21);
  REQUIRE(s["examples"].size() == 3);
  CHECK(s["examples"][1]["text"].get<std::string>().find("with @\xE2\x80\xA6 contact") != std::string::npos);
  CHECK(s["model"]["recall"].get<double>() > 0.3);
  CHECK(s["reference"]["p95"].get<double>() > s["reference"]["median"].get<double>());
  CHECK(s["strength"].get<double>() <= 1);
}

TEST_CASE("commenter accounts: the estimator's fake share of the commenters, narrower with full records") {
  json posts = organic_posts(8);
  json doc = document(posts);
  json lite = analyze(doc);
  const json& a = signal(lite, "commenter_accounts");
  CHECK(a["commenters"] == 48);
  CHECK(a["full_records"] == 0);
  CHECK(a["interval"][0].get<double>() <= a["value"].get<double>());
  json records = json::array();
  for (int i = 0; i < 48; ++i)  // obvious fakes: no picture, no posts, mass following, digits
    records.push_back({{"username", "fan" + std::to_string(i)},
                       {"full_name", ""},
                       {"has_profile_pic", false},
                       {"media_count", 0},
                       {"follower_count", 2},
                       {"following_count", 4500},
                       {"biography", ""},
                       {"is_private", false}});
  doc["commenters"] = records;
  json full = analyze(doc);
  const json& f = signal(full, "commenter_accounts");
  CHECK(f["full_records"] == 48);
  CHECK(f["value"].get<double>() > 50);
  CHECK(f["interval"][0].get<double>() > cmt::kStrongFakePercent);
  CHECK(f["evidence"] == "strong");
}

TEST_CASE("comments per like: against real accounts of the same size; needs the follower count") {
  json posts = organic_posts(12);
  for (auto& p : posts) p["like_count"] = 100;  // 12 comments per 100 likes: far above real small accounts
  json r = analyze(document(posts, 400));
  const json& c = signal(r, "comments_per_like");
  CHECK(c["value"].get<double>() == doctest::Approx(0.12));
  CHECK(c["posts_used"] == 6);
  CHECK(c["reference"]["min_followers"] == 300);
  CHECK(c["percentile_among_real"].get<double>() > 0.95);
  CHECK(c["strength"].get<double>() == doctest::Approx(1.0));
  for (auto& p : posts) p["like_count"] = 2000;
  CHECK(signal(analyze(document(posts, 400)), "comments_per_like")["evidence"] == "none");
  json no_followers = document(posts);
  no_followers.erase("follower_count");
  CHECK(signal(analyze(no_followers), "comments_per_like")["measured"] == false);
  CHECK(signal(analyze(no_followers), "comments_per_like")["note"]["id"] == "comments.note_no_follower_count");
}

TEST_CASE("grades follow the score; the verdict names the reasons that moved it") {
  CHECK(std::string(cmt::grade_of_score(0)) == "good");
  CHECK(std::string(cmt::grade_of_score(1)) == "fair");
  CHECK(std::string(cmt::grade_of_score(2)) == "poor");
  CHECK(std::string(cmt::grade_of_score(3.49)) == "poor");
  CHECK(std::string(cmt::grade_of_score(3.5)) == "bad");
  CHECK(std::string(cmt::grade_label("poor")) == "comments.grade_poor");
  CHECK(std::string(cmt::grade_label("unknown")) == "comments.grade_unknown");
  CHECK(cmt::strength_ramp(1, 1, 2, 4) == 0);
  CHECK(cmt::strength_ramp(1.5, 1, 2, 4) == doctest::Approx(0.5));
  CHECK(cmt::strength_ramp(3, 1, 2, 4) == doctest::Approx(1.5));
  CHECK(cmt::strength_ramp(9, 1, 2, 4) == 2);
}

TEST_CASE("the report names no commenter: usernames, full names and mentioned handles stay out") {
  json posts = organic_posts(6);
  for (int p = 0; p < 6; ++p) {
    for (int m = 0; m < 8; ++m)
      posts[p]["comments"].push_back(
          comment("podmember" + std::to_string(m), "Great post, thanks @secret_handle_x for sharing this", kNow));
    posts[p]["comments"].push_back(
        comment("scammer", "i invested $1000 and got $9500 in a week @trade_with_jane_fx contact her", kNow));
  }
  std::string text = api_analyze_comments(document(posts).dump());
  CHECK(text.find("\"grade\":\"bad\"") != std::string::npos);
  // Two reasons beyond organic: the verdict names both, strongest first.
  json r = json::parse(text);
  CHECK(r["verdict"]["id"] == "comments.verdict_two");
  CHECK(r["verdict"]["params"]["reason"]["id"] == r["reasons"][0]["id"]);
  CHECK(r["verdict"]["params"]["also"]["id"] == r["reasons"][1]["id"]);
  for (const char* name : {"podmember", "fan1", "Name ", "scammer", "secret_handle_x", "trade_with_jane_fx", "pk_"})
    CHECK_MESSAGE(text.find(name) == std::string::npos, name);
}

// Found with honest sections built from real comments: the same words on one post (birthday wishes),
// a blessing of generic words, and four customers' one compliment read as a network; comments dated
// at their post's second read as early; signals each within organic levels summed to "likely bought".
TEST_CASE(
    "honest sections: one post's wishes, generic blessings, a few longer comments and impossible times are no "
    "network") {
  json birthday = organic_posts(6);
  for (int m = 0; m < 14; ++m)
    birthday[0]["comments"].push_back(
        comment("friend" + std::to_string(m), "happy birthday have the best day ever", kNow - 2 * kDay + 7200));
  CHECK(signal(analyze(document(birthday)), "templates")["comments"] == 0);
  // The same text across posts is still a network's.
  json network = organic_posts(6);
  for (int p = 0; p < 6; ++p)
    for (int m = 0; m < 3; ++m)
      network[p]["comments"].push_back(
          comment("paid" + std::to_string(3 * p + m), "best studio in town amazing work", kNow));
  CHECK(signal(analyze(document(network)), "templates")["comments"] == 18);
  // Four longer comments, all one compliment, on a section of short ones: too few for a share.
  json salon = organic_posts(0);
  for (int p = 0; p < 6; ++p)
    for (int i = 0; i < 10; ++i)
      salon[p]["comments"].push_back(comment("c" + std::to_string(10 * p + i), "😍", kNow - kDay));
  for (int k = 0; k < 4; ++k)
    salon[k]["comments"].push_back(comment("cust" + std::to_string(k), "ellerine sağlık çok güzel olmuş", kNow - kDay));
  const json salon_report = analyze(document(salon));
  const json& t = signal(salon_report, "templates");
  CHECK(t["of_longer_comments"].get<int>() < cmt::kMinTemplateComments);
  CHECK(t["strength"].get<double>() < 1);
  // Comments dated at their post's own second: not "within 10 minutes".
  json same = organic_posts(6);
  for (auto& p : same)
    for (auto& c : p["comments"]) c["created_at"] = p["taken_at"];
  CHECK(signal(analyze(document(same)), "timing")["measured"] == false);
}

TEST_CASE("a family commenting within minutes is one pod, counted once; signals within organic levels grade good") {
  json posts = organic_posts(4);
  for (int p = 0; p < 6; ++p) {
    int64_t taken = posts[p]["taken_at"].get<int64_t>();
    for (int m = 0; m < 4; ++m)
      posts[p]["comments"].push_back(
          comment("family" + std::to_string(m), distinct(500 + 10 * p + m), taken + 120 * (m + 1)));
  }
  json r = analyze(document(posts));
  double rec = strength(r, "recurring_commenters"), tim = strength(r, "timing");
  double sum = 0;
  for (const char* name : {"recurring_commenters", "generic_comments", "templates", "timing", "spam",
                           "commenter_accounts", "comments_per_like"})
    sum += signal(r, name)["measured"] == true ? strength(r, name) : 0.0;
  CHECK(r["score"].get<double>() <= sum - std::min(rec, tim) + 0.01);
  CHECK(r["grade"] != "bad");
  if (r["verdict"]["id"] == "comments.verdict_nothing") CHECK(r["grade"] == "good");
}
