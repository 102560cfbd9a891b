// Syscall kprobes on kernels without kprobes: the program's tracepoint twin (built by the
// compiler, compiler/ir/syscall_variants.cpp) attached to syscalls:sys_{enter,exit}_<name>.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "runtime/attach/link.h"
#include "runtime/load/bpf_object.h"

namespace tracekit::attach {

// "clone" for "__x64_sys_clone" or "sys_clone"; nothing for other functions.
std::optional<std::string> syscall_of_entry_point(const std::string& function, const std::string& prefix);

Result<std::unique_ptr<Link>> attach_syscall_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                        const std::string& syscall, bool retprobe);

}  // namespace tracekit::attach
