// The one place where core Errors become Python exceptions (classes of tracekit.errors).
#pragma once

#include <pybind11/pybind11.h>

#include "common/result.h"

namespace tracekit::python {

[[noreturn]] void raise_error(const Error& error);

template <class T>
T unwrap(Result<T>&& result) {
  if (!result.ok()) raise_error(result.error());
  return std::move(result).value();
}

inline void check(Status&& status) {
  if (!status.ok()) raise_error(status.error());
}

}  // namespace tracekit::python
