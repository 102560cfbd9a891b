// ELF symbols and USDT notes for uprobes (symbols/), and the USDT semaphore write.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "errors.h"
#include "runtime/symbols/elf_symbols.h"
#include "runtime/symbols/usdt_notes.h"
#include "runtime/sys/proc_mem.h"

namespace py = pybind11;

namespace tracekit::python {
namespace {

const char* kind_name(symbols::UsdtArg::Kind k) {
  switch (k) {
    case symbols::UsdtArg::Kind::Constant: return "constant";
    case symbols::UsdtArg::Kind::Register: return "register";
    case symbols::UsdtArg::Kind::Memory: return "memory";
    case symbols::UsdtArg::Kind::RipRelative: return "rip_relative";
  }
  return "";
}

py::dict arg_dict(const symbols::UsdtArg& a) {
  py::dict d;
  d["kind"] = kind_name(a.kind);
  d["size"] = a.size;
  d["signed"] = a.is_signed;
  d["constant"] = a.constant;
  d["base"] = a.base_offset;
  d["shift"] = a.base_shift;
  d["index"] = a.index_offset;
  d["scale"] = a.scale;
  d["symbol"] = a.symbol;
  d["text"] = a.text;
  d["ctype"] = a.ctype();
  return d;
}

}  // namespace

void register_binary_symbols(py::module_& m) {
  // [(name, address, size, file_offset)] of the function symbols of an ELF file.
  m.def("elf_function_symbols", [](const std::string& path) {
    auto symbols = unwrap(symbols::function_symbols(path));
    py::list out;
    for (const auto& s : symbols) out.append(py::make_tuple(s.name, s.address, s.size, s.file_offset));
    return out;
  });
  m.def("elf_is_position_independent", [](const std::string& path) {
    return unwrap(symbols::is_position_independent(path));
  });
  m.def("elf_address_to_file_offset", [](const std::string& path, uint64_t address, bool any_segment) {
    return unwrap(symbols::address_to_file_offset(path, address, any_segment));
  }, py::arg("path"), py::arg("address"), py::arg("any_segment") = false);

  // The USDT probes of a binary: [{provider, name, path, semaphore, semaphore_offset,
  // locations: [{address, file_offset, args: [{kind, size, ...}], arg_text, arg_error}]}].
  m.def("usdt_probes", [](const std::string& path) {
    auto probes = unwrap(symbols::read_usdt_probes(path));
    py::list out;
    for (const auto& p : probes) {
      py::dict d;
      d["provider"] = p.provider;
      d["name"] = p.name;
      d["path"] = p.path;
      d["semaphore"] = p.semaphore_address;
      d["semaphore_offset"] = p.semaphore_offset;
      py::list locations;
      for (const auto& l : p.locations) {
        py::dict ld;
        ld["address"] = l.address;
        ld["file_offset"] = l.file_offset;
        ld["arg_text"] = l.arg_text;
        ld["arg_error"] = l.arg_error;
        py::list args;
        for (const auto& a : l.args) args.append(arg_dict(a));
        ld["args"] = args;
        locations.append(ld);
      }
      d["locations"] = locations;
      out.append(d);
    }
    return out;
  });

  // Adds delta to the 16-bit USDT semaphore at `address` in process `pid`.
  m.def("add_to_process_u16", [](int pid, uint64_t address, int delta) {
    return unwrap(sys::add_to_process_u16(pid, address, delta));
  });
}

}  // namespace tracekit::python
