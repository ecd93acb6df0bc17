#include "datasets.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "account.h"
#include "csv.h"

namespace fm::train {

namespace {

Result<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("data.io", path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The record goes through the engine's own reader; its error names the field.
Result<bool> add_sample(const std::string& set,
                        int label,
                        json record,
                        const std::string& where,
                        std::vector<Sample>& out,
                        int row) {
  auto acc = account_from_json(record);
  if (!acc) return make_error("data.record", where + acc.error().text());
  Sample s;
  s.set = set;
  s.row = row;
  s.label = label;
  s.record = std::move(record);
  s.x = extract_features(acc.value());
  out.push_back(std::move(s));
  return true;
}

// 0/1 flags in the data files become JSON booleans.
Result<json> flag(const json& v, const std::string& where, const std::string& key) {
  if (v.is_number() && (v == 0 || v == 1)) return json(v == 1);
  if (v.is_boolean()) return v;
  return make_error("data.value", where + "field '" + key + "' must be 0 or 1, got " + dump_json(v).substr(0, 40));
}

Result<json> csv_bool(const std::string& s, const std::string& where, const std::string& col) {
  if (s == "TRUE" || s == "1") return json(true);
  if (s == "FALSE" || s == "0") return json(false);
  if (s.empty() || s == "NA") return json(nullptr);
  return make_error("data.value",
                    where + "column '" + col + "' must be TRUE/FALSE or 0/1, got '" + s.substr(0, 40) + "'");
}

Result<double> csv_number(const std::string& s, const std::string& where, const std::string& col) {
  const char* b = s.c_str();
  char* e = nullptr;
  errno = 0;
  double v = std::strtod(b, &e);
  if (s.empty() || e != b + s.size() || errno != 0 || !std::isfinite(v))
    return make_error("data.value", where + "column '" + col + "' must be a number, got '" + s.substr(0, 40) + "'");
  return v;
}

// Counts must be whole numbers; the engine then checks their range.
Result<json> csv_count(const std::string& s, const std::string& where, const std::string& col) {
  if (s.empty() || s == "NA") return json(nullptr);
  auto v = csv_number(s, where, col);
  if (!v) return v.error();
  if (v.value() != std::floor(v.value()) || std::fabs(v.value()) > 1e15)
    return make_error("data.value",
                      where + "column '" + col + "' must be a whole number, got '" + s.substr(0, 40) + "'");
  return json(static_cast<int64_t>(v.value()));
}

Result<std::vector<int>> columns(const CsvTable& t, const std::vector<std::string>& names, const std::string& file) {
  std::vector<int> idx;
  for (const auto& n : names) {
    int c = t.column(n);
    if (c < 0) return make_error("data.csv", file + ":1: missing column '" + n + "'");
    idx.push_back(c);
  }
  return idx;
}

}  // namespace

const std::vector<std::string>& set_names() {
  static const std::vector<std::string> names = {"srf", "kaggle", "instafake"};
  return names;
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
  int row = 0;
  for (const auto& s : out)
    if (s.set == "instafake") ++row;
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
        auto f = flag(*it, where, m.from);
        if (!f) return f.error();
        rec[m.to] = f.value();
      } else {
        rec[m.to] = *it;
      }
    }
    auto r = add_sample("instafake", label, std::move(rec), where, out, row++);
    if (!r) return r;
  }
  return true;
}

