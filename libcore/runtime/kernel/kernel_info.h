// What tracekit needs to know about the running kernel to compile and attach, found once per
// process by looking (files, PMUs), never by assuming from the version alone.
#pragma once

#include <string>

#include "common/result.h"
#include "compiler/compile_request.h"

namespace tracekit::kernel {

struct KernelInfo {
  std::string release;         // uname -r
  std::string btf_path;        // /sys/kernel/btf/vmlinux, or "" without BTF
  std::string headers_build;   // /lib/modules/<release>/build, or ""
  std::string headers_source;  // its "source" sibling (Debian splits arch and common)
  compiler::HeaderMode header_mode = compiler::HeaderMode::Btf;
  std::string header_mode_reason;
  std::string syscall_prefix;  // "__x64_sys_"
  bool syscall_wrapper = true;
  bool kprobe_pmu = false;     // kprobes through perf_event_open (fd-based, Linux 4.17+)
  bool kprobe_events = false;  // legacy tracefs kprobe_events
  bool kprobes() const { return kprobe_pmu || kprobe_events; }
  bool uprobe_pmu = false;
  bool uprobe_events = false;  // legacy tracefs uprobe_events
  // Set by TRACEKIT_NO_KPROBES=1: behave as on a kernel without kprobes (the syscall
  // tracepoint fallback), so that both paths can be compared on one kernel.
  bool kprobes_disabled = false;
  // Set by TRACEKIT_LEGACY_PROBES=1: create kprobes and uprobes through tracefs even where
  // the perf PMUs exist (to exercise the path kernels without the PMUs take).
  bool force_legacy_probes = false;
};

// Cached for the life of the process. TRACEKIT_KERNEL_SOURCE=<dir> forces headers mode from
// <dir>; TRACEKIT_KERNEL_SOURCE=btf forces BTF mode. See also TRACEKIT_NO_KPROBES and
// TRACEKIT_LEGACY_PROBES above.
const KernelInfo& kernel_info();

// Identifies the kernel types a compiled object depends on, for the object cache: a hash of
// the BTF (memoised per boot), or of the header tree's generated configuration.
Result<std::string> kernel_types_identity(const KernelInfo& info);

}  // namespace tracekit::kernel
