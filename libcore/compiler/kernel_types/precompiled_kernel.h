// Headers mode: the kernel headers a program includes, parsed once and kept as a precompiled
// header. Parsing <linux/sched.h> and friends dominates a headers-mode compile (~0.45 s of
// ~0.5 s here); loading the same declarations from a precompiled header takes ~0.04 s. The
// header holds linux/kconfig.h, <tracekit/kernel.h> and the program's leading #include <...>
// lines (kernel_types/leading_includes.h); it is stored through the request's artifact
// callbacks (the runtime's object cache) under a key of the compiler's build, the kernel
// headers' identity, the included headers and every compiler argument.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "compiler/clang_frontend.h"
#include "compiler/compile_request.h"

namespace tracekit::compiler {

struct PrecompiledKernel {
  std::string source_path;  // the header it was built from, which the compile must also see
  std::string source;
  std::string data;    // the precompiled header
  bool built = false;  // false: it came from storage
};

// `base` is the program's frontend input without the program: its virtual files and the
// arguments both parses share. Requires the request's artifact callbacks.
Result<PrecompiledKernel> precompiled_kernel(const CompileRequest& request, const FrontendInput& base,
                                             const std::vector<std::string>& headers);

}  // namespace tracekit::compiler
