// derive-comments: the comment analysis's organic references (models/comment_reference.json,
// compiled into the engine) from real data. Deterministic: same data, same file.
//  - Real comment sections: ScamSpot's comments_extracted.json, the comments of recent posts of
//    37 finance and crypto accounts. Per account with enough comments: the share of generic
//    comments, of longer comments repeating another one nearly word for word, of spam; comments
//    per post as collected; and the short texts repeated under several accounts' posts (learned
//    generic comments). The file names no commenter, so who comments where cannot be measured.
//  - Comments per like by follower count: InstaFake's 700 real, non-automated accounts.
// Every text is judged by the engine's own code (comments/), so reference and analysis agree.
// Usage: derive-comments [DATA_DIR] [OUT_JSON]   defaults: ../shared/data  models/comment_reference.json
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "../common/scamspot.h"
#include "comments/generic.h"
#include "comments/reference.h"
#include "comments/spam_model.h"
#include "comments/templates.h"
#include "instafake_posts.h"
#include "json_util.h"
#include "profile/stats.h"
#include "text_files.h"

using namespace fm;
using namespace fm::cmt;

namespace {

constexpr int kMinSectionComments = 20;  // smaller sections say little about shares
constexpr int kLearnedMinAccounts = 4;   // a short text under 4+ accounts' posts of both kinds is generic
constexpr size_t kLearnedMaxWords = 3;
constexpr int kPoints = 21;      // quantiles every 5%
constexpr int kPostWindow = 12;  // the newest posts, as a profile page shows them
const double kTierEdges[] = {0, 150, 300, 450, 700, 1200, 1e12};

[[noreturn]] void die(const std::string& msg) {
  std::fprintf(stderr, "derive-comments: %s\n", msg.c_str());
  std::exit(1);
}

std::string read_all(const std::string& path) {
  auto text = data::read_text_file(path);
  if (!text) die(text.error().text());
  return text.value();
}

double r4(double v) { return std::strtod(fmt_num(v, 4).c_str(), nullptr); }

// [n, quantiles every 5%] (the reference's distribution form).
json dist(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  json q = json::array({v.size()});
  for (int i = 0; i < kPoints; ++i)
    q.push_back(v.empty() ? 0.0 : r4(prof::quantile_sorted(v, double(i) / (kPoints - 1))));
  return q;
}

struct Item {
  std::string text, media, account;
  bool rated_scam = false;
};

}  // namespace

