// uprobes and uretprobes: a file offset in a binary, for every process that maps it or for
// one pid (see probe_target.h for PMU vs tracefs). Symbols resolve through the ELF symbol
// tables (symbols/elf_symbols.cpp), so PIE executables and shared libraries need no load
// address: the kernel places the probe on the file's page wherever it is mapped.
#include <linux/bpf.h>

#include "runtime/attach/probe_target.h"
#include "runtime/attach/program_attach.h"
#include "runtime/kernel/kernel_info.h"
#include "runtime/symbols/elf_symbols.h"

namespace tracekit::attach {

Result<uint64_t> uprobe_offset(const std::string& binary, const UprobeOptions& options) {
  if (options.has_file_offset) return options.file_offset;
  uint64_t offset = 0;
  if (!options.symbol.empty()) {
    offset = TK_TRY(symbols::symbol_file_offset(binary, options.symbol));
  } else if (options.address) {
    offset = TK_TRY(symbols::address_to_file_offset(binary, options.address));
  } else {
    return Error::invalid("uprobe on '" + binary + "': give a symbol (sym=) or an address (addr=)");
  }
  return offset + options.symbol_offset;
}

Result<std::unique_ptr<Link>> attach_uprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& binary, const UprobeOptions& options) {
  ProbeTarget target;
  target.kind = ProbeTarget::Kind::Uprobe;
  target.name = binary;
  target.offset = TK_TRY(uprobe_offset(binary, options));
  target.retprobe = options.retprobe;
  target.pid = options.pid;
  target.ref_ctr_offset = options.ref_ctr_offset;
  target.cookie = options.cookie;
  target.use_cookie = options.use_cookie;
  if (!options.symbol.empty())
    target.symbol = options.symbol + (options.symbol_offset ? "+" + std::to_string(options.symbol_offset) : "");
  int fd = TK_TRY(object.program_fd(fn_name, BPF_PROG_TYPE_KPROBE));
  const kernel::KernelInfo& kernel = kernel::kernel_info();
  ProbeMethod method = kernel.force_legacy_probes || !kernel.uprobe_pmu ? ProbeMethod::Tracefs : ProbeMethod::Auto;
  return attach_probe(fd, target, method);
}

}  // namespace tracekit::attach
