// How a BPF program's kind, auto-attach target and ELF section follow from its name, an
// explicit SEC("...") and the type of its context, the way BCC programs spell them:
//
//   kprobe__<fn>  kretprobe__<fn>  syscall__<name>       kprobe / kretprobe / syscall
//   tracepoint__<cat>__<ev>        (TRACEPOINT_PROBE)    tracepoint, "cat:ev"
//   raw_tracepoint__<ev>           (RAW_TRACEPOINT_PROBE) raw_tracepoint
//   kfunc__<module>__<fn>          (KFUNC_PROBE...)      kfunc, section fentry/<fn>
//   kretfunc__<module>__<fn>       (KRETFUNC_PROBE...)   kretfunc, section fexit/<fn>
//   kmod_ret__<fn>  lsm__<hook>  bpf_iter__<target>     kmod_ret (fmod_ret/), lsm (lsm/), iter
//
// The module is "vmlinux" for the kernel itself; other modules give the target "<module>:<fn>".
// Otherwise the context type decides (pt_regs: kprobe, xdp_md: xdp, __sk_buff: socket_filter
// ...), and anything else is "generic": the runtime gives it a type when it is loaded.
#pragma once

#include <string>

namespace tracekit::compiler {

struct ProgramKind {
  std::string kind;
  std::string target;
  std::string section;
};

// `explicit_section` is the program's own SEC("...") or "". `syscall_prefix` is the running
// kernel's prefix of syscall entry points ("__x64_sys_").
ProgramKind classify_program(const std::string& name, const std::string& ctx_type,
                             const std::string& explicit_section, const std::string& syscall_prefix);

// "sys_clone" or "__ia32_sys_clone" -> "<prefix>clone"; false if `function` is no syscall entry.
bool syscall_entry(const std::string& function, const std::string& prefix, std::string& fixed);

}  // namespace tracekit::compiler
