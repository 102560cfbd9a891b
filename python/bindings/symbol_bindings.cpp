// Symbolization for BPF.ksym/sym/add_module (tracekit/symbols/resolve.py). Lookups return
// (name or None, offset, module or None) tuples; names are bytes, as BCC returns them.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "errors.h"
#include "runtime/symbolize/build_id_cache.h"
#include "runtime/symbolize/demangle.h"
#include "runtime/symbolize/kernel_symbols.h"
#include "runtime/symbolize/symbol_cache.h"

namespace py = pybind11;

namespace tracekit::python {
namespace {

py::tuple to_tuple(const symbolize::Symbol& s, bool demangle) {
  py::object name = py::none(), module = py::none();
  if (s.found()) name = py::bytes(demangle ? symbolize::demangle(s.name) : s.name);
  if (!s.module.empty()) module = py::bytes(s.module);
  return py::make_tuple(name, s.offset, module);
}

}  // namespace

void register_symbols(py::module_& m) {
  m.def("ksym", [](uint64_t addr) { return to_tuple(symbolize::KernelSymbols::instance().resolve(addr), false); });
  m.def("ksymname", [](const std::string& name) { return symbolize::KernelSymbols::instance().address_of(name); });
  m.def("kallsyms_count", [] { return symbolize::KernelSymbols::instance().size(); });
  m.def("demangle", [](const std::string& name) { return symbolize::demangle(name); });

  py::class_<symbolize::SymbolCaches>(m, "SymbolCaches")
      .def(py::init<>())
      .def("resolve",
           [](symbolize::SymbolCaches& c, int pid, uint64_t addr, bool demangle) {
             symbolize::ProcessSymbols* symbols = unwrap(c.get(pid));
             return to_tuple(symbols->resolve(addr), demangle);
           })
      .def("address_of",
           [](symbolize::SymbolCaches& c, int pid, const std::string& module, const std::string& name) {
             return unwrap(c.get(pid))->address_of(module, name);
           })
      .def("module_count", [](symbolize::SymbolCaches& c, int pid) { return unwrap(c.get(pid))->module_count(); })
      .def("forget", &symbolize::SymbolCaches::forget)
      .def("clear", &symbolize::SymbolCaches::clear);

  py::class_<symbolize::BuildIdCache>(m, "BuildIdCache")
      .def(py::init<>())
      .def("add", [](symbolize::BuildIdCache& c, const std::string& path) { return unwrap(c.add(path)); })
      .def("resolve", [](symbolize::BuildIdCache& c, const std::string& build_id, uint64_t offset, bool demangle) {
        return to_tuple(c.resolve(build_id, offset), demangle);
      });
}

}  // namespace tracekit::python
