#include "compiler/compile_support.h"

#include "runtime/compile/isolated_compile.h"

namespace tracekit::testing {

compiler::CompileRequest btf_request(const std::string& source) {
  compiler::CompileRequest request;
  request.source = source;
  request.header_mode = compiler::HeaderMode::Btf;
  request.on_fatal_error = &compile::report_fatal_error_and_exit;
  return request;
}

// Isolated like the runtime's compiles (see runtime/compile/isolated_compile.h).
Result<compiler::CompileOutput> compile(const compiler::CompileRequest& request) {
  return compile::run_isolated([&] { return tracekit_compiler_v1()->compile(request); });
}

Result<compiler::CompileOutput> compile_btf(const std::string& source) { return compile(btf_request(source)); }

std::string optimized_ir(const std::string& source, bool syscall_variants) {
  compiler::CompileRequest request = btf_request(source);
  request.debug_flags = compiler::kDebugLlvmIr;
  request.syscall_tracepoint_variants = syscall_variants;
  auto out = compile(request);
  if (!out.ok()) return "COMPILE ERROR: " + out.error().message;
  return out->debug_text;
}

}  // namespace tracekit::testing
