#include "runtime/kernel/capabilities.h"

#include <linux/bpf.h>
#include <linux/perf_event.h>

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>

#include "common/files.h"
#include "runtime/attach/probe_methods.h"
#include "runtime/kernel/kernel_btf.h"
#include "runtime/kernel/kernel_info.h"
#include "runtime/sys/bpf_ops.h"
#include "runtime/sys/perf_event.h"
#include "runtime/sys/tracefs.h"

namespace tracekit::kernel {
namespace {

Capability yes(std::string how) { return {true, std::move(how), ""}; }

Capability no(std::string feature, std::string why) { return {false, std::move(why), std::move(feature)}; }

// Kernel functions that exist on every kernel tracekit supports and that can be traced.
const char* const kTraceableFunctions[] = {"do_nanosleep", "ksys_read", "vfs_read"};

Capability probe_kprobes() {
  const KernelInfo& info = kernel_info();
  if (info.kprobes_disabled) return no("CONFIG_KPROBES", "disabled by TRACEKIT_NO_KPROBES");
  if (!info.kprobe_pmu && !info.kprobe_events)
    return no("CONFIG_KPROBES", "no kprobe PMU (/sys/bus/event_source/devices/kprobe) and no tracefs kprobe_events "
                                "(CONFIG_KPROBES, CONFIG_KPROBE_EVENTS)");
  std::string last;
  for (const char* fn : kTraceableFunctions) {
    attach::ProbeTarget target;
    target.name = fn;
    if (info.kprobe_pmu) {
      auto fd = attach::open_pmu_probe(target);
      if (fd.ok()) return yes("perf PMU (fd-based)");
      last = fd.error().message;
    } else {
      auto probe = attach::open_tracefs_probe(target);
      if (probe.ok()) {
        probe->perf_fd.reset();
        probe->remove();
        return yes("tracefs kprobe_events (no kprobe PMU)");
      }
      last = probe.error().message;
    }
  }
  return no("CONFIG_KPROBES", "a kprobe on a kernel function does not attach: " + last);
}

Capability probe_uprobes() {
  const KernelInfo& info = kernel_info();
  if (info.uprobe_pmu) return yes("perf PMU (fd-based)");
  if (info.uprobe_events) return yes("tracefs uprobe_events (no uprobe PMU)");
  return no("CONFIG_UPROBES", "no uprobe PMU and no tracefs uprobe_events (CONFIG_UPROBES, CONFIG_UPROBE_EVENTS)");
}

Capability probe_raw_tracepoints() {
  auto prog = sys::load_trivial_program({BPF_PROG_TYPE_RAW_TRACEPOINT, 0, 0});
  if (!prog.ok()) return no("raw tracepoints (Linux 4.17)", prog.error().message);
  auto link = sys::raw_tracepoint_open("sys_enter", prog->get());
  if (!link.ok()) return no("raw tracepoints (Linux 4.17)", link.error().message);
  return yes("BPF_RAW_TRACEPOINT_OPEN");
}

// Loads a two-instruction program of `type` attached (by BTF id) to the first of `targets`
// that has BTF, and attaches it.
Capability probe_trampoline(unsigned type, unsigned attach_type, const std::vector<std::string>& targets,
                            const std::string& feature, const char* kind) {
  std::string first, tried;
  for (const std::string& fn : targets) {
    auto id = function_btf_id(fn);
    if (!id.ok()) {
      if (id.error().kind == ErrorKind::NotSupported) return no("CONFIG_DEBUG_INFO_BTF", id.error().message);
      continue;
    }
    tried += (tried.empty() ? "" : ", ") + fn;
    auto prog = sys::load_trivial_program({type, attach_type, unsigned(*id)});
    if (!prog.ok()) {
      if (first.empty()) first = "the kernel does not load " + std::string(kind) + " programs: " + prog.error().message;
      continue;
    }
    auto link = sys::tracing_attach(prog->get(), "'" + fn + "'");
    if (link.ok()) return yes("BPF trampoline on '" + fn + "'");
    if (first.empty()) first = "the kernel loads but does not attach " + std::string(kind) + " programs: " + link.error().message;
  }
  if (tried.empty()) return no(feature, "none of the kernel functions tried has BTF");
  return no(feature, first + " (tried " + tried + ")");
}

Capability probe_fentry() {
  std::vector<std::string> targets(std::begin(kTraceableFunctions), std::end(kTraceableFunctions));
  return probe_trampoline(BPF_PROG_TYPE_TRACING, BPF_TRACE_FENTRY, targets,
                          "fentry/fexit (BPF trampolines, Linux 5.5; CONFIG_DYNAMIC_FTRACE_WITH_DIRECT_CALLS)", "fentry");
}

Capability probe_lsm() {
  Capability c = probe_trampoline(BPF_PROG_TYPE_LSM, BPF_LSM_MAC, {"bpf_lsm_file_open", "bpf_lsm_bpf"},
                                  "BPF LSM (Linux 5.7, CONFIG_BPF_LSM and \"bpf\" in the lsm= boot parameter)", "LSM");
  if (!c.supported) {
    if (auto root = sys::securityfs_root(); root.ok()) {
      if (auto lsms = read_special_file(*root + "/lsm"); lsms.ok() && lsms->find("bpf") == std::string::npos)
        c.detail = "the bpf LSM is not active (active LSMs: " + *lsms + "; boot with lsm=...,bpf): " + c.detail;
    }
  }
  return c;
}

Capability probe_ringbuf() {
  auto map = sys::map_create(BPF_MAP_TYPE_RINGBUF, 0, 0, 4096);
  if (!map.ok()) return no("BPF ring buffer (Linux 5.8)", map.error().message);
  return yes("BPF_MAP_TYPE_RINGBUF");
}

Capability probe_batch_ops() {
  auto map = sys::map_create(BPF_MAP_TYPE_HASH, 4, 4, 4);
  if (!map.ok()) return no("BPF_MAP_LOOKUP_BATCH (Linux 5.6)", map.error().message);
  uint32_t keys[4], values[4], out = 0;
  bool done = false;
  auto n = sys::map_lookup_batch(map->get(), nullptr, &out, keys, values, 4, false, done);
  if (!n.ok()) return no("BPF_MAP_LOOKUP_BATCH (Linux 5.6)", n.error().message);
  return yes("BPF_MAP_LOOKUP_BATCH");
}

Capability probe_perf_hardware() {
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr;
  attr.type = PERF_TYPE_HARDWARE;
  attr.config = PERF_COUNT_HW_CPU_CYCLES;
  attr.disabled = 1;
  auto fd = sys::perf_event_open(attr, -1, 0);
  if (!fd.ok())
    return no("hardware perf events (a CPU PMU; virtual machines often have none)",
              "no hardware counters: " + fd.error().message + " (software events such as cpu-clock work instead)");
  return yes("CPU PMU");
}

Capability from_btf_enum(const char* enum_name, const char* value, const char* feature, const char* how) {
  auto has = enum_has_value(enum_name, value);
  if (!has.ok()) return no(feature, has.error().message);
  if (!*has) return no(feature, std::string("this kernel's BTF has no ") + value);
  return yes(how);
}

Capability probe(Feature f) {
  switch (f) {
    case Feature::Kprobes: return probe_kprobes();
    case Feature::Uprobes: return probe_uprobes();
    case Feature::RawTracepoints: return probe_raw_tracepoints();
    case Feature::Fentry: return probe_fentry();
    case Feature::Lsm: return probe_lsm();
    case Feature::Ringbuf: return probe_ringbuf();
    case Feature::BatchMapOps: return probe_batch_ops();
    case Feature::PerfHardware: return probe_perf_hardware();
    case Feature::AttachCookie:
      return from_btf_enum("bpf_func_id", "BPF_FUNC_get_attach_cookie", "bpf_get_attach_cookie() (Linux 5.15)",
                           "bpf_get_attach_cookie()");
    case Feature::XdpLink:
      return from_btf_enum("bpf_attach_type", "BPF_XDP", "XDP links (Linux 5.9)", "BPF_LINK_CREATE (BPF_XDP)");
    case Feature::TcxLink:
      return from_btf_enum("bpf_attach_type", "BPF_TCX_INGRESS", "tcx links (Linux 6.6)",
                           "BPF_LINK_CREATE (BPF_TCX_INGRESS/EGRESS)");
  }
  return no("", "unknown feature");
}

}  // namespace

const Capability& capability(Feature feature) {
  static std::mutex mutex;
  static std::map<Feature, Capability> cache;
  std::lock_guard lock(mutex);
  auto it = cache.find(feature);
  if (it == cache.end()) it = cache.emplace(feature, probe(feature)).first;
  return it->second;
}

const char* feature_name(Feature f) {
  switch (f) {
    case Feature::Kprobes: return "kprobes";
    case Feature::Uprobes: return "uprobes";
    case Feature::RawTracepoints: return "raw_tracepoints";
    case Feature::Fentry: return "fentry";
    case Feature::Lsm: return "lsm";
    case Feature::Ringbuf: return "ringbuf";
    case Feature::BatchMapOps: return "batch_map_ops";
    case Feature::PerfHardware: return "perf_hardware";
    case Feature::AttachCookie: return "attach_cookie";
    case Feature::XdpLink: return "xdp_link";
    case Feature::TcxLink: return "tcx_link";
  }
  return "";
}

std::vector<Feature> all_features() {
  return {Feature::Kprobes, Feature::Uprobes, Feature::RawTracepoints, Feature::Fentry, Feature::Lsm,
          Feature::Ringbuf, Feature::BatchMapOps, Feature::PerfHardware, Feature::AttachCookie,
          Feature::XdpLink, Feature::TcxLink};
}

}  // namespace tracekit::kernel
