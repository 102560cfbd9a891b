// Checks every call through a table (`counts.increment(key)`, `events.perf_submit(...)`): the
// method must exist for the table's type, and increment() needs an integer leaf. Records the
// struct a program submits to each perf or ring buffer, so the Python side can decode events
// (BPF(...)["events"].event(data)) without being told the layout.
#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>
#include <clang/AST/ParentMapContext.h>
#include "compiler/frontend/ast_visitor.h"

#include "compiler/frontend/ast_passes.h"
#include "compiler/frontend/table_kinds.h"
#include "compiler/frontend/type_layout.h"

namespace tracekit::compiler {
namespace {

const clang::VarDecl* table_of(const clang::Expr* base) {
  const auto* ref = llvm::dyn_cast<clang::DeclRefExpr>(base->IgnoreParenImpCasts());
  return ref ? llvm::dyn_cast<clang::VarDecl>(ref->getDecl()) : nullptr;
}

// The struct type behind a pointer argument such as `&data` or `(void *)&data`.
clang::QualType submitted_type(const clang::Expr* arg) {
  const clang::Expr* e = arg->IgnoreParenCasts();
  clang::QualType type = e->getType();
  if (type->isPointerType()) return type->getPointeeType();
  if (type->isArrayType()) return type;
  return {};
}

class Visitor : public clang::RecursiveASTVisitor<Visitor> {
 public:
  explicit Visitor(AstPassContext& ctx) : ctx_(ctx) {}

  bool VisitCallExpr(clang::CallExpr* call) {
    const auto* member = llvm::dyn_cast<clang::MemberExpr>(call->getCallee()->IgnoreParenImpCasts());
    if (!member) return true;
    const clang::VarDecl* var = table_of(member->getBase());
    if (!var) return true;
    const MapDecl* map = ctx_.analysis.find_map(var->getName().str());
    if (!map) return true;
    std::string method = member->getMemberDecl()->getName().str();
    const TableKind* kind = find_table_kind(map->bcc_type);
    if (!kind) return true;

    if (!table_has_method(*kind, method)) {
      std::string offered;
      for (const char* m : kind->methods) offered += (offered.empty() ? "" : ", ") + std::string(m);
      ctx_.error(member->getMemberLoc(), "table '" + map->name + "' (type \"" + map->bcc_type +
                                             "\") has no method '" + method + "'; its methods are: " +
                                             offered);
      return true;
    }
    bool increment = method == "increment" || method == "atomic_increment";
    if (increment && map->bcc_type != "extern" && map->leaf.value("kind", "") != "int") {
      ctx_.error(member->getMemberLoc(), "table '" + map->name + "': " + method +
                                             "() needs an integer leaf type");
      return true;
    }
    if (increment && call->getNumArgs() > 2) {
      ctx_.error(call->getArg(2)->getBeginLoc(), "table '" + map->name + "': " + method +
                                                     "() takes a key and an optional amount");
      return true;
    }

    clang::QualType event;
    if (method == "perf_submit" && call->getNumArgs() >= 2) event = submitted_type(call->getArg(1));
    if (method == "perf_submit_skb" && call->getNumArgs() >= 3) event = submitted_type(call->getArg(2));
    if (method == "ringbuf_output" && call->getNumArgs() >= 1) event = submitted_type(call->getArg(0));
    if (method == "ringbuf_reserve") event = reserved_type(call);
    if (!event.isNull() && !event->isVoidType() && !event->isIncompleteType())
      ctx_.analysis.events.emplace(map->name, type_layout(ctx_.ast, event));
    return true;
  }

 private:
  // `struct data_t *d = events.ringbuf_reserve(sizeof(*d));`: the type the result becomes.
  clang::QualType reserved_type(const clang::CallExpr* call) {
    const clang::Stmt* node = call;
    for (int depth = 0; depth < 4; ++depth) {
      auto parents = ctx_.ast.getParents(*node);
      if (parents.empty()) break;
      if (const auto* cast = parents[0].get<clang::CastExpr>()) {
        if (cast->getType()->isPointerType() && !cast->getType()->getPointeeType()->isVoidType())
          return cast->getType()->getPointeeType();
        node = cast;
        continue;
      }
      if (const auto* paren = parents[0].get<clang::ParenExpr>()) {
        node = paren;
        continue;
      }
      if (const auto* var = parents[0].get<clang::VarDecl>())
        if (var->getType()->isPointerType()) return var->getType()->getPointeeType();
      break;
    }
    return {};
  }

  AstPassContext& ctx_;
};

}  // namespace

void check_table_calls(AstPassContext& ctx) {
  Visitor visitor(ctx);
  for (clang::Decl* decl : ctx.program_decls()) visitor.TraverseDecl(decl);
}

}  // namespace tracekit::compiler
