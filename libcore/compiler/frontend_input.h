// What Clang parses for a request: the program text, tracekit's headers and the generated ones
// (kernel types from BTF, tracepoint structs) in an in-memory file system, and the cc1
// arguments for the header mode. In headers mode the kernel headers the program starts by
// including come precompiled (kernel_types/precompiled_kernel.h).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "compiler/clang_frontend.h"
#include "compiler/compile_request.h"

namespace tracekit::compiler {

// `phases` gets the time spent on kernel types ("kernel types", "precompiled headers").
Result<FrontendInput> prepare_input(const CompileRequest& request,
                                    std::vector<std::pair<std::string, double>>& phases);

}  // namespace tracekit::compiler
