// derive-engagement: the profile analysis's reference (models/engagement_reference.json) from
// the 700 real accounts with per-post data. Deterministic: same data, same file.
// Usage: derive-engagement [DATA_JSON] [OUT_JSON]
//   defaults: ../shared/data/instafake/nonautomatedAccountData.json  models/engagement_reference.json
#include <cstdio>
#include <fstream>

#include "instafake_posts.h"
#include "profile/reference.h"
#include "text_files.h"

int main(int argc, char** argv) {
  std::string in = argc > 1 ? argv[1] : "../shared/data/instafake/nonautomatedAccountData.json";
  std::string out = argc > 2 ? argv[2] : "models/engagement_reference.json";
  auto data = fm::data::read_text_file(in);
  if (!data) {
    std::fprintf(stderr, "derive-engagement: %s\n", data.error().text().c_str());
    return 1;
  }
  auto accounts = fm::prof::instafake_accounts_from_text(data.value());
  if (!accounts) {
    std::fprintf(stderr, "derive-engagement: %s\n", accounts.error().text().c_str());
    return 1;
  }
  auto ref = fm::prof::derive_reference(
      accounts.value(), "instafake/nonautomatedAccountData.json (Akyon & Kalfaoglu 2019, arXiv:1910.03090): " +
                            std::to_string(accounts.value().size()) + " real accounts, newest " +
                            std::to_string(fm::prof::kPostWindow) + " posts each");
  std::string text = fm::dump_json(fm::prof::reference_to_json(ref), 1) + "\n";
  // Round trip before writing: the engine must be able to load what we commit.
  auto back = fm::prof::reference_from_text(text);
  if (!back) {
    std::fprintf(stderr, "derive-engagement: the derived reference does not load: %s\n", back.error().text().c_str());
    return 1;
  }
  std::ofstream o(out, std::ios::binary);
  o << text;
  if (!o) {
    std::fprintf(stderr, "derive-engagement: cannot write %s\n", out.c_str());
    return 1;
  }
  std::printf(
      "derive-engagement: %d accounts with >= %d posts with likes (engagement), %d with >= %d (bought likes); "
      "line log(1+eng) = %.3f + %.3f log(1+followers), fitted up to %.0f followers; bought-likes threshold %.3f -> "
      "%s\n",
      ref.n_accounts, fm::prof::kMinPostsEngagement, ref.n_bought_likes, fm::prof::kMinPostsBoughtLikes,
      ref.engagement_line.a, ref.engagement_line.b, ref.fit_max_followers, ref.bought_likes_threshold, out.c_str());
  return 0;
}
