#include "compiler/kernel_types/kernel_headers.h"

namespace tracekit::compiler {

std::vector<std::string> kernel_header_flags(const CompileRequest& request) {
  const std::string& build = request.kernel_build_dir;
  const std::string& source = request.kernel_source_dir.empty() ? build : request.kernel_source_dir;
  std::vector<std::string> flags;
  // Same order as Kbuild's LINUXINCLUDE: arch first, generated next to their sources.
  for (const std::string& dir : {source + "/arch/x86/include", build + "/arch/x86/include/generated",
                                 source + "/include", build + "/include",
                                 source + "/arch/x86/include/uapi",
                                 build + "/arch/x86/include/generated/uapi",
                                 source + "/include/uapi", build + "/include/generated/uapi"}) {
    flags.push_back("-I");
    flags.push_back(dir);
  }
  flags.push_back("-include");
  flags.push_back(source + "/include/linux/kconfig.h");
  for (const char* f : {"-D__KERNEL__", "-DKBUILD_MODNAME=\"tracekit\"",
                        "-Wno-unused-value", "-Wno-pointer-sign", "-Wno-compare-distinct-pointer-types",
                        "-Wno-gnu-variable-sized-type-not-at-end", "-Wno-address-of-packed-member",
                        "-Wno-tautological-compare", "-Wno-unknown-warning-option",
                        "-Wno-duplicate-decl-specifier", "-Wno-frame-address"})
    flags.push_back(f);
  return flags;
}

std::string kernel_headers_prelude() {
  return R"(/* Headers mode: the running kernel's headers. */
#ifndef __TRACEKIT_KERNEL_H
#define __TRACEKIT_KERNEL_H
#include <linux/types.h>
/* BPF cannot compile asm goto (jump labels); the functions using it are never called from a
 * BPF program, so any body will do. */
#ifdef asm_volatile_goto
#undef asm_volatile_goto
#endif
#define asm_volatile_goto(x...) asm volatile("invalid use of asm_volatile_goto")
#ifdef asm_inline
#undef asm_inline
#define asm_inline asm
#endif
#include <uapi/linux/bpf.h>
#include <uapi/linux/ptrace.h>
#include <linux/version.h>
/* Iterator contexts (BPF_ITER): the kernel defines most in its .c files, so headers lack them
 * (bpf_iter__bpf_map_elem is in <linux/bpf.h>);
 * BTF mode takes them from BTF. Pointers only, as the kernel lays them out on 64-bit. */
struct bpf_iter_meta;
struct bpf_iter__task { struct bpf_iter_meta *meta; struct task_struct *task; };
struct bpf_iter__task_file { struct bpf_iter_meta *meta; struct task_struct *task; u32 fd; struct file *file; };
struct bpf_iter__task_vma { struct bpf_iter_meta *meta; struct task_struct *task; struct vm_area_struct *vma; };
struct bpf_iter__bpf_map { struct bpf_iter_meta *meta; struct bpf_map *map; };
struct bpf_iter__bpf_prog { struct bpf_iter_meta *meta; struct bpf_prog *prog; };
struct bpf_iter__tcp { struct bpf_iter_meta *meta; struct sock_common *sk_common; uid_t uid; };
struct bpf_iter__udp { struct bpf_iter_meta *meta; struct udp_sock *udp_sk; uid_t uid; int bucket; };
struct bpf_iter__cgroup { struct bpf_iter_meta *meta; struct cgroup *cgroup; };
#endif
)";
}

}  // namespace tracekit::compiler
