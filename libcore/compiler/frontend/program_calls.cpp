// A BPF program cannot call another program: each is loaded on its own. BCC users hit this
// when a helper function is not declared static, so say exactly that.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include "compiler/frontend/ast_visitor.h"

#include "compiler/frontend/ast_passes.h"

namespace tracekit::compiler {
namespace {

class Visitor : public clang::RecursiveASTVisitor<Visitor> {
 public:
  explicit Visitor(AstPassContext& ctx) : ctx_(ctx) {}

  bool TraverseFunctionDecl(clang::FunctionDecl* fn) {
    const clang::FunctionDecl* saved = current_;
    current_ = fn;
    bool result = clang::RecursiveASTVisitor<Visitor>::TraverseFunctionDecl(fn);
    current_ = saved;
    return result;
  }

  bool VisitCallExpr(clang::CallExpr* call) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (!callee || !current_) return true;
    if (!ctx_.analysis.find_program(callee->getName().str())) return true;
    ctx_.error(call->getBeginLoc(),
               "'" + callee->getName().str() + "' is a BPF program (a non-static function) and "
               "cannot be called from '" + current_->getName().str() +
               "'; declare it 'static' to use it as a helper function");
    return true;
  }

 private:
  AstPassContext& ctx_;
  const clang::FunctionDecl* current_ = nullptr;
};

}  // namespace

void check_program_calls(AstPassContext& ctx) {
  Visitor visitor(ctx);
  for (clang::Decl* decl : ctx.program_decls()) visitor.TraverseDecl(decl);
}

}  // namespace tracekit::compiler
