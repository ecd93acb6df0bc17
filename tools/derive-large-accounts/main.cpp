// derive-large-accounts: the profile analysis's large-accounts reference
// (models/large_accounts_reference.json) from the per-post likes of 978 large public accounts
// (2017). Deterministic: same data, same file.
// Usage: derive-large-accounts [DATA_JSONL] [OUT_JSON]
//   defaults: ../shared/data/engagement/large_accounts_2017.jsonl  models/large_accounts_reference.json
#include <cstdio>
#include <fstream>

#include "../common/large_accounts.h"
#include "../common/text_files.h"

int main(int argc, char** argv) {
  std::string in = argc > 1 ? argv[1] : "../shared/data/engagement/large_accounts_2017.jsonl";
  std::string out = argc > 2 ? argv[2] : "models/large_accounts_reference.json";
  auto data = fm::data::read_text_file(in);
  if (!data) {
    std::fprintf(stderr, "derive-large-accounts: %s\n", data.error().text().c_str());
    return 1;
  }
  auto accounts = fm::large::accounts_from_jsonl(data.value());
  if (!accounts) {
    std::fprintf(stderr, "derive-large-accounts: %s\n", accounts.error().text().c_str());
    return 1;
  }
  const auto& persons = fm::prof::builtin_reference();
  if (!persons) {
    std::fprintf(stderr, "derive-large-accounts: %s\n", persons.error().text().c_str());
    return 1;
  }
  auto ref = fm::large::derive(accounts.value(), persons.value(),
                               "engagement/large_accounts_2017.jsonl: " + std::to_string(accounts.value().size()) +
                                   " public accounts of 125k-22M followers, likes of their newest " +
                                   std::to_string(fm::prof::kPostWindow) + " posts (no comments)",
                               2017);
  std::string text = fm::dump_json(fm::prof::large_reference_to_json(ref), 1) + "\n";
  // Round trip before writing: the engine must be able to load what we commit.
  auto back = fm::prof::large_reference_from_text(text);
  if (!back) {
    std::fprintf(stderr, "derive-large-accounts: the derived reference does not load: %s\n",
                 back.error().text().c_str());
    return 1;
  }
  std::ofstream o(out, std::ios::binary);
  o << text;
  if (!o) {
    std::fprintf(stderr, "derive-large-accounts: cannot write %s\n", out.c_str());
    return 1;
  }
  std::printf(
      "derive-large-accounts: %d accounts (%.0f-%.0f followers); likes line log(1+likes) = %.3f + %.3f "
      "log(1+followers); published bands' level / the data's: %.2f -> %s\n",
      ref.n_accounts, ref.min_followers, ref.max_followers, ref.likes_line.a, ref.likes_line.b,
      std::exp(ref.level_shift), out.c_str());
  return 0;
}