int main(int argc, char** argv) {
  std::string data = argc > 1 ? argv[1] : "../shared/data";
  std::string out = argc > 2 ? argv[2] : "models/comment_reference.json";
  const std::string sections_file = data + "/comments/scamspot/comments_extracted.json";
  auto doc = parse_json(read_all(sections_file), sections_file);
  if (!doc || !doc.value().is_object()) die(sections_file + " is not a JSON object");
  std::vector<Item> items;
  for (const auto& kv : doc.value().items()) {  // keyed by comment id: sorted, so the order is fixed
    const json& c = kv.value();
    auto text = read_string(c, "text", kv.key(), 1 << 16);
    auto media = read_string(c, "media", kv.key(), 100);
    auto account = read_string(c, "account", kv.key(), 100);
    auto type = read_string(c, "type", kv.key(), 100);
    if (!text || !media || !account || !type || !text.value() || !media.value() || !account.value())
      die(sections_file + ": comment " + kv.key() + " lacks text, media or account");
    items.push_back({*text.value(), *media.value(), *account.value(), type.value().value_or("") == "scam"});
  }
  const auto& model_r = builtin_spam_model();
  if (!model_r) die("the built-in spam model does not load: " + model_r.error().text());
  const SpamModel& model = model_r.value();

  // Learned generic texts: short, words only (no mention, link, hashtag or bare number), not
  // already generic by the word list, written under the posts of several accounts of both kinds
  // (a coin's name recurs under crypto accounts only: topical, not generic), never labelled scam.
  const GenericLexicon words_only = make_lexicon({});
  std::map<std::string, std::set<std::string>> accounts_of;
  std::set<std::string> scam_keys;
  std::vector<TextShape> shapes;
  for (const Item& it : items) {
    shapes.push_back(text_shape(it.text));
    const TextShape& s = shapes.back();
    std::string key = generic_key(s);
    if (it.rated_scam) scam_keys.insert(key);
    if (s.words.empty() || s.words.size() > kLearnedMaxWords || s.mentions || s.links || s.hashtags || s.letters == 0)
      continue;
    accounts_of[key].insert(it.account);
  }
  // Also counted: how many of the recurring short texts the word list already covers.
  std::vector<std::string> learned;
  int recurring = 0, covered = 0;
  for (const auto& kv : accounts_of) {
    int crypto = 0;
    for (const std::string& a : kv.second) crypto += scamspot::crypto_account(a);
    if (int(kv.second.size()) < kLearnedMinAccounts || crypto == 0 || crypto == int(kv.second.size()) ||
        scam_keys.count(kv.first))
      continue;
    ++recurring;
    if (is_generic(text_shape(kv.first), words_only)) ++covered;
    else learned.push_back(kv.first);
  }
  const GenericLexicon lex = make_lexicon(learned);

  // Per account section.
  std::map<std::string, std::vector<size_t>> section;
  std::map<std::string, int> per_media;
  for (size_t i = 0; i < items.size(); ++i) section[items[i].account].push_back(i), ++per_media[items[i].media];
  std::vector<double> generic_share, template_share, template_largest, spam_share, per_post;
  for (const auto& kv : per_media) per_post.push_back(kv.second);
  int sections_used = 0;
  for (const auto& kv : section) {
    const std::vector<size_t>& idx = kv.second;
    if (int(idx.size()) < kMinSectionComments) continue;
    ++sections_used;
    int generic = 0, spam = 0;
    std::vector<std::vector<uint32_t>> grams;
    std::vector<uint32_t> authors;
    for (size_t i : idx) {
      generic += is_generic(shapes[i], lex);
      bool flagged = spam_margin(model, spam_features(shapes[i], model.buckets)) > model.threshold;
      spam += flagged;
      // Templates among the comments the analysis would keep: spam aside, as it does. No
      // commenter ids: every comment counts as its own author.
      std::vector<uint32_t> g = flagged ? std::vector<uint32_t>() : trigrams(shapes[i]);
      if (!g.empty()) grams.push_back(std::move(g)), authors.push_back(uint32_t(authors.size()));
    }
    std::vector<size_t> group = near_duplicate_groups(grams, authors);
    std::map<size_t, int> size;
    for (size_t g : group) ++size[g];
    int repeated = 0, largest = 0;
    for (size_t g : group) repeated += size[g] >= 2, largest = std::max(largest, size[g] >= 2 ? size[g] : 0);
    template_largest.push_back(largest);
    generic_share.push_back(double(generic) / double(idx.size()));
    spam_share.push_back(double(spam) / double(idx.size()));
    template_share.push_back(grams.empty() ? 0.0 : double(repeated) / double(grams.size()));
  }

  // Comments per like by follower count.
  const std::string instafake_file = data + "/instafake/nonautomatedAccountData.json";
  auto accounts = prof::instafake_accounts_from_text(read_all(instafake_file));
  if (!accounts) die(instafake_file + ": " + accounts.error().text());
  std::vector<std::vector<double>> tier_ratios(std::size(kTierEdges) - 1);
  int accounts_used = 0;
  for (const auto& a : accounts.value()) {
    std::vector<double> r;
    for (size_t k = 0; k < a.posts.size() && int(k) < kPostWindow; ++k) {
      const prof::Post& p = a.posts[k];
      if (p.likes && *p.likes > 0 && p.comments && !p.comments_disabled) r.push_back(double(*p.comments) / *p.likes);
    }
    if (r.size() < 3) continue;
    ++accounts_used;
    double m = prof::median(r);
    for (size_t t = 0; t + 1 < std::size(kTierEdges); ++t)
      if (a.followers >= kTierEdges[t] && a.followers < kTierEdges[t + 1]) tier_ratios[t].push_back(m);
  }
  json tiers = json::array();
  for (size_t t = 0; t < tier_ratios.size(); ++t) {
    json tier = dist(tier_ratios[t]);  // [min followers, max followers, n, quantiles...]
    tier.insert(tier.begin(), kTierEdges[t + 1]);
    tier.insert(tier.begin(), kTierEdges[t]);
    tiers.push_back(tier);
  }

  json sections = {
      {"source", "ScamSpot comments_extracted.json: comments of recent posts of " + std::to_string(section.size()) +
                     " finance and crypto accounts; shares per account with " + std::to_string(kMinSectionComments) +
                     "+ comments (" + std::to_string(sections_used) + " accounts)"},
      {"counts", {section.size(), per_media.size(), items.size()}},
      {"comments_per_post", dist(per_post)},
      {"generic_share", dist(generic_share)},
      {"template_share", dist(template_share)},
      {"template_largest", dist(template_largest)},
      {"spam_share", dist(spam_share)}};
  json ref = {{"sections", sections},
              {"learned_generic", learned},
              {"learned_check",
               {{"recurring_short_texts", recurring},
                {"covered_by_word_list", covered},
                {"rule", "at most " + std::to_string(kLearnedMaxWords) + " words, under the posts of " +
                             std::to_string(kLearnedMinAccounts) +
                             "+ accounts of both kinds (crypto and other), never labelled scam"}}},
              {"comments_per_like",
               {{"source",
                 "InstaFake nonautomatedAccountData.json (Akyon & Kalfaoglu 2019): median comments per like "
                 "of the newest " +
                     std::to_string(kPostWindow) + " posts of " + std::to_string(accounts_used) +
                     " real accounts, by follower count"},
                {"tiers", tiers}}}};
  std::string text = dump_json(ref, 1) + "\n";
  auto back = comment_reference_from_text(text);
  if (!back) die("the derived reference does not load: " + back.error().text());
  std::ofstream o(out, std::ios::binary);
  o << text;
  if (!o) die("cannot write " + out);
  std::printf(
      "derive-comments: %d of %zu sections; %d recurring short texts, %d covered by the word list, %zu learned; %d "
      "accounts for comments per like -> %s\n",
      sections_used, section.size(), recurring, covered, learned.size(), accounts_used, out.c_str());
  return 0;
}
