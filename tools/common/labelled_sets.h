// The labelled data sets in ../shared/data, each row mapped to the engine's account record and
// featurised by the engine's own code (fm::account_from_json, fm::extract_features), so the
// tools see exactly what the engine sees. One loader per data format: CSV sets are described by
// a column map (CsvFormat) and read by one loader; InstaFake's JSON arrays have their own.
// A field a set does not carry stays unknown in the record, never 0.
#pragma once
#include <string>
#include <vector>

#include "account.h"
#include "account_features.h"
#include "json_util.h"
#include "result.h"

namespace fm::data {

struct Sample {
  std::string set;  // one of set_names()
  int row = 0;      // 0-based index within its set, in reading order (after duplicates are dropped)
  int label = 0;    // 1 = fake
  // The account, for keeping one account out of a training and a test fold at once: "@" and the
  // normalised username where the set has usernames (the same key across sets), otherwise the
  // set and the row's exact text (identical rows share it).
  std::string account;
  json record;      // the account record as the engine would receive it
  FeatureVector x;  // extract_features(record)
};

// How one CSV column maps onto the account record.
enum class ColumnKind {
  kLabel,    // the fake (1/TRUE) or real (0/FALSE) label
  kText,     // a text field, as written (empty means empty)
  kFlag,     // TRUE/FALSE or 1/0
  kNotFlag,  // the same, inverted (a default-avatar flag -> has_profile_pic)
  kCount,    // a whole number
  kShare,    // a number in [0, 1]
};
struct ColumnMap {
  const char* column;
  ColumnKind kind;
  const char* field;  // the account record's field (unused for the label)
  bool optional;      // the column may be missing from a file of this format (then unknown)
};
struct CsvFormat {
  const char* set;
  const char* username_column;  // nullptr when the set has no usernames
  std::vector<ColumnMap> columns;
};

// The CSV data sets' formats.
const CsvFormat& srf_format();
const CsvFormat& kaggle_format();
const CsvFormat& kaggle_complete_format();
const CsvFormat& parma_format();
const CsvFormat& macerul_format();

// Each loader takes the file's text and its name (for errors) and appends to `out`.
Result<bool> load_csv_set(const std::string& text,
                          const std::string& file,
                          const CsvFormat& f,
                          std::vector<Sample>& out);
Result<bool> load_instafake(const std::string& text, const std::string& file, int label, std::vector<Sample>& out);

// Account records in the engine's own field names, one JSON object per line (an unlabelled
// audience); each goes through the engine's reader, whose error names the line.
Result<std::vector<Account>> load_records(const std::string& text, const std::string& file);

// A username cell as Instagram shows the name: surrounding spaces and a leading '@' dropped.
std::string instagram_name(const std::string& username);

// "@name": instagram_name in lower-case ASCII.
std::string account_key(const std::string& username);

// What loading did, per set, for the reports.
struct SetSummary {
  std::string set;
  int rows_read = 0, duplicates_dropped = 0, n = 0, fakes = 0;
  int shared_accounts = 0;  // accounts that also appear in another set
};

struct Loaded {
  std::vector<Sample> samples;
  std::vector<SetSummary> summary;  // in set_names() order
};

// Reads every set from `data_dir`, in set_names() order. Within a set, an account that appears
// twice (a later snapshot of it, or a repeated row of a set with usernames) keeps its first row.
Result<Loaded> load_all(const std::string& data_dir);

// The data set names in report order.
const std::vector<std::string>& set_names();

// FNV-1a over every sample's set, label, account key and record: changes exactly when what the
// tools read from the data changes.
std::string data_fingerprint(const std::vector<Sample>& samples);

}  // namespace fm::data
