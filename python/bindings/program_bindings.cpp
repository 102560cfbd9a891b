// BPF.dump_func: the instructions of a compiled BPF function (runtime/symbolize/bpf_function.h).
#include <pybind11/pybind11.h>

#include <string>

#include "errors.h"
#include "runtime/symbolize/bpf_function.h"

namespace py = pybind11;

namespace tracekit::python {

void register_programs(py::module_& m) {
  m.def("elf_function_bytes", [](py::bytes elf, const std::string& name) {
    return py::bytes(unwrap(symbolize::bpf_function_bytes(std::string(elf), name)));
  });
}

}  // namespace tracekit::python
