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
#endif
)";
}

}  // namespace tracekit::compiler
