#include "errors.h"

#include <pybind11/stl.h>

namespace py = pybind11;

namespace tracekit::python {
namespace {

const char* class_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Compile: return "CompileError";
    case ErrorKind::Verifier: return "VerifierError";
    case ErrorKind::NotSupported: return "NotSupportedError";
    case ErrorKind::Permission: return "PermissionError";
    case ErrorKind::NotFound: return "NotFoundError";
    case ErrorKind::InvalidArgument: return "InvalidArgumentError";
    default: return "TracekitError";
  }
}

}  // namespace

void raise_error(const Error& error) {
  py::object errors = py::module_::import("tracekit.errors");
  py::object cls = errors.attr(class_for(error.kind));
  py::list diagnostics;
  for (const auto& d : error.diagnostics)
    diagnostics.append(py::make_tuple(d.severity, d.file, d.line, d.column, d.message));
  py::object instance = cls(error.message);
  instance.attr("log") = error.log;
  instance.attr("feature") = error.feature;
  instance.attr("errno") = error.sys_errno;
  instance.attr("diagnostics") = diagnostics;
  PyErr_SetObject(cls.ptr(), instance.ptr());
  throw py::error_already_set();
}

}  // namespace tracekit::python
