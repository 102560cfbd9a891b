// Optimises the module with the IR passes in place and emits the BPF ELF object.
#pragma once

#include <string>

#include "common/result.h"
#include "compiler/analysis.h"
#include "compiler/compile_request.h"

namespace llvm {
class Module;
}

namespace tracekit::compiler {

struct CodegenOutput {
  std::string elf;
  std::string ir_text;   // with kDebugLlvmIr
  std::string asm_text;  // with kDebugSource
};

Result<CodegenOutput> optimize_and_emit(llvm::Module& module, const Analysis& analysis,
                                        const CompileRequest& request);

}  // namespace tracekit::compiler
