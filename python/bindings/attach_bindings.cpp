#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "errors.h"
#include "runtime/attach/program_attach.h"

namespace py = pybind11;

namespace tracekit::python {

void register_attach(py::module_& m) {
  // A Link owns the attachment; close() (or garbage collection) detaches.
  py::class_<attach::Link, std::unique_ptr<attach::Link>>(m, "Link")
      .def_property_readonly("description", &attach::Link::description)
      .def_property_readonly("attached", &attach::Link::attached)
      .def("close", &attach::Link::close);

  m.def(
      "attach_kprobe",
      [](load::BpfObject& object, const std::string& fn_name, const std::string& event, uint64_t offset,
         bool retprobe) {
        attach::KprobeOptions options{offset, retprobe};
        return unwrap(attach::attach_kprobe(object, fn_name, event, options));
      },
      py::arg("object"), py::arg("fn_name"), py::arg("event"), py::arg("offset") = 0, py::arg("retprobe") = false);

  m.def("attach_tracepoint",
        [](load::BpfObject& object, const std::string& fn_name, const std::string& category,
           const std::string& event) { return unwrap(attach::attach_tracepoint(object, fn_name, category, event)); });

  m.def("attach_raw_tracepoint", [](load::BpfObject& object, const std::string& fn_name, const std::string& tp) {
    return unwrap(attach::attach_raw_tracepoint(object, fn_name, tp));
  });

  m.def(
      "attach_uprobe",
      [](load::BpfObject& object, const std::string& fn_name, const std::string& binary, const std::string& symbol,
         uint64_t address, uint64_t symbol_offset, bool retprobe, int pid) {
        attach::UprobeOptions options{symbol, address, symbol_offset, retprobe, pid};
        return unwrap(attach::attach_uprobe(object, fn_name, binary, options));
      },
      py::arg("object"), py::arg("fn_name"), py::arg("binary"), py::arg("symbol") = "", py::arg("address") = 0,
      py::arg("symbol_offset") = 0, py::arg("retprobe") = false, py::arg("pid") = -1);
}

}  // namespace tracekit::python
