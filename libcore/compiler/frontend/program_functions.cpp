// Finds the program's BPF programs: every non-static function defined in the program text.
// BCC's naming conventions decide the kind and the auto-attach target (kprobe__tcp_connect,
// kretprobe__..., syscall__execve, TRACEPOINT_PROBE's tracepoint__cat__ev, ...); otherwise the
// type of the context parameter does. Extra parameters after the context (kprobe arguments
// declared in the signature) are noted for ir/probe_arguments.cpp.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>

#include "compiler/frontend/ast_passes.h"

namespace tracekit::compiler {
namespace {

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

// "sys_clone" -> "__x64_sys_clone"; entry points already spelled with the prefix stay.
bool syscall_entry(const std::string& function, const std::string& prefix, std::string& fixed) {
  if (starts_with(function, prefix)) {
    fixed = function;
    return true;
  }
  for (const char* arch : {"__x64_sys_", "__ia32_sys_", "__arm64_sys_", "__s390x_sys_"}) {
    if (starts_with(function, arch)) {
      fixed = prefix + function.substr(std::string(arch).size());
      return true;
    }
  }
  if (starts_with(function, "sys_")) {
    fixed = prefix + function.substr(4);
    return true;
  }
  return false;
}

std::string context_type_name(const clang::FunctionDecl* fn) {
  if (fn->getNumParams() == 0) return "";
  clang::QualType type = fn->getParamDecl(0)->getType().getCanonicalType();
  if (!type->isPointerType()) return "";
  clang::QualType pointee = type->getPointeeType();
  if (pointee->isVoidType()) return "void";
  if (const auto* record = pointee->getAsRecordDecl()) return record->getName().str();
  return "";
}

void classify(ProgramDecl& p, const std::string& prefix) {
  const std::string& n = p.name;
  auto after = [&](const std::string& pfx) { return n.substr(pfx.size()); };
  if (starts_with(n, "kprobe__")) {
    p.kind = "kprobe";
    p.target = after("kprobe__");
  } else if (starts_with(n, "kretprobe__")) {
    p.kind = "kretprobe";
    p.target = after("kretprobe__");
  } else if (starts_with(n, "syscall__")) {
    p.kind = "syscall";
  } else if (starts_with(n, "tracepoint__")) {
    std::string rest = after("tracepoint__");
    size_t sep = rest.find("__");
    p.kind = "tracepoint";
    if (sep != std::string::npos) p.target = rest.substr(0, sep) + ":" + rest.substr(sep + 2);
  } else if (starts_with(n, "raw_tracepoint__")) {
    p.kind = "raw_tracepoint";
    p.target = after("raw_tracepoint__");
  } else if (p.ctx_type == "pt_regs") {
    p.kind = "kprobe";
  } else if (p.ctx_type == "bpf_perf_event_data") {
    p.kind = "perf_event";
  } else if (p.ctx_type == "xdp_md") {
    p.kind = "xdp";
  } else if (p.ctx_type == "bpf_raw_tracepoint_args") {
    p.kind = "raw_tracepoint";
  } else if (starts_with(p.ctx_type, "tracepoint__")) {
    p.kind = "tracepoint";
  } else {
    p.kind = "generic";
  }
  (void)prefix;
}

std::string section_for(const ProgramDecl& p) {
  if (p.kind == "kprobe" || p.kind == "syscall") return "kprobe/" + p.name;
  if (p.kind == "kretprobe") return "kretprobe/" + p.name;
  if (p.kind == "tracepoint") return "tracepoint/tracekit/" + p.name;
  if (p.kind == "raw_tracepoint") return "raw_tracepoint/" + p.name;
  if (p.kind == "perf_event") return "perf_event";
  if (p.kind == "xdp") return "xdp";
  return "tracekit/" + p.name;
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
    classify(p, prefix);

    // A program with a void* (or no) context may be attached as a kprobe, as BCC's examples do.
    bool untyped = p.kind == "generic" && (p.ctx_type == "void" || p.ctx_type.empty());
    bool probe_like = p.kind == "kprobe" || p.kind == "kretprobe" || p.kind == "syscall" || untyped;
    if (probe_like && !p.target.empty()) {
      std::string fixed;
      if (syscall_entry(p.target, prefix, fixed)) p.target = fixed;
    }

    unsigned extra = fn->getNumParams() > 0 ? fn->getNumParams() - 1 : 0;
    if (extra > 0) {
      if (p.kind == "kretprobe") {
        ctx.error(fn->getParamDecl(1)->getLocation(),
                  "kretprobe program '" + name + "' cannot declare function arguments; read the "
                  "return value with PT_REGS_RC(ctx)");
        continue;
      }
      if (p.kind != "kprobe" && p.kind != "syscall") {
        ctx.error(fn->getParamDecl(1)->getLocation(),
                  "program '" + name + "' (" + p.kind + ") takes one argument, its context");
        continue;
      }
      if (extra > 6) {
        ctx.error(fn->getParamDecl(7)->getLocation(),
                  "program '" + name + "' declares " + std::to_string(extra) +
                  " arguments; at most 6 are passed in registers");
        continue;
      }
      std::string fixed;
      bool syscall = p.kind == "syscall" || syscall_entry(p.target, prefix, fixed);
      p.arg_source = (syscall && ctx.request.syscall_wrapper) ? ArgSource::SyscallRegisters
                                                               : ArgSource::Registers;
      for (unsigned i = 1; i < fn->getNumParams(); ++i)
        p.arg_is_pointer.push_back(fn->getParamDecl(i)->getType()->isPointerType());
    }

    if (p.kind == "tracepoint" && starts_with(p.target, "syscalls:")) p.user_pointers_from_ctx = true;

    bool regs_context = p.ctx_type == "pt_regs" || p.ctx_type == "void" || p.ctx_type.empty();
    if (ctx.request.syscall_tracepoint_variants && probe_like && regs_context) {
      std::string fixed;
      bool syscall_target = p.target.empty() || syscall_entry(p.target, prefix, fixed);
      if (syscall_target) {
        p.syscall_variants = true;
        if (p.kind != "kretprobe") p.enter_variant = name + "__tk_sys_enter";
        if (p.kind != "syscall" && (p.kind == "kretprobe" || p.target.empty()))
          p.exit_variant = name + "__tk_sys_exit";
      }
    }
    p.section = section_for(p);
    ctx.analysis.programs.push_back(std::move(p));
  }
}

}  // namespace tracekit::compiler
