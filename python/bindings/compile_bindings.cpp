#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdio>

#include "common/build_identity.h"
#include "common/log.h"
#include "errors.h"
#include "runtime/cache/object_cache.h"
#include "runtime/compile/compile_service.h"
#include "runtime/compile/compiler_loader.h"
#include "runtime/kernel/kernel_info.h"
#include "runtime/sys/tracefs.h"

namespace py = pybind11;

namespace tracekit::python {

void register_compile(py::module_& m) {
  py::class_<compile::CompiledProgram>(m, "CompiledProgram")
      .def_property_readonly("elf", [](const compile::CompiledProgram& c) { return py::bytes(c.elf); })
      .def_readonly("metadata", &compile::CompiledProgram::metadata)
      .def_readonly("debug_text", &compile::CompiledProgram::debug_text)
      .def_readonly("from_cache", &compile::CompiledProgram::from_cache)
      .def_readonly("phases", &compile::CompiledProgram::phases)
      .def_property_readonly("warnings", [](const compile::CompiledProgram& c) {
        py::list out;
        for (const auto& d : c.warnings) out.append(py::make_tuple(d.severity, d.file, d.line, d.column, d.message));
        return out;
      });

  m.def(
      "compile",
      [](const std::string& text, const std::string& name, const std::vector<std::string>& cflags, unsigned debug) {
        compile::CompileOptions options{text, name, cflags, debug};
        Result<compile::CompiledProgram> result = [&] {
          py::gil_scoped_release release;
          return compile::compile_program(options);
        }();
        return unwrap(std::move(result));
      },
      py::arg("text"), py::arg("name") = "program.c", py::arg("cflags") = std::vector<std::string>{},
      py::arg("debug") = 0u);

  m.def("cache_key", [](const std::string& text, const std::vector<std::string>& cflags) {
    return unwrap(compile::cache_key({text, "program.c", cflags, 0}));
  });
  m.def("cache_dir", [] { return cache::ObjectCache::from_environment().dir(); });
  m.def("compiler_loaded", &compile::compiler_loaded);
  m.def("build_identity", [] { return std::string(build_identity()); });
  m.def("tracefs_root", [] { return unwrap(sys::tracefs_root()); });
  m.def("tracepoint_exists", &sys::tracepoint_exists);

  m.def("kernel_info", [] {
    const kernel::KernelInfo& k = kernel::kernel_info();
    py::dict d;
    d["release"] = k.release;
    d["btf_path"] = k.btf_path;
    d["headers_build"] = k.headers_build;
    d["headers_source"] = k.headers_source;
    d["header_mode"] = k.header_mode == compiler::HeaderMode::Btf ? "btf" : "headers";
    d["header_mode_reason"] = k.header_mode_reason;
    d["syscall_prefix"] = k.syscall_prefix;
    d["kprobe_pmu"] = k.kprobe_pmu;
    d["kprobe_events"] = k.kprobe_events;
    d["kprobes"] = k.kprobes();
    d["uprobe_pmu"] = k.uprobe_pmu;
    return d;
  });

  m.def("set_verbose", [](bool on) {
    if (!on) {
      set_log_sink(nullptr);
      return;
    }
    set_log_sink([](LogLevel level, const std::string& message) {
      std::fprintf(stderr, "%s%s", level == LogLevel::Warning ? "tracekit: " : "", message.c_str());
      if (!message.empty() && message.back() != '\n') std::fputc('\n', stderr);
    });
  });
}

}  // namespace tracekit::python
