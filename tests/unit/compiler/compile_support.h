// Compiles program text in process, as libtracekit-compiler does, for tests of the passes.
#pragma once

#include <string>

#include "common/result.h"
#include "compiler/compile_request.h"

namespace tracekit::testing {

// BTF mode against the host's /sys/kernel/btf/vmlinux (readable without root).
compiler::CompileRequest btf_request(const std::string& source);
Result<compiler::CompileOutput> compile(const compiler::CompileRequest& request);
Result<compiler::CompileOutput> compile_btf(const std::string& source);
// The optimised IR of `source` (debug=DEBUG_LLVM_IR), for checks on what a pass produced.
std::string optimized_ir(const std::string& source, bool syscall_variants = false);

}  // namespace tracekit::testing
