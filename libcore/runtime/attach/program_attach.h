// Attaching a program of a loaded object by name, BCC style. Each function loads the program as
// the type its attach point needs, picks the way this kernel supports, and returns the Link.
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "common/result.h"
#include "runtime/attach/link.h"
#include "runtime/load/bpf_object.h"

namespace tracekit::attach {

struct KprobeOptions {
  uint64_t offset = 0;
  bool retprobe = false;
};

// kprobe PMU where the kernel has it; on kernels without kprobes, a syscall entry point falls
// back to the equivalent syscall tracepoint (syscall_fallback.cpp); anything else is a
// NotSupported error naming CONFIG_KPROBES.
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
  bool retprobe = false;
  pid_t pid = -1;
};
Result<std::unique_ptr<Link>> attach_uprobe(load::BpfObject& object, const std::string& fn_name,
                                            const std::string& binary, const UprobeOptions& options);

}  // namespace tracekit::attach
