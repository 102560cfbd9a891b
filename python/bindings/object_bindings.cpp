#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "errors.h"
#include "runtime/kernel/kernel_info.h"
#include "runtime/load/bpf_object.h"

namespace py = pybind11;

namespace tracekit::python {

void register_object(py::module_& m) {
  py::class_<load::BpfObject>(m, "Object")
      .def(py::init([](py::bytes elf, const std::string& metadata, bool log_verifier) {
             load::LoadOptions options;
             options.log_verifier = log_verifier;
             options.kprobes_available = kernel::kernel_info().kprobes();
             std::string elf_bytes = elf;
             auto result = [&] {
               py::gil_scoped_release release;
               return load::BpfObject::load(std::move(elf_bytes), metadata, options);
             }();
             return unwrap(std::move(result));
           }),
           py::arg("elf"), py::arg("metadata"), py::arg("log_verifier") = false)
      .def("map_fd", [](const load::BpfObject& o, const std::string& name) { return unwrap(o.map_fd(name)); })
      .def("map_shape",
           [](const load::BpfObject& o, const std::string& name) {
             load::MapShape s = unwrap(o.map_shape(name));
             return py::make_tuple(s.type, s.key_size, s.value_size, s.max_entries);
           })
      .def("map_names", &load::BpfObject::map_names)
      .def("program_fd",
           [](load::BpfObject& o, const std::string& name, unsigned type) {
             auto result = [&] {
               py::gil_scoped_release release;
               return o.program_fd(name, type);
             }();
             return unwrap(std::move(result));
           })
      .def("has_program", &load::BpfObject::has_program)
      .def_property_readonly("verifier_logs", &load::BpfObject::verifier_logs);
}

}  // namespace tracekit::python
