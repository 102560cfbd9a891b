#include "compiler/frontend/context_use.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>

#include "compiler/frontend/ast_visitor.h"

namespace tracekit::compiler {
namespace {

bool is_context(const clang::Expr* e, const clang::ParmVarDecl* ctx) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(e->IgnoreParenImpCasts());
  return ref && ref->getDecl() == ctx;
}

class Visitor : public clang::RecursiveASTVisitor<Visitor> {
 public:
  Visitor(const clang::ParmVarDecl* ctx, ContextUse& use) : ctx_(ctx), use_(use) {}

  bool VisitMemberExpr(clang::MemberExpr* member) {
    if (!member->isArrow() || !is_context(member->getBase(), ctx_)) return true;
    llvm::StringRef field = member->getMemberDecl()->getName();
    if (field == "ax" || field == "rax") use_.return_value = true;
    for (const char* arg : {"di", "si", "dx", "cx", "r8", "r9", "r10", "orig_ax", "rdi", "rsi", "rdx", "rcx"})
      if (field == arg) use_.arguments = true;
    return true;
  }

  bool VisitCallExpr(clang::CallExpr* call) {
    // Helpers are called through function pointers and table methods through members; a
    // direct call is to one of the program's functions, which may read anything.
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (!callee || !callee->hasBody()) return true;
    for (const clang::Expr* arg : call->arguments())
      if (is_context(arg, ctx_)) use_.escapes = true;
    return true;
  }

 private:
  const clang::ParmVarDecl* ctx_;
  ContextUse& use_;
};

}  // namespace

ContextUse context_use(const clang::FunctionDecl* program) {
  ContextUse use;
  if (program->getNumParams() == 0 || !program->hasBody()) return use;
  Visitor visitor(program->getParamDecl(0), use);
  visitor.TraverseStmt(program->getBody());
  return use;
}

}  // namespace tracekit::compiler
