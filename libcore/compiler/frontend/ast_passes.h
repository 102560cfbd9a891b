// The AST passes: each reads the parsed program and records what it finds in the Analysis, or
// reports an error at the user's source location. They never modify the AST; lowering happens
// on the IR (compiler/ir/), so Clang parses the program exactly once.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "compiler/analysis.h"
#include "compiler/compile_request.h"

namespace clang {
class ASTContext;
class Decl;
class DiagnosticsEngine;
class SourceLocation;
}  // namespace clang

namespace tracekit::compiler {

struct AstPassContext {
  clang::ASTContext& ast;
  clang::DiagnosticsEngine& diags;
  Analysis& analysis;
  const CompileRequest& request;

  // Reports `message` as an error (or warning) at `loc`, in the user's text.
  void error(clang::SourceLocation loc, const std::string& message);
  void warning(clang::SourceLocation loc, const std::string& message);
  // The top-level declarations written in the program's own text (not in headers): what the
  // visiting passes walk, so that a headers-mode compile does not walk the kernel's headers.
  std::vector<clang::Decl*> program_decls() const;
};

// One function per pass, each in its own file, run in this order.
void collect_tables(AstPassContext& ctx);     // table_declarations.cpp
void collect_programs(AstPassContext& ctx);   // program_functions.cpp
void check_table_calls(AstPassContext& ctx);  // table_method_calls.cpp (and event capture)
void check_program_calls(AstPassContext& ctx);  // program_calls.cpp
void check_trace_printk_formats(AstPassContext& ctx);  // trace_printk_format.cpp
void check_usdt_arguments(AstPassContext& ctx);  // usdt_arguments.cpp

inline void run_ast_passes(AstPassContext& ctx) {
  collect_tables(ctx);
  collect_programs(ctx);
  check_table_calls(ctx);
  check_program_calls(ctx);
  check_trace_printk_formats(ctx);
  check_usdt_arguments(ctx);
}

}  // namespace tracekit::compiler
