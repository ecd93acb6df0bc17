#include "score_profiles.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
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

int bin_of(const std::array<double, kProfileBins - 1>& edges, double p) {
  return int(std::upper_bound(edges.begin(), edges.end(), p) - edges.begin());
}
}  // namespace

int ScoreProfiles::bin(double p) const { return bin_of(edges, p); }
int ScoreProfiles::lite_bin(double p) const { return bin_of(lite_edges, p); }

SourceProfile SourceProfile::lite() const {
  SourceProfile l = *this;
  l.fake = lite_fake, l.real = lite_real;
  return l;
}

ScoreProfiles ScoreProfiles::lite_view() const {
  ScoreProfiles l = *this;
  l.edges = lite_edges;
  for (auto& s : l.sources) s = s.lite();
  return l;
}

namespace {
using Hist = std::array<double, kProfileBins>;

// A histogram of c's n accounts smoothed toward its label's pooled shape (a few accounts'
// worth) and spread evenly, so no bin is impossible.
Hist smoothed(const Hist& c, double n, const Hist& pooled, double pooled_n) {
  Hist h{};
  double total = n + kSmoothingAccounts + kUniformAccounts;
  for (int b = 0; b < kProfileBins; ++b)
    h[b] = (c[b] + kSmoothingAccounts * (pooled_n > 0 ? pooled[b] / pooled_n : 1.0 / kProfileBins) +
            kUniformAccounts / kProfileBins) /
           total;
  return h;
}
}  // namespace

ScoreProfiles build_profiles(const std::vector<ProfileSample>& rows,
                             double threshold,
                             const std::string& model_version) {
  ScoreProfiles out;
  out.model_version = model_version;
  out.threshold = threshold;
  std::vector<double> pf, pl;
  out.has_lite = !rows.empty();
  for (const auto& r : rows) {
    pf.push_back(r.p_full);
    if (r.p_lite) pl.push_back(*r.p_lite);
    else out.has_lite = false;
  }
  out.edges = quantile_edges(pf);
  if (out.has_lite) out.lite_edges = quantile_edges(pl);
  // Per source and label ([0] real, [1] fake): counts per full and per lite bin.
  struct Counts {
    std::array<Hist, 2> full{}, lite{};
    double n[2] = {0, 0}, flagged[2] = {0, 0};
  };
  std::map<std::string, Counts> by_source;
  Counts pooled;
  for (const auto& r : rows) {
    int f = r.fake, b = out.bin(r.p_full), lb = out.has_lite ? out.lite_bin(*r.p_lite) : 0;
    for (Counts* c : {&by_source[r.source], &pooled}) {
      c->full[f][b] += 1, c->lite[f][lb] += 1;
      c->n[f] += 1, c->flagged[f] += r.p_full >= threshold;
    }
  }
  for (const auto& [name, c] : by_source) {
    if (c.n[1] < 1 || c.n[0] < 1) continue;  // a source needs both labels to be a regime
    SourceProfile s;
    s.source = name;
    s.n_fake = c.n[1], s.n_real = c.n[0];
    s.tpr = c.flagged[1] / c.n[1], s.fpr = c.flagged[0] / c.n[0];
    s.fake = smoothed(c.full[1], c.n[1], pooled.full[1], pooled.n[1]);
    s.real = smoothed(c.full[0], c.n[0], pooled.full[0], pooled.n[0]);
    if (out.has_lite) {
      s.lite_fake = smoothed(c.lite[1], c.n[1], pooled.lite[1], pooled.n[1]);
      s.lite_real = smoothed(c.lite[0], c.n[0], pooled.lite[0], pooled.n[0]);
    }
    out.sources.push_back(s);
  }
  return out;
}

namespace {
// Seven significant digits: the profiles rest on a few hundred accounts each, and every digit more
// is compiled into the engine. (The threshold stays exact: it must match the model's.)
double r7(double v) { return std::strtod(fmt_num(v, 7).c_str(), nullptr); }
template <size_t K>
json rounded(const std::array<double, K>& a) {
  json out = json::array();
  for (double v : a) out.push_back(r7(v));
  return out;
}
}  // namespace

json profiles_to_json(const ScoreProfiles& p) {
  json list = json::array();
  for (const auto& s : p.sources) {
    json e = {{"source", s.source}, {"n_fake", s.n_fake},      {"n_real", s.n_real},     {"tpr", r7(s.tpr)},
              {"fpr", r7(s.fpr)},   {"fake", rounded(s.fake)}, {"real", rounded(s.real)}};
    if (p.has_lite) e["lite_fake"] = rounded(s.lite_fake), e["lite_real"] = rounded(s.lite_real);
    list.push_back(e);
  }
  json j = {
      {"model_version", p.model_version}, {"threshold", p.threshold}, {"edges", rounded(p.edges)}, {"sources", list}};
  if (p.has_lite) j["lite_edges"] = rounded(p.lite_edges);
  if (p.definition_weighting != 1) j["definition_weighting"] = p.definition_weighting;
  if (p.definition_spread > 0) j["definition_spread"] = p.definition_spread;
  if (p.definition_bounds) j["definition_bounds"] = true;
  return j;
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
  auto read_edges = [&](const char* key, std::array<double, kProfileBins - 1>& edges) -> std::optional<Error> {
    if (!read_array(j, key, edges))
      return bad(std::string(key) + " must be an array of " + std::to_string(kProfileBins - 1) + " numbers");
    for (size_t k = 1; k < edges.size(); ++k)
      if (!(edges[k] > edges[k - 1])) return bad(std::string(key) + " must increase");
    return std::nullopt;
  };
  if (auto e = read_edges("edges", p.edges)) return *e;
  auto spread = read_number(j, "definition_spread", "", 0, 100);
  if (!spread) return bad("definition_spread must be a number in [0, 100]");
  p.definition_spread = spread.value().value_or(0.0);
  auto weighting = read_number(j, "definition_weighting", "", 0, 1);
  if (!weighting) return bad("definition_weighting must be a number in [0, 1]");
  p.definition_weighting = weighting.value().value_or(1.0);
  if (auto b = j.find("definition_bounds"); b != j.end()) {
    if (!b->is_boolean()) return bad("definition_bounds must be true or false");
    p.definition_bounds = b->get<bool>();
  }
  // Lite histograms are optional (older profiles lack them), but all or nothing.
  p.has_lite = j.contains("lite_edges");
  if (p.has_lite)
    if (auto e = read_edges("lite_edges", p.lite_edges)) return *e;
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
    if (p.has_lite && (!read_array(e, "lite_fake", s.lite_fake) || !read_array(e, "lite_real", s.lite_real)))
      return bad(where + " needs lite_fake and lite_real histograms of " + std::to_string(kProfileBins) +
                 " numbers, as lite_edges is given");
    if (!is_distribution(s.fake) || !is_distribution(s.real) ||
        (p.has_lite && (!is_distribution(s.lite_fake) || !is_distribution(s.lite_real))))
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
