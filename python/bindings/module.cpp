// tracekit._core: the native layer under the tracekit package. Private API: the package and
// the tools use tracekit's public Python API, never this module directly.
#include <pybind11/pybind11.h>

namespace py = pybind11;

namespace tracekit::python {
void register_compile(py::module_& m);
void register_object(py::module_& m);
void register_attach(py::module_& m);
void register_maps(py::module_& m);
void register_events(py::module_& m);
void register_json(py::module_& m);
void register_symbols(py::module_& m);
void register_programs(py::module_& m);
}  // namespace tracekit::python

PYBIND11_MODULE(_core, m) {
  m.doc() = "tracekit native layer (private)";
  tracekit::python::register_compile(m);
  tracekit::python::register_object(m);
  tracekit::python::register_attach(m);
  tracekit::python::register_maps(m);
  tracekit::python::register_events(m);
  tracekit::python::register_json(m);
  tracekit::python::register_symbols(m);
  tracekit::python::register_programs(m);
}
