#include <clang/AST/ASTContext.h>
#include <clang/Basic/Diagnostic.h>

#include "compiler/frontend/ast_passes.h"

namespace tracekit::compiler {

void AstPassContext::error(clang::SourceLocation loc, const std::string& message) {
  unsigned id = diags.getCustomDiagID(clang::DiagnosticsEngine::Error, "%0");
  diags.Report(loc, id) << message;
}

void AstPassContext::warning(clang::SourceLocation loc, const std::string& message) {
  unsigned id = diags.getCustomDiagID(clang::DiagnosticsEngine::Warning, "%0");
  diags.Report(loc, id) << message;
}

}  // namespace tracekit::compiler
