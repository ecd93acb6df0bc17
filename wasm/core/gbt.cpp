#include "gbt.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "size_optimized.h"

namespace fm {

PackedEnsemble pack_ensemble(const Ensemble& e) {
  PackedEnsemble p;
  p.base_score = e.base_score;
  p.roots.reserve(e.trees.size());
  for (const Tree& t : e.trees) {
    auto base = static_cast<int32_t>(p.nodes.size());
    p.roots.push_back(base);
    std::vector<int> depth(t.feature.size(), 0);
    for (size_t n = 0; n < t.feature.size(); ++n) {
      auto self = base + static_cast<int32_t>(n);
      if (t.feature[n] < 0) {  // a leaf steps to itself, crediting feature 0 with nothing
        p.nodes.push_back({0.0, t.value[n], self, self, 0, 0});
        continue;
      }
      p.nodes.push_back(
          {t.threshold[n], t.value[n], base + t.left[n], base + t.right[n], t.feature[n], t.default_left[n]});
      // Children lie after their parent (checked when a model loads), so one pass finds depths.
      for (int32_t c : {t.left[n], t.right[n]})
        if (c > static_cast<int32_t>(n) && c < static_cast<int32_t>(depth.size()))
          depth[c] = std::max(depth[c], depth[n] + 1);
    }
    for (int d : depth) p.depth = std::max(p.depth, d);
  }
  return p;
}

namespace {
// One step down a tree; with kExplain, the split's feature is credited the change of the mean
// output (Saabas attribution). At a leaf the step stays put and credits 0.
template <bool kExplain>
inline const PackedNode* step(const PackedNode* nodes, const PackedNode* nd, const FeatureVector& x, double* contrib) {
  double v = x[nd->feature];
  // NaN fails every comparison: it goes where the node's learned default says.
  // Bitwise, not ||/&&: no branch to mispredict (the direction is data, not pattern).
  bool go_left = (v < nd->threshold) | (std::isnan(v) & (nd->default_left != 0));
  const PackedNode* child = nodes + (go_left ? nd->left : nd->right);
  if (kExplain) contrib[nd->feature] += child->value - nd->value;
  return child;
}

// Every tree takes `depth` steps, four trees in lockstep: their walks are independent, so the
// processor overlaps them instead of waiting on one chain of loads (scoring's largest cost).
// Leaves are summed in tree order, so the margin is the same double as one tree at a time.
template <bool kExplain>
double walk(const PackedEnsemble& e, const FeatureVector& x, double* contrib) {
  const PackedNode* nodes = e.nodes.data();
  const int32_t* roots = e.roots.data();
  const size_t n = e.roots.size();
  double margin = e.base_score;
  size_t t = 0;
  for (; t + 4 <= n; t += 4) {
    const PackedNode *a = nodes + roots[t], *b = nodes + roots[t + 1], *c = nodes + roots[t + 2],
                     *d = nodes + roots[t + 3];
    for (int level = 0; level < e.depth; ++level) {
      a = step<kExplain>(nodes, a, x, contrib);
      b = step<kExplain>(nodes, b, x, contrib);
      c = step<kExplain>(nodes, c, x, contrib);
      d = step<kExplain>(nodes, d, x, contrib);
    }
    margin += a->value;
    margin += b->value;
    margin += c->value;
    margin += d->value;
  }
  for (; t < n; ++t) {
    const PackedNode* a = nodes + roots[t];
    for (int level = 0; level < e.depth; ++level) a = step<kExplain>(nodes, a, x, contrib);
    margin += a->value;
  }
  return margin;
}
}  // namespace

double predict_margin(const PackedEnsemble& e, const FeatureVector& x, double* contrib) {
  return contrib ? walk<true>(e, x, contrib) : walk<false>(e, x, nullptr);
}

double predict_margin(const Ensemble& e, const FeatureVector& x, double* contrib) {
  return predict_margin(pack_ensemble(e), x, contrib);
}

// Model files are read once per engine: built for size.
FM_SIZE_OPTIMIZED_BEGIN

json ensemble_to_json(const Ensemble& e) {
  json trees = json::array();
  for (const Tree& t : e.trees) {
    trees.push_back({{"feature", t.feature},
                     {"threshold", t.threshold},
                     {"left", t.left},
                     {"right", t.right},
                     {"default_left", t.default_left},
                     {"value", t.value}});
  }
  return {{"base_score", e.base_score}, {"trees", trees}};
}

namespace {
// Integer arrays take whole numbers that fit T: casting any other double to T is undefined.
template <typename T>
bool read_array(const json& j, const char* key, std::vector<T>& out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return false;
  out.clear();
  out.reserve(it->size());
  for (const auto& v : *it) {
    if (!v.is_number()) return false;
    double d = v.get<double>();
    if (!std::isfinite(d)) return false;
    if (std::is_integral<T>::value &&
        (std::floor(d) != d || d < double(std::numeric_limits<T>::min()) || d > double(std::numeric_limits<T>::max())))
      return false;
    out.push_back(static_cast<T>(d));
  }
  return true;
}
}  // namespace

Result<Ensemble> ensemble_from_json(const json& j, const std::string& where) {
  if (!j.is_object()) return make_error("model.shape", where + " must be an object");
  Ensemble e;
  auto bs = j.find("base_score");
  if (bs == j.end() || !bs->is_number() || !(std::fabs(bs->get<double>()) <= kMaxAbsTreeValue))
    return make_error("model.shape", where + ".base_score must be a number within +-" + fmt_num(kMaxAbsTreeValue));
  e.base_score = bs->get<double>();
  auto trees = j.find("trees");
  if (trees == j.end() || !trees->is_array()) return make_error("model.shape", where + ".trees must be an array");
  if (trees->size() > kMaxTrees)
    return make_error("model.limit", where + ".trees has " + std::to_string(trees->size()) + " trees, limit " +
                                         std::to_string(kMaxTrees));
  for (size_t ti = 0; ti < trees->size(); ++ti) {
    const json& tj = (*trees)[ti];
    std::string tw = where + ".trees[" + std::to_string(ti) + "]";
    if (!tj.is_object()) return make_error("model.shape", tw + " must be an object");
    Tree t;
    if (!read_array(tj, "feature", t.feature) || !read_array(tj, "threshold", t.threshold) ||
        !read_array(tj, "left", t.left) || !read_array(tj, "right", t.right) ||
        !read_array(tj, "default_left", t.default_left) || !read_array(tj, "value", t.value))
      return make_error("model.shape", tw + " needs numeric arrays feature, threshold, left, right, default_left, value"
                                            " (whole numbers in range for feature, left, right, default_left)");
    size_t n = t.feature.size();
    if (n > kMaxTreeNodes)
      return make_error("model.limit",
                        tw + " has " + std::to_string(n) + " nodes, limit " + std::to_string(kMaxTreeNodes));
    if (n == 0 || t.threshold.size() != n || t.left.size() != n || t.right.size() != n || t.default_left.size() != n ||
        t.value.size() != n)
      return make_error("model.shape", tw + " has arrays of different lengths");
    // Children must point strictly forward: no cycles, no out-of-range reads.
    for (size_t k = 0; k < n; ++k) {
      if (!(std::fabs(t.value[k]) <= kMaxAbsTreeValue))
        return make_error("model.shape",
                          tw + " node " + std::to_string(k) + " has a value beyond +-" + fmt_num(kMaxAbsTreeValue));
      if (t.feature[k] >= kFeatureCount)
        return make_error("model.shape",
                          tw + " node " + std::to_string(k) + " names unknown feature " + std::to_string(t.feature[k]));
      if (t.feature[k] < 0) continue;
      if (t.left[k] <= int32_t(k) || t.right[k] <= int32_t(k) || t.left[k] >= int32_t(n) || t.right[k] >= int32_t(n))
        return make_error("model.shape", tw + " node " + std::to_string(k) + " links outside the tree");
    }
    e.trees.push_back(std::move(t));
  }
  return e;
}

FM_SIZE_OPTIMIZED_END

}  // namespace fm
