// Attaching a program of a loaded object by name, BCC style. Each function loads the program as
// the type its attach point needs, picks the way this kernel supports, and returns the Link.
// One implementation file per kind: kprobe.cpp, uprobe.cpp, tracepoint.cpp, raw_tracepoint.cpp,
// perf_event.cpp, tracing.cpp (fentry/fexit/LSM/fmod_ret), xdp.cpp, tc.cpp, socket_filter.cpp,
// prog_attach.cpp.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "runtime/attach/link.h"
#include "runtime/load/bpf_object.h"

namespace tracekit::attach {

struct KprobeOptions {
  uint64_t offset = 0;
  bool retprobe = false;
  int maxactive = 0;  // kretprobes: through tracefs, which alone can set it
};

// kprobe PMU where the kernel has it, tracefs kprobe_events where it has only that; on kernels
// without kprobes, a syscall entry point falls back to the equivalent syscall tracepoint
// (syscall_fallback.cpp); anything else is a NotSupported error naming CONFIG_KPROBES.
Result<std::unique_ptr<Link>> attach_kprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& event, const KprobeOptions& options);

Result<std::unique_ptr<Link>> attach_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                const std::string& category, const std::string& event);

Result<std::unique_ptr<Link>> attach_raw_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                    const std::string& tracepoint);

struct UprobeOptions {
  std::string symbol;
  uint64_t address = 0;  // virtual address in the binary (instead of symbol)
  uint64_t symbol_offset = 0;
  // A file offset already resolved by the caller (symbol then only names it in messages).
  bool has_file_offset = false;
  uint64_t file_offset = 0;
  bool retprobe = false;
  pid_t pid = -1;
  uint64_t ref_ctr_offset = 0;  // file offset of a USDT semaphore for the kernel to count
  uint64_t cookie = 0;
  bool use_cookie = false;
};
// The file offset a uprobe on `binary` at symbol (+ symbol_offset) or address goes to.
Result<uint64_t> uprobe_offset(const std::string& binary, const UprobeOptions& options);
// `binary` is a path as this process sees it (/proc/PID/root/... for other mount namespaces).
Result<std::unique_ptr<Link>> attach_uprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& binary, const UprobeOptions& options);

struct PerfEventOptions {
  uint32_t type = 0;    // PERF_TYPE_HARDWARE, PERF_TYPE_SOFTWARE, ...
  uint64_t config = 0;  // PERF_COUNT_HW_CPU_CYCLES, PERF_COUNT_SW_CPU_CLOCK, ...
  uint64_t sample_period = 0;
  uint64_t sample_freq = 0;  // used when sample_period is 0
  pid_t pid = -1;            // -1: every process
  int cpu = -1;              // -1: every CPU (one event each), unless pid is set
  int group_fd = -1;
};
// Hardware events fall back to the software cpu-clock where the CPU has no PMU (as in most
// VMs); the Link's description says so.
Result<std::unique_ptr<Link>> attach_perf_event(load::BpfObject& object, const std::string& fn_name,
                                                const PerfEventOptions& options);

// fentry/fexit/fmod_ret/LSM: the target is in the program's section (fentry/<function>).
Result<std::unique_ptr<Link>> attach_tracing(load::BpfObject& object, const std::string& fn_name);

// XDP on `device`: a BPF link where the kernel has XDP links (detached with the fd), netlink
// otherwise (removed when the Link closes). flags: XDP_FLAGS_SKB_MODE, ...
Result<std::unique_ptr<Link>> attach_xdp(load::BpfObject& object, const std::string& fn_name,
                                         const std::string& device, uint32_t flags);
// Removes whatever XDP program is attached to `device` over netlink (BCC's remove_xdp on a
// program it did not attach).
Status remove_xdp_netlink(const std::string& device, uint32_t flags);

// A tc classifier (direct action) on `device` ingress or egress: a tcx link on Linux 6.6+,
// else a cls_bpf filter on the clsact qdisc, removed when the Link closes.
Result<std::unique_ptr<Link>> attach_tc(load::BpfObject& object, const std::string& fn_name,
                                        const std::string& device, bool ingress);

// A socket filter on a new raw packet socket bound to `device`. The Link's first fd is the
// socket, for the caller to read packets from.
Result<std::unique_ptr<Link>> attach_raw_socket(load::BpfObject& object, const std::string& fn_name,
                                                const std::string& device);

// BPF_PROG_ATTACH of an already loaded program (BCC's attach_func); detached on close.
Result<std::unique_ptr<Link>> attach_prog_fd(int prog_fd, int target_fd, unsigned attach_type, unsigned flags);

}  // namespace tracekit::attach
