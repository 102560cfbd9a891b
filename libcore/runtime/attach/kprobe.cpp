// kprobes and kretprobes on kernel functions (see probe_target.h for PMU vs tracefs), with the
// syscall tracepoint fallback on kernels without kprobes (syscall_fallback.cpp).
#include <linux/bpf.h>

#include "runtime/attach/probe_target.h"
#include "runtime/attach/program_attach.h"
#include "runtime/attach/syscall_fallback.h"
#include "runtime/kernel/kernel_info.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_kprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& event, const KprobeOptions& options) {
  if (event.empty()) return Error::invalid("attach_kprobe: give the kernel function (event=)");
  const kernel::KernelInfo& kernel = kernel::kernel_info();
  if (kernel.kprobes()) {
    int fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_KPROBE));
    ProbeTarget target;
    target.kind = ProbeTarget::Kind::Kprobe;
    target.name = event;
    target.offset = options.offset;
    target.retprobe = options.retprobe;
    target.maxactive = options.maxactive;
    ProbeMethod method = kernel.force_legacy_probes || !kernel.kprobe_pmu ? ProbeMethod::Tracefs : ProbeMethod::Auto;
    return attach_probe(fd, target, method);
  }
  if (auto syscall = syscall_of_entry_point(event, kernel.syscall_prefix); syscall && options.offset == 0)
    return attach_syscall_tracepoint(object, fn_name, *syscall, options.retprobe);
  std::string why = kernel.kprobes_disabled ? "kprobes are disabled by TRACEKIT_NO_KPROBES"
                                            : "this kernel has no kprobes (CONFIG_KPROBES and the kprobe PMU, "
                                              "/sys/bus/event_source/devices/kprobe, are missing)";
  return Error::not_supported(
      "CONFIG_KPROBES",
      std::string("cannot attach ") + (options.retprobe ? "kretprobe" : "kprobe") + " '" + event + "'" +
          (options.offset ? "+" + std::to_string(options.offset) : "") + ": " + why +
          "; only syscall entry points can be traced here, through the syscall tracepoints");
}

}  // namespace tracekit::attach
