#include "runtime/attach/program_attach.h"

#include <linux/bpf.h>

#include "runtime/attach/probe_pmu.h"
#include "runtime/attach/syscall_fallback.h"
#include "runtime/attach/tracepoint.h"
#include "runtime/kernel/kernel_info.h"
#include "runtime/symbols/elf_symbols.h"

namespace tracekit::attach {

Result<std::unique_ptr<Link>> attach_kprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& event, const KprobeOptions& options) {
  const kernel::KernelInfo& kernel = kernel::kernel_info();
  if (kernel.kprobe_pmu) {
    int fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_KPROBE));
    return attach_probe_pmu(fd, {"kprobe", event, options.offset, options.retprobe, -1});
  }
  if (auto syscall = syscall_of_entry_point(event, kernel.syscall_prefix); syscall && options.offset == 0)
    return attach_syscall_tracepoint(object, fn_name, *syscall, options.retprobe);
  return Error::not_supported(
      "CONFIG_KPROBES",
      std::string("cannot attach ") + (options.retprobe ? "kretprobe" : "kprobe") + " '" + event +
          "': this kernel has no kprobes (CONFIG_KPROBES and the kprobe PMU, "
          "/sys/bus/event_source/devices/kprobe, are missing); only syscall entry points can "
          "be traced here, through the syscall tracepoints");
}

Result<std::unique_ptr<Link>> attach_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                const std::string& category, const std::string& event) {
  int fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_TRACEPOINT));
  return attach_tracepoint_fd(fd, category, event);
}

Result<std::unique_ptr<Link>> attach_uprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& binary, const UprobeOptions& options) {
  uint64_t offset = 0;
  if (!options.symbol.empty()) {
    offset = TK_TRY(symbols::symbol_file_offset(binary, options.symbol));
  } else if (options.address) {
    offset = TK_TRY(symbols::address_to_file_offset(binary, options.address));
  } else {
    return Error::invalid("attach_uprobe: give a symbol (sym=) or an address (addr=)");
  }
  offset += options.symbol_offset;
  int fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_KPROBE));
  return attach_probe_pmu(fd, {"uprobe", binary, offset, options.retprobe, options.pid});
}

}  // namespace tracekit::attach
