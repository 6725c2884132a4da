// Result<T>: the one way this project reports expected failures.
//
// A function that can fail on bad input (a malformed definition, an invalid
// response, a wrong resume code, a full disk) returns Result<T>: either the
// value or an Error that says what was wrong and where. Exceptions are kept
// for bugs (broken invariants), and are caught only at the outermost layer.
// See docs/architecture.md.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace parorende {

// One concrete problem: where it is (a JSON path, an item id, a line number)
// and what is wrong there.
struct Problem {
  std::string where;
  std::string code;  // machine-readable, e.g. "out_of_range"
  std::string message;
};

// Why an operation failed. `code` is stable and machine-readable (the HTTP
// layer maps it to a status); `message` is a one-line summary for people;
// `problems` lists every individual problem when there are several.
struct Error {
  std::string code;
  std::string message;
  std::vector<Problem> problems;

  // Summary plus one line per problem, for terminals and logs.
  std::string describe() const;
};

Error make_error(std::string code, std::string message);
Error make_error(std::string code, std::string message, std::vector<Problem> problems);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}
  Result(Error error) : state_(std::move(error)) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(state_));
  }
  const Error& error() const {
    assert(!ok());
    return std::get<1>(state_);
  }
  Error&& take_error() {
    assert(!ok());
    return std::get<1>(std::move(state_));
  }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Error> state_;
};

// Result of an operation that yields nothing but may fail.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), failed_(true) {}

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(failed_);
    return error_;
  }
  Error&& take_error() {
    assert(failed_);
    return std::move(error_);
  }

 private:
  Error error_;
  bool failed_ = false;
};

using Status = Result<void>;

}  // namespace parorende
