#include "labelled_sets.h"

#include <map>
#include <set>

#include "account.h"
#include "csv.h"
#include "text_files.h"

namespace fm::data {

namespace {

// The record goes through the engine's own reader; its error names the field. Rows are numbered
// within their set in reading order.
Result<bool> add_sample(const std::string& set,
                        int label,
                        json record,
                        std::string account,
                        const std::string& where,
                        std::vector<Sample>& out) {
  auto acc = account_from_json(record);
  if (!acc) return make_error("data.record", where + acc.error().text());
  Sample s;
  s.set = set;
  for (const auto& o : out) s.row += o.set == set;
  s.label = label;
  s.account = std::move(account);
  s.record = std::move(record);
  s.x = extract_features(acc.value());
  out.push_back(std::move(s));
  return true;
}

// 0/1 flags in the JSON data files become JSON booleans.
Result<json> json_flag(const json& v, const std::string& where, const std::string& key) {
  if (v.is_number() && (v == 0 || v == 1)) return json(v == 1);
  if (v.is_boolean()) return v;
  return make_error("data.value", where + "field '" + key + "' must be 0 or 1, got " + dump_json(v).substr(0, 40));
}

// Reads one cell as its column says.
Result<json> cell(const std::string& s, const ColumnMap& m, const std::string& where) {
  switch (m.kind) {
    case ColumnKind::kText: return json(s);
    case ColumnKind::kLabel:
    case ColumnKind::kFlag: return csv_flag(s, where, m.column);
    case ColumnKind::kNotFlag: {
      auto v = csv_flag(s, where, m.column);
      if (!v || v.value().is_null()) return v;
      return json(!v.value().get<bool>());
    }
    case ColumnKind::kCount: return csv_count(s, where, m.column);
    case ColumnKind::kShare: {
      if (s.empty() || s == "NA") return json(nullptr);
      auto v = csv_number(s, where, m.column);
      if (!v) return v.error();
      return json(v.value());
    }
  }
  return json(nullptr);
}

}  // namespace

const std::vector<std::string>& set_names() {
  static const std::vector<std::string> names = {"srf", "kaggle", "instafake", "kaggle-complete", "parma", "macerul"};
  return names;
}

std::string instagram_name(const std::string& username) {
  size_t b = username.find_first_not_of(" \t\r\n"), e = username.find_last_not_of(" \t\r\n");
  std::string u = b == std::string::npos ? "" : username.substr(b, e - b + 1);
  if (!u.empty() && u[0] == '@') u.erase(0, 1);
  return u;
}

std::string account_key(const std::string& username) {
  std::string u = instagram_name(username);
  for (char& c : u)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return "@" + u;
}

using K = ColumnKind;

const CsvFormat& srf_format() {
  static const CsvFormat f{"srf",
                           "Username",
                           {{"rating", K::kLabel, "", false},
                            {"Username", K::kText, "username", false},
                            {"Number.of.posts", K::kCount, "media_count", false},
                            {"Number.of.people.they.follow", K::kCount, "following_count", false},
                            {"Number.of.followers", K::kCount, "follower_count", false},
                            {"has_profile_picture", K::kFlag, "has_profile_pic", false},
                            {"Private.account", K::kFlag, "is_private", false}}};
  return f;
}

const CsvFormat& kaggle_format() {
  // Username and names appear only as ratios and counts.
  static const CsvFormat f{"kaggle",
                           nullptr,
                           {{"fake", K::kLabel, "", false},
                            {"profile pic", K::kFlag, "has_profile_pic", false},
                            {"nums/length username", K::kShare, "username_digit_share", false},
                            {"fullname words", K::kCount, "full_name_word_count", false},
                            {"nums/length fullname", K::kShare, "full_name_digit_share", false},
                            {"name==username", K::kFlag, "full_name_equals_username", false},
                            {"description length", K::kCount, "biography_length", false},
                            {"external URL", K::kFlag, "has_external_url", false},
                            {"private", K::kFlag, "is_private", false},
                            {"#posts", K::kCount, "media_count", false},
                            {"#followers", K::kCount, "follower_count", false},
                            {"#follows", K::kCount, "following_count", false}}};
  return f;
}

const CsvFormat& kaggle_complete_format() {
  // Complete records. Its derived columns (lengths, ext_url_present, ...) repeat the text, and
  // is_authentic repeats the label; only the record's own fields are read.
  static const CsvFormat f{"kaggle-complete",
                           "username",
                           {{"fake", K::kLabel, "", false},
                            {"username", K::kText, "username", false},
                            {"full_name", K::kText, "full_name", false},
                            {"biography", K::kText, "biography", false},
                            {"external_url", K::kText, "external_url", false},
                            {"has_anonymous_profile_picture", K::kNotFlag, "has_profile_pic", false},
                            {"following_count", K::kCount, "following_count", false},
                            {"follower_count", K::kCount, "follower_count", false},
                            {"is_private", K::kFlag, "is_private", false},
                            {"media_count", K::kCount, "media_count", false}}};
  return f;
}

const CsvFormat& parma_format() {
  // Both files of the set: the newer lacks Private. Nums/Length Username repeats the username;
  // Business and the newer file's activity columns have no field in the account record.
  static const CsvFormat f{"parma",
                           "username",
                           {{"Fake", K::kLabel, "", false},
                            {"username", K::kText, "username", false},
                            {"Profile Pic", K::kFlag, "has_profile_pic", false},
                            {"Full Name Words", K::kCount, "full_name_word_count", false},
                            {"Bio Length", K::kCount, "biography_length", false},
                            {"External Url", K::kFlag, "has_external_url", false},
                            {"Private", K::kFlag, "is_private", true},
                            {"Verified", K::kFlag, "is_verified", false},
                            {"#Posts", K::kCount, "media_count", false},
                            {"#Followers", K::kCount, "follower_count", false},
                            {"#Following", K::kCount, "following_count", false}}};
  return f;
}

const CsvFormat& macerul_format() {
  // has_pic is 0 in 1,919 of 1,937 rows, fakes and real accounts alike: not an avatar flag, so
  // the avatar stays unknown. full_name_len, is_business and is_recent_user have no field in the
  // account record.
  static const CsvFormat f{"macerul",
                           nullptr,
                           {{"isFake", K::kLabel, "", false},
                            {"username_len", K::kCount, "username_length", false},
                            {"username_digits", K::kCount, "username_digit_count", false},
                            {"is_private", K::kFlag, "is_private", false},
                            {"num_post", K::kCount, "media_count", false},
                            {"num_followers", K::kCount, "follower_count", false},
                            {"num_followings", K::kCount, "following_count", false},
                            {"bio_len", K::kCount, "biography_length", false}}};
  return f;
}

Result<bool> load_csv_set(const std::string& text,
                          const std::string& file,
                          const CsvFormat& f,
                          std::vector<Sample>& out) {
  auto t = parse_csv(text, file);
  if (!t) return t.error();
  std::vector<std::string> names;
  std::vector<bool> optional;
  for (const auto& m : f.columns) names.push_back(m.column), optional.push_back(m.optional);
  auto c = find_columns(t.value(), names, optional, file);
  if (!c) return c.error();
  const auto& ci = c.value();
  for (const CsvRow& r : t.value().rows) {
    std::string where = file + ":" + std::to_string(r.line) + ": ";
    json rec = json::object();
    int label = -1;
    std::string account;
    for (size_t k = 0; k < f.columns.size(); ++k) {
      const ColumnMap& m = f.columns[k];
      if (ci[k] < 0) continue;  // an optional column this file lacks: unknown
      const std::string& s = r.fields[size_t(ci[k])];
      auto v = cell(s, m, where);
      if (!v) return v.error();
      if (m.kind == ColumnKind::kLabel) {
        if (v.value().is_null()) return make_error("data.value", where + "column '" + m.column + "' is empty");
        label = v.value().get<bool>() ? 1 : 0;
      } else if (!v.value().is_null()) {
        rec[m.field] = v.value();
      }
      if (f.username_column && std::string(m.column) == f.username_column) {
        if (s.find_first_not_of(" \t") == std::string::npos)
          return make_error("data.value", where + "column '" + m.column + "' is empty");
        account = account_key(s);
        // The name as Instagram shows it, which is what the extension reads (Parma writes
        // "duxitheboss "): the username's features count its characters.
        rec[m.field] = instagram_name(s);
      }
    }
    if (!f.username_column) {
      account = std::string(f.set) + "#";
      for (const auto& field : r.fields) account += field + "\x1f";
    }
    auto ok = add_sample(f.set, label, std::move(rec), std::move(account), where, out);
    if (!ok) return ok;
  }
  return true;
}

Result<bool> load_instafake(const std::string& text, const std::string& file, int label, std::vector<Sample>& out) {
  auto parsed = parse_json(text, file);
  if (!parsed) return make_error("data.json", file + ": " + parsed.error().message);
  const json& arr = parsed.value();
  if (!arr.is_array()) return make_error("data.json", file + ": expected a JSON array of accounts");
  // Field in the file -> field of the account record, and whether it is a 0/1 flag.
  struct Map {
    const char* from;
    const char* to;
    bool is_flag;
  };
  static const Map kMap[] = {
      {"userFollowerCount", "follower_count", false},        {"userFollowingCount", "following_count", false},
      {"userBiographyLength", "biography_length", false},    {"userMediaCount", "media_count", false},
      {"userHasProfilPic", "has_profile_pic", true},         {"userIsPrivate", "is_private", true},
      {"usernameDigitCount", "username_digit_count", false}, {"usernameLength", "username_length", false}};
  for (size_t i = 0; i < arr.size(); ++i) {
    const json& o = arr[i];
    std::string where = file + ": record " + std::to_string(i + 1) + ": ";
    if (!o.is_object()) return make_error("data.json", where + "must be an object");
    auto lab = o.find("isFake");
    if (lab == o.end() || !lab->is_number() || *lab != label)
      return make_error("data.value", where + "isFake must be " + std::to_string(label) + " in this file");
    json rec = json::object();
    for (const Map& m : kMap) {
      auto it = o.find(m.from);
      if (it == o.end() || it->is_null()) continue;
      if (m.is_flag) {
        auto f = json_flag(*it, where, m.from);
        if (!f) return f.error();
        rec[m.to] = f.value();
      } else {
        rec[m.to] = *it;
      }
    }
    auto r = add_sample("instafake", label, std::move(rec), "instafake#" + dump_json(o), where, out);
    if (!r) return r;
  }
  return true;
}

Result<std::vector<Account>> load_records(const std::string& text, const std::string& file) {
  std::vector<Account> out;
  size_t start = 0;
  for (int line = 1; start < text.size(); ++line) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view row(text.data() + start, end - start);
    start = end + 1;
    if (row.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    auto a = account_from_text(row);
    if (!a) return make_error("data.record", file + ":" + std::to_string(line) + ": " + a.error().text());
    out.push_back(a.value());
  }
  return out;
}

Result<Loaded> load_all(const std::string& dir) {
  struct File {
    const char* path;
    const CsvFormat* csv;  // nullptr: an InstaFake JSON array
    int label;             // InstaFake: the label every record of the file carries
  };
  const File files[] = {
      {"srf/labelled_followers_dev.csv", &srf_format(), 0},
      {"kaggle-free4ever1/train.csv", &kaggle_format(), 0},
      // InstaFake rows are numbered fake file first, then real file.
      {"instafake/fakeAccountData.json", nullptr, 1},
      {"instafake/realAccountData.json", nullptr, 0},
      {"kaggle-complete/data.csv", &kaggle_complete_format(), 0},
      // The older file first: for an account in both, its older row (with Private) is kept.
      {"parma/OldDataSet.csv", &parma_format(), 0},
      {"parma/NewDataset.csv", &parma_format(), 0},
      {"macerul/ig_PD.csv", &macerul_format(), 0},
  };
  std::vector<Sample> read;
  for (const File& f : files) {
    std::string path = dir + "/" + f.path;
    auto text = read_text_file(path);
    if (!text) return text.error();
    auto r = f.csv ? load_csv_set(text.value(), path, *f.csv, read) : load_instafake(text.value(), path, f.label, read);
    if (!r) return r.error();
  }
  Loaded out;
  std::map<std::string, SetSummary> summary;
  std::set<std::pair<std::string, std::string>> seen;  // (set, account) of the rows kept
  std::map<std::string, std::set<std::string>> sets_of_account;
  for (auto& s : read) {
    SetSummary& sum = summary[s.set];
    ++sum.rows_read;
    // Within a set, an account with a username appears once; identical rows of a set without
    // usernames are kept (two accounts may look alike) but share their key.
    if (s.account[0] == '@' && !seen.insert({s.set, s.account}).second) {
      ++sum.duplicates_dropped;
      continue;
    }
    s.row = sum.n++;
    sum.fakes += s.label;
    sets_of_account[s.account].insert(s.set);
    out.samples.push_back(std::move(s));
  }
  for (const auto& s : out.samples)
    if (sets_of_account[s.account].size() > 1) ++summary[s.set].shared_accounts;
  for (const auto& name : set_names()) {
    summary[name].set = name;
    out.summary.push_back(summary[name]);
  }
  return out;
}

std::string data_fingerprint(const std::vector<Sample>& samples) {
  uint64_t h = 1469598103934665603ULL;
  auto mix = [&](const std::string& s) {
    for (unsigned char ch : s) {
      h ^= ch;
      h *= 1099511628211ULL;
    }
    h ^= 0xff;
    h *= 1099511628211ULL;
  };
  for (const auto& s : samples) {
    mix(s.set);
    mix(std::to_string(s.label));
    mix(s.account);
    mix(dump_json(s.record));
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace fm::data
