// Result<T>: a value or an Error, to be checked by the caller ([[nodiscard]]).
// A small stand-in for std::expected, which C++20 lacks.
#pragma once

#include <utility>
#include <variant>

#include "common/error.h"

namespace tracekit {

template <class T = std::monostate>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}
  template <class U>
    requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::decay_t<U>, Error> &&
             !std::is_same_v<std::decay_t<U>, Result>)
  Result(U&& value) : state_(std::in_place_index<0>, T(std::forward<U>(value))) {}

  bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  Error& error() & { return std::get<1>(state_); }
  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

using Status = Result<std::monostate>;
inline Status ok_status() { return std::monostate{}; }

// Returns early with the error of a failed Result; otherwise evaluates to its value.
#define TK_TRY(expr)                                  \
  ({                                                  \
    auto _tk_result = (expr);                         \
    if (!_tk_result.ok()) return std::move(_tk_result).error(); \
    std::move(_tk_result).value();                    \
  })

}  // namespace tracekit
