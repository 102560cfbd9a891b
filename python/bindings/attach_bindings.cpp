#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <thread>

#include "errors.h"
#include "runtime/attach/probe_target.h"
#include "runtime/attach/program_attach.h"

namespace py = pybind11;

namespace tracekit::python {

void register_kernel(py::module_& m);
void register_binary_symbols(py::module_& m);

namespace {

// Attaching may load a program (verifier work) or parse a binary: done without the GIL.
template <class Fn>
std::unique_ptr<attach::Link> unlocked(Fn fn) {
  auto result = [&] {
    py::gil_scoped_release release;
    return fn();
  }();
  return unwrap(std::move(result));
}

}  // namespace

void register_attach(py::module_& m) {
  // A Link owns the attachment; close() (or garbage collection) detaches.
  py::class_<attach::Link, std::unique_ptr<attach::Link>>(m, "Link")
      .def_property_readonly("description", &attach::Link::description)
      .def_property_readonly("attached", &attach::Link::attached)
      // True when a SIGKILL would leave something behind (tracefs events, netlink filters).
      .def_property_readonly("persistent", &attach::Link::persistent)
      .def_property_readonly("fds", [](const attach::Link& l) {
        std::vector<int> out;
        for (const auto& fd : l.fds()) out.push_back(fd.get());
        return out;
      })
      .def("close", &attach::Link::close);

  // Closes many links at once. Each perf-event detach waits for an RCU grace period in the
  // kernel (~70 ms here): closing 700 syscall probes one by one takes most of a minute, while
  // closes from several threads share grace periods.
  m.def("close_links", [](std::vector<attach::Link*> links) {
    py::gil_scoped_release release;
    size_t workers = std::min<size_t>(32, links.size());
    if (workers <= 1) {
      for (attach::Link* l : links) l->close();
      return;
    }
    std::vector<std::thread> threads;
    for (size_t w = 0; w < workers; ++w)
      threads.emplace_back([&links, w, workers] {
        for (size_t i = w; i < links.size(); i += workers) links[i]->close();
      });
    for (auto& t : threads) t.join();
  });

  m.def(
      "attach_kprobe",
      [](load::BpfObject& object, const std::string& fn_name, const std::string& event, uint64_t offset,
         bool retprobe, int maxactive) {
        attach::KprobeOptions options{offset, retprobe, maxactive};
        return unlocked([&] { return attach::attach_kprobe(object, fn_name, event, options); });
      },
      py::arg("object"), py::arg("fn_name"), py::arg("event"), py::arg("offset") = 0, py::arg("retprobe") = false,
      py::arg("maxactive") = 0);

  m.def("attach_tracepoint", [](load::BpfObject& object, const std::string& fn_name, const std::string& category,
                                const std::string& event) {
    return unlocked([&] { return attach::attach_tracepoint(object, fn_name, category, event); });
  });

  m.def("attach_raw_tracepoint", [](load::BpfObject& object, const std::string& fn_name, const std::string& tp) {
    return unlocked([&] { return attach::attach_raw_tracepoint(object, fn_name, tp); });
  });

  m.def(
      "attach_uprobe",
      [](load::BpfObject& object, const std::string& fn_name, const std::string& binary, const std::string& symbol,
         uint64_t address, uint64_t symbol_offset, bool retprobe, int pid, uint64_t ref_ctr_offset,
         py::object cookie, py::object file_offset) {
        attach::UprobeOptions options;
        if (!file_offset.is_none()) {
          options.has_file_offset = true;
          options.file_offset = file_offset.cast<uint64_t>();
        }
        options.symbol = symbol;
        options.address = address;
        options.symbol_offset = symbol_offset;
        options.retprobe = retprobe;
        options.pid = pid;
        options.ref_ctr_offset = ref_ctr_offset;
        if (!cookie.is_none()) {
          options.cookie = cookie.cast<uint64_t>();
          options.use_cookie = true;
        }
        return unlocked([&] { return attach::attach_uprobe(object, fn_name, binary, options); });
      },
      py::arg("object"), py::arg("fn_name"), py::arg("binary"), py::arg("symbol") = "", py::arg("address") = 0,
      py::arg("symbol_offset") = 0, py::arg("retprobe") = false, py::arg("pid") = -1,
      py::arg("ref_ctr_offset") = 0, py::arg("cookie") = py::none(), py::arg("file_offset") = py::none());

  m.def(
      "attach_perf_event",
      [](load::BpfObject& object, const std::string& fn_name, uint32_t type, uint64_t config, uint64_t sample_period,
         uint64_t sample_freq, int pid, int cpu, int group_fd) {
        attach::PerfEventOptions options{type, config, sample_period, sample_freq, pid, cpu, group_fd};
        return unlocked([&] { return attach::attach_perf_event(object, fn_name, options); });
      },
      py::arg("object"), py::arg("fn_name"), py::arg("type"), py::arg("config"), py::arg("sample_period") = 0,
      py::arg("sample_freq") = 0, py::arg("pid") = -1, py::arg("cpu") = -1, py::arg("group_fd") = -1);

  m.def("attach_tracing", [](load::BpfObject& object, const std::string& fn_name) {
    return unlocked([&] { return attach::attach_tracing(object, fn_name); });
  });

  m.def("attach_xdp", [](load::BpfObject& object, const std::string& fn_name, const std::string& device,
                         uint32_t flags) {
    return unlocked([&] { return attach::attach_xdp(object, fn_name, device, flags); });
  });
  m.def("remove_xdp_netlink", [](const std::string& device, uint32_t flags) {
    check(attach::remove_xdp_netlink(device, flags));
  });
  m.def("attach_tc", [](load::BpfObject& object, const std::string& fn_name, const std::string& device, bool ingress) {
    return unlocked([&] { return attach::attach_tc(object, fn_name, device, ingress); });
  });
  m.def("attach_raw_socket", [](load::BpfObject& object, const std::string& fn_name, const std::string& device) {
    return unlocked([&] { return attach::attach_raw_socket(object, fn_name, device); });
  });
  m.def("attach_prog_fd", [](int prog_fd, int target_fd, unsigned attach_type, unsigned flags) {
    return unwrap(attach::attach_prog_fd(prog_fd, target_fd, attach_type, flags));
  });

  // BCC's load_func with an expected attach type (cgroup socket hooks need it at load time).
  m.def("load_program", [](load::BpfObject& object, const std::string& name, unsigned type, int attach_type) {
    auto result = [&] {
      py::gil_scoped_release release;
      return object.program_fd(name, type,
                               attach_type < 0 ? load::BpfObject::kDefaultAttachType : unsigned(attach_type));
    }();
    return unwrap(std::move(result));
  });

  m.def("remove_stale_probe_events", [](bool all) { return unwrap(attach::remove_stale_probe_events(all)); },
        py::arg("all") = false);
  m.def("probe_event_group", [] { return std::string(attach::kProbeEventGroup); });

  register_kernel(m);
  register_binary_symbols(m);
}

}  // namespace tracekit::python
