// bpf_usdt_readarg(N, ctx, &dst) in program F reads argument N of the USDT probe F is enabled
// on, through the reader the USDT support generated for it: _bpf_readarg_F_N (BCC's naming).
// This pass checks, at the call, that N is a constant and that the reader exists, so that a
// program used without USDT.enable_probe(..., fn_name="F") fails with a message saying so
// instead of a link error. ir/usdt_arguments.cpp makes the call.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/ast_visitor.h"

namespace tracekit::compiler {
namespace {

class Visitor : public FunctionScopedVisitor<Visitor> {
 public:
  Visitor(AstPassContext& ctx, std::set<std::string> readers) : ctx_(ctx), readers_(std::move(readers)) {}

  bool VisitCallExpr(clang::CallExpr* call) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (!callee || callee->getName() != "__tk_usdt_readarg" || !current_function() || call->getNumArgs() < 1)
      return true;
    std::string fn = current_function()->getName().str();
    auto index = call->getArg(0)->getIntegerConstantExpr(ctx_.ast);
    if (!index || index->getSExtValue() < 1 || index->getSExtValue() > 12) {
      ctx_.error(call->getArg(0)->getBeginLoc(),
                 "bpf_usdt_readarg: the argument index must be a constant from 1 to 12");
      return true;
    }
    std::string reader = "_bpf_readarg_" + fn + "_" + std::to_string(index->getSExtValue());
    if (readers_.count(reader)) return true;
    bool any = false;
    for (const std::string& r : readers_) any |= r.rfind("_bpf_readarg_" + fn + "_", 0) == 0;
    if (any)
      ctx_.error(call->getBeginLoc(), "bpf_usdt_readarg(" + std::to_string(index->getSExtValue()) +
                                          ", ...) in '" + fn + "': the USDT probe '" + fn +
                                          "' is enabled on has fewer arguments");
    else
      ctx_.error(call->getBeginLoc(), "bpf_usdt_readarg() in '" + fn + "': no USDT probe is enabled for '" +
                                          fn + "'; pass usdt_contexts=[u] to BPF() after "
                                          "u.enable_probe(probe=..., fn_name=\"" + fn + "\")");
    return true;
  }

 private:
  AstPassContext& ctx_;
  std::set<std::string> readers_;
};

}  // namespace

void check_usdt_arguments(AstPassContext& ctx) {
  std::set<std::string> readers;
  for (const clang::Decl* decl : ctx.ast.getTranslationUnitDecl()->decls())
    if (const auto* fn = llvm::dyn_cast<clang::FunctionDecl>(decl))
      if (fn->getName().startswith("_bpf_readarg_") && fn->doesThisDeclarationHaveABody())
        readers.insert(fn->getName().str());
  Visitor visitor(ctx, std::move(readers));
  for (clang::Decl* decl : ctx.program_decls()) visitor.TraverseDecl(decl);
}

}  // namespace tracekit::compiler
