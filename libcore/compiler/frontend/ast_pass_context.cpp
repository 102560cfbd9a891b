#include <clang/AST/ASTContext.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>

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

std::vector<clang::Decl*> AstPassContext::program_decls() const {
  const clang::SourceManager& sm = ast.getSourceManager();
  std::vector<clang::Decl*> out;
  for (clang::Decl* decl : ast.getTranslationUnitDecl()->decls())
    if (sm.isInMainFile(sm.getExpansionLoc(decl->getLocation()))) out.push_back(decl);
  return out;
}

}  // namespace tracekit::compiler
