// A BPF program cannot call another program: each is loaded on its own. BCC users hit this
// when a helper function is not declared static, so say exactly that.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include "compiler/frontend/ast_visitor.h"

#include "compiler/frontend/ast_passes.h"

namespace tracekit::compiler {
namespace {

class Visitor : public FunctionScopedVisitor<Visitor> {
 public:
  explicit Visitor(AstPassContext& ctx) : ctx_(ctx) {}

  bool VisitCallExpr(clang::CallExpr* call) {
    const clang::FunctionDecl* callee = call->getDirectCallee();
    if (!callee || !current_function()) return true;
    if (!ctx_.analysis.find_program(callee->getName().str())) return true;
    ctx_.error(call->getBeginLoc(),
               "'" + callee->getName().str() + "' is a BPF program (a non-static function) and "
               "cannot be called from '" + current_function()->getName().str() +
               "'; declare it 'static' to use it as a helper function");
    return true;
  }

 private:
  AstPassContext& ctx_;
};

}  // namespace

void check_program_calls(AstPassContext& ctx) {
  Visitor visitor(ctx);
  for (clang::Decl* decl : ctx.program_decls()) visitor.TraverseDecl(decl);
}

}  // namespace tracekit::compiler
