// Errors cross every boundary as values: the wasm build has no C++ exceptions
// (a throw would abort the whole module), so the core never throws.
#pragma once
#include <string>
#include <utility>
#include <variant>

namespace fm {

// A failure with a stable, greppable id ("account.type", "model.parse", ...)
// and a sentence for people that names what was wrong and where.
struct Error {
  std::string id;
  std::string message;
  std::string text() const { return "[" + id + "] " + message; }
};

template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const { return std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

inline Error make_error(std::string id, std::string message) { return Error{std::move(id), std::move(message)}; }

}  // namespace fm
