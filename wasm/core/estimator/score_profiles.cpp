#include "score_profiles.h"

#include <algorithm>
#include <cmath>
#include <map>
#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm {

namespace {
constexpr double kSmoothingAccounts = 4;  // pseudo-accounts of the label's pooled shape per histogram
constexpr double kUniformAccounts = 0.5;  // and spread evenly, so no bin is impossible

std::array<double, kProfileBins - 1> quantile_edges(std::vector<double> v) {
  std::array<double, kProfileBins - 1> e{};
  std::sort(v.begin(), v.end());
  for (size_t k = 0; k < e.size(); ++k)
    e[k] = v.empty() ? double(k + 1) / kProfileBins : v[(v.size() * (k + 1)) / kProfileBins];
  for (size_t k = 1; k < e.size(); ++k) e[k] = std::max(e[k], e[k - 1] + 1e-9);  // strictly increasing
  return e;
}
}  // namespace

int ScoreProfiles::bin(double p) const {
  return int(std::upper_bound(edges.begin(), edges.end(), p) - edges.begin());
}

ScoreProfiles build_profiles(const std::vector<ProfileSample>& rows, double threshold,
                             const std::string& model_version) {
  ScoreProfiles out;
  out.model_version = model_version;
  out.threshold = threshold;
  std::vector<double> pf;
  for (const auto& r : rows) pf.push_back(r.p_full);
  out.edges = quantile_edges(pf);
  struct Counts {
    std::array<double, kProfileBins> fake{}, real{};
    double n_fake = 0, n_real = 0, flagged_fake = 0, flagged_real = 0;
  };
  std::map<std::string, Counts> by_source;
  std::array<double, kProfileBins> pooled[2]{};
  double pooled_n[2] = {0, 0};
  for (const auto& r : rows) {
    int b = out.bin(r.p_full);
    Counts& c = by_source[r.source];
    bool flag = r.p_full >= threshold;
    if (r.fake) c.fake[b] += 1, c.n_fake += 1, c.flagged_fake += flag;
    else c.real[b] += 1, c.n_real += 1, c.flagged_real += flag;
    pooled[r.fake][b] += 1;
    pooled_n[r.fake] += 1;
  }
  auto smooth = [&](const std::array<double, kProfileBins>& c, double n, int label) {
    std::array<double, kProfileBins> h{};
    double total = n + kSmoothingAccounts + kUniformAccounts;
    for (int b = 0; b < kProfileBins; ++b)
      h[b] = (c[b] + kSmoothingAccounts * (pooled_n[label] > 0 ? pooled[label][b] / pooled_n[label] : 1.0 / kProfileBins) +
              kUniformAccounts / kProfileBins) / total;
    return h;
  };
  for (const auto& [name, c] : by_source) {
    if (c.n_fake < 1 || c.n_real < 1) continue;  // a source needs both labels to be a regime
    SourceProfile s;
    s.source = name;
    s.n_fake = c.n_fake, s.n_real = c.n_real;
    s.tpr = c.flagged_fake / c.n_fake, s.fpr = c.flagged_real / c.n_real;
    s.fake = smooth(c.fake, c.n_fake, 1);
    s.real = smooth(c.real, c.n_real, 0);
    out.sources.push_back(s);
  }
  return out;
}

json profiles_to_json(const ScoreProfiles& p) {
  json list = json::array();
  for (const auto& s : p.sources)
    list.push_back({{"source", s.source}, {"n_fake", s.n_fake}, {"n_real", s.n_real}, {"tpr", s.tpr},
                    {"fpr", s.fpr}, {"fake", s.fake}, {"real", s.real}});
  return {{"model_version", p.model_version}, {"threshold", p.threshold}, {"edges", p.edges}, {"sources", list}};
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

bool is_distribution(const std::array<double, kProfileBins>& h) {
  double sum = 0;
  for (double v : h) {
    if (!(v > 0)) return false;
    sum += v;
  }
  return std::fabs(sum - 1) < 1e-6;
}
}  // namespace

Result<ScoreProfiles> profiles_from_json(const json& j) {
  auto bad = [](const std::string& what) { return make_error("profiles.shape", "score profiles: " + what); };
  if (!j.is_object()) return bad("not an object");
  ScoreProfiles p;
  auto v = read_string(j, "model_version", "", 200);
  if (!v || !v.value()) return bad("model_version missing");
  p.model_version = *v.value();
  auto t = read_number(j, "threshold", "", 0, 1);
  if (!t || !t.value()) return bad("threshold missing or not in [0, 1]");
  p.threshold = *t.value();
  if (!read_array(j, "edges", p.edges))
    return bad("edges must be an array of " + std::to_string(kProfileBins - 1) + " numbers");
  for (size_t k = 1; k < p.edges.size(); ++k)
    if (!(p.edges[k] > p.edges[k - 1])) return bad("edges must increase");
  auto list = j.find("sources");
  if (list == j.end() || !list->is_array() || list->empty()) return bad("sources missing");
  for (size_t i = 0; i < list->size(); ++i) {
    const json& e = (*list)[i];
    std::string where = "sources[" + std::to_string(i) + "]";
    if (!e.is_object()) return bad(where + " is not an object");
    SourceProfile s;
    auto src = read_string(e, "source", "", 100);
    auto nf = read_number(e, "n_fake", "", 1, 1e9);
    auto nr = read_number(e, "n_real", "", 1, 1e9);
    auto tpr = read_number(e, "tpr", "", 0, 1);
    auto fpr = read_number(e, "fpr", "", 0, 1);
    if (!src || !src.value() || !nf || !nf.value() || !nr || !nr.value() || !tpr || !tpr.value() || !fpr ||
        !fpr.value())
      return bad(where + " needs source, n_fake, n_real (>= 1), tpr and fpr (in [0, 1])");
    if (!read_array(e, "fake", s.fake) || !read_array(e, "real", s.real))
      return bad(where + " needs fake and real histograms of " + std::to_string(kProfileBins) + " numbers");
    if (!is_distribution(s.fake) || !is_distribution(s.real))
      return bad(where + ": each histogram must be positive in every bin and sum to 1");
    s.source = *src.value();
    s.n_fake = *nf.value(), s.n_real = *nr.value();
    s.tpr = *tpr.value(), s.fpr = *fpr.value();
    p.sources.push_back(s);
  }
  return p;
}

Result<ScoreProfiles> profiles_from_text(const std::string& text) {
  auto j = parse_json(text, "the score profiles");
  if (!j) return j.error();
  return profiles_from_json(j.value());
}

}  // namespace fm

FM_SIZE_OPTIMIZED_END
