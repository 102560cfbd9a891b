// Which pt_regs fields a kprobe-style program reads from its context, to build only the
// syscall tracepoint twins it can use on a kernel without kprobes: a program that reads the
// return value (PT_REGS_RC) and no argument register is a return probe, one that reads only
// argument registers an entry probe. A program that hands its context to a function of its
// own, or reads neither, may be either.
#pragma once

namespace clang {
class FunctionDecl;
}

namespace tracekit::compiler {

struct ContextUse {
  bool return_value = false;  // ax
  bool arguments = false;     // di, si, dx, cx, r8, r9, r10, orig_ax
  bool escapes = false;       // passed to one of the program's own functions
};

ContextUse context_use(const clang::FunctionDecl* program);

}  // namespace tracekit::compiler
