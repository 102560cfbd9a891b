// The IR passes, one per file. They turn what Clang generated for BCC-style C into what the
// BPF backend and the verifier accept. Order (see codegen.cpp):
//
//   before optimisation  lower_table_method_calls   counts.increment(k) -> helper calls
//                        link_usdt_arguments        bpf_usdt_readarg -> the generated reader
//                        describe_inner_maps        maps of maps get their inner map's BTF
//                        shape_programs             sections, linkage, inlining, license,
//                                                   unused helper code dropped
//                        lower_probe_arguments      kprobe arguments from pt_regs
//                        build_syscall_variants     tracepoint twins of syscall kprobes
//   -O2 (with the BPF target's own CO-RE passes)
//   after optimisation   route_variant_contexts     helpers in twins get the real context
//                        insert_kernel_reads        loads of kernel memory -> probe reads
//   before codegen       check_supported_operations signed division... at the user's line
#pragma once

#include "common/result.h"
#include "compiler/analysis.h"
#include "compiler/compile_request.h"

namespace llvm {
class Module;
}

namespace tracekit::compiler {

Status lower_table_method_calls(llvm::Module& module, const Analysis& analysis);
Status link_usdt_arguments(llvm::Module& module);
Status describe_inner_maps(llvm::Module& module, const Analysis& analysis);
Status shape_programs(llvm::Module& module, const Analysis& analysis);
Status lower_probe_arguments(llvm::Module& module, const Analysis& analysis);
Status build_syscall_variants(llvm::Module& module, const Analysis& analysis);
void route_variant_contexts(llvm::Module& module, const Analysis& analysis);
void insert_kernel_reads(llvm::Module& module, const Analysis& analysis);
Status check_supported_operations(llvm::Module& module);

}  // namespace tracekit::compiler
