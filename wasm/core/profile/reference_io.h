// The JSON pieces the committed reference tables are made of (models/engagement_reference.json,
// models/large_accounts_reference.json): distributions as quantile tables, lines, and a feature
// as a line plus its residuals. Reading is checked: the files are ours, but a broken one must be
// an error ("reference.shape" naming the field), never an abort.
#pragma once
#include <string>

#include "json_util.h"
#include "reference.h"

namespace fm::prof {

// Six significant digits keep the committed files readable and their diffs small.
double round6(double v);

json distribution_json(const Distribution& d);
json data_tiers_json(const std::vector<DataTier>& tiers);
json line_json(const LineFit& f);
json conditional_json(const Conditional& c);

Result<double> read_ref_number(const json& o, const char* key, const std::string& where);
Result<const json*> read_ref_object(const json& o, const char* key, const std::string& where);
Result<Distribution> read_distribution(const json& o, const char* key, const std::string& where);
Result<LineFit> read_line(const json& o, const char* key, const std::string& where);
Result<Conditional> read_conditional(const json& o, const char* key, const std::string& where);
Result<std::vector<DataTier>> read_data_tiers(const json& o, const char* key, const std::string& where);

// Fits a feature that drifts with x: the line and the distribution of residuals around it.
Conditional fit_conditional(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace fm::prof

// Reads `expr` (a Result) into `target`, or returns its error from the enclosing function.
#define FM_REF_GET(target, expr) \
  do {                           \
    auto v_ = (expr);            \
    if (!v_) return v_.error();  \
    target = v_.value();         \
  } while (0)
