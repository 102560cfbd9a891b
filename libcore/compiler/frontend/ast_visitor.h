// Clang's RecursiveASTVisitor, included with GCC 12's -Wnonnull silenced: GCC inlines the C++
// base-class walk (never reached for C) and warns about a null ExternalASTSource on it, a
// false positive that -Werror builds would otherwise stop on.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnonnull"
#include <clang/AST/RecursiveASTVisitor.h>
#pragma GCC diagnostic pop

namespace tracekit::compiler {

// A visitor that knows which function the node it visits is written in (current_function(),
// null at file scope), for passes whose rules depend on the enclosing program.
template <typename Derived>
class FunctionScopedVisitor : public clang::RecursiveASTVisitor<Derived> {
 public:
  bool TraverseFunctionDecl(clang::FunctionDecl* fn) {
    const clang::FunctionDecl* saved = current_;
    current_ = fn;
    bool result = clang::RecursiveASTVisitor<Derived>::TraverseFunctionDecl(fn);
    current_ = saved;
    return result;
  }

 protected:
  const clang::FunctionDecl* current_function() const { return current_; }

 private:
  const clang::FunctionDecl* current_ = nullptr;
};

}  // namespace tracekit::compiler
