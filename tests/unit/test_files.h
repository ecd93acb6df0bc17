// Files the unit tests read: the repository's own (fixtures, committed models) and the shared
// labelled data beside it (../shared/data, or where FM_DATA_DIR says).
#pragma once
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace fm_test {

// The file's bytes, or "" when it cannot be read (the caller says what is missing).
inline std::string read_file(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// A path inside the repository.
inline std::string repo_file(const std::string& relative) { return std::string(FM_SOURCE_DIR) + "/" + relative; }

// A path inside the shared labelled data.
inline std::string data_file(const std::string& relative) {
  const char* dir = std::getenv("FM_DATA_DIR");
  return (dir && *dir ? std::string(dir) : std::string(FM_SOURCE_DIR) + "/../shared/data") + "/" + relative;
}

}  // namespace fm_test
