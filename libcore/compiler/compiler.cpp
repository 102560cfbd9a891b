// libtracekit-compiler: C text in, BPF ELF object and metadata out. No syscalls beyond reading
// the kernel's BTF, headers and tracepoint formats; deterministic for a given request.
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>

#include <llvm/Support/ErrorHandling.h>

#include <chrono>
#include <cstdlib>
#include <optional>

#include "common/build_identity.h"
#include "compiler/clang_frontend.h"
#include "compiler/codegen.h"
#include "compiler/compile_request.h"
#include "compiler/frontend_input.h"
#include "compiler/metadata.h"

namespace tracekit::compiler {
namespace {

class PhaseClock {
 public:
  explicit PhaseClock(std::vector<std::pair<std::string, double>>& phases) : phases_(phases) {}
  void restart() { last_ = std::chrono::steady_clock::now(); }
  void done(const char* phase) {
    auto now = std::chrono::steady_clock::now();
    phases_.emplace_back(phase, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  std::vector<std::pair<std::string, double>>& phases_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

void forward_fatal_error(void* request, const char* reason, bool) {
  static_cast<const CompileRequest*>(request)->on_fatal_error(reason);
  std::abort();  // on_fatal_error must not return
}

Result<CompileOutput> compile(const CompileRequest& request) {
  std::optional<llvm::ScopedFatalErrorHandler> fatal;
  if (request.on_fatal_error) fatal.emplace(&forward_fatal_error, const_cast<CompileRequest*>(&request));
  CompileOutput out;
  PhaseClock clock(out.phases);
  FrontendInput input = TK_TRY(prepare_input(request, out.phases));
  clock.restart();
  if (request.debug_flags & kDebugPreprocessor) out.debug_text += TK_TRY(preprocess_only(input));
  FrontendOutput frontend = TK_TRY(run_frontend(input, request));
  clock.done("clang front end");
  CodegenOutput code = TK_TRY(optimize_and_emit(*frontend.module, frontend.analysis, request));
  clock.done("optimise and codegen");
  out.elf = std::move(code.elf);
  out.debug_text += code.ir_text;
  out.debug_text += code.asm_text;
  out.metadata_json = metadata_json(frontend.analysis, request);
  out.warnings = std::move(frontend.warnings);
  out.source_files = std::move(frontend.source_files);
  return out;
}

std::string version() { return std::string(build_identity()); }

const CompilerApi kApi = {kCompilerAbiVersion, &compile, &version};

}  // namespace
}  // namespace tracekit::compiler

extern "C" __attribute__((visibility("default"))) const tracekit::compiler::CompilerApi* tracekit_compiler_v1() {
  return &tracekit::compiler::kApi;
}
