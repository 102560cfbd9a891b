// Finds the program's BPF programs: every non-static function defined in the program text.
// Names, an explicit SEC() and the context type decide the kind, the auto-attach target and
// the section (program_kinds.h). Extra parameters after the context (kprobe arguments declared
// in the signature) are noted for ir/probe_arguments.cpp.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/context_use.h"
#include "compiler/frontend/program_kinds.h"

namespace tracekit::compiler {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::string context_type_name(const clang::FunctionDecl* fn) {
  if (fn->getNumParams() == 0) return "";
  clang::QualType type = fn->getParamDecl(0)->getType().getCanonicalType();
  if (!type->isPointerType()) return "";
  clang::QualType pointee = type->getPointeeType();
  if (pointee->isVoidType()) return "void";
  if (const auto* record = pointee->getAsRecordDecl()) return record->getName().str();
  return "";
}

std::string explicit_section(const clang::FunctionDecl* fn) {
  if (const auto* attr = fn->getAttr<clang::SectionAttr>()) return attr->getName().str();
  return "";
}

// Checks the parameters after the context; false (with an error reported) if they are wrong.
bool check_arguments(AstPassContext& ctx, const clang::FunctionDecl* fn, ProgramDecl& p) {
  unsigned extra = fn->getNumParams() > 0 ? fn->getNumParams() - 1 : 0;
  if (extra == 0) return true;
  const std::string& name = p.name;
  if (p.kind == "kretprobe") {
    ctx.error(fn->getParamDecl(1)->getLocation(),
              "kretprobe program '" + name + "' cannot declare function arguments; read the "
              "return value with PT_REGS_RC(ctx)");
    return false;
  }
  if (p.kind != "kprobe" && p.kind != "syscall") {
    std::string hint = p.kind == "tracepoint" ? "; tracepoint fields are members of its argument struct"
                                              : "";
    ctx.error(fn->getParamDecl(1)->getLocation(),
              "program '" + name + "' (" + p.kind + ") takes one argument, its context" + hint);
    return false;
  }
  if (extra > 6) {
    ctx.error(fn->getParamDecl(7)->getLocation(),
              "program '" + name + "' declares " + std::to_string(extra) +
                  " arguments; at most 6 are passed in registers");
    return false;
  }
  std::string fixed;
  bool syscall = p.kind == "syscall" || syscall_entry(p.target, ctx.request.syscall_prefix, fixed);
  p.arg_source = (syscall && ctx.request.syscall_wrapper) ? ArgSource::SyscallRegisters : ArgSource::Registers;
  // Without the wrapper a syscall's pointer arguments are still user memory.
  p.user_pointer_args = syscall;
  for (unsigned i = 1; i < fn->getNumParams(); ++i)
    p.arg_is_pointer.push_back(fn->getParamDecl(i)->getType()->isPointerType());
  return true;
}

}  // namespace

void collect_programs(AstPassContext& ctx) {
  const clang::SourceManager& sm = ctx.ast.getSourceManager();
  const std::string& prefix = ctx.request.syscall_prefix;
  for (const clang::Decl* decl : ctx.ast.getTranslationUnitDecl()->decls()) {
    const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decl);
    if (!fn || !fn->doesThisDeclarationHaveABody()) continue;
    if (fn->getStorageClass() == clang::SC_Static || fn->isInlineSpecified()) continue;
    if (!sm.isInMainFile(sm.getExpansionLoc(fn->getLocation()))) continue;
    std::string name = fn->getName().str();
    if (starts_with(name, "__tk")) continue;

    ProgramDecl p;
    p.name = name;
    p.ctx_type = context_type_name(fn);
    ProgramKind kind = classify_program(name, p.ctx_type, explicit_section(fn), prefix);
    p.kind = kind.kind;
    p.target = kind.target;
    p.section = kind.section;
    if (!check_arguments(ctx, fn, p)) continue;

    if (p.kind == "tracepoint" && starts_with(p.target, "syscalls:")) p.user_pointers_from_ctx = true;

    // A program with a void* (or no) context may be attached as a kprobe, as BCC's examples
    // do; on kernels without kprobes it gets syscall tracepoint twins (decisions.md).
    bool untyped = p.kind == "generic" && (p.ctx_type == "void" || p.ctx_type.empty()) &&
                   explicit_section(fn).empty();
    bool probe_like = p.kind == "kprobe" || p.kind == "kretprobe" || p.kind == "syscall" || untyped;
    if (ctx.request.syscall_tracepoint_variants && probe_like) {
      std::string fixed;
      bool syscall_target = p.target.empty() || syscall_entry(p.target, prefix, fixed);
      if (syscall_target) {
        // A program attached by name (attach_kprobe) may be an entry or a return probe; what
        // it reads from its context tells, when it does (context_use.h).
        ContextUse use = context_use(fn);
        bool entry_only = !p.arg_is_pointer.empty() || (use.arguments && !use.return_value && !use.escapes);
        bool return_only = use.return_value && !use.arguments && !use.escapes;
        p.syscall_variants = true;
        if (p.kind != "kretprobe" && !return_only) p.enter_variant = name + "__tk_sys_enter";
        if (p.kind != "syscall" && (p.kind == "kretprobe" || p.target.empty()) && !entry_only)
          p.exit_variant = name + "__tk_sys_exit";
      }
    }
    ctx.analysis.programs.push_back(std::move(p));
  }
}

}  // namespace tracekit::compiler
