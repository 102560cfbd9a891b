#include "runtime/attach/syscall_fallback.h"

#include <linux/bpf.h>

#include "runtime/attach/tracepoint.h"
#include "runtime/sys/tracefs.h"

namespace tracekit::attach {

std::optional<std::string> syscall_of_entry_point(const std::string& function, const std::string& prefix) {
  for (const std::string& p : {prefix, std::string("__x64_sys_"), std::string("sys_")})
    if (!p.empty() && function.rfind(p, 0) == 0 && function.size() > p.size()) return function.substr(p.size());
  return std::nullopt;
}

Result<std::unique_ptr<Link>> attach_syscall_tracepoint(load::BpfObject& object, const std::string& fn_name,
                                                        const std::string& syscall, bool retprobe) {
  const load::ProgramMeta* program = object.metadata().program(fn_name);
  if (!program) return Error::not_found("no BPF program named '" + fn_name + "'");
  const std::string& twin = retprobe ? program->sys_exit_variant : program->sys_enter_variant;
  std::string event = (retprobe ? "sys_exit_" : "sys_enter_") + syscall;
  if (twin.empty())
    return Error::not_supported("CONFIG_KPROBES",
                                "cannot attach '" + fn_name + "' to syscall " + syscall +
                                    ": this kernel has no kprobes, and the program (context '" +
                                    program->ctx + "') cannot run on the syscalls:" + event +
                                    " tracepoint instead");
  if (!sys::tracepoint_exists("syscalls", event))
    return Error::not_supported("CONFIG_KPROBES",
                                "cannot attach '" + fn_name + "' to syscall " + syscall +
                                    ": this kernel has no kprobes and no syscalls:" + event + " tracepoint");
  int fd = TK_TRY(object.program_fd(twin, BPF_PROG_TYPE_TRACEPOINT));
  auto link = TK_TRY(attach_tracepoint_fd(fd, "syscalls", event));
  link->set_description(std::string(retprobe ? "kretprobe " : "kprobe ") + syscall + " via tracepoint syscalls:" +
                        event + " (no kprobes on this kernel)");
  return link;
}

}  // namespace tracekit::attach
