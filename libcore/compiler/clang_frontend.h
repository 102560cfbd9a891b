// Runs Clang once over the program: preprocess with the in-memory headers, parse, run the AST
// passes (frontend/), and generate unoptimised LLVM IR. All files come from an overlay of an
// in-memory file system on the real one (the real one serves headers mode and local includes).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "compiler/analysis.h"
#include "compiler/compile_request.h"

namespace llvm {
class LLVMContext;
class Module;
}  // namespace llvm

namespace tracekit::compiler {

struct FrontendInput {
  std::string main_name;  // shown in diagnostics
  std::string main_text;  // the program, with the epilogue include appended
  std::string main_path = "/tk/src/main.c";  // where main_text appears to Clang
  std::vector<std::pair<std::string, std::string>> virtual_files;  // absolute path -> contents
  std::vector<std::string> args;  // cc1 arguments (include paths, defines, user cflags)
  bool btf_mode = true;           // kernel types from BTF (for the hints errors get)
};

struct FrontendOutput {
  std::unique_ptr<llvm::LLVMContext> context;
  std::unique_ptr<llvm::Module> module;
  Analysis analysis;
  std::vector<Diagnostic> warnings;
  std::vector<std::string> source_files;  // see CompileOutput::source_files
};

Result<FrontendOutput> run_frontend(const FrontendInput& input, const CompileRequest& request);

// Preprocessed text of the program (debug=DEBUG_PREPROCESSOR).
Result<std::string> preprocess_only(const FrontendInput& input);

// Parses `input` (a header: its args say -x c-header) and returns it as a precompiled header,
// in memory.
Result<std::string> build_precompiled_header(const FrontendInput& input);

}  // namespace tracekit::compiler