Result<bool> load_srf(const std::string& text, const std::string& file, std::vector<Sample>& out) {
  auto t = parse_csv(text, file);
  if (!t) return t.error();
  const std::vector<std::string> cols = {"rating",
                                         "Username",
                                         "Number.of.posts",
                                         "Number.of.people.they.follow",
                                         "Number.of.followers",
                                         "has_profile_picture",
                                         "Private.account"};
  auto c = columns(t.value(), cols, file);
  if (!c) return c.error();
  const auto& ci = c.value();
  int row = 0;
  for (const CsvRow& r : t.value().rows) {
    std::string where = file + ":" + std::to_string(r.line) + ": ";
    const auto& f = r.fields;
    auto label = csv_bool(f[ci[0]], where, cols[0]);
    if (!label) return label.error();
    if (label.value().is_null()) return make_error("data.value", where + "column 'rating' is empty");
    json rec = json::object();
    rec["username"] = f[ci[1]];
    const char* counts[] = {"media_count", "following_count", "follower_count"};
    for (int k = 0; k < 3; ++k) {
      auto v = csv_count(f[ci[2 + k]], where, cols[2 + k]);
      if (!v) return v.error();
      rec[counts[k]] = v.value();
    }
    auto pic = csv_bool(f[ci[5]], where, cols[5]);
    if (!pic) return pic.error();
    auto priv = csv_bool(f[ci[6]], where, cols[6]);
    if (!priv) return priv.error();
    rec["has_profile_pic"] = pic.value();
    rec["is_private"] = priv.value();
    auto ok = add_sample("srf", label.value() == true ? 1 : 0, std::move(rec), where, out, row++);
    if (!ok) return ok;
  }
  return true;
}

Result<bool> load_kaggle(const std::string& text, const std::string& file, std::vector<Sample>& out) {
  auto t = parse_csv(text, file);
  if (!t) return t.error();
  const std::vector<std::string> cols = {
      "profile pic",    "nums/length username", "fullname words", "nums/length fullname",
      "name==username", "description length",   "external URL",   "private",
      "#posts",         "#followers",           "#follows",       "fake"};
  auto c = columns(t.value(), cols, file);
  if (!c) return c.error();
  const auto& ci = c.value();
  int row = 0;
  for (const CsvRow& r : t.value().rows) {
    std::string where = file + ":" + std::to_string(r.line) + ": ";
    const auto& f = r.fields;
    json rec = json::object();
    // Flags.
    const std::pair<int, const char*> flags[] = {
        {0, "has_profile_pic"}, {4, "full_name_equals_username"}, {6, "has_external_url"}, {7, "is_private"}};
    for (const auto& [k, key] : flags) {
      auto v = csv_bool(f[ci[k]], where, cols[k]);
      if (!v) return v.error();
      rec[key] = v.value();
    }
    // Shares.
    const std::pair<int, const char*> shares[] = {{1, "username_digit_share"}, {3, "full_name_digit_share"}};
    for (const auto& [k, key] : shares) {
      auto v = csv_number(f[ci[k]], where, cols[k]);
      if (!v) return v.error();
      rec[key] = v.value();
    }
    // Counts.
    const std::pair<int, const char*> counts[] = {{2, "full_name_word_count"},
                                                  {5, "biography_length"},
                                                  {8, "media_count"},
                                                  {9, "follower_count"},
                                                  {10, "following_count"}};
    for (const auto& [k, key] : counts) {
      auto v = csv_count(f[ci[k]], where, cols[k]);
      if (!v) return v.error();
      rec[key] = v.value();
    }
    auto label = csv_bool(f[ci[11]], where, cols[11]);
    if (!label) return label.error();
    if (label.value().is_null()) return make_error("data.value", where + "column 'fake' is empty");
    auto ok = add_sample("kaggle", label.value() == true ? 1 : 0, std::move(rec), where, out, row++);
    if (!ok) return ok;
  }
  return true;
}

Result<std::vector<Sample>> load_all(const std::string& dir) {
  std::vector<Sample> out;
  auto srf_path = dir + "/srf/labelled_followers_dev.csv";
  auto srf = read_file(srf_path);
  if (!srf) return srf.error();
  if (auto r = load_srf(srf.value(), srf_path, out); !r) return r.error();
  auto kg_path = dir + "/kaggle-free4ever1/train.csv";
  auto kg = read_file(kg_path);
  if (!kg) return kg.error();
  if (auto r = load_kaggle(kg.value(), kg_path, out); !r) return r.error();
  // instafake rows are numbered fake file first, then real file.
  const std::pair<const char*, int> files[] = {{"fakeAccountData.json", 1}, {"realAccountData.json", 0}};
  for (const auto& [name, label] : files) {
    auto path = dir + "/instafake/" + name;
    auto txt = read_file(path);
    if (!txt) return txt.error();
    if (auto r = load_instafake(txt.value(), path, label, out); !r) return r.error();
  }
  return out;
}

}  // namespace fm::train
