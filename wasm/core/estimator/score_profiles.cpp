#include "score_profiles.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace fm {

namespace {
constexpr double kSmoothingAccounts = 5;  // pseudo-accounts of the pooled shape per profile
constexpr double kUniformAccounts = 0.5;  // and spread evenly, so no cell is impossible

template <size_t K>
int bin_of(const std::array<double, K>& edges, double p) {
  return int(std::upper_bound(edges.begin(), edges.end(), p) - edges.begin());
}

template <size_t K>
std::array<double, K> quantile_edges(std::vector<double> v) {
  std::array<double, K> e{};
  std::sort(v.begin(), v.end());
  for (size_t k = 0; k < K; ++k) e[k] = v.empty() ? double(k + 1) / (K + 1) : v[(v.size() * (k + 1)) / (K + 1)];
  for (size_t k = 1; k < K; ++k) e[k] = std::max(e[k], e[k - 1] + 1e-9);  // strictly increasing
  return e;
}
}  // namespace

int ScoreProfiles::lite_bin(double p) const { return bin_of(lite_edges, p); }
int ScoreProfiles::full_bin(double p) const { return bin_of(full_edges, p); }

ScoreProfiles build_profiles(const std::vector<ProfileSample>& rows, const std::string& model_version) {
  ScoreProfiles out;
  out.model_version = model_version;
  std::vector<double> pl, pf;
  for (const auto& r : rows) pl.push_back(r.p_lite), pf.push_back(r.p_full);
  out.lite_edges = quantile_edges<kLiteBins - 1>(pl);
  out.full_edges = quantile_edges<kFullBins - 1>(pf);
  std::map<std::pair<std::string, bool>, std::array<double, kJointCells>> counts;
  std::array<double, kJointCells> pooled[2]{};
  double pooled_n[2] = {0, 0};
  for (const auto& r : rows) {
    int cell = out.lite_bin(r.p_lite) * kFullBins + out.full_bin(r.p_full);
    counts[{r.source, r.fake}][cell] += 1;
    pooled[r.fake][cell] += 1;
    pooled_n[r.fake] += 1;
  }
  for (const auto& [key, c] : counts) {
    ScoreProfile p;
    p.source = key.first;
    p.fake = key.second;
    for (double v : c) p.accounts += v;
    double total = p.accounts + kSmoothingAccounts + kUniformAccounts;
    for (int k = 0; k < kJointCells; ++k)
      p.joint[k] = (c[k] + kSmoothingAccounts * pooled[p.fake][k] / pooled_n[p.fake] +
                    kUniformAccounts / kJointCells) / total;
    out.profiles.push_back(p);
  }
  return out;
}

json profiles_to_json(const ScoreProfiles& p) {
  json list = json::array();
  for (const auto& s : p.profiles)
    list.push_back({{"source", s.source}, {"fake", s.fake}, {"accounts", s.accounts}, {"joint", s.joint}});
  return {{"model_version", p.model_version},
          {"lite_edges", p.lite_edges},
          {"full_edges", p.full_edges},
          {"profiles", list}};
}

namespace {
template <size_t K>
bool read_array(const json& j, const char* key, std::array<double, K>& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array() || it->size() != K) return false;
  for (size_t k = 0; k < K; ++k) {
    if (!(*it)[k].is_number()) return false;
    out[k] = (*it)[k].template get<double>();
    if (!std::isfinite(out[k])) return false;
  }
  return true;
}
}  // namespace

Result<ScoreProfiles> profiles_from_json(const json& j) {
  auto bad = [](const std::string& what) { return make_error("profiles.shape", "score profiles: " + what); };
  if (!j.is_object()) return bad("not an object");
  ScoreProfiles p;
  auto v = read_string(j, "model_version", "", 200);
  if (!v || !v.value()) return bad("model_version missing");
  p.model_version = *v.value();
  if (!read_array(j, "lite_edges", p.lite_edges) || !read_array(j, "full_edges", p.full_edges))
    return bad("bin edges must be arrays of " + std::to_string(kLiteBins - 1) + " and " +
               std::to_string(kFullBins - 1) + " numbers");
  auto list = j.find("profiles");
  if (list == j.end() || !list->is_array() || list->empty()) return bad("profiles missing");
  bool any_fake = false, any_real = false;
  for (const auto& e : *list) {
    if (!e.is_object()) return bad("a profile is not an object");
    ScoreProfile s;
    auto src = read_string(e, "source", "", 100);
    auto fake = read_bool(e, "fake", "");
    auto n = read_number(e, "accounts", "", 0, 1e9);
    if (!src || !src.value() || !fake || !fake.value() || !n || !n.value() || !read_array(e, "joint", s.joint))
      return bad("each profile needs source, fake, accounts and " + std::to_string(kJointCells) + " cells");
    s.source = *src.value();
    s.fake = *fake.value();
    s.accounts = *n.value();
    double sum = 0;
    for (double c : s.joint) {
      if (c <= 0) return bad("profile " + s.source + " has a cell without mass");
      sum += c;
    }
    if (std::fabs(sum - 1) > 1e-6) return bad("profile " + s.source + " does not sum to 1");
    (s.fake ? any_fake : any_real) = true;
    p.profiles.push_back(s);
  }
  if (!any_fake || !any_real) return bad("needs at least one fake and one real profile");
  return p;
}

}  // namespace fm
