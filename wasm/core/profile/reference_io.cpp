#include "reference_io.h"

#include <cstdlib>

#include "size_optimized.h"

FM_SIZE_OPTIMIZED_BEGIN

namespace fm::prof {

double round6(double v) { return std::strtod(fmt_num(v, 6).c_str(), nullptr); }

json distribution_json(const Distribution& d) {
  json q = json::array();
  for (double v : d.q) q.push_back(round6(v));
  return json{{"n", d.n}, {"q", q}};
}
json data_tiers_json(const std::vector<DataTier>& tiers) {
  json out = json::array();
  for (const auto& d : tiers)
    out.push_back({{"min_followers", d.min_followers},
                   {"max_followers", d.max_followers},
                   {"n", d.n},
                   {"median_rate", round6(d.median_rate)}});
  return out;
}
json line_json(const LineFit& f) { return json{{"a", round6(f.a)}, {"b", round6(f.b)}}; }
json conditional_json(const Conditional& c) {
  return json{{"line", line_json(c.line)}, {"residual", distribution_json(c.residual)}};
}

Conditional fit_conditional(const std::vector<double>& x, const std::vector<double>& y) {
  Conditional c;
  c.line = fit_line(x, y);
  std::vector<double> res;
  for (size_t i = 0; i < x.size(); ++i) res.push_back(y[i] - c.line.at(x[i]));
  c.residual = make_distribution(res);
  return c;
}

Result<double> read_ref_number(const json& o, const char* key, const std::string& where) {
  auto v = read_number(o, key, where, -1e15, 1e15);
  if (!v) return v.error();
  if (!v.value()) return make_error("reference.shape", where + "." + key + " is missing");
  return *v.value();
}
Result<const json*> read_ref_object(const json& o, const char* key, const std::string& where) {
  auto it = o.find(key);
  if (it == o.end() || !it->is_object()) return make_error("reference.shape", where + "." + key + " must be an object");
  return &*it;
}
Result<Distribution> read_distribution(const json& o, const char* key, const std::string& where) {
  auto d = read_ref_object(o, key, where);
  if (!d) return d.error();
  Distribution out;
  auto n = read_ref_number(*d.value(), "n", where + "." + key);
  if (!n) return n.error();
  out.n = int(n.value());
  auto q = d.value()->find("q");
  if (q == d.value()->end() || !q->is_array() || q->size() < 2)
    return make_error("reference.shape", where + "." + key + ".q must be an array of at least 2 numbers");
  for (const auto& v : *q) {
    if (!v.is_number()) return make_error("reference.shape", where + "." + key + ".q holds a non-number");
    double x = v.get<double>();
    if (!out.q.empty() && x < out.q.back())
      return make_error("reference.shape", where + "." + key + ".q must not decrease");
    out.q.push_back(x);
  }
  return out;
}
Result<LineFit> read_line(const json& o, const char* key, const std::string& where) {
  auto d = read_ref_object(o, key, where);
  if (!d) return d.error();
  LineFit f;
  FM_REF_GET(f.a, read_ref_number(*d.value(), "a", where + "." + key));
  FM_REF_GET(f.b, read_ref_number(*d.value(), "b", where + "." + key));
  return f;
}
Result<Conditional> read_conditional(const json& o, const char* key, const std::string& where) {
  auto d = read_ref_object(o, key, where);
  if (!d) return d.error();
  Conditional c;
  FM_REF_GET(c.line, read_line(*d.value(), "line", where + "." + key));
  FM_REF_GET(c.residual, read_distribution(*d.value(), "residual", where + "." + key));
  return c;
}

Result<std::vector<DataTier>> read_data_tiers(const json& o, const char* key, const std::string& where) {
  const std::string w = where + "." + key;
  auto tiers = o.find(key);
  if (tiers == o.end() || !tiers->is_array()) return make_error("reference.shape", w + " must be an array");
  std::vector<DataTier> out;
  for (const auto& t : *tiers) {
    if (!t.is_object()) return make_error("reference.shape", w + " holds a non-object");
    DataTier d;
    double n = 0;
    FM_REF_GET(d.min_followers, read_ref_number(t, "min_followers", w));
    FM_REF_GET(d.max_followers, read_ref_number(t, "max_followers", w));
    FM_REF_GET(n, read_ref_number(t, "n", w));
    d.n = int(n);
    FM_REF_GET(d.median_rate, read_ref_number(t, "median_rate", w));
    out.push_back(d);
  }
  return out;
}

}  // namespace fm::prof

FM_SIZE_OPTIMIZED_END
