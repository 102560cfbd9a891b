// Capability probing and kernel BTF questions (kernel/capabilities.h, kernel/kernel_btf.h).
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "errors.h"
#include "runtime/kernel/capabilities.h"
#include "runtime/kernel/kernel_btf.h"
#include "runtime/sys/tracefs.h"

namespace py = pybind11;

namespace tracekit::python {
namespace {

py::tuple as_tuple(const kernel::Capability& c) { return py::make_tuple(c.supported, c.detail, c.feature); }

}  // namespace

void register_kernel(py::module_& m) {
  // capability("fentry") -> (supported, detail, feature); probed once per process.
  m.def("capability", [](const std::string& name) {
    for (kernel::Feature f : kernel::all_features()) {
      if (name == kernel::feature_name(f)) {
        const kernel::Capability* c;
        {
          py::gil_scoped_release release;
          c = &kernel::capability(f);
        }
        return as_tuple(*c);
      }
    }
    throw py::value_error("unknown kernel feature '" + name + "'");
  });
  m.def("capability_names", [] {
    std::vector<std::string> out;
    for (kernel::Feature f : kernel::all_features()) out.push_back(kernel::feature_name(f));
    return out;
  });
  m.def("kernel_struct_has_field", [](const std::string& s, const std::string& field) {
    return unwrap(kernel::struct_has_field(s, field));
  });
  m.def("kernel_enum_has_value", [](const std::string& e, const std::string& value) {
    return unwrap(kernel::enum_has_value(e, value));
  });
  m.def("kernel_function_has_btf", [](const std::string& fn) {
    auto id = kernel::function_btf_id(fn);
    if (!id.ok() && id.error().kind == ErrorKind::NotFound) return false;
    unwrap(std::move(id));
    return true;
  });
  m.def("debugfs_root", [] { return unwrap(sys::debugfs_root()); });
}

}  // namespace tracekit::python
