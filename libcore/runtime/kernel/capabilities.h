// What the running kernel can really do, found by trying it once per process: a kernel may
// list a function in kallsyms and BTF yet refuse a kprobe or a trampoline on it, so presence
// of files and symbols is not enough. Each probe loads a two-instruction program or creates a
// one-page map, attaches it where that is the question, and closes everything at once.
#pragma once

#include <string>
#include <vector>

namespace tracekit::kernel {

enum class Feature {
  Kprobes,         // a kprobe on a kernel function attaches (PMU or tracefs)
  Uprobes,         // the uprobe PMU or uprobe_events
  RawTracepoints,  // BPF_RAW_TRACEPOINT_OPEN on sys_enter (4.17)
  Fentry,          // a fentry trampoline attaches (5.5, and arch/ftrace support)
  Lsm,             // a BPF LSM program attaches (5.7, CONFIG_BPF_LSM, "bpf" in lsm=)
  Ringbuf,         // BPF_MAP_TYPE_RINGBUF (5.8)
  BatchMapOps,     // BPF_MAP_LOOKUP_BATCH (5.6)
  PerfHardware,    // a hardware perf counter opens (absent in most VMs)
  AttachCookie,    // bpf_get_attach_cookie() (5.15)
  XdpLink,         // XDP through BPF links (5.9)
  TcxLink,         // tc through BPF links (tcx, 6.6)
};

struct Capability {
  bool supported = false;
  // Why not (naming the kernel option or version), or how it is done where it works.
  std::string detail;
  // The kernel feature to name in a NotSupported error.
  std::string feature;
};

// Probes on first use and caches the answer for the life of the process.
const Capability& capability(Feature feature);
// Name used by the Python API and `tracekit doctor` ("kprobes", "fentry", ...).
const char* feature_name(Feature feature);
std::vector<Feature> all_features();

}  // namespace tracekit::kernel
